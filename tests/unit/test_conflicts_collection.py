"""A collection of 1,000 generated articles stored through the normal write path: exactly the
planted conflicts are found, none of the near-misses, and the indexed detection agrees with the
pairwise reference (tests/figure_collection.py). Speed: benchmarks/conflicts.py."""

from __future__ import annotations

import pytest

from claimdesk.store import queries
from tests.figure_collection import NEAR_MISSES, generate, pairwise_conflicting_claims


@pytest.mark.slow
def test_a_thousand_articles_flag_the_planted_conflicts_only(sqlite_store):
    articles, planted = generate(1000)
    for article, analysis in articles:
        assert sqlite_store.add_article(article, analysis).status == "added"
    report = queries.figure_conflicts(sqlite_store)

    claims, total = queries.claims_table(sqlite_store, queries.ClaimFilter(), limit=100_000)
    assert total == sum(len(a.claims) for _, a in articles)
    index_of = {f"Generated article {i}": i for i in range(len(articles))}
    located = {}  # claim id -> (article index, claim index in the article)
    for title, rows in claims.sort_values("start").groupby("article"):
        for k, cid in enumerate(rows["id"]):
            located[int(cid)] = (index_of[title], k)
    flagged = {located[c] for c in report.claim_ids}

    assert len(planted.conflicting) > 100
    assert flagged == planted.conflicting
    assert not flagged & planted.agreeing
    for kind in NEAR_MISSES + ("late",):
        assert planted.near_misses[kind], kind
        assert not flagged & planted.near_misses[kind], kind
    assert report.claim_ids == pairwise_conflicting_claims(queries.figure_facts(sqlite_store))
