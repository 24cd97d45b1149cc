"""Runs an ingestion batch on the server's shared analysis workers, with progress and a way
to cancel it."""

from __future__ import annotations

import uuid

import streamlit as st

from claimdesk.batch import InputSpec
from claimdesk.store.repo import AddOutcome
from components.data import database_url, ingest_pool
from components.safe import md


def session_owner() -> str:
    """This browser session's name in the worker pool's queues (fair turns are per owner)."""
    return st.session_state.setdefault("ingest_owner", uuid.uuid4().hex)


#: Session-state keys of the two Cancel buttons (during a batch, and after a rerun left one).
CANCEL_KEYS = ("ingest_cancel", "ingest_cancel_pending")


def run_ingest(
    specs: list[InputSpec], *, ingested_by: str, allow_private: bool, cancellable: bool = True
) -> list[AddOutcome]:
    """Ingests specs one job each, so the bar moves per file; returns the outcomes in order.

    The bar is redrawn while a job runs: that also lets Streamlit stop this run when the user
    clicks something (the Cancel button among others) instead of waiting for the batch."""
    bar = st.progress(0.0, text=f"Analysing {len(specs):,} input(s)…")
    cancel = st.empty()
    if cancellable:  # pages that offer it call background_work() on the rerun it causes
        cancel.button("Cancel", key=CANCEL_KEYS[0], help="Stop analysing the inputs not done yet.")

    def progress(done: int, total: int, outcome: AddOutcome) -> None:
        bar.progress(done / total, text=f"{done:,}/{total:,} done: {md(outcome.name[:60])}")

    def waiting(done: int, total: int) -> None:
        bar.progress(done / total, text=f"{done:,}/{total:,} done; analysing the next…")

    outcomes = ingest_pool().ingest(
        database_url(),
        specs,
        owner=session_owner(),
        ingested_by=ingested_by,
        allow_private=allow_private,
        progress=progress,
        waiting=waiting,
        chunk=1,
    )
    bar.empty()
    cancel.empty()
    return outcomes


def background_work() -> None:
    """What this session still has on the workers after a rerun left a batch running (the
    Cancel button, or any other click): cancel it, or say that it goes on."""
    pool = ingest_pool()
    owner = session_owner()
    if any(st.session_state.get(k) for k in CANCEL_KEYS):
        n = pool.cancel(owner)
        if n:
            st.warning(f"Cancelled: {n:,} input(s) were not analysed. Upload them again to retry.")
        return
    pending = pool.pending(owner)
    if pending:
        st.info(
            f"{pending:,} of your input(s) are still being analysed; they appear in the "
            "collection as they finish."
        )
        st.button("Cancel them", key=CANCEL_KEYS[1])
