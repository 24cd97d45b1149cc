"""Map page: empty state, the demo's places, selection by query param and selectbox, corrections."""

from __future__ import annotations

from pathlib import Path

from sqlalchemy import select

from claimdesk.store import queries
from claimdesk.store.schema import PlaceMentionRow, PlaceRow
from tests.app import page_support
from tests.app.page_support import REVIEWER

demo_store = page_support.demo_store

PAGE = "pages/map.py"
ROOT = Path(__file__).resolve().parents[2]


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


def test_the_base_map_comes_from_the_app_itself(make_app, demo_store):
    """Land, coastlines and borders are drawn from TopoJSON the app serves (static/topojson):
    plotly.js asks the app's own origin for it, and the files are there."""
    import json

    at = make_app(PAGE).run()
    assert not at.exception
    geo = geo_layout(at)
    for layer in ("land", "coastlines", "countries", "ocean"):
        assert geo[f"show{layer}"] is True
    [chart] = at.get("plotly_chart")
    url = json.loads(chart.proto.config)["topojsonURL"]
    assert url == "app/static/topojson/" and "://" not in url
    static = ROOT / "static" / "topojson" / f"world_{geo['resolution']}m.json"
    assert set(json.loads(static.read_text())["objects"]) >= {"land", "coastlines", "countries"}


def test_the_view_fits_the_places_and_states_use_safe_colours(make_app, demo_store):
    from components.place_map import SAFE_COLORS

    at = make_app(PAGE).run()
    geo = geo_layout(at)
    lat0, lat1 = geo["lataxis"]["range"]
    lon0, lon1 = geo["lonaxis"]["range"]
    places = queries.places_summary(demo_store)
    assert lat0 <= places["lat"].min() and lat1 >= places["lat"].max()
    assert lon0 <= places["lon"].min() and lon1 >= places["lon"].max()
    assert (lat1 - lat0) >= 0.5 * (lon1 - lon0) - 1e-6  # shaped like the chart: no empty band
    [chart] = at.get("plotly_chart")
    colours = {t["marker"]["color"] for t in json_spec(chart)["data"]}
    assert colours <= set(SAFE_COLORS.values())


def json_spec(chart) -> dict:
    import json

    return json.loads(chart.proto.spec)


def test_one_place_opens_on_its_region_not_a_street():
    import pandas as pd

    from components.place_map import MIN_SPAN, _view

    one = pd.DataFrame({"lat": [51.73], "lon": [36.19]})  # Kursk
    view = _view(one)
    (lat0, lat1), (lon0, lon1) = view["lataxis_range"], view["lonaxis_range"]
    assert lat1 - lat0 >= MIN_SPAN and lon1 - lon0 >= MIN_SPAN
    assert lat0 < 51.73 < lat1 and lon0 < 36.19 < lon1
    assert lon1 - lon0 < 40  # Europe, not the world


def test_labels_of_nearby_places_do_not_pile_up():
    import pandas as pd

    from components.place_map import LABELLED, _labelled, _view

    # Pyongyang, Seoul and the Blue House a few km apart, Kursk far away
    f = pd.DataFrame(
        {"lat": [39.03, 37.57, 37.59, 51.73], "lon": [125.75, 126.98, 126.97, 36.19],
         "mentions": [5, 4, 3, 2]}
    )  # fmt: skip
    keep = _labelled(f, _view(f))
    assert keep.tolist() == [True, False, False, True]
    grid = [(lat, lon) for lat in range(-60, 61, 30) for lon in range(-160, 161, 40)]
    many = pd.DataFrame({"lat": [a for a, _ in grid], "lon": [b for _, b in grid], "mentions": 1})
    assert _labelled(many, _view(many)).sum() == LABELLED


def test_street_tiles_are_a_setting_off_by_default(make_app, demo_store, monkeypatch):
    at = make_app(PAGE).run()
    [chart] = at.get("plotly_chart")
    assert {t["type"] for t in json_spec(chart)["data"]} == {"scattergeo"}
    monkeypatch.setenv("CLAIMDESK_MAP_TILES", "osm")
    at = make_app(PAGE).run()
    assert not at.exception
    [chart] = at.get("plotly_chart")
    spec = json_spec(chart)
    assert {t["type"] for t in spec["data"]} == {"scattermap"}
    assert spec["layout"]["map"]["style"] == "open-street-map"


def test_a_view_of_one_region_draws_its_state_and_province_borders():
    """plotly.js draws states only for the US and Canada; the app adds every country's from
    Natural Earth when the view is narrow enough to need them, and only those in view."""
    import math

    from components.place_map import admin1_trace

    ukraine = {"lataxis_range": [44.0, 53.0], "lonaxis_range": [22.0, 41.0]}
    trace = admin1_trace(ukraine)
    assert trace is not None and trace.mode == "lines" and trace.hoverinfo == "skip"
    points = [(x, y) for x, y in zip(trace.lon, trace.lat, strict=True) if not math.isnan(x)]
    gaps = sum(1 for x in trace.lon if math.isnan(x))
    assert len(points) > 1_000 and gaps > 100  # many separate border lines
    near = [(x, y) for x, y in points if 20 <= x <= 43 and 42 <= y <= 55]
    assert len(near) > 0.9 * len(points)  # lines reaching into the view, not the world's
    world = {"lataxis_range": [-60.0, 80.0], "lonaxis_range": [-170.0, 170.0]}
    assert admin1_trace(world) is None
