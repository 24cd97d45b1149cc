"""Review events: appended, never overwritten; the latest is the current status."""

from __future__ import annotations

import pytest
from sqlalchemy import func, select

from claimdesk import review
from claimdesk.store import queries
from claimdesk.store.schema import ReviewRow
from tests.sample_records import make_analysis, make_article


@pytest.fixture
def claim_ids(store):
    store.add_article(make_article(), make_analysis())
    df, _ = queries.claims_table(store)
    return [int(i) for i in df["id"]]


def test_seeded_statuses_include_what_a_desk_needs(store):
    labels = [s.label for s in review.statuses(store)]
    for needed in ("unreviewed", "in progress", "verified", "disputed", "false", "inconclusive"):
        assert needed in labels


def test_review_is_appended_and_latest_wins(store, claim_ids):
    cid = claim_ids[0]
    assert review.current_status(store, cid) == "unreviewed"
    review.record_review(store, [cid], "in progress", "ana", note="checking the budget")
    review.record_review(
        store,
        [cid],
        "disputed",
        "ben",
        note="the budget says 10",
        evidence_url="https://example.org/b",
    )
    assert review.current_status(store, cid) == "disputed"
    events = review.history(store, cid)
    assert [e.status for e in events] == ["disputed", "in progress"]
    assert events[0].reviewer == "ben" and events[0].evidence_url == "https://example.org/b"
    assert events[1].note == "checking the budget"
    with store.read() as s:
        assert s.scalar(select(func.count()).select_from(ReviewRow)) == 2
    df, _ = queries.claims_table(store, queries.ClaimFilter(statuses=("disputed",)))
    assert list(df["id"]) == [cid] and df.iloc[0]["reviewer"] == "ben"


def test_bulk_review_tags_every_selected_claim(store, claim_ids):
    ids = review.record_review(store, claim_ids, "verified", "ana")
    assert len(ids) == 2
    assert {review.current_status(store, c) for c in claim_ids} == {"verified"}
    progress = queries.overview(store)["progress"]
    assert dict(zip(progress["status"], progress["claims"], strict=True)) == {"verified": 2}


@pytest.mark.parametrize(
    ("status", "reviewer", "url", "message"),
    [
        ("verified", "", None, "reviewer"),
        ("made-up", "ana", None, "Unknown status"),
        ("verified", "ana", "javascript:alert(1)", r"http\(s\) address"),
    ],
)
def test_bad_reviews_are_refused_in_words(store, claim_ids, status, reviewer, url, message):
    with pytest.raises(review.ReviewError, match=message):
        review.record_review(store, claim_ids[:1], status, reviewer, evidence_url=url)
    assert review.history(store, claim_ids[0]) == []


def test_review_of_missing_claim_is_refused(store, claim_ids):
    with pytest.raises(review.ReviewError, match="No claim"):
        review.record_review(store, [max(claim_ids) + 100], "verified", "ana")
