"""Landmarks and facilities a reader would map: one span per name, drawn in its city.

A capitalised name ending in a facility head ("Salt Palace", "Congo Square", "Pearson
International Airport", "N. Mississippi Ave.") or starting with a natural-feature lead ("River
Senne") is one span. Heads that also name organisations ("Center", "Library", "Hall") make a
landmark only where the text puts something at the place ("at the Beauchamp Branch Library",
"the X Center in Dallas"). The city is, in order: the city the text names with it ("Toronto's
...", "... in Whittier", "Salt Lake City Family History Library"), else the article's city.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass

from claimdesk.model import Place
from claimdesk.nlp.lexicons.place_words import (
    AMBIGUOUS_FACILITY_HEADS,
    EVENT_COMPOUNDS,
    FACILITY_HEADS,
    FACILITY_LEADS,
)
from claimdesk.nlp.token_table import TokenTable
from claimdesk.places.evidence import Layout, run_spans
from claimdesk.places.gazetteer import Gazetteer

MIN_CITY_MENTIONS = 2  # the article's city: the one named most, at least this often
# Nouns whose "of the X Center" is the building itself ("the steps of the X Hall", "the raid
# of the Blue House"): its parts, and events that happen at a place.
PLACED_NOUNS = frozenset({
    "steps", "front", "back", "inside", "outside", "gates", "gate", "doors", "roof", "site",
    "grounds", "lobby", "entrance", "opening", "gateway", "construction", "renovation", "tour",
    "ceremony", "raid", "attack", "attacks", "bombing", "storming", "siege", "visit", "fire",
    "evacuation", "shooting", "explosion", "protest", "protests", "rally", "vigil", "march",
    "area", "vicinity", "walls", "halls", "floor", "basement", "garden", "car", "park",
})  # fmt: skip


# Parts of speech of a capitalised word that opens a sentence without starting a name.
FUNCTION_POS = frozenset({"ADP", "DET", "PRON", "CCONJ", "SCONJ", "ADV", "AUX", "PART"})


@dataclass(frozen=True)
class LandmarkSpan:
    start: int  # token indices, end exclusive
    end: int
    head: str


def institution(tt: TokenTable, a: int, b: int) -> bool:
    """The facility is named as an institution: "director of the China Center", "a grant
    from the X Foundation Center", "the X Center said"."""
    k = a - 1
    while k >= 0 and tt.lower[k] in ("the", "a", "new", "historic", "famous", "old"):
        k -= 1
    if (
        k >= 1
        and tt.lower[k] in ("of", "for", "by", "with")
        and tt.pos[k - 1] == "NOUN"
        and tt.lower[k - 1] not in PLACED_NOUNS
    ):
        return True
    if k >= 0 and tt.lower[k] == "by":
        return True  # "condemned by the White House"
    return tt.dep[b - 1] in ("nsubj", "nsubjpass", "poss", "compound")


def landmark_spans(tt: TokenTable, layout: Layout) -> list[LandmarkSpan]:
    """Facility and natural-feature names of the document, one span each."""
    out: list[LandmarkSpan] = []
    runs = run_spans(tt, layout.run)
    lone = {tt.text[a] for a, b in runs if b - a == 1}  # words that stand alone as names
    for a, b in runs:
        while a < b and layout.sent_start[a] and tt.pos[a] in FUNCTION_POS:
            a += 1  # "With Bridge having gone off": the preposition opens the sentence
        if b - a < 2:
            continue
        last, first = tt.text[b - 1], tt.text[a]
        if last in lone and first in layout.person_names:
            continue  # "Wayne Bridge ... (Bridge)": a person called so, not a bridge
        if (tt.text[b - 2], last) in EVENT_COMPOUNDS:
            continue  # "a Community Open House": an event
        if last in FACILITY_HEADS and tt.text[b - 2] not in ("of", "and", "&", "-"):
            if last in AMBIGUOUS_FACILITY_HEADS and institution(tt, a, b):
                continue
            out.append(LandmarkSpan(a, b, last))
        elif first in FACILITY_LEADS and tt.text[a + 1][:1].isupper():
            end = a + 1
            while end < b and layout.seg[end] == layout.seg[a]:
                end += 1  # "River Senne", not "Fort Lauderdale and Orlando"
            out.append(LandmarkSpan(a, end, first))
    return out


def article_city(g: Gazetteer, resolved: list[tuple[int | None, str]]) -> int | None:
    """The city the article is about: the only city it names, or the one it names most (at
    least MIN_CITY_MENTIONS times, more than any other; a dateline counts double)."""
    counts: Counter[int] = Counter()
    for best, source in resolved:
        if best is not None and g.feature[best] == "city":
            counts[best] += MIN_CITY_MENTIONS if source == "dateline" else 1
    if len(counts) == 1:
        return next(iter(counts))
    top = counts.most_common(2)
    if top and top[0][1] >= MIN_CITY_MENTIONS and top[0][1] > top[1][1]:
        return top[0][0]
    return None


def place_in_city(g: Gazetteer, surface: str, city: int) -> Place:
    """A landmark drawn at the point of its city (no gazetteer entry of its own)."""
    p = g.place(city)
    return Place(
        name=f"{' '.join(surface.split())}, {p.name}",
        lat=p.lat,
        lon=p.lon,
        country_code=p.country_code,
        feature="landmark",
    )
