"""Team page: admins list, add and remove members; others are kept out."""

from __future__ import annotations

import pytest

from claimdesk import team
from tests.app import page_support

PAGE = "pages/team.py"
ADMIN = "ada@desk.example"
MEMBER = "bob@desk.example"


def team_app(make_app, email: str):
    at = make_app()
    at.secrets["auth"] = {"redirect_uri": "http://localhost:8501/oauth2callback"}
    at.secrets["team"] = {"allowlist": [ADMIN, MEMBER], "admins": [ADMIN]}
    at.user = {"is_logged_in": True, "email": email, "name": email.split("@")[0].title()}
    at.run()
    at.switch_page(PAGE)
    return at


def emails(at) -> set[str]:
    [table] = [d.value for d in at.dataframe if "e-mail" in d.value.columns]
    return set(table["e-mail"])


def test_local_mode_has_no_team_page(make_app):
    at = make_app().run()
    assert not at.exception
    with pytest.raises(ValueError, match="Could not find a navigation page"):
        at.switch_page(PAGE)


def test_admin_adds_and_removes_members(make_app, app_db):
    at = team_app(make_app, ADMIN).run()
    assert not at.exception
    assert emails(at) == {ADMIN, MEMBER}

    at.text_input(key="team_add_email").set_value("  Cleo@Desk.example ")
    at.button(key="FormSubmitter:team_add-Add").click().run()
    assert not at.exception
    assert team.member(app_db, "cleo@desk.example") is not None
    assert "cleo@desk.example" in emails(at)

    at.text_input(key="team_add_email").set_value("not an address")
    at.button(key="FormSubmitter:team_add-Add").click().run()
    assert "not an e-mail address" in page_support.shown(at.error[0].value)

    assert ADMIN not in at.selectbox(key="team_remove_email").options  # not yourself
    at.selectbox(key="team_remove_email").set_value(MEMBER)
    at.button(key="FormSubmitter:team_remove-Remove").click().run()
    assert team.member(app_db, MEMBER) is not None  # not confirmed yet
    at.selectbox(key="team_remove_email").set_value(MEMBER)
    at.checkbox(key="team_remove_sure").check()
    at.button(key="FormSubmitter:team_remove-Remove").click().run()
    assert not at.exception
    assert team.member(app_db, MEMBER) is None
    assert "secrets" in at.success[0].value


def test_a_member_who_is_not_admin_gets_no_team_page(make_app):
    with pytest.raises(ValueError, match="Could not find a navigation page"):
        team_app(make_app, MEMBER)


def test_opened_without_the_dashboard_the_page_hands_over_to_the_frame(make_app, monkeypatch):
    """Streamlit's v1 pages-folder mode can run a page file without dashboard.py; the page hands
    over to the frame, whose gate and page list decide: in single-user mode there is no Team
    page, so the desk's first page is shown instead."""
    from streamlit.runtime import pages_manager
    from streamlit.testing.v1 import app_test

    monkeypatch.setattr(app_test, "PagesManager", pages_manager.PagesManager)
    at = make_app(PAGE).run()
    assert not at.exception
    assert not any(t.value == "Team" for t in at.title)
    assert not at.dataframe and not at.text_input
    assert any(h.value == "Start with your articles" for h in at.subheader)
