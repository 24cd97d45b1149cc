"""What keeps the pages fast on a large collection stays right: keyset pages (no claim twice,
none missing, ties included) and the aggregates (equal to counting directly after inserts,
deletes and reviews)."""

from __future__ import annotations

from sqlalchemy import delete, func, select

from claimdesk import review
from claimdesk.model import Analysis, Claim
from claimdesk.store import queries
from claimdesk.store.schema import ArticleRow, ClaimRow, PlaceMentionRow, ReviewRow, StatusRow
from tests.sample_records import TEXT, make_analysis, make_article

SCORES = [0.5, 0.7, 0.5, 0.5, 0.9, 0.7, 0.5, 0.3]  # ties across and within articles


def add_tied_claims(store, n_articles: int = 3) -> None:
    for a in range(n_articles):
        text = " ".join(f"Claim {a}-{k} says troops moved." for k in range(len(SCORES)))
        claims, pos = [], 0
        for k, score in enumerate(SCORES):
            sentence = f"Claim {a}-{k} says troops moved."
            claims.append(Claim(pos, pos + len(sentence), sentence, score, "statistic"))
            pos += len(sentence) + 1
        store.add_article(make_article(text, f"tied {a}"), Analysis(claims=claims))


def walk(store, f: queries.ClaimFilter, limit: int) -> list[int]:
    """Every page through keyset cursors, as the claims page pages on."""
    ids: list[int] = []
    after = None
    for _ in range(100):
        df, _total = queries.claims_table(store, f, limit=limit, after=after)
        ids += list(df["id"])
        if len(df) < limit:
            return ids
        after = (float(df["score"].iloc[-1]), int(df["id"].iloc[-1]))
    raise AssertionError("paging did not end")


def test_keyset_pages_hold_every_claim_once_in_rank_order(store):
    add_tied_claims(store)
    everything, total = queries.claims_table(store, limit=1000)
    assert total == 3 * len(SCORES) == len(everything)
    expected = [
        i
        for _, i in sorted(
            zip(everything["score"], everything["id"], strict=True), key=lambda r: (-r[0], r[1])
        )
    ]
    assert list(everything["id"]) == expected
    for limit in (1, 2, 5, 7, 24, 25):
        assert walk(store, queries.ClaimFilter(), limit) == expected, limit
    searched = queries.ClaimFilter(search="troops", min_score=0.5)
    kept = [i for i, s in zip(everything["id"], everything["score"], strict=True) if s >= 0.5]
    assert walk(store, searched, 4) == [i for i in expected if i in kept]
    # a page after a cursor, counted like the first
    first, total = queries.claims_table(store, searched, limit=4)
    second, total2 = queries.claims_table(
        store, searched, limit=4, after=(float(first["score"].iloc[-1]), int(first["id"].iloc[-1]))
    )
    assert total == total2 == len(kept)
    assert list(first["id"]) + list(second["id"]) == [i for i in expected if i in kept][:8]


def direct_statuses(store) -> dict[int, str]:
    """Each claim's current status, read the long way: every claim, every review."""
    with store.read() as s:
        labels = dict(s.execute(select(StatusRow.id, StatusRow.label)).all())
        status = {cid: "unreviewed" for cid in s.scalars(select(ClaimRow.id))}
        for cid, sid in s.execute(
            select(ReviewRow.claim_id, ReviewRow.status_id).order_by(ReviewRow.id)
        ):
            status[cid] = labels[sid]
    return status


def direct_places(store) -> dict[int, tuple[int, str]]:
    """Per place: (claims mentioning it, the review state shown), the long way."""
    status = direct_statuses(store)
    with store.read() as s:
        claims = s.execute(select(ClaimRow.id, ClaimRow.article_id, ClaimRow.start, ClaimRow.end))
        claims = list(claims)
        mentions = s.execute(
            select(
                PlaceMentionRow.place_id,
                PlaceMentionRow.article_id,
                PlaceMentionRow.start,
                PlaceMentionRow.end,
            ).where(PlaceMentionRow.place_id.is_not(None), PlaceMentionRow.role == "literal")
        )
        at: dict[int, set[int]] = {}
        for pid, aid, start, end in mentions:
            at.setdefault(pid, set())
            at[pid] |= {c for c, ca, cs, ce in claims if ca == aid and cs <= start and ce >= end}
    order = queries.PLACE_STATE_ORDER
    out = {}
    for pid, ids in at.items():
        states = sorted({status[c] for c in ids}, key=lambda x: order.index(x))
        out[pid] = (len(ids), states[0] if states else "no claims")
    return out


def assert_aggregates_match(store) -> None:
    with store.read() as s:
        direct = {
            "articles": s.scalar(select(func.count()).select_from(ArticleRow)),
            "claims": s.scalar(select(func.count()).select_from(ClaimRow)),
        }
    data = queries.overview(store)
    assert {k: data["counts"][k] for k in direct} == direct
    statuses = direct_statuses(store)
    expected = {}
    for label in statuses.values():
        expected[label] = expected.get(label, 0) + 1
    assert dict(zip(data["progress"]["status"], data["progress"]["claims"], strict=True)) == (
        expected
    )
    by_status = queries.claim_status_counts(store)
    assert dict(zip(by_status["status"], by_status["claims"], strict=True)) == expected
    places = queries.places_summary(store)
    shown = {
        int(i): (int(n), st)
        for i, n, st in zip(places["id"], places["claims"], places["review_state"], strict=True)
    }
    assert shown == direct_places(store)
    _, total = queries.claims_table(store)
    assert total == direct["claims"]


def test_aggregates_equal_direct_counts_through_inserts_reviews_and_deletes(store):
    first = store.add_article(make_article(), make_analysis())
    assert_aggregates_match(store)
    other = TEXT.replace("12 new clinics", "15 new clinics")
    second = store.add_article(make_article(other, "Clinics 2"), make_analysis(other))
    assert_aggregates_match(store)
    df, _ = queries.claims_table(store)
    ids = [int(i) for i in df["id"]]
    content = store.content_counter()
    review.record_review(store, ids[:2], "verified", "ana")
    assert store.content_counter() == content  # reviews leave content aggregates valid
    assert_aggregates_match(store)
    review.record_review(store, ids[1:3], "false", "ben")
    review.record_review(store, ids[2:3], "unreviewed", "ben")  # set back
    assert_aggregates_match(store)
    store.write(lambda s: s.execute(delete(ClaimRow).where(ClaimRow.id == ids[0])))
    assert_aggregates_match(store)
    store.write(lambda s: s.execute(delete(ArticleRow).where(ArticleRow.id == first.article_id)))
    assert_aggregates_match(store)
    assert second.article_id and queries.collection_counts(store)["articles"] == 1
