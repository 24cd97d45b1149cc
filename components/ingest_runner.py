"""Runs an ingestion batch in the analysis process, with a progress bar in the page."""

from __future__ import annotations

import streamlit as st

from claimdesk.batch import InputSpec
from claimdesk.store.repo import AddOutcome
from components.data import database_url, ingest_pool
from components.safe import md


def run_ingest(
    specs: list[InputSpec], *, ingested_by: str, allow_private: bool
) -> list[AddOutcome]:
    """Ingests specs one job each, so the bar moves per file; returns the outcomes in order."""
    bar = st.progress(0.0, text=f"Analysing {len(specs)} input(s)…")

    def progress(done: int, total: int, outcome: AddOutcome) -> None:
        bar.progress(done / total, text=f"{done:,}/{total:,} done: {md(outcome.name[:60])}")

    outcomes = ingest_pool().ingest(
        database_url(),
        specs,
        ingested_by=ingested_by,
        allow_private=allow_private,
        progress=progress,
        chunk=1,
    )
    bar.empty()
    return outcomes
