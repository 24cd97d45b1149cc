"""Article: one article's text with its claims, quotes, speakers and places highlighted."""

from __future__ import annotations

import streamlit as st

from claimdesk import review
from claimdesk.store import queries
from components import frame, params
from components.article_view import (
    article_text,
    claims_beside,
    metadata,
    places_table,
    quotes_table,
    spans_of,
)
from components.data import cached


def render() -> None:
    arts = cached(queries.article_choices, also=(params.int_param("article") or 0,))
    if arts.empty:
        st.title("Article")
        st.info("No articles yet. Upload articles (or load the demo) to read them here.")
        st.page_link("pages/upload.py", label="Go to Upload", icon=":material/upload_file:")
        return
    titles = dict(zip(arts["id"], arts["title"].fillna(""), strict=True))
    article_id = params.selectbox(
        "Article",
        list(titles),
        param="article",
        key="art_article",
        format_func=lambda i: f"#{i} · {titles[i] or 'untitled'}",
    )
    data = cached(queries.article_detail, article_id)
    if data is None:
        st.error("That article no longer exists.")
        return
    article = data["article"]
    metadata(article)
    focus = params.int_param("claim")
    claims = data["claims"]
    if focus is not None and focus not in set(claims["id"]):
        focus = None
    spans = spans_of(claims, data["quotes"], data["places"], focus_claim=focus)
    left, right = st.columns([3, 2])
    with left:
        article_text(article["text"], spans)
    with right:
        st.subheader(f"Claims ({len(claims)})")
        st.page_link(
            "pages/claims.py",
            label="Review this article's claims",
            icon=":material/fact_check:",
            query_params={"article": str(article_id)},
        )
        claims_beside(claims, cached(review.statuses), focus=focus)
    with st.expander(f"Quotes ({len(data['quotes'])})"):
        quotes_table(data["quotes"], article["text"], key="art_quotes")
    with st.expander(f"Places ({int((data['places']['role'] == 'literal').sum())})"):
        places_table(data["places"], key="art_places")


frame.page(render)
