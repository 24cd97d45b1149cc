"""Pickers shared by several screens, synced to the URL query string."""

from __future__ import annotations

from claimdesk.store import queries
from components import params
from components.data import cached

#: The first option of a picker: no article / place / source chosen (ids start at 1).
ALL = 0


def article_picker(key: str) -> int | None:
    """ "Whole collection" or one article (query parameter `article`): the newest articles,
    and the one the link names."""
    arts = cached(queries.article_choices, also=params.int_params("article"))
    titles = dict(zip(arts["id"], arts["title"].fillna(""), strict=True))
    chosen = params.selectbox(
        "Articles",
        [ALL, *titles],
        param="article",
        key=key,
        format_func=lambda i: "Whole collection" if i == ALL else titles[i] or f"article #{i}",
    )
    return chosen or None


def articles_filter(key: str) -> list[int]:
    """Any number of articles, as a filter of claims (query parameter `article`): the newest
    articles, and the ones the link names."""
    arts = cached(queries.article_choices, also=params.int_params("article"))
    titles = dict(zip(arts["id"], arts["title"].fillna(""), strict=True))
    return params.multiselect(
        "Article",
        list(titles),
        param="article",
        key=key,
        format_func=lambda i: titles.get(i) or f"article #{i}",
    )
