"""Toponym resolution with the whole document as context (no spaCy here).

Each recognised mention comes with its gazetteer candidates. A candidate's score adds:
- a prior: log population (or curated prominence) by feature, countries and continents above
  same-named places, the capital of a country a little up;
- the CLIFF rule: a big city beats a same-named admin area when it lies in that area and is a
  city of a million or a good share of the area ("New York"), or is the country's capital
  ("Washington" -> DC), unless a feature word says otherwise ("Washington state");
- feature words inside the mention ("Kursk region" -> admin areas), and the feature of the
  names it is listed with ("Montana and Wyoming": both states);
- parent patterns "X, Y", "X in Y", "X (Y)" (candidates of X inside a candidate of Y, and
  back) and nearness "X, south of Y" (candidates of X in the state of Y);
- document support, from a first pass: a place whose state is named in the document, or whose
  state holds the other towns it names ("Cairns"), beats a more famous namesake elsewhere; a
  place whose country is named, or holds much of the document, gains less. A state that holds
  most of its country's people ("England") says no more than its country. Support from towns
  alone counts half against a famous namesake (a capital, a city of a million).
Villages below the gazetteer's population cut are candidates only where the document names
their state ("Churchill, Man."). A region-less dateline of a famous city is that city
("WASHINGTON (RNS) -"); a name anchored by a parent is read the same way everywhere in the
document. The confidence is the softmax share of the winner among the candidates.
"""

from __future__ import annotations

import math
from collections import defaultdict
from dataclasses import dataclass, field

from claimdesk.places.gazetteer import Gazetteer
from claimdesk.places.normalize import norm

MAX_CANDIDATES = 40
BIG_CITY = 100_000  # a city this size is a known place in its own right
MAJOR_CITY = 1_000_000
AREA_SHARE = 0.3  # a city holding this share of a same-named admin area's people is its name
PARENT_BONUS = 6.0
NEAR_BONUS = 4.0
HINT_BONUS = 3.0
CLIFF_PENALTY = 2.5
STATE_SUPPORT = 2.5  # the candidate's state is named in the document
TOWN_SUPPORT = 1.5  # the candidate's state holds the document's other (not famous) towns
COUNTRY_SUPPORT = 1.5  # its country is named, or holds much of the document
CONTEXT_PASSES = 2
SURE = 0.5  # first-pass confidence for a mention to count as naming its area
TOWN_FEATURES = ("city", "admin2")


@dataclass
class Mention:
    """A recognised toponym waiting for resolution."""

    start: int
    end: int
    surface: str
    key: str  # normalised lookup name (feature words stripped)
    ids: tuple[int, ...] = ()
    hint: str | None = None  # feature hinted by a word in or after the name: admin1 | admin2 | city
    role: str = "literal"
    fixed: int | None = None  # resolved by construction (demonyms, abbreviations)
    recog: float = 1.0  # how sure recognition is that this is a place at all
    parents: list[int] = field(default_factory=list)  # indices of mentions that contain this one
    children: list[int] = field(default_factory=list)
    near: list[int] = field(default_factory=list)  # mentions this one lies near ("south of Y")
    listed: list[int] = field(default_factory=list)  # mentions in one list with it ("X and Y")
    minor: tuple[int, ...] = ()  # villages of this name (below the population cut)
    standalone: bool = False  # a dateline without a region
    best: int | None = None
    confidence: float = 0.0


def _prior(g: Gazetteer, i: int, key: str) -> float:
    f = g.feature[i]
    p = g.prominence(i)
    if f == "country":
        s = p + 2.0
    elif f == "continent":
        s = 10.0
    elif f == "admin1":
        s = p - 0.5
    elif f == "admin2":
        s = p - 1.5
    elif f == "city":
        s = p + (0.8 if g.capital[i] else 0.0)
    else:  # curated region, landmark, water, historic
        s = p + 1.0
    if norm(g.names[i]) == key:
        s += 1.2  # its own name, not an alternate one
    return s


def _famous(g: Gazetteer, i: int) -> bool:
    """A country, a capital or a city of a million: known without context."""
    f = g.feature[i]
    return f in ("country", "continent") or g.capital[i] or (f == "city" and g.pop[i] >= MAJOR_CITY)


def _inside(g: Gazetteer, child: int, parent: int) -> bool:
    """True when entry `child` lies in area `parent` (by country or admin-1 code)."""
    if child == parent:
        return False
    pf = g.feature[parent]
    if pf == "country":
        return g.cc[child] == g.cc[parent] and g.feature[child] != "country"
    if pf == "admin1":
        return g.admin1[child] == g.admin1[parent] and g.feature[child] not in (
            "country",
            "admin1",
        )
    return False


def _city_names_area(g: Gazetteer, city: int, area: int, key: str) -> bool:
    """The CLIFF rule: the area's name read alone means this city: the country's capital
    ("Washington"), a city of a million or a good share of the area ("New York"), or the
    area's chief city under the same name ("Zurich"; not "Oklahoma", nor "Quebec" whose
    chief city is Montreal)."""
    if g.capital[city]:
        return g.cc[city] == g.cc[area]
    return g.admin1[city] == g.admin1[area] and (
        g.pop[city] >= MAJOR_CITY
        or g.pop[city] >= AREA_SHARE * g.pop[area]
        or (norm(g.names[city]) == key and city in g.chief_cities)
    )


def _base_scores(g: Gazetteer, m: Mention, hint: str | None) -> dict[int, float]:
    ids = m.ids
    if len(ids) > MAX_CANDIDATES:
        ids = tuple(sorted(ids, key=lambda i: -g.pop[i])[:MAX_CANDIDATES])
    scores = {i: _prior(g, i, m.key) for i in ids}
    big = [i for i in ids if g.feature[i] == "city" and g.pop[i] >= BIG_CITY]
    for i in ids:
        f = g.feature[i]
        if (
            f in ("admin1", "admin2")
            and hint not in ("admin1", "admin2")
            and any(_city_names_area(g, c, i, m.key) for c in big)
        ):
            scores[i] -= CLIFF_PENALTY
        if hint:
            if f == hint:
                scores[i] += HINT_BONUS
            elif hint == "admin1" and f == "admin2" or hint == "admin2" and f == "admin1":
                scores[i] += 1.0
            elif hint in ("admin1", "admin2") and f == "city":
                scores[i] -= 1.0
    return scores


def _softmax_top(scores: dict[int, float]) -> tuple[int | None, float]:
    if not scores:
        return None, 0.0
    best = max(scores, key=scores.__getitem__)
    top = scores[best]
    z = sum(math.exp(min(0.0, s - top)) for s in scores.values())
    return best, 1.0 / z


@dataclass
class _Context:
    """What the first pass says the document is about, per name so repetitions vote once."""

    cc_votes: dict[str, float]
    total: float
    country_named: dict[str, set[str]]  # country code -> keys naming the country
    admin1_named: dict[str, set[str]]  # admin-1 code -> keys naming it as an admin-1 area
    admin1_towns: dict[str, set[str]]  # admin-1 code -> keys of towns resolved inside it

    @classmethod
    def build(
        cls, g: Gazetteer, mentions: list[Mention], tops: list[tuple[int | None, float]]
    ) -> _Context:
        """The context of one pass's winners."""
        cc_votes: dict[str, float] = defaultdict(float)
        country_named: dict[str, set[str]] = {}
        admin1_named: dict[str, set[str]] = {}
        admin1_towns: dict[str, set[str]] = {}
        seen: set[tuple[str, int]] = set()
        for m, (b, conf) in zip(mentions, tops, strict=True):
            if b is None or (m.key, b) in seen:
                continue
            seen.add((m.key, b))
            if g.cc[b]:
                cc_votes[g.cc[b]] += conf * m.recog
            if conf <= SURE:
                continue
            f = g.feature[b]
            if f == "admin1":
                admin1_named.setdefault(g.admin1[b], set()).add(m.key)
            elif f == "country":
                country_named.setdefault(g.cc[b], set()).add(m.key)
            elif f in TOWN_FEATURES and g.admin1[b] and not _famous(g, b):
                admin1_towns.setdefault(g.admin1[b], set()).add(m.key)
        return cls(cc_votes, sum(cc_votes.values()) or 1.0, country_named, admin1_named,
                   admin1_towns)  # fmt: skip

    def country_support(self, g: Gazetteer, c: int, m: Mention, own: tuple[int | None, float]):
        """1 when the candidate's country is named by another name, else twice its share of
        the document's other names (at most 1)."""
        cc = g.cc[c]
        if not cc:
            return 0.0
        if self.country_named.get(cc, set()) - {m.key}:
            return 1.0
        self_w = own[1] * m.recog if own[0] is not None and g.cc[own[0]] == cc else 0.0
        return min(1.0, 2.0 * (self.cc_votes[cc] - self_w) / self.total)

    def state_support(self, g: Gazetteer, c: int, m: Mention, famous_rival: bool) -> float:
        """STATE_SUPPORT when the candidate's state is named by another name; TOWN_SUPPORT
        when other towns of the document lie in it (half that against a famous namesake); 0
        for a state that is most of its country ("England")."""
        a1 = g.admin1[c]
        if not a1 or a1 in g.country_like_admin1:
            return 0.0
        if self.admin1_named.get(a1, set()) - {m.key}:
            return STATE_SUPPORT
        if self.admin1_towns.get(a1, set()) - {m.key}:
            return TOWN_SUPPORT / 2 if famous_rival else TOWN_SUPPORT
        return 0.0

    def holds_towns(self, g: Gazetteer, c: int, m: Mention) -> bool:
        """An admin-1 candidate holds towns the document names elsewhere."""
        return bool(self.admin1_towns.get(g.admin1[c], set()) - {m.key})


def _listed_hint(g: Gazetteer, mentions: list[Mention], first, mi: int) -> str | None:
    """ "Montana and Wyoming", "Georgia and Armenia", "Zurich and London": listed with states
    (countries, cities) only, a name that can be a state (country, big city) is one."""
    m = mentions[mi]
    if m.hint or m.fixed is not None or not m.listed:
        return None
    feats = set()
    for o in m.listed:
        b, conf = first[o]
        if b is None or conf <= SURE:
            return None
        feats.add(g.feature[b])
    f = feats.pop() if len(feats) == 1 else ""
    if f == "city":  # "Zurich and London-based": a big city of the name
        return f if any(g.feature[i] == f and g.pop[i] >= BIG_CITY for i in m.ids) else None
    return f if f in ("admin1", "country") and any(g.feature[i] == f for i in m.ids) else None


def resolve(g: Gazetteer, mentions: list[Mention]) -> None:
    """Sets `best` and `confidence` on every mention, in place."""
    base = [_base_scores(g, m, m.hint) if m.fixed is None else {m.fixed: 10.0} for m in mentions]

    # Parent patterns, both ways: X's candidates inside one of Y's, Y's that contain one of X's;
    # a village of X's name inside Y joins X's candidates ("Churchill, Man.").
    for mi, m in enumerate(mentions):
        for pi in m.parents:
            pscores = base[pi]
            for c in m.minor:
                if c not in base[mi] and any(_inside(g, c, p) for p in pscores):
                    base[mi][c] = _prior(g, c, m.key)
            for c in base[mi]:
                if any(_inside(g, c, p) for p in pscores):
                    base[mi][c] += PARENT_BONUS
            for p in pscores:
                if any(_inside(g, c, p) for c in base[mi]):
                    pscores[p] += PARENT_BONUS / 2

    first = [_softmax_top(s) for s in base]
    ctx = _Context.build(g, mentions, first)

    for mi, m in enumerate(mentions):
        for c in m.minor:  # villages of a state the document names
            if c not in base[mi] and ctx.admin1_named.get(g.admin1[c], set()) - {m.key}:
                base[mi][c] = _prior(g, c, m.key)
        for ni in m.near:  # "Edmonton, south of Cairns": in the state of Cairns
            anchor = first[ni][0]
            if anchor is None:
                continue
            for c in base[mi]:
                if g.admin1[c] and g.admin1[c] == g.admin1[anchor] and c != anchor:
                    base[mi][c] += NEAR_BONUS

    # passes of document support, each reading the picture the one before left
    final, tops = base, first
    for _ in range(CONTEXT_PASSES):
        final = []
        for mi, m in enumerate(mentions):
            scores = dict(base[mi])
            hint = _listed_hint(g, mentions, tops, mi)
            if hint:  # the feature of the names it is listed with, as if written after it
                plain, hinted = _base_scores(g, m, m.hint), _base_scores(g, m, hint)
                for c in plain:
                    scores[c] += hinted[c] - plain[c]
            final.append(_with_context(g, ctx, m, scores, tops[mi]))
        tops = [_softmax_top(s) for s in final]
        ctx = _Context.build(g, mentions, tops)
    for m, scores in zip(mentions, final, strict=True):
        best, conf = _softmax_top(scores)
        m.best = best
        m.confidence = max(0.05, min(0.99, conf * m.recog)) if best is not None else 0.0
    _one_sense(mentions, final)


def _with_context(
    g: Gazetteer, ctx: _Context, m: Mention, base: dict[int, float], own: tuple[int | None, float]
) -> dict[int, float]:
    """A mention's candidate scores with the document's support added."""
    scores = dict(base)
    if m.fixed is not None or len(scores) < 2 or _standalone_famous(g, m, scores):
        return scores
    famous = {c for c in scores if _famous(g, c)}
    for c in scores:
        f = g.feature[c]
        cs = COUNTRY_SUPPORT * ctx.country_support(g, c, m, own)
        if f in TOWN_FEATURES:
            scores[c] += cs + ctx.state_support(g, c, m, bool(famous - {c}))
        elif f == "admin1":
            scores[c] += cs + (TOWN_SUPPORT if ctx.holds_towns(g, c, m) else 0.0)
        elif f == "country":
            scores[c] += cs
        else:
            scores[c] += cs / COUNTRY_SUPPORT
    return scores


def _standalone_famous(g: Gazetteer, m: Mention, scores: dict[int, float]) -> bool:
    """A dateline without a region whose best prior is a famous city: that city, whatever
    the story names ("WASHINGTON (RNS) -" over Washington, N.C.)."""
    if not m.standalone:
        return False
    top = max(scores, key=scores.__getitem__)
    return _famous(g, top)


def _one_sense(mentions: list[Mention], scores: list[dict[int, float]]) -> None:
    """A name resolved with a parent or a near place ("Churchill, Man.") is read so at its
    other mentions without one ("a Churchill doctor")."""
    anchored: dict[str, set[int]] = {}
    conf: dict[int, float] = {}
    for m in mentions:
        if (m.parents or m.near) and m.best is not None and m.fixed is None:
            anchored.setdefault(m.key, set()).add(m.best)
            conf[m.best] = max(conf.get(m.best, 0.0), m.confidence)
    for mi, m in enumerate(mentions):
        bests = anchored.get(m.key)
        if not bests or len(bests) > 1 or m.parents or m.near or m.hint or m.fixed is not None:
            continue
        b = next(iter(bests))
        if b != m.best and (b in scores[mi] or b in m.minor):
            m.best, m.confidence = b, conf[b]
