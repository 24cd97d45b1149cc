"""Upload panel: many files, pasted text, a list of URLs; returns what to ingest."""

from __future__ import annotations

import math

import pandas as pd
import streamlit as st

from claimdesk import settings
from claimdesk.batch import InputSpec
from claimdesk.ingest import SUPPORTED_EXTENSIONS
from claimdesk.store.repo import AddOutcome
from components.tables import table

#: What each outcome reads as in the table (words: emoji fonts are not on every machine).
OUTCOME_WORDS = {"added": "added", "duplicate": "already stored", "failed": "failed"}


def upload_form(*, key: str = "upload") -> list[InputSpec]:
    """Renders the form; returns the items to ingest when the user presses Analyse, else []."""
    types = sorted({ext.lstrip(".") for ext in SUPPORTED_EXTENSIONS})
    limits = settings.limits()
    files = st.file_uploader(
        "Articles (TXT, Markdown, HTML, PDF, DOCX)",
        type=types,
        accept_multiple_files=True,
        key=f"{key}_files",
        help="Drop many files at once. Each file is one article.",
        max_upload_size=max(1, math.ceil(limits.file_bytes / 2**20)),
    )
    if files:  # the count the app has received (a large drop takes a moment to arrive)
        size = sum(f.size for f in files)
        st.caption(f"{len(files):,} file(s) ready to analyse, {size / 2**20:,.1f} MB in all.")
    with st.expander("Paste text or URLs"):
        pasted_title = st.text_input("Title of the pasted text (optional)", key=f"{key}_title")
        pasted = st.text_area(
            "Pasted article text", key=f"{key}_text", height=150, max_chars=limits.text_chars
        )
        urls = st.text_area(
            "Article URLs, one per line (http or https)", key=f"{key}_urls", height=80
        )
    if not st.button("Analyse", type="primary", key=f"{key}_go"):
        return []
    items = [InputSpec("file", f.name, data=f.getvalue()) for f in files or []]
    if pasted.strip():
        title = pasted_title.strip() or None
        items.append(InputSpec("text", title or "pasted text", text=pasted, title=title))
    for line in urls.splitlines():
        if line.strip():
            items.append(InputSpec("url", line.strip()))
    if not items:
        st.warning("Nothing to analyse yet: add files, paste text or list URLs first.")
    return items


def outcome_table(outcomes: list[AddOutcome]) -> None:
    """One row per input: added, duplicate of …, or failed because …."""
    if not outcomes:
        return
    counts = {k: sum(o.status == k for o in outcomes) for k in OUTCOME_WORDS}
    st.write(
        f"**{counts['added']:,}** added · **{counts['duplicate']:,}** duplicate · "
        f"**{counts['failed']:,}** failed"
    )
    frame = pd.DataFrame(
        {
            "input": [o.name for o in outcomes],
            "outcome": [OUTCOME_WORDS.get(o.status, o.status) for o in outcomes],
            "details": [o.message for o in outcomes],
            "claims": [o.n_claims for o in outcomes],
            "quotes": [o.n_quotes for o in outcomes],
            "places": [o.n_places for o in outcomes],
        }
    )
    table(frame, key="upload_outcomes")
