"""Map page: empty state, the demo's places, selection by query param and selectbox, corrections."""

from __future__ import annotations

from sqlalchemy import select

from claimdesk.store import queries
from claimdesk.store.schema import PlaceMentionRow, PlaceRow
from tests.app import page_support
from tests.app.page_support import REVIEWER

demo_store = page_support.demo_store
through_the_dashboard = page_support.through_the_dashboard

PAGE = "pages/map.py"


def near_kursk(store) -> int:
    places = queries.places_summary(store)
    near = places[places["lat"].between(50.5, 53.0) & places["lon"].between(34.5, 38.5)]
    assert not near.empty, f"no place near Kursk in {list(places['name'])}"
    return int(near.iloc[0]["id"])


def frames(at) -> list:
    return [d.value for d in at.dataframe]


def test_empty_database_points_to_upload(make_app):
    at = make_app(PAGE).run()
    assert not at.exception
    assert "Upload" in at.info[0].value
    assert any("upload" in link.proto.page for link in at.page_link)


def test_demo_places_are_listed_and_the_query_param_selects_one(make_app, demo_store):
    kursk = near_kursk(demo_store)
    at = make_app(PAGE, place=str(kursk)).run()
    assert not at.exception
    box = at.selectbox(key="map_place")
    assert box.value == kursk
    [mentions] = [f for f in frames(at) if "written" in f.columns]
    assert len(mentions) >= 1
    assert all("kursk" in w.lower() for w in mentions["written"])
    assert str(kursk) in str(at.query_params["place"])


def test_selectbox_selects_a_place_and_writes_the_query_param(make_app, demo_store):
    kursk = near_kursk(demo_store)
    at = make_app(PAGE).run()
    assert not at.exception
    assert not any("written" in f.columns for f in frames(at))  # nothing selected yet
    at.selectbox(key="map_place").set_value(kursk).run()
    assert not at.exception
    assert any("written" in f.columns and len(f) for f in frames(at))
    assert str(kursk) in str(at.query_params.get("place"))


def test_article_filter_keeps_the_page_working(make_app, demo_store):
    at = make_app(PAGE, article="1").run()
    assert not at.exception
    assert at.selectbox(key="map_article").value == 1


def test_a_typed_correction_persists(make_app, demo_store):
    kursk = near_kursk(demo_store)
    at = make_app(PAGE, place=str(kursk)).run()
    assert at.selectbox(key="fix_surface").value.lower().startswith("kursk")
    surface = at.selectbox(key="fix_surface").value
    at.radio(key="fix_how").set_value("coordinates I type").run()
    at.text_input(key=f"fix_name_{surface}").set_value("Kursk front line")
    at.number_input(key="fix_lat").set_value(51.25)
    at.number_input(key="fix_lon").set_value(35.5)
    at.text_input(key="fix_cc").set_value("ru")
    at.button(key="fix_save_typed").click().run()
    assert not at.exception
    assert not at.error
    assert any("Kursk front line" in s.value for s in at.success)
    with demo_store.read() as s:
        rows = s.execute(
            select(PlaceRow.name, PlaceRow.lat, PlaceRow.added_by)
            .join(PlaceMentionRow, PlaceMentionRow.place_id == PlaceRow.id)
            .where(PlaceMentionRow.surface == surface)
        ).all()
    assert rows and all(tuple(r) == ("Kursk front line", 51.25, REVIEWER) for r in rows)


def test_a_gazetteer_correction_persists(make_app, demo_store):
    kursk = near_kursk(demo_store)
    at = make_app(PAGE, place=str(kursk)).run()
    surface = at.selectbox(key="fix_surface").value
    at.text_input(key=f"fix_query_{surface}").set_value("Vladivostok").run()
    assert "Vladivostok" in at.selectbox(key=f"fix_pick_{surface}_Vladivostok").options[0]
    at.button(key="fix_save_gaz").click().run()
    assert not at.exception and not at.error
    with demo_store.read() as s:
        names = set(
            s.scalars(
                select(PlaceRow.name)
                .join(PlaceMentionRow, PlaceMentionRow.place_id == PlaceRow.id)
                .where(PlaceMentionRow.surface == surface)
            )
        )
    assert names == {"Vladivostok"}


def geo_layout(at) -> dict:
    import json

    [chart] = at.get("plotly_chart")
    return json.loads(chart.proto.spec)["layout"]["geo"]


def test_the_map_is_drawn_offline_unless_coastlines_are_asked_for(make_app, demo_store):
    """plotly.js downloads a topojson for any base layer; by default the map needs none."""
    at = make_app(PAGE).run()
    geo = geo_layout(at)
    assert geo["visible"] is False
    assert not [k for k, v in geo.items() if k.startswith("show") and k != "showframe" and v]
    at.toggle(key="map_coastlines").set_value(True).run()
    assert not at.exception
    assert geo_layout(at)["showcoastlines"] is True
