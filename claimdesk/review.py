"""Review of claims: statuses are data, each verdict is an appended event, the latest one counts.

Nothing here overwrites or deletes a review; the history of a claim is the list of its events.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass
from urllib.parse import urlparse

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from claimdesk.store.repo import Store, missing_claim_ids
from claimdesk.store.schema import ReviewRow, StatusRow

UNREVIEWED = "unreviewed"
MAX_NOTE = 5000


class ReviewError(ValueError):
    """A review that cannot be saved, with the reason in words."""


@dataclass(frozen=True)
class Status:
    id: int
    label: str
    description: str | None
    color: str
    is_final: bool


@dataclass(frozen=True)
class ReviewEvent:
    id: int
    claim_id: int
    status: str
    reviewer: str
    note: str | None
    evidence_url: str | None
    created_at: dt.datetime


def statuses(store: Store) -> list[Status]:
    with store.read() as s:
        rows = s.execute(select(StatusRow).order_by(StatusRow.position, StatusRow.id)).scalars()
        return [Status(r.id, r.label, r.description, r.color, r.is_final) for r in rows]


def _clean_url(url: str | None) -> str | None:
    url = (url or "").strip()
    if not url:
        return None
    parsed = urlparse(url)
    if parsed.scheme not in ("http", "https") or not parsed.netloc:
        raise ReviewError(f"The evidence link must be an http(s) address, not {url[:80]!r}.")
    return url


def record_review(
    store: Store,
    claim_ids: Iterable[int],
    status: str,
    reviewer: str,
    note: str | None = None,
    evidence_url: str | None = None,
) -> list[int]:
    """Appends one review event per claim (one transaction) and returns the new event ids."""
    ids = sorted({int(c) for c in claim_ids})
    reviewer = (reviewer or "").strip()
    if not ids:
        raise ReviewError("Select at least one claim to review.")
    if not reviewer:
        raise ReviewError("A review needs the reviewer's name.")
    note = (note or "").strip() or None
    if note and len(note) > MAX_NOTE:
        raise ReviewError(f"The note is longer than {MAX_NOTE} characters.")
    url = _clean_url(evidence_url)

    def tx(s: Session) -> list[int]:
        status_id = s.scalar(select(StatusRow.id).where(StatusRow.label == status))
        if status_id is None:
            raise ReviewError(f"Unknown status {status!r}.")
        if missing := missing_claim_ids(s, ids):
            raise ReviewError(f"No claim with id {missing[0]} (it may have been deleted).")
        rows = [
            ReviewRow(
                claim_id=i, status_id=status_id, reviewer=reviewer, note=note, evidence_url=url
            )
            for i in ids
        ]
        s.add_all(rows)
        s.flush()
        return [r.id for r in rows]

    return store.write(tx, content=False)


def latest_review_ids():
    """Subquery: (claim_id, review_id) of each reviewed claim's latest event."""
    return (
        select(ReviewRow.claim_id, func.max(ReviewRow.id).label("review_id"))
        .group_by(ReviewRow.claim_id)
        .subquery("latest")
    )


def current_status(store: Store, claim_id: int) -> str:
    with store.read() as s:
        label = s.scalar(
            select(StatusRow.label)
            .join(ReviewRow, ReviewRow.status_id == StatusRow.id)
            .where(ReviewRow.claim_id == claim_id)
            .order_by(ReviewRow.id.desc())
            .limit(1)
        )
        return label or UNREVIEWED


def history(store: Store, claim_id: int) -> list[ReviewEvent]:
    """Every review event of a claim, newest first."""
    with store.read() as s:
        rows = s.execute(
            select(ReviewRow, StatusRow.label)
            .join(StatusRow, StatusRow.id == ReviewRow.status_id)
            .where(ReviewRow.claim_id == claim_id)
            .order_by(ReviewRow.id.desc())
        ).all()
        return [
            ReviewEvent(r.id, r.claim_id, label, r.reviewer, r.note, r.evidence_url, r.created_at)
            for r, label in rows
        ]
