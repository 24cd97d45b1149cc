"""The places map, a place's mentions, the unresolved names and the correction form.

The map is a plotly `scatter_geo` over a base map of land, coastlines and borders that the app
serves itself: Natural Earth TopoJSON in `static/topojson/`, which plotly.js fetches from the
app's own origin (`topojsonURL`), so the map is whole with no internet. Where the machine is
online, `CLAIMDESK_MAP_TILES=osm` draws OpenStreetMap tiles instead (street level; off by
default because every tile is a request to openstreetmap.org).
"""

from __future__ import annotations

import functools
import math
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import pandas as pd
import plotly.express as px
import plotly.graph_objects as go
import streamlit as st

from claimdesk.model import Place
from claimdesk.places.admin import typed_place
from claimdesk.places.gazetteer import get_gazetteer
from claimdesk.settings import map_tiles
from components.figures import reused
from components.safe import h
from components.tables import table

NO_CLAIMS = "no claims"
#: Every country's state and province borders (Natural Earth, scripts/build_basemap.py).
ADMIN1_BORDERS = Path(__file__).resolve().parent.parent / "data" / "basemap" / "admin1_borders.npz"
#: A view narrower than this many degrees of longitude also draws state and province borders.
ADMIN1_SPAN = 70.0
#: Served by the app itself (`server.enableStaticServing`); relative, so it also works under a
#: `server.baseUrlPath` or a reverse proxy's path prefix.
TOPOJSON_URL = "app/static/topojson/"
#: Okabe-Ito colours (safe for the common colour-vision deficiencies), one per review state,
#: most alarming first; states a desk adds get the ones left over.
SAFE_COLORS = {
    "false": "#D55E00",  # vermillion
    "disputed": "#E69F00",  # orange
    "verified": "#009E73",  # bluish green
    "in progress": "#0072B2",  # blue
    "inconclusive": "#CC79A7",  # reddish purple
    "unreviewed": "#56B4E9",  # sky blue
    NO_CLAIMS: "#999999",  # grey
}
SPARE_COLORS = ("#F0E442", "#000000", "#7F7F7F")
#: Places named on the map itself (the rest on hover): the most mentioned, so labels stay apart.
LABELLED = 12
#: Places considered for a label, most mentioned first (a rerun never walks every place).
LABEL_CANDIDATES = 20 * LABELLED
#: Smallest view, in degrees: one place (or a few close together) opens on its region.
MIN_SPAN = 12.0
#: Height over width of the view in degrees that fills the chart (natural earth projection).
ASPECT = 0.5
#: Kinds of place whose name yields its label to a town or landmark nearby with as many mentions.
AREA_FEATURES = ("continent", "region", "country", "admin1", "water")
#: Two drawn labels keep at least this share of the view's height apart (and 2.5x as much of
#: its width, names being wider than tall) unless one is above the other's bubble.
LABEL_GAP = 0.06


def state_colors(states: list[str]) -> dict[str, str]:
    """A colour-blind safe colour for each review state shown."""
    spare = iter(SPARE_COLORS * (1 + len(states) // len(SPARE_COLORS)))
    return {s: SAFE_COLORS.get(s) or next(spare) for s in states}


def _view(frame: pd.DataFrame, aspect: float = ASPECT) -> dict:
    """Axis ranges that fit the places: at least MIN_SPAN degrees (plotly's fitbounds zooms a
    single place down to a street), widened to the chart's shape so the map fills it."""
    lat0, lat1 = float(frame["lat"].min()), float(frame["lat"].max())
    lon0, lon1 = float(frame["lon"].min()), float(frame["lon"].max())
    lat_span = max(MIN_SPAN, (lat1 - lat0) * 1.3)
    lon_span = max(MIN_SPAN, (lon1 - lon0) * 1.3)
    lat_span, lon_span = max(lat_span, lon_span * aspect), max(lon_span, lat_span / aspect)
    lat_mid, lon_mid = (lat0 + lat1) / 2, (lon0 + lon1) / 2
    return {
        "lataxis_range": _clamped(lat_mid, min(lat_span, 180.0), 90.0),
        "lonaxis_range": _clamped(lon_mid, min(lon_span, 360.0), 180.0),
    }


def _size_max(most: int) -> float:
    """The largest bubble's diameter: plotly scales every bubble to the most mentioned one, so
    a collection where each place is named once would draw them all at full size."""
    return 14.0 + min(20.0, 5.0 * math.log2(1 + most))


def _clamped(mid: float, span: float, edge: float) -> list[float]:
    """[mid - span/2, mid + span/2], slid inside [-edge, edge]."""
    lo, hi = mid - span / 2, mid + span / 2
    if lo < -edge:
        lo, hi = -edge, -edge + span
    if hi > edge:
        lo, hi = edge - span, edge
    return [lo, hi]


def _labelled(frame: pd.DataFrame, view: dict) -> pd.Series:
    """Which places get their name drawn: the most mentioned first, skipping any that would sit
    on a label already drawn (closer than a share of the view), at most LABELLED."""
    lat0, lat1 = view["lataxis_range"]
    lon0, lon1 = view["lonaxis_range"]
    min_dlat, min_dlon = (lat1 - lat0) * LABEL_GAP, (lon1 - lon0) * LABEL_GAP * 2.5
    chosen: list[tuple[float, float]] = []
    keep = pd.Series(False, index=frame.index)
    order = frame.assign(area=frame["feature"].isin(AREA_FEATURES) if "feature" in frame else False)
    ranked = order.sort_values(["mentions", "area"], ascending=[False, True], kind="stable")
    ranked = ranked.head(LABEL_CANDIDATES)  # a crowded map's tail gets no label anyway
    for i, lat, lon in zip(ranked.index, ranked["lat"], ranked["lon"], strict=True):
        if len(chosen) >= LABELLED:
            break
        if all(abs(lat - a) >= min_dlat or abs(lon - b) >= min_dlon for a, b in chosen):
            chosen.append((float(lat), float(lon)))
            keep[i] = True
    return keep


def _frame(places: pd.DataFrame, view: dict) -> pd.DataFrame:
    frame = places.assign(
        label=places["name"].map(h),
        review_state=places["review_state"].fillna(NO_CLAIMS),
    )
    return frame.assign(text=frame["label"].where(_labelled(frame, view), ""))


@dataclass(frozen=True)
class Borders:
    """Border lines as one run of points: line k is points starts[k]:ends[k]."""

    lon: np.ndarray
    lat: np.ndarray
    starts: np.ndarray
    ends: np.ndarray
    box: np.ndarray  # per line: min lon, max lon, min lat, max lat


@functools.lru_cache(maxsize=1)
def admin1_borders() -> Borders:
    """The packaged state and province borders, with each line's bounding box (read once)."""
    with np.load(ADMIN1_BORDERS) as data:
        lon, lat, starts = data["lon"], data["lat"], data["starts"]
    ends = np.append(starts[1:], len(lon))
    box = np.stack(
        [
            np.minimum.reduceat(lon, starts),
            np.maximum.reduceat(lon, starts),
            np.minimum.reduceat(lat, starts),
            np.maximum.reduceat(lat, starts),
        ],
        axis=1,
    )
    return Borders(lon, lat, starts, ends, box)


def admin1_trace(view: dict) -> go.Scattergeo | None:
    """The state and province borders inside a view narrow enough to need them (plotly.js
    draws them itself only for the United States and Canada), as one line trace."""
    (lat0, lat1), (lon0, lon1) = view["lataxis_range"], view["lonaxis_range"]
    if lon1 - lon0 > ADMIN1_SPAN:
        return None
    kept = _admin1_trace(float(lat0), float(lat1), float(lon0), float(lon1))
    return None if kept is None else go.Scattergeo(kept)  # a copy: figures adopt their traces


@functools.lru_cache(maxsize=64)
def _admin1_trace(lat0: float, lat1: float, lon0: float, lon1: float) -> go.Scattergeo | None:
    """The trace for one view, kept: reruns of a page show the same view again."""
    b = admin1_borders()
    inside = (b.box[:, 1] >= lon0) & (b.box[:, 0] <= lon1) & (b.box[:, 3] >= lat0)
    inside &= b.box[:, 2] <= lat1
    chosen = np.flatnonzero(inside)
    if not len(chosen):
        return None
    # each line's points followed by a gap (NaN), so one trace draws them all apart
    spans = [np.arange(b.starts[k], b.ends[k] + 1) for k in chosen]
    take = np.concatenate(spans)
    gap = take == np.repeat(b.ends[chosen], [len(s) for s in spans])
    take = np.minimum(take, len(b.lon) - 1)
    lon = np.where(gap, np.nan, b.lon[take]).astype(np.float32)
    lat = np.where(gap, np.nan, b.lat[take]).astype(np.float32)
    return go.Scattergeo(
        lon=lon,
        lat=lat,
        mode="lines",
        line={"width": 0.6, "color": "#b8c2ca"},
        hoverinfo="skip",
        showlegend=False,
    )


def _bubbles(frame: pd.DataFrame) -> dict:
    """What both map kinds draw alike: one bubble a place, sized by mentions and coloured by
    review state (the most alarming states first in the legend), keyed by place id."""
    states = [s for s in SAFE_COLORS if s in set(frame["review_state"])]
    states += sorted(set(frame["review_state"]) - set(states))
    return {
        "data_frame": frame,
        "lat": "lat",
        "lon": "lon",
        "size": "mentions",
        "color": "review_state",
        "color_discrete_map": state_colors(states),
        "category_orders": {"review_state": states},
        "custom_data": ["id"],
        "size_max": _size_max(int(frame["mentions"].max())),
    }


def base_map_figure(places: pd.DataFrame) -> go.Figure:
    """Bubbles sized by mentions and coloured by review state, over the offline base map."""
    view = _view(places)
    frame = _frame(places, view)
    fig = px.scatter_geo(
        **_bubbles(frame),
        text="text",
        hover_name="label",
        hover_data={
            "mentions": True,
            "articles": True,
            "claims": True,
            "country_code": True,
            "lat": ":.3f",
            "lon": ":.3f",
            "review_state": False,
            "label": False,
            "text": False,
        },
        labels={"country_code": "country", "review_state": "claims"},
        projection="natural earth",
    )
    fig.update_traces(
        textposition="top center",
        textfont={"size": 11, "color": "#263238"},
        marker={"line": {"width": 0.6, "color": "#ffffff"}, "opacity": 0.9},
    )
    borders = admin1_trace(view)
    if borders is not None:  # under the bubbles
        fig.add_trace(borders)
        fig.data = (fig.data[-1], *fig.data[:-1])
    fig.update_geos(
        resolution=50,
        showland=True,
        landcolor="#eef0ec",
        showocean=True,
        oceancolor="#dceaf4",
        showlakes=True,
        lakecolor="#dceaf4",
        showcoastlines=True,
        coastlinecolor="#8a9ba8",
        coastlinewidth=0.6,
        showcountries=True,
        countrycolor="#8a9ba8",
        countrywidth=0.6,
        showsubunits=True,
        subunitcolor="#c3ccd3",
        showframe=False,
        **view,
    )
    fig.update_layout(
        legend_title_text="Review state of the claims that mention it",
        legend={"orientation": "h", "yanchor": "bottom", "y": 1.0, "x": 0},
    )
    return fig


def tiles_figure(places: pd.DataFrame) -> go.Figure:
    """The same bubbles over OpenStreetMap tiles (needs internet; CLAIMDESK_MAP_TILES=osm)."""
    frame = _frame(places, _view(places))
    fig = px.scatter_map(
        **_bubbles(frame),
        hover_name="label",
        hover_data={"mentions": True, "articles": True, "claims": True, "review_state": False},
        map_style="open-street-map",
    )
    fig.update_layout(legend_title_text="Review state of the claims that mention it")
    return fig


@reused
def _map_figure(places: pd.DataFrame, tiles: bool, height: int) -> go.Figure:
    fig = tiles_figure(places) if tiles else base_map_figure(places)
    fig.update_layout(height=height, margin={"l": 0, "r": 0, "t": 30, "b": 0})
    return fig


def place_map(places: pd.DataFrame, *, key: str, height: int = 520) -> int | None:
    """Draws the map; returns the id of a place the user clicked."""
    tiles = map_tiles() == "osm"
    event = st.plotly_chart(
        _map_figure(places, tiles, height),
        key=key,
        on_select="rerun",
        selection_mode="points",
        config={"displaylogo": False, "topojsonURL": TOPOJSON_URL},
    )
    for point in (event.get("selection") or {}).get("points", []) if event else []:
        data = point.get("customdata")
        if data:
            return int(data[0])
    return None


def mentions_table(mentions: pd.DataFrame, *, key: str) -> None:
    """Each mention of a place: the article, the words used, the claim it sits in."""
    frame = pd.DataFrame(
        {
            "article": mentions["article"].fillna("(untitled)"),
            "written": mentions["surface"],
            "claim": mentions["claim"].fillna("—"),
            "status": mentions["status"].where(mentions["claim_id"].notna(), ""),
            "confidence": mentions["confidence"].astype(float),
        }
    )
    st.dataframe(
        frame,
        hide_index=True,
        width="stretch",
        key=key,
        column_config={
            "claim": st.column_config.TextColumn("Claim it sits in", width="large"),
            "confidence": st.column_config.ProgressColumn(
                "Confidence", min_value=0.0, max_value=1.0, format="%.2f", width="small"
            ),
        },
    )


def unresolved_table(unresolved: pd.DataFrame, *, key: str) -> None:
    table(unresolved.rename(columns={"surface": "name as written"}), key=key)


@dataclass(frozen=True)
class Correction:
    surface: str
    place: Place


def _describe(p: Place) -> str:
    bits = [p.name, p.feature or "", p.country_code or ""]
    return f"{' · '.join(b for b in bits if b)} ({p.lat:.3f}, {p.lon:.3f})"


def correction_form(surfaces: list[str], *, key: str) -> Correction | None:
    """Pick a name as written, then a gazetteer entry or typed coordinates; returns it on save."""
    if not surfaces:
        st.caption("No place name to correct here.")
        return None
    surface = st.selectbox("Name as written in the articles", surfaces, key=f"{key}_surface")
    how = st.radio(
        "Correct it with",
        ["a gazetteer entry", "coordinates I type"],
        horizontal=True,
        key=f"{key}_how",
    )
    if how == "a gazetteer entry":
        query = st.text_input(
            "Search the gazetteer",
            value=surface,
            key=f"{key}_query_{surface}",
            help="A place name or the start of one; exact matches come first.",
        )
        found = get_gazetteer().search(query, limit=25) if query.strip() else []
        if not found:
            st.caption(
                "Nothing in the gazetteer by that name: try another spelling, or type "
                "the coordinates."
            )
            return None
        choice = st.selectbox(
            "Place it means",
            range(len(found)),
            format_func=lambda i: _describe(found[i]),
            key=f"{key}_pick_{surface}_{query}",
        )
        if st.button("Save correction", type="primary", key=f"{key}_save_gaz"):
            return Correction(surface, found[choice])
        return None
    c1, c2, c3, c4 = st.columns([2, 1, 1, 1])
    name = c1.text_input("Place name", value=surface, key=f"{key}_name_{surface}")
    lat = c2.number_input("Latitude", -90.0, 90.0, 0.0, step=0.01, format="%.4f", key=f"{key}_lat")
    lon = c3.number_input(
        "Longitude", -180.0, 180.0, 0.0, step=0.01, format="%.4f", key=f"{key}_lon"
    )
    cc = c4.text_input("Country code", max_chars=2, key=f"{key}_cc", placeholder="e.g. RU")
    if st.button("Save correction", type="primary", key=f"{key}_save_typed"):
        return Correction(surface, typed_place(name, float(lat), float(lon), cc))
    return None


def overrides_table(rows: list, *, key: str) -> None:  # list[places_admin.PlaceOverride]
    if not rows:
        st.caption("No corrections yet.")
        return
    st.dataframe(
        pd.DataFrame(
            {
                "name as written": [o.surface_key for o in rows],
                "now means": [o.place for o in rows],
                "lat": [o.lat for o in rows],
                "lon": [o.lon for o in rows],
                "by": [o.corrected_by for o in rows],
                "when": [o.corrected_at for o in rows],
            }
        ),
        hide_index=True,
        width="stretch",
        key=key,
        column_config={
            "when": st.column_config.DatetimeColumn("When (UTC)", format="YYYY-MM-DD HH:mm")
        },
    )
