"""Readers of known fact-checks: ClaimReview JSON-LD as fact-checkers publish it (one object, an
array, a @graph, embedded in a page), ClaimDesk's own export, CSV, JSON Lines, and bad input."""

from __future__ import annotations

import datetime as dt
import json

import pytest

from claimdesk.ingest.errors import IngestError
from claimdesk.ingest.factcheck_readers import (
    FactCheckRecord,
    find_claim_reviews,
    normalise_url,
    parse_date,
    read_factchecks,
)

#: As a fact-checker's page carries it (numeric rating scale with a word for it).
POLITIFACT_STYLE = {
    "@context": "https://schema.org",
    "@type": "ClaimReview",
    "datePublished": "2024-03-08T15:20:00-05:00",
    "url": "https://www.Politifact.com/factchecks/2024/mar/08/bridge-costs/#main",
    "claimReviewed": "The new bridge cost taxpayers $4 billion, twice the original estimate.",
    "itemReviewed": {
        "@type": "Claim",
        "author": {"@type": "Person", "name": "Jane Roe"},
        "datePublished": "2024-03-01",
        "appearance": {"@type": "CreativeWork", "url": "https://example.com/video"},
    },
    "author": {"@type": "Organization", "name": "PolitiFact", "url": "https://www.politifact.com"},
    "reviewRating": {
        "@type": "Rating",
        "ratingValue": 2,
        "bestRating": 6,
        "worstRating": 1,
        "alternateName": "Mostly False",
    },
    "headline": "No, the bridge did not cost twice its estimate",
}
#: A wire service's style: publisher object, rating by name only, plain date.
AFP_STYLE = {
    "@context": "http://schema.org",
    "@type": ["ClaimReview"],
    "url": "https://factcheck.afp.com/doc.afp.com.34XY7Q",
    "claimReviewed": "Drinking hot water every 15 minutes kills the virus",
    "reviewRating": {"@type": "Rating", "name": "False"},
    "publisher": {"@type": "Organization", "name": "AFP Fact Check"},
    "author": {"@type": "Person", "name": "A. Reporter"},
    "datePublished": "2020-03-19",
    "name": "Hot water does not kill the coronavirus",
}


def data(value) -> bytes:
    return json.dumps(value).encode("utf-8")


def test_a_single_claimreview_object():
    got = read_factchecks("one.json", data(POLITIFACT_STYLE))
    assert got.format == "ClaimReview JSON-LD" and got.skipped == []
    assert got.records == [
        FactCheckRecord(
            claim_reviewed=(
                "The new bridge cost taxpayers $4 billion, twice the original estimate."
            ),
            rating="Mostly False",
            publisher="PolitiFact",
            url="https://www.politifact.com/factchecks/2024/mar/08/bridge-costs",
            published_at=dt.date(2024, 3, 8),
            title="No, the bridge did not cost twice its estimate",
        )
    ]


def test_an_array_prefers_the_publisher_over_the_author():
    got = read_factchecks("many.jsonld", data([POLITIFACT_STYLE, AFP_STYLE]))
    assert [r.publisher for r in got.records] == ["PolitiFact", "AFP Fact Check"]
    afp = got.records[1]
    assert afp.rating == "False" and afp.title == "Hot water does not kill the coronavirus"
    assert afp.published_at == dt.date(2020, 3, 19)


def test_a_graph_with_other_nodes_keeps_only_the_claimreviews():
    graph = {
        "@context": "https://schema.org",
        "@graph": [
            {"@type": "WebSite", "name": "Fact desk", "url": "https://facts.example"},
            {"@type": "BreadcrumbList", "itemListElement": []},
            {**AFP_STYLE, "@id": "https://factcheck.afp.com/doc.afp.com.34XY7Q#review"},
            {"@type": "Organization", "name": "AFP"},
        ],
    }
    got = read_factchecks("graph.json", data(graph))
    assert [r.claim_reviewed for r in got.records] == [AFP_STYLE["claimReviewed"]]


def test_a_claimreview_nested_in_a_page_object_is_found():
    page = {"@type": "WebPage", "mainEntity": {"@type": "Article", "hasPart": [POLITIFACT_STYLE]}}
    assert len(list(find_claim_reviews(page))) == 1


def test_claimreviews_embedded_in_a_fact_check_page():
    ld = json.dumps(AFP_STYLE).replace("</", "<\\/")
    page = f"""<!doctype html>
<html><head><title>Hot water does not kill the coronavirus</title>
<script type="application/ld+json">{{"@type": "Organization", "name": "AFP"}}</script>
<script type="application/ld+json; charset=utf-8">
//<![CDATA[
{ld}
//]]>
</script>
<script type="application/ld+json">{{ not json </script>
</head><body><article><h1>Hot water does not kill the coronavirus</h1>
<p>Posts claim that drinking hot water every 15 minutes kills the virus.</p></article>
</body></html>"""
    got = read_factchecks("afp-page.html", page.encode("utf-8"))
    assert got.format == "ClaimReview in a web page"
    assert [r.publisher for r in got.records] == ["AFP Fact Check"]
    assert got.skipped == ["JSON-LD block 3: not valid JSON"]


def test_a_page_without_claimreview_is_refused_in_words():
    page = b'<html><head><script type="application/ld+json">{"@type": "NewsArticle"}</script>'
    with pytest.raises(IngestError, match="holds no ClaimReview"):
        read_factchecks("news.html", page + b"</head><body><p>Hello</p></body></html>")
    with pytest.raises(IngestError, match="no JSON-LD"):
        read_factchecks("plain.html", b"<html><body><p>No data here</p></body></html>")


def test_claimdesks_own_export_reads_back():
    import pandas as pd

    from claimdesk.export import claimreview_jsonld

    frame = pd.DataFrame(
        [
            {
                "claim_id": 7,
                "claim": "Unemployment fell to 3 percent in May.",
                "status": "false",
                "claimant": "the minister",
                "reviewer": "Ana Editor",
                "reviewed_at": pd.Timestamp("2025-06-02 10:00"),
                "note": "The statistics office says 4.1 percent.",
                "evidence_url": "https://stats.example/may",
                "article": "Minister's speech",
                "article_url": "https://news.example/speech",
                "publisher": "Daily Example",
                "published_at": dt.date(2025, 6, 1),
            },
            {**dict.fromkeys(["claim_id"], 8), "status": "unreviewed"},
        ]
    )
    exported = json.dumps(claimreview_jsonld(frame.fillna(""))).encode()
    got = read_factchecks("claimdesk-claimreview.jsonld", exported)
    assert got.records == [
        FactCheckRecord(
            claim_reviewed="Unemployment fell to 3 percent in May.",
            rating="False",
            publisher="ClaimDesk",
            url=None,
            published_at=dt.date(2025, 6, 2),
        )
    ]


def test_csv_with_usual_header_names_in_any_case_and_order():
    text = (
        "Fact-checker;Claim Reviewed;Verdict;Date Published;Link;Headline\n"
        "Full Fact;The NHS has 50,000 more nurses than in 2019;Misleading;14/02/2024;"
        "https://fullfact.org/health/nurses/;Nurse numbers\n"
        "Full Fact;;True;2024-02-15;https://fullfact.org/x;Empty claim\n"
    )
    got = read_factchecks("fullfact.csv", text.encode("utf-8"))
    assert got.format == "CSV"
    [rec] = got.records
    assert rec.claim_reviewed == "The NHS has 50,000 more nurses than in 2019"
    assert (rec.publisher, rec.rating, rec.title) == ("Full Fact", "Misleading", "Nurse numbers")
    assert rec.url == "https://fullfact.org/health/nurses"
    assert rec.published_at == dt.date(2024, 2, 14)
    assert got.skipped == ["row 3: no claim text"]


def test_csv_without_a_claim_column_names_what_it_expected():
    with pytest.raises(IngestError, match="no claim column.*its columns: rating, url"):
        read_factchecks("wrong.csv", b"rating,url\nFalse,https://a.example/1\n")


def test_the_snopes_style_jsonl_and_its_bad_lines():
    lines = [
        {"id": "vc/0", "claim": "A video shows a shark on a flooded highway.", "title": "Shark?"},
        "not json at all {",
        {"id": "vc/2", "title": "no claim here"},
        {"id": "vc/3", "claim": "  The  moon   landing was staged. ", "title": ""},
    ]
    text = "\n".join(x if isinstance(x, str) else json.dumps(x) for x in lines) + "\n\n"
    got = read_factchecks("snopes_factchecks.jsonl", text.encode())
    assert got.format == "JSON Lines"
    assert [r.claim_reviewed for r in got.records] == [
        "A video shows a shark on a flooded highway.",
        "The moon landing was staged.",
    ]
    assert got.records[0].title == "Shark?" and got.records[1].title is None
    assert got.skipped[0].startswith("line 2: not JSON")
    assert got.skipped[1] == "line 3: no claim text"
    assert "2 records skipped" in got.skipped_summary()


def test_broken_json_names_the_place():
    broken = json.dumps(POLITIFACT_STYLE)[:-40]
    with pytest.raises(IngestError, match=r"not valid JSON \(.* at line 1, column \d+\)"):
        read_factchecks("cut.json", broken.encode())


def test_missing_fields_skip_the_record_or_stay_empty():
    no_claim = {"@type": "ClaimReview", "url": "https://x.example/1", "author": {"name": "X"}}
    bare = {"@type": "ClaimReview", "claimReviewed": "Bare claim."}
    from_item = {
        "@type": "ClaimReview",
        "itemReviewed": {"@type": "Claim", "name": "Claim named in the item."},
        "reviewRating": {"@type": "Rating", "ratingValue": "1", "bestRating": "5"},
        "url": "javascript:alert(1)",
        "datePublished": "not a date",
    }
    got = read_factchecks("partial.json", data([no_claim, bare, from_item]))
    assert got.skipped == ["ClaimReview 1: no claim text"]
    assert got.records[0] == FactCheckRecord("Bare claim.")
    assert got.records[1] == FactCheckRecord("Claim named in the item.", rating="1/5")


def test_files_with_nothing_usable_fail_whole():
    with pytest.raises(IngestError, match="none of its records could be used"):
        read_factchecks("x.json", data([{"@type": "ClaimReview", "url": "https://a.example"}]))
    with pytest.raises(IngestError, match="no ClaimReview and no record"):
        read_factchecks("x.json", data({"hello": "world"}))
    with pytest.raises(IngestError, match="empty"):
        read_factchecks("x.json", b"  \n")
    with pytest.raises(IngestError, match="PDF document"):
        read_factchecks("x.json", b"%PDF-1.7 ...")


def test_a_file_over_the_size_limit_is_refused_before_parsing(monkeypatch):
    monkeypatch.setenv("CLAIMDESK_MAX_UPLOAD_BYTES", "100")
    with pytest.raises(IngestError, match="CLAIMDESK_MAX_UPLOAD_BYTES"):
        read_factchecks("big.json", data([AFP_STYLE, AFP_STYLE]))


def test_fact_check_tools_json_is_read():
    api = {
        "claims": [
            {
                "text": "Tap water in the city contains lead",
                "claimant": "Viral post",
                "claimReview": [
                    {
                        "publisher": {"name": "Lead Facts", "site": "leadfacts.example"},
                        "url": "https://leadfacts.example/tap",
                        "title": "Tap water is safe",
                        "reviewDate": "2023-11-02T00:00:00Z",
                        "textualRating": "False",
                        "languageCode": "en",
                    }
                ],
            }
        ]
    }
    [rec] = read_factchecks("api.json", data(api)).records
    assert (rec.publisher, rec.rating, rec.published_at) == (
        "Lead Facts",
        "False",
        dt.date(2023, 11, 2),
    )


def test_values_are_cleaned():
    assert normalise_url(" HTTPS://Example.ORG/a/b/?q=1#frag ") == "https://example.org/a/b?q=1"
    assert normalise_url("ftp://example.org/x") is None
    assert parse_date("March 5, 2021") == dt.date(2021, 3, 5)
    assert parse_date("1066-10-14") is None
    assert parse_date(None) is None
