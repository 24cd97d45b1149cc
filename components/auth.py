"""The sign-in gate: OIDC plus a team allowlist when `[auth]` is configured, else local mode."""

from __future__ import annotations

from dataclasses import dataclass

import streamlit as st

from claimdesk import team
from components.data import store
from components.safe import md


@dataclass(frozen=True)
class Identity:
    """Who is using the app: the name every review event records."""

    reviewer: str
    email: str | None
    is_admin: bool
    team_mode: bool


def auth_configured() -> bool:
    try:
        return "auth" in st.secrets
    except (FileNotFoundError, st.errors.StreamlitSecretNotFoundError):
        return False


def _team_secrets() -> tuple[list[str], list[str]]:
    team_cfg = st.secrets.get("team", {})
    return list(team_cfg.get("allowlist", [])), list(team_cfg.get("admins", []))


@st.cache_resource
def _seed_once(url: str, emails: tuple[str, ...], admins: tuple[str, ...]) -> bool:
    team.seed_allowlist(store(), emails, admins)
    return True


def gate() -> Identity:
    """Returns the current identity, or renders the sign-in / refusal page and stops the run."""
    if auth_configured():
        return _team_gate()
    return _local_gate()


def _team_gate() -> Identity:
    emails, admins = _team_secrets()
    _seed_once(store().url, tuple(emails), tuple(admins))
    if not st.user.is_logged_in:
        st.title("ClaimDesk")
        st.write("This desk is shared by a research team. Sign in to continue.")
        if st.button("Sign in", type="primary", key="login"):
            st.login()
        st.stop()
    email = team.normalise_email(str(st.user.get("email") or ""))
    if email and not team.email_is_verified(st.user.to_dict()):
        st.title("E-mail address not verified")
        st.error(
            f"Your sign-in provider says {md(email)} is not verified. Verify it with the "
            "provider (or sign in with another account), then come back."
        )
        if st.button("Sign out", key="logout_unverified"):
            st.logout()
        st.stop()
    who = team.member(store(), email) if email else None
    if who is None:
        st.title("Not on this team")
        st.error(
            f"You are signed in as {md(email or 'an account without an e-mail address')}, which is "
            "not on this desk's team list. Ask a team admin to add you."
        )
        if st.button("Sign out", key="logout"):
            st.logout()
        st.stop()
    return Identity(
        reviewer=team.reviewer_label(str(st.user.get("name") or ""), email),
        email=email,
        is_admin=who.is_admin,
        team_mode=True,
    )


def _local_gate() -> Identity:
    name = team.local_display_name(store())
    if name:
        return Identity(reviewer=name, email=None, is_admin=True, team_mode=False)
    st.title("Welcome to ClaimDesk")
    st.write(
        "ClaimDesk runs here in single-user mode. Every review you make carries your name, "
        "so tell it once:"
    )
    with st.form("display_name"):
        typed = st.text_input("Your name", key="display_name_input", max_chars=200)
        if st.form_submit_button("Continue", type="primary"):
            try:
                team.set_local_display_name(store(), typed)
                st.rerun()
            except ValueError as exc:
                st.error(md(str(exc)))
    st.stop()
    raise AssertionError("unreachable")


def current_identity() -> Identity:
    """The gate's answer for this run.

    Every page calls it before showing anything, so a page opened directly (Streamlit may run a
    file under `pages/` without the entry script) still passes the sign-in gate. It costs one or
    two single-row queries.
    """
    identity = gate()
    st.session_state["identity"] = identity
    return identity
