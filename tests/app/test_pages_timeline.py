"""Timeline page: empty state, articles and dated claims drawn, filters, and a point's claim."""

from __future__ import annotations

import datetime as dt
import json

from claimdesk import review
from claimdesk.store import queries
from tests.app import page_support
from tests.dated_records import make_collection

PAGE = "pages/timeline.py"


def traces(at) -> list[dict]:
    [chart] = at.get("plotly_chart")
    return json.loads(chart.proto.spec)["data"]


def claim_points(at) -> list[list]:
    """customdata of every claim point drawn (["claim", id])."""
    return [d for t in traces(at) for d in t.get("customdata") or [] if d[0] == "claim"]


def article_points(at) -> list[list]:
    return [d for t in traces(at) for d in t.get("customdata") or [] if d[0] == "article"]


def param(at, name: str) -> list[str]:
    """A query parameter's values (AppTest gives one value as a string, several as a list)."""
    value = at.query_params[name]
    return [str(v) for v in value] if isinstance(value, list) else [str(value)]


def test_empty_database_points_to_upload(make_app):
    at = make_app(PAGE).run()
    assert not at.exception
    assert "Upload" in at.info[0].value
    assert any("upload" in link.proto.page for link in at.page_link)


def test_the_timeline_draws_articles_and_dated_claims(make_app, app_db):
    ids = make_collection(app_db)
    at = make_app(PAGE).run()
    assert not at.exception
    assert at.title[0].value == "Timeline"
    _, total = queries.timeline_dates(app_db)
    assert len(claim_points(at)) == total == 9
    assert sorted(i for _, i in article_points(at)) == sorted(ids.values())
    names = {t.get("name") for t in traces(at)}
    assert "Claim: unreviewed" in names
    assert {"Article, by its publication date", "Article, by its upload date"} <= names
    assert "Period a date names (week, month, year)" in names  # "last September" spans a month
    assert any("upload date" in c.value for c in at.caption)  # the third article's anchor
    # the page is in the sidebar
    assert any("timeline" in (link.proto.page or "") for link in at.page_link)


def test_filters_narrow_the_points_and_go_into_the_url(make_app, app_db):
    ids = make_collection(app_db)
    at = make_app(PAGE).run()
    at.multiselect(key="tl_article").set_value([ids["a"]]).run()
    assert not at.exception
    a_claims = set(
        queries.claims_table(app_db, queries.ClaimFilter(article_ids=(ids["a"],)))[0]["id"]
    )
    assert {i for _, i in claim_points(at)} <= a_claims and claim_points(at)
    assert [i for _, i in article_points(at)] == [ids["a"]]
    assert param(at, "article") == [str(ids["a"])]

    at.multiselect(key="tl_anchor").set_value(["absolute"]).run()
    assert len(claim_points(at)) == 1  # March 3, 2017 only
    at.multiselect(key="tl_anchor").set_value([]).run()

    at.date_input(key="tl_from").set_value(dt.date(2019, 9, 15)).run()
    at.date_input(key="tl_to").set_value(dt.date(2019, 12, 31)).run()
    assert not at.exception
    assert len(claim_points(at)) == 1  # last September, drawn across its month
    assert param(at, "from") == ["2019-09-15"]


def test_a_status_filter_keeps_the_reviewed_claims(make_app, app_db):
    make_collection(app_db)
    dates, _ = queries.timeline_dates(app_db)
    claim_id = int(dates["claim_id"].iloc[0])
    review.record_review(app_db, [claim_id], "disputed", "Test Reviewer")
    at = make_app(PAGE, status="disputed").run()
    assert not at.exception
    assert {i for _, i in claim_points(at)} == {claim_id}
    assert {t["name"] for t in traces(at) if t.get("mode") == "markers"} >= {"Claim: disputed"}


def test_from_after_to_says_so(make_app, app_db):
    make_collection(app_db)
    at = make_app(PAGE, **{"from": "2021-01-01", "to": "2020-01-01"}).run()
    assert not at.exception
    assert "Swap" in at.warning[0].value


def test_a_malformed_date_in_the_url_is_ignored(make_app, app_db):
    make_collection(app_db)
    at = make_app(PAGE, **{"from": "yesterday", "to": "2020-13-45"}).run()
    assert not at.exception
    assert len(claim_points(at)) == 9


def test_a_points_claim_opens_with_its_dates_and_links(make_app, app_db):
    make_collection(app_db)
    dates, _ = queries.timeline_dates(app_db)
    september = dates[dates["text"] == "last September"].iloc[0]
    claim_id, article_id = int(september["claim_id"]), int(september["article_id"])
    assert ["claim", claim_id] in claim_points(make_app(PAGE).run())
    at = make_app(PAGE).run()
    at.selectbox(key="tl_claim").set_value(claim_id).run()  # what a click on the point selects
    assert not at.exception
    assert param(at, "claim") == [str(claim_id)]
    shown = " ".join(page_support.shown(m.value) for m in at.markdown)
    assert "The river burst its banks last September." in shown
    assert "“last September” → **2019-09**, as of the publication date 2020-01-15" in shown
    links = {(p.proto.page, p.proto.query_string) for p in at.page_link}
    assert any("claims" in page and qs == f"claim={claim_id}" for page, qs in links)
    assert any(
        "article" in page and f"article={article_id}" in qs and f"claim={claim_id}" in qs
        for page, qs in links
    )


def test_the_claims_page_opens_the_claim_a_point_links_to(make_app, app_db):
    make_collection(app_db)
    dates, _ = queries.timeline_dates(app_db)
    september = dates[dates["text"] == "last September"].iloc[0]
    claim_id = int(september["claim_id"])
    text = queries.claim_detail(app_db, claim_id)["text"]
    at = make_app("pages/claims.py", claim=str(claim_id)).run()
    assert not at.exception
    shown = [page_support.shown(m.value) for m in at.markdown]
    assert any(text in m for m in shown)
    as_of = str(september["as_of"])
    assert any(
        f"“last September” → **2019-09**, as of the publication date {as_of}" in m for m in shown
    )


def test_a_claim_param_from_a_shared_link_opens_it(make_app, app_db):
    make_collection(app_db)
    dates, _ = queries.timeline_dates(app_db)
    claim_id = int(dates["claim_id"].iloc[-1])
    at = make_app(PAGE, claim=str(claim_id)).run()
    assert not at.exception
    assert at.selectbox(key="tl_claim").value == claim_id
    assert any("Dates" in m.value for m in at.markdown)


def test_a_click_on_a_point_names_its_claim_or_article():
    from components.timeline_chart import clicked_point

    def event(*points):
        return {"selection": {"points": list(points), "point_indices": [], "box": []}}

    assert clicked_point(event({"customdata": ["claim", 7], "x": "2020-01-13"})) == ("claim", 7)
    assert clicked_point(event({"customdata": ["article", 3]})) == ("article", 3)
    assert clicked_point(event({"x": "2020-01-13"})) is None  # a period's bar: no customdata
    assert clicked_point(event()) is None
    assert clicked_point(None) is None


def test_a_dense_timeline_counts_per_period_and_a_bar_zooms_in(make_app, app_db, monkeypatch):
    from claimdesk import timeline_bins

    make_collection(app_db)
    monkeypatch.setattr(timeline_bins, "DETAIL_POINTS", 2)  # the 9 dates are "too many"
    at = make_app(PAGE).run()
    assert not at.exception
    bars = [t for t in traces(at) if t["type"] == "bar"]
    assert [t["name"].split(" per ")[0] for t in bars] == ["Claim dates", "Articles"]
    _, total = queries.timeline_dates(app_db)
    assert sum(bars[0]["y"]) == total and sum(bars[1]["y"]) == 3
    assert not claim_points(at)  # no point drawn one by one
    _, first, last = bars[0]["customdata"][-1]  # the latest period
    at.session_state["tl_zoom"] = (dt.date.fromisoformat(first), dt.date.fromisoformat(last))
    at.run()
    assert at.date_input(key="tl_from").value == dt.date.fromisoformat(first)
    assert at.date_input(key="tl_to").value == dt.date.fromisoformat(last)
    assert param(at, "from") == [first]
    at.button(key="tl_all").click().run()  # back to every date
    assert "from" not in at.query_params and not at.exception


def test_a_click_on_a_bar_names_its_period():
    from components.timeline_chart import clicked_period

    event = {"selection": {"points": [{"customdata": ["period", "2020-01-01", "2020-01-31"]}]}}
    assert clicked_period(event) == (dt.date(2020, 1, 1), dt.date(2020, 1, 31))
    assert clicked_period({"selection": {"points": [{"customdata": ["claim", 7]}]}}) is None
    assert clicked_period(None) is None
