"""The one write path into the database, and the session helpers every read goes through.

Every write runs in one short transaction that also bumps the change counter, so cached reads
anywhere (other sessions, other app processes) know to refresh. An article and everything
extracted from it are written together or not at all.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from typing import TypeVar

from sqlalchemy import Engine, insert, select, update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from claimdesk.model import Analysis, Article, Claim, Place, Source, stronger_kind
from claimdesk.nlp.date_rules import anchored, choose_anchor, period_end
from claimdesk.settings import default_database_url
from claimdesk.store.claim_clusters import assigner_for
from claimdesk.store.engine import cached_engine, retry_locked
from claimdesk.store.keys import name_key
from claimdesk.store.schema import (
    ArticleRow,
    ChangeCounterRow,
    ClaimDateRow,
    ClaimFigureRow,
    ClaimRow,
    PlaceMentionRow,
    PlaceOverrideRow,
    PlaceRow,
    QuoteRow,
    SourceRow,
)
from claimdesk.store.upserts import insert_ignore, insert_ignore_many

T = TypeVar("T")

#: change_counter rows: every write bumps CHANGE; writes to the collection's content, CONTENT.
CHANGE, CONTENT = 1, 2


@dataclass
class AddOutcome:
    """What happened to one input: added, duplicate (of an existing article) or failed."""

    status: str
    name: str
    message: str
    article_id: int | None = None
    title: str | None = None
    n_claims: int = 0
    n_quotes: int = 0
    n_places: int = 0


class Store:
    """A database: SQLite file by default, PostgreSQL by URL. Migrated on first use."""

    def __init__(self, url: str | None = None, engine: Engine | None = None) -> None:
        self.url = url or default_database_url()
        self.engine = engine or cached_engine(self.url)

    # -- sessions -------------------------------------------------------------------------
    @contextmanager
    def read(self) -> Iterator[Session]:
        with Session(self.engine) as session:
            yield session

    def write(self, fn: Callable[[Session], T], *, bump: bool = True, content: bool = True) -> T:
        """Runs `fn` in one write transaction (retried while SQLite is busy) and bumps the change
        counter, and the content counter too unless `content=False`: a write that changes no
        article, claim, quote, source, place or mention (a review, a fact-check decision, the
        team list) leaves what is computed from those (claimdesk.store.aggregates) valid.
        `bump=False` bumps neither: bookkeeping no page shows from its cached reads, such as
        queue progress."""
        bumped = ([CHANGE, CONTENT] if content else [CHANGE]) if bump else []

        def attempt() -> T:
            with self.engine.connect() as conn:
                conn = conn.execution_options(write=True)
                with Session(bind=conn) as session, session.begin():
                    result = fn(session)
                    if bumped:
                        session.execute(
                            update(ChangeCounterRow)
                            .where(ChangeCounterRow.id.in_(bumped))
                            .values(value=ChangeCounterRow.value + 1)
                        )
                    return result

        return retry_locked(attempt)

    def change_counter(self) -> int:
        return self.counters()[0]

    def content_counter(self) -> int:
        return self.counters()[1]

    def counters(self) -> tuple[int, int]:
        """(change counter, content counter), read in one query."""
        with self.read() as s:
            found = dict(
                s.execute(
                    select(ChangeCounterRow.id, ChangeCounterRow.value).where(
                        ChangeCounterRow.id.in_([CHANGE, CONTENT])
                    )
                ).all()
            )
        return int(found.get(CHANGE) or 0), int(found.get(CONTENT) or 0)

    # -- articles ---------------------------------------------------------------------------
    def find_by_hash(self, content_hash: str) -> tuple[int, str | None] | None:
        with self.read() as s:
            row = s.execute(
                select(ArticleRow.id, ArticleRow.title).where(
                    ArticleRow.content_hash == content_hash
                )
            ).first()
            return (row[0], row[1]) if row else None

    def known_hashes(self) -> set[str]:
        with self.read() as s:
            return set(s.scalars(select(ArticleRow.content_hash)))

    def add_article(
        self,
        article: Article,
        analysis: Analysis | None,
        *,
        ingested_by: str | None = None,
        name: str | None = None,
        also: Callable[[Session, AddOutcome], None] | None = None,
    ) -> AddOutcome:
        """Stores an article with all its extractions in one transaction; reports duplicates.

        `also(session, outcome)` runs in the transaction that decides the outcome (the one that
        stores the article, or one of its own for a duplicate): a queued job records its outcome
        there, so it is either stored and marked, or neither.
        """
        label = name or article.filename or article.title or "pasted text"

        def duplicate(existing: tuple[int, str | None]) -> AddOutcome:
            outcome = duplicate_outcome(label, existing)
            if also is not None:
                self.write(lambda s: also(s, outcome), bump=False)
            return outcome

        existing = self.find_by_hash(article.content_hash)
        if existing:
            return duplicate(existing)

        def tx(s: Session) -> AddOutcome:
            again = s.execute(
                select(ArticleRow.id, ArticleRow.title).where(
                    ArticleRow.content_hash == article.content_hash
                )
            ).first()
            if again:  # stored by someone else since we looked
                outcome = duplicate_outcome(label, (again[0], again[1]))
                if also is not None:
                    also(s, outcome)
                return outcome
            row = ArticleRow(
                content_hash=article.content_hash,
                title=article.title,
                url=article.url,
                publisher=article.publisher,
                author=article.author,
                published_at=article.published_at,
                document_date=article.document_date,
                text=article.text,
                lang=article.lang,
                analysed=analysis is not None,
                filename=article.filename,
                n_words=len(article.text.split()),
                ingested_by=ingested_by,
            )
            s.add(row)
            s.flush()
            if analysis is not None:
                _write_analysis(s, row.id, analysis)
                _write_claim_dates(s, row, analysis.claims)
            outcome = AddOutcome(
                status="added",
                name=label,
                message="added",
                article_id=row.id,
                title=article.title,
                n_claims=len(analysis.claims) if analysis else 0,
                n_quotes=len(analysis.quotes) if analysis else 0,
                n_places=len(analysis.places) if analysis else 0,
            )
            if also is not None:
                also(s, outcome)
            return outcome

        try:
            return self.write(tx)
        except IntegrityError:
            # another process stored the same content between our check and our insert
            existing = self.find_by_hash(article.content_hash)
            if existing is None:
                raise
            return duplicate(existing)


def missing_claim_ids(session: Session, ids: list[int]) -> list[int]:
    """The ids among `ids` that name no stored claim (deleted since a page listed them): what a
    review or an assignment of them must refuse, in order."""
    found = set(session.scalars(select(ClaimRow.id).where(ClaimRow.id.in_(ids))))
    return [i for i in ids if i not in found]


def duplicate_outcome(label: str, existing: tuple[int, str | None]) -> AddOutcome:
    """The outcome of an input whose content is already stored as `existing` (id, title)."""
    article_id, title = existing
    shown = f"“{title}”" if title else f"article #{article_id}"
    return AddOutcome(
        status="duplicate",
        name=label,
        message=f"already stored as {shown}; nothing added",
        article_id=article_id,
        title=title,
    )


def upsert_place(session: Session, place: Place, added_by: str | None = None) -> int:
    gid = _place_key(place)
    insert_ignore(session, PlaceRow, _place_row(place, added_by), "gazetteer_id")
    return session.scalars(select(PlaceRow.id).where(PlaceRow.gazetteer_id == gid)).one()


def _place_key(place: Place) -> str:
    return place.gazetteer_id or f"pt:{place.lat:.4f},{place.lon:.4f}:{name_key(place.name)}"


def _place_row(place: Place, added_by: str | None) -> dict:
    """The places-table values of a place (keyed by `_place_key`)."""
    return {
        "gazetteer_id": _place_key(place),
        "name": place.name,
        "lat": place.lat,
        "lon": place.lon,
        "country_code": place.country_code,
        "feature": place.feature,
        "geonameid": place.geonameid,
        "population": place.population or 0,
        "added_by": added_by,
    }


def upsert_places(session: Session, places: list[Place]) -> dict[str, int]:
    """`upsert_place` for many places in two statements; returns {_place_key: id}."""
    values: dict[str, dict] = {}
    for place in places:
        values.setdefault(_place_key(place), _place_row(place, None))
    if not values:
        return {}
    insert_ignore_many(session, PlaceRow, list(values.values()), "gazetteer_id")
    found = session.execute(
        select(PlaceRow.gazetteer_id, PlaceRow.id).where(PlaceRow.gazetteer_id.in_(list(values)))
    )
    return {gid: pid for gid, pid in found if gid is not None}


def upsert_sources(session: Session, sources: list[Source]) -> dict[str, int]:
    """Ids of these sources, adding the new ones in one statement (the first of each name key counts); {key: id}."""
    first: dict[str, Source] = {}
    for src in sources:
        first.setdefault(name_key(src.name), src)
    if not first:
        return {}
    rows = [
        {"key": k, "name": src.name, "kind": src.kind, "affiliation": src.affiliation}
        for k, src in first.items()
    ]
    insert_ignore_many(session, SourceRow, rows, "key")
    stored = session.execute(select(SourceRow).where(SourceRow.key.in_(list(first)))).scalars()
    out: dict[str, int] = {}
    for row in stored:
        src = first[row.key]
        if src.affiliation and not row.affiliation:
            row.affiliation = src.affiliation
        if stronger_kind(row.kind, src.kind) != row.kind:
            row.kind = src.kind
        out[row.key] = row.id
    return out


def _write_analysis(s: Session, article_id: int, analysis: Analysis) -> None:
    # every source and place of the article upserted at once, before the rows that use them
    named = [
        *analysis.sources,
        *(q.source or Source(q.speaker or "") for q in analysis.quotes if q.source or q.speaker),
        *(c.claimant_source for c in analysis.claims if c.claimant_source),
    ]
    source_ids = upsert_sources(s, [src for src in named if src and src.name])

    def source_id(src: Source | None) -> int | None:
        if src is None or not src.name:
            return None
        return source_ids[name_key(src.name)]

    quote_rows = [
        {
            "article_id": article_id,
            "source_id": source_id(q.source)
            if q.source
            else (source_id(Source(q.speaker)) if q.speaker else None),
            "start": q.start,
            "end": q.end,
            "text": q.text,
            "kind": q.kind,
            "cue": q.cue,
            "speaker_text": q.speaker,
            "speaker_start": q.speaker_start,
            "speaker_end": q.speaker_end,
        }
        for q in analysis.quotes
    ]
    _bulk_insert(s, QuoteRow, quote_rows)
    overrides = dict(
        s.execute(select(PlaceOverrideRow.surface_key, PlaceOverrideRow.place_id)).all()
    )
    resolved = [
        (m, overrides.get(name_key(m.surface))) for m in analysis.places
    ]  # a reviewer's override wins over the gazetteer's place
    place_ids = upsert_places(s, [m.place for m, pid in resolved if pid is None and m.place])
    mention_rows: list[dict] = []
    for m, pid in resolved:
        if pid is None and m.place is not None:
            pid = place_ids[_place_key(m.place)]
        mention_rows.append(
            {
                "article_id": article_id,
                "place_id": pid,
                "start": m.start,
                "end": m.end,
                "surface": m.surface,
                "confidence": m.confidence,
                "role": m.role,
            }
        )
    _bulk_insert(s, PlaceMentionRow, mention_rows)
    cluster_ids = assigner_for(str(s.get_bind().engine.url)).assign(
        s, [c.text for c in analysis.claims]
    )
    claim_rows = [
        {
            "article_id": article_id,
            "start": c.start,
            "end": c.end,
            "text": c.text,
            "score": c.score,
            "kind": c.kind,
            "numbers": json.dumps(c.numbers, ensure_ascii=False),
            "entities": json.dumps(c.entities, ensure_ascii=False),
            "claimant": c.claimant,
            "claimant_source_id": source_id(c.claimant_source),
            "cluster_id": cluster_id,
        }
        for c, cluster_id in zip(analysis.claims, cluster_ids, strict=True)
    ]
    _bulk_insert(s, ClaimRow, claim_rows)
    _write_figures(s, article_id, analysis.claims)
    s.flush()


def _claim_ids(s: Session, article_id: int) -> dict[tuple[int, int], int]:
    """The ids of an article's stored claims by their span (one indexed read)."""
    rows = s.execute(
        select(ClaimRow.id, ClaimRow.start, ClaimRow.end).where(ClaimRow.article_id == article_id)
    )
    return {(start, end): cid for cid, start, end in rows}


def _write_figures(s: Session, article_id: int, claims: list[Claim]) -> None:
    """The figures of an article's claims (claimdesk.model.Figure), by the claims' spans."""
    if not any(c.figures for c in claims):
        return
    ids = _claim_ids(s, article_id)
    rows = [
        {
            "claim_id": ids[(c.start, c.end)],
            "start": f.start,
            "end": f.end,
            "text": f.text,
            "low": f.low,
            "high": f.high,
            "unit": f.unit[:16],
            "scale": f.scale,
            "qualifier": f.qualifier[:16],
            "quantity": f.quantity,
            "event": f.event,
            "key": f.key[:300],
            "subject": f.subject,
            "period": f.period,
        }
        for c in claims
        for f in c.figures
    ]
    _bulk_insert(s, ClaimFigureRow, rows)


def _write_claim_dates(s: Session, article: ArticleRow, claims: list[Claim]) -> None:
    """The claims' dates, relative ones resolved against the article's anchor date (its stated
    publication date, else its file's date unless the text contradicts it, else today: the
    upload date); a file's date the text contradicts is not kept."""
    dates = [d for c in claims for d in c.dates]
    if not dates:
        return
    ingested = article.ingested_at.date() if article.ingested_at else dt.datetime.now(dt.UTC).date()
    anchor, kind = choose_anchor(article.published_at, article.document_date, ingested, dates)
    if kind != "document" and article.published_at is None:
        article.document_date = None
    ids = _claim_ids(s, article.id)
    rows = [
        {
            "claim_id": ids[(c.start, c.end)],
            "start": d.start,
            "end": d.end,
            "text": d.text,
            "rule": d.rule,
            "value": r.value,
            "last_day": period_end(r.value, r.precision) if r.value and r.precision else None,
            "precision": r.precision,
            "anchor": r.anchor,
        }
        for c in claims
        for d in c.dates
        for r in [anchored(d, anchor, kind)]
    ]
    _bulk_insert(s, ClaimDateRow, rows)


def _bulk_insert(s: Session, table: type, rows: list[dict]) -> None:
    """One executemany INSERT for all rows (much faster than adding ORM objects one by one)."""
    if rows:
        s.execute(insert(table), rows)
