"""The head of an opened claim, the same on every page that opens one."""

from __future__ import annotations

from typing import Any

import streamlit as st

from claimdesk import review
from claimdesk.store import queries
from components.auth import current_identity
from components.data import cached
from components.review_panel import status_badge
from components.safe import md
from components.timeline_chart import claim_dates_lines


def claim_header(
    claim_id: int, statuses: list[review.Status], *, with_score: bool
) -> dict[str, Any] | None:
    """Shows the claim's text, status, kind, claimant, article and dates; returns its details,
    or None (and says so) when the claim no longer exists."""
    info = cached(queries.claim_detail, claim_id)
    if info is None:
        st.info("That claim no longer exists.")
        return None
    st.markdown(f"#### {md(info['text'])}")
    score = f" · score {info['score']:.2f}" if with_score else ""
    st.markdown(
        f"{status_badge(info['status'], statuses)}{score} · {md(info['kind'])} · claimed by "
        f"**{md(info['claimant'])}** · in *{md(info['article'] or 'untitled article')}*"
    )
    if current_identity().team_mode:  # who did what, among several reviewers
        last = f"last reviewed by {md(info['reviewer'])}" if info["reviewer"] else "not reviewed"
        assigned = f"assigned to {md(info['assignee'])}" if info["assignee"] else "unassigned"
        st.caption(f"{last} · {assigned}")
    claim_dates_lines(cached(queries.claim_dates, claim_id=claim_id))
    return info
