"""Page wiring: upload through the file uploader, filters, review through the editor and form."""

from __future__ import annotations

from pathlib import Path

import pytest

from claimdesk import review
from claimdesk.store import queries
from tests.app import page_support
from tests.unit.filemakers import make_docx, make_html_article, make_pdf

ROOT = Path(__file__).resolve().parents[2]
DEMO = ROOT / "data" / "demo" / "nk-troops-russia.txt"


MEMO = [
    "The water board said the repairs to the northern levee will cost 3.4 million euros.",
    "Engineers expect the work to finish before the spring floods, the board added.",
]
PAGE = [
    "Rail services between the two cities resumed on Friday after a five-day strike, the "
    "operator said in a statement.",
    "About 60 percent of trains ran on time, according to figures published by the regulator, "
    "down from 92 percent a year earlier.",
]


def frame_with(at, column: str):
    """The first table on the page that has `column` (read-only tables carry no key)."""
    for df in at.dataframe:
        value = df.value
        if column in value.columns:
            return value
    raise AssertionError(f"no table with a {column!r} column")


def no_exception(at) -> None:
    assert not at.exception, [e.message for e in at.exception]


def test_upload_many_files_reports_each_outcome(make_app, app_db):
    at = make_app("pages/upload.py")
    at.run()
    no_exception(at)
    files = [
        ("demo.txt", DEMO.read_bytes(), "text/plain"),
        ("report.pdf", make_pdf(title="Flood report"), "application/pdf"),
        ("memo.docx", make_docx(MEMO, title="Flood memo"), "application/octet-stream"),
        ("page.html", make_html_article(PAGE).encode(), "text/html"),
        ("broken.pdf", b"this is not a pdf at all", "application/pdf"),
        ("empty.txt", b"", "text/plain"),
        ("again.txt", DEMO.read_bytes(), "text/plain"),
    ]
    at.file_uploader(key="upload_files").set_value(files)
    at.run()
    size = sum(len(data) for _, data, _ in files) / 2**20
    assert f"7 file(s) ready to analyse, {size:,.1f} MB in all." in [c.value for c in at.caption]
    at.button(key="upload_go").click()
    at.run()
    no_exception(at)
    table = frame_with(at, "outcome")
    outcome = dict(zip(table["input"], table["outcome"], strict=True))
    assert outcome["demo.txt"].endswith("added")
    assert outcome["report.pdf"].endswith("added")
    assert outcome["memo.docx"].endswith("added")
    assert outcome["page.html"].endswith("added")
    assert outcome["broken.pdf"].endswith("failed")
    assert outcome["empty.txt"].endswith("failed")
    assert outcome["again.txt"] == "already stored"
    details = dict(zip(table["input"], table["details"], strict=True))
    assert "not a PDF" in details["broken.pdf"]
    assert "empty" in details["empty.txt"]
    assert "already stored" in details["again.txt"]
    assert len(queries.articles_table(app_db)) == 4


def test_pasted_text_goes_in(make_app, app_db):
    at = make_app("pages/upload.py")
    at.run()
    at.text_input(key="upload_title").input("Council budget")
    at.text_area(key="upload_text").input(
        "The council approved a budget of $12 million on Monday, the mayor said. "
        "It is 8 percent larger than last year's."
    )
    at.button(key="upload_go").click()
    at.run()
    no_exception(at)
    arts = queries.articles_table(app_db)
    assert list(arts["title"]) == ["Council budget"]


@pytest.fixture
def demo_app(make_app, app_db):
    at = make_app()
    at.run()
    at.button(key="overview_demo").click()
    at.run()
    no_exception(at)
    return at


def test_overview_first_run_then_collection(make_app, app_db, demo_app):
    at = demo_app
    at.run()
    no_exception(at)
    assert at.title[0].value == "Overview"
    metrics = {m.label: m.value for m in at.metric}
    assert metrics["Articles"] == "1" and int(metrics["Claims"]) >= 5


def test_claims_filters_are_in_the_url_and_review_through_the_editor(make_app, app_db, demo_app):
    at = make_app("pages/claims.py", q="Kursk")
    at.run()
    no_exception(at)
    shown = at.data_editor[0].value
    assert len(shown) >= 1 and all("kursk" in t.lower() for t in shown["text"])
    # tag the first row disputed right in the table (the editor's session state)
    cid = int(shown.index[0])
    at.session_state[at.data_editor[0].key] = {
        "edited_rows": {0: {"status": "disputed"}},
        "added_rows": [],
        "deleted_rows": [],
    }
    at.run()
    no_exception(at)
    assert review.current_status(app_db, cid) == "disputed"
    assert review.history(app_db, cid)[0].reviewer == "Test Reviewer"
    assert at.data_editor[0].value.loc[cid, "status"] == "disputed"
    # status filter shows only the disputed claim, and lands in the query string
    at.multiselect(key="f_status").set_value(["disputed"])
    at.text_input(key="f_search").set_value("")
    at.run()
    no_exception(at)
    assert list(at.data_editor[0].value.index) == [cid]
    assert at.query_params["status"] in ("disputed", ["disputed"])
    assert "q" not in at.query_params


def test_review_form_saves_note_and_evidence_and_shows_history(make_app, app_db, demo_app):
    at = make_app("pages/claims.py")
    at.run()
    key = at.data_editor[0].key
    ids = list(at.data_editor[0].value.index)
    at.session_state[key] = {
        "edited_rows": {1: {"select": True}},
        "added_rows": [],
        "deleted_rows": [],
    }
    at.run()
    no_exception(at)
    at.selectbox(key="review_form_status").set_value("verified")
    at.text_area(key="review_form_note").input("Matches the ministry's statement")
    at.text_input(key="review_form_evidence").input("https://example.org/statement")
    at.button(key="FormSubmitter:review_form-Save review").click()
    at.run()
    no_exception(at)
    events = review.history(app_db, int(ids[1]))
    assert [e.status for e in events] == ["verified"]
    assert events[0].note == "Matches the ministry's statement"
    assert events[0].evidence_url == "https://example.org/statement"
    history = frame_with(at, "who")
    assert list(history["status"]) == ["verified"] and list(history["who"]) == ["Test Reviewer"]


def test_bulk_review_of_ticked_rows(make_app, app_db, demo_app):
    at = make_app("pages/claims.py")
    at.run()
    key = at.data_editor[0].key
    ids = [int(i) for i in at.data_editor[0].value.index[:3]]
    at.session_state[key] = {
        "edited_rows": {0: {"select": True}, 1: {"select": True}, 2: {"select": True}},
        "added_rows": [],
        "deleted_rows": [],
    }
    at.run()
    at.selectbox(key="review_form_status").set_value("in progress")
    at.button(key="FormSubmitter:review_form-Save review").click()
    at.run()
    no_exception(at)
    assert {review.current_status(app_db, i) for i in ids} == {"in progress"}


def test_bad_evidence_link_is_refused_in_words(make_app, app_db, demo_app):
    at = make_app("pages/claims.py")
    at.run()
    key = at.data_editor[0].key
    cid = int(at.data_editor[0].value.index[0])
    at.session_state[key] = {
        "edited_rows": {0: {"select": True}},
        "added_rows": [],
        "deleted_rows": [],
    }
    at.run()
    at.text_input(key="review_form_evidence").input("javascript:alert(1)")
    at.button(key="FormSubmitter:review_form-Save review").click()
    at.run()
    no_exception(at)
    assert any("http(s) address" in page_support.shown(e.value) for e in at.error)
    assert review.history(app_db, cid) == []


def test_the_uploader_states_the_apps_own_size_limit(make_app, app_db, monkeypatch):
    at = make_app("pages/upload.py")
    at.run()
    assert at.file_uploader(key="upload_files").proto.max_upload_size_mb == 25
    monkeypatch.setenv("CLAIMDESK_MAX_UPLOAD_BYTES", str(5 * 2**20))
    at.run()
    assert at.file_uploader(key="upload_files").proto.max_upload_size_mb == 5


def test_a_search_past_the_count_cap_says_more_than(make_app, app_db, demo_app, monkeypatch):
    from claimdesk.store import queries

    _, total = queries.claims_table(app_db, queries.ClaimFilter(min_score=0.01))
    assert total > 2
    monkeypatch.setattr(queries, "COUNT_CAP", 2)
    at = make_app("pages/claims.py", min="0.01").run()
    no_exception(at)
    assert any(c.value.startswith("More than 2 claims") for c in at.caption)
    assert len(at.data_editor[0].value) == total  # the page still lists every one (< 50)
