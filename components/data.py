"""The app's way to the domain package: one Store per process, cached reads keyed on changes.

Every read goes through `cached(...)`, keyed on the database's change counter, so a write by
anyone (another session or another app process) shows on the next rerun for everyone, and a
reviewer's own write shows at once.
"""

from __future__ import annotations

import contextlib
from collections.abc import Callable
from typing import Any, TypeVar

import streamlit as st

from claimdesk.settings import default_database_url
from claimdesk.store.repo import Store

T = TypeVar("T")


def database_url() -> str:
    """`DATABASE_URL`, else `[connections.sql] url` in Streamlit secrets, else the SQLite file."""
    configured = None
    with contextlib.suppress(FileNotFoundError, st.errors.StreamlitSecretNotFoundError):
        configured = st.secrets.get("connections", {}).get("sql", {}).get("url")
    return default_database_url(str(configured) if configured else None)


@st.cache_resource(show_spinner="Opening the database…")
def _store(url: str) -> Store:
    return Store(url)


def store() -> Store:
    return _store(database_url())


@st.cache_resource(show_spinner=False)
def ingest_pool():
    """The server's analysis processes, shared by every session in turns: one user's long
    upload never freezes another's pages, nor holds up their upload (claimdesk.workers)."""
    from claimdesk.settings import analysis_workers
    from claimdesk.workers import IngestPool

    n = analysis_workers()
    return IngestPool(processes=n, per_owner=max(1, n - 1))


def version() -> int:
    """The change counter, read once per rerun."""
    return store().change_counter()


@st.cache_data(max_entries=256, show_spinner=False)
def _cached_call(url: str, counter: int, fn_key: str, args: tuple, kwargs: tuple) -> Any:
    return _REGISTRY[fn_key](_store(url), *args, **dict(kwargs))


_REGISTRY: dict[str, Callable[..., Any]] = {}


def cached(fn: Callable[..., T], *args: Any, **kwargs: Any) -> T:
    """`fn(store, *args, **kwargs)` through the cache, keyed on the change counter.

    Arguments must be hashable. Reading the counter is one indexed single-row query, so every
    rerun sees writes made by anyone since the last one.
    """
    key = f"{fn.__module__}.{fn.__qualname__}"
    _REGISTRY[key] = fn
    return _cached_call(database_url(), version(), key, args, tuple(sorted(kwargs.items())))
