"""Team admin: who is on the allowlist, adding and removing members."""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd
import streamlit as st

from claimdesk.team import Member


@dataclass(frozen=True)
class NewMember:
    email: str
    is_admin: bool


def members_table(members: list[Member], *, key: str) -> None:
    if not members:
        st.caption("Nobody is on the team list yet.")
        return
    st.dataframe(
        pd.DataFrame(
            {
                "e-mail": [m.email for m in members],
                "name": [m.name or "" for m in members],
                "admin": [m.is_admin for m in members],
                "added by": [m.added_by or "" for m in members],
            }
        ),
        hide_index=True,
        width="stretch",
        key=key,
        column_config={"admin": st.column_config.CheckboxColumn("Admin", width="small")},
    )


def add_form(*, key: str) -> NewMember | None:
    """Returns the member to add when the form is submitted."""
    with st.form(key, clear_on_submit=True):
        st.markdown("**Add a member**")
        email = st.text_input("E-mail address", key=f"{key}_email", placeholder="name@example.org")
        is_admin = st.checkbox("Team admin (may manage the team)", key=f"{key}_admin")
        if st.form_submit_button("Add", type="primary"):
            return NewMember(email, is_admin)
    return None


def remove_form(members: list[Member], me: str | None, *, key: str) -> str | None:
    """Returns the e-mail to remove once picked and confirmed; you cannot remove yourself."""
    others = [m.email for m in members if m.email != me]
    if not others:
        st.caption("Nobody else to remove.")
        return None
    with st.form(key):
        st.markdown("**Remove a member**")
        email = st.selectbox("Member", others, key=f"{key}_email")
        sure = st.checkbox("Yes, remove their access", key=f"{key}_sure")
        if st.form_submit_button("Remove"):
            if not sure:
                st.warning("Tick the box to confirm.")
                return None
            return email
    return None
