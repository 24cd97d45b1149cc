"""Map: where the collection's places are, what is said about each, and corrections."""

from __future__ import annotations

import streamlit as st

from claimdesk.places import admin as places_admin
from claimdesk.store import queries
from components import frame, pager, params
from components.data import cached, store
from components.pickers import ALL, article_picker
from components.place_map import (
    correction_form,
    mentions_table,
    overrides_table,
    place_map,
    unresolved_table,
)
from components.safe import md


def place_detail(place_id: int, places, article_id: int | None) -> list[str]:
    """The place's mentions and claims; returns the spellings used for it."""
    row = places.set_index("id").loc[place_id]
    st.markdown(
        f"#### {md(row['name'])}\n"
        f"{md(row['feature'] or 'place')} · {md(row['country_code'] or '—')} · "
        f"{row['lat']:.4f}, {row['lon']:.4f} · {int(row['mentions'])} mention(s) in "
        f"{int(row['articles'])} article(s)"
    )
    after = pager.cursor("map_mentions_page", (place_id, article_id))
    mentions = cached(
        queries.place_mentions, place_id, article_id, limit=pager.PAGE_ROWS, after=after
    )
    mentions_table(mentions, key="map_mentions")
    last = mentions.iloc[-1] if not mentions.empty else None
    pager.pager(
        "map_mentions_page",
        (place_id, article_id),
        shown=len(mentions),
        total=cached(queries.place_mention_count, place_id, article_id),
        last=None if last is None else (int(last.article_id), int(last.start), int(last.id)),
    )
    n_claims = cached(queries.place_claim_count, place_id, article_id)
    if n_claims:
        st.page_link(
            "pages/claims.py",
            label=f"Review the {n_claims:,} claim(s) that mention it",
            icon=":material/fact_check:",
            query_params={"place": str(place_id)},
        )
    else:
        st.caption("No claim mentions this place.")
    return cached(queries.place_surfaces, place_id, article_id)


def correct(surfaces: list[str]) -> None:
    with st.expander("Correct a place", expanded=False):
        st.caption(
            "A wrong match? Say what the name means. The correction applies to every article "
            "that writes the name this way, and to articles added later."
        )
        fix = correction_form(surfaces, key="fix")
        if fix is None:
            return
        identity = st.session_state.get("identity")
        if identity is None:  # page opened without the sign-in gate
            st.error("Open ClaimDesk from its start page and sign in to correct places.")
            return
        try:
            n = places_admin.correct_place(
                store(),
                fix.surface,
                fix.place,
                identity.reviewer,
                replace_others=identity.is_admin or not identity.team_mode,
            )
        except places_admin.PlaceCorrectionError as exc:
            st.error(md(str(exc)))
            return
        st.session_state["map_saved"] = (
            f"Saved: “{fix.surface}” now means {fix.place.name} ({n} mention(s) updated)."
        )
        st.rerun()


def render() -> None:
    st.title("Map")
    if cached(queries.collection_counts)["articles"] == 0:
        st.info("No articles yet. Upload articles (or load the demo) to see their places.")
        st.page_link("pages/upload.py", label="Go to Upload", icon=":material/upload_file:")
        return
    if saved := st.session_state.pop("map_saved", None):
        st.success(md(saved))
    article_id = article_picker("map_article")
    places = cached(queries.places_summary, article_id)
    unresolved = cached(queries.unresolved_toponyms, article_id)
    surfaces: list[str] = []
    if places.empty:
        st.info(
            "No place was recognised and resolved here. Names found but not resolved are "
            "listed below; you can correct them."
        )
    else:
        clicked = place_map(places, key="place_map")
        if clicked is not None and clicked != st.session_state.get("map_last_click"):
            st.session_state["map_last_click"] = clicked
            st.session_state["map_place"] = clicked
        names = dict(zip(places["id"], places["name"], strict=True))
        place_id = params.selectbox(
            "Place",
            [ALL, *names],
            param="place",
            key="map_place",
            format_func=lambda i: "Pick a place (or click a bubble)" if i == ALL else names[i],
        )
        if place_id != ALL:
            surfaces = place_detail(place_id, places, article_id)
    st.subheader(f"Names not resolved ({len(unresolved)})")
    if unresolved.empty:
        st.caption("Every place name found was resolved.")
    else:
        unresolved_table(unresolved, key="map_unresolved")
    correct(surfaces + [s for s in unresolved["surface"] if s not in surfaces])
    with st.expander("Corrections made so far"):
        overrides_table(cached(places_admin.overrides), key="map_overrides")


frame.page(render)
