"""The timeline chart (articles by their date, claims by the date they speak of) and the lines
that say what a claim's dates were read as.

A date that names a month, week or year is drawn as a bar across that period with its point in
the middle, so "last September" never looks like one exact day; how each relative date was
anchored (publication date, the file's date, the upload date) shows on hover and in the legend.
"""

from __future__ import annotations

import datetime as dt
import zlib

import pandas as pd
import plotly.graph_objects as go
import streamlit as st

from claimdesk.nlp.date_rules import ANCHOR_WORDS, iso_at_precision
from claimdesk.review import Status
from components.figures import reused
from components.safe import h, md

#: Lanes of the chart (y values); points spread around their lane so equal dates stay apart.
CLAIMS_LANE, ARTICLES_LANE = 0.0, 1.0
SPREAD = 0.32
ARTICLE_MARKS = {  # dated_by -> (legend, marker symbol)
    "published": ("Article, by its publication date", "diamond"),
    "document": ("Article, by its file's date", "diamond-open"),
    "ingested": ("Article, by its upload date", "x-thin-open"),
}
ARTICLE_COLOR = "#555555"
#: How a claim date is told apart in the legend by what it was resolved against.
ANCHOR_LABELS = {
    "absolute": "written in full",
    "published": "from the publication date",
    "document": "from the file's date",
    "ingested": "from the upload date",
}


def _spread(key: int) -> float:
    """A fixed offset in [-SPREAD, SPREAD] for a point, the same on every rerun."""
    return (zlib.crc32(str(key).encode()) % 1000 / 999 - 0.5) * 2 * SPREAD


def _midpoint(first: dt.date, last: dt.date) -> dt.datetime:
    start = dt.datetime.combine(first, dt.time())
    end = dt.datetime.combine(last, dt.time()) + dt.timedelta(days=1)
    return start + (end - start) / 2


def _shorten(text: str, n: int = 140) -> str:
    return text if len(text) <= n else text[: n - 1].rstrip() + "…"


@reused
def timeline_figure(
    dates: pd.DataFrame, articles: pd.DataFrame, statuses: list[Status]
) -> go.Figure:
    """Claims' dates (coloured by review status) and articles on one time axis."""
    colors = {s.label: s.color for s in statuses}
    fig = go.Figure()
    periods_x: list[dt.datetime | None] = []
    periods_y: list[float | None] = []
    for status, group in dates.groupby("status", sort=False):
        xs, ys, data, hover = [], [], [], []
        for row in group.to_dict("records"):
            y = CLAIMS_LANE + _spread(int(row["id"]))
            xs.append(_midpoint(row["value"], row["last_day"]))
            ys.append(y)
            data.append(["claim", int(row["claim_id"])])
            when = iso_at_precision(row["value"], row["precision"])
            how = ANCHOR_LABELS.get(row["anchor"], "")
            hover.append(
                f"<b>{h(when)}</b> ({h(row['precision'])}) · “{h(row['text'])}”, {h(how)}"
                f"<br>{h(_shorten(row['claim']))}<br><i>{h(_shorten(row['article'], 80))}</i>"
                f" · {h(status)}"
            )
            if row["precision"] != "day":
                periods_x += [
                    dt.datetime.combine(row["value"], dt.time()),
                    dt.datetime.combine(row["last_day"], dt.time(23, 59)),
                    None,
                ]
                periods_y += [y, y, None]
        fig.add_trace(
            go.Scatter(
                x=xs,
                y=ys,
                mode="markers",
                name=f"Claim: {status}",
                marker={"size": 10, "color": colors.get(str(status), "#888888")},
                customdata=data,
                hovertext=hover,
                hoverinfo="text",
            )
        )
    if periods_x:
        fig.add_trace(
            go.Scatter(
                x=periods_x,
                y=periods_y,
                mode="lines",
                name="Period a date names (week, month, year)",
                line={"color": "rgba(90,90,90,0.35)", "width": 3},
                hoverinfo="skip",
            )
        )
    for dated_by, group in articles.groupby("dated_by", sort=False):
        legend, symbol = ARTICLE_MARKS[str(dated_by)]
        fig.add_trace(
            go.Scatter(
                x=[dt.datetime.combine(d, dt.time(12)) for d in group["date"]],
                y=[ARTICLES_LANE + _spread(-int(i)) for i in group["id"]],
                mode="markers",
                name=legend,
                marker={"size": 10, "symbol": symbol, "color": ARTICLE_COLOR},
                customdata=[["article", int(i)] for i in group["id"]],
                hovertext=[
                    f"<b>{h(_shorten(t, 100))}</b><br>{h(d.isoformat())} · {h(legend.lower())}"
                    for t, d in zip(group["title"], group["date"], strict=True)
                ],
                hoverinfo="text",
            )
        )
    fig.update_layout(
        height=420,
        margin={"l": 0, "r": 0, "t": 10, "b": 0},
        legend={"orientation": "h", "y": -0.18},
        yaxis={
            "tickvals": [CLAIMS_LANE, ARTICLES_LANE],
            "ticktext": ["Claims: the date<br>they speak of", "Articles"],
            "range": [CLAIMS_LANE - 0.6, ARTICLES_LANE + 0.6],
            "fixedrange": True,
        },
        xaxis={"type": "date"},
        clickmode="event+select",
    )
    return fig


def timeline_chart(
    dates: pd.DataFrame, articles: pd.DataFrame, statuses: list[Status], *, key: str
) -> tuple[str, int] | None:
    """Draws the timeline; returns ("claim", id) or ("article", id) of a point clicked."""
    event = st.plotly_chart(
        timeline_figure(dates, articles, statuses),
        key=key,
        on_select="rerun",
        selection_mode="points",
        config={"displaylogo": False},
    )
    return clicked_point(event)


def clicked_point(event: object) -> tuple[str, int] | None:
    """("claim", id) or ("article", id) of the first point in a chart's selection event."""
    selection = event.get("selection") if hasattr(event, "get") else None  # type: ignore[attr-defined]
    for point in (selection or {}).get("points", []):
        data = point.get("customdata")
        if isinstance(data, list) and len(data) == 2 and data[0] in ("claim", "article"):
            return str(data[0]), int(data[1])
    return None


def date_words(row: dict) -> str:
    """ "last September → 2019-09 (month), as of the publication date 2019-11-02", escaped."""
    if row.get("value") is None or pd.isna(row.get("value")):
        return f"“{md(row['text'])}”: not resolved (the words alone do not say which one)"
    when = iso_at_precision(row["value"], row["precision"])
    if row["anchor"] == "absolute":
        return f"“{md(row['text'])}” → **{md(when)}**"
    as_of = row.get("as_of")
    on = f" {md(as_of.isoformat())}" if isinstance(as_of, dt.date) else ""
    return f"“{md(row['text'])}” → **{md(when)}**, {md(ANCHOR_WORDS[row['anchor']])}{on}"


def claim_dates_lines(dates: pd.DataFrame) -> None:
    """One line per date of a claim, saying what it was read as and against what."""
    if dates.empty:
        return
    st.markdown("**Dates**  \n" + "  \n".join(date_words(r) for r in dates.to_dict("records")))


@reused
def binned_figure(claim_bins: pd.DataFrame, article_bins: pd.DataFrame, unit: str) -> go.Figure:
    """Bars of how many claim dates and articles fall in each day, week, month or year (frames
    first, last, n); each bar carries its period (["period", first, last]) for a click to zoom
    into."""
    fig = go.Figure()
    for name, bins, color in (
        ("Claim dates", claim_bins, "#1e88e5"),
        ("Articles", article_bins, ARTICLE_COLOR),
    ):
        periods = list(zip(bins["first"], bins["last"], bins["n"], strict=True))
        fig.add_trace(
            go.Bar(
                x=[_midpoint(a, b) for a, b, _ in periods],
                y=[int(n) for _, _, n in periods],
                # bar widths in milliseconds on a date axis, a little narrower than the period
                width=[((b - a).days + 1) * 86_400_000 * 0.9 for a, b, _ in periods],
                name=f"{name} per {unit}",
                marker={"color": color},
                customdata=[["period", a.isoformat(), b.isoformat()] for a, b, _ in periods],
                hovertext=[
                    f"<b>{h(_period_label(a, unit))}</b>: {int(n):,} {name.lower()}"
                    for a, _, n in periods
                ],
                hoverinfo="text",
            )
        )
    fig.update_layout(
        height=420,
        barmode="group",
        margin={"l": 0, "r": 0, "t": 10, "b": 0},
        legend={"orientation": "h", "y": -0.18},
        xaxis={"type": "date"},
        yaxis={"title": {"text": f"per {unit}"}, "tickformat": ",d"},
        clickmode="event+select",
    )
    return fig


def _period_label(first: dt.date, unit: str) -> str:
    if unit == "day":
        return first.isoformat()
    if unit == "week":
        return f"week of {first.isoformat()}"
    if unit == "month":
        return first.strftime("%Y-%m")
    return str(first.year)


def binned_chart(
    claim_bins: pd.DataFrame, article_bins: pd.DataFrame, unit: str, *, key: str
) -> tuple[dt.date, dt.date] | None:
    """Draws the binned timeline; returns the (first, last) day of a bar clicked."""
    event = st.plotly_chart(
        binned_figure(claim_bins, article_bins, unit),
        key=key,
        on_select="rerun",
        selection_mode="points",
        config={"displaylogo": False},
    )
    return clicked_period(event)


def clicked_period(event: object) -> tuple[dt.date, dt.date] | None:
    """(first, last) day of the first bar in a binned chart's selection event."""
    selection = event.get("selection") if hasattr(event, "get") else None  # type: ignore[attr-defined]
    for point in (selection or {}).get("points", []):
        data = point.get("customdata")
        if isinstance(data, list) and len(data) == 3 and data[0] == "period":
            try:
                return dt.date.fromisoformat(str(data[1])), dt.date.fromisoformat(str(data[2]))
            except ValueError:
                return None
    return None
