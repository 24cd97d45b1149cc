"""Review panel: status, note and evidence for the selected claims, and a claim's history."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import pandas as pd
import streamlit as st

from claimdesk.assignments import AssignmentEvent
from claimdesk.review import ReviewEvent, Status
from components.safe import md, safe_link


@dataclass(frozen=True)
class ReviewInput:
    status: str
    note: str
    evidence_url: str


def review_form(
    n_selected: int, statuses: list[Status], *, current: str | None = None, key: str = "review"
) -> ReviewInput | None:
    """A form for one or many claims; returns the input when the user saves."""
    labels = [s.label for s in statuses]
    if st.session_state.get(f"{key}_shown_for", ...) != current:
        # first drawn, or the claim's status changed since (a save, or a teammate's): the
        # form starts from the status it has now
        st.session_state[f"{key}_shown_for"] = current
        st.session_state[f"{key}_status"] = current if current in labels else labels[0]
    title = "Review this claim" if n_selected == 1 else f"Review {n_selected:,} claims at once"
    with st.form(key, clear_on_submit=True):
        st.markdown(f"**{title}**")
        status = st.selectbox(
            "Set status",
            labels,
            key=f"{key}_status",
            help="; ".join(
                f"{md(s.label)}: {md(s.description)}" for s in statuses if s.description
            ),
        )
        note = st.text_area("Note", key=f"{key}_note", placeholder="What did you check?")
        evidence = st.text_input("Evidence link", key=f"{key}_evidence", placeholder="https://…")
        if st.form_submit_button("Save review", type="primary"):
            return ReviewInput(status, note, evidence)
    return None


def history_view(events: list[ReviewEvent], assigned: Sequence[AssignmentEvent] = ()) -> None:
    """Every review and assignment event of a claim, newest first: who, when, what."""
    if not events and not assigned:
        st.caption("No reviews yet.")
        return
    rows = [
        (e.created_at, e.id, e.reviewer, e.status, e.note or "", safe_link(e.evidence_url))
        for e in events
    ]
    rows += [
        (a.created_at, a.id, a.assigned_by, _assignment_words(a.assignee), "", None)
        for a in assigned
    ]
    rows.sort(key=lambda r: (r[0], r[1]), reverse=True)
    frame = pd.DataFrame(rows, columns=["when", "id", "who", "status", "note", "evidence"])
    st.dataframe(
        frame.drop(columns="id"),
        hide_index=True,
        width="stretch",
        key="history_table",
        column_config={
            "when": st.column_config.DatetimeColumn("When (UTC)", format="YYYY-MM-DD HH:mm"),
            "status": st.column_config.TextColumn(
                "Status / assignment" if assigned else "Status",
                width="medium" if assigned else None,
            ),
            "evidence": st.column_config.LinkColumn("Evidence"),
        },
    )


def _assignment_words(assignee: str | None) -> str:
    return f"assigned to {assignee}" if assignee else "unassigned"


def status_badge(label: str, statuses: list[Status]) -> str:
    color = next((s.color for s in statuses if s.label == label), "#888888")
    return f":{_nearest_named(color)}-badge[{md(label)}]"


def _nearest_named(hex_color: str) -> str:
    """Streamlit badges take named colours; map a status colour to the closest one."""
    named = {
        "gray": (158, 158, 158),
        "blue": (30, 136, 229),
        "green": (46, 125, 50),
        "orange": (239, 108, 0),
        "red": (198, 40, 40),
        "violet": (123, 31, 162),
    }
    h = hex_color.lstrip("#")
    try:
        rgb = tuple(int(h[i : i + 2], 16) for i in (0, 2, 4))
    except ValueError:
        return "gray"
    return min(named, key=lambda n: sum((a - b) ** 2 for a, b in zip(named[n], rgb, strict=True)))
