"""The ingestion worker pool: workers never re-run the parent's main script."""

from __future__ import annotations

import sys
import types

from claimdesk.batch import InputSpec
from claimdesk.store.repo import Store
from claimdesk.workers import IngestPool


def test_workers_start_even_when_main_is_an_app_script(tmp_path, monkeypatch):
    # Under Streamlit, __main__ is dashboard.py; a spawned worker that re-imported it would
    # run the sign-in gate and die. Stand in a main script that fails loudly if imported.
    script = tmp_path / "app_script.py"
    script.write_text("raise SystemExit('the app script ran inside a worker')\n")
    fake_main = types.ModuleType("__main__")
    fake_main.__file__ = str(script)
    monkeypatch.setitem(sys.modules, "__main__", fake_main)

    url = f"sqlite:///{tmp_path / 'pool.sqlite'}"
    specs = [
        InputSpec(
            "text", "a", text="The port handled 2 million containers in 2023, officials said."
        ),
        InputSpec("text", "b", text="Rail fares will rise 4 percent in March, the operator said."),
        InputSpec(
            "text", "a again", text="The port handled 2 million containers in 2023, officials said."
        ),
    ]
    with IngestPool(processes=1) as pool:
        outcomes = pool.ingest(url, specs, ingested_by="pool", chunk=1)
    assert [o.status for o in outcomes] == ["added", "added", "duplicate"]
    assert sys.modules["__main__"] is fake_main
    assert len(Store(url).known_hashes()) == 2
