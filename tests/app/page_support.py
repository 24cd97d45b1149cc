"""The demo article ingested once per test process; each test gets its own copy of the file.

NLP on the demo takes a couple of seconds, so page tests share one analysed database and copy
it (SQLite's backup API, which also carries what is still in the WAL) into their tmp_path.
"""

from __future__ import annotations

import atexit
import functools
import re
import shutil
import sqlite3
import tempfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
DEMO = ROOT / "data" / "demo" / "nk-troops-russia.txt"
REVIEWER = "Test Reviewer"


def shown(markdown_source: str) -> str:
    """The text a Markdown element shows: escapes and invisible word joiners removed."""
    return re.sub(r"\\(.)", r"\1", markdown_source).replace("\u2060", "")


@functools.lru_cache(maxsize=1)
def demo_template() -> Path:
    from claimdesk import team
    from claimdesk.batch import ingest_batch, path_item
    from claimdesk.store.repo import Store

    folder = Path(tempfile.mkdtemp(prefix="claimdesk-demo-"))
    atexit.register(shutil.rmtree, folder, ignore_errors=True)
    path = folder / "demo.sqlite"
    store = Store(f"sqlite:///{path}")
    team.set_local_display_name(store, REVIEWER)
    [outcome] = ingest_batch(store, [path_item(DEMO)], ingested_by=REVIEWER)
    assert outcome.status == "added", outcome.message
    return path


def copy_db(src: Path, dst: Path) -> None:
    with sqlite3.connect(src) as a, sqlite3.connect(dst) as b:
        a.backup(b)
    a.close()
    b.close()


@pytest.fixture
def demo_store(app_db, tmp_path, monkeypatch):
    """A Store on a private copy of the analysed demo; the app under test opens the same file."""
    from claimdesk.store.repo import Store

    dst = tmp_path / "demo.sqlite"
    copy_db(demo_template(), dst)
    url = f"sqlite:///{dst}"
    monkeypatch.setenv("DATABASE_URL", url)
    return Store(url)
