"""Who is quoted: quotes per source split by quote kind, grouped by source kind, and a source's quotes."""

from __future__ import annotations

import pandas as pd
import plotly.express as px
import plotly.graph_objects as go
import streamlit as st

from components.figures import reused
from components.safe import h
from components.tables import table

#: Source kinds in the order the legend shows them, with their colours.
KIND_COLORS = {
    "official": "#1e88e5",
    "expert": "#43a047",
    "media": "#8e24aa",
    "agency": "#fb8c00",
    "anonymous": "#e53935",
    "person": "#6d4c41",
    "other": "#90a4ae",
}
MODES = ("direct", "indirect", "mixed")
PATTERNS = {"direct": "", "indirect": "/", "mixed": "."}


def source_chart(summary: pd.DataFrame, *, key: str, top: int = 25) -> None:
    """Horizontal bars: one per source (most quoted first), coloured by kind, hatched by mode;
    the `top` most quoted only (a chart of thousands of bars is read by nobody)."""
    st.plotly_chart(source_figure(summary.head(top)), key=key, config={"displaylogo": False})
    if len(summary) > top:
        st.caption(f"The {top:,} most-quoted of {len(summary):,} sources; all are in the table.")


@reused
def source_figure(shown: pd.DataFrame) -> go.Figure:
    shown = shown.copy()
    shown["label"] = shown["name"].map(h)  # plotly reads a little HTML in labels
    shown["kind"] = shown["kind"].fillna("other")
    long = shown.melt(
        id_vars=["label", "kind", "quotes"],
        value_vars=list(MODES),
        var_name="quote",
        value_name="n",
    )
    long = long[long["n"] > 0]
    fig = px.bar(
        long,
        x="n",
        y="label",
        orientation="h",
        color="kind",
        pattern_shape="quote",
        pattern_shape_map=PATTERNS,
        color_discrete_map=KIND_COLORS,
        category_orders={
            "label": list(shown["label"]),
            "kind": [k for k in KIND_COLORS if k in set(shown["kind"])],
            "quote": list(MODES),
        },
        labels={"n": "Quotes", "label": "", "kind": "Source kind", "quote": "Quote"},
    )
    fig.update_xaxes(tickformat=",d", dtick=max(1, int(shown["quotes"].max()) // 8 or 1))
    fig.update_layout(
        barmode="stack",
        height=max(220, 28 * len(shown) + 90),
        margin={"l": 0, "r": 0, "t": 10, "b": 0},
        legend={"orientation": "h", "yanchor": "bottom", "y": 1.0},
    )
    return fig


def sources_table(summary: pd.DataFrame, *, key: str) -> None:
    columns = ["name", "kind", "affiliation", "direct", "indirect", "mixed", "quotes", "articles"]
    table(
        summary[columns].assign(affiliation=summary["affiliation"].fillna("")),
        key=key,
        column_config={"name": st.column_config.TextColumn("Source", width="medium")},
    )


def quotes_list(quotes: pd.DataFrame, *, key: str) -> None:
    """A source's quotes with their article and the surrounding text (shown as plain text)."""
    frame = pd.DataFrame(
        {
            "article": quotes["article"].fillna("(untitled)"),
            "kind": quotes["kind"],
            "cue": quotes["cue"].fillna(""),
            "quote": quotes["quote"],
            "context": quotes["context"].fillna("").str.replace("\n", " ", regex=False),
        }
    )
    st.dataframe(
        frame,
        hide_index=True,
        width="stretch",
        key=key,
        column_config={
            "quote": st.column_config.TextColumn("Quote", width="large"),
            "context": st.column_config.TextColumn("In context", width="large"),
        },
    )
