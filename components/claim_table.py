"""The ranked claims table: tick rows to select them, change a status right in the table."""

from __future__ import annotations

from dataclasses import dataclass, field

import pandas as pd
import streamlit as st

SHOWN = ["select", "score", "text", "claimant", "article", "status", "places", "kind", "copies"]
SHOWN += ["figures"]
#: The badge of a claim whose figures disagree with another article's (claimdesk.conflicts).
CONFLICT_BADGE = "⚠ conflicting"


@dataclass
class TableEvents:
    selected: list[int] = field(default_factory=list)  # claim ids ticked
    status_changes: dict[int, str] = field(default_factory=dict)  # claim id -> new status


def claim_editor(
    df: pd.DataFrame, statuses: list[str], *, key: str, with_assignee: bool = False
) -> TableEvents:
    """Renders the table (with each claim's assignee in team mode); returns ticked claims and
    statuses changed in the table."""
    frame = df.reset_index(drop=True)
    view = pd.DataFrame(
        {
            "select": False,
            "score": frame["score"].astype(float),
            "text": frame["text"],
            "claimant": frame["claimant"],
            "article": frame["article"],
            "status": frame["status"],
            "places": frame["places"],
            "kind": frame["kind"],
            "copies": frame["cluster_articles"].astype(int),
            "figures": frame["conflict"].map({True: CONFLICT_BADGE, False: ""})
            if "conflict" in frame
            else "",
        }
    )
    if with_assignee:
        view.insert(
            view.columns.get_loc("status") + 1, "assignee", frame["assignee"].fillna("").to_numpy()
        )
    for extra in ("fact_check", "fact_check_url"):  # components.factcheck_panel adds them
        if extra in frame:
            view[extra] = frame[extra].to_numpy()
    view.index = pd.Index(frame["id"].astype(int), name="id")
    try:
        edited = _editor(view, statuses, key=key)
    except (KeyError, ValueError, IndexError, TypeError):
        # Streamlit applies the edits the browser sends before returning; edits this table
        # cannot produce (a column it does not have, a row of another shape) come only from a
        # forged widget state, and end here instead of in a traceback.
        st.warning(
            "The table's changes could not be read, so none were saved. Reload the page to "
            "start again."
        )
        return TableEvents()
    # Rows deleted or added in a forged widget state (the table is fixed-size) are ignored:
    # only the claims shown, with their ticks and statuses, are read.
    edited = edited[edited.index.isin(view.index)]
    shown = view.loc[edited.index]
    events = TableEvents()
    events.selected = [int(i) for i in edited.index[edited["select"].astype(bool)]]
    changed = edited["status"] != shown["status"]
    events.status_changes = {int(i): str(s) for i, s in edited.loc[changed, "status"].items()}
    return events


def _editor(view: pd.DataFrame, statuses: list[str], *, key: str) -> pd.DataFrame:
    return st.data_editor(
        view,
        key=key,
        hide_index=True,
        width="stretch",
        height=min(38 + 35 * len(view), 560),
        disabled=[c for c in view.columns if c not in ("select", "status")],
        column_config={
            "select": st.column_config.CheckboxColumn("✓", help="Tick to review", width="small"),
            "score": st.column_config.ProgressColumn(
                "Score", min_value=0.0, max_value=1.0, format="%.2f", width="small"
            ),
            "text": st.column_config.TextColumn("Claim", width="large"),
            "claimant": st.column_config.TextColumn("Claimant"),
            "article": st.column_config.TextColumn("Article"),
            "status": st.column_config.SelectboxColumn(
                "Status", options=statuses, required=True, help="Change to record a review"
            ),
            "assignee": st.column_config.TextColumn("Assigned to"),
            "places": st.column_config.TextColumn("Places"),
            "kind": st.column_config.TextColumn("Kind", width="small"),
            "copies": st.column_config.NumberColumn(
                "Articles", help="How many articles carry this claim", width="small"
            ),
            "figures": st.column_config.TextColumn(
                "Figures", help="Its numbers disagree with another article's", width="small"
            ),
            "fact_check": st.column_config.TextColumn(
                "Known fact-check", help="The closest stored fact-check: rating · publisher · date"
            ),
            "fact_check_url": st.column_config.LinkColumn("Fact-check link", display_text="open"),
        },
    )
