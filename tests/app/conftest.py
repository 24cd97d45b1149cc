"""AppTest fixtures: the real dashboard on a fresh SQLite file with a local reviewer named."""

from __future__ import annotations

from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture
def app_db(tmp_path, monkeypatch):
    from claimdesk import team
    from claimdesk.store.repo import Store

    url = f"sqlite:///{tmp_path / 'app.sqlite'}"
    monkeypatch.setenv("DATABASE_URL", url)
    store = Store(url)
    team.set_local_display_name(store, "Test Reviewer")
    return store


@pytest.fixture
def make_app(app_db, monkeypatch):
    """AppTest of dashboard.py, optionally opened on a page with query parameters."""
    from streamlit.testing.v1 import AppTest

    monkeypatch.chdir(ROOT)

    def make(page: str | None = None, **query: str) -> AppTest:
        at = AppTest.from_file(str(ROOT / "dashboard.py"), default_timeout=90)
        for k, v in query.items():
            at.query_params[k] = v
        if page:
            at.switch_page(page)
        return at

    return make
