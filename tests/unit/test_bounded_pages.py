"""What keeps the big pages bounded stays right: a dense timeline counted per period (the
counts equal what the points would list), and a place's mentions and a source's quotes read in
keyset pages (every row once, in order)."""

from __future__ import annotations

import datetime as dt

import pandas as pd

from claimdesk import timeline_bins
from claimdesk.store import queries
from tests.dated_records import make_collection
from tests.sample_records import TEXT, make_analysis, make_article

D = dt.date


def test_the_unit_is_the_finest_that_keeps_the_bars_countable():
    assert timeline_bins.choose_unit([D(2024, 1, 1), D(2024, 3, 1)]) == "day"
    assert timeline_bins.choose_unit([D(2024, 1, 1), D(2025, 6, 1)]) == "week"
    assert timeline_bins.choose_unit([D(2020, 1, 1), D(2026, 6, 1)]) == "month"
    assert timeline_bins.choose_unit([D(1800, 1, 1), D(2026, 6, 1)]) == "year"
    days = pd.DataFrame(
        {"day": [D(2024, 2, 29), D(2024, 2, 1), D(2024, 12, 31), D(2024, 12, 2)], "n": [1, 2, 3, 4]}
    )
    months = timeline_bins.binned(days, "month")
    assert list(months["first"]) == [D(2024, 2, 1), D(2024, 12, 1)]
    assert list(months["last"]) == [D(2024, 2, 29), D(2024, 12, 31)]
    assert list(months["n"]) == [3, 7]
    weeks = timeline_bins.binned(days, "week")  # Mondays
    assert all(d.weekday() == 0 for d in weeks["first"]) and weeks["n"].sum() == 10
    assert list(timeline_bins.binned(days, "year")["n"]) == [10]


def test_the_histogram_counts_what_the_points_list(store):
    make_collection(store)
    dates, total = queries.timeline_dates(store)
    articles = queries.timeline_articles(store)
    unit, claim_bins, article_bins = queries.timeline_histogram(store)
    assert unit in timeline_bins.UNITS
    assert claim_bins["n"].sum() == total == len(dates) > 0
    assert article_bins["n"].sum() == len(articles) > 0
    for first, last, n in zip(
        claim_bins["first"], claim_bins["last"], claim_bins["n"], strict=True
    ):
        assert n == dates["value"].between(first, last).sum()
    lo = D(2019, 9, 1)
    part, part_total = queries.timeline_dates(store, date_from=lo)
    _, some, _ = queries.timeline_histogram(store, date_from=lo)
    assert some["n"].sum() == part_total < total


def walk(read, limit: int) -> list[int]:
    ids: list[int] = []
    after = None
    while True:
        page = read(limit=limit, after=after)
        ids += [int(i) for i in page["id"]]
        if len(page) < limit:
            return ids
        last = page.iloc[-1]
        after = (int(last["article_id"]), int(last["start"]), int(last["id"]))


def test_mentions_and_quotes_come_in_keyset_pages(store):
    for k in range(3):
        text = f"{TEXT} Note {k}."
        store.add_article(make_article(text, f"clinics {k}"), make_analysis(text))
    [place_id] = queries.places_summary(store)["id"]
    every = queries.place_mentions(store, place_id)
    assert len(every) == 3 == queries.place_mention_count(store, place_id)
    assert walk(lambda **kw: queries.place_mentions(store, place_id, **kw), 2) == list(every["id"])
    assert queries.place_surfaces(store, place_id) == ["Springfield"]
    by_filter = queries.claims_table(store, queries.ClaimFilter(place_ids=(place_id,)))[1]
    assert queries.place_claim_count(store, place_id) == by_filter > 0
    source_id = int(queries.sources_summary(store)["id"].iloc[0])
    quotes = queries.quotes_of_source(store, source_id)
    assert len(quotes) == 3
    assert walk(lambda **kw: queries.quotes_of_source(store, source_id, **kw), 1) == list(
        quotes["id"]
    )


def test_a_capped_count_says_more_than_the_cap(store):
    for k in range(3):
        text = f"{TEXT} Note {k}."
        store.add_article(make_article(text, f"clinics {k}"), make_analysis(text))
    f = queries.ClaimFilter(search="clinics")
    page, exact = queries.claims_table(store, f, limit=2)
    assert exact > 3 and len(page) == 2
    assert queries.claims_table(store, f, limit=2, count_cap=2)[1] == 3  # "more than 2"
    assert queries.claims_table(store, f, limit=2, count_cap=exact)[1] == exact
    assert queries.claims_table(store, f, limit=2, count_cap=2)[0].equals(page)
