"""Queued batches (`python -m claimdesk ingest … --queue URL`): where each stands, refreshed
every few seconds while its workers are on it."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from claimdesk.store import jobs
from claimdesk.store.repo import Store
from components.safe import md
from components.tables import table

#: Seconds between two refreshes of an unfinished batch's progress.
REFRESH_SECONDS = 3.0


def queued_batches(store: Store, *, limit: int = 10) -> None:
    """The latest queued batches to choose from, and the chosen one's progress (nothing when
    no batch was ever queued)."""
    batches = dict(jobs.recent_batches(store, limit))
    if not batches:
        return
    st.subheader("Queued batches")
    st.caption(
        "Batches queued from the command line (`python -m claimdesk ingest … --queue URL`) and "
        "processed by `python -m claimdesk worker` processes on any machine."
    )
    chosen = st.selectbox(
        "Batch",
        list(batches),
        format_func=lambda b: f"{batches[b]:%Y-%m-%d %H:%M:%S} UTC · {b}" if b in batches else b,
        key="queue_batch",
    )
    first = jobs.batch_progress(store, chosen) if chosen else None
    if first is None:
        return

    @st.fragment(run_every=None if first.finished else REFRESH_SECONDS)
    def live() -> None:
        batch_progress(jobs.batch_progress(store, first.batch_id) or first)

    live()


def batch_progress(progress: jobs.BatchProgress) -> None:
    """One batch: a bar, the counts (done, failed, running, waiting) and each failure's reason."""
    settled = progress.done + progress.failed
    st.progress(
        settled / progress.total if progress.total else 1.0,
        text=f"{settled:,} of {progress.total:,} input(s) processed",
    )
    done, failed, running, waiting = st.columns(4)
    done.metric("Done", f"{progress.done:,}", help="added, or already stored")
    failed.metric("Failed", f"{progress.failed:,}")
    running.metric("Running", f"{progress.running:,}")
    waiting.metric("Waiting", f"{progress.waiting:,}")
    st.caption(
        md(
            f"{progress.added:,} added · {progress.duplicate:,} already stored · batch {progress.batch_id}"
        )
    )
    if progress.failures:
        frame = pd.DataFrame(
            {
                "input": [name for name, _ in progress.failures],
                "reason": [reason for _, reason in progress.failures],
            }
        )
        table(frame, key=f"queue_failures_{progress.batch_id}")
        hidden = progress.failed - len(progress.failures)
        if hidden > 0:
            st.caption(f"… and {hidden:,} more failed (`python -m claimdesk ingest --status`).")
