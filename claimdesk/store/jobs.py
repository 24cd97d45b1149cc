"""The jobs of batches queued for distributed ingestion: created, taken, finished, counted.

A batch is one enqueue (`python -m claimdesk ingest … --queue URL`); each of its inputs is a
job row (schema.IngestJobRow) that holds the input itself, so any worker that reaches the
database can process it. The broker only carries job ids: whatever it delivers twice (a worker
killed before it acknowledged, a batch re-sent), the row says what is left to do.

State changes here do not bump the change counter (no cached page reads this table); storing
the article does, in the transaction that also marks its job (`record_stored`).
"""

from __future__ import annotations

import datetime as dt
import uuid
from collections.abc import Sequence
from dataclasses import dataclass, field

from sqlalchemy import func, select, update
from sqlalchemy.orm import Session

from claimdesk.store.repo import AddOutcome, Store
from claimdesk.store.schema import IngestJobRow

#: Deliveries of one job that may end without an outcome (its worker killed, or returning it
#: while the database was down) before the job fails instead of being taken once more.
MAX_ATTEMPTS = 5
#: Failure reasons shown per batch (the rest are counted).
MAX_FAILURES_SHOWN = 200
FINAL_STATES = ("done", "failed")


def _now() -> dt.datetime:
    return dt.datetime.now(dt.UTC).replace(tzinfo=None)


@dataclass(frozen=True)
class QueuedInput:
    """One input as it is queued: a file's bytes, pasted text, a URL; or one already failed
    at the enqueuer (a missing path, a file over the size limit) with `failed` as the reason."""

    kind: str  # file | text | url
    name: str
    payload: bytes | None = None
    title: str | None = None
    failed: str | None = None


@dataclass(frozen=True)
class ClaimedJob:
    """A job a worker has just taken (its attempt counted), with the input to process."""

    id: int
    batch_id: str
    kind: str
    name: str
    payload: bytes | None
    title: str | None
    allow_private: bool
    ingested_by: str | None
    attempts: int
    stored: AddOutcome | None  # the article was stored by an earlier attempt


@dataclass
class BatchProgress:
    """Where a queued batch stands."""

    batch_id: str
    total: int = 0
    added: int = 0
    duplicate: int = 0
    failed: int = 0
    running: int = 0
    waiting: int = 0
    created_at: dt.datetime | None = None
    failures: list[tuple[str, str]] = field(default_factory=list)  # (input, reason)

    @property
    def done(self) -> int:
        return self.added + self.duplicate

    @property
    def finished(self) -> bool:
        return self.total > 0 and self.done + self.failed == self.total

    def summary(self) -> str:
        return (
            f"{self.done:,}/{self.total:,} done ({self.added:,} added, {self.duplicate:,} "
            f"duplicate), {self.failed:,} failed, {self.running:,} running, "
            f"{self.waiting:,} waiting"
        )


def new_batch_id() -> str:
    return uuid.uuid4().hex[:16]


def create_batch(
    store: Store,
    inputs: Sequence[QueuedInput],
    *,
    ingested_by: str | None = None,
    allow_private: bool = True,
) -> tuple[str, list[int]]:
    """Stores a batch's jobs in one transaction; returns its id and the ids of the jobs to
    send (those not already failed), in input order."""
    batch_id = new_batch_id()
    now = _now()

    def tx(s: Session) -> list[int]:
        rows = [
            IngestJobRow(
                batch_id=batch_id,
                position=n,
                kind=item.kind,
                name=item.name,
                title=item.title,
                payload=None if item.failed else item.payload,
                allow_private=allow_private,
                ingested_by=ingested_by,
                state="failed" if item.failed else "waiting",
                outcome="failed" if item.failed else None,
                message=item.failed,
                attempts=0,
                created_at=now,
                finished_at=now if item.failed else None,
            )
            for n, item in enumerate(inputs)
        ]
        s.add_all(rows)
        s.flush()
        return [row.id for row in rows if row.state == "waiting"]

    return batch_id, store.write(tx, bump=False)


def claim(store: Store, job_id: int, worker: str, *, max_attempts: int = MAX_ATTEMPTS):
    """Takes a job for `worker`: the job to process, or None when there is nothing to do (it
    is finished, unknown, or had `max_attempts` deliveries end without an outcome, in which
    case it is failed now with that reason)."""

    def tx(s: Session) -> ClaimedJob | None:
        query = select(IngestJobRow).where(IngestJobRow.id == job_id)
        if s.get_bind().dialect.name == "postgresql":
            query = query.with_for_update()
        row = s.scalars(query).first()
        if row is None or row.state in FINAL_STATES:
            return None
        if row.attempts >= max_attempts:
            row.state, row.outcome, row.finished_at = "failed", "failed", _now()
            row.message = f"a worker stopped {row.attempts} times while processing it; not retried"
            return None
        row.attempts += 1
        row.state, row.worker, row.started_at = "running", worker[:200], _now()
        stored = None
        if row.article_id is not None and row.outcome in ("added", "duplicate"):
            stored = AddOutcome(row.outcome, row.name, row.message or "", article_id=row.article_id)
        return ClaimedJob(
            id=row.id,
            batch_id=row.batch_id,
            kind=row.kind,
            name=row.name,
            payload=row.payload,
            title=row.title,
            allow_private=row.allow_private,
            ingested_by=row.ingested_by,
            attempts=row.attempts,
            stored=stored,
        )

    return store.write(tx, bump=False)


def record_stored(session: Session, job_id: int, outcome: AddOutcome) -> None:
    """Marks a job's article stored (added, or found a duplicate), in the transaction that
    decided it (the `also` hook of Store.add_article). The job is done once `finish` runs.
    A mark already there (another delivery of the job stored it) is kept."""
    session.execute(
        update(IngestJobRow)
        .where(IngestJobRow.id == job_id, IngestJobRow.article_id.is_(None))
        .values(
            article_id=outcome.article_id,
            outcome=outcome.status,
            message=outcome.message,
            payload=None,
        )
    )


def finish(store: Store, job_id: int, outcome: AddOutcome) -> bool:
    """Records a job's final outcome (done, or failed with the reason); False if it was
    finished already (by another delivery), which is then left as it is.

    Two deliveries of one job running at once (a batch sent again while a worker held it) both
    store its article: one adds it, the other finds it stored. The job stays "added" then.
    """
    state = "failed" if outcome.status == "failed" else "done"

    def tx(s: Session) -> bool:
        query = select(IngestJobRow).where(IngestJobRow.id == job_id)
        if s.get_bind().dialect.name == "postgresql":
            query = query.with_for_update()
        row = s.scalars(query).first()
        if row is None or row.state in FINAL_STATES:
            return False
        ours = (
            outcome.status == "duplicate"
            and row.outcome == "added"
            and row.article_id == outcome.article_id
        )
        row.state, row.finished_at = state, _now()
        if not ours:
            row.outcome, row.message = outcome.status, outcome.message[:2000]
        if outcome.article_id is not None:
            row.article_id = outcome.article_id
        if state == "done":
            row.payload = None
        return True

    return store.write(tx, bump=False)


def batch_progress(store: Store, batch_id: str) -> BatchProgress | None:
    """Counts of a batch's jobs by state and outcome, and its failures' reasons; None if no
    batch has that id."""
    with store.read() as s:
        counts = s.execute(
            select(
                IngestJobRow.state,
                IngestJobRow.outcome,
                func.count(),
                func.min(IngestJobRow.created_at),
            )
            .where(IngestJobRow.batch_id == batch_id)
            .group_by(IngestJobRow.state, IngestJobRow.outcome)
        ).all()
        if not counts:
            return None
        progress = BatchProgress(batch_id)
        for state, outcome, n, created in counts:
            progress.total += n
            if state == "done":
                if outcome == "duplicate":
                    progress.duplicate += n
                else:
                    progress.added += n
            elif state == "failed":
                progress.failed += n
            elif state == "running":
                progress.running += n
            else:
                progress.waiting += n
            if created is not None and (
                progress.created_at is None or created < progress.created_at
            ):
                progress.created_at = created
        if progress.failed:
            progress.failures = [
                (name, message or "")
                for name, message in s.execute(
                    select(IngestJobRow.name, IngestJobRow.message)
                    .where(IngestJobRow.batch_id == batch_id, IngestJobRow.state == "failed")
                    .order_by(IngestJobRow.position)
                    .limit(MAX_FAILURES_SHOWN)
                )
            ]
        return progress


def recent_batches(store: Store, limit: int = 10) -> list[tuple[str, dt.datetime]]:
    """The latest batches, newest first: (id, when it was queued). Read from each batch's first
    job, so the cost does not grow with the table."""
    with store.read() as s:
        rows = s.execute(
            select(IngestJobRow.batch_id, IngestJobRow.created_at)
            .where(IngestJobRow.position == 0)
            .order_by(IngestJobRow.id.desc())
            .limit(limit)
        ).all()
    return [(batch_id, created) for batch_id, created in rows]


def unfinished_jobs(store: Store, batch_id: str) -> list[int]:
    """Ids of a batch's jobs not done or failed (to send again after a broker lost them)."""
    with store.read() as s:
        return list(
            s.scalars(
                select(IngestJobRow.id)
                .where(IngestJobRow.batch_id == batch_id, IngestJobRow.state.not_in(FINAL_STATES))
                .order_by(IngestJobRow.position)
            )
        )
