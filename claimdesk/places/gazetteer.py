"""The offline gazetteer: loaded once from claimdesk/resources/gazetteer.pkl.gz.

Entries are stored column-wise and addressed by an integer index; `Place` records are made on
demand. Every name lookup is a dict access on the normalised name (`claimdesk.places.normalize`).
Rebuild the artefact with `python scripts/build_gazetteer.py`.
"""

from __future__ import annotations

import bisect
import functools
import gc
import gzip
import math
import pickle
from pathlib import Path

from claimdesk.model import Place
from claimdesk.places.normalize import norm

RESOURCE = Path(__file__).resolve().parent.parent / "resources" / "gazetteer.pkl.gz"

# Features that name a whole area rather than a settlement.
AREA_FEATURES = frozenset({"country", "admin1", "admin2", "continent", "region", "water"})
COUNTRY_LIKE = 0.5  # share of a country's people in one admin-1 area that makes it country-like


class Gazetteer:
    """Places by normalised name, alias, demonym and id."""

    def __init__(self, data: dict) -> None:
        c = data["cols"]
        self.names: list[str] = c["name"]
        self.lat: list[float] = c["lat"]
        self.lon: list[float] = c["lon"]
        self.cc: list[str] = c["cc"]
        self.feature: list[str] = c["feature"]
        self.gid: list[str] = c["gid"]
        self.geonameid: list[int] = c["geonameid"]
        self.pop: list[int] = c["pop"]
        self.admin1: list[str] = c["admin1"]
        self.capital: list[bool] = c["capital"]
        self.index: dict[str, tuple[int, ...]] = data["index"]
        # villages below the population cut, by own name: resolution candidates only where the
        # document names their state or country, never evidence that a word is a place
        self.minor: dict[str, tuple[int, ...]] = data.get("minor", {})
        self.demonyms: dict[str, int] = data["demonyms"]
        self.abbr: dict[str, int] = data["abbr"]
        self.keys: dict[str, int] = data["keys"]
        # names written for this project (authoritative); acronyms among them, matched only in
        # capitals ("US", not "Us"); aliases valid only after "the" ("the States")
        self.curated: dict[str, tuple[int, ...]] = data.get("curated", {})
        self.acronyms: frozenset[str] = data.get("acronyms", frozenset())
        self.article_keys: frozenset[str] = data.get("article_keys", frozenset())
        # lower-case English verbs, adjectives and adverbs ("police", "best", "spring")
        self.common_words: frozenset[str] = data.get("common_words", frozenset())
        self._by_gid: dict[str, int] | None = None
        self._sorted_names: list[str] | None = None

    def __len__(self) -> int:
        return len(self.names)

    # --- index-level API (used by the resolver; no Place objects made)
    def ids(self, name: str) -> tuple[int, ...]:
        """Entry indices whose name or alias normalises like `name`."""
        return self.index.get(norm(name), ())

    def ids_norm(self, key: str) -> tuple[int, ...]:
        return self.index.get(key, ())

    @functools.cached_property
    def multiword_starts(self) -> frozenset[str]:
        """First words of the normalised names and demonyms that have several words: a span
        starting with any other word can only match as a single word."""
        return frozenset(k.split(" ", 1)[0] for k in (*self.index, *self.demonyms) if " " in k)

    @functools.cached_property
    def country_like_admin1(self) -> frozenset[str]:
        """Admin-1 codes of areas holding most of their country's people ("England"): naming
        one says no more about a place than naming the country."""
        by_cc: dict[str, list[int]] = {}
        for k, i in self.keys.items():
            if k.startswith("admin1:"):
                by_cc.setdefault(self.cc[i], []).append(i)
        out: set[str] = set()
        for ids in by_cc.values():
            total = sum(self.pop[i] for i in ids)
            out.update(self.admin1[i] for i in ids if total and self.pop[i] > COUNTRY_LIKE * total)
        return frozenset(out)

    @functools.cached_property
    def chief_cities(self) -> frozenset[int]:
        """The most populous city of each admin-1 area ("Zürich" in its canton)."""
        best: dict[str, int] = {}
        feature, pop, admin1 = self.feature, self.pop, self.admin1
        for i in range(len(self.names)):
            if feature[i] == "city" and admin1[i]:
                j = best.get(admin1[i])
                if j is None or pop[i] > pop[j]:
                    best[admin1[i]] = i
        return frozenset(best.values())

    def demonym_id(self, word: str) -> int | None:
        return self.demonyms.get(norm(word))

    def abbr_id(self, word: str) -> int | None:
        """The state or province of an abbreviation as written ("Ill.", "N.M.", "TX"); "M.D."
        or "Ms." are none."""
        return self.abbr.get(word[:-1] if word.endswith(".") else word)

    def country_id(self, cc: str) -> int | None:
        return self.keys.get(f"country:{cc}")

    def place(self, i: int) -> Place:
        return Place(
            name=self.names[i],
            lat=self.lat[i],
            lon=self.lon[i],
            country_code=self.cc[i] or None,
            feature=self.feature[i],
            gazetteer_id=self.gid[i],
            geonameid=self.geonameid[i] or None,
            population=self.pop[i],
        )

    def prominence(self, i: int) -> float:
        """log10 of population (or a curated prominence), 0 for unknown."""
        return math.log10(self.pop[i] + 1)

    # --- public Place API
    def candidates(self, name: str) -> list[Place]:
        """Every entry called `name` (name or alias), most prominent first."""
        ids = sorted(self.ids(name), key=lambda i: -self.pop[i])
        return [self.place(i) for i in ids]

    def by_id(self, gazetteer_id: str) -> Place | None:
        if self._by_gid is None:
            self._by_gid = {g: i for i, g in enumerate(self.gid)}
        i = self._by_gid.get(gazetteer_id)
        if i is None and gazetteer_id.isdigit():
            i = self._by_gid.get(f"gn:{gazetteer_id}")
        return None if i is None else self.place(i)

    def search(self, prefix_or_name: str, limit: int = 10) -> list[Place]:
        """Exact matches first, then names starting with the text; most prominent first.

        For a reviewer correcting a resolution; the sorted key list is built on first use.
        """
        key = norm(prefix_or_name)
        if not key:
            return []
        if self._sorted_names is None:
            self._sorted_names = sorted(self.index)
        seen: set[int] = set()
        exact = sorted(self.index.get(key, ()), key=lambda i: -self.pop[i])
        out: list[int] = []
        for i in exact:
            if i not in seen:
                seen.add(i)
                out.append(i)
        names = self._sorted_names
        pos = bisect.bisect_left(names, key)
        pref: list[int] = []
        while pos < len(names) and names[pos].startswith(key) and len(pref) < 2000:
            pref.extend(i for i in self.index[names[pos]] if i not in seen)
            pos += 1
        pref = sorted(set(pref), key=lambda i: -self.pop[i])
        out.extend(pref)
        return [self.place(i) for i in out[:limit]]


@functools.lru_cache(maxsize=1)
def get_gazetteer() -> Gazetteer:
    """The process-wide gazetteer (about 0.3 s to load the first time).

    The cyclic garbage collector is paused while the million objects are unpickled: they hold
    no cycles, and its repeated passes over them cost a third of the load (0.34 s -> 0.24 s)."""
    with gzip.open(RESOURCE, "rb") as f:
        data = f.read()
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        return Gazetteer(pickle.loads(data))
    finally:
        if was_enabled:
            gc.enable()
