"""Ingestion in worker processes: each loads the spaCy pipeline once, then reads, analyses and
stores whole chunks of inputs through the same write path as everything else.

Used by `python -m claimdesk ingest --workers N` (parallel analysis on N cores) and by the app,
where one worker process keeps long uploads from freezing the server's other sessions.
"""

from __future__ import annotations

import multiprocessing as mp
import sys
import threading
import types
from collections.abc import Callable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from contextlib import contextmanager

from claimdesk.batch import InputSpec, ingest_batch
from claimdesk.store.repo import AddOutcome

ProgressFn = Callable[[int, int, AddOutcome], None]


_STATE: dict[str, object] = {}
_MAIN_LOCK = threading.Lock()


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


def _init_worker(model: str | None) -> None:
    from claimdesk.nlp.pipeline import load_nlp

    _STATE["nlp"] = load_nlp(model)


def _ingest_chunk(
    db_url: str, specs: list[InputSpec], ingested_by: str | None, allow_private: bool
) -> list[AddOutcome]:
    from claimdesk.nlp.pipeline import analyze_texts
    from claimdesk.store.repo import Store

    nlp = _STATE["nlp"]
    items = [s.to_item(allow_private=allow_private) for s in specs]
    return ingest_batch(
        Store(db_url),  # the engine is cached per URL in this process
        items,
        analyse=lambda texts: list(analyze_texts(texts, nlp=nlp)),  # type: ignore[arg-type]
        ingested_by=ingested_by,
        chunk=len(items),
    )


class IngestPool:
    """A pool of ingestion processes; each job names the database it writes to."""

    def __init__(self, processes: int = 1, model: str | None = None) -> None:
        self.processes = max(1, processes)
        self._pool = ProcessPoolExecutor(
            max_workers=self.processes,
            mp_context=mp.get_context("spawn"),  # safe under a threaded server
            initializer=_init_worker,
            initargs=(model,),
        )

    def submit(
        self,
        db_url: str,
        specs: list[InputSpec],
        *,
        ingested_by: str | None = None,
        allow_private: bool = True,
        chunk: int = 16,
    ) -> list[tuple[list[InputSpec], Future]]:
        """Chunks of specs, each submitted as one job; returns (chunk, future) pairs in order."""
        from claimdesk.store.repo import Store

        Store(db_url)  # create and migrate here, before several workers open it at once
        jobs = []
        for i in range(0, len(specs), chunk):
            part = specs[i : i + chunk]
            with plain_main():  # workers start on the first submit
                job = self._pool.submit(_ingest_chunk, db_url, part, ingested_by, allow_private)
            jobs.append((part, job))
        return jobs

    def ingest(
        self,
        db_url: str,
        specs: list[InputSpec],
        *,
        ingested_by: str | None = None,
        allow_private: bool = True,
        progress: ProgressFn | None = None,
        chunk: int = 16,
    ) -> list[AddOutcome]:
        """Ingests every spec; outcomes in input order; progress as chunks finish."""
        jobs = self.submit(
            db_url, specs, ingested_by=ingested_by, allow_private=allow_private, chunk=chunk
        )
        total, done = len(specs), 0
        outcomes: list[AddOutcome] = []
        for part, future in jobs:
            try:
                got = future.result()
            except Exception as exc:  # a crashed worker fails its chunk, not the batch
                got = [
                    AddOutcome("failed", s.name, f"analysis worker failed ({type(exc).__name__})")
                    for s in part
                ]
            for outcome in got:
                done += 1
                outcomes.append(outcome)
                if progress:
                    progress(done, total, outcome)
        return outcomes

    def close(self) -> None:
        self._pool.shutdown(wait=True, cancel_futures=True)

    def __enter__(self) -> IngestPool:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()
