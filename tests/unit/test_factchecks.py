"""Known fact-checks in the store (SQLite and PostgreSQL): import one transaction per file with
deduplication, match events (suggested, confirmed, rejected; the latest counts), the claims
filter and the exports."""

from __future__ import annotations

import json

import pytest
from sqlalchemy import func, select

from claimdesk import export, factchecks
from claimdesk.factcheck_import import import_files
from claimdesk.factchecks import CONFIRMED, REJECTED, SUGGESTED, LinkError, LinkHit
from claimdesk.store import factcheck_queries, queries
from claimdesk.store.schema import ClaimFactCheckLinkRow, FactCheckRow
from tests.sample_records import make_analysis, make_article


def review_obj(claim: str, url: str | None, publisher: str = "PolitiFact", rating: str = "False"):
    obj = {
        "@context": "https://schema.org",
        "@type": "ClaimReview",
        "claimReviewed": claim,
        "reviewRating": {"@type": "Rating", "alternateName": rating},
        "author": {"@type": "Organization", "name": publisher},
        "datePublished": "2024-01-15",
    }
    if url:
        obj["url"] = url
    return obj


def as_file(*objs) -> bytes:
    return json.dumps(list(objs)).encode()


def n_factchecks(store) -> int:
    with store.read() as s:
        return int(s.scalar(select(func.count()).select_from(FactCheckRow)) or 0)


@pytest.fixture
def claim_ids(store):
    store.add_article(make_article(), make_analysis())
    df, _ = queries.claims_table(store)
    return [int(i) for i in df["id"]]


@pytest.fixture
def fc_ids(store):
    out = factchecks.import_factcheck_file(
        store,
        "reviews.json",
        as_file(
            review_obj("The city will open 12 clinics by 2027.", "https://pf.example/clinics"),
            review_obj("Clinics cost $40 million.", "https://pf.example/cost", rating="True"),
        ),
        imported_by="Ana",
    )
    assert out.status == "added", out.message
    return out.new_ids


def test_import_stores_each_field_and_who_imported(store):
    out = factchecks.import_factcheck_file(
        store,
        "one.json",
        as_file(review_obj("Crime doubled last year.", "https://pf.example/crime/")),
        imported_by="Ana",
    )
    assert (out.status, out.added, out.duplicates) == ("added", 1, 0)
    assert out.message == "1 added, 0 already stored (ClaimReview JSON-LD)"
    row = factcheck_queries.factchecks_table(store).iloc[0].to_dict()
    assert row["claim_reviewed"] == "Crime doubled last year."
    assert (row["rating"], row["publisher"], str(row["published_at"])) == (
        "False",
        "PolitiFact",
        "2024-01-15",
    )
    assert row["url"] == "https://pf.example/crime" and row["source_file"] == "one.json"
    with store.read() as s:
        assert s.scalar(select(FactCheckRow.imported_by)) == "Ana"


def test_duplicates_by_url_else_by_claim_and_publisher(store):
    first = as_file(
        review_obj("Crime doubled last year.", "https://pf.example/crime"),
        review_obj("Taxes rose 10%.", None),
        review_obj("Taxes rose 10%.", None, publisher="Full Fact"),  # another publisher: kept
        review_obj("taxes ROSE 10 %", None),  # same claim, same publisher, in the same file
    )
    out = factchecks.import_factcheck_file(store, "a.json", first)
    assert (out.added, out.duplicates) == (3, 1)
    again = as_file(
        review_obj("A reworded claim, same page.", "HTTPS://PF.example/crime/#top"),
        review_obj("Taxes rose 10 %!", None),
        review_obj("Taxes rose 10%.", "https://ff.example/taxes"),  # an address: a new one
    )
    out = factchecks.import_factcheck_file(store, "b.json", again)
    assert (out.status, out.added, out.duplicates) == ("added", 1, 2)
    out = factchecks.import_factcheck_file(store, "b-again.json", again)
    assert (out.status, out.added, out.duplicates) == ("duplicate", 0, 3)
    assert n_factchecks(store) == 4


def test_a_file_is_stored_whole_or_not_at_all(store, monkeypatch):
    real = factchecks._insert_new

    def insert_then_fail(*args, **kwargs):
        real(*args, **kwargs)  # rows are written in the transaction …
        raise RuntimeError("disk full")  # … which then fails

    monkeypatch.setattr(factchecks, "_insert_new", insert_then_fail)
    out = factchecks.import_factcheck_file(
        store, "half.json", as_file(review_obj("One.", "https://a.example/1"))
    )
    assert out.status == "failed"
    assert out.message == "could not be stored (RuntimeError); nothing added"
    assert n_factchecks(store) == 0


def test_a_bad_file_never_stops_the_others(store):
    result = import_files(
        store,
        [
            ("good.json", as_file(review_obj("One.", "https://a.example/1"))),
            ("broken.json", b'[{"@type": "ClaimReview", '),
            ("empty.csv", b""),
            ("good.csv", b"claim,publisher\nTwo is more than one.,Desk\n"),
        ],
        match=False,
    )
    assert [o.status for o in result.outcomes] == ["added", "failed", "failed", "added"]
    assert "not valid JSON" in result.outcomes[1].message
    assert result.outcomes[2].message == "it is empty"
    assert result.failed == 2
    assert result.summary().startswith("2 fact-checks added, 0 duplicate, 2 file(s) failed")
    assert n_factchecks(store) == 2


def test_match_events_append_and_the_latest_counts(store, claim_ids, fc_ids):
    c1, c2 = claim_ids
    f1, f2 = fc_ids
    hits = [LinkHit(c1, f1, 0.82), LinkHit(c1, f2, 0.61), LinkHit(c2, f2, 0.9)]
    assert factchecks.suggest_links(store, hits) == 3
    assert factchecks.suggest_links(store, hits) == 0  # suggested once is enough
    factchecks.record_link_decision(store, c1, f1, CONFIRMED, "Ana")
    factchecks.record_link_decision(store, c2, f2, CONFIRMED, "Ana")
    factchecks.record_link_decision(store, c2, f2, REJECTED, "Ben")
    assert factchecks.suggest_links(store, hits) == 0  # a rejected match stays rejected
    history = factchecks.link_history(store, c2)
    assert [(e.state, e.reviewer) for e in history] == [
        (REJECTED, "Ben"),
        (CONFIRMED, "Ana"),
        (SUGGESTED, None),
    ]
    assert history[0].score == pytest.approx(0.9)
    shown = factcheck_queries.matches_of_claims(store, (c1, c2))
    assert list(zip(shown["claim_id"], shown["factcheck_id"], shown["state"], strict=True)) == [
        (c1, f1, CONFIRMED),
        (c1, f2, SUGGESTED),
    ]
    assert shown.iloc[0]["reviewer"] == "Ana" and shown.iloc[0]["rating"] == "False"
    rejected = factcheck_queries.matches_of_claims(store, (c2,), states=(REJECTED,))
    assert list(rejected["factcheck_id"]) == [f2]
    with store.read() as s:
        assert s.scalar(select(func.count()).select_from(ClaimFactCheckLinkRow)) == 6
    counts = factcheck_queries.factcheck_counts(store)
    assert counts == {"factchecks": 2, "matched_claims": 1, "confirmed": 1, "rejected": 1}


@pytest.mark.parametrize(
    ("state", "reviewer", "message"),
    [
        ("maybe", "Ana", "confirmed or rejected"),
        (SUGGESTED, "Ana", "confirmed or rejected"),
        (CONFIRMED, "  ", "reviewer's name"),
    ],
)
def test_bad_decisions_are_refused_in_words(store, claim_ids, fc_ids, state, reviewer, message):
    factchecks.suggest_links(store, [LinkHit(claim_ids[0], fc_ids[0], 0.8)])
    with pytest.raises(LinkError, match=message):
        factchecks.record_link_decision(store, claim_ids[0], fc_ids[0], state, reviewer)


def test_a_decision_needs_a_suggested_match_and_existing_rows(store, claim_ids, fc_ids):
    with pytest.raises(LinkError, match="never suggested"):
        factchecks.record_link_decision(store, claim_ids[0], fc_ids[0], CONFIRMED, "Ana")
    with pytest.raises(LinkError, match="No claim with id 999"):
        factchecks.record_link_decision(store, 999, fc_ids[0], CONFIRMED, "Ana")
    with pytest.raises(LinkError, match="No fact-check with id 999"):
        factchecks.record_link_decision(store, claim_ids[0], 999, CONFIRMED, "Ana")
    # a suggestion for a claim or fact-check that does not exist is dropped, not an error
    assert factchecks.suggest_links(store, [LinkHit(999, fc_ids[0], 0.9)]) == 0


def test_claims_filter_already_fact_checked(store, claim_ids, fc_ids):
    c1, c2 = claim_ids
    factchecks.suggest_links(store, [LinkHit(c1, fc_ids[0], 0.8), LinkHit(c2, fc_ids[1], 0.7)])
    factchecks.record_link_decision(store, c2, fc_ids[1], REJECTED, "Ana")

    def ids(choice: str) -> list[int]:
        df, total = queries.claims_table(store, queries.ClaimFilter(fact_checked=choice))
        assert total == len(df)
        return sorted(int(i) for i in df["id"])

    assert ids("") == sorted(claim_ids)
    assert ids("any") == [c1]
    assert ids("none") == [c2]
    assert ids("confirmed") == []
    factchecks.record_link_decision(store, c1, fc_ids[0], CONFIRMED, "Ana")
    assert ids("confirmed") == [c1]
    counts = queries.claim_status_counts(store, queries.ClaimFilter(fact_checked="any"))
    assert counts["claims"].sum() == 1


def test_exports_carry_confirmed_matches_only(store, claim_ids, fc_ids):
    from claimdesk import review

    c1, c2 = claim_ids
    factchecks.suggest_links(store, [LinkHit(c1, fc_ids[0], 0.8), LinkHit(c2, fc_ids[1], 0.7)])
    factchecks.record_link_decision(store, c1, fc_ids[0], CONFIRMED, "Ana")
    review.record_review(store, claim_ids, "false", "Ana")
    frame = export.claims_frame(store).set_index("claim_id")
    assert (
        frame.loc[c1, "fact_checks"] == "False, PolitiFact, 2024-01-15, https://pf.example/clinics"
    )
    assert frame.loc[c2, "fact_checks"] == ""  # suggested, not confirmed
    reviews = json.loads(export.export_bytes(store, "claimreview"))
    by_claim = {r["claimReviewed"]: r for r in reviews}
    known = by_claim[frame.loc[c1, "claim"]]["isBasedOn"]
    assert known == [
        {
            "@type": "ClaimReview",
            "claimReviewed": "The city will open 12 clinics by 2027.",
            "url": "https://pf.example/clinics",
            "reviewRating": {"@type": "Rating", "alternateName": "False"},
            "publisher": {"@type": "Organization", "name": "PolitiFact"},
            "datePublished": "2024-01-15",
        }
    ]
    assert "isBasedOn" not in by_claim[frame.loc[c2, "claim"]]
    # the export reads back as known fact-checks: the desk's own verdicts, not the nested ones
    out = factchecks.import_factcheck_file(
        store, "own.jsonld", export.export_bytes(store, "claimreview")
    )
    assert (out.status, out.added) == ("added", 2)
    table = factcheck_queries.factchecks_table(store)
    assert set(table.loc[table["publisher"] == "ClaimDesk", "claim_reviewed"]) == set(
        frame["claim"]
    )
