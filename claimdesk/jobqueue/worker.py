"""`python -m claimdesk worker`: take queued jobs until stopped.

One worker process runs Dramatiq's consumer with `processes` threads, each handing its job's
reading and analysis to one analysis process (claimdesk.workers.FairPool: the spaCy pipeline
loaded once, a time budget per input, a crash that fails only its input) and storing the
result itself. SIGTERM or SIGINT: no new job is taken, the jobs in progress finish (or, if
they are waiting for the database, are handed back to the broker), then the process exits 0;
a second signal exits at once (the broker delivers the unacknowledged jobs again).
"""

from __future__ import annotations

import logging
import os
import signal
import socket
import sys
import threading
import time
from collections.abc import Callable

import dramatiq

from claimdesk import settings
from claimdesk.batch import InputSpec
from claimdesk.jobqueue.broker import DEFAULT_QUEUE_NAME, broker_for, ingest_actor
from claimdesk.jobqueue.processor import (
    DATABASE_ERRORS,
    WAIT_MAX,
    AnalysisResult,
    JobProcessor,
    ReturnJob,
)
from claimdesk.store import jobs
from claimdesk.store.repo import AddOutcome, Store
from claimdesk.workers import FairPool, read_and_analyse

log = logging.getLogger("claimdesk.worker")
#: How long stopping may wait for the jobs in progress (each is bounded by its input budget).
STOP_GRACE_MS = 15 * 60 * 1000


def worker_name() -> str:
    """How job rows name the worker that took them: host and process id."""
    return f"{socket.gethostname()}:{os.getpid()}"


def open_store(url: str | None, stopping: threading.Event) -> Store | None:
    """The database (migrated), waiting while it is unreachable; None if stopped meanwhile."""
    pause = 0.5
    while True:
        try:
            return Store(url) if url else Store()
        except DATABASE_ERRORS as exc:
            log.warning("database unreachable at start (%s); waiting for it", type(exc).__name__)
            if stopping.wait(pause):
                return None
            pause = min(pause * 2, WAIT_MAX)


def _handler(stopping: threading.Event) -> Callable[[int, object], None]:
    def on_signal(signum: int, _frame: object) -> None:
        if stopping.is_set():
            log.warning("second %s: exiting now", signal.Signals(signum).name)
            os._exit(1)
        log.info("%s: finishing the jobs in progress, then stopping", signal.Signals(signum).name)
        stopping.set()

    return on_signal


def run_worker(
    queue_url: str,
    db_url: str | None = None,
    *,
    queue_name: str = DEFAULT_QUEUE_NAME,
    processes: int = 1,
    model: str | None = None,
) -> int:
    """Runs until SIGTERM/SIGINT; the exit status."""
    stopping = threading.Event()
    for sig in (signal.SIGTERM, signal.SIGINT):
        signal.signal(sig, _handler(stopping))
    name = worker_name()
    store = open_store(db_url, stopping)
    if store is None:
        return 0
    processes = max(1, processes)
    pool = FairPool(processes=processes, model=model)
    pool.start()  # the pipelines load while the consumer connects

    def analyse(spec: InputSpec, allow_private: bool) -> AnalysisResult:
        budget = settings.limits().seconds
        return pool.submit(
            "queue", read_and_analyse, spec, allow_private, budget=budget
        ).future.result()

    processor = JobProcessor(store, analyse, worker=name, stopping=stopping)

    def handle(job_id: int) -> None:
        try:
            processor.process(job_id)
        except ReturnJob as exc:
            raise dramatiq.Retry(str(exc)) from exc
        except Exception as exc:  # a bug: fail the job once rather than loop on it
            log.exception("job %s: unexpected error", job_id)
            reason = f"the worker failed on it ({type(exc).__name__}); not retried"
            try:
                jobs.finish(store, job_id, AddOutcome("failed", str(job_id), reason))
            except Exception:
                log.exception("job %s: could not record the failure", job_id)

    broker = broker_for(queue_url)
    ingest_actor(broker, queue_name, handle)
    broker.emit_after("process_boot")
    worker = dramatiq.Worker(broker, worker_threads=processes)
    # one job in hand per thread: a job waits in the broker for any free worker rather than
    # behind a busy one (Dramatiq's default prefetch is twice the threads)
    worker.queue_prefetch = processes
    worker.start()
    where = store.url.split("@")[-1]
    log.info(
        "worker %s: taking jobs from %r (%d process(es)) -> %s", name, queue_name, processes, where
    )
    try:
        while not stopping.wait(1.0):
            pass
    finally:
        started = time.monotonic()
        worker.stop(timeout=STOP_GRACE_MS)
        broker.close()
        pool.close()
        log.info("worker %s stopped (%.1f s to finish)", name, time.monotonic() - started)
    return 0


def configure_logging() -> None:
    logging.basicConfig(
        level=logging.INFO,
        stream=sys.stderr,
        format="%(asctime)s %(levelname)s %(name)s: %(message)s",
    )
    # a lost broker connection is told once, by Dramatiq ("Consumer encountered a connection
    # error"), rather than by every layer of pika as well
    logging.getLogger("pika").setLevel(logging.CRITICAL)
    logging.getLogger("dramatiq").setLevel(logging.WARNING)
