"""Claim dates in the store (SQLite and PostgreSQL): resolved against the right anchor when the
article is written, read back by the timeline with its filters, and carried by every export."""

from __future__ import annotations

import datetime as dt
import io
import json
from dataclasses import replace

import pandas as pd
import pytest
from sqlalchemy import select

from claimdesk import export, review
from claimdesk.store import queries
from claimdesk.store.schema import ArticleRow
from tests.dated_records import TEXT, article, make_collection

D = dt.date


def by_words(store, article_id: int | None = None) -> dict[str, dict]:
    df = queries.claim_dates(store)
    if article_id is not None:
        ids = set(
            queries.claims_table(store, queries.ClaimFilter(article_ids=(article_id,)))[0]["id"]
        )
        df = df[df["claim_id"].isin(ids)]
    return {r["text"]: r for r in df.to_dict("records")}


def test_relative_dates_resolve_against_the_stated_publication_date(store):
    art, analysis = article(published=D(2020, 1, 15))  # a Wednesday
    out = store.add_article(art, analysis)
    got = by_words(store, out.article_id)
    assert (got["Monday"]["value"], got["Monday"]["anchor"]) == (D(2020, 1, 13), "published")
    assert got["Monday"]["as_of"] == D(2020, 1, 15)
    september = got["last September"]
    assert (september["value"], september["last_day"], september["precision"]) == (
        D(2019, 9, 1),
        D(2019, 9, 30),
        "month",
    )
    assert (got["March 3, 2017"]["anchor"], got["March 3, 2017"]["as_of"]) == ("absolute", None)
    friday = got["Friday"]  # no tense to tell last Friday from next: kept, unresolved
    assert pd.isna(friday["value"]) and pd.isna(friday["anchor"]) and friday["rule"] == "weekday:5:"


def test_the_files_date_anchors_when_the_text_agrees(store):
    art, analysis = article(document=D(2020, 1, 15))
    out = store.add_article(art, analysis)
    got = by_words(store, out.article_id)
    assert (got["Monday"]["value"], got["Monday"]["anchor"]) == (D(2020, 1, 13), "document")
    with store.read() as s:
        assert s.scalar(select(ArticleRow.document_date)) == D(2020, 1, 15)


def test_a_template_date_the_text_contradicts_gives_way_to_the_upload_date(store):
    art, analysis = article(document=D(2013, 12, 23))  # before the 2017 failure it reports
    out = store.add_article(art, analysis)
    got = by_words(store, out.article_id)
    today = dt.datetime.now(dt.UTC).date()
    assert got["Monday"]["anchor"] == "ingested"
    assert got["Monday"]["as_of"] == today
    assert got["Monday"]["value"] == today - dt.timedelta(days=(today.isoweekday() - 1) % 7)
    with store.read() as s:
        assert s.scalar(select(ArticleRow.document_date)) is None  # not kept


def test_the_timeline_reads_dates_in_a_range_by_overlap(store):
    ids = make_collection(store)
    dates, total = queries.timeline_dates(store, date_from=D(2019, 9, 15), date_to=D(2020, 1, 31))
    # September 2019 overlaps a range that opens mid-month; March 3, 2017 does not
    assert set(dates["text"]) == {"Monday", "last September"}
    assert total == len(dates) == 2
    assert set(dates["article_id"]) == {ids["a"]}
    assert list(dates["value"]) == sorted(dates["value"])
    everything, total_all = queries.timeline_dates(store)
    assert total_all == 3 * 3  # three articles, three resolved dates each (Friday is not)
    assert set(everything["status"]) == {"unreviewed"}


def test_the_timeline_filters_like_the_other_pages(store):
    ids = make_collection(store)
    f = queries.ClaimFilter(article_ids=(ids["b"],))
    dates, _ = queries.timeline_dates(store, f)
    assert set(dates["article_id"]) == {ids["b"]}
    stats, _ = queries.timeline_dates(store, queries.ClaimFilter(kinds=("statistic",)))
    assert set(stats["text"]) == {"March 3, 2017"}
    uploaded, _ = queries.timeline_dates(store, anchors=("ingested",))
    assert set(uploaded["article_id"]) == {ids["c"]}
    claim_id = int(stats["claim_id"].iloc[0])
    review.record_review(store, [claim_id], "verified", "Ana")
    verified, total = queries.timeline_dates(store, queries.ClaimFilter(statuses=("verified",)))
    assert list(verified["claim_id"]) == [claim_id] and total == 1
    assert list(verified["status"]) == ["verified"]


def test_the_timeline_places_articles_by_their_best_date(store):
    ids = make_collection(store)
    arts = queries.timeline_articles(store)
    by_id = arts.set_index("id")
    assert by_id.loc[ids["a"], "date"] == D(2020, 1, 15)
    assert by_id.loc[ids["a"], "dated_by"] == "published"
    assert by_id.loc[ids["c"], "dated_by"] == "ingested"
    assert by_id.loc[ids["c"], "date"] == dt.datetime.now(dt.UTC).date()
    only_b = queries.timeline_articles(store, (ids["b"],))
    assert list(only_b["id"]) == [ids["b"]]
    in_2020 = queries.timeline_articles(store, (), D(2020, 1, 1), D(2020, 12, 31))
    assert list(in_2020["id"]) == [ids["a"]]
    lo, hi = queries.timeline_bounds(store)
    assert lo == D(2017, 3, 3) and hi >= dt.datetime.now(dt.UTC).date()


def test_no_dates_means_an_empty_timeline(store):
    assert queries.timeline_bounds(store) is None
    dates, total = queries.timeline_dates(store)
    assert dates.empty and total == 0
    assert queries.timeline_articles(store).empty


# -- exports ----------------------------------------------------------------------------------


def test_exports_carry_the_normalised_dates(store):
    ids = make_collection(store)
    f = queries.ClaimFilter(article_ids=(ids["a"],))
    frame = export.claims_frame(store, f)
    rows = {r["claim"]: r for r in frame.to_dict("records")}
    monday = next(r for c, r in rows.items() if c.startswith("The council"))
    assert monday["dates"] == [
        {
            "text": "Monday",
            "value": "2020-01-13",
            "precision": "day",
            "first_day": "2020-01-13",
            "last_day": "2020-01-13",
            "anchor": "published",
            "as_of": "2020-01-15",
        }
    ]

    csv = pd.read_csv(io.BytesIO(export.export_bytes(store, "csv", f)), encoding="utf-8-sig")
    by_claim = csv.set_index("claim")
    september = by_claim.loc[TEXT[TEXT.index("The river") : TEXT.index("September.") + 10]]
    assert september["dates"] == "2019-09"
    assert september["dates_read_from"] == (
        "last September = 2019-09, as of the publication date 2020-01-15"
    )
    friday = by_claim.loc[TEXT[TEXT.index("The minister") :]]
    assert pd.isna(friday["dates"]) and friday["dates_read_from"] == "Friday = not resolved"

    xlsx = pd.read_excel(io.BytesIO(export.export_bytes(store, "xlsx", f)))
    assert set(xlsx["dates"].dropna()) == {"2020-01-13", "2019-09", "2017-03-03"}

    records = json.loads(export.export_bytes(store, "json", f))
    assert {d["value"] for r in records for d in r["dates"]} == {
        "2020-01-13",
        "2019-09",
        "2017-03-03",
        None,
    }


def test_claimreview_gives_the_time_a_claim_is_about(store):
    ids = make_collection(store)
    f = queries.ClaimFilter(article_ids=(ids["a"],))
    frame = export.claims_frame(store, f)
    checked = [int(i) for i, c in zip(frame["claim_id"], frame["claim"], strict=True) if "dam" in c]
    review.record_review(store, checked, "verified", "Ana")
    [item] = json.loads(export.export_bytes(store, "claimreview", f))
    assert item["itemReviewed"]["temporalCoverage"] == "2017-03-03"


def test_an_article_stored_without_analysis_has_no_dates(store):
    art, _ = article(published=D(2020, 1, 15))
    store.add_article(replace(art, lang="de"), None)
    assert queries.claim_dates(store).empty


@pytest.mark.parametrize("name", ["report.pdf"])
def test_ingesting_a_pdf_anchors_its_claims_on_the_xmp_publication_date(store, name):
    from claimdesk.batch import file_item, ingest_batch
    from tests.unit.filemakers import make_pdf, with_pdf_metadata, xmp_packet

    pdf = with_pdf_metadata(
        make_pdf(
            [
                "The regional governor said on Tuesday that 4,200 residents had been evacuated "
                "from the flooded valley, twice the number reported last September.",
                "The dam, completed in March 2011, was inspected in 2019 and found sound.",
            ]
        ),
        {"/CreationDate": "D:20250101000000"},
        xmp_packet(prism_publicationDate="2021-03-05"),  # a Friday
    )
    [outcome] = ingest_batch(store, [file_item(name, pdf)])
    assert outcome.status == "added", outcome.message
    got = by_words(store)
    assert got["Tuesday"]["value"] == D(2021, 3, 2) and got["Tuesday"]["anchor"] == "published"
    assert got["last September"]["value"] == D(2020, 9, 1)
    assert got["March 2011"]["value"] == D(2011, 3, 1)
    assert got["March 2011"]["anchor"] == "absolute"
