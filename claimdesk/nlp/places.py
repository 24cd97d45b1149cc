"""Toponym recognition over a spaCy Doc, then offline resolution (claimdesk.geo).

Recognition merges three sources, longest span first:
1. spaCy GPE / LOC / FAC entities;
2. a gazetteer phrase matcher (dict lookups of capitalised token runs, at most MAX_WORDS long),
   which finds places the model mislabels ("Vladivostok" as PERSON) or misses, filtered against
   the entity labels so person and organisation names rarely pass as places;
3. demonyms ("Russian", "North Korean"), kept with role="demonym" and resolved to the country.
A trailing feature word ("the Kursk region", "Washington state") joins the span and hints the
feature; "X, Y" and "X in Y" make Y a parent of X. Resolution is in `claimdesk.geo.resolve`.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass

from spacy.tokens import Doc, Span

from claimdesk.geo.gazetteer import Gazetteer, get_gazetteer
from claimdesk.geo.normalize import norm
from claimdesk.geo.resolve import Mention, resolve
from claimdesk.model import PlaceMention
from claimdesk.nlp.token_table import TokenTable, token_table

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
DIRECTIONS = {
    "north", "south", "east", "west", "northern", "southern", "eastern", "western", "central",
    "northeastern", "northwestern", "southeastern", "southwestern", "northeast", "northwest",
    "southeast", "southwest", "upper", "lower", "greater",
}  # fmt: skip
# Lower-case words allowed inside a capitalised place name ("Bosnia and Herzegovina").
CONNECTORS = {"of", "and", "the", "de", "del", "da", "do", "dos", "du", "des", "la", "le", "el",
              "al", "upon", "on", "-", "'", "d'", "y", "am", "im", "an", "der", "sur"}  # fmt: skip
BIG_CITY = 100_000
LOOSE_CITY = 15_000


@dataclass
class _Cand:
    start: int  # token indices, end exclusive
    end: int
    key: str
    ids: tuple[int, ...]
    source: str  # ner | match | demonym
    recog: float
    hint: str | None = None
    fixed: int | None = None


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


# Token texts repeat a lot across a collection; normalising each distinct one once is free speed.
_norm_token = functools.lru_cache(maxsize=1 << 17)(norm)


def _token_keys(texts: list[str]) -> list[str]:
    return [_norm_token(t) for t in texts]


def _span_key(keys: list[str], a: int, b: int) -> str:
    return " ".join(k for k in keys[a:b] if k)


def _strip_feature(
    g: Gazetteer, doc: Doc, keys: list[str], a: int, b: int
) -> tuple[str, str | None]:
    """The lookup key of tokens a..b and the feature hinted by a feature word at its end."""
    key = _span_key(keys, a, b)
    last = doc[b - 1].lower_
    hint = FEATURE_WORDS.get(last)
    if hint and b - a > 1:
        if g.ids_norm(key):  # "Orange County", "Kansas City": the full name is an entry
            return key, (hint if hint != "city" else None)
        return _span_key(keys, a, b - 1), hint
    return key, None


def _lookup(
    g: Gazetteer, doc: Doc, keys: list[str], a: int, b: int
) -> tuple[str, tuple[int, ...], str | None, float]:
    """Candidates of a recognised span, trying looser keys when the exact one is unknown."""
    key, hint = _strip_feature(g, doc, keys, a, b)
    ids = g.ids_norm(key)
    if ids:
        return key, ids, hint, 1.0
    # "eastern Ukraine", "Greater Manchester": drop leading direction words
    s = a
    while s < b - 1 and doc[s].lower_ in DIRECTIONS:
        s += 1
    if s > a:
        k2, h2 = _strip_feature(g, doc, keys, s, b)
        ids = g.ids_norm(k2)
        if ids:
            return k2, ids, h2, 0.8
    return key, (), hint, 1.0


def _ner_cands(g: Gazetteer, doc: Doc, keys: list[str]) -> list[_Cand]:
    out = []
    for ent in doc.ents:
        if ent.label_ not in PLACE_LABELS:
            continue
        a, b = ent.start, ent.end
        while a < b and doc[a].lower_ in ("the", "a"):
            a += 1
        while b > a and (doc[b - 1].lower_ in ("'s", "’s", "'") or doc[b - 1].is_punct):
            b -= 1
        if a >= b:
            continue
        if b - a == 1 and doc[a].lower_ in DIRECTIONS:
            continue  # "the South", "the West": too vague to place
        key, ids, hint, recog = _lookup(g, doc, keys, a, b)
        if b - a == 1 and doc[a].text.endswith(".") and len(doc[a].text) > 2:
            ab = g.abbr_id(doc[a].text)
            if ab is not None:
                out.append(_Cand(a, b, key, (ab,), "ner", 0.9, fixed=ab))
                continue
        dem = g.demonyms.get(key) if not ids and b - a <= 2 else None
        if dem is not None:  # "Ukrainian" tagged GPE
            out.append(_Cand(a, b, key, (), "demonym", 0.85, fixed=dem))
            continue
        if not ids and ent.label_ == "FAC":
            continue  # unknown buildings and roads: not worth a map pin
        out.append(
            _Cand(a, b, key, ids, "ner", recog * (0.9 if ent.label_ != "FAC" else 0.8), hint)
        )
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
            # lower-case words only as connectors, or a multiword name ("Korean peninsula")
            key = _span_key(keys, i, b)
            dem = g.demonyms.get(key) if b - i <= 2 else None
            if dem is not None:  # "Canadian" is also a county: the demonym reading first
                ent = ent_of[i]
                if ent is None or ent.label_ not in ("GPE", "LOC") or ent.end != b:
                    found = _Cand(i, b, key, (), "demonym", 0.85, fixed=dem)
                    break
            ids = g.ids_norm(key)
            if b - i == 1 and text.endswith(".") and len(text) > 2:
                ab = g.abbr_id(text)  # "Calif.", "N.M.", "Mo.": abbreviations first
                if ab is not None:
                    found = _Cand(i, b, key, (ab,), "match", 0.9, fixed=ab)
                    break
            if not ids and dem is None:
                continue
            if any(
                not _cap(texts[k]) and lowers[k] not in CONNECTORS for k in range(i + 1, b)
            ) and (b - i < 2 or not ids):
                continue
            if ids:
                found = _Cand(i, b, key, ids, "match", 0.9)
            else:
                found = _Cand(i, b, key, (), "demonym", 0.85, fixed=dem)
            break
        if found:
            out.append(found)
            i = found.end
        else:
            i += 1
    return out


def _filter_match(
    g: Gazetteer, doc: Doc, c: _Cand, ent_of: list[Span | None], person_tokens: set[str]
) -> _Cand | None:
    """Keeps a matcher hit only when the entity labels around it allow a place reading."""
    ents = {ent_of[t] for t in range(c.start, c.end)}
    ent = next(iter(ents)) if len(ents) == 1 else None
    if c.source == "demonym":
        if any(e is not None and e.label_ == "PERSON" for e in ents):
            return None
        return c
    if any(e is not None and e.label_ in NON_PLACE_LABELS for e in ents):
        return None
    single = c.end - c.start == 1
    if single and doc[c.start].lower_ in DIRECTIONS:
        return None
    if ent is None and len(ents) == 1:  # no entity at all
        tok = doc[c.start]
        if single and tok.pos_ != "PROPN" and not tok.text.isupper():
            return None
        if not _prominent(g, c.ids, LOOSE_CITY):
            return None
        if not any(
            g.feature[i] not in ("city", "admin2") or norm(g.names[i]) == c.key for i in c.ids
        ):
            return None  # only an alternate name of some town: too weak without an entity
        return c
    exact = False
    if ent is not None:
        first = ent.start
        while first < ent.end - 1 and doc[first].lower_ in ("the", "a"):
            first += 1
        exact = first == c.start and ent.end == c.end
    if any(e is not None and e.label_ == "PERSON" for e in ents):
        # "Vladivostok" tagged PERSON: a big place named exactly, never someone's surname
        if not exact or not _prominent(g, c.ids, BIG_CITY):
            return None
        if any(doc[t].text in person_tokens for t in range(c.start, c.end)):
            return None
        c.recog = 0.6
        return c
    # ORG, NORP, PRODUCT ...: metonymy when exact, an embedded toponym when inside
    if not _prominent(g, c.ids, BIG_CITY):
        return None
    if not exact and not any(norm(g.names[i]) == c.key for i in c.ids):
        return None  # embedded: only under a place's own name, not an alternate one
    c.recog = 0.8 if exact else 0.5
    return c


def _extend_feature(g: Gazetteer, doc: Doc, keys: list[str], c: _Cand) -> None:
    """ "the Kursk region", "Washington state": a following feature word joins the span."""
    if c.source == "demonym" or c.end >= len(doc):
        return
    nxt = doc[c.end]
    hint = FEATURE_WORDS.get(nxt.lower_)
    if hint and hint != "city" and nxt.text.islower():
        c.end += 1
        c.hint = hint
        return
    if c.start >= 2 and doc[c.start - 1].lower_ == "of":
        prev = FEATURE_WORDS.get(doc[c.start - 2].lower_)
        if prev:
            c.hint = prev


def _select(cands: list[_Cand]) -> list[_Cand]:
    """Non-overlapping spans: longer first, then NER before matcher before demonym."""
    rank = {"ner": 0, "match": 1, "demonym": 2}
    taken: list[_Cand] = []
    used: set[int] = set()
    for c in sorted(cands, key=lambda c: (-(c.end - c.start), rank[c.source], c.start)):
        span = set(range(c.start, c.end))
        if span & used:
            continue
        used |= span
        taken.append(c)
    return sorted(taken, key=lambda c: c.start)


def _abbr_parent(g: Gazetteer, doc: Doc, c: _Cand) -> _Cand | None:
    """ "Springfield, Ill." / "Austin, TX": a state abbreviation after a comma."""
    j = c.end
    if j + 1 >= len(doc) or doc[j].text != ",":
        return None
    t = doc[j + 1]
    if not _cap(t.text) or len(t.text.rstrip(".")) > 5:
        return None
    i = g.abbr_id(t.text)
    if i is None:
        return None
    if len(t.text) == 2 and not t.text.isupper():
        return None
    return _Cand(j + 1, j + 2, norm(t.text), (i,), "abbr", 0.9, fixed=i)


def extract_places(doc: Doc, table: TokenTable | None = None) -> list[PlaceMention]:
    """Place mentions of a parsed document, resolved to gazetteer entries where possible
    (`table`: the document's token table, if the caller has built it)."""
    g = get_gazetteer()
    tt = table if table is not None else token_table(doc)
    keys = _token_keys(tt.text)
    ent_of: list[Span | None] = [None] * len(doc)
    person_tokens: set[str] = set()
    for ent in doc.ents:
        for t in range(ent.start, ent.end):
            ent_of[t] = ent
        if ent.label_ == "PERSON" and len(ent) > 1 and not g.ids_norm(norm(ent.text)):
            person_tokens.update(t.text for t in ent)  # "Michael Jackson" -> "Jackson" is a name

    cands = _ner_cands(g, doc, keys)
    for c in _matcher_cands(g, tt, keys, ent_of):
        kept = _filter_match(g, doc, c, ent_of, person_tokens)
        if kept:
            cands.append(kept)
    for c in cands:
        _extend_feature(g, doc, keys, c)
    chosen = _select(cands)

    extra = []
    for c in chosen:
        if c.source != "demonym":
            p = _abbr_parent(g, doc, c)
            if p and not any(o.start <= p.start < o.end for o in chosen):
                extra.append(p)
    chosen = sorted(chosen + extra, key=lambda c: c.start)

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
            )
        )
    # "X, Y" and "X in Y": Y is a parent of X
    for k in range(len(mentions) - 1):
        a, b = mentions[k], mentions[k + 1]
        between = text[a.end : b.start]
        if a.role == b.role == "literal" and (between.strip() == "," or between == " in "):
            a.parents.append(k + 1)
            b.children.append(k)
    resolve(g, mentions)

    out = []
    for m in mentions:
        place = g.place(m.best) if m.best is not None else None
        conf = m.confidence if place else 0.0
        if m.role == "demonym" and place:
            conf = 0.85
        out.append(PlaceMention(m.start, m.end, m.surface, place, round(conf, 3), m.role))
    return out
