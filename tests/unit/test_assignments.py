"""Assignments: events appended like reviews, the latest counts; filters and exports read it."""

from __future__ import annotations

import json

import pandas as pd
import pytest

from claimdesk import assignments, export, team
from claimdesk.store import queries
from tests.sample_records import TEXT, make_analysis, make_article

ANA = "ana@desk.example"
BEN = "ben@desk.example"
LEAD = "Lea Lead <lead@desk.example>"


@pytest.fixture
def claim_ids(store):
    team.seed_allowlist(store, [ANA, BEN])
    store.add_article(make_article(), make_analysis())
    other = "Governor Ben Ode said the state will hire 300 nurses by 2026. " + TEXT
    store.add_article(make_article(other, "Nurses plan"), make_analysis(other))
    df, _ = queries.claims_table(store)
    ids = [int(i) for i in df["id"]]
    assert len(ids) >= 3
    return ids


def listed(store, **kw) -> set[int]:
    df, total = queries.claims_table(store, queries.ClaimFilter(**kw), limit=1000)
    assert total == len(df)
    return {int(i) for i in df["id"]}


def test_assign_many_then_reassign_and_unassign_are_events(store, claim_ids):
    a, b, c = claim_ids[:3]
    assert assignments.current_assignee(store, a) is None
    new = assignments.assign(store, [a, b], " Ana@Desk.example ", LEAD)
    assert len(new) == 2
    assert assignments.current_assignee(store, a) == ANA
    assert assignments.current_assignee(store, b) == ANA
    assignments.assign(store, [b], BEN, "Ana <ana@desk.example>")
    assignments.assign(store, [a], None, LEAD)
    assert assignments.current_assignee(store, a) is None
    assert assignments.current_assignee(store, b) == BEN
    assert assignments.current_assignee(store, c) is None
    hist = assignments.history(store, b)
    assert [(e.assignee, e.assigned_by) for e in hist] == [
        (BEN, "Ana <ana@desk.example>"),
        (ANA, LEAD),
    ]
    assert [e.assignee for e in assignments.history(store, a)] == [None, ANA]


def test_assigning_to_the_current_assignee_adds_no_event(store, claim_ids):
    a, b = claim_ids[:2]
    assignments.assign(store, [a], ANA, LEAD)
    assert len(assignments.assign(store, [a, b], ANA, LEAD)) == 1  # only b changed
    assert assignments.assign(store, [claim_ids[2]], None, LEAD) == []  # never assigned
    assert len(assignments.history(store, a)) == 1


def test_refused_assignments_say_why_and_write_nothing(store, claim_ids):
    a = claim_ids[0]
    with pytest.raises(assignments.AssignmentError, match="not on this desk's team list"):
        assignments.assign(store, [a], "mallory@evil.example", LEAD)
    with pytest.raises(assignments.AssignmentError, match="Select at least one claim"):
        assignments.assign(store, [], ANA, LEAD)
    with pytest.raises(assignments.AssignmentError, match="name of who"):
        assignments.assign(store, [a], ANA, "  ")
    with pytest.raises(assignments.AssignmentError, match="No claim with id 999999"):
        assignments.assign(store, [a, 999999], ANA, LEAD)
    with pytest.raises(assignments.AssignmentError, match="not on this desk's team list"):
        assignments.assign(store, [a], team.LOCAL_USER, LEAD)
    assert assignments.history(store, a) == []


def test_filters_assigned_to_someone_and_unassigned(store, claim_ids):
    a, b, c = claim_ids[:3]
    assignments.assign(store, [a, b], ANA, LEAD)
    assignments.assign(store, [c], BEN, LEAD)
    assignments.assign(store, [c], None, LEAD)  # back to nobody
    assert listed(store, assignee=ANA) == {a, b}
    assert listed(store, assignee=BEN) == set()
    assert listed(store, assignee=queries.UNASSIGNED) == set(claim_ids) - {a, b}
    assert listed(store, assignee=ANA, statuses=("unreviewed",)) == {a, b}
    df, _ = queries.claims_table(store, limit=1000)
    by_id = dict(zip(df["id"], df["assignee"], strict=True))
    assert by_id[a] == ANA and by_id[b] == ANA and pd.isna(by_id[c])


def test_exports_carry_the_assignee(store, claim_ids):
    a = claim_ids[0]
    assignments.assign(store, [a], BEN, LEAD)
    frame = export.claims_frame(store)
    assert list(frame.columns).index("assignee") > list(frame.columns).index("reviewer")
    rows = {int(r["claim_id"]): r for r in json.loads(export.export_bytes(store, "json"))}
    assert rows[a]["assignee"] == BEN
    assert rows[claim_ids[1]]["assignee"] is None
    csv = export.export_bytes(store, "csv").decode("utf-8-sig")
    header, *lines = csv.splitlines()
    assert "assignee" in header.split(",")
    assert sum(BEN in line for line in lines) == 1
    only_ben = export.claims_frame(store, queries.ClaimFilter(assignee=BEN))
    assert list(only_ben["claim_id"]) == [a]
