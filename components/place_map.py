"""The places map, a place's mentions, the unresolved names and the correction form.

The map is a plotly `scatter_geo`: with its base layers off, plotly draws it without fetching
anything (graticule, frame, bubbles and country labels from the offline gazetteer). Coastlines
and borders are an opt-in, because plotly.js downloads them from cdn.plot.ly.
"""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd
import plotly.express as px
import plotly.graph_objects as go
import streamlit as st

from claimdesk.geo.gazetteer import get_gazetteer
from claimdesk.model import Place
from claimdesk.places_admin import typed_place
from components.safe import h

NO_CLAIMS = "no claims"
NO_CLAIMS_COLOR = "#b0bec5"
#: Base layers plotly.js draws from a topojson it downloads (every `show…` but the frame).
BASE_LAYERS = ("coastlines", "land", "ocean", "lakes", "rivers", "countries", "subunits")


def country_labels(country_codes: list[str]) -> pd.DataFrame:
    """Name and centre of each country, from the offline gazetteer, to orient the reader."""
    gaz = get_gazetteer()
    rows = []
    for cc in sorted({c for c in country_codes if c}):
        i = gaz.country_id(cc)
        if i is not None:
            p = gaz.place(i)
            rows.append({"name": p.name, "lat": p.lat, "lon": p.lon})
    return pd.DataFrame(rows, columns=["name", "lat", "lon"])


def place_map(
    places: pd.DataFrame,
    colors: dict[str, str],
    *,
    key: str,
    coastlines: bool = False,
    height: int = 520,
) -> int | None:
    """Bubbles sized by mentions, coloured by review state; returns the id of a clicked place."""
    frame = places.assign(
        label=places["name"].map(h),
        review_state=places["review_state"].fillna(NO_CLAIMS),
    )
    color_map = {**colors, NO_CLAIMS: NO_CLAIMS_COLOR}
    order = [s for s in color_map if s in set(frame["review_state"])]
    fig = px.scatter_geo(
        frame,
        lat="lat",
        lon="lon",
        size="mentions",
        color="review_state",
        color_discrete_map=color_map,
        category_orders={"review_state": order},
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
        },
        custom_data=["id"],
        projection="natural earth",
        size_max=38,
    )
    labels = country_labels(list(frame["country_code"].dropna()))
    if not labels.empty:
        fig.add_trace(
            go.Scattergeo(
                lat=labels["lat"],
                lon=labels["lon"],
                text=labels["name"].map(h),
                mode="text",
                textfont={"color": "#78909c", "size": 11},
                hoverinfo="skip",
                showlegend=False,
            )
        )
    fig.update_geos(
        # Off: no base layer, so plotly.js fetches no topojson (templates may turn some on).
        visible=coastlines,
        **{f"show{layer}": coastlines for layer in BASE_LAYERS},
        showframe=True,
        lataxis_showgrid=True,
        lonaxis_showgrid=True,
        lataxis_dtick=15,
        lonaxis_dtick=15,
        lataxis_gridcolor="#cfd8dc",
        lonaxis_gridcolor="#cfd8dc",
        fitbounds="locations",
    )
    fig.update_layout(
        height=height,
        margin={"l": 0, "r": 0, "t": 0, "b": 0},
        legend_title_text="Claims mentioning it",
    )
    event = st.plotly_chart(
        fig,
        key=key,
        on_select="rerun",
        selection_mode="points",
        config={"displaylogo": False},
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
    st.dataframe(
        unresolved.rename(columns={"surface": "name as written"}),
        hide_index=True,
        width="stretch",
        key=key,
    )


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
