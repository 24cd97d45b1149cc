"""Read-only tables with human column headings, one way for every page.

Query results keep their database names ("country_code", "published_at"); what a reader sees
is a heading in words. Any column a caller does not configure gets the heading from HEADINGS, or
its own name with the first letter capitalised and underscores as spaces.
"""

from __future__ import annotations

from typing import Any

import pandas as pd
import streamlit as st

HEADINGS: dict[str, Any] = {
    "id": st.column_config.NumberColumn("#", width="small"),
    "country_code": "Country",
    "feature": "Kind of place",
    "published_at": st.column_config.DateColumn("Published"),
    "ingested_at": st.column_config.DatetimeColumn("Added (UTC)", format="YYYY-MM-DD HH:mm"),
    "ingested_by": "Added by",
    "lang": "Language",
    "words": st.column_config.NumberColumn("Words", format="localized"),
    "mentions": st.column_config.NumberColumn("Mentions", format="localized"),
    "articles": st.column_config.NumberColumn("Articles", format="localized"),
    "claims": st.column_config.NumberColumn("Claims", format="localized"),
    "quotes": st.column_config.NumberColumn("Quotes", format="localized"),
    "places": st.column_config.NumberColumn("Places", format="localized"),
    "lat": st.column_config.NumberColumn("Latitude", format="%.4f"),
    "lon": st.column_config.NumberColumn("Longitude", format="%.4f"),
    "name": "Name",
    "kind": "Kind",
}


def heading(column: str) -> str:
    return column.replace("_", " ")[:1].upper() + column.replace("_", " ")[1:]


def table(
    frame: pd.DataFrame, *, key: str, column_config: dict[str, Any] | None = None, **kw: Any
) -> None:
    """`st.dataframe` without the index, full width, with a heading in words for every column."""
    config: dict[str, Any] = {c: HEADINGS.get(c, heading(str(c))) for c in frame.columns}
    config.update(column_config or {})
    st.dataframe(frame, hide_index=True, width="stretch", key=key, column_config=config, **kw)
