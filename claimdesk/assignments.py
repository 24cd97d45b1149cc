"""Who works on which claim: assignment events, appended like reviews; the latest one counts.

Assigning a claim appends an event naming the assignee (a team member's e-mail); unassigning
appends one naming nobody. History is never rewritten, so a claim's assignment events sit in its
history next to its review events.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from claimdesk import team
from claimdesk.store.repo import Store, missing_claim_ids
from claimdesk.store.schema import AssignmentRow


class AssignmentError(ValueError):
    """An assignment that cannot be saved, with the reason in words."""


@dataclass(frozen=True)
class AssignmentEvent:
    id: int
    claim_id: int
    assignee: str | None  # None: unassigned
    assigned_by: str
    created_at: dt.datetime


def assign(store: Store, claim_ids: Iterable[int], assignee: str | None, by: str) -> list[int]:
    """Assigns the claims to `assignee` (a team member's e-mail), or unassigns them (None), in
    one transaction; returns the new event ids. A claim already in that state gets no event."""
    ids = sorted({int(c) for c in claim_ids})
    by = (by or "").strip()
    if not ids:
        raise AssignmentError("Select at least one claim to assign.")
    if not by:
        raise AssignmentError("An assignment needs the name of who makes it.")
    email = team.normalise_email(assignee) if assignee else None
    if email is not None and team.member(store, email) is None:
        raise AssignmentError(f"{email} is not on this desk's team list.")

    def tx(s: Session) -> list[int]:
        if missing := missing_claim_ids(s, ids):
            raise AssignmentError(f"No claim with id {missing[0]} (it may have been deleted).")
        now = _current(s, ids)
        rows = [
            AssignmentRow(claim_id=i, assignee=email, assigned_by=by)
            for i in ids
            if now.get(i) != email
        ]
        s.add_all(rows)
        s.flush()
        return [r.id for r in rows]

    return store.write(tx)


def latest_assignment_ids():
    """Subquery: (claim_id, assignment_id) of each assigned-or-unassigned claim's latest event."""
    return (
        select(AssignmentRow.claim_id, func.max(AssignmentRow.id).label("assignment_id"))
        .group_by(AssignmentRow.claim_id)
        .subquery("latest_assignment")
    )


def current_assignees():
    """Subquery: (claim_id, assignee) of every claim that has an assignee now."""
    latest = latest_assignment_ids()
    return (
        select(AssignmentRow.claim_id, AssignmentRow.assignee)
        .join(latest, latest.c.assignment_id == AssignmentRow.id)
        .where(AssignmentRow.assignee.is_not(None))
        .subquery("current_assignee")
    )


def _current(s: Session, claim_ids: list[int]) -> dict[int, str | None]:
    latest = latest_assignment_ids()
    rows = s.execute(
        select(AssignmentRow.claim_id, AssignmentRow.assignee)
        .join(latest, latest.c.assignment_id == AssignmentRow.id)
        .where(AssignmentRow.claim_id.in_(claim_ids))
    )
    return {int(c): a for c, a in rows}


def current_assignee(store: Store, claim_id: int) -> str | None:
    with store.read() as s:
        return _current(s, [int(claim_id)]).get(int(claim_id))


def history(store: Store, claim_id: int) -> list[AssignmentEvent]:
    """Every assignment event of a claim, newest first."""
    with store.read() as s:
        rows = s.scalars(
            select(AssignmentRow)
            .where(AssignmentRow.claim_id == claim_id)
            .order_by(AssignmentRow.id.desc())
        )
        return [
            AssignmentEvent(r.id, r.claim_id, r.assignee, r.assigned_by, r.created_at) for r in rows
        ]
