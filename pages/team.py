"""Team: the admins' page to list, add and remove the e-mail addresses allowed in."""

from __future__ import annotations

import streamlit as st

from claimdesk import team
from components import frame
from components.auth import current_identity
from components.data import cached, store
from components.safe import md
from components.team_admin import add_form, members_table, remove_form


def render() -> None:
    """The gate runs first (current_identity), also when this page is opened directly."""
    identity = current_identity()
    st.title("Team")
    if not identity.team_mode:
        st.info(
            "ClaimDesk runs in single-user mode, so there is no team to manage. To share a desk, "
            "configure sign-in (`[auth]`) and the team list (`[team]`) in "
            "`.streamlit/secrets.toml`."
        )
        return
    if not identity.is_admin:
        st.error("Only team admins can manage the team. Ask an admin to make changes.")
        return
    if done := st.session_state.pop("team_done", None):
        st.success(md(done))
    members = cached(team.members)
    st.caption(f"{len(members)} member(s). Members sign in with the e-mail address listed here.")
    members_table(members, key="team_members")
    left, right = st.columns(2)
    with left:
        new = add_form(key="team_add")
        if new is not None:
            email = team.normalise_email(new.email)
            if team.member(store(), email):
                st.warning(f"{md(email)} is already on the team.")
            else:
                try:
                    team.add_member(
                        store(), email, identity.email or identity.reviewer, is_admin=new.is_admin
                    )
                except ValueError as exc:
                    st.error(md(str(exc)))
                else:
                    st.session_state["team_done"] = f"Added {email}."
                    st.rerun()
    with right:
        gone = remove_form(members, identity.email, key="team_remove")
        if gone is not None:
            who = next((m for m in members if m.email == gone), None)
            team.remove_member(store(), gone)
            note = (
                " They are also listed in the secrets' [team] section, which adds them back when "
                "the app restarts: remove them there too."
                if who is not None and who.added_by == "secrets"
                else ""
            )
            st.session_state["team_done"] = f"Removed {gone}.{note}"
            st.rerun()


frame.page(render)
