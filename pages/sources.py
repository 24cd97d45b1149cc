"""Sources: who is quoted, how (direct, indirect, mixed), and how much is anonymous."""

from __future__ import annotations

import streamlit as st

from claimdesk.store import queries
from components import frame, pager, params
from components.data import cached
from components.pickers import ALL, article_picker
from components.safe import md
from components.source_chart import quotes_list, source_chart, sources_table


def share(part: int, whole: int) -> str:
    return f"{part / whole:.0%}" if whole else "—"


def render() -> None:
    st.title("Sources")
    if cached(queries.collection_counts)["articles"] == 0:
        st.info("No articles yet. Upload articles (or load the demo) to see who they quote.")
        st.page_link("pages/upload.py", label="Go to Upload", icon=":material/upload_file:")
        return
    article_id = article_picker("src_article")
    totals = cached(queries.quote_totals, article_id)
    summary = cached(queries.sources_summary, article_id)
    if summary.empty:
        st.info(
            "No quote here is attributed to a source. Pick another article, or upload more "
            "articles on the Upload page."
        )
        st.page_link("pages/upload.py", label="Go to Upload", icon=":material/upload_file:")
        return
    c1, c2, c3, c4 = st.columns(4)
    c1.metric("Sources quoted", f"{len(summary):,}")
    c2.metric(
        "Quotes attributed",
        f"{totals['attributed']:,}",
        help=f"{totals['quotes']:,} quotes found; the rest have no resolved speaker.",
    )
    c3.metric(
        "Anonymous sourcing",
        share(totals.get("source_anonymous", 0), totals["attributed"]),
        help="Share of attributed quotes whose source is anonymous "
        "(“officials said”, “a source familiar with…”).",
    )
    c4.metric(
        "Direct quotes", share(totals["direct"], totals["quotes"]), help="Share of all quotes."
    )
    source_chart(summary, key="sources_chart")
    sources_table(summary, key="sources_table")

    names = dict(zip(summary["id"], summary["name"], strict=True))
    source_id = params.selectbox(
        "Show the quotes of",
        [ALL, *names],
        param="source",
        key="src_source",
        format_func=lambda i: "Pick a source" if i == ALL else names[i],
    )
    if source_id == ALL:
        st.caption("Pick a source to read its quotes in context.")
        return
    n_quotes = int(summary.set_index("id").at[source_id, "quotes"])
    after = pager.cursor("src_quotes_page", (source_id, article_id))
    quotes = cached(
        queries.quotes_of_source, source_id, article_id, limit=pager.PAGE_ROWS, after=after
    )
    st.markdown(f"#### {md(names[source_id])} · {n_quotes:,} quote(s)")
    quotes_list(quotes, key="source_quotes")
    last = quotes.iloc[-1] if not quotes.empty else None
    pager.pager(
        "src_quotes_page",
        (source_id, article_id),
        shown=len(quotes),
        total=n_quotes,
        last=None if last is None else (int(last.article_id), int(last.start), int(last.id)),
    )
    st.page_link(
        "pages/claims.py",
        label="Claims made by this source",
        icon=":material/fact_check:",
        query_params={"source": str(source_id)},
    )


frame.page(render)
