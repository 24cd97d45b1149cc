"""Shared fixtures: the spaCy pipeline is loaded once per test session."""

from __future__ import annotations

import compileall
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
DEMO_ARTICLE = ROOT / "data" / "demo" / "nk-troops-russia.txt"
#: The app's own code, byte-compiled once before the tests start (see pytest_configure).
APP_CODE = ("claimdesk", "components", "pages")


def pytest_configure(config) -> None:
    """Byte-compiles the app's code once, in the controlling process (not in each worker).

    The tests start many Python processes (app servers, command lines, analysis workers); each
    imports the app's ~200 modules. Where PYTHONDONTWRITEBYTECODE is set (as on the CI machines)
    nothing caches their bytecode, and every process compiled them again: 2-7 s each, measured.
    Written .pyc files are read whatever that variable says."""
    if hasattr(config, "workerinput"):
        return
    for folder in APP_CODE:
        compileall.compile_dir(ROOT / folder, quiet=1, workers=1)
    compileall.compile_file(ROOT / "dashboard.py", quiet=1)


@pytest.fixture(scope="session")
def nlp():
    from claimdesk.nlp.pipeline import load_nlp

    return load_nlp()


@pytest.fixture(scope="session")
def demo_text() -> str:
    return DEMO_ARTICLE.read_text(encoding="utf-8")


@pytest.fixture(scope="session")
def demo_doc(nlp, demo_text):
    return nlp(demo_text)


from tests.dbfixtures import db_url, pg_database_url, sqlite_store, store  # noqa: E402,F401
