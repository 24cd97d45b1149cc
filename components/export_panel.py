"""Export the current claims filter: CSV, XLSX, JSON, ClaimReview JSON-LD and GeoJSON of places.

The filter is read from the same query parameters as the claims page (q, article, status, kind,
source, place, min, fc, assigned), so a filtered claims view exports exactly what it shows.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass

import streamlit as st

from claimdesk import export
from claimdesk.store import queries
from claimdesk.store.factcheck_queries import FACT_CHECKED_CHOICES
from components import params
from components.assign_panel import MINE
from components.safe import md


def filter_from_query(my_email: str | None = None) -> queries.ClaimFilter:
    """The claims page's filter, rebuilt from the query string (bad values are ignored);
    `my_email`: the signed-in member's, for `assigned=me` (None: single-user mode, where
    claims have no assignees to filter on)."""
    try:
        min_score = min(max(float(st.query_params.get("min", 0.0)), 0.0), 1.0)
    except ValueError:
        min_score = 0.0
    return queries.ClaimFilter(
        article_ids=params.int_params("article"),
        statuses=tuple(st.query_params.get_all("status")),
        source_ids=params.int_params("source"),
        place_ids=params.int_params("place"),
        kinds=tuple(st.query_params.get_all("kind")),
        min_score=min_score,
        search=st.query_params.get("q", "").strip(),
        fact_checked=st.query_params.get("fc", ""),
        assignee=assignee_param(my_email) if my_email else "",
    )


def assignee_param(my_email: str) -> str:
    """`ClaimFilter.assignee` from the `assigned` parameter: me, none or a member's e-mail."""
    value = st.query_params.get("assigned", "").strip().lower()
    if value == MINE:
        return my_email
    return value if value == queries.UNASSIGNED or "@" in value else ""


def filter_query(f: queries.ClaimFilter, my_email: str | None = None) -> dict[str, str | list[str]]:
    """The query parameters of a filter, to link back to the claims page with it."""
    q: dict[str, str | list[str]] = {}
    for param, values in (
        ("article", f.article_ids),
        ("status", f.statuses),
        ("kind", f.kinds),
        ("source", f.source_ids),
        ("place", f.place_ids),
    ):
        if values:
            q[param] = [str(v) for v in values]
    if f.search:
        q["q"] = f.search
    if f.min_score:
        q["min"] = str(f.min_score)
    if f.fact_checked:
        q["fc"] = f.fact_checked
    if f.assignee:
        q["assigned"] = MINE if f.assignee == my_email else f.assignee
    return q


def describe(f: queries.ClaimFilter, names: dict[str, dict[int, str]]) -> list[str]:
    """The active filter in words (plain text, to be escaped by the caller)."""
    out = []

    def named(kind: str, ids: tuple[int, ...]) -> str:
        return ", ".join(names.get(kind, {}).get(i) or f"#{i}" for i in ids)

    if f.search:
        out.append(f"words: {f.search}")
    if f.article_ids:
        out.append(f"articles: {named('articles', f.article_ids)}")
    if f.statuses:
        out.append(f"status: {', '.join(f.statuses)}")
    if f.kinds:
        out.append(f"kind: {', '.join(f.kinds)}")
    if f.source_ids:
        out.append(f"claimant: {named('sources', f.source_ids)}")
    if f.place_ids:
        out.append(f"place: {named('places', f.place_ids)}")
    if f.min_score:
        out.append(f"score ≥ {f.min_score:.2f}")
    if f.fact_checked in FACT_CHECKED_CHOICES and f.fact_checked:
        out.append(f"known fact-checks: {FACT_CHECKED_CHOICES[f.fact_checked]}")
    if f.assignee:
        unassigned = f.assignee == queries.UNASSIGNED
        out.append("unassigned" if unassigned else f"assigned to {f.assignee}")
    return out


@dataclass(frozen=True)
class ExportFile:
    fmt: str
    label: str
    rows: int
    what: str  # what a row is
    data: bytes | Callable[[], bytes]  # a callable is run when the button is clicked


def download_buttons(files: list[ExportFile], *, key: str = "export") -> None:
    """One download button per format, with how many rows the file holds."""
    stamp = dt.date.today().isoformat()
    cols = st.columns(len(files))
    for col, f in zip(cols, files, strict=True):
        mime, ext = export.FORMATS[f.fmt]
        with col, st.container(border=True):
            st.markdown(f"**{md(f.label)}**")
            st.caption(f"{f.rows:,} {md(f.what)}")
            st.download_button(
                f"Download .{md(ext)}",
                data=f.data,
                file_name=f"claimdesk-{f.fmt}-{stamp}.{ext}",
                mime=mime,
                key=f"{key}_{f.fmt}",
                on_click="ignore",
                disabled=f.rows == 0,
                icon=":material/download:",
            )
