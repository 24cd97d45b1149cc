"""The sign-in gate: OIDC plus a team allowlist when `[auth]` is configured, else local mode."""

from __future__ import annotations

import time
from dataclasses import dataclass

import streamlit as st

from claimdesk import settings, team
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


@dataclass(frozen=True)
class Refusal:
    """Why the gate stops this person (and so what it shows them): signed out, signed in too
    long ago, e-mail not verified, not on the team, or (single-user mode) no name given yet."""

    reason: str  # signed_out | expired | unverified | not_member | no_name
    email: str | None = None


def check() -> Identity | Refusal:
    """The gate's decision for this run, without drawing anything."""
    if not auth_configured():
        name = team.local_display_name(store())
        if name:
            return Identity(reviewer=name, email=None, is_admin=True, team_mode=False)
        return Refusal("no_name")
    emails, admins = _team_secrets()
    _seed_once(store().url, tuple(emails), tuple(admins))
    if not st.user.is_logged_in:
        return Refusal("signed_out")
    email = team.normalise_email(str(st.user.get("email") or ""))
    if team.session_expired(st.user.to_dict(), time.time(), settings.session_hours()):
        return Refusal("expired", email or None)
    if email and not team.email_is_verified(st.user.to_dict()):
        return Refusal("unverified", email)
    who = team.member(store(), email) if email else None
    if who is None:
        return Refusal("not_member", email or None)
    return Identity(
        reviewer=team.reviewer_label(str(st.user.get("name") or ""), email),
        email=email,
        is_admin=who.is_admin,
        team_mode=True,
    )


def gate_screen() -> None:
    """What someone the gate stops sees: sign in, the name form, or why they cannot enter.
    It is the only page of the app until the gate lets them in (dashboard.py)."""
    verdict = check()
    if isinstance(verdict, Identity):
        st.rerun()  # let in meanwhile (another tab gave the name): load the real navigation
    _show_refusal(verdict)


def _show_refusal(refusal: Refusal) -> None:
    """Draws the refusal and stops the run."""
    email = md(refusal.email or "an account without an e-mail address")
    if refusal.reason == "signed_out":
        st.title("ClaimDesk")
        st.write("This desk is shared by a research team. Sign in to continue.")
        if st.button("Sign in", type="primary", key="login"):
            st.login()
    elif refusal.reason == "expired":
        st.title("Your sign-in has expired")
        st.write(
            f"You signed in as {email} more than {settings.session_hours():g} hours ago. Sign in "
            "again to continue."
        )
        if st.button("Sign in again", type="primary", key="login_again"):
            st.login()
    elif refusal.reason == "unverified":
        st.title("E-mail address not verified")
        st.error(
            f"Your sign-in provider says {email} is not verified. Verify it with the "
            "provider (or sign in with another account), then come back."
        )
        if st.button("Sign out", key="logout_unverified"):
            st.logout()
    elif refusal.reason == "not_member":
        st.title("Not on this team")
        st.error(
            f"You are signed in as {email}, which is not on this desk's team list. Ask a team "
            "admin to add you."
        )
        if st.button("Sign out", key="logout"):
            st.logout()
    else:
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


def gate() -> Identity:
    """Returns the current identity, or draws the sign-in / refusal screen and stops the run."""
    verdict = check()
    if isinstance(verdict, Refusal):
        _show_refusal(verdict)
        raise AssertionError("unreachable: the refusal stops the run")
    return verdict


def current_identity() -> Identity:
    """The gate's answer for this run.

    Every page calls it before showing anything, so a page opened directly (Streamlit may run a
    file under `pages/` without the entry script) still passes the sign-in gate. It costs one or
    two single-row queries.
    """
    identity = gate()
    st.session_state["identity"] = identity
    return identity
