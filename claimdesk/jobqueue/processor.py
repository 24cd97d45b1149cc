"""What a worker does with one queued job: take it, read and analyse it, store it, finish it.

- Every outcome is recorded once: the article and its job's mark are written in one
  transaction (Store.add_article's `also`), and a finished job is never processed again, so a
  job delivered twice (its first worker killed with -9) adds nothing twice.
- An input that cannot be read or analysed, whose analysis raised, crashed its analysis
  process or ran past its time budget is failed once, with the reason; never retried.
- The database going away is no failure: the worker waits until it answers again and goes
  on with the same job. Asked to stop while it waits, it hands the job back (ReturnJob) for
  the broker to deliver again later.
"""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Callable
from typing import TypeVar

from sqlalchemy import text
from sqlalchemy.exc import DisconnectionError, InterfaceError, OperationalError

from claimdesk import settings
from claimdesk.batch import InputSpec, match_known_factchecks, store_article, wants_matching
from claimdesk.model import Analysis, Article
from claimdesk.store import jobs
from claimdesk.store.repo import AddOutcome, Store
from claimdesk.workers import JobFailed, JobTimedOut, WorkerDied, budget_reason

log = logging.getLogger(__name__)
T = TypeVar("T")

#: Errors that may mean the database is away rather than that the job is bad.
DATABASE_ERRORS = (OperationalError, InterfaceError, DisconnectionError)
#: A database error while the database answers is retried this many times before the job
#: fails with it (so one input that always trips the database cannot loop forever).
ERRORS_WHILE_REACHABLE = 3
WAIT_FIRST, WAIT_MAX = 0.5, 5.0

AnalysisResult = tuple[Article, Analysis | None] | AddOutcome
#: Reads and analyses one input (in an analysis process): see claimdesk.workers.read_and_analyse.
AnalyseFn = Callable[[InputSpec, bool], AnalysisResult]


class ReturnJob(Exception):
    """The worker stops while its job waits for the database: the broker delivers it again."""


class DatabaseGuard:
    """Runs database steps, waiting out an unreachable database (until `stopping` is set)."""

    def __init__(self, store: Store, stopping: threading.Event) -> None:
        self.store = store
        self.stopping = stopping
        self.waits = 0  # times the database was found away (for logs and tests)

    def reachable(self) -> bool:
        try:
            with self.store.engine.connect() as conn:
                conn.execute(text("SELECT 1"))
            return True
        except Exception:
            return False

    def wait_until_reachable(self, cause: BaseException) -> None:
        self.waits += 1
        log.warning(
            "database unreachable (%s); waiting for it", type(cause).__name__, exc_info=False
        )
        pause = WAIT_FIRST
        while not self.reachable():
            if self.stopping.wait(pause):
                raise ReturnJob("stopping while the database is unreachable") from cause
            pause = min(pause * 2, WAIT_MAX)
        log.warning("database reachable again; going on")

    def run(self, step: Callable[[], T]) -> T:
        """`step()`, again and again while the database is away; a database error while it
        answers is retried a few times and then raised."""
        errors = 0
        while True:
            try:
                return step()
            except DATABASE_ERRORS as exc:
                if self.reachable():
                    errors += 1
                    if errors >= ERRORS_WHILE_REACHABLE:
                        raise
                    log.warning("database error (%s); trying again", type(exc).__name__)
                    time.sleep(WAIT_FIRST * errors)
                    continue
                self.wait_until_reachable(exc)


class JobProcessor:
    """Processes queued jobs for one worker (see the module docstring)."""

    def __init__(
        self,
        store: Store,
        analyse: AnalyseFn,
        *,
        worker: str,
        stopping: threading.Event | None = None,
    ) -> None:
        self.store = store
        self.analyse = analyse
        self.worker = worker
        self.stopping = stopping or threading.Event()
        self.db = DatabaseGuard(store, self.stopping)

    def process(self, job_id: int) -> AddOutcome | None:
        """Processes job `job_id`; its outcome, or None if there was nothing to do."""
        job = self.db.run(lambda: jobs.claim(self.store, job_id, self.worker))
        if job is None:
            log.info("job %s: already finished; nothing to do", job_id)
            return None
        outcome = job.stored if job.stored is not None else self._read_analyse_store(job)
        if outcome.status != "failed" and (
            wants_matching(outcome) or (job.stored is not None and outcome.status == "added")
        ):
            outcome.message += self._match(outcome)
        self.db.run(lambda: jobs.finish(self.store, job.id, outcome))
        log.info("job %s (%s): %s", job.id, job.name, outcome.status)
        return outcome

    def _match(self, outcome: AddOutcome) -> str:
        """Words on matching the stored article's claims with the known fact-checks (waiting
        out a database outage; the article stays stored whatever happens here)."""
        try:
            return self.db.run(
                lambda: match_known_factchecks(self.store, outcome, passthrough=DATABASE_ERRORS)
            )
        except ReturnJob:
            raise
        except Exception as exc:
            log.exception("matching %s with known fact-checks failed", outcome.name)
            return f"; matching with known fact-checks failed ({type(exc).__name__})"

    def _read_analyse_store(self, job: jobs.ClaimedJob) -> AddOutcome:
        spec = spec_of(job)
        try:
            got = self.analyse(spec, job.allow_private)
        except JobTimedOut:
            return AddOutcome("failed", job.name, budget_reason(settings.limits().seconds))
        except WorkerDied:
            return AddOutcome(
                "failed", job.name, "its analysis process stopped (out of memory?); nothing stored"
            )
        except JobFailed as exc:
            kind = str(exc).split(":")[0]
            return AddOutcome("failed", job.name, f"analysis failed ({kind}); nothing stored")
        if isinstance(got, AddOutcome):
            return got
        article, analysis = got

        def store() -> AddOutcome:
            return store_article(
                self.store,
                job.name,
                article,
                analysis,
                job.ingested_by,
                also=lambda s, outcome: jobs.record_stored(s, job.id, outcome),
            )

        try:
            return self.db.run(store)
        except ReturnJob:
            raise
        except Exception as exc:  # the database refuses this one input, or a writer bug
            log.exception("storing job %s (%s) failed", job.id, job.name)
            return AddOutcome("failed", job.name, f"could not be stored ({type(exc).__name__})")


def spec_of(job: jobs.ClaimedJob) -> InputSpec:
    """The InputSpec a job's row describes (what claimdesk.workers.read_and_analyse reads)."""
    if job.kind == "file":
        return InputSpec("file", job.name, data=job.payload or b"")
    if job.kind == "text":
        return InputSpec(
            "text", job.name, text=(job.payload or b"").decode("utf-8"), title=job.title
        )
    return InputSpec("url", job.name)
