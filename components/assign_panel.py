"""Assignment in team mode: the claims filter on assignees and the form that assigns claims.

Single-user mode shows none of it (there is nobody to assign a claim to).
"""

from __future__ import annotations

import streamlit as st

from claimdesk import team
from claimdesk.store import queries
from components import params
from components.data import cached
from components.safe import md

#: The filter's fixed choices (URL value -> words); a member's e-mail is also a choice.
ANYONE, MINE = "", "me"
CHOICE_WORDS = {ANYONE: "anyone's", MINE: "assigned to me", queries.UNASSIGNED: "unassigned"}
#: The form's choice that unassigns the claims.
NOBODY = ""


def member_emails() -> list[str]:
    return [m.email for m in cached(team.members)]


def assignee_filter(my_email: str | None, *, key: str = "f_assigned") -> str:
    """The "Assigned" filter (URL parameter `assigned`); returns a `ClaimFilter.assignee`."""
    others = [e for e in member_emails() if e != my_email]
    choice = params.selectbox(
        "Assigned",
        [ANYONE, MINE, queries.UNASSIGNED, *others],
        param="assigned",
        key=key,
        format_func=lambda c: CHOICE_WORDS.get(c, f"assigned to {c}"),
    )
    if choice == MINE:
        return my_email or ""
    return str(choice)


def assign_form(
    n_selected: int, my_email: str | None, current: str | None, *, key: str = "assign"
) -> tuple[bool, str | None]:
    """A form to assign the selected claims; returns (submitted, assignee or None: nobody)."""
    members = member_emails()
    mine = [my_email] if my_email in members else []
    options = [*mine, *(e for e in members if e != my_email), NOBODY]
    choice_key = f"{key}_to"
    if st.session_state.get(f"{key}_shown_for", ...) != (current, tuple(options)):
        # first drawn, or a teammate (re)assigned the claim since: the form starts from now
        st.session_state[f"{key}_shown_for"] = (current, tuple(options))
        st.session_state[choice_key] = current if current in options else options[0]
    what = "this claim" if n_selected == 1 else f"{n_selected:,} claims"
    with st.form(key, clear_on_submit=False, border=True):
        st.markdown(f"**Assign {what}**")
        if current:
            st.caption(f"Assigned to {md(current)} now.")
        chosen = st.selectbox(
            "Assign to",
            options,
            key=choice_key,
            format_func=lambda e: (
                "nobody (unassign)" if e == NOBODY else (f"me ({e})" if e == my_email else e)
            ),
        )
        if st.form_submit_button("Save assignment"):
            return True, chosen or None
    return False, None
