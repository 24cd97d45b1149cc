"""Upload: files, pasted text and URLs become stored, analysed articles."""

from __future__ import annotations

import streamlit as st

from claimdesk.batch import ingest_batch
from components.auth import current_identity
from components.data import analyse, store
from components.demo import demo_button
from components.upload_panel import outcome_table, upload_form


def render() -> None:
    st.title("Upload articles")
    identity = current_identity()
    items = upload_form(allow_private_urls=not identity.team_mode)
    if items:
        bar = st.progress(0.0, text=f"Analysing {len(items)} input(s)…")

        def progress(done: int, total: int, outcome) -> None:  # noqa: ANN001
            bar.progress(done / total, text=f"{done}/{total}: {outcome.name[:60]}")

        outcomes = ingest_batch(
            store(), items, analyse=analyse, ingested_by=identity.reviewer, progress=progress
        )
        bar.empty()
        st.session_state["last_outcomes"] = outcomes
    outcome_table(st.session_state.get("last_outcomes", []))
    st.divider()
    demo_button(key="upload_demo")


render()
