"""Widgets whose values live in the URL query string, so a filtered view can be shared.

On first render a widget takes its value from the query string; afterwards the query string
follows the widget. Values survive reruns through the widget's session-state key.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import Any

import streamlit as st


def _init(key: str, value: Any) -> None:
    if key not in st.session_state:
        st.session_state[key] = value


def _write(param: str, value: Any) -> None:
    if value in (None, "", [], ()):
        if param in st.query_params:
            del st.query_params[param]
    elif isinstance(value, list | tuple):
        st.query_params[param] = [str(v) for v in value]
    else:
        st.query_params[param] = str(value)


def multiselect(
    label: str, options: Sequence[Any], *, param: str, key: str, format_func=str, **kw: Any
) -> list[Any]:
    by_text = {str(o): o for o in options}
    _init(key, [by_text[v] for v in st.query_params.get_all(param) if v in by_text])
    st.session_state[key] = [v for v in st.session_state[key] if v in options]
    value = st.multiselect(label, options, key=key, format_func=format_func, **kw)
    _write(param, value)
    return value


def text_input(label: str, *, param: str, key: str, **kw: Any) -> str:
    _init(key, st.query_params.get(param, ""))
    value = st.text_input(label, key=key, **kw)
    _write(param, value.strip())
    return value


def slider(
    label: str, lo: float, hi: float, *, param: str, key: str, default: float, **kw: Any
) -> float:
    try:
        start = float(st.query_params.get(param, default))
    except ValueError:
        start = default
    _init(key, min(max(start, lo), hi))
    value = st.slider(label, lo, hi, key=key, **kw)
    _write(param, value if value != default else None)
    return value


def toggle(label: str, *, param: str, key: str, **kw: Any) -> bool:
    """An on/off switch kept in the URL as `param=1` while on."""
    _init(key, st.query_params.get(param, "") in ("1", "true", "yes"))
    value = bool(st.toggle(label, key=key, **kw))
    _write(param, "1" if value else None)
    return value


def selectbox(
    label: str, options: Sequence[Any], *, param: str, key: str, format_func=str, **kw: Any
) -> Any:
    by_text = {str(o): o for o in options}
    _init(key, by_text.get(st.query_params.get(param, ""), options[0] if options else None))
    if st.session_state[key] not in options and options:
        st.session_state[key] = options[0]
    value = st.selectbox(label, options, key=key, format_func=format_func, **kw)
    _write(param, value if options and value != options[0] else None)
    return value


#: Ids and page numbers are SQL INTEGERs (32-bit on PostgreSQL): a larger number names nothing.
MAX_ID = 2**31 - 1


def positive_int(text: str) -> int | None:
    """`text` as an id or page number in 1..MAX_ID, else None (typed URLs are untrusted)."""
    text = text.strip()
    if not text.isascii() or not text.isdigit() or len(text) > len(str(MAX_ID)):
        return None
    value = int(text)
    return value if 1 <= value <= MAX_ID else None


def int_param(param: str) -> int | None:
    """The query parameter as a positive id, or None when absent, malformed or out of range."""
    return positive_int(st.query_params.get(param, ""))


def int_params(param: str) -> tuple[int, ...]:
    """Every value of a repeated query parameter that is a positive id."""
    values = (positive_int(v) for v in st.query_params.get_all(param))
    return tuple(v for v in values if v is not None)


def date_input(
    label: str, *, param: str, key: str, default: dt.date, lo: dt.date, hi: dt.date, **kw: Any
) -> dt.date:
    """A date picker whose value lives in the query string as YYYY-MM-DD (the default leaves it
    out); a malformed or out-of-range date in the URL gives the default."""
    try:
        start = dt.date.fromisoformat(st.query_params.get(param, ""))
    except ValueError:
        start = default
    _init(key, start if lo <= start <= hi else default)
    value = st.date_input(label, key=key, min_value=lo, max_value=hi, **kw)
    value = value if isinstance(value, dt.date) else default
    _write(param, value.isoformat() if value != default else None)
    return value
