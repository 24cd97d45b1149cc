"""Sources page: empty state, the demo's sources and chart, selecting a source lists its quotes."""

from __future__ import annotations

from claimdesk.store import queries
from tests.app import page_support

demo_store = page_support.demo_store

PAGE = "pages/sources.py"


def frame_with(at, column: str):
    found = [d.value for d in at.dataframe if column in d.value.columns]
    assert found, f"no table with a {column!r} column"
    return found[0]


def source_id(store, name: str) -> int:
    summary = queries.sources_summary(store)
    return int(summary.loc[summary["name"] == name, "id"].iloc[0])


def test_empty_database_points_to_upload(make_app):
    at = make_app(PAGE).run()
    assert not at.exception
    assert "Upload" in at.info[0].value


def test_demo_sources_are_tabled_with_metrics(make_app, demo_store):
    at = make_app(PAGE).run()
    assert not at.exception
    table = frame_with(at, "affiliation")
    assert len(table) > 0
    assert "Miles Yu" in set(table["name"])
    assert (table["quotes"] == table["direct"] + table["indirect"] + table["mixed"]).all()
    metrics = {m.label: m.value for m in at.metric}
    assert int(metrics["Quotes attributed"]) == int(table["quotes"].sum())
    assert metrics["Anonymous sourcing"].endswith("%")
    assert at.selectbox(key="src_source").value == 0  # nobody picked yet


def test_selecting_a_source_lists_its_quotes_in_context(make_app, demo_store):
    yu = source_id(demo_store, "Miles Yu")
    at = make_app(PAGE).run()
    at.selectbox(key="src_source").set_value(yu).run()
    assert not at.exception
    quotes = frame_with(at, "context")
    assert len(quotes) == len(queries.quotes_of_source(demo_store, yu)) > 0
    assert all(q in c for q, c in zip(quotes["quote"], quotes["context"], strict=True))
    assert str(yu) in str(at.query_params["source"])


def test_source_and_article_from_the_query_string(make_app, demo_store):
    yu = source_id(demo_store, "Miles Yu")
    at = make_app(PAGE, source=str(yu), article="1").run()
    assert not at.exception
    assert at.selectbox(key="src_article").value == 1
    assert at.selectbox(key="src_source").value == yu
    assert len(frame_with(at, "context")) > 0


def test_an_article_without_quotes_says_so(make_app, demo_store):
    from tests.sample_records import make_article

    out = demo_store.add_article(make_article("Nothing quoted here at all.", "Quiet"), None)
    at = make_app(PAGE, article=str(out.article_id)).run()
    assert not at.exception
    assert "No quote here" in at.info[0].value


def test_a_sources_quotes_come_a_page_at_a_time(make_app, demo_store, monkeypatch):
    from components import pager

    monkeypatch.setattr(pager, "PAGE_ROWS", 2)
    yu = source_id(demo_store, "Miles Yu")
    every = list(queries.quotes_of_source(demo_store, yu)["quote"])
    assert len(every) > 2
    at = make_app(PAGE, source=str(yu)).run()
    assert list(frame_with(at, "context")["quote"]) == every[:2]
    assert at.button(key="src_quotes_page_prev").disabled
    at.button(key="src_quotes_page_next").click().run()
    assert not at.exception
    assert list(frame_with(at, "context")["quote"]) == every[2:4]
    assert any(f"3–{min(4, len(every))} of {len(every)}" in c.value for c in at.caption)
    at.button(key="src_quotes_page_prev").click().run()
    assert list(frame_with(at, "context")["quote"]) == every[:2]
