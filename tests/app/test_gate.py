"""The sign-in gate: allowed user, refused user, signed-out user, and local mode."""

from __future__ import annotations

from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from claimdesk import review, team
from claimdesk.batch import ingest_batch, path_item
from claimdesk.store import queries
from claimdesk.store.repo import Store
from tests.app import page_support

ROOT = Path(__file__).resolve().parents[2]
AUTH = {
    "redirect_uri": "http://localhost:8501/oauth2callback",
    "cookie_secret": "a-test-cookie-secret",
    "client_id": "claimdesk-test",
    "client_secret": "not-a-secret",
    "server_metadata_url": "https://accounts.example.org/.well-known/openid-configuration",
}
TEAM = {"allowlist": ["ana@desk.example"], "admins": ["lead@desk.example"]}


@pytest.fixture
def db(tmp_path, monkeypatch):
    url = f"sqlite:///{tmp_path / 'gate.sqlite'}"
    monkeypatch.setenv("DATABASE_URL", url)
    monkeypatch.chdir(ROOT)
    store = Store(url)
    ingest_batch(store, [path_item(ROOT / "data" / "demo" / "nk-troops-russia.txt")])
    return store


def team_app(user: dict) -> AppTest:
    at = AppTest.from_file(str(ROOT / "dashboard.py"), default_timeout=60)
    at.secrets["auth"] = AUTH
    at.secrets["team"] = TEAM
    at.user = user
    return at


def shows_collection(at: AppTest) -> bool:
    return any(t.value == "Overview" for t in at.title)


def test_signed_out_user_sees_only_sign_in(db):
    at = team_app({"is_logged_in": False})
    at.run()
    assert not at.exception
    assert at.button(key="login").label == "Sign in"
    assert not shows_collection(at) and not at.metric


def test_allowed_user_gets_in_and_reviews_carry_their_name(db):
    at = team_app({"is_logged_in": True, "email": "Ana@Desk.example", "name": "Ana Lima"})
    at.run()
    assert not at.exception
    assert shows_collection(at)
    assert any("Ana Lima" in c.value for c in at.sidebar.caption)
    at.switch_page("pages/claims.py")
    at.run()
    assert not at.exception
    cid = int(at.data_editor[0].value.index[0])
    at.session_state[at.data_editor[0].key] = {
        "edited_rows": {0: {"status": "verified"}},
        "added_rows": [],
        "deleted_rows": [],
    }
    at.run()
    assert review.history(db, cid)[0].reviewer == "Ana Lima <ana@desk.example>"


def test_refused_user_sees_not_on_this_team_and_no_data(db):
    at = team_app({"is_logged_in": True, "email": "mallory@elsewhere.example", "name": "M"})
    at.run()
    assert not at.exception
    assert at.title[0].value == "Not on this team"
    assert "mallory@elsewhere.example" in page_support.shown(at.error[0].value)
    assert not shows_collection(at) and not at.metric and not at.dataframe


def test_allowlist_is_seeded_from_secrets_and_admin_managed(db):
    at = team_app({"is_logged_in": True, "email": "lead@desk.example", "name": "Lead"})
    at.run()
    assert not at.exception and shows_collection(at)
    emails = {m.email: m.is_admin for m in team.members(db)}
    assert emails == {"ana@desk.example": False, "lead@desk.example": True}
    team.add_member(db, "new@desk.example", by="lead@desk.example")
    at2 = team_app({"is_logged_in": True, "email": "new@desk.example", "name": "New"})
    at2.run()
    assert shows_collection(at2)
    team.remove_member(db, "new@desk.example")
    at3 = team_app({"is_logged_in": True, "email": "new@desk.example", "name": "New"})
    at3.run()
    assert at3.title[0].value == "Not on this team"


def test_local_mode_asks_for_a_name_once(db):
    at = AppTest.from_file(str(ROOT / "dashboard.py"), default_timeout=60)
    at.run()
    assert not at.exception
    assert at.title[0].value == "Welcome to ClaimDesk" and not shows_collection(at)
    at.text_input(key="display_name_input").input("Sam Reviewer")
    at.button(key="FormSubmitter:display_name-Continue").click()
    at.run()
    assert not at.exception
    assert team.local_display_name(db) == "Sam Reviewer"
    again = AppTest.from_file(str(ROOT / "dashboard.py"), default_timeout=60)
    again.run()
    assert shows_collection(again)
    assert queries.overview(db)["counts"]["articles"] == 1


@pytest.mark.parametrize("page", sorted(p.name for p in (ROOT / "pages").glob("*.py")))
def test_a_page_opened_directly_still_asks_to_sign_in(db, page):
    """Streamlit can run a file under pages/ without the entry script: the gate must hold."""
    at = AppTest.from_file(str(ROOT / "pages" / page), default_timeout=60)
    at.secrets["auth"] = AUTH
    at.secrets["team"] = TEAM
    at.user = {"is_logged_in": False}
    at.run()
    assert not at.exception
    assert at.button(key="login").label == "Sign in"
    assert not at.metric and not at.dataframe and not at.data_editor
    outsider = AppTest.from_file(str(ROOT / "pages" / page), default_timeout=60)
    outsider.secrets["auth"] = AUTH
    outsider.secrets["team"] = TEAM
    outsider.user = {"is_logged_in": True, "email": "eve@elsewhere.example"}
    outsider.run()
    assert outsider.title[0].value == "Not on this team"
    assert not outsider.metric and not outsider.dataframe and not outsider.data_editor


def test_unverified_email_is_refused_even_when_listed(db):
    user = {"is_logged_in": True, "email": "ana@desk.example", "email_verified": False}
    at = team_app({**user, "name": "Ana Lima"})
    at.run()
    assert not at.exception
    assert at.title[0].value == "E-mail address not verified"
    assert not shows_collection(at) and not at.metric


def test_display_name_cannot_hide_the_email(db):
    name = "Ben Ortiz <ben@desk.example>\u200b\u202e" + " " * 300 + "\u2060"
    at = team_app({"is_logged_in": True, "email": "ana@desk.example", "name": name})
    at.run()
    assert not at.exception and shows_collection(at)
    assert at.session_state["identity"].reviewer == "Ben Ortiz <ana@desk.example>"
