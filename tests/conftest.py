"""Shared fixtures: the spaCy pipeline is loaded once per test session."""

from __future__ import annotations

from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
DEMO_ARTICLE = ROOT / "data" / "demo" / "nk-troops-russia.txt"


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
