"""Keyset pages of a long list (a place's mentions, a source's quotes): Next and Previous
buttons, each page read from where the last one stopped, never by a growing offset."""

from __future__ import annotations

from typing import Any

import streamlit as st

#: Rows a page lists.
PAGE_ROWS = 100


def _state(key: str, subject: Any) -> dict:
    state = st.session_state.get(key)
    if state is None or state["subject"] != subject:  # another place or source: first page
        state = {"subject": subject, "cursors": [None]}
        st.session_state[key] = state
    return state


def cursor(key: str, subject: Any) -> tuple | None:
    """The key of the row the page shown follows (None: the first page) for `subject`."""
    return _state(key, subject)["cursors"][-1]


def pager(key: str, subject: Any, shown: int, total: int, last: tuple | None) -> None:
    """Which rows are shown of how many, with Previous / Next; `last` is the key of the page's
    last row (where the next page starts after)."""
    cursors = _state(key, subject)["cursors"]
    first = (len(cursors) - 1) * PAGE_ROWS + 1
    if total <= PAGE_ROWS and len(cursors) == 1:
        return
    c1, c2, c3 = st.columns([3, 1, 1])
    c1.caption(f"{first:,}–{first + shown - 1:,} of {total:,}")
    c2.button(
        "Previous",
        key=f"{key}_prev",
        disabled=len(cursors) == 1,
        on_click=cursors.pop,
        width="stretch",
    )
    c3.button(
        "Next",
        key=f"{key}_next",
        disabled=last is None or first + shown - 1 >= total,
        on_click=cursors.append,
        args=(last,),
        width="stretch",
    )
