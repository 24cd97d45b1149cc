"""Export page: every download button serves a file that parses, for the filter in the URL."""

from __future__ import annotations

import datetime as dt
import io
import json

import openpyxl
import pandas as pd
import pytest

from claimdesk import review
from claimdesk.store import queries
from tests.app import page_support
from tests.app.page_support import REVIEWER

demo_store = page_support.demo_store

PAGE = "pages/export.py"


@pytest.fixture
def media(monkeypatch):
    """Keeps every media storage AppTest makes, so a download button's bytes can be read."""
    from streamlit.runtime.memory_media_file_storage import MemoryMediaFileStorage
    from streamlit.testing.v1 import app_test

    made: list[MemoryMediaFileStorage] = []

    class Recording(MemoryMediaFileStorage):
        def __init__(self, *args, **kwargs) -> None:
            super().__init__(*args, **kwargs)
            made.append(self)

    monkeypatch.setattr(app_test, "MemoryMediaFileStorage", Recording)

    def download(at, key: str) -> bytes:
        url = at.download_button(key=key).proto.url
        return made[-1].get_file(url.rsplit("/", 1)[-1]).content

    return download


def test_empty_database_points_to_upload(make_app):
    at = make_app(PAGE).run()
    assert not at.exception
    assert "Upload" in at.info[0].value
    assert not at.download_button


def test_every_format_parses_and_counts_match(make_app, demo_store, media):
    claims, total = queries.claims_table(demo_store, limit=1000)
    first = claims.iloc[0]
    review.record_review(
        demo_store,
        [int(first["id"])],
        "false",
        REVIEWER,
        "Checked the ministry figures.",
        "https://example.org/evidence",
    )
    at = make_app(PAGE).run()
    assert not at.exception

    csv = pd.read_csv(io.BytesIO(media(at, "export_csv")), encoding="utf-8-sig")
    assert len(csv) == total > 0
    assert {"claim_id", "claim", "status", "claimant", "article"} <= set(csv.columns)

    book = openpyxl.load_workbook(io.BytesIO(media(at, "export_xlsx")))
    rows = list(book["claims"].iter_rows(values_only=True))
    assert rows[0][:2] == ("claim_id", "claim") and len(rows) == total + 1

    records = json.loads(media(at, "export_json"))
    assert len(records) == total
    assert {r["status"] for r in records} == {"false", "unreviewed"}

    [item] = json.loads(media(at, "export_claimreview"))
    assert item["@type"] == "ClaimReview"
    assert item["claimReviewed"] == first["text"]
    assert item["reviewRating"]["alternateName"] == "False"
    expected_author = first["claimant"] if first["claimant"] != "the author" else "unknown"
    assert item["itemReviewed"]["author"]["name"] == expected_author
    [appearance] = item["itemReviewed"]["appearance"]
    assert appearance["@type"] == "CreativeWork" and appearance["headline"]
    assert item["author"]["name"] == REVIEWER
    assert item["datePublished"] == dt.datetime.now(dt.UTC).date().isoformat()
    assert item["reviewBody"] == "Checked the ministry figures."

    geo = json.loads(media(at, "export_geojson"))
    assert geo["type"] == "FeatureCollection"
    assert len(geo["features"]) == len(queries.places_summary(demo_store)) > 0
    point = geo["features"][0]
    assert point["geometry"]["type"] == "Point" and len(point["geometry"]["coordinates"]) == 2

    captions = " ".join(c.value for c in at.caption)
    assert f"{total:,} claims" in captions and "1 reviewed claims" in captions


def test_the_filter_in_the_url_is_what_is_exported(make_app, demo_store, media):
    claims, _ = queries.claims_table(demo_store, limit=1000)
    review.record_review(demo_store, [int(claims.iloc[1]["id"])], "verified", REVIEWER)
    at = make_app(PAGE, status="verified").run()
    assert not at.exception
    assert "status\\: verified" in at.markdown[0].value
    csv = pd.read_csv(io.BytesIO(media(at, "export_csv")), encoding="utf-8-sig")
    assert list(csv["claim_id"]) == [int(claims.iloc[1]["id"])]
    assert len(json.loads(media(at, "export_claimreview"))) == 1


def test_a_filter_matching_nothing_disables_the_claim_buttons(make_app, demo_store):
    at = make_app(PAGE, q="zzzz-no-such-words", min="bad").run()
    assert not at.exception
    assert at.warning
    assert at.download_button(key="export_csv").proto.disabled
    assert not at.download_button(key="export_geojson").proto.disabled
