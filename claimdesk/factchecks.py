"""Known fact-checks: importing them (one transaction per file) and the events that link them
to claims.

A fact-check is deduplicated by its address, else by its normalised claim text and publisher.
A link between a claim and a fact-check is a list of events, like a claim's reviews: the matcher
suggests it (no reviewer), a reviewer confirms or rejects it; the latest event is its state, and
nothing is updated or deleted. A pair the matcher has suggested once is never suggested again, so
a rejected match stays rejected when matching runs again.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import logging
import re
import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from sqlalchemy import func, insert, select, tuple_
from sqlalchemy.dialects.postgresql import insert as pg_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert
from sqlalchemy.orm import Session

from claimdesk.ingest.errors import IngestError
from claimdesk.ingest.factcheck_readers import FactCheckFile, FactCheckRecord, read_factchecks
from claimdesk.store.repo import Store
from claimdesk.store.schema import ClaimFactCheckLinkRow, ClaimRow, FactCheckRow

log = logging.getLogger(__name__)

SUGGESTED, CONFIRMED, REJECTED = "suggested", "confirmed", "rejected"
LINK_STATES = (SUGGESTED, CONFIRMED, REJECTED)
#: Values per IN (...) list: well under SQLite's limit on bound parameters.
IN_CHUNK = 5_000
_WORDS = re.compile(r"\w+")


class LinkError(ValueError):
    """A confirm/reject that cannot be saved, with the reason in words."""


@dataclass
class ImportOutcome:
    """What importing one file did: added, duplicate (nothing new) or failed, and why."""

    name: str
    status: str  # added | duplicate | failed
    message: str
    format: str | None = None
    added: int = 0
    duplicates: int = 0
    skipped: int = 0
    new_ids: list[int] = field(default_factory=list, repr=False)


@dataclass(frozen=True)
class LinkHit:
    """A match the matcher found: this claim may be what this fact-check rated."""

    claim_id: int
    factcheck_id: int
    score: float


@dataclass(frozen=True)
class LinkEvent:
    id: int
    claim_id: int
    factcheck_id: int
    score: float
    state: str
    reviewer: str | None
    created_at: dt.datetime


def normalised_claim(text: str) -> str:
    """Case, accents of compatibility forms, punctuation and spacing removed."""
    return " ".join(_WORDS.findall(unicodedata.normalize("NFKC", text).casefold()))


def claim_key(claim: str, publisher: str | None) -> str:
    """The key of a fact-check without an address: its normalised claim and publisher."""
    raw = f"{normalised_claim(claim)}\x1f{normalised_claim(publisher or '')}"
    return hashlib.sha256(raw.encode("utf-8")).hexdigest()


# ------------------------------------------------------------------------ import
def import_factcheck_file(
    store: Store, name: str, data: bytes, *, imported_by: str | None = None
) -> ImportOutcome:
    """Reads and stores one file; a file that cannot be read or stored becomes a failed
    outcome with the reason in words (never an exception)."""
    try:
        parsed = read_factchecks(name, data)
    except IngestError as exc:
        return ImportOutcome(name, "failed", exc.reason)
    except Exception as exc:  # a reader bug must not stop the other files or show a traceback
        log.exception("reading fact-checks from %s failed", name)
        return ImportOutcome(name, "failed", f"could not be read ({type(exc).__name__})")
    return store_factchecks(store, parsed, imported_by=imported_by)


def store_factchecks(
    store: Store, parsed: FactCheckFile, *, imported_by: str | None = None
) -> ImportOutcome:
    """Stores a file's records in one transaction (all of its new fact-checks, or none)."""
    try:
        new_ids, duplicates = store.write(
            lambda s: _insert_new(s, parsed.records, parsed.name, imported_by)
        )
    except Exception as exc:
        log.exception("storing fact-checks from %s failed", parsed.name)
        return ImportOutcome(
            parsed.name, "failed", f"could not be stored ({type(exc).__name__}); nothing added"
        )
    status = "added" if new_ids else "duplicate"
    parts = [f"{len(new_ids):,} added", f"{duplicates:,} already stored"]
    message = ", ".join(parts) + f" ({parsed.format})"
    if parsed.skipped:
        message += f"; {parsed.skipped_summary()}"
    return ImportOutcome(
        parsed.name,
        status,
        message,
        format=parsed.format,
        added=len(new_ids),
        duplicates=duplicates,
        skipped=len(parsed.skipped),
        new_ids=new_ids,
    )


def _chunks(values: Sequence, size: int = IN_CHUNK) -> Iterable[Sequence]:
    for i in range(0, len(values), size):
        yield values[i : i + size]


def _insert_new(
    s: Session, records: list[FactCheckRecord], source_file: str, imported_by: str | None
) -> tuple[list[int], int]:
    """Inserts the records not stored yet; returns (new ids, number of duplicates)."""
    keyed = [(r, claim_key(r.claim_reviewed, r.publisher)) for r in records]
    urls = sorted({r.url for r, _ in keyed if r.url})
    keys = sorted({k for _, k in keyed})
    seen_urls: set[str] = set()
    seen_keys: set[str] = set()
    for part in _chunks(urls):
        seen_urls.update(s.scalars(select(FactCheckRow.url).where(FactCheckRow.url.in_(part))))
    for part in _chunks(keys):
        seen_keys.update(
            s.scalars(select(FactCheckRow.claim_key).where(FactCheckRow.claim_key.in_(part)))
        )
    rows: list[dict] = []
    for record, key in keyed:
        if (record.url and record.url in seen_urls) or (not record.url and key in seen_keys):
            continue
        if record.url:
            seen_urls.add(record.url)
        seen_keys.add(key)
        rows.append(
            {
                "claim_reviewed": record.claim_reviewed,
                "rating": record.rating,
                "publisher": record.publisher,
                "url": record.url,
                "published_at": record.published_at,
                "source_file": source_file[-500:],
                "title": record.title,
                "claim_key": key,
                "imported_by": imported_by,
                "imported_at": dt.datetime.now(dt.UTC).replace(tzinfo=None),
            }
        )
    new_ids: list[int] = []
    if rows:
        upsert = pg_insert if s.get_bind().dialect.name == "postgresql" else sqlite_insert
        # ON CONFLICT DO NOTHING: a concurrent import of the same address counts as a duplicate
        stmt = upsert(FactCheckRow).on_conflict_do_nothing(index_elements=["url"])
        for part in _chunks(rows, 1_000):
            new_ids.extend(s.scalars(stmt.returning(FactCheckRow.id), list(part)))
    return sorted(new_ids), len(records) - len(new_ids)


# ------------------------------------------------------------------------ link events
def suggest_links(store: Store, hits: Iterable[LinkHit]) -> int:
    """Appends a "suggested" event for each pair that has no event yet (one transaction);
    returns how many were added. Pairs a reviewer decided on, or suggested before, are left."""
    best: dict[tuple[int, int], float] = {}
    for h in hits:
        pair = (int(h.claim_id), int(h.factcheck_id))
        best[pair] = max(best.get(pair, float("-inf")), float(h.score))
    if not best:
        return 0

    def tx(s: Session) -> int:
        pairs = sorted(best)
        known: set[tuple[int, int]] = set()
        for part in _chunks(pairs, 2_000):
            known.update(
                (int(c), int(f))
                for c, f in s.execute(
                    select(ClaimFactCheckLinkRow.claim_id, ClaimFactCheckLinkRow.factcheck_id)
                    .where(
                        tuple_(
                            ClaimFactCheckLinkRow.claim_id, ClaimFactCheckLinkRow.factcheck_id
                        ).in_(list(part))
                    )
                    .distinct()
                )
            )
        new = [p for p in pairs if p not in known]
        claims = _existing(s, ClaimRow.id, [c for c, _ in new])
        facts = _existing(s, FactCheckRow.id, [f for _, f in new])
        rows = [
            {
                "claim_id": c,
                "factcheck_id": f,
                "score": round(best[(c, f)], 4),
                "state": SUGGESTED,
                "reviewer": None,
                "created_at": dt.datetime.now(dt.UTC).replace(tzinfo=None),
            }
            for c, f in new
            if c in claims and f in facts  # deleted meanwhile: nothing to link
        ]
        if rows:
            s.execute(insert(ClaimFactCheckLinkRow), rows)
        return len(rows)

    return store.write(tx)


def _existing(s: Session, column, ids: list[int]) -> set[int]:
    found: set[int] = set()
    for part in _chunks(sorted(set(ids))):
        found.update(int(i) for i in s.scalars(select(column).where(column.in_(part))))
    return found


def record_link_decision(
    store: Store, claim_id: int, factcheck_id: int, state: str, reviewer: str
) -> int:
    """Appends a reviewer's "confirmed" or "rejected" event for a match; returns its id."""
    reviewer = (reviewer or "").strip()
    if state not in (CONFIRMED, REJECTED):
        raise LinkError(f"A match is confirmed or rejected, not {state!r}.")
    if not reviewer:
        raise LinkError("Confirming or rejecting a match needs the reviewer's name.")

    def tx(s: Session) -> int:
        if s.get(ClaimRow, claim_id) is None:
            raise LinkError(f"No claim with id {claim_id} (it may have been deleted).")
        if s.get(FactCheckRow, factcheck_id) is None:
            raise LinkError(f"No fact-check with id {factcheck_id}.")
        latest = s.execute(
            select(ClaimFactCheckLinkRow.score)
            .where(
                ClaimFactCheckLinkRow.claim_id == claim_id,
                ClaimFactCheckLinkRow.factcheck_id == factcheck_id,
            )
            .order_by(ClaimFactCheckLinkRow.id.desc())
            .limit(1)
        ).first()
        if latest is None:
            raise LinkError("That fact-check was never suggested for this claim.")
        row = ClaimFactCheckLinkRow(
            claim_id=claim_id,
            factcheck_id=factcheck_id,
            score=latest[0],
            state=state,
            reviewer=reviewer,
        )
        s.add(row)
        s.flush()
        return int(row.id)

    return store.write(tx, content=False)


def latest_link_ids():
    """Subquery: (claim_id, factcheck_id, link_id) of each pair's latest event."""
    return (
        select(
            ClaimFactCheckLinkRow.claim_id,
            ClaimFactCheckLinkRow.factcheck_id,
            func.max(ClaimFactCheckLinkRow.id).label("link_id"),
        )
        .group_by(ClaimFactCheckLinkRow.claim_id, ClaimFactCheckLinkRow.factcheck_id)
        .subquery("latest_link")
    )


def link_history(store: Store, claim_id: int) -> list[LinkEvent]:
    """Every match event of a claim, newest first."""
    with store.read() as s:
        rows = s.scalars(
            select(ClaimFactCheckLinkRow)
            .where(ClaimFactCheckLinkRow.claim_id == claim_id)
            .order_by(ClaimFactCheckLinkRow.id.desc())
        )
        return [
            LinkEvent(r.id, r.claim_id, r.factcheck_id, r.score, r.state, r.reviewer, r.created_at)
            for r in rows
        ]
