"""Security review of team mode (SECURITY.md): what a careless or hostile member can send
through the pages, their query parameters and widget state is refused or has no effect."""

from __future__ import annotations

import pytest
from streamlit.testing.v1 import AppTest

from claimdesk import review, team
from claimdesk.store import queries
from tests.app import page_support

demo_store = page_support.demo_store

ANA = {"is_logged_in": True, "email": "ana@desk.example", "name": "Ana Lima"}
LEA = "lea@desk.example"
ANA_LABEL = "Ana Lima <ana@desk.example>"


def as_member(make_app, user: dict, page: str | None = None, **query: str) -> AppTest:
    at = make_app()
    at.secrets["auth"] = {"redirect_uri": "http://localhost:8501/oauth2callback"}
    at.secrets["team"] = {"allowlist": ["ana@desk.example"], "admins": [LEA]}
    at.user = user
    for key, value in query.items():
        at.query_params[key] = value
    if page:
        at.run()
        at.switch_page(page)
    return at.run()


def edit_claims_table(at: AppTest, **state) -> None:
    editor = at.data_editor[0]
    at.session_state[editor.key] = {
        "edited_rows": {},
        "added_rows": [],
        "deleted_rows": [],
        **state,
    }
    at.run()


def test_the_reviewer_recorded_is_the_signed_in_member_whatever_the_url_says(make_app, demo_store):
    spoof = {"reviewer": "Lea Lead", "name": "Lea Lead", "email": LEA, "identity": LEA}
    at = as_member(make_app, ANA, "pages/claims.py", **spoof)
    assert not at.exception
    cid = int(at.data_editor[0].value.index[0])
    edit_claims_table(at, edited_rows={0: {"status": "verified"}})
    assert not at.exception
    [event] = review.history(demo_store, cid)
    assert (event.status, event.reviewer) == ("verified", ANA_LABEL)


def test_a_forged_table_edit_naming_another_column_saves_nothing(make_app, demo_store):
    """A column the table does not have ("reviewer") in a forged widget state: a message, no
    traceback, nothing saved."""
    at = as_member(make_app, ANA, "pages/claims.py")
    cid = int(at.data_editor[0].value.index[0])
    edit_claims_table(at, edited_rows={0: {"status": "verified", "reviewer": "Lea Lead"}})
    assert not at.exception
    assert any("could not be read" in w.value for w in at.warning)
    assert review.history(demo_store, cid) == []


def test_the_claims_table_neither_deletes_nor_adds_claims(make_app, demo_store):
    """The table is fixed-size; rows deleted or added in a forged widget state change nothing
    (reviews are appended only through a status change, never removed)."""
    at = as_member(make_app, ANA, "pages/claims.py")
    claims_before = queries.collection_counts(demo_store)["claims"]
    cid = int(at.data_editor[0].value.index[0])
    review.record_review(demo_store, [cid], "verified", "Lea Lead <lea@desk.example>")
    edit_claims_table(at, deleted_rows=[0, 1], added_rows=[{"status": "false", "text": "x"}])
    assert not at.exception
    assert queries.collection_counts(demo_store)["claims"] == claims_before
    assert [(e.status, e.reviewer) for e in review.history(demo_store, cid)] == [
        ("verified", "Lea Lead <lea@desk.example>")
    ]


def test_a_status_that_does_not_exist_is_refused_with_a_message(make_app, demo_store):
    at = as_member(make_app, ANA, "pages/claims.py")
    cid = int(at.data_editor[0].value.index[0])
    edit_claims_table(at, edited_rows={0: {"status": "deleted"}})
    assert not at.exception
    assert review.history(demo_store, cid) == []
    assert any("deleted" in page_support.shown(e.value) for e in at.error)


def test_review_history_has_no_way_to_change_or_remove_an_event():
    """Reviews are append-only: the domain module offers no update or delete of events."""
    public = {name for name in dir(review) if not name.startswith("_")}
    assert not {n for n in public if any(w in n for w in ("delete", "remove", "edit", "update"))}


@pytest.mark.parametrize("query", [{}, {"email": "eve@elsewhere.example", "admin": "1"}])
def test_a_member_who_is_not_admin_never_gets_team_actions(make_app, demo_store, query):
    """Not through the page list, with or without query parameters (the browser test opens
    /team by its URL; tests/app/test_gate.py runs each page file by itself)."""
    with pytest.raises(ValueError, match="Could not find a navigation page"):
        as_member(make_app, ANA, "pages/team.py", **query)
    assert {m.email for m in team.members(demo_store)} == {"ana@desk.example", LEA}


def test_a_removed_member_is_out_at_their_next_click(make_app, demo_store):
    at = as_member(make_app, ANA, "pages/claims.py")
    assert not at.exception and at.data_editor
    team.remove_member(demo_store, "ana@desk.example")
    at.run()
    assert at.title[0].value == "Not on this team"
    assert not at.data_editor and not at.dataframe


def test_a_sign_in_older_than_the_session_hours_must_sign_in_again(make_app, demo_store):
    import time

    old = {**ANA, "iat": time.time() - 25 * 3600, "auth_time": time.time() - 25 * 3600}
    at = as_member(make_app, old, claim="1")  # its only page is the gate's
    assert not at.exception
    assert at.title[0].value == "Your sign-in has expired"
    assert at.button(key="login_again").label == "Sign in again"
    assert not at.data_editor and not at.dataframe and not at.metric
    fresh = as_member(make_app, {**ANA, "iat": time.time() - 60}, "pages/claims.py")
    assert not fresh.exception and fresh.data_editor
