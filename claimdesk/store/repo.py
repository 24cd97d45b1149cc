"""The one write path into the database, and the session helpers every read goes through.

Every write runs in one short transaction that also bumps the change counter, so cached reads
anywhere (other sessions, other app processes) know to refresh. An article and everything
extracted from it are written together or not at all.
"""

from __future__ import annotations

import json
import unicodedata
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from typing import TypeVar

from sqlalchemy import Engine, insert, select, update
from sqlalchemy.dialects.postgresql import insert as pg_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from claimdesk.model import Analysis, Article, Claim, Place, Source
from claimdesk.settings import default_database_url
from claimdesk.store.clustering import assigner_for
from claimdesk.store.engine import cached_engine, retry_locked
from claimdesk.store.schema import (
    ArticleRow,
    ChangeCounterRow,
    ClaimFigureRow,
    ClaimRow,
    ClusterRow,
    PlaceMentionRow,
    PlaceOverrideRow,
    PlaceRow,
    QuoteRow,
    SourceRow,
)

T = TypeVar("T")


def name_key(name: str) -> str:
    """Normalised key of a name: case-folded, accents kept, articles and punctuation dropped."""
    s = unicodedata.normalize("NFKC", name).casefold().replace("’", "'")
    words = [w for w in "".join(c if c.isalnum() or c == "'" else " " for c in s).split()]
    while words and words[0] in {"the", "a", "an"}:
        words = words[1:]
    return " ".join(words)[:300] or s.strip()[:300]


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

    def write(self, fn: Callable[[Session], T]) -> T:
        """Runs `fn` in one write transaction (retried while SQLite is busy) and bumps the counter."""

        def attempt() -> T:
            with self.engine.connect() as conn:
                conn = conn.execution_options(write=True)
                with Session(bind=conn) as session, session.begin():
                    result = fn(session)
                    session.execute(
                        update(ChangeCounterRow)
                        .where(ChangeCounterRow.id == 1)
                        .values(value=ChangeCounterRow.value + 1)
                    )
                    return result

        return retry_locked(attempt)

    def change_counter(self) -> int:
        with self.read() as s:
            return int(
                s.scalar(select(ChangeCounterRow.value).where(ChangeCounterRow.id == 1)) or 0
            )

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
    ) -> AddOutcome:
        """Stores an article with all its extractions in one transaction; reports duplicates."""
        label = name or article.filename or article.title or "pasted text"
        existing = self.find_by_hash(article.content_hash)
        if existing:
            return duplicate_outcome(label, existing)

        def tx(s: Session) -> AddOutcome:
            again = s.execute(
                select(ArticleRow.id, ArticleRow.title).where(
                    ArticleRow.content_hash == article.content_hash
                )
            ).first()
            if again:  # stored by someone else since we looked
                return duplicate_outcome(label, (again[0], again[1]))
            row = ArticleRow(
                content_hash=article.content_hash,
                title=article.title,
                url=article.url,
                publisher=article.publisher,
                author=article.author,
                published_at=article.published_at,
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
            return AddOutcome(
                status="added",
                name=label,
                message="added",
                article_id=row.id,
                title=article.title,
                n_claims=len(analysis.claims) if analysis else 0,
                n_quotes=len(analysis.quotes) if analysis else 0,
                n_places=len(analysis.places) if analysis else 0,
            )

        try:
            return self.write(tx)
        except IntegrityError:
            # another process stored the same content between our check and our insert
            existing = self.find_by_hash(article.content_hash)
            if existing is None:
                raise
            return duplicate_outcome(label, existing)


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


def insert_ignore(session: Session, table, values: dict, key: str) -> None:  # noqa: ANN001
    """INSERT … ON CONFLICT DO NOTHING, so concurrent writers never trip on a unique key."""
    dialect = session.get_bind().dialect.name
    ins = pg_insert if dialect == "postgresql" else sqlite_insert
    session.execute(ins(table).values(**values).on_conflict_do_nothing(index_elements=[key]))


def upsert_source(session: Session, source: Source) -> int:
    key = name_key(source.name)
    insert_ignore(
        session,
        SourceRow,
        {"key": key, "name": source.name, "kind": source.kind, "affiliation": source.affiliation},
        "key",
    )
    row = session.execute(select(SourceRow).where(SourceRow.key == key)).scalar_one()
    if source.affiliation and not row.affiliation:
        row.affiliation = source.affiliation
    if row.kind in ("other", "person") and source.kind not in ("other", "person"):
        row.kind = source.kind
    return row.id


def upsert_place(session: Session, place: Place, added_by: str | None = None) -> int:
    gid = _place_key(place)
    insert_ignore(session, PlaceRow, _place_row(place, added_by), "gazetteer_id")
    return session.scalars(select(PlaceRow.id).where(PlaceRow.gazetteer_id == gid)).one()


def upsert_clusters(session: Session, texts_by_key: dict[str, str]) -> dict[str, int]:
    """Ids of the clusters with these keys, creating the missing ones (two statements)."""
    if not texts_by_key:
        return {}
    _insert_ignore_many(
        session, ClusterRow, [{"key": k, "text": t} for k, t in texts_by_key.items()], "key"
    )
    rows = session.execute(
        select(ClusterRow.key, ClusterRow.id).where(ClusterRow.key.in_(list(texts_by_key)))
    )
    return dict(rows.all())


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


def _insert_ignore_many(session: Session, table, rows: list[dict], key: str) -> None:  # noqa: ANN001
    """`insert_ignore` for many rows in one executemany statement."""
    if not rows:
        return
    ins = pg_insert if session.get_bind().dialect.name == "postgresql" else sqlite_insert
    stmt = ins(table.__table__).on_conflict_do_nothing(index_elements=[key])
    session.connection().execute(stmt, rows)


def upsert_places(session: Session, places: list[Place]) -> dict[str, int]:
    """`upsert_place` for many places in two statements; returns {_place_key: id}."""
    values: dict[str, dict] = {}
    for place in places:
        values.setdefault(_place_key(place), _place_row(place, None))
    if not values:
        return {}
    _insert_ignore_many(session, PlaceRow, list(values.values()), "gazetteer_id")
    found = session.execute(
        select(PlaceRow.gazetteer_id, PlaceRow.id).where(PlaceRow.gazetteer_id.in_(list(values)))
    )
    return {gid: pid for gid, pid in found if gid is not None}


def upsert_sources(session: Session, sources: list[Source]) -> dict[str, int]:
    """`upsert_source` for many sources (the first of each name key counts); {key: id}."""
    first: dict[str, Source] = {}
    for src in sources:
        first.setdefault(name_key(src.name), src)
    if not first:
        return {}
    rows = [
        {"key": k, "name": src.name, "kind": src.kind, "affiliation": src.affiliation}
        for k, src in first.items()
    ]
    _insert_ignore_many(session, SourceRow, rows, "key")
    stored = session.execute(select(SourceRow).where(SourceRow.key.in_(list(first)))).scalars()
    out: dict[str, int] = {}
    for row in stored:
        src = first[row.key]
        if src.affiliation and not row.affiliation:
            row.affiliation = src.affiliation
        if row.kind in ("other", "person") and src.kind not in ("other", "person"):
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


def _write_figures(s: Session, article_id: int, claims: list[Claim]) -> None:
    """The figures of an article's claims, found by the claims' spans (one indexed read)."""
    if not any(c.figures for c in claims):
        return
    ids = {
        (start, end): cid
        for cid, start, end in s.execute(
            select(ClaimRow.id, ClaimRow.start, ClaimRow.end).where(
                ClaimRow.article_id == article_id
            )
        )
    }
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


def _bulk_insert(s: Session, table: type, rows: list[dict]) -> None:
    """One executemany INSERT for all rows (much faster than adding ORM objects one by one)."""
    if rows:
        s.execute(insert(table), rows)
