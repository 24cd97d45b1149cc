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
    cluster_key: str | None = None
    figures: list[Figure] = field(default_factory=list)


@dataclass
class Analysis:
    """Everything extracted from one document."""

    claims: list[Claim] = field(default_factory=list)
    quotes: list[Quote] = field(default_factory=list)
    sources: list[Source] = field(default_factory=list)
    places: list[PlaceMention] = field(default_factory=list)
    sentences: list[tuple[int, int]] = field(default_factory=list)
    lang: str = "en"
