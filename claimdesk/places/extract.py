"""Toponym recognition over a spaCy Doc, then offline resolution (claimdesk.places).

Candidates come from five sources, longest span first:
1. datelines ("BEAVERTON --", "WASHINGTON (Reuters) -"), read as the city they name;
2. landmarks and facilities ("Salt Palace", "Pearson International Airport"), kept whole;
3. spaCy GPE / LOC / FAC entities;
4. a gazetteer phrase matcher over capitalised token runs (places the model mislabels or
   misses, "Vladivostok" as PERSON);
5. demonyms ("Russian", "North Korean"): context for resolution, emitted with role="demonym"
   only where they modify a noun ("Russian troops", not "Russians" or "in English").
A name is a place only with evidence (an entity label, a preposition of place, "X, Y", a trigger
such as "the town of X", a prominent gazetteer entry under its own name) and none against it
(inside an organisation's, event's or person's name; an acronym or an all-caps heading word; a
word of a person's name in the article; a common English word; only an alternate name of a
small place; a surname in brackets after a first name, "Denzel (Washington)"). A name the
gazetteer does not know is listed only when the text marks it as a place. A town's name that
names a sports club in a sports story stays context only (`place_teams`); so does a compass name
("the South East") in a country the story does not otherwise name. How consecutive names relate
("X, Y", "X in Y", "X, south of Y", "X and Y") is read in `place_links`; resolution is in
`claimdesk.places.resolve`.
"""

from __future__ import annotations

import bisect
import difflib
import functools
from collections.abc import Callable
from dataclasses import dataclass

from spacy.tokens import Doc, Span

from claimdesk.model import PlaceMention
from claimdesk.nlp.lexicons.place_words import (
    OFFICE_HINTS,
    ORG_HEADS,
    PLACE_TRIGGERS,
    SUBURB_TRIGGERS,
)
from claimdesk.nlp.token_table import TokenTable, token_table
from claimdesk.places.datelines import dateline_spans
from claimdesk.places.evidence import (
    NAME_LABELS,
    Layout,
    build_layout,
    conjunct_of_locative,
    honorific_before,
    is_acronym,
    is_all_caps,
    locative_before,
    prev_word,
    run_spans,
    speaker_subject,
)
from claimdesk.places.gazetteer import Gazetteer, get_gazetteer
from claimdesk.places.landmarks import (
    FUNCTION_POS,
    article_city,
    institution,
    landmark_spans,
    place_in_city,
)
from claimdesk.places.links import link_mentions
from claimdesk.places.normalize import fold, norm
from claimdesk.places.resolve import BIG_CITY, Mention, resolve
from claimdesk.places.teams import SUFFIX, club_evidence, placed_in, sports_story

MAX_WORDS = 6
PLACE_LABELS = {"GPE", "LOC", "FAC"}
# Entity labels that are never places: a matcher hit inside one is dropped.
NON_PLACE_LABELS = {
    "DATE", "TIME", "PERCENT", "MONEY", "QUANTITY", "ORDINAL", "CARDINAL", "LAW", "LANGUAGE",
    "EVENT", "WORK_OF_ART",
}  # fmt: skip
# Feature words after (or ending) a name, and the feature they hint.
FEATURE_WORDS = {
    "region": "admin1", "province": "admin1", "oblast": "admin1", "state": "admin1",
    "governorate": "admin1", "prefecture": "admin1", "krai": "admin1", "territory": "admin1",
    "republic": "admin1", "county": "admin2", "district": "admin2", "city": "city",
}  # fmt: skip
# Lower-case words after an unknown name that mark it as a place ("Maoxian county").
MARK_AFTER = PLACE_TRIGGERS - {
    "state",
    "states",
    "capital",
    "area",
    "republic",
    "kingdom",
    "camp",
    "mountain",
    "mountains",
    "lake",
    "port",
    "settlement",
}
DIRECTIONS = {
    "north", "south", "east", "west", "northern", "southern", "eastern", "western", "central",
    "northeastern", "northwestern", "southeastern", "southwestern", "northeast", "northwest",
    "southeast", "southwest", "upper", "lower", "greater",
}  # fmt: skip
# Lower-case words allowed inside a capitalised place name ("Bosnia and Herzegovina").
CONNECTORS = {"of", "and", "the", "de", "del", "da", "do", "dos", "du", "des", "la", "le", "el",
              "al", "upon", "on", "-", "'", "d'", "y", "am", "im", "an", "der", "sur"}  # fmt: skip
MAJOR_CITY = 1_000_000
LOOSE_CITY = 15_000
SIMILAR_NAME = 0.75  # an alternate spelling close to the entry's own name ("Sanaa", "Zurich")
SIMILAR_ACCENTS = 0.8  # "Zurich" is "Zürich"; "Bush" is not "Būsh", nor "Barca" "Bârca"
MIN_ALIAS = 5  # shorter alternate names ("Ben", "Ten") are too often other words
AREAS = ("country", "continent", "region", "water", "landform", "landmark")
# "African-American", "Italian-Canadians": hyphenated identities, not places.
ETHNIC_HEADS = frozenset({"american", "americans", "canadian", "canadians", "australian",
                          "australians", "british", "briton", "britons"})  # fmt: skip
RANK = {"dateline": 0, "landmark": 1, "ner": 2, "match": 3, "demonym": 4}


@dataclass
class _Cand:
    start: int  # token indices, end exclusive
    end: int
    key: str
    ids: tuple[int, ...]
    source: str  # dateline | landmark | ner | match | demonym
    recog: float
    hint: str | None = None
    fixed: int | None = None
    label: str = ""  # entity label over the span ("GPE", "ORG", "" for none)
    exact: bool = False  # the entity covers exactly this span
    marked: bool = False  # the text itself calls it a place ("the town of X", "X County")
    emit: bool = True  # demonyms used as nouns stay context only
    suburb: bool = False  # marked as part of a city ("the Treme neighborhood")
    standalone: bool = False  # a dateline without a region ("WASHINGTON (RNS) -")


def _cap(text: str) -> bool:
    return text[:1].isupper()


def _prominent(g: Gazetteer, ids: tuple[int, ...], min_city: int) -> bool:
    for i in ids:
        f = g.feature[i]
        if f == "city":
            if g.pop[i] >= min_city:
                return True
        elif f != "admin2":
            return True
    return False


def _major(g: Gazetteer, ids: tuple[int, ...]) -> bool:
    """A country, state-level area, region or big city: never a person's surname by chance."""
    return any(
        g.feature[i] in ("country", "continent", "region", "admin1")
        or g.capital[i]
        or (g.feature[i] == "city" and g.pop[i] >= MAJOR_CITY)
        for i in ids
    )


def _metonym(g: Gazetteer, ids: tuple[int, ...]) -> bool:
    """A country, state, capital or city of a million: its name stands for its government or
    people ("Russia said", "Texas lawmakers"), unlike a region or a company's namesake."""
    return any(
        g.feature[i] in ("country", "admin1")
        or g.capital[i]
        or (g.feature[i] == "city" and g.pop[i] >= MAJOR_CITY)
        for i in ids
    )


def _in_after(tt: TokenTable, a: int) -> bool:
    """ "Glenurquhart High School in Inverness": "in" inside a longer entity puts the name
    after it on the map."""
    return a > 0 and tt.lower[a - 1] in ("in", "near") and tt.ent_iob[a - 1] == "I"


def _compass_name(tt: TokenTable, c: _Cand) -> bool:
    """ "the South East", "the North West", "the Southern District": a name made of directions
    and feature words only, which many countries give to some area."""
    words = [tt.lower[k] for k in range(c.start, c.end) if tt.text[k] != "-"]
    return any(w in DIRECTIONS for w in words) and all(
        w in DIRECTIONS or w in FEATURE_WORDS for w in words
    )


def _bracketed_surname(tt: TokenTable, a: int, b: int, is_place_at: Callable[[int], bool]) -> bool:
    """ "Denzel (Washington)", "He (Bridge) has no chance": a name in brackets right after a
    pronoun or a lone first name (not after a full name: "L Dallaglio (England)" is his side)
    is that one's surname."""
    if a < 2 or b >= len(tt.text) or tt.text[a - 1] != "(" or tt.text[b] != ")":
        return False
    k = a - 2
    if tt.pos[k] == "PRON":
        return True
    if not (tt.text[k][:1].isupper() and tt.is_alpha[k]) or is_place_at(k):
        return False
    return k == 0 or not tt.text[k - 1][:1].isupper() or tt.pos[k - 1] in FUNCTION_POS


def _source_of_report(tt: TokenTable, a: int) -> bool:
    """ "according to Xinhua": the name is a source of information."""
    return a >= 2 and tt.lower[a - 1] == "to" and tt.lower[a - 2] == "according"


def _never_a_surname(g: Gazetteer, ids: tuple[int, ...]) -> bool:
    """A country, continent, region, capital or city of a million: a person who shares its
    name does not make its other mentions people."""
    return any(
        g.feature[i] in ("country", "continent", "region")
        or g.capital[i]
        or (g.feature[i] == "city" and g.pop[i] >= MAJOR_CITY)
        for i in ids
    )


# Token texts repeat a lot across a collection; normalising each distinct one once is free speed.
_norm_token = functools.lru_cache(maxsize=1 << 17)(norm)


_fold = functools.lru_cache(maxsize=1 << 16)(fold)


def _token_keys(texts: list[str]) -> list[str]:
    return [_norm_token(t) for t in texts]


def _span_key(keys: list[str], a: int, b: int) -> str:
    return " ".join(k for k in keys[a:b] if k)


@functools.lru_cache(maxsize=1 << 16)
def _similar(a: str, b: str) -> float:
    return difflib.SequenceMatcher(None, a, b).ratio()


def _strong_name(g: Gazetteer, i: int, key: str, surface: str) -> bool:
    """The entry is called this in English text: its own name (spelt alike: "God" is not
    "Göd"), a curated alias, a close spelling, or an alternate name of a whole area."""
    if i in g.curated.get(key, ()):
        return True
    f = g.feature[i]
    name = g.names[i].split(" (")[0]  # "Kalibo (poblacion)"
    own = _norm_token(name)
    if own == key:
        return _fold(name) == name or _similar(surface.lower(), name.lower()) > SIMILAR_ACCENTS
    if f in ("country", "continent", "region", "water", "landform"):
        return True
    if f == "admin1" and len(key) >= MIN_ALIAS:
        return True  # "East Java" for "Jawa Timur"
    if f == "admin1" and (own.startswith(key + " ") or own.endswith(" " + key)):
        return True  # "Kursk" for "Kursk Oblast" ("Yamhill" alone is no county)
    if f == "city" and _short_form(key, own):
        return True  # "Newcastle", "Enfield", "Quebec City"
    return len(key) >= MIN_ALIAS and _similar(key, own) >= SIMILAR_NAME


# Words that qualify a town's name without changing whom it names: "Enfield Town", "Quebec
# City", "Newcastle upon Tyne", "Frankfurt am Main", "Boulogne sur Mer".
SETTLEMENT_WORDS = frozenset({"city", "town", "village"})
QUALIFIER_LEADS = frozenset({"upon", "on", "under", "am", "an", "sur"})


def _short_form(key: str, own: str) -> bool:
    """The key is the town's own name with a settlement word or a qualifier added or left off."""
    long, short = (own, key) if len(own) > len(key) else (key, own)
    if not long.startswith(short + " "):
        return False
    rest = long[len(short) + 1 :]
    return rest in SETTLEMENT_WORDS or (long == own and rest.split(" ", 1)[0] in QUALIFIER_LEADS)


def _strong_ids(g: Gazetteer, ids: tuple[int, ...], key: str, surface: str) -> tuple[int, ...]:
    return tuple(i for i in ids if _strong_name(g, i, key, surface))


def _strip_feature(
    g: Gazetteer, tt: TokenTable, keys: list[str], a: int, b: int
) -> tuple[str, str | None]:
    """The lookup key of tokens a..b and the feature hinted by a feature word at its end."""
    key = _span_key(keys, a, b)
    hint = FEATURE_WORDS.get(tt.lower[b - 1])
    if hint and b - a > 1:
        if g.ids_norm(key):  # "Orange County", "Kansas City": the full name is an entry
            return key, (hint if hint != "city" else None)
        return _span_key(keys, a, b - 1), hint
    return key, None


def _lookup(
    g: Gazetteer, tt: TokenTable, keys: list[str], a: int, b: int
) -> tuple[str, tuple[int, ...], str | None, float]:
    """Candidates of a recognised span, trying looser keys when the exact one is unknown."""
    key, hint = _strip_feature(g, tt, keys, a, b)
    ids = g.ids_norm(key)
    if ids:
        return key, ids, hint, 1.0
    # "eastern Ukraine", "Greater Manchester": drop leading direction words
    s = a
    while s < b - 1 and tt.lower[s] in DIRECTIONS:
        s += 1
    if s > a:
        k2, h2 = _strip_feature(g, tt, keys, s, b)
        ids = g.ids_norm(k2)
        if ids:
            return k2, ids, h2, 0.8
    return key, (), hint, 1.0


def _ner_cands(g: Gazetteer, doc: Doc, tt: TokenTable, keys: list[str]) -> list[_Cand]:
    out = []
    for ent in doc.ents:
        if ent.label_ not in PLACE_LABELS:
            continue
        a, b = ent.start, ent.end
        while a < b and tt.lower[a] in ("the", "a"):
            a += 1
        while b > a and (tt.lower[b - 1] in ("'s", "’s", "'") or tt.is_punct[b - 1]):
            b -= 1
        if a >= b:
            continue
        if b - a == 1 and tt.lower[a] in DIRECTIONS:
            continue  # "the South", "the West": too vague to place
        key, ids, hint, recog = _lookup(g, tt, keys, a, b)
        dem = g.demonyms.get(key) if not ids and b - a <= 2 else None
        if dem is not None:  # "Ukrainian" tagged GPE
            out.append(_Cand(a, b, key, (), "demonym", 0.85, fixed=dem, label=ent.label_))
            continue
        if not ids and ent.label_ == "FAC":
            continue  # unknown buildings and roads: the landmark reader decides
        rec = recog * (0.9 if ent.label_ != "FAC" else 0.8)
        out.append(_Cand(a, b, key, ids, "ner", rec, hint, label=ent.label_, exact=True))
    return out


def _matcher_cands(
    g: Gazetteer, tt: TokenTable, keys: list[str], ent_of: list[Span | None]
) -> list[_Cand]:
    """Capitalised token runs whose normalised text is a gazetteer name or a demonym."""
    out = []
    texts = tt.text  # plain lists: indexing a Doc builds a Token object each time
    n = len(texts)
    lowers = tt.lower
    multi = g.multiword_starts
    i = 0
    while i < n:
        text = texts[i]
        if not keys[i] or not text[:1].isupper():
            i += 1
            continue
        found = None
        # a longer span's key starts with this token's key: skip them when no name does
        longest = min(n, i + MAX_WORDS) if keys[i].split(" ", 1)[0] in multi else i + 1
        for b in range(longest, i, -1):
            if not keys[b - 1] or lowers[b - 1] in CONNECTORS:
                continue
            key = _span_key(keys, i, b)
            dem = g.demonyms.get(key) if b - i <= 2 else None
            if dem is not None:  # "Canadian" is also a county: the demonym reading first
                ent = ent_of[i]
                if ent is None or ent.label_ not in ("GPE", "LOC") or ent.end != b:
                    found = _Cand(i, b, key, (), "demonym", 0.85, fixed=dem)
                    break
            if b - i == 1 and g.abbr_id(text) is not None and _party_state(tt, i):
                found = _Cand(i, b, key, (), "match", 0.9, fixed=g.abbr_id(text))
                break
            if b - i == 1 and is_acronym(text) and key not in g.acronyms:
                continue  # "BA", "U.N.", "M.D.": only curated acronyms name places
            ids = g.ids_norm(key)
            if not ids:
                continue  # lower-case words inside only where the whole is a name
            found = _Cand(i, b, key, ids, "match", 0.9)
            break
        if found:
            ents = {ent_of[t] for t in range(found.start, found.end)}
            ent = next(iter(ents)) if len(ents) == 1 else None
            if ent is not None:
                found.label = ent.label_
                first = ent.start
                while first < ent.end - 1 and lowers[first] in ("the", "a"):
                    first += 1
                last = ent.end
                while last > first + 1 and (lowers[last - 1] in ("'s", "’s", "'")):
                    last -= 1
                found.exact = first == found.start and last == found.end
            elif len(ents) > 1:
                found.label = "+".join(sorted(e.label_ for e in ents if e is not None))
            out.append(found)
            i = found.end
        else:
            i += 1
    return out


def _party_state(tt: TokenTable, i: int) -> bool:
    """ "R-Ky.", "D-N.Y.": the state of a US legislator."""
    return i >= 2 and tt.text[i - 1] == "-" and tt.text[i - 2] in ("R", "D", "I")


def _dateline_cands(g: Gazetteer, tt: TokenTable, keys: list[str]) -> tuple[list[_Cand], set[int]]:
    """Dateline places, and the tokens of the regions written after them (placed there)."""
    out = []
    placed: set[int] = set()
    idx = tt.idx
    for a_char, b_char, ra, rb in dateline_spans(tt.doc_text):
        a = bisect.bisect_left(idx, a_char)
        if a >= len(idx) or idx[a] != a_char:
            continue
        b = bisect.bisect_left(idx, b_char, a)
        placed.update(range(bisect.bisect_left(idx, ra, b), bisect.bisect_left(idx, rb, b)))
        key, ids, hint, _ = _lookup(g, tt, keys, a, b)
        ids = _strong_ids(g, ids, key, tt.doc_text[a_char:b_char])
        if ids:
            out.append(_Cand(a, b, key, ids, "dateline", 0.95, hint or "city", marked=True,
                             standalone=ra == rb))  # fmt: skip
    return out, placed


def _marked_cands(
    g: Gazetteer, tt: TokenTable, keys: list[str], layout: Layout, known: set[int]
) -> list[_Cand]:
    """Capitalised names the text calls places ("the town of Kumai", "the Treme
    neighborhood", "Maoxian county") that no other reader found (`known`: their tokens)."""
    out = []
    for a, k in run_spans(tt, layout.seg):
        if (
            0 < k - a <= MAX_WORDS
            and not any(t in known for t in range(a, k))
            and not tt.text[a].isupper()
            and all(
                tt.pos[t] == "PROPN" and tt.ent_type[t] != "NORP"
                for t in range(a, k)
                if tt.text[t][:1].isupper()
            )
            and _span_key(keys, a, k) not in g.demonyms
            and _marked(tt, a, k)[0]
        ):
            key, ids, hint, _ = _lookup(g, tt, keys, a, k)
            out.append(_Cand(a, k, key, ids, "ner", 0.8, hint))
    return out


def _landmark_cands(g: Gazetteer, tt: TokenTable, keys: list[str], layout: Layout) -> list[_Cand]:
    out = []
    for s in landmark_spans(tt, layout):
        key = _span_key(keys, s.start, s.end)
        ids = g.ids_norm(key)
        out.append(_Cand(s.start, s.end, key, ids, "landmark", 0.85, marked=True))
    return out


def _marked(tt: TokenTable, a: int, b: int) -> tuple[bool, bool]:
    """(marked, suburb): the text calls tokens a..b a place ("the town of X", "villages of
    X and Y", "X county", "the X neighborhood")."""
    n = len(tt.text)
    if b < n and tt.lower[b] in MARK_AFTER:
        return True, tt.lower[b] in SUBURB_TRIGGERS
    if b - a > 1 and tt.lower[b - 1] in MARK_AFTER:
        return True, False  # "Yamhill County", "Maoxian County"
    k = prev_word(tt, a)
    if k >= 1 and tt.lower[k] == "of" and tt.lower[k - 1] in PLACE_TRIGGERS:
        return True, tt.lower[k - 1] in SUBURB_TRIGGERS
    if k >= 1 and tt.lower[k] in ("and", ",") and k >= 3 and tt.lower[k - 2] == "of":
        return tt.lower[k - 3] in PLACE_TRIGGERS, False  # "the villages of Foua and Kfraya"
    return False, False


def _adjectival(tt: TokenTable, a: int, b: int) -> bool:
    """A demonym that modifies a noun ("Russian troops", "the South Korean president"), not a
    people noun ("Russians", "the Irish") or a language ("in English")."""
    last = b - 1
    if tt.tag[last] in ("NNS", "NNPS"):
        return False
    if b + 1 < len(tt.text) and tt.text[b] == "-" and tt.lower[b + 1] in ETHNIC_HEADS:
        return False  # "African-American": an identity, not a place
    if a >= 2 and tt.text[a - 1] == "-" and tt.lower[a] in ETHNIC_HEADS:
        return False
    return tt.dep[last] in ("amod", "compound", "nmod", "npadvmod") or tt.tag[last] == "JJ"


YES, NO, WEAK = "yes", "no", "weak"  # verdicts: a place; not one; not enough evidence


def _direction_before(g: Gazetteer, tt: TokenTable, c: _Cand) -> None:
    """ "southeast Asia", "south-east Asia": a lower-case direction joins the name when the
    whole is an entry."""
    a = c.start
    if a == 0 or tt.lower[a - 1] not in DIRECTIONS or not tt.text[a - 1].islower():
        return
    starts = [(a - 1, tt.lower[a - 1])]
    if a >= 3 and tt.text[a - 2] == "-" and tt.lower[a - 3] in DIRECTIONS:
        starts.insert(0, (a - 3, tt.lower[a - 3] + tt.lower[a - 1]))  # "south-east"
    for start, word in starts:
        key = f"{word} {c.key}"
        # an area ("east Africa"), not a town of that name ("an east London hospital")
        ids = tuple(i for i in g.ids_norm(key) if g.feature[i] not in ("city", "admin2"))
        if ids and tt.text[start].islower():
            c.start, c.key, c.ids = start, key, ids
            return


def _accept(
    g: Gazetteer,
    tt: TokenTable,
    layout: Layout,
    c: _Cand,
    is_place_at: Callable[[int], bool],
    placed: set[int],
    placed_keys: set[str],
) -> str:
    """Weighs the evidence for and against a place reading of one candidate: YES, NO (evidence
    against it) or WEAK (no evidence against it, too little for it)."""
    a, b = c.start, c.end
    texts = tt.text
    single = b - a == 1
    if c.source == "demonym":
        if layout.embedded(a, b) or c.label == "PERSON":
            return NO  # "Royal Malaysian Navy", "European Indoor Championships"
        c.emit = _adjectival(tt, a, b)
        return YES
    if c.fixed is None and c.ids:
        _direction_before(g, tt, c)
        a = c.start
        single = b - a == 1
    c.marked, c.suburb = _marked(tt, a, b)
    surface = tt.doc_text[tt.idx[a] : tt.idx[b - 1] + len(texts[b - 1])]
    if c.fixed is None:
        c.ids = _strong_ids(g, c.ids, c.key, surface)
    comma_after = b + 1 < len(texts) and texts[b] == "," and is_place_at(b + 1)
    placed_here = locative_before(tt, a) or comma_after or a in placed
    loc = placed_here or c.marked
    words = [texts[k] for k in range(a, b) if any(ch.isalpha() for ch in texts[k])]
    if words and all(is_all_caps(w) for w in words):
        if a >= 2 and texts[a - 1] == "/" and is_all_caps(texts[a - 2]):
            loc = loc or locative_before(tt, a - 2)  # "in JAKARTA/SURABAYA"
        if not (c.key in g.acronyms or loc):
            return NO  # headings, credits, acronyms: "GRANTS", "WORLD BANK", "HART"
    elif c.key in g.acronyms:
        return NO  # "Us", "La": an acronym written as a word
    if c.key in g.article_keys and (a == 0 or tt.lower[a - 1] != "the"):
        return NO  # "Member States"
    if c.label in NON_PLACE_LABELS or (single and tt.lower[a] in DIRECTIONS):
        return NO  # "(January to March)", "the South"
    if any(g.feature[i] == "landmark" for i in c.ids) and institution(tt, a, b):
        return NO  # "the Kremlin denied", "White House press secretary": the institution
    inside = layout.embedded(a, b)
    if inside == "org" or (
        inside == "name" and not (placed_here and not layout.unknown_follows(b))
    ):
        return NO  # "Air France", "Bank of England", "Big Ten", "Indonesia AirAsia"
    if c.label and not c.exact and layout.unknown_follows(b):
        return NO  # the entity runs on into a word that names no place: "Central City Concern"
    if c.label in NAME_LABELS and not c.exact and c.label != "FAC" and not _in_after(tt, a):
        return NO  # inside a longer organisation or person name, not "X School in Inverness"
    if honorific_before(tt, a) or (_source_of_report(tt, a) and not _metonym(g, c.ids)):
        return NO  # "Mr Palmer"; "according to Xinhua"
    if _bracketed_surname(tt, a, b, is_place_at):
        return NO  # "Denzel (Washington)", "He (Bridge)"
    if b + 1 < len(texts) and tt.lower[b] in ("'s", "’s") and texts[b + 1] in ORG_HEADS:
        return NO  # "St. John's University"
    if b < len(texts) and texts[b] == "State" and c.ids:
        if not any(g.feature[i] == "city" and g.pop[i] >= BIG_CITY for i in c.ids):
            return NO  # "Ohio State": a university or its team ("New York State" is the state)
        c.end, c.hint = b + 1, "admin1"
    person = any(texts[k] in layout.person_words for k in range(a, b))
    possessive = b < len(texts) and tt.lower[b] in ("'s", "’s", "'", "’")
    if person and (possessive or not loc):
        strong = any(texts[k] in layout.person_names for k in range(a, b))
        if not _never_a_surname(g, c.ids) or (strong and c.key not in placed_keys):
            return NO  # "Salinas" after "Guadalupe Salinas Hernandez"; "Georgia Stevens"
    loc = loc or conjunct_of_locative(tt, a, is_place_at)  # "off Sumatra, and Borneo"
    if single and speaker_subject(tt, a, b) and not _metonym(g, c.ids) and not loc:
        return NO  # "Rubio tweeted", "Conway wrote"
    named = c.label in ("GPE", "LOC") and c.exact
    if single and tt.lower[a] in g.common_words and not loc and not named:
        return WEAK  # "Police", "Best", "Spring", "Store"
    if not c.ids and c.fixed is None:
        return YES if c.marked else WEAK  # unknown names: places only where the text says so
    if c.fixed is not None:
        return YES  # "R-Ky."
    if c.source == "ner":
        if c.label == "FAC" and not _prominent(g, c.ids, BIG_CITY):
            return WEAK  # "Notre Dame" (a university) is not the village of that name
        return YES
    # matcher hits: the entity label around them decides how much else is needed
    if c.label in ("GPE", "LOC") or loc:
        return YES
    if not c.label:
        if single and tt.pos[a] != "PROPN" and not texts[a].isupper():
            return NO
        if single:  # no entity at all around one word ("Kent, Stephanie and Rachel")
            return YES if _major(g, c.ids) else WEAK
        return YES if _prominent(g, c.ids, BIG_CITY) else WEAK
    if "+" in c.label or c.label == "NORP":
        return NO  # "Jewish law"
    if c.label == "PERSON":  # "Vladivostok" tagged PERSON: a big place named exactly
        c.recog = 0.6
        return YES if c.exact and _major(g, c.ids) else WEAK
    # ORG, NORP, PRODUCT, FAC named exactly: metonymy ("Russia said") of a major place, or a
    # landmark or natural feature the gazetteer knows ("Capitol Hill")
    c.recog = 0.8
    return YES if c.exact and _metonym(g, c.ids) else WEAK


def _extend_feature(tt: TokenTable, c: _Cand) -> None:
    """ "the Kursk region", "Washington state": a following feature word joins the span."""
    if c.source in ("demonym", "landmark") or c.end >= len(tt.text):
        return
    hint = FEATURE_WORDS.get(tt.lower[c.end])
    if hint and hint != "city" and tt.text[c.end].islower():
        c.end += 1
        c.hint = hint
        return
    if c.start >= 2 and tt.lower[c.start - 1] == "of":
        # "the province of X"; "the republic of Georgia" and "the territory of Ukraine" name
        # countries as often as states
        word = tt.lower[c.start - 2]
        prev = FEATURE_WORDS.get(word) if word not in ("republic", "territory") else None
        if prev:
            c.hint = prev
            return
    office = OFFICE_HINTS.get(tt.lower[c.end])
    if office and c.hint is None:
        c.hint = office  # "New York Gov. Andrew Cuomo", "London Mayor"


def _select(cands: list[_Cand]) -> list[_Cand]:
    """Non-overlapping spans: longer first, known to the gazetteer before unknown, then by
    source (dateline, landmark, NER, matcher, demonym)."""
    taken: list[_Cand] = []
    used: set[int] = set()

    def order(c: _Cand) -> tuple[int, bool, int, int]:
        unknown = not c.ids and c.fixed is None and c.source != "landmark"
        return -(c.end - c.start), unknown, RANK[c.source], c.start

    for c in sorted(cands, key=order):
        span = set(range(c.start, c.end))
        if span & used:
            continue
        used |= span
        taken.append(c)
    return sorted(taken, key=lambda c: c.start)


def _mark_clubs(g: Gazetteer, tt: TokenTable, chosen: list[_Cand]) -> None:
    """Towns' names that name sports clubs (`claimdesk.places.teams`) are not shown; they
    stay context for resolution (Chelsea and Liverpool say the story is English)."""
    sports = sports_story(tt)

    def town(c: _Cand) -> bool:
        """A town's name (a capital that is also its own province counts), not a country's
        or a state's ("Wales")."""
        if c.source not in ("ner", "match") or c.fixed is not None or not c.ids:
            return False
        if any(g.feature[i] not in ("city", "admin2", "admin1") for i in c.ids):
            return False
        towns = [g.pop[i] for i in c.ids if g.feature[i] in ("city", "admin2")]
        return bool(towns) and max(towns) >= max(g.pop[i] for i in c.ids) / 2

    towns = [c for c in chosen if town(c)]
    club_keys = set()
    for c in towns:
        evidence = club_evidence(tt, c.start, c.end, c.key, sports)
        if evidence:
            c.emit = False
            if evidence != SUFFIX:  # "Exeter City" says nothing of a bare "Exeter"
                club_keys.add(c.key)
    for c in towns:
        if c.key in club_keys and not placed_in(tt, c.start, c.end):
            c.emit = False  # the club again: "Newry boss ... beaten 5-1 by Newry"


def _abbr_parent(g: Gazetteer, tt: TokenTable, c: _Cand) -> _Cand | None:
    """ "Springfield, Ill.", "Austin, TX", "Walker County (Ga.)": a state abbreviation after a
    comma or in brackets."""
    j = c.end
    if j + 1 >= len(tt.text) or tt.text[j] not in (",", "("):
        return None
    if tt.text[j] == "(" and (j + 2 >= len(tt.text) or tt.text[j + 2] != ")"):
        return None
    t = tt.text[j + 1]
    if not _cap(t) or len(t.rstrip(".")) > 5:
        return None
    i = g.abbr_id(t)
    if i is None:
        return None
    return _Cand(j + 1, j + 2, norm(t), (i,), "match", 0.9, fixed=i)


def extract_places(doc: Doc, table: TokenTable | None = None) -> list[PlaceMention]:
    """Place mentions of a parsed document, resolved to gazetteer entries where possible
    (`table`: the document's token table, if the caller has built it)."""
    g = get_gazetteer()
    tt = table if table is not None else token_table(doc)
    if not tt.text:
        return []
    keys = _token_keys(tt.text)
    ent_of: list[Span | None] = [None] * len(doc)
    for ent in doc.ents:
        for t in range(ent.start, ent.end):
            ent_of[t] = ent
    matched = _matcher_cands(g, tt, keys, ent_of)
    named = {k for c in matched if c.ids for k in range(c.start, c.end) if c.end - c.start > 1}
    layout = build_layout(doc, tt, g, keys, named)

    def is_place_at(k: int) -> bool:
        """A known place name or a state abbreviation starts at token k ("X, Ill.")."""
        t = tt.text[k]
        if not _cap(t):
            return False
        if g.abbr_id(t) is not None:
            return True
        for b in range(min(len(keys), k + 3), k, -1):
            ids = g.ids_norm(_span_key(keys, k, b))
            if ids and _prominent(g, ids, LOOSE_CITY):
                return True
        return False

    datelines, placed = _dateline_cands(g, tt, keys)
    cands = datelines + _landmark_cands(g, tt, keys, layout)
    weak: list[_Cand] = []
    confirmed: set[str] = {c.key for c in datelines}
    found = _ner_cands(g, doc, tt, keys) + matched
    known = {k for c in found if c.ids or c.fixed is not None for k in range(c.start, c.end)}
    placed_keys = {c.key for c in found if locative_before(tt, c.start)}
    for c in found + _marked_cands(g, tt, keys, layout, known):
        verdict = _accept(g, tt, layout, c, is_place_at, placed, placed_keys)
        if verdict == YES:
            cands.append(c)
            if c.source != "demonym":
                confirmed.add(c.key)
                confirmed.update(g.names[i] for i in c.ids[:1] if len(c.ids) == 1)
        elif verdict == WEAK:
            weak.append(c)
    # one sense per article: a name shown to be a place elsewhere in it is one here too
    cands += [c for c in weak if c.key in confirmed or any(g.names[i] in confirmed for i in c.ids)]
    cands += _repeats(tt, keys, [c for c in cands if c.marked and not c.ids], cands)
    for c in cands:
        _extend_feature(tt, c)
    chosen = _select(cands)
    _mark_clubs(g, tt, chosen)

    extra = []
    replaced: set[int] = set()  # "HELENA, Mont.": the state, not the town of Mont
    for c in chosen:
        if c.source != "demonym":
            p = _abbr_parent(g, tt, c)
            over = [o for o in chosen if o.start <= p.start < o.end] if p else []
            if p and all(o.start == p.start and o.end == p.end and o.fixed is None for o in over):
                extra.append(p)
                replaced.update(id(o) for o in over)
    chosen = sorted([c for c in chosen if id(c) not in replaced] + extra, key=lambda c: c.start)

    text = tt.doc_text
    mentions = []
    for c in chosen:
        start, end = tt.idx[c.start], tt.idx[c.end - 1] + len(tt.text[c.end - 1])
        ids = c.ids if c.fixed is None else (c.fixed,)
        mentions.append(
            Mention(
                start=start,
                end=end,
                surface=text[start:end],
                key=c.key,
                ids=ids,
                hint=c.hint,
                role="demonym" if c.source == "demonym" else "literal",
                fixed=c.fixed,
                recog=c.recog,
                minor=g.minor.get(c.key, ()) if c.fixed is None else (),
                standalone=c.standalone,
            )
        )
    link_mentions(text, mentions)
    resolve(g, mentions)
    # "the South East" in a story about England is no district of Botswana, nor the "Southern
    # District of Ohio" one of Hong Kong: a compass name is shown only in a country the story
    # names otherwise
    compass = [_compass_name(tt, c) and c.fixed is None for c in chosen]
    countries = {g.cc[m.best] for m, v in zip(mentions, compass, strict=True) if m.best and not v}
    for m, c, v in zip(mentions, chosen, compass, strict=True):
        if v and (m.best is None or g.cc[m.best] not in countries):
            c.emit = False

    shown = [(m, c) for m, c in zip(mentions, chosen, strict=True) if c.emit]
    city = article_city(g, [(m.best, c.source) for m, c in shown])
    cities = {c.key: m.best for m, c in shown if m.best is not None and g.feature[m.best] == "city"}
    out = []
    for k, (m, c) in enumerate(zip(mentions, chosen, strict=True)):
        if not c.emit:
            continue
        place = g.place(m.best) if m.best is not None else None
        conf = m.confidence if place else 0.0
        if place is None and (c.source == "landmark" or c.suburb):
            host = _host_city(g, layout, keys, mentions, chosen, k, cities, city)
            if host is not None:
                place, conf = place_in_city(g, m.surface, host), 0.6
        if m.role == "demonym" and place:
            conf = 0.85
        out.append(PlaceMention(m.start, m.end, m.surface, place, round(conf, 3), m.role))
    return out


def _repeats(
    tt: TokenTable, keys: list[str], unknown: list[_Cand], cands: list[_Cand]
) -> list[_Cand]:
    """Other mentions of unknown names the text has marked as places ("the Treme
    neighborhood ... not only Treme")."""
    if not unknown:
        return []
    taken = {k for c in cands for k in range(c.start, c.end)}
    out = []
    for u in unknown:
        words = [keys[k] for k in range(u.start, u.end) if keys[k]]
        size = u.end - u.start
        for k in range(len(keys) - size + 1):
            if keys[k] != words[0] or k in taken or not tt.text[k][:1].isupper():
                continue
            if _span_key(keys, k, k + size) == u.key:
                out.append(_Cand(k, k + size, u.key, (), "ner", u.recog, u.hint, marked=True,
                                 suburb=u.suburb))  # fmt: skip
                taken.update(range(k, k + size))
    return out


def _host_city(
    g: Gazetteer,
    layout: Layout,
    keys: list[str],
    mentions: list[Mention],
    chosen: list[_Cand],
    k: int,
    cities: dict[str, int],
    city: int | None,
) -> int | None:
    """The city a landmark lies in: its "X in Y" / "X, Y" parent; a city of the article named
    inside it ("Salt Lake City Family History Library"); the nearest city named in its
    sentence; else the article's city, unless its sentence names a state or country elsewhere."""
    for p in mentions[k].parents:
        best = mentions[p].best
        if best is None:
            continue
        if g.feature[best] in ("city", "admin2", "region", "landmark"):
            return best  # "the Roosevelt Hotel in Hollywood"
        return None  # "the Olympic Dam mine in South Australia": too big an area to pin
    c = chosen[k]
    for size in range(c.end - c.start - 1, 0, -1):
        for a in range(c.start, c.end - size + 1):
            inner = cities.get(_span_key(keys, a, a + size))
            if inner is not None:
                return inner
    sent = layout.sent_id[c.start]
    near = [
        (abs(o.start - c.start), mentions[j].best)
        for j, o in enumerate(chosen)
        if j != k
        and o.source != "demonym"
        and o.emit
        and (best := mentions[j].best) is not None
        and g.feature[best] == "city"
        and layout.sent_id[o.start] == sent
    ]
    if near:
        return min(near)[1]
    if city is not None and any(  # "the Olympic Dam mine in South Australia": not there
        layout.sent_id[o.start] == sent
        and (b := mentions[j].best) is not None
        and g.feature[b] in ("country", "admin1")
        and (g.cc[b] != g.cc[city] or (g.feature[b] == "admin1" and g.admin1[b] != g.admin1[city]))
        for j, o in enumerate(chosen)
        if o.source != "demonym"
    ):
        return None
    return city
