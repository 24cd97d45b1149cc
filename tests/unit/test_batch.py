"""ingest_batch: one outcome per input, in input order, whatever fails on the way."""

from __future__ import annotations

import threading

from claimdesk.batch import InputSpec, ingest_batch
from claimdesk.model import Analysis, Claim


def fake_analyse(texts: list[str]) -> list[Analysis]:
    if any("EXPLODE" in t for t in texts):
        raise RuntimeError("analysis bug")
    return [Analysis(claims=[Claim(0, len(t), t, 0.9)]) for t in texts]


def test_outcomes_and_progress_follow_input_order(sqlite_store):
    texts = {
        "a": "The council approved 12 new parks on Monday.",
        "b": "Prices rose 3 percent in May, the bureau said.",
        "boom": "EXPLODE this text makes the analyser fail.",
        "c": "The airport handled 9 million passengers last year.",
    }
    specs = [
        InputSpec("text", "a", text=texts["a"]),
        InputSpec("missing", "gone.txt"),
        InputSpec("text", "b", text=texts["b"]),
        InputSpec("text", "a copy", text=texts["a"]),
        InputSpec("text", "boom", text=texts["boom"]),
        InputSpec("text", "c", text=texts["c"]),
    ]
    seen: list[tuple[int, str, str]] = []
    threads: set[str] = set()

    def progress(done: int, total: int, outcome) -> None:
        assert total == len(specs)
        seen.append((done, outcome.name, outcome.status))
        threads.add(threading.current_thread().name)

    for chunk in (1, 2, 16):
        seen.clear()
        out = ingest_batch(
            sqlite_store,
            [s.to_item() for s in specs],
            analyse=fake_analyse,
            progress=progress,
            chunk=chunk,
        )
        names = [o.name for o in out]
        assert names == [s.name for s in specs]
        assert [n for _, n, _ in seen] == names and [d for d, _, _ in seen] == list(range(1, 7))
        statuses = dict(zip(names, [o.status for o in out], strict=True))
        assert statuses["gone.txt"] == "failed" and statuses["a copy"] == "duplicate"
        assert statuses["boom"] == "failed"
        first = chunk == 1
        assert statuses["a"] == ("added" if first else "duplicate")
    assert threads == {threading.current_thread().name}  # progress never runs on the writer
    assert len(sqlite_store.known_hashes()) == 3
