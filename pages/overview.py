"""Overview: the collection at a glance, or a first-run welcome with the demo."""

from __future__ import annotations

import streamlit as st

from claimdesk import review
from claimdesk.store import queries
from components import frame
from components.data import cached
from components.demo import demo_button
from components.progress_chart import progress_figure
from components.safe import md
from components.tables import table

ARTICLES_SHOWN = 500  # the table pages; a 10,000-row table would slow every rerun


def first_run() -> None:
    st.title("ClaimDesk")
    st.write(
        "Upload news articles and ClaimDesk lists their check-worthy claims, who said what, "
        "and the places they mention, ready for your team to review."
    )
    c1, c2 = st.columns(2)
    with c1, st.container(border=True):
        st.subheader("Start with your articles")
        st.page_link(
            "pages/upload.py",
            label="Upload files, paste text or URLs",
            icon=":material/upload_file:",
        )
    with c2, st.container(border=True):
        st.subheader("Or try the demo")
        demo_button(key="overview_demo")


def render() -> None:
    data = cached(queries.overview)
    counts = data["counts"]
    if counts["articles"] == 0:
        first_run()
        return
    st.title("Overview")
    cols = st.columns(5)
    for col, (label, value) in zip(cols, counts.items(), strict=True):
        col.metric(md(label.capitalize()), f"{value:,}")

    progress = data["progress"]
    colors = {s.label: s.color for s in cached(review.statuses)}
    left, right = st.columns(2)
    with left:
        st.subheader("Review progress")
        reviewed = int(progress.loc[progress["status"] != "unreviewed", "claims"].sum())
        st.caption(f"{reviewed:,} of {counts['claims']:,} claims reviewed")
        if not progress.empty:
            st.plotly_chart(progress_figure(progress, colors), key="progress_chart")
    with right:
        st.subheader("Top sources")
        top = data["top_sources"]
        if top.empty:
            st.caption("No quotes found yet.")
        else:
            table(top[["name", "kind", "quotes", "articles"]], key="top_sources")
    st.subheader("Most-mentioned places")
    places = data["top_places"]
    if places.empty:
        st.caption("No places resolved yet.")
    else:
        table(places[["name", "country_code", "feature", "mentions", "articles"]], key="top_places")
    st.subheader("Articles")
    arts = cached(queries.articles_table, limit=ARTICLES_SHOWN)
    if counts["articles"] > len(arts):
        st.caption(
            f"The newest {len(arts):,} of {counts['articles']:,} articles; open any article on "
            "the Article page."
        )
    table(
        arts[
            [
                "id",
                "title",
                "publisher",
                "published_at",
                "lang",
                "words",
                "claims",
                "quotes",
                "ingested_at",
                "ingested_by",
            ]
        ],
        key="articles_table",
    )


frame.page(render)
