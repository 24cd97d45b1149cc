"""Toponym resolution with the whole document as context (no spaCy here).

Each recognised mention comes with its gazetteer candidates. A candidate's score adds:
- a prior: log population (or curated prominence) by feature, countries and continents above
  same-named places, the capital of a country a little up;
- the CLIFF rule: a sizeable city beats a same-named admin area of its own country ("New York",
  "Washington" -> DC) unless a feature word says otherwise ("Washington state");
- feature words inside the mention ("Kursk region" -> admin areas);
- parent patterns "X, Y" and "X in Y" (candidates of X inside a candidate of Y, and back);
- document coherence, from a first pass: admin-1 areas and countries the other mentions resolve
  to, and the share of the document in each country.
The confidence is the softmax share of the winner among the candidates.
"""

from __future__ import annotations

import math
from collections import Counter
from dataclasses import dataclass, field

from claimdesk.geo.gazetteer import Gazetteer
from claimdesk.geo.normalize import norm

MAX_CANDIDATES = 40
BIG_CITY = 100_000


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
    if pf == "continent":
        return False
    return False


def _base_scores(g: Gazetteer, m: Mention) -> dict[int, float]:
    ids = m.ids
    if len(ids) > MAX_CANDIDATES:
        ids = tuple(sorted(ids, key=lambda i: -g.pop[i])[:MAX_CANDIDATES])
    scores = {i: _prior(g, i, m.key) for i in ids}
    # CLIFF: a big city beats a same-named admin area of its country when it is the country's
    # capital or holds a good share of the area's people ("New York", "Washington" -> DC), unless
    # a feature word says otherwise; a small capital of a big province loses ("Quebec").
    big = [i for i in ids if g.feature[i] == "city" and g.pop[i] >= BIG_CITY]
    for i in ids:
        f = g.feature[i]
        if (
            f in ("admin1", "admin2")
            and m.hint not in ("admin1", "admin2")
            and any(
                g.cc[c] == g.cc[i] and (g.capital[c] or g.pop[c] >= 0.2 * g.pop[i]) for c in big
            )
        ):
            scores[i] -= 2.5
        if m.hint:
            if f == m.hint:
                scores[i] += 3.0
            elif m.hint == "admin1" and f == "admin2" or m.hint == "admin2" and f == "admin1":
                scores[i] += 1.0
            elif m.hint in ("admin1", "admin2") and f == "city":
                scores[i] -= 1.0
    return scores


def _softmax_top(scores: dict[int, float]) -> tuple[int | None, float]:
    if not scores:
        return None, 0.0
    best = max(scores, key=scores.__getitem__)
    top = scores[best]
    z = sum(math.exp(min(0.0, s - top)) for s in scores.values())
    return best, 1.0 / z


def resolve(g: Gazetteer, mentions: list[Mention]) -> None:
    """Sets `best` and `confidence` on every mention, in place."""
    base = [_base_scores(g, m) if m.fixed is None else {m.fixed: 10.0} for m in mentions]

    # Parent patterns, both ways: X's candidates inside one of Y's, Y's that contain one of X's.
    for mi, m in enumerate(mentions):
        for pi in m.parents:
            pscores = base[pi]
            for c in base[mi]:
                if any(_inside(g, c, p) for p in pscores):
                    base[mi][c] += 6.0
            for p in pscores:
                if any(_inside(g, c, p) for c in base[mi]):
                    pscores[p] += 3.0

    first = [_softmax_top(s) for s in base]

    # Document context from the first pass, per surface so repetitions do not vote many times.
    cc_votes: Counter[str] = Counter()
    admin1_named: dict[str, set[str]] = {}  # admin1 code -> surfaces naming it (as an admin1)
    country_named: dict[str, set[str]] = {}
    admin1_votes: Counter[str] = Counter()
    seen: set[tuple[str, int]] = set()
    for m, (b, conf) in zip(mentions, first, strict=True):
        if b is None or (m.key, b) in seen:
            continue
        seen.add((m.key, b))
        w = conf * m.recog
        if g.cc[b]:
            cc_votes[g.cc[b]] += w
        if g.admin1[b]:
            admin1_votes[g.admin1[b]] += w
        if g.feature[b] == "admin1" and conf > 0.5:
            admin1_named.setdefault(g.admin1[b], set()).add(m.key)
        if g.feature[b] == "country" and conf > 0.5:
            country_named.setdefault(g.cc[b], set()).add(m.key)
    total = sum(cc_votes.values()) or 1.0
    total_a1 = sum(admin1_votes.values()) or 1.0

    for mi, m in enumerate(mentions):
        scores = dict(base[mi])
        if m.fixed is None and len(scores) > 1:
            own = first[mi]
            for c in scores:
                cc, f = g.cc[c], g.feature[c]
                # discount this mention's own vote from the shares
                self_w = own[1] * m.recog if own[0] is not None else 0.0
                cc_share = (
                    cc_votes[cc] - (self_w if own[0] is not None and g.cc[own[0]] == cc else 0)
                ) / total
                a1 = g.admin1[c]
                a1_share = (
                    (
                        admin1_votes[a1]
                        - (self_w if own[0] is not None and g.admin1[own[0]] == a1 else 0)
                    )
                    / total_a1
                    if a1
                    else 0.0
                )
                if f == "city" or f == "admin2":
                    scores[c] += 1.5 * cc_share + 1.5 * a1_share
                    if a1 and admin1_named.get(a1, set()) - {m.key}:
                        scores[c] += 2.5
                    if country_named.get(cc, set()) - {m.key}:
                        scores[c] += 1.0
                elif f in ("admin1", "country"):
                    scores[c] += 3.0 * cc_share
                    if f == "admin1":  # other places of the document lie inside this area
                        scores[c] += 2.5 * a1_share
                    if f == "admin1" and country_named.get(cc, set()) - {m.key}:
                        scores[c] += 1.0
                else:
                    scores[c] += 1.0 * cc_share
        best, conf = _softmax_top(scores)
        m.best = best
        m.confidence = max(0.05, min(0.99, conf * m.recog)) if best is not None else 0.0
