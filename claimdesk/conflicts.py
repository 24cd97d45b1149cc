"""Conflicting figures: claims in different articles that give different numbers for the same
quantity of the same thing ("10,000 troops" here, "12,000 troops" there).

Reads the figures stored with the claims (claimdesk.nlp.figures, table claim_figures); never
the text. Two figures are compared when they measure the same thing:
- the same `key` (unit | quantity counted | event | relation) and the same `period` (the times
  of their clauses: "in 2023" and "in 2024" are different times), and
- either their claims are one claim across articles (the same cluster), or they name the same
  things (`subject`, which must not be empty: "30 people were killed" alone could be anywhere)
  and say what they measure (a noun, or for a count the event: "killed 30"; "JPMorgan paid
  $1.1 billion" may pay for anything), in articles published within `max_days_apart` of each
  other when both dates are known.
Calendar dates are compared only within a cluster: across claims, a different date is more
often a different event than a disagreement.

Two compared figures conflict when the values their words allow cannot both hold (`allowed`):
"more than 10,000" and "12,000" agree; "about 10,000" and "10,200" agree; "10,000" and "12,000"
do not. Only figures of different articles are compared: one article giving two numbers says so
itself. A figure whose key comes back in its own claim with another value ("rose from 30 to 45"
read twice the same way) is ambiguous and set aside.

Cost: figures are indexed by (key, period, subject) and by (cluster, key, period); within an
index entry only the distinct values are compared, so a collection is one pass plus the sizes
of its groups, never all pairs of claims.
"""

from __future__ import annotations

import bisect
import datetime as dt
import hashlib
import math
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field

#: How far "about" and "nearly" stretch a number (either side, relative).
APPROX = 0.08
#: Articles further apart than this (when both dates are known) report different moments.
MAX_DAYS_APART = 7
DATE_UNITS = frozenset({"date", "month-day"})


@dataclass(frozen=True)
class FigureFact:
    """The stored columns conflict detection reads, for one figure of one claim."""

    figure_id: int
    claim_id: int
    article_id: int
    cluster_id: int | None
    low: float
    high: float
    unit: str
    qualifier: str
    key: str
    subject: str
    period: str
    published: dt.date | None = None
    text: str = ""


def allowed(low: float, high: float, qualifier: str) -> tuple[float, float]:
    """The values a figure's words allow: "about 10,000" is 9,200-10,800, "more than 10,000"
    is 10,000 and up, "up to 40" is 0-40."""
    if qualifier == "about":
        return low * (1 - APPROX), high * (1 + APPROX)
    if qualifier == "almost":
        return low * (1 - APPROX), high
    if qualifier in ("more than", "at least", "vague"):
        return low, math.inf
    if qualifier in ("less than", "up to"):
        return 0.0 if low >= 0 else -math.inf, high
    return low, high


def disagree(a: FigureFact, b: FigureFact) -> bool:
    """No value is allowed by both. Rounded values meeting at a boundary ("$3bn" is 2.5-3.5bn,
    "$4bn" 3.5-4.5bn) disagree; an exact value on another's boundary ("1,250,000" and "1.2
    million") agrees."""
    return _disjoint(allowed(a.low, a.high, a.qualifier), allowed(b.low, b.high, b.qualifier))


def _disjoint(x: tuple[float, float], y: tuple[float, float]) -> bool:
    lo, hi = max(x[0], y[0]), min(x[1], y[1])
    if lo != hi:
        return lo > hi
    return x[1] > x[0] and y[1] > y[0]


@dataclass(frozen=True)
class ConflictGroup:
    """Figures measuring one thing, some of which disagree across articles."""

    id: str  # stable across runs: a hash of what the group is keyed by
    key: str
    subject: str
    period: str
    cluster_id: int | None  # set when the group is one claim across articles
    members: tuple[FigureFact, ...]
    conflicting: frozenset[int]  # figure ids that disagree with another article's figure

    @property
    def claim_ids(self) -> list[int]:
        return list(dict.fromkeys(m.claim_id for m in self.members))


@dataclass(frozen=True)
class ConflictReport:
    groups: tuple[ConflictGroup, ...] = ()
    claim_ids: frozenset[int] = frozenset()  # claims with a figure that disagrees
    by_claim_groups: dict[int, tuple[int, ...]] = field(default_factory=dict, compare=False)

    def groups_of(self, claim_id: int) -> list[ConflictGroup]:
        """The groups in which a figure of this claim disagrees with another article's."""
        return [self.groups[i] for i in self.by_claim_groups.get(claim_id, ())]


def find_conflicts(
    facts: Iterable[FigureFact], max_days_apart: int | None = MAX_DAYS_APART
) -> ConflictReport:
    """Every group of figures that disagree across articles (see the module docstring)."""
    usable = _unambiguous([f for f in facts if f.key])
    by_subject: dict[tuple[str, str, str], list[FigureFact]] = defaultdict(list)
    by_cluster: dict[tuple[int, str, str], list[FigureFact]] = defaultdict(list)
    for f in usable:
        if f.subject and _names_what_it_measures(f):
            by_subject[(f.key, f.period, f.subject)].append(f)
        if f.cluster_id is not None:
            by_cluster[(f.cluster_id, f.key, f.period)].append(f)
    groups: list[ConflictGroup] = []
    for (key, period, subject), members in by_subject.items():
        hit = _conflicting(members, max_days_apart)
        if hit:
            groups.append(
                _group(("s", key, period, subject), key, subject, period, None, members, hit)
            )
    shown: dict[tuple[str, str], set[int]] = defaultdict(set)
    for g in groups:
        shown[(g.key, g.period)] |= g.conflicting
    for (cluster, key, period), members in by_cluster.items():
        hit = _conflicting(members, None)
        if hit and not hit <= shown[(key, period)]:  # not already shown by subject
            subject = "; ".join(sorted({m.subject for m in members if m.subject}))
            groups.append(
                _group(("c", cluster, key, period), key, subject, period, cluster, members, hit)
            )
    groups.sort(key=lambda g: (g.key, g.subject, g.id))
    by_claim: dict[int, list[int]] = defaultdict(list)
    for i, g in enumerate(groups):
        for cid in dict.fromkeys(m.claim_id for m in g.members if m.figure_id in g.conflicting):
            by_claim[cid].append(i)
    return ConflictReport(
        groups=tuple(groups),
        claim_ids=frozenset(by_claim),
        by_claim_groups={k: tuple(v) for k, v in by_claim.items()},
    )


def _names_what_it_measures(f: FigureFact) -> bool:
    """Comparable beyond its cluster: a count of something named or of a named event ("30
    killed"), a sum or share of something named ("the project will cost $3bn"). A sum that
    names no noun ("JPMorgan paid $1.1 billion") may pay for anything; a date, for any event."""
    _unit, quantity, event, _relation = (f.key.split("|") + ["", "", "", ""])[:4]
    if f.unit in DATE_UNITS:
        return False
    return bool(quantity) or (f.unit == "" and bool(event))


def _group(
    index: tuple,
    key: str,
    subject: str,
    period: str,
    cluster: int | None,
    members: list[FigureFact],
    hit: set[int],
) -> ConflictGroup:
    gid = hashlib.sha1(repr(index).encode("utf-8")).hexdigest()[:12]
    ordered = tuple(sorted(members, key=lambda m: (m.low, m.high, m.article_id, m.figure_id)))
    return ConflictGroup(gid, key, subject, period, cluster, ordered, frozenset(hit))


def _unambiguous(facts: list[FigureFact]) -> list[FigureFact]:
    """Facts without a sibling in their claim that measures the same thing differently."""
    by_claim: dict[tuple[int, str, str], list[FigureFact]] = defaultdict(list)
    for f in facts:
        by_claim[(f.claim_id, f.key, f.period)].append(f)
    out = []
    for same in by_claim.values():
        if len(same) == 1 or all(not disagree(same[0], o) for o in same[1:]):
            out.append(same[0])  # one figure per claim and thing
    return out


def _conflicting(members: list[FigureFact], max_days_apart: int | None) -> set[int]:
    """Ids of the members that disagree with a member of another article (near in time)."""
    if len({m.article_id for m in members}) < 2:
        return set()
    values: dict[tuple[float, float, str], list[FigureFact]] = defaultdict(list)
    for m in members:
        values[(m.low, m.high, m.qualifier)].append(m)
    distinct = [(v, _Partners(fs, max_days_apart)) for v, fs in values.items()]
    hit: set[int] = set()
    for i, (_, pi) in enumerate(distinct):
        for _, pj in distinct[i + 1 :]:
            if disagree(pi.facts[0], pj.facts[0]):
                hit.update(f.figure_id for f in pi.facts if pj.has_partner(f))
                hit.update(f.figure_id for f in pj.facts if pi.has_partner(f))
    return hit


class _Partners:
    """Figures stating one value, asked whether one of them could be another figure's
    counterpart: another article, published near enough (or undated)."""

    def __init__(self, facts: list[FigureFact], max_days_apart: int | None) -> None:
        self.facts = facts
        self.window = max_days_apart
        self.articles = {f.article_id for f in facts}
        self.undated = {f.article_id for f in facts if f.published is None}
        dated = sorted((f.published.toordinal(), f.article_id) for f in facts if f.published)
        self.days = [d for d, _ in dated]
        self.dated_articles = [a for _, a in dated]

    def has_partner(self, f: FigureFact) -> bool:
        if self.window is None or f.published is None:
            return bool(self.articles - {f.article_id})
        if self.undated - {f.article_id}:
            return True
        day = f.published.toordinal()
        lo = bisect.bisect_left(self.days, day - self.window)
        hi = bisect.bisect_right(self.days, day + self.window)
        return any(a != f.article_id for a in self.dated_articles[lo:hi])
