"""Conflicting figures: the comparison rules on figures read from written amounts, and whole
articles written here analysed, stored (SQLite and PostgreSQL) and compared (claimdesk.conflicts)."""

from __future__ import annotations

import datetime as dt
import hashlib

import pytest

from claimdesk.conflicts import FigureFact, allowed, disagree, find_conflicts
from claimdesk.model import Article
from claimdesk.nlp.figure_values import read_amount
from claimdesk.store import queries

_ids = iter(range(1, 10**6))


def fact(
    text: str,
    *,
    article: int,
    claim: int | None = None,
    key: str = "|troop|send|",
    subject: str = "north korea; russia",
    period: str = "",
    cluster: int | None = None,
    published: dt.date | None = None,
    unit: str | None = None,
) -> FigureFact:
    a = read_amount(text)
    assert a is not None, text
    fid = next(_ids)
    return FigureFact(
        figure_id=fid,
        claim_id=claim if claim is not None else fid,
        article_id=article,
        cluster_id=cluster,
        low=a.low,
        high=a.high,
        unit=a.unit if unit is None else unit,
        qualifier=a.qualifier,
        key=key,
        subject=subject,
        period=period,
        published=published,
        text=text,
    )


@pytest.mark.parametrize(
    ("a", "b", "conflict"),
    [
        ("10,000", "12,000", True),
        ("10,000", "10,000", False),
        ("more than 10,000", "12,000", False),
        ("more than 10,000", "9,000", True),
        ("at least 30", "45", False),
        ("about 10,000", "10,200", False),
        ("about 10,000", "12,000", True),
        ("about 10,000", "about 12,000", True),
        ("nearly 10,000", "9,500", False),
        ("up to 40", "30", False),
        ("up to 40", "45", True),
        ("fewer than 50", "60", True),
        ("between 10 and 15", "12", False),
        ("10-15", "20", True),
        ("1.2 million", "1,200,000", False),
        ("1.2 million", "1,240,000", False),
        ("1.2 million", "1,250,000", False),  # an exact value on a rounded one's boundary
        ("1.2 million", "1.3 million", True),
        ("$3bn", "$3.4bn", False),
        ("$3bn", "$4bn", True),  # rounded values meeting at 3.5bn: different
        ("40%", "41%", True),
        ("hundreds", "5,000", False),  # vague: at least 200
        ("dozens", "12", True),
        ("twenty-five", "25", False),
        ("a dozen", "12", False),
    ],
)
def test_which_values_disagree(a, b, conflict):
    fa, fb = fact(a, article=1), fact(b, article=2)
    assert disagree(fa, fb) is conflict
    assert disagree(fb, fa) is conflict


def test_allowed_values_of_the_qualifiers():
    assert allowed(10_000, 10_000, "about") == pytest.approx((9_200, 10_800))
    assert allowed(10_000, 10_000, "more than")[1] == float("inf")
    assert allowed(40, 40, "up to") == (0.0, 40)
    assert allowed(10, 15, "range") == (10, 15)


def test_a_conflict_is_between_articles_and_lists_who_disagrees():
    facts = [
        fact("10,000", article=1),
        fact("12,000", article=2),
        fact("more than 10,000", article=3),
        fact("about 10,000", article=4),
    ]
    report = find_conflicts(facts)
    [group] = report.groups
    assert group.key == "|troop|send|" and group.subject == "north korea; russia"
    texts = {m.text for m in group.members if m.figure_id in group.conflicting}
    assert texts == {"10,000", "12,000", "about 10,000"}  # "more than 10,000" agrees with all
    assert report.claim_ids == {facts[0].claim_id, facts[1].claim_id, facts[3].claim_id}
    assert report.groups_of(facts[1].claim_id) == [group]
    assert report.groups_of(facts[2].claim_id) == []


@pytest.mark.parametrize(
    ("change", "why"),
    [
        ({"article": 1}, "one article giving two numbers is not a conflict between articles"),
        ({"subject": "belarus; russia"}, "another subject"),
        ({"subject": ""}, "no subject: could be anything"),
        ({"period": "date:738521-738885"}, "another time"),
        ({"key": "|troop|wound|"}, "another quantity"),
        ({"key": "$||send|", "unit": "$"}, "dollars, not troops"),
        ({"key": "%|troop|send|", "unit": "%"}, "a percentage, not a count"),
        ({"published": dt.date(2024, 3, 1)}, "reported months apart"),
    ],
)
def test_near_misses_are_not_conflicts(change, why):
    base = fact("10,000", article=1, published=dt.date(2024, 11, 1))
    args = {"article": 2, "published": dt.date(2024, 11, 2)} | change
    other = fact("12,000", **args)
    assert find_conflicts([base, other]).groups == (), why


def test_one_claim_across_articles_is_compared_even_without_names():
    a = fact("30", article=1, subject="", key="||kill|", cluster=7)
    b = fact("45", article=2, subject="", key="||kill|", cluster=7)
    c = fact("45", article=3, subject="", key="||kill|", cluster=8)
    report = find_conflicts([a, b, c])
    [group] = report.groups
    assert group.cluster_id == 7
    assert report.claim_ids == {a.claim_id, b.claim_id}


def test_dates_are_compared_within_one_claim_only():
    def day(d: dt.date, article: int, cluster: int | None) -> FigureFact:
        return FigureFact(
            next(_ids), next(_ids), article, cluster, d.toordinal(), d.toordinal(), "date",
            "exact", "date||crash|", "java sea", "",
        )  # fmt: skip

    d1, d2 = dt.date(2014, 12, 28), dt.date(2014, 12, 29)
    assert find_conflicts([day(d1, 1, None), day(d2, 2, None)]).groups == ()
    assert len(find_conflicts([day(d1, 1, 3), day(d2, 2, 3)]).groups) == 1


def test_a_claim_giving_one_quantity_two_values_is_set_aside():
    # "rose from 30 to 45" read with one key twice: which value is the claim's is unknowable
    a1 = fact("30", article=1, claim=100)
    a2 = fact("45", article=1, claim=100)
    b = fact("30", article=2)
    assert find_conflicts([a1, a2, b]).groups == ()


def test_undated_articles_are_compared_with_dated_ones():
    a = fact("10,000", article=1, published=dt.date(2024, 11, 1))
    b = fact("12,000", article=2, published=None)
    assert len(find_conflicts([a, b]).groups) == 1


# -- articles written here, analysed and stored ---------------------------------------------------

ARTICLES = {
    "spy agency": "North Korea has sent 10,000 troops to Russia, South Korea's spy agency said.",
    "kyiv": "North Korea has sent 12,000 troops to Russia, according to Ukrainian officials.",
    "analysts": "North Korea has sent more than 10,000 troops to Russia, analysts said.",
    "belarus": "Belarus has sent 3,000 troops to Russia, officials in Minsk said.",
    "killed 30": "An Israeli strike on Gaza killed 30 people on Tuesday, health officials said.",
    "killed 45": "An Israeli strike on Gaza killed 45 people on Tuesday, the civil defence agency said.",
    "wounded 45": "An Israeli strike on Gaza wounded 45 people on Tuesday, medics said.",
    "2023": "In 2023, Germany admitted 300,000 migrants, the interior ministry said.",
    "2024": "In 2024, Germany admitted 250,000 migrants, the interior ministry said.",
    "aid": "The United States has sent $3bn in military aid to Ukraine, the Pentagon said.",
    "rate": "Spain's unemployment rate rose to 12% in March, the statistics office said.",
    "jobless": "The number of unemployed people in Spain rose to 2.8 million in March, officials said.",
    "mayor": "The 45-year-old mayor of Lyon, who can be reached on 555-0123, won a third term in 2020.",
    "bridge 1.2m": "The new bridge in Lisbon will cost 1.2 million euros, the city council said.",
    "bridge 1.24m": "The new bridge in Lisbon will cost 1,240,000 euros, according to the mayor.",
}
CONFLICTING = {"spy agency", "kyiv", "killed 30", "killed 45"}


@pytest.fixture(scope="module")
def analysed():
    from claimdesk.nlp.pipeline import analyze_texts

    return dict(zip(ARTICLES, analyze_texts(list(ARTICLES.values())), strict=True))


def store_articles(store, analysed) -> dict[str, int]:
    ids = {}
    for title, analysis in analysed.items():
        text = ARTICLES[title]
        article = Article(
            text=text,
            content_hash=hashlib.sha256(text.encode()).hexdigest(),
            title=title,
            published_at=dt.date(2024, 11, 5),
        )
        outcome = store.add_article(article, analysis)
        assert outcome.status == "added" and outcome.n_claims >= 1, title
        ids[title] = outcome.article_id
    return ids


def test_stored_articles_conflict_where_their_figures_disagree(store, analysed):
    ids = store_articles(store, analysed)
    report = queries.figure_conflicts(store)
    claims, _ = queries.claims_table(store, queries.ClaimFilter(), limit=1000)
    article_of = dict(zip(claims["id"], claims["article_id"], strict=True))
    flagged = {
        title for title, aid in ids.items() if aid in {article_of[c] for c in report.claim_ids}
    }
    assert flagged == CONFLICTING
    assert {g.key for g in report.groups} == {"|troop|send|", "||kill|"}
    # the filter lists exactly the conflicting claims
    only, total = queries.claims_table(
        store, queries.ClaimFilter(claim_ids=tuple(sorted(report.claim_ids)))
    )
    assert total == len(report.claim_ids) == 4
    assert set(only["id"]) == set(report.claim_ids)
    none, total = queries.claims_table(store, queries.ClaimFilter(claim_ids=()))
    assert total == 0 and none.empty


def test_the_side_by_side_view_reads_claims_articles_and_figures(store, analysed):
    store_articles(store, analysed)
    report = queries.figure_conflicts(store)
    [troops] = [g for g in report.groups if g.key == "|troop|send|"]
    side = queries.claims_side_by_side(store, tuple(troops.claim_ids))
    assert list(side["id"]) == troops.claim_ids  # in the group's order: lowest value first
    assert set(side["article"]) == {"spy agency", "kyiv", "analysts"}
    assert {"claimant", "published_at", "text", "status"} <= set(side.columns)
    figures = queries.claim_figures(store, tuple(troops.claim_ids))
    for row in figures.itertuples():
        claim = side.set_index("id").loc[row.claim_id]
        assert claim["start"] <= row.start < row.end <= claim["end"]
    assert set(figures["text"]) == {"10,000", "12,000", "more than 10,000"}


def test_conflicts_are_recomputed_when_figures_change_only(store, analysed):
    first = dict(list(analysed.items())[:1])
    store_articles(store, first)
    assert queries.figure_conflicts(store).groups == ()
    again = queries.figure_conflicts(store)
    assert again is queries.figure_conflicts(store)  # kept while nothing changes
    store_articles(store, {"kyiv": analysed["kyiv"]})
    assert len(queries.figure_conflicts(store).groups) == 1
