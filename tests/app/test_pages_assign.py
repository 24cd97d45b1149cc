"""Assignment on the Claims page: the form (one or many claims), the filters, the history; and
single-user mode, where none of it shows."""

from __future__ import annotations

import io

import pandas as pd
import pytest

from claimdesk import assignments, review, team
from claimdesk.store import queries
from tests.app import page_support, test_pages_export

demo_store = page_support.demo_store
media = test_pages_export.media

ANA = "ana@desk.example"
BEN = "ben@desk.example"
AUTH = {"redirect_uri": "http://localhost:8501/oauth2callback", "cookie_secret": "s3cret"}


@pytest.fixture
def ana_app(make_app, demo_store):
    """Claims page in team mode, signed in as Ana; returns a function (**query) -> AppTest."""

    def make(page: str = "pages/claims.py", **query: str):
        at = make_app(**query)
        at.secrets["auth"] = AUTH
        at.secrets["team"] = {"allowlist": [ANA, BEN], "admins": []}
        at.user = {"is_logged_in": True, "email": ANA, "name": "Ana Lima"}
        at.run()
        at.switch_page(page)
        at.run()
        assert not at.exception, at.exception
        return at

    return make


def shown_ids(at) -> list[int]:
    return [int(i) for i in at.data_editor[0].value.index]


def tick(at, rows: list[int]) -> None:
    at.session_state[at.data_editor[0].key] = {
        "edited_rows": {r: {"select": True} for r in rows},
        "added_rows": [],
        "deleted_rows": [],
    }
    at.run()
    assert not at.exception, at.exception


def history_frame(at):
    return next(d.value for d in at.dataframe if "who" in d.value.columns)


def test_assign_many_then_unassign_one_with_history_and_filters(ana_app, demo_store):
    at = ana_app()
    ids = shown_ids(at)
    assert "assignee" in at.data_editor[0].value.columns
    tick(at, [0, 1, 2])
    form = at.selectbox(key="assign_form_to")
    assert form.options == [f"me ({ANA})", BEN, "nobody (unassign)"]
    form.set_value(BEN)
    at.button(key="FormSubmitter:assign_form-Save assignment").click().run()
    assert not at.exception, at.exception
    assert [assignments.current_assignee(demo_store, i) for i in ids[:4]] == [BEN, BEN, BEN, None]
    assert list(at.data_editor[0].value.loc[ids[:4], "assignee"]) == [BEN, BEN, BEN, ""]

    one = ana_app(claim=str(ids[1]))  # opened by its link: unassign just that one
    assert one.selectbox(key="assign_form_to").value == BEN
    one.selectbox(key="assign_form_to").set_value("")
    one.button(key="FormSubmitter:assign_form-Save assignment").click().run()
    assert not one.exception, one.exception
    assert assignments.current_assignee(demo_store, ids[1]) is None
    history = history_frame(one)
    assert list(history["status"]) == ["unassigned", f"assigned to {BEN}"]
    assert set(history["who"]) == {f"Ana Lima <{ANA}>"}
    assert any("unassigned" in c.value for c in one.caption)

    assignments.assign(demo_store, [ids[3]], ANA, "Ben <ben@desk.example>")
    mine = ana_app(assigned="me")
    assert shown_ids(mine) == [ids[3]]
    to_ben = ana_app(assigned=BEN)
    assert sorted(shown_ids(to_ben)) == sorted([ids[0], ids[2]])
    nobody = ana_app(assigned="none")
    assert set(shown_ids(nobody)) == set(ids) - {ids[0], ids[2], ids[3]}
    nobody.selectbox(key="f_assigned").set_value("me").run()
    assert shown_ids(nobody) == [ids[3]]
    assert nobody.query_params["assigned"] in ("me", ["me"])


def test_an_address_off_the_team_list_is_no_filter_choice_and_refused(ana_app, demo_store):
    at = ana_app(assigned="mallory@evil.example")
    assert at.selectbox(key="f_assigned").value == ""  # back to anyone's
    assert len(shown_ids(at)) > 3
    with pytest.raises(assignments.AssignmentError):
        assignments.assign(demo_store, shown_ids(at)[:1], "mallory@evil.example", ANA)


def test_single_user_mode_shows_no_assignment(make_app, demo_store):
    team.set_local_display_name(demo_store, "Solo Reviewer")
    at = make_app("pages/claims.py", assigned="none")
    at.run()
    assert not at.exception
    assert "assignee" not in at.data_editor[0].value.columns
    tick(at, [0])
    assert not [s for s in at.selectbox if s.key in ("f_assigned", "assign_form_to")]
    assert not any("Save assignment" in b.label for b in at.button)
    assert not any("assigned" in c.value for c in at.caption)


def test_forms_follow_a_teammates_change_on_the_next_run(ana_app, demo_store):
    """What a live update (a re-run after a teammate's write) shows in the forms: the claim's
    status and assignee as they are now, not as they were when the page was first drawn."""
    at = ana_app()
    cid = shown_ids(at)[0]
    at = ana_app(claim=str(cid))
    assert at.selectbox(key="review_form_status").value == "unreviewed"
    assert at.selectbox(key="assign_form_to").value == ANA  # a free claim: offered to me
    review.record_review(demo_store, [cid], "verified", "Ben <ben@desk.example>")
    assignments.assign(demo_store, [cid], BEN, "Ben <ben@desk.example>")
    at.run()
    assert not at.exception
    assert at.selectbox(key="review_form_status").value == "verified"
    assert at.selectbox(key="assign_form_to").value == BEN
    assert any(f"assigned to {BEN}" in page_support.shown(c.value) for c in at.caption)


def test_export_of_my_claims_carries_the_assignee(ana_app, demo_store, media):
    team.seed_allowlist(demo_store, [ANA, BEN])
    ids = [int(i) for i in queries.claims_table(demo_store, limit=1000)[0]["id"]]
    assignments.assign(demo_store, ids[:2], ANA, "Ben <ben@desk.example>")
    assignments.assign(demo_store, ids[2:3], BEN, "Ben <ben@desk.example>")
    at = ana_app("pages/export.py", assigned="me")
    assert f"assigned to {ANA}" in page_support.shown(at.markdown[0].value)
    csv = pd.read_csv(io.BytesIO(media(at, "export_csv")), encoding="utf-8-sig")
    assert sorted(csv["claim_id"]) == sorted(ids[:2])
    assert set(csv["assignee"]) == {ANA}
    at = ana_app("pages/export.py", assigned="none")
    csv = pd.read_csv(io.BytesIO(media(at, "export_csv")), encoding="utf-8-sig")
    assert sorted(csv["claim_id"]) == sorted(ids[3:])
    assert csv["assignee"].isna().all()
