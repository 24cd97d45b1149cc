"""SQLAlchemy tables of the data model (see DESIGN.md).

Reviews are append-only events; a claim's current status is its latest review. Statuses are
data, not an enum, so a desk can add its own.
"""

from __future__ import annotations

import datetime as dt

from sqlalchemy import (
    BigInteger,
    Boolean,
    Date,
    DateTime,
    Float,
    ForeignKey,
    Index,
    Integer,
    LargeBinary,
    String,
    Text,
    func,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column

#: Who did something ("Name <e-mail>", up to ~400 characters): TEXT, except that SQLite keeps
#: the VARCHAR(200) its first schema created (it never enforces lengths; migration 0005 says why).
IdentityText = Text().with_variant(String(200), "sqlite")
#: A place's key (gazetteer id, or point and name for a place the gazetteer lacks): 300
#: characters on PostgreSQL since migration 0012; SQLite never enforced the old 64 and keeps it.
PlaceKey = String(300).with_variant(String(64), "sqlite")
#: A place's population: BIGINT on PostgreSQL since migration 0012 (a continent's passes 2**31);
#: SQLite's INTEGER holds 64 bits already.
Population = BigInteger().with_variant(Integer(), "sqlite")


class Base(DeclarativeBase):
    pass


def _now() -> dt.datetime:
    return dt.datetime.now(dt.UTC).replace(tzinfo=None)


class ArticleRow(Base):
    __tablename__ = "articles"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    content_hash: Mapped[str] = mapped_column(String(64), unique=True, nullable=False)
    title: Mapped[str | None] = mapped_column(Text)
    url: Mapped[str | None] = mapped_column(Text)
    publisher: Mapped[str | None] = mapped_column(Text)
    author: Mapped[str | None] = mapped_column(Text)
    published_at: Mapped[dt.date | None] = mapped_column(Date)
    #: the file's own date (PDF/Word metadata), kept when the text does not contradict it
    document_date: Mapped[dt.date | None] = mapped_column(Date)
    text: Mapped[str] = mapped_column(Text, nullable=False)
    lang: Mapped[str | None] = mapped_column(String(8))
    analysed: Mapped[bool] = mapped_column(Boolean, nullable=False, default=True)
    filename: Mapped[str | None] = mapped_column(Text)
    n_words: Mapped[int] = mapped_column(Integer, nullable=False, default=0)
    ingested_at: Mapped[dt.datetime] = mapped_column(DateTime, nullable=False, default=_now)
    ingested_by: Mapped[str | None] = mapped_column(IdentityText)


class SourceRow(Base):
    """A speaker across the collection, keyed by normalised name."""

    __tablename__ = "sources"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    key: Mapped[str] = mapped_column(String(300), unique=True, nullable=False)
    name: Mapped[str] = mapped_column(Text, nullable=False)
    kind: Mapped[str] = mapped_column(String(20), nullable=False, default="other")
    affiliation: Mapped[str | None] = mapped_column(Text)


class ClusterRow(Base):
    """The same claim across articles."""

    __tablename__ = "claim_clusters"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    key: Mapped[str] = mapped_column(String(64), unique=True, nullable=False)
    text: Mapped[str] = mapped_column(Text, nullable=False)


class ClaimRow(Base):
    __tablename__ = "claims"
    __table_args__ = (
        Index("ix_claims_article", "article_id"),
        Index("ix_claims_score", "score"),
        # claims around a place mention: covering, so range joins never read the rows
        Index("ix_claims_article_span", "article_id", "start", "end"),
        # the claims page's claimant and kind choices (and filters) without a table scan
        Index("ix_claims_claimant_source", "claimant_source_id"),
        Index("ix_claims_kind", "kind"),
    )
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    article_id: Mapped[int] = mapped_column(
        ForeignKey("articles.id", ondelete="CASCADE"), nullable=False
    )
    start: Mapped[int] = mapped_column(Integer, nullable=False)
    end: Mapped[int] = mapped_column(Integer, nullable=False)
    text: Mapped[str] = mapped_column(Text, nullable=False)
    score: Mapped[float] = mapped_column(Float, nullable=False)
    kind: Mapped[str] = mapped_column(String(20), nullable=False, default="other")
    numbers: Mapped[str | None] = mapped_column(Text)  # JSON list
    entities: Mapped[str | None] = mapped_column(Text)  # JSON list
    claimant: Mapped[str] = mapped_column(Text, nullable=False, default="the author")
    claimant_source_id: Mapped[int | None] = mapped_column(ForeignKey("sources.id"))
    cluster_id: Mapped[int | None] = mapped_column(ForeignKey("claim_clusters.id"), index=True)


class ClaimFigureRow(Base):
    """A number a claim states, normalised at analysis time (claimdesk.model.Figure); conflict
    detection (claimdesk.conflicts) reads these columns, indexed by what they measure (`key`)."""

    __tablename__ = "claim_figures"
    __table_args__ = (
        Index("ix_claim_figures_claim", "claim_id"),
        Index("ix_claim_figures_key", "key"),
    )
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    claim_id: Mapped[int] = mapped_column(
        ForeignKey("claims.id", ondelete="CASCADE"), nullable=False
    )
    start: Mapped[int] = mapped_column(Integer, nullable=False)
    end: Mapped[int] = mapped_column(Integer, nullable=False)
    text: Mapped[str] = mapped_column(Text, nullable=False)
    low: Mapped[float] = mapped_column(Float, nullable=False)
    high: Mapped[float] = mapped_column(Float, nullable=False)
    unit: Mapped[str] = mapped_column(String(16), nullable=False, default="")
    scale: Mapped[float] = mapped_column(Float, nullable=False, default=1.0)
    qualifier: Mapped[str] = mapped_column(String(16), nullable=False, default="exact")
    quantity: Mapped[str] = mapped_column(Text, nullable=False, default="")
    event: Mapped[str] = mapped_column(Text, nullable=False, default="")
    key: Mapped[str] = mapped_column(String(300), nullable=False, default="")
    subject: Mapped[str] = mapped_column(Text, nullable=False, default="")
    period: Mapped[str] = mapped_column(Text, nullable=False, default="")


class ClaimDateRow(Base):
    """A date a claim speaks of, resolved against its article's anchor (model.ClaimDate)."""

    __tablename__ = "claim_dates"
    __table_args__ = (
        Index("ix_claim_dates_claim", "claim_id"),
        Index("ix_claim_dates_value", "value"),  # the timeline's date range
    )
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    claim_id: Mapped[int] = mapped_column(
        ForeignKey("claims.id", ondelete="CASCADE"), nullable=False
    )
    start: Mapped[int] = mapped_column(Integer, nullable=False)
    end: Mapped[int] = mapped_column(Integer, nullable=False)
    text: Mapped[str] = mapped_column(Text, nullable=False)
    rule: Mapped[str] = mapped_column(String(40), nullable=False)
    value: Mapped[dt.date | None] = mapped_column(Date)  # first day meant; None: not resolved
    last_day: Mapped[dt.date | None] = mapped_column(Date)  # of the period (month, year...)
    precision: Mapped[str | None] = mapped_column(String(8))  # day | week | month | year
    anchor: Mapped[str | None] = mapped_column(String(10))  # published | document | ...


class QuoteRow(Base):
    __tablename__ = "quotes"
    __table_args__ = (
        Index("ix_quotes_article", "article_id"),
        Index("ix_quotes_source", "source_id"),
    )
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    article_id: Mapped[int] = mapped_column(
        ForeignKey("articles.id", ondelete="CASCADE"), nullable=False
    )
    source_id: Mapped[int | None] = mapped_column(ForeignKey("sources.id"))
    start: Mapped[int] = mapped_column(Integer, nullable=False)
    end: Mapped[int] = mapped_column(Integer, nullable=False)
    text: Mapped[str] = mapped_column(Text, nullable=False)
    kind: Mapped[str] = mapped_column(String(10), nullable=False)
    cue: Mapped[str | None] = mapped_column(Text)
    speaker_text: Mapped[str | None] = mapped_column(Text)
    speaker_start: Mapped[int | None] = mapped_column(Integer)
    speaker_end: Mapped[int | None] = mapped_column(Integer)


class PlaceRow(Base):
    __tablename__ = "places"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    gazetteer_id: Mapped[str | None] = mapped_column(PlaceKey, unique=True)
    name: Mapped[str] = mapped_column(Text, nullable=False)
    lat: Mapped[float] = mapped_column(Float, nullable=False)
    lon: Mapped[float] = mapped_column(Float, nullable=False)
    country_code: Mapped[str | None] = mapped_column(String(2))
    feature: Mapped[str | None] = mapped_column(String(20))
    geonameid: Mapped[int | None] = mapped_column(Integer)
    population: Mapped[int] = mapped_column(Population, nullable=False, default=0)
    added_by: Mapped[str | None] = mapped_column(IdentityText)  # set for reviewer-made places


class PlaceMentionRow(Base):
    __tablename__ = "place_mentions"
    __table_args__ = (
        Index("ix_place_mentions_article", "article_id"),
        Index("ix_place_mentions_place", "place_id"),
        Index("ix_place_mentions_surface", "surface"),
        # per-place aggregations (map, overview) and the claims page's place filter
        Index("ix_place_mentions_place_span", "place_id", "role", "article_id", "start", "end"),
    )
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    article_id: Mapped[int] = mapped_column(
        ForeignKey("articles.id", ondelete="CASCADE"), nullable=False
    )
    place_id: Mapped[int | None] = mapped_column(ForeignKey("places.id"))
    start: Mapped[int] = mapped_column(Integer, nullable=False)
    end: Mapped[int] = mapped_column(Integer, nullable=False)
    surface: Mapped[str] = mapped_column(Text, nullable=False)
    confidence: Mapped[float] = mapped_column(Float, nullable=False, default=0.0)
    role: Mapped[str] = mapped_column(String(10), nullable=False, default="literal")


class StatusRow(Base):
    __tablename__ = "statuses"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    label: Mapped[str] = mapped_column(String(40), unique=True, nullable=False)
    description: Mapped[str | None] = mapped_column(Text)
    color: Mapped[str] = mapped_column(String(9), nullable=False, default="#888888")
    is_final: Mapped[bool] = mapped_column(Boolean, nullable=False, default=False)
    position: Mapped[int] = mapped_column(Integer, nullable=False, default=0)


class ReviewRow(Base):
    """One review event. Never updated or deleted."""

    __tablename__ = "reviews"
    __table_args__ = (Index("ix_reviews_claim", "claim_id", "id"),)
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    claim_id: Mapped[int] = mapped_column(
        ForeignKey("claims.id", ondelete="CASCADE"), nullable=False
    )
    status_id: Mapped[int] = mapped_column(ForeignKey("statuses.id"), nullable=False)
    reviewer: Mapped[str] = mapped_column(IdentityText, nullable=False)
    note: Mapped[str | None] = mapped_column(Text)
    evidence_url: Mapped[str | None] = mapped_column(Text)
    created_at: Mapped[dt.datetime] = mapped_column(
        DateTime, nullable=False, default=_now, server_default=func.current_timestamp()
    )


class UserRow(Base):
    """The team allowlist for hosted mode."""

    __tablename__ = "users"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    email: Mapped[str] = mapped_column(String(320), unique=True, nullable=False)
    name: Mapped[str | None] = mapped_column(Text)
    is_admin: Mapped[bool] = mapped_column(Boolean, nullable=False, default=False)
    added_by: Mapped[str | None] = mapped_column(String(320))
    added_at: Mapped[dt.datetime] = mapped_column(DateTime, nullable=False, default=_now)


class ChangeCounterRow(Base):
    """One row whose counter every write bumps: the key of every cached read."""

    __tablename__ = "change_counter"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    value: Mapped[int] = mapped_column(Integer, nullable=False, default=0)


SEED_STATUSES: list[tuple[str, str, str, bool]] = [
    ("unreviewed", "Nobody has looked at it yet", "#9e9e9e", False),
    ("in progress", "A reviewer is checking it", "#1e88e5", False),
    ("verified", "Checked and supported by evidence", "#2e7d32", True),
    ("disputed", "Evidence contradicts part of it, or sources disagree", "#ef6c00", True),
    ("false", "Checked and shown to be wrong", "#c62828", True),
    ("inconclusive", "Checked; the evidence does not settle it", "#6d4c41", True),
    ("not checkable", "Opinion, prediction or otherwise not verifiable", "#757575", True),
]


class PlaceOverrideRow(Base):
    """A reviewer's correction: mentions written `surface_key` resolve to `place_id` from now on."""

    __tablename__ = "place_overrides"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    surface_key: Mapped[str] = mapped_column(String(300), unique=True, nullable=False)
    place_id: Mapped[int] = mapped_column(ForeignKey("places.id"), nullable=False)
    corrected_by: Mapped[str] = mapped_column(IdentityText, nullable=False)
    corrected_at: Mapped[dt.datetime] = mapped_column(DateTime, nullable=False, default=_now)


class FactCheckRow(Base):
    """A known fact-check (imported, not extracted): the claim it rated, the rating, who, when.

    Deduplicated by `url`, else by `claim_key` (the normalised claim text and publisher).
    """

    __tablename__ = "factchecks"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    claim_reviewed: Mapped[str] = mapped_column(Text, nullable=False)
    rating: Mapped[str | None] = mapped_column(Text)
    publisher: Mapped[str | None] = mapped_column(Text)
    url: Mapped[str | None] = mapped_column(Text, unique=True)
    published_at: Mapped[dt.date | None] = mapped_column(Date)
    source_file: Mapped[str | None] = mapped_column(Text)
    title: Mapped[str | None] = mapped_column(Text)
    claim_key: Mapped[str] = mapped_column(String(64), nullable=False, index=True)
    imported_by: Mapped[str | None] = mapped_column(IdentityText)
    imported_at: Mapped[dt.datetime] = mapped_column(DateTime, nullable=False, default=_now)


class ClaimFactCheckLinkRow(Base):
    """One event on a (claim, fact-check) match: suggested by the matcher (reviewer null),
    confirmed or rejected by a reviewer. Never updated or deleted; the latest event counts."""

    __tablename__ = "claim_factcheck_links"
    __table_args__ = (
        Index("ix_claim_factcheck_links_claim", "claim_id", "factcheck_id", "id"),
        Index("ix_claim_factcheck_links_factcheck", "factcheck_id"),
    )
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    claim_id: Mapped[int] = mapped_column(
        ForeignKey("claims.id", ondelete="CASCADE"), nullable=False
    )
    factcheck_id: Mapped[int] = mapped_column(
        ForeignKey("factchecks.id", ondelete="CASCADE"), nullable=False
    )
    score: Mapped[float] = mapped_column(Float, nullable=False)
    state: Mapped[str] = mapped_column(String(10), nullable=False)  # suggested|confirmed|rejected
    reviewer: Mapped[str | None] = mapped_column(IdentityText)
    created_at: Mapped[dt.datetime] = mapped_column(
        DateTime, nullable=False, default=_now, server_default=func.current_timestamp()
    )


class AssignmentRow(Base):
    """One assignment event: the claim goes to `assignee` (a team member's e-mail), or to
    nobody (`assignee` null: unassigned). Never updated or deleted; the latest event counts."""

    __tablename__ = "assignments"
    __table_args__ = (Index("ix_assignments_claim", "claim_id", "id"),)
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    claim_id: Mapped[int] = mapped_column(
        ForeignKey("claims.id", ondelete="CASCADE"), nullable=False
    )
    assignee: Mapped[str | None] = mapped_column(String(320))
    assigned_by: Mapped[str] = mapped_column(IdentityText, nullable=False)
    created_at: Mapped[dt.datetime] = mapped_column(
        DateTime, nullable=False, default=_now, server_default=func.current_timestamp()
    )


class IngestJobRow(Base):
    """One input of a batch queued for distributed ingestion (claimdesk.jobqueue).

    The input travels in `payload` (a file's bytes, pasted text as UTF-8; nothing for a URL),
    so a worker on another machine needs only the database; the broker's message carries the
    job's id alone. `state` is waiting, running, done or failed; `attempts` counts the workers
    that took the job (a worker killed mid-job leaves it running, and the next delivery takes it
    again); `article_id` is set in the transaction that stores the article, so a job is never
    stored twice. Done and failed jobs keep their outcome and message; a done job's payload is
    dropped (the article holds its text).
    """

    __tablename__ = "ingest_jobs"
    __table_args__ = (
        # a batch's counts by state are read from this index alone (the Upload page polls them)
        Index("ix_ingest_jobs_batch_state", "batch_id", "state", "outcome"),
        # the latest batches: their first jobs (position 0), newest first
        Index("ix_ingest_jobs_position", "position", "id"),
    )
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    batch_id: Mapped[str] = mapped_column(String(32), nullable=False)
    position: Mapped[int] = mapped_column(Integer, nullable=False)
    kind: Mapped[str] = mapped_column(String(8), nullable=False)  # file | text | url
    name: Mapped[str] = mapped_column(Text, nullable=False)
    title: Mapped[str | None] = mapped_column(Text)
    payload: Mapped[bytes | None] = mapped_column(LargeBinary)
    allow_private: Mapped[bool] = mapped_column(Boolean, nullable=False, default=True)
    ingested_by: Mapped[str | None] = mapped_column(IdentityText)
    state: Mapped[str] = mapped_column(String(10), nullable=False, default="waiting")
    outcome: Mapped[str | None] = mapped_column(String(10))  # added | duplicate | failed
    message: Mapped[str | None] = mapped_column(Text)
    article_id: Mapped[int | None] = mapped_column(ForeignKey("articles.id", ondelete="SET NULL"))
    attempts: Mapped[int] = mapped_column(Integer, nullable=False, default=0)
    worker: Mapped[str | None] = mapped_column(String(200))
    created_at: Mapped[dt.datetime] = mapped_column(DateTime, nullable=False, default=_now)
    started_at: Mapped[dt.datetime | None] = mapped_column(DateTime)
    finished_at: Mapped[dt.datetime | None] = mapped_column(DateTime)
