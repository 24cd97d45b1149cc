"""Reads about known fact-checks: the matches of listed claims, the claims filter, counts.

A match's state is its latest event (claimdesk.factchecks); rejected matches are not shown as
fact-checks of a claim, and confirmed ones come first.
"""

from __future__ import annotations

from collections.abc import Sequence

import pandas as pd
from sqlalchemy import ColumnElement, case, distinct, func, select

from claimdesk.factchecks import CONFIRMED, REJECTED, SUGGESTED, latest_link_ids
from claimdesk.store.frames import rows_frame
from claimdesk.store.repo import Store
from claimdesk.store.schema import ClaimFactCheckLinkRow, ClaimRow, FactCheckRow

#: The claims filter's choices (ClaimFilter.fact_checked) and what each keeps.
FACT_CHECKED_CHOICES = {
    "": "all claims",
    "any": "already fact-checked",
    "confirmed": "confirmed fact-check",
    "none": "no known fact-check",
}
#: Matches shown per claim in the claims table and the claim's panel.
SHOWN_PER_CLAIM = 3


def _current_links(states: Sequence[str]):
    """(claim_id, factcheck_id, score, state, reviewer, created_at) of each pair's latest event,
    kept when its state is one of `states`."""
    latest = latest_link_ids()
    return (
        select(
            ClaimFactCheckLinkRow.claim_id,
            ClaimFactCheckLinkRow.factcheck_id,
            ClaimFactCheckLinkRow.score,
            ClaimFactCheckLinkRow.state,
            ClaimFactCheckLinkRow.reviewer,
            ClaimFactCheckLinkRow.created_at,
        )
        .join(latest, latest.c.link_id == ClaimFactCheckLinkRow.id)
        .where(ClaimFactCheckLinkRow.state.in_(list(states)))
        .subquery("current_link")
    )


def fact_checked_condition(choice: str) -> ColumnElement[bool] | None:
    """The claims filter's condition for a FACT_CHECKED_CHOICES key ("" or unknown: none)."""
    if choice == "any":
        return ClaimRow.id.in_(select(_current_links((SUGGESTED, CONFIRMED)).c.claim_id))
    if choice == "confirmed":
        return ClaimRow.id.in_(select(_current_links((CONFIRMED,)).c.claim_id))
    if choice == "none":
        return ClaimRow.id.not_in(select(_current_links((SUGGESTED, CONFIRMED)).c.claim_id))
    return None


def matches_of_claims(
    store: Store,
    claim_ids: Sequence[int],
    *,
    states: Sequence[str] = (SUGGESTED, CONFIRMED),
    per_claim: int | None = SHOWN_PER_CLAIM,
) -> pd.DataFrame:
    """The known fact-checks matched to these claims, confirmed first then by score: columns
    claim_id, factcheck_id, score, state, reviewer, decided_at, claim_reviewed, rating,
    publisher, published_at, url, title."""
    ids = sorted({int(i) for i in claim_ids})
    current = _current_links(states)
    columns = [
        current.c.claim_id,
        current.c.factcheck_id,
        current.c.score,
        current.c.state,
        current.c.reviewer,
        current.c.created_at.label("decided_at"),
        FactCheckRow.claim_reviewed,
        FactCheckRow.rating,
        FactCheckRow.publisher,
        FactCheckRow.published_at,
        FactCheckRow.url,
        FactCheckRow.title,
    ]
    frames = []
    with store.engine.connect() as conn:
        for i in range(0, len(ids), 5_000):
            stmt = (
                select(*columns)
                .join(FactCheckRow, FactCheckRow.id == current.c.factcheck_id)
                .where(current.c.claim_id.in_(ids[i : i + 5_000]))
            )
            result = conn.execute(stmt)
            frames.append(rows_frame(result.fetchall(), list(result.keys())))
    if not frames:
        return pd.DataFrame(columns=[c.key for c in columns])
    df = pd.concat(frames, ignore_index=True) if len(frames) > 1 else frames[0]
    if df.empty:
        return df
    df["_confirmed"] = df["state"] == CONFIRMED
    df = df.sort_values(
        ["claim_id", "_confirmed", "score", "factcheck_id"], ascending=[True, False, False, True]
    ).drop(columns="_confirmed")
    if per_claim is not None:
        df = df.groupby("claim_id", sort=False).head(per_claim)
    return df.reset_index(drop=True)


def factcheck_counts(store: Store) -> dict[str, int]:
    """Stored fact-checks, claims with a current match, and confirmed and rejected matches."""
    current = _current_links((SUGGESTED, CONFIRMED, REJECTED))
    with store.engine.connect() as conn:
        stored = conn.scalar(select(func.count()).select_from(FactCheckRow)) or 0
        row = conn.execute(
            select(
                func.count(distinct(case((current.c.state != REJECTED, current.c.claim_id)))),
                func.count(case((current.c.state == CONFIRMED, 1))),
                func.count(case((current.c.state == REJECTED, 1))),
            )
        ).one()
    return {
        "factchecks": int(stored),
        "matched_claims": int(row[0] or 0),
        "confirmed": int(row[1] or 0),
        "rejected": int(row[2] or 0),
    }


def factchecks_table(store: Store, limit: int = 200) -> pd.DataFrame:
    """The most recently imported fact-checks (id, claim, rating, publisher, date, url, file)."""
    stmt = (
        select(
            FactCheckRow.id,
            FactCheckRow.claim_reviewed,
            FactCheckRow.rating,
            FactCheckRow.publisher,
            FactCheckRow.published_at,
            FactCheckRow.url,
            FactCheckRow.title,
            FactCheckRow.source_file,
        )
        .order_by(FactCheckRow.id.desc())
        .limit(limit)
    )
    with store.engine.connect() as conn:
        result = conn.execute(stmt)
        return rows_frame(result.fetchall(), list(result.keys()))
