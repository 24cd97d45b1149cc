"""Upload: files, pasted text and URLs become stored, analysed articles."""

from __future__ import annotations

import streamlit as st

from components import frame
from components.auth import current_identity
from components.data import store
from components.demo import demo_button
from components.factcheck_panel import import_section
from components.ingest_runner import background_work, run_ingest
from components.queue_progress import queued_batches
from components.upload_panel import outcome_table, upload_form


def render() -> None:
    st.title("Upload articles")
    identity = current_identity()
    background_work()
    specs = upload_form()
    if specs:
        st.session_state["last_outcomes"] = run_ingest(
            specs, ingested_by=identity.reviewer, allow_private=not identity.team_mode
        )
    outcome_table(st.session_state.get("last_outcomes", []))
    queued_batches(store())
    st.divider()
    import_section()
    st.divider()
    demo_button(key="upload_demo")


frame.page(render)
