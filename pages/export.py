"""Export: the current claims filter as CSV, XLSX, JSON, ClaimReview JSON-LD; places as GeoJSON."""

from __future__ import annotations

import functools
from collections.abc import Callable

import streamlit as st

from claimdesk import export
from claimdesk.store import queries
from components import frame
from components.auth import current_identity
from components.data import cached, store
from components.export_panel import (
    ExportFile,
    describe,
    download_buttons,
    filter_from_query,
    filter_query,
)
from components.safe import md

#: Up to this many rows a file is built with the page (and cached); bigger ones on click.
BUILT_AT_ONCE = 5_000


def render() -> None:
    st.title("Export")
    if cached(queries.collection_counts)["articles"] == 0:
        st.info("Nothing to export yet. Upload articles (or load the demo) first.")
        st.page_link("pages/upload.py", label="Go to Upload", icon=":material/upload_file:")
        return
    identity = current_identity()
    my_email = identity.email if identity.team_mode else None
    f = filter_from_query(my_email)
    opts = cached(queries.claim_filter_options)
    arts = cached(queries.article_choices, also=f.article_ids)
    names = {
        "articles": dict(zip(arts["id"], arts["title"], strict=True)),
        "sources": dict(zip(opts["sources"]["id"], opts["sources"]["name"], strict=True)),
        "places": dict(zip(opts["places"]["id"], opts["places"]["name"], strict=True)),
    }
    active = describe(f, names)
    st.markdown(
        "Exporting **all claims**."
        if not active
        else "Exporting the claims that match " + "; ".join(md(a) for a in active) + "."
    )
    st.page_link(
        "pages/claims.py",
        label="Change the filter on the Claims page",
        icon=":material/fact_check:",
        query_params=filter_query(f, my_email),
    )
    _, total = cached(queries.claims_table, f, limit=1)
    by_status = cached(queries.claim_status_counts, f)
    rated = int(by_status.loc[~by_status["status"].isin(export.UNRATED), "claims"].sum())
    one_article = f.article_ids[0] if len(f.article_ids) == 1 else None
    n_places = len(cached(queries.place_counts, one_article))  # content only: no review join
    if total == 0:
        st.warning("No claim matches this filter, so the claim files would be empty.")

    def claims_file(fmt: str) -> bytes | Callable[[], bytes]:
        if total <= BUILT_AT_ONCE:  # every claims file reads all matching claims
            return cached(export.export_bytes, fmt, f)
        # a big file is written when its button is clicked, not on every visit to the page
        return functools.partial(export.export_bytes, store(), fmt, f)

    files = [
        ExportFile("csv", "CSV", total, "claims", claims_file("csv")),
        ExportFile("xlsx", "Excel", total, "claims", claims_file("xlsx")),
        ExportFile("json", "JSON", total, "claims", claims_file("json")),
        ExportFile(
            "claimreview",
            "ClaimReview JSON-LD",
            rated,
            "reviewed claims (with a verdict)",
            claims_file("claimreview"),
        ),
        ExportFile(
            "geojson", "GeoJSON", n_places, "places", cached(export.geojson_bytes, one_article)
        ),
    ]
    download_buttons(files)
    st.caption(
        "ClaimReview (schema.org) holds only claims with a verdict, not those unreviewed or in "
        "progress. GeoJSON holds the places of "
        + ("this article." if one_article is not None else "the whole collection.")
    )


frame.page(render)
