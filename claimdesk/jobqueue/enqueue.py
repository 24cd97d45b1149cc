"""Queue a batch: its inputs become job rows in the shared database, then one message each.

The rows come first, in one transaction, so a batch whose messages were lost (the enqueuer
stopped half-way, a Redis broker restarted without persistence) is still there in full and
`requeue` sends its unfinished jobs again; a job delivered twice is processed once.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from pathlib import Path

import dramatiq

from claimdesk.batch import specs_from_args
from claimdesk.ingest import IngestError
from claimdesk.ingest.documents import check_size
from claimdesk.jobqueue.broker import DEFAULT_QUEUE_NAME, ingest_actor
from claimdesk.store import jobs
from claimdesk.store.repo import Store


def queued_inputs(args: Iterable[str]) -> Iterator[jobs.QueuedInput]:
    """Files (read now: workers elsewhere cannot see this machine's paths), folders
    (recursively) and URLs (fetched by the worker) from a command line."""
    for spec in specs_from_args(args):
        if spec.kind == "url":
            yield jobs.QueuedInput("url", spec.name)
        elif spec.kind == "missing":
            yield jobs.QueuedInput("file", spec.name, failed="no such file or folder")
        else:
            yield _file_input(Path(spec.name))


def _file_input(path: Path) -> jobs.QueuedInput:
    """A file's bytes, size checked before they are read (a refusal names its setting)."""
    try:
        check_size(path.name, path.stat().st_size, None)
        return jobs.QueuedInput("file", str(path), payload=path.read_bytes())
    except IngestError as exc:
        return jobs.QueuedInput("file", str(path), failed=exc.reason)
    except OSError as exc:
        reason = exc.strerror.lower() if exc.strerror else type(exc).__name__
        return jobs.QueuedInput("file", str(path), failed=f"could not be read ({reason})")


def send(
    broker: dramatiq.Broker, job_ids: Sequence[int], queue_name: str = DEFAULT_QUEUE_NAME
) -> int:
    """One message per job id; returns how many were sent."""
    actor = ingest_actor(broker, queue_name)
    for job_id in job_ids:
        actor.send(job_id)
    return len(job_ids)


def enqueue(
    store: Store,
    broker: dramatiq.Broker,
    inputs: Sequence[jobs.QueuedInput],
    *,
    queue_name: str = DEFAULT_QUEUE_NAME,
    ingested_by: str | None = None,
    allow_private: bool = True,
) -> tuple[str, int]:
    """Stores the batch, then sends its jobs; the batch id and how many jobs were sent."""
    batch_id, job_ids = jobs.create_batch(
        store, inputs, ingested_by=ingested_by, allow_private=allow_private
    )
    return batch_id, send(broker, job_ids, queue_name)


def requeue(
    store: Store, broker: dramatiq.Broker, batch_id: str, queue_name: str = DEFAULT_QUEUE_NAME
) -> int:
    """Sends a batch's unfinished jobs again (those finished meanwhile are skipped by the
    worker that gets them); returns how many were sent."""
    return send(broker, jobs.unfinished_jobs(store, batch_id), queue_name)
