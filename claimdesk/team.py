"""Who may use a hosted desk (the allowlist) and who the local single user is."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from sqlalchemy import delete, select
from sqlalchemy.orm import Session

from claimdesk.store.repo import Store
from claimdesk.store.schema import UserRow
from claimdesk.store.upserts import insert_ignore

#: The users-table row that holds the local mode's display name (not an e-mail address).
LOCAL_USER = "local:user"
#: Longest display name kept: enough for any real name, too short to push an e-mail out of view.
MAX_NAME_CHARS = 80


@dataclass(frozen=True)
class Member:
    email: str
    name: str | None
    is_admin: bool
    added_by: str | None


def normalise_email(email: str) -> str:
    return (email or "").strip().lower()


def normalise_display_name(name: str | None) -> str:
    """A display name as it may be shown: Unicode NFKC, control and format characters (zero-width
    spaces and joiners, bidi overrides) removed, whitespace collapsed, at most MAX_NAME_CHARS.

    Display names come from a sign-in provider or a form; without this, "Ana" followed by
    invisible characters and spaces can push the real e-mail address out of sight."""
    text = unicodedata.normalize("NFKC", name or "")
    kept = "".join(
        " " if ch.isspace() else ch
        for ch in text
        if ch.isspace() or unicodedata.category(ch)[0] != "C"
    )
    return " ".join(kept.split())[:MAX_NAME_CHARS].rstrip()


#: What in a display name reads as an e-mail address: "<…>", a word with an "@", a lone bracket.
_ADDRESS_LIKE = re.compile(r"<[^<>]*>|\S*@\S*|[<>]")


def reviewer_label(name: str | None, email: str) -> str:
    """What review events record and show for a signed-in member: "Name <email>" (or the e-mail
    alone), with the verified e-mail always last and whole.

    The name is whatever the member told their sign-in provider, so anything in it that reads
    as an address is dropped: "Ben <ben@desk.example>" as Ana's name would make her reviews
    read as Ben's ("Ben <ben@desk.example> <ana@desk.example>")."""
    email = normalise_email(email)
    shown = " ".join(_ADDRESS_LIKE.sub(" ", normalise_display_name(name)).split())
    return email if not shown or shown.lower() == email else f"{shown} <{email}>"


def email_is_verified(claims: Mapping[str, Any]) -> bool:
    """False when the provider says the e-mail address is not verified. Providers that never
    send `email_verified` (some enterprise IdPs verify every address) are trusted."""
    value = claims.get("email_verified", True)
    if isinstance(value, str):
        return value.strip().lower() not in ("false", "0", "no")
    return bool(value)


def signed_in_at(claims: Mapping[str, Any]) -> float | None:
    """When the person signed in at their provider (POSIX seconds), from the ID token's claims
    kept in the sign-in cookie: `auth_time`, else `iat` (required in every ID token)."""
    for name in ("auth_time", "iat"):
        value = claims.get(name)
        if isinstance(value, int | float) and not isinstance(value, bool):
            return float(value)
    return None


def session_expired(claims: Mapping[str, Any], now: float, max_hours: float) -> bool:
    """True when the sign-in is older than `max_hours`. Without a time (Streamlit's cookie
    carries the ID token's claims, so only a provider breaking OIDC sends none) Streamlit's own
    limit of 30 days stands."""
    started = signed_in_at(claims)
    return started is not None and now - started > max_hours * 3600


def valid_email(email: str) -> bool:
    e = normalise_email(email)
    local, _, domain = e.partition("@")
    return bool(local) and "." in domain and " " not in e and len(e) <= 320


def seed_allowlist(store: Store, emails: Iterable[str], admins: Iterable[str] = ()) -> None:
    """Adds the e-mails from secrets (idempotent; never removes anyone an admin added)."""
    admins = {normalise_email(a) for a in admins}
    wanted = {normalise_email(e) for e in emails} | admins

    def tx(s: Session) -> None:
        for email in sorted(wanted):
            if valid_email(email):
                insert_ignore(
                    s,
                    UserRow,
                    {"email": email, "is_admin": email in admins, "added_by": "secrets"},
                    "email",
                )
        if admins:
            for row in s.scalars(select(UserRow).where(UserRow.email.in_(admins))):
                row.is_admin = True

    store.write(tx)


def members(store: Store) -> list[Member]:
    with store.read() as s:
        rows = s.scalars(select(UserRow).where(UserRow.email != LOCAL_USER).order_by(UserRow.email))
        return [Member(r.email, r.name, r.is_admin, r.added_by) for r in rows]


def member(store: Store, email: str) -> Member | None:
    email = normalise_email(email)
    if not email or email == LOCAL_USER:
        return None
    with store.read() as s:
        r = s.scalar(select(UserRow).where(UserRow.email == email))
        return Member(r.email, r.name, r.is_admin, r.added_by) if r else None


def add_member(store: Store, email: str, by: str, *, is_admin: bool = False) -> None:
    email = normalise_email(email)
    if not valid_email(email):
        raise ValueError(f"{email or 'an empty value'!r} is not an e-mail address.")
    store.write(
        lambda s: insert_ignore(
            s, UserRow, {"email": email, "is_admin": is_admin, "added_by": by}, "email"
        )
    )


def remove_member(store: Store, email: str) -> None:
    email = normalise_email(email)
    store.write(lambda s: s.execute(delete(UserRow).where(UserRow.email == email)))


def local_display_name(store: Store) -> str | None:
    with store.read() as s:
        return s.scalar(select(UserRow.name).where(UserRow.email == LOCAL_USER))


def set_local_display_name(store: Store, name: str) -> str:
    name = normalise_display_name(name)
    if not name:
        raise ValueError("Please type the name your reviews should carry.")

    def tx(s: Session) -> None:
        row = s.scalar(select(UserRow).where(UserRow.email == LOCAL_USER))
        if row is None:
            s.add(UserRow(email=LOCAL_USER, name=name, is_admin=True, added_by="local"))
        else:
            row.name = name

    store.write(tx)
    return name
