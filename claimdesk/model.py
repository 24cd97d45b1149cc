"""Domain records shared by ingestion, extraction, storage and the dashboard.

Offsets (`start`, `end`) are character offsets into `Article.text`, end exclusive.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field


@dataclass
class Article:
    """One readable document, before or after it is stored."""

    text: str
    content_hash: str
    title: str | None = None
    author: str | None = None
    publisher: str | None = None
    published_at: dt.date | None = None
    document_date: dt.date | None = None  # the file's own date (PDF/Word metadata), not stated
    url: str | None = None
    lang: str | None = None
    filename: str | None = None
    id: int | None = None


@dataclass
class Source:
    """A speaker resolved within one document: "Miles Yu", "Yu" and "he" are one Source."""

    name: str
    kind: str = "other"  # official | expert | media | agency | anonymous | person | other
    affiliation: str | None = None


#: kinds that say only "someone": any other kind learnt of the same source says more
GENERIC_SOURCE_KINDS = frozenset({"other", "person"})


def stronger_kind(known: str, learnt: str) -> str:
    """The kind to keep for a source known as `known` when a mention says `learnt`."""
    return learnt if known in GENERIC_SOURCE_KINDS and learnt not in GENERIC_SOURCE_KINDS else known


@dataclass
class Quote:
    start: int
    end: int
    text: str
    kind: str  # direct | indirect | mixed
    cue: str | None = None
    speaker: str | None = None  # resolved name ("Miles Yu" for "he")
    speaker_start: int | None = None  # the speaker mention in this sentence
    speaker_end: int | None = None
    source: Source | None = None
    # a floating quote (a quoted sentence after an attributed one, with no attribution of its
    # own): the span of the quote whose speaker it inherits
    follows: tuple[int, int] | None = None


@dataclass
class Place:
    """A gazetteer entry a toponym resolved to."""

    name: str
    lat: float
    lon: float
    country_code: str | None = None
    feature: str | None = None  # country | admin1 | city | region | landmark | continent ...
    gazetteer_id: str | None = None  # e.g. "gn:2013348" or "cur:korean-peninsula"
    geonameid: int | None = None
    population: int = 0


@dataclass
class PlaceMention:
    start: int
    end: int
    surface: str
    place: Place | None = None  # None: recognised but not resolved
    confidence: float = 0.0
    role: str = "literal"  # literal | demonym (demonyms inform context; the map skips them)


@dataclass
class ClaimDate:
    """A date a claim speaks of ("last September", "March 3, 2021"), normalised.

    `rule` is what the words say before an anchor is known (claimdesk.nlp.date_rules); `value`
    is the first day of the period meant, at `precision` day | week | month | year; `anchor` is
    what a relative date was resolved against: published | document (the file's date) |
    ingested (the upload date), or "absolute". Unresolved: value and anchor None.
    """

    start: int
    end: int
    text: str
    rule: str
    value: dt.date | None = None
    precision: str | None = None
    anchor: str | None = None


@dataclass
class Claim:
    start: int
    end: int
    text: str
    score: float
    kind: str = "other"  # statistic | event | prediction | attribution | causal | other
    numbers: list[str] = field(default_factory=list)
    entities: list[str] = field(default_factory=list)
    claimant: str = "the author"
    claimant_source: Source | None = None
    dates: list[ClaimDate] = field(default_factory=list)


@dataclass
class Analysis:
    """Everything extracted from one document."""

    claims: list[Claim] = field(default_factory=list)
    quotes: list[Quote] = field(default_factory=list)
    sources: list[Source] = field(default_factory=list)
    places: list[PlaceMention] = field(default_factory=list)
