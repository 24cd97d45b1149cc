"""Analysis in worker processes, shared fairly by everyone who submits work.

Used by `python -m claimdesk ingest --workers N` (parallel analysis on N cores) and by the app,
where one server's users share its workers:

- Each worker process loads the spaCy pipeline once, then runs jobs (reading, analysing and
  storing whole chunks of inputs through the same write path as everything else).
- Jobs wait in one queue per owner (a browser session, or the CLI); a free worker takes the next
  job of the next owner in turn, so a 50-file upload never holds up another user's paste for
  more than the job in progress. `per_owner` caps the workers one owner holds at once (the app
  keeps one free for whoever comes next).
- Each job has a wall-clock budget: a worker still busy past it is killed and replaced, and the
  job fails with a sentence that names the limit. A crashed worker (out of memory, a native
  library's fault) fails only its job and is replaced too.
- An owner can cancel: its queued jobs are dropped, its running jobs' workers are replaced.
A killed worker loses nothing stored: every article is written in one transaction.
"""

from __future__ import annotations

import itertools
import multiprocessing as mp
import sys
import threading
import time
import types
from collections import deque
from collections.abc import Callable, Iterator
from concurrent.futures import CancelledError, Future
from concurrent.futures import TimeoutError as FutureTimeout
from contextlib import contextmanager, suppress
from dataclasses import dataclass, field
from multiprocessing.connection import Connection, wait
from typing import Any, Self, cast

from claimdesk import settings
from claimdesk.batch import InputSpec, ingest_batch, read_item, should_analyse
from claimdesk.model import Analysis, Article
from claimdesk.store.repo import AddOutcome

ProgressFn = Callable[[int, int, AddOutcome], None]
WaitingFn = Callable[[int, int], None]

_STATE: dict[str, object] = {}
_MAIN_LOCK = threading.Lock()
#: How often a waiting caller hears back while a job runs (it may redraw, or be interrupted).
POLL_SECONDS = 0.5
#: Owners whose last turn is remembered; past this, those with nothing queued are forgotten.
MAX_REMEMBERED_OWNERS = 10_000
#: A worker's first message: its pipeline is loaded.
READY = "ready"


class JobTimedOut(Exception):
    """A job ran past its wall-clock budget; its worker was killed."""


class WorkerDied(Exception):
    """The worker process running a job ended without answering."""


class JobFailed(Exception):
    """The job raised in the worker; the message names the exception."""


@contextmanager
def plain_main() -> Iterator[None]:
    """Hides the parent's `__main__` while worker processes start.

    A spawned process re-imports its parent's `__main__`. Under Streamlit that is the app script
    (dashboard.py), whose sign-in gate must never run in a worker: a worker would stop there
    and the pool would break. Workers need nothing from `__main__`.
    """
    with _MAIN_LOCK:
        main = sys.modules.get("__main__")
        sys.modules["__main__"] = types.ModuleType("__main__")
        try:
            yield
        finally:
            if main is not None:
                sys.modules["__main__"] = main


def _worker_main(conn: Connection, model: str | None, load_model: bool) -> None:
    """A worker's life: load the pipeline, then answer (job id, function, args) messages."""
    if load_model:
        from claimdesk.nlp.pipeline import load_nlp

        _STATE["nlp"] = load_nlp(model)
    conn.send(READY)  # jobs are sent (and their budgets run) only from now on
    while True:
        try:
            message = conn.recv()
        except (EOFError, OSError):
            return
        if message is None:
            return
        job_id, fn, args = message
        try:
            conn.send((job_id, True, fn(*args)))
        except Exception as exc:  # reported to the caller as a failed job
            conn.send((job_id, False, f"{type(exc).__name__}: {exc}"[:500]))


@dataclass(eq=False)
class Job:
    """One unit of work for a worker; `future` holds its result."""

    owner: str
    fn: Callable[..., Any]
    args: tuple
    budget: float
    future: Future = field(default_factory=Future)
    id: int = 0
    started: float | None = None
    cancelled: bool = False  # asked to stop while running: the dispatcher replaces its worker


class _Worker:
    def __init__(self, ctx: Any, model: str | None, load_model: bool) -> None:
        parent, child = ctx.Pipe()
        with plain_main():
            self.process = ctx.Process(
                target=_worker_main, args=(child, model, load_model), daemon=True
            )
            self.process.start()
        child.close()
        self.conn: Connection = parent
        self.job: Job | None = None
        self.ready = False

    def stop(self, *, kill: bool) -> None:
        if kill:
            self.process.kill()
        else:
            try:
                self.conn.send(None)
            except OSError:
                self.process.kill()
        self.process.join(timeout=10)
        if self.process.is_alive():
            self.process.kill()
            self.process.join(timeout=5)
        self.conn.close()


class FairPool:
    """Worker processes taking jobs from per-owner queues in turn (see the module docstring)."""

    def __init__(
        self,
        processes: int = 1,
        model: str | None = None,
        *,
        per_owner: int | None = None,
        load_model: bool = True,
    ) -> None:
        self.processes = max(1, processes)
        self.per_owner = per_owner
        self._ctx = mp.get_context("spawn")  # safe under a threaded server
        self._model = model
        self._load_model = load_model
        self._lock = threading.Lock()
        self._queues: dict[str, deque[Job]] = {}
        self._served: dict[str, int] = {}  # owner -> when it last got a worker (a sequence)
        self._ids = itertools.count(1)
        self._workers: list[_Worker] = []
        self._wake_r, self._wake_w = self._ctx.Pipe(duplex=False)
        self._closed = False
        self._thread: threading.Thread | None = None

    # -- the caller's side ------------------------------------------------------------------
    def start(self) -> None:
        """Starts the worker processes now (else the first `submit` does), so that their
        pipelines load while the caller does something else."""
        with self._lock:
            self._start_locked()

    def _start_locked(self) -> None:
        if self._closed:
            raise RuntimeError("the pool is closed")
        if self._thread is None:
            self._workers = [self._spawn() for _ in range(self.processes)]
            self._thread = threading.Thread(target=self._run, name="claimdesk-pool", daemon=True)
            self._thread.start()

    def submit(self, owner: str, fn: Callable[..., Any], *args: Any, budget: float) -> Job:
        """Queues `fn(*args)` (a module-level function: it is pickled by name) for `owner`."""
        job = Job(owner, fn, args, budget, id=next(self._ids))
        with self._lock:
            self._start_locked()
            self._queues.setdefault(owner, deque()).append(job)
        self._wake()
        return job

    def cancel(self, owner: str) -> int:
        """Drops the owner's queued jobs and stops its running ones; returns how many."""
        with self._lock:
            queued = self._queues.pop(owner, deque())
            running = [w.job for w in self._workers if w.job is not None and w.job.owner == owner]
            for job in running:
                job.cancelled = True
        for job in queued:
            job.future.cancel()
        self._wake()
        return len(queued) + len(running)

    def pending(self, owner: str) -> int:
        """Jobs of `owner` queued or running."""
        with self._lock:
            running = sum(1 for w in self._workers if w.job is not None and w.job.owner == owner)
            return len(self._queues.get(owner, ())) + running

    def close(self) -> None:
        with self._lock:
            self._closed = True
            queued = [job for q in self._queues.values() for job in q]
            self._queues.clear()
        for job in queued:
            job.future.cancel()
        self._wake()
        if self._thread is not None:
            self._thread.join(timeout=30)
        for w in self._workers:
            if w.job is not None:
                w.job.future.set_exception(CancelledError())
            w.stop(kill=w.job is not None)
        self._workers = []

    def __enter__(self) -> Self:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # -- the dispatcher thread --------------------------------------------------------------
    def _spawn(self) -> _Worker:
        return _Worker(self._ctx, self._model, self._load_model)

    def _replace(self, worker: _Worker, *, kill: bool) -> None:
        """Stops `worker` and puts a fresh one in its place (the lock is held)."""
        worker.job = None
        worker.stop(kill=kill)
        if not self._closed:
            self._workers[self._workers.index(worker)] = self._spawn()
        else:
            self._workers.remove(worker)

    def _wake(self) -> None:
        with suppress(OSError):
            self._wake_w.send_bytes(b"!")

    def _next_job(self, busy: dict[str, int]) -> Job | None:
        """The next job of the owner served longest ago (a newcomer first), skipping owners at
        their cap (the lock is held)."""
        waiting = [
            owner
            for owner, queue in self._queues.items()
            if queue and (self.per_owner is None or busy.get(owner, 0) < self.per_owner)
        ]
        if not waiting:
            return None
        owner = min(waiting, key=lambda o: self._served.get(o, -1))
        self._served[owner] = next(self._ids)
        job = self._queues[owner].popleft()
        if not self._queues[owner]:
            del self._queues[owner]
        if len(self._served) > MAX_REMEMBERED_OWNERS:  # forget owners with nothing queued
            self._served = {o: t for o, t in self._served.items() if o in self._queues}
        return job

    def _assign(self) -> None:
        with self._lock:
            busy: dict[str, int] = {}
            for w in self._workers:
                if w.job is not None:
                    busy[w.job.owner] = busy.get(w.job.owner, 0) + 1
            for w in self._workers:
                if w.job is not None or not w.ready:
                    continue
                job = self._next_job(busy)
                if job is None:
                    return
                if not job.future.set_running_or_notify_cancel():
                    continue  # cancelled while queued
                job.started = time.monotonic()
                w.job = job
                busy[job.owner] = busy.get(job.owner, 0) + 1
                try:
                    w.conn.send((job.id, job.fn, job.args))
                except OSError:
                    job.future.set_exception(WorkerDied())
                    self._replace(w, kill=True)

    def _collect(self, timeout: float) -> None:
        with self._lock:
            conns = {w.conn: w for w in self._workers if w.job is not None or not w.ready}
        ready = wait([*conns, self._wake_r], timeout=timeout)
        with self._lock:
            for ready_one in ready:
                if ready_one is self._wake_r:
                    while self._wake_r.poll():
                        self._wake_r.recv_bytes()
                    continue
                conn = cast(Connection, ready_one)  # wait() hands back the objects it was given
                worker = conns[conn]
                try:
                    message = conn.recv()
                except (EOFError, OSError):
                    if worker.job is not None:
                        worker.job.future.set_exception(WorkerDied())
                    self._replace(worker, kill=True)
                    continue
                if message == READY:
                    worker.ready = True
                    continue
                job = worker.job
                if job is None:
                    continue
                job_id, ok, value = message
                worker.job = None
                if job_id != job.id:
                    continue
                if ok:
                    job.future.set_result(value)
                else:
                    job.future.set_exception(JobFailed(value))

    def _police(self) -> None:
        """Replaces the workers of cancelled, over-budget and dead jobs (only this thread starts
        and stops workers, so no connection closes under another thread's wait)."""
        now = time.monotonic()
        with self._lock:
            for w in list(self._workers):
                job = w.job
                if job is None:
                    continue
                if job.cancelled:
                    job.future.set_exception(CancelledError())
                elif job.started is not None and now - job.started > job.budget:
                    job.future.set_exception(JobTimedOut())
                elif not w.process.is_alive():
                    job.future.set_exception(WorkerDied())
                else:
                    continue
                self._replace(w, kill=True)

    def _run(self) -> None:
        while True:
            with self._lock:
                if self._closed:
                    return
            self._assign()
            self._collect(timeout=0.2)
            self._police()


# -- ingestion on the pool ------------------------------------------------------------------


def _ingest_chunk(
    db_url: str, specs: list[InputSpec], ingested_by: str | None, allow_private: bool
) -> list[AddOutcome]:
    from claimdesk.nlp.pipeline import analyze_texts
    from claimdesk.store.repo import Store

    nlp = _STATE.get("nlp")
    items = [s.to_item(allow_private=allow_private) for s in specs]
    return ingest_batch(
        Store(db_url),  # the engine is cached per URL in this process
        items,
        analyse=lambda texts: list(analyze_texts(texts, nlp=nlp)),  # type: ignore[arg-type]
        ingested_by=ingested_by,
        chunk=len(items),
    )


def read_and_analyse(
    spec: InputSpec, allow_private: bool
) -> tuple[Article, Analysis | None] | AddOutcome:
    """One input read and (if English) analysed in a worker, nothing stored: the article and
    its analysis, or the failed outcome of an input that cannot be read. An analysis that
    raises is raised (the caller's JobFailed)."""
    from claimdesk.nlp.pipeline import analyze_texts

    got = read_item(spec.to_item(allow_private=allow_private))
    if isinstance(got, AddOutcome):
        return got
    if not should_analyse(got):
        return got, None
    nlp = _STATE.get("nlp")
    return got, next(iter(analyze_texts([got.text], nlp=nlp)))  # type: ignore[arg-type]


def _failed(specs: list[InputSpec], reason: str) -> list[AddOutcome]:
    return [AddOutcome("failed", s.name, reason) for s in specs]


def budget_reason(seconds: float) -> str:
    setting = settings.LIMIT_SETTINGS["seconds"]
    return (
        f"reading and analysing it took longer than {seconds:g} seconds, the most one input may "
        f"take (setting {setting}); nothing was stored"
    )


class IngestPool(FairPool):
    """A FairPool whose jobs ingest chunks of inputs into the database each job names."""

    def ingest(
        self,
        db_url: str,
        specs: list[InputSpec],
        *,
        owner: str = "default",
        ingested_by: str | None = None,
        allow_private: bool = True,
        progress: ProgressFn | None = None,
        waiting: WaitingFn | None = None,
        chunk: int = 16,
        seconds_per_input: float | None = None,
    ) -> list[AddOutcome]:
        """Ingests every spec; outcomes in input order; `progress` as chunks finish, `waiting`
        (done, total) every POLL_SECONDS while the next chunk runs."""
        from claimdesk.store.repo import Store

        Store(db_url)  # create and migrate here, before several workers open it at once
        seconds = seconds_per_input or settings.limits().seconds
        jobs = []
        for i in range(0, len(specs), chunk):
            part = specs[i : i + chunk]
            args = (db_url, part, ingested_by, allow_private)
            jobs.append(
                (part, self.submit(owner, _ingest_chunk, *args, budget=seconds * len(part)))
            )
        total, done = len(specs), 0
        outcomes: list[AddOutcome] = []
        for part, job in jobs:
            got = self._outcomes(part, job, waiting, done, total)
            for outcome in got:
                done += 1
                outcomes.append(outcome)
                if progress:
                    progress(done, total, outcome)
        return outcomes

    @staticmethod
    def _outcomes(
        part: list[InputSpec], job: Job, waiting: WaitingFn | None, done: int, total: int
    ) -> list[AddOutcome]:
        while True:
            try:
                return job.future.result(timeout=POLL_SECONDS)
            except FutureTimeout:
                if waiting:
                    waiting(done, total)
            except CancelledError:
                return _failed(part, "cancelled before it was stored")
            except JobTimedOut:
                return _failed(part, budget_reason(job.budget / max(1, len(part))))
            except WorkerDied:
                return _failed(part, "the analysis worker stopped (out of memory?); nothing stored")
            except JobFailed as exc:  # a crashed chunk fails its inputs, not the batch
                return _failed(part, f"analysis worker failed ({str(exc).split(':')[0]})")
