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
class Figure:
    """A number a claim states, as data (claimdesk.nlp.figures): what it is worth and of what.

    `low`/`high`: the values the words allow, in `unit` ("" things counted, "%", "pp", a
    currency, a measure's base unit, "date" in ordinal days), rounding as written included;
    `qualifier`: exact | about | almost | more than | at least | less than | up to | range |
    vague; `scale`: the scale word's factor ("million": 1e6). `key` (unit|quantity|event|
    relation) is what two figures must share to measure the same thing ("" when it measures
    nothing recognisable); `subject` and `period`: the names and times of its clause."""

    start: int
    end: int
    text: str
    low: float
    high: float
    unit: str = ""
    scale: float = 1.0
    qualifier: str = "exact"
    quantity: str = ""  # the noun counted or the thing measured ("troop", "death toll")
    event: str = ""  # the verb it belongs to, folded ("send", "kill", "may send")
    key: str = ""
    subject: str = ""  # "; "-joined names of its clause
    period: str = ""  # "; "-joined times of its clause


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
    figures: list[Figure] = field(default_factory=list)


@dataclass
class Analysis:
    """Everything extracted from one document."""

    claims: list[Claim] = field(default_factory=list)
    quotes: list[Quote] = field(default_factory=list)
    sources: list[Source] = field(default_factory=list)
    places: list[PlaceMention] = field(default_factory=list)
