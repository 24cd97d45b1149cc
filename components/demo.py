"""The one-click demo article shipped in data/demo/."""

from __future__ import annotations

import streamlit as st

from claimdesk.batch import InputSpec
from claimdesk.settings import DATA_DIR
from components.auth import current_identity
from components.ingest_runner import run_ingest
from components.safe import md

DEMO = DATA_DIR / "demo" / "nk-troops-russia.txt"


def demo_button(*, key: str = "demo") -> None:
    st.caption(
        "No articles at hand? Load the demo: a news article on North Korean troops in Russia."
    )
    if st.button("Load the demo article", key=key):
        [outcome] = run_ingest(
            [InputSpec("path", str(DEMO))],
            ingested_by=current_identity().reviewer,
            allow_private=False,
            cancellable=False,
        )
        if outcome.status == "failed":
            st.error(f"The demo could not be loaded: {md(outcome.message)}")
        elif outcome.status == "added":
            st.success(
                f"Demo article added: {outcome.n_claims:,} claims, {outcome.n_quotes:,} quotes and "
                f"{outcome.n_places:,} place mentions. Open Claims, Map or Sources to explore it."
            )
        else:
            st.info(f"The demo article is already on the desk ({md(outcome.message)}).")
