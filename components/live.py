"""Live updates in team mode: a teammate's review shows up without reloading the page.

A small fragment re-runs on its own every few seconds and reads only the database's change
counter (one single-row query). The page itself re-runs only when the counter moved since the
page was drawn; a re-run reads through `cached(...)`, keyed on that counter, so it shows the
new data. Form fields being typed in keep their text across such a re-run.
"""

from __future__ import annotations

import datetime as dt

import streamlit as st

from claimdesk.settings import live_update_seconds
from components.data import version

#: Session-state key of the change counter the page was last drawn with.
SEEN = "live_seen_counter"


def mark_drawn() -> None:
    """Called at the start of every full run: the page is about to be drawn from this counter."""
    st.session_state[SEEN] = version()


def live_updates() -> None:
    """Starts the poll (no-op when `CLAIMDESK_LIVE_SECONDS` is 0). Call after `mark_drawn`."""
    seconds = live_update_seconds()
    if seconds <= 0:
        return
    st.fragment(_poll, run_every=dt.timedelta(seconds=seconds))()


def _poll() -> None:
    # The first call happens during the full run; later calls are the fragment's own runs.
    if version() != st.session_state.get(SEEN):
        st.rerun(scope="app")
