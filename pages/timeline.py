"""Timeline: articles by their date, claims by the date they speak of; a point opens its claim."""

from __future__ import annotations

import datetime as dt

import streamlit as st

from claimdesk import review, timeline_bins
from claimdesk.nlp.date_rules import iso_at_precision
from claimdesk.store import queries
from components import frame, params
from components.claim_header import claim_header
from components.data import cached
from components.pickers import articles_filter
from components.safe import md
from components.tables import table
from components.timeline_chart import ANCHOR_LABELS, binned_chart, timeline_chart

#: The widest range the date pickers allow (dates in texts reach back a long way).
EARLIEST, LATEST = dt.date(1800, 1, 1), dt.date(2199, 12, 31)
NONE = 0
#: Dates listed under a binned timeline (the earliest in range).
LISTED = 200


def filters(statuses: list[str], bounds: tuple[dt.date, dt.date]):
    """The claims filter, the date range and the anchors chosen (all kept in the URL)."""
    opts = cached(queries.claim_filter_options)
    lo, hi = bounds
    with st.container(border=True):
        c1, c2, c3, c4 = st.columns([1, 1, 2, 1])
        with c1:
            date_from = params.date_input(
                "From", param="from", key="tl_from", default=lo, lo=EARLIEST, hi=LATEST
            )
        with c2:
            date_to = params.date_input(
                "To", param="to", key="tl_to", default=hi, lo=EARLIEST, hi=LATEST
            )
        with c3:
            article_ids = articles_filter(key="tl_article")
        with c4:
            chosen = params.multiselect("Status", statuses, param="status", key="tl_status")
        c5, c6 = st.columns([1, 2])
        with c5:
            kinds = params.multiselect(
                "Kind", list(opts["kinds"]["kind"]), param="kind", key="tl_kind"
            )
        with c6:
            anchors = params.multiselect(
                "Dates",
                list(ANCHOR_LABELS),
                param="anchor",
                key="tl_anchor",
                format_func=lambda a: ANCHOR_LABELS[a],
                placeholder="all dates: written in full, or read from the article's date",
            )
    f = queries.ClaimFilter(
        article_ids=tuple(article_ids), statuses=tuple(chosen), kinds=tuple(kinds)
    )
    return f, date_from, date_to, tuple(anchors)


def open_claim(claim_id: int, all_statuses: list[review.Status]) -> None:
    info = claim_header(claim_id, all_statuses, with_score=False)
    if info is None:
        return
    c1, c2 = st.columns(2)
    with c1:
        st.page_link(
            "pages/claims.py",
            label="Review this claim",
            icon=":material/fact_check:",
            query_params={"claim": str(claim_id)},
        )
    with c2:
        st.page_link(
            "pages/article.py",
            label="Read it in its article",
            icon=":material/article:",
            query_params={"article": str(info["article_id"]), "claim": str(claim_id)},
        )


def zoom_to(first: dt.date, last: dt.date) -> None:
    """Sets the date range (applied before the pickers are drawn on the next run)."""
    st.session_state["tl_zoom"] = (first, last)


def apply_zoom() -> None:
    if zoom := st.session_state.pop("tl_zoom", None):
        st.session_state["tl_from"], st.session_state["tl_to"] = zoom


def draw_points(f, date_from, date_to, dates, total, all_statuses) -> None:
    """Every date and article in range as a point (few enough to pick out)."""
    articles = cached(queries.timeline_articles, f.article_ids, date_from, date_to)
    n_claims = dates["claim_id"].nunique() if not dates.empty else 0
    st.caption(
        f"{total:,} date(s) in {n_claims:,} claim(s), and {len(articles):,} article(s). "
        "A date naming a week, month or year is drawn across it. Click a point to open it."
    )
    by_upload = int((dates["anchor"] == "ingested").sum()) if not dates.empty else 0
    if by_upload:
        st.caption(
            f"{by_upload:,} date(s) were read as of the upload date: their articles state no "
            "publication date, so “yesterday” there means the day before the upload."
        )
    clicked = timeline_chart(dates, articles, all_statuses, key="timeline_chart")
    if clicked is not None and clicked != st.session_state.get("tl_last_click"):
        st.session_state["tl_last_click"] = clicked
        kind, ident = clicked
        if kind == "article":
            st.switch_page("pages/article.py", query_params={"article": str(ident)})
        st.session_state["tl_claim"] = ident


def draw_bins(f, date_from, date_to, anchors, total, n_articles) -> None:
    """Counts per day, week, month or year: too many dates or articles to draw one by one."""
    unit, claim_bins, article_bins = cached(
        queries.timeline_histogram, f, date_from, date_to, anchors
    )
    st.caption(
        f"{total:,} date(s) and {n_articles:,} article(s) in this range: more than "
        f"{timeline_bins.DETAIL_POINTS:,}, so the chart counts them per {md(unit)} (a date naming a week, month "
        f"or year counts at its start). Click a bar, or narrow From and To, to zoom in: under "
        f"{timeline_bins.DETAIL_POINTS:,} each date and article is drawn as a point to open."
    )
    clicked = binned_chart(claim_bins, article_bins, unit, key="timeline_bins")
    if clicked is not None and clicked != st.session_state.get("tl_last_period"):
        st.session_state["tl_last_period"] = clicked
        zoom_to(*clicked)
        st.rerun()


def render() -> None:
    st.title("Timeline")
    if cached(queries.collection_counts)["articles"] == 0:
        st.info("No articles yet. Upload articles (or load the demo) to see them over time.")
        st.page_link("pages/upload.py", label="Go to Upload", icon=":material/upload_file:")
        return
    all_statuses = cached(review.statuses)
    bounds = cached(queries.timeline_bounds) or (dt.date.today(), dt.date.today())
    apply_zoom()
    f, date_from, date_to, anchors = filters([s.label for s in all_statuses], bounds)
    if date_from > date_to:
        st.warning("“From” is after “To”: nothing lies between them. Swap the dates.")
        return
    if (date_from, date_to) != bounds:
        st.button("Show every date", key="tl_all", on_click=zoom_to, args=bounds)
    dates, total = cached(
        queries.timeline_dates, f, date_from, date_to, anchors, timeline_bins.DETAIL_POINTS
    )
    article_days = cached(queries.timeline_article_day_counts, f.article_ids, date_from, date_to)
    n_articles = int(article_days["n"].sum())
    if total <= timeline_bins.DETAIL_POINTS and n_articles <= timeline_bins.DETAIL_POINTS:
        draw_points(f, date_from, date_to, dates, total, all_statuses)
    else:
        draw_bins(f, date_from, date_to, anchors, total, n_articles)
        dates = dates.head(LISTED)
    n_claims = dates["claim_id"].nunique() if not dates.empty else 0
    labels = {NONE: "— choose a claim (or click a point) —"}
    for row in dates.drop_duplicates("claim_id").to_dict("records"):
        when = iso_at_precision(row["value"], row["precision"])
        labels[int(row["claim_id"])] = f"{when} · {row['claim'][:150]}"
    wanted = params.int_param("claim")
    if wanted and wanted not in labels and cached(queries.claim_detail, wanted):
        labels[wanted] = f"claim #{wanted}"
    claim_id = params.selectbox(
        "Open a claim",
        list(labels),
        param="claim",
        key="tl_claim",
        format_func=lambda i: labels[i],
    )
    if claim_id != NONE:
        with st.container(border=True):
            open_claim(claim_id, all_statuses)
    if not dates.empty:
        if total > len(dates):
            heading = f"Dated claims in view (the earliest {len(dates):,} of {total:,} dates)"
        else:
            heading = f"Dated claims in view ({n_claims:,})"
        with st.expander(heading):
            view = dates.assign(
                date=[
                    iso_at_precision(v, p)
                    for v, p in zip(dates["value"], dates["precision"], strict=True)
                ],
                read_from=dates["anchor"].map(ANCHOR_LABELS),
            )
            table(
                view[["date", "text", "read_from", "as_of", "claim", "article", "status"]],
                key="tl_table",
                column_config={"text": "Written", "as_of": "As of", "read_from": "Read"},
            )


frame.page(render)
