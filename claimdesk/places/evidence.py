"""Evidence for and against reading a name as a place, from the layout of one document.

Built once per document in a few linear passes over the token table:
- capitalised runs ("Bank of England", "Guadalupe Salinas Hernandez", "Big Ten"): a place
  name inside a run that also holds an organisation head or an unknown proper noun is part of
  an organisation's, event's or person's name, not a pin;
- title-case lines (headings), where every word is capitalised and runs say little;
- words of people's names in the document ("Jackson" after "Michael Jackson");
- locative context: a preposition of place before the name, "X, Y" after it.
"""

from __future__ import annotations

import bisect
import functools
import itertools
from collections.abc import Callable
from dataclasses import dataclass

from spacy.tokens import Doc

from claimdesk.nlp.lexicons.place_words import (
    FACILITY_HEADS,
    FACILITY_LEADS,
    HONORIFICS,
    LOCATIVE_NOUNS,
    LOCATIVE_PREPS,
    MOTION_LEMMAS,
    NAME_CONNECTORS,
    ORG_HEADS,
    PLACE_WORDS,
    SPEECH_LEMMAS,
    TITLE_WORDS,
)
from claimdesk.nlp.token_table import TokenTable
from claimdesk.places.gazetteer import Gazetteer

# Entity labels of names that are not places: a candidate strictly inside one is embedded.
NAME_LABELS = frozenset({"ORG", "PRODUCT", "EVENT", "WORK_OF_ART", "LAW", "PERSON", "FAC"})
TITLE_LINE_SHARE = 0.75
MAX_NAME = 6  # tokens of a name around an unknown word
# Entity labels of capitalised words that are not names of anything placeable.
NOT_NAMES = frozenset({"DATE", "TIME", "CARDINAL", "ORDINAL", "MONEY", "PERCENT", "QUANTITY"})
# Lower-case words that join two capitalised parts of one name ("Bank of England").
JOINERS = frozenset({"of", "and", "&", "for", "de", "du", "la", "le", "von", "van", "der",
                     "del", "da", "y"})  # fmt: skip
KNOWN_CITY = 15_000
MAJOR_CITY = 1_000_000


def is_acronym(text: str) -> bool:
    """ "BA", "U.N.", "HART": capitals only, at most four letters (dots allowed)."""
    letters = text.replace(".", "")
    return letters.isalpha() and letters.isupper() and len(letters) <= 4


def is_all_caps(text: str) -> bool:
    return text.isupper() and sum(c.isalpha() for c in text) >= 2


@dataclass
class Layout:
    """Per-token facts of one document (lists indexed like the token table)."""

    run: list[int]  # id of the capitalised run holding the token, -1 outside any
    seg: list[int]  # the same, with runs not joined by "and" ("Putin and North Korea")
    run_org: dict[int, list[int]]  # run id -> tokens that are organisation heads
    seg_unknown: dict[int, list[int]]  # segment id -> proper nouns naming no known place
    title_line: list[bool]  # the token's line is a heading in title case
    line_start: list[bool]  # first token of a line
    sent_start: list[bool]
    sent_id: list[int]  # index of the sentence holding each token
    person_words: frozenset[str]  # words of multi-word names of people (or brands) in it
    person_names: frozenset[str]  # those the model labels PERSON ("Georgia Stevens")

    def embedded(self, a: int, b: int) -> str:
        """Tokens a..b sit inside a longer name: "org" (an organisation, event or work:
        "Bank of England", "Air France"), "name" (with a word that names no place: "Indonesia
        AirAsia", "Guadalupe Salinas Hernandez"), or "" (neither)."""
        r = self.run[a]
        if r < 0 or self.run[b - 1] != r:
            return ""
        if any(t < a or t >= b for t in self.run_org.get(r, ())):
            return "org"
        if self.title_line[a]:
            return ""
        if any(t < a or t >= b for t in self.seg_unknown.get(self.seg[a], ())):
            return "name"
        return ""

    def unknown_follows(self, b: int) -> bool:
        """The token right after a name is a proper noun of the same name that names no place:
        "Central City Concern", "Washington Heights". The place name is only the start of
        another name, whatever preposition stands before it ("to Central City Concern")."""
        if b >= len(self.seg) or self.seg[b] < 0 or self.seg[b] != self.seg[b - 1]:
            return False
        return b in self.seg_unknown.get(self.seg[b], ())


@functools.lru_cache(maxsize=1 << 16)
def _known_place_word(g: Gazetteer, key: str) -> bool:
    ids = g.index.get(key)
    if not ids:
        return key in g.demonyms
    for i in ids:
        f = g.feature[i]
        if f not in ("city", "admin2") or g.pop[i] >= KNOWN_CITY:
            return True
    return False


def _after_blank_line(tt: TokenTable, k: int) -> bool:
    """Token k opens a paragraph (a blank line, or the text's start, before it)."""
    if k == 0:
        return True
    gap = tt.doc_text[tt.idx[k - 1] + len(tt.text[k - 1]) : tt.idx[k]]
    if tt.is_space[k - 1]:
        gap = tt.text[k - 1] + gap
    lines = gap.count("\n")
    return lines >= 2 or (lines == 1 and tt.text[k - 1][-1:] in '.:;!?"”)')


def _major_word(g: Gazetteer, key: str) -> bool:
    """A country, state-level area or big city is named by this word ("Iran", not "Salinas")."""
    return any(
        g.feature[i] in ("country", "continent", "region", "admin1")
        or (g.feature[i] == "city" and g.pop[i] >= MAJOR_CITY)
        for i in g.index.get(key, ())
    )


def _lines(tt: TokenTable) -> tuple[list[bool], list[bool]]:
    """(line_start, title_line) per token."""
    n = len(tt.text)
    line_start = [False] * n
    title = [False] * n
    text, idx = tt.doc_text, tt.idx
    starts = [0]
    pos = text.find("\n")
    while pos >= 0:  # the first token after each newline opens a line
        k = bisect.bisect_right(idx, pos)
        if k < n and k != starts[-1]:
            starts.append(k)
        pos = text.find("\n", pos + 1)
    starts.append(n)
    for s, e in itertools.pairwise(starts):
        while s < e and tt.is_space[s]:
            s += 1
        if s >= e:
            continue
        line_start[s] = True
        content = [
            tt.text[k] for k in range(s, e) if tt.is_alpha[k] and tt.lower[k] not in NAME_CONNECTORS
        ]
        if len(content) >= 4:
            caps = sum(w[:1].isupper() for w in content)
            if caps >= TITLE_LINE_SHARE * len(content):
                for k in range(s, e):
                    title[k] = True
    return line_start, title


def _runs(tt: TokenTable, starts: list[bool], joiners: frozenset[str]) -> list[int]:
    """Run id of each token: maximal sequences of capitalised words, joined by `joiners`
    ("Bank of England") and glued hyphens ("Saint-Germain"); -1 outside any."""
    n = len(tt.text)
    texts, idx = tt.text, tt.idx

    def cap(k: int) -> bool:
        t = texts[k]
        return t[:1].isupper() and not tt.is_punct[k] and t not in TITLE_WORDS

    def glued(k: int) -> bool:
        return (
            0 < k < n - 1
            and idx[k] == idx[k - 1] + len(texts[k - 1])
            and idx[k + 1] == idx[k] + len(texts[k])
        )

    run = [-1] * n
    rid = -1
    open_run = False
    for k in range(n):
        if starts[k]:
            open_run = False
        if cap(k):
            if not open_run:
                rid += 1
                open_run = True
            run[k] = rid
            continue
        t = texts[k]
        nxt = k + 2 if t in ("of", "for") and k + 2 < n and texts[k + 1] == "the" else k + 1
        joins = (
            open_run
            and nxt < n
            and cap(nxt)
            and not starts[nxt]
            and (t in joiners or (t == "the" and texts[k - 1] in ("of", "for"))
                 or (t == "-" and glued(k)))
        )  # fmt: skip
        if joins:
            run[k] = rid
        else:
            open_run = False
    return run


def build_layout(
    doc: Doc, tt: TokenTable, g: Gazetteer, keys: list[str], named: set[int]
) -> Layout:
    """The layout of one document (`named`: tokens inside gazetteer names the matcher found)."""
    n = len(tt.text)
    sent_start = [False] * n
    for s in doc.sents:
        sent_start[s.start] = True
    line_start, title_line = _lines(tt)
    starts = [a or (b and _after_blank_line(tt, k)) for k, (a, b) in
              enumerate(zip(sent_start, line_start, strict=True))]  # fmt: skip
    texts, pos, ent_type = tt.text, tt.pos, tt.ent_type
    run = _runs(tt, starts, JOINERS)
    seg = _runs(tt, starts, JOINERS - {"and", "&"})  # "Putin and North Korea": two names

    run_org: dict[int, list[int]] = {}
    seg_unknown: dict[int, list[int]] = {}
    for k in range(n):
        if run[k] < 0:
            continue
        t = texts[k]
        if t in ORG_HEADS:
            run_org.setdefault(run[k], []).append(k)
        elif (
            pos[k] == "PROPN"
            and t[:1].isupper()
            and k not in named
            and ent_type[k] not in NOT_NAMES
            and not is_acronym(t)
            and g.abbr_id(t) is None
            and t not in PLACE_WORDS
            and t not in FACILITY_HEADS
            and t not in FACILITY_LEADS
            and keys[k]
            and not _known_place_word(g, keys[k])
        ):
            seg_unknown.setdefault(seg[k], []).append(k)

    person: set[str] = set()
    for r, unknown in seg_unknown.items():  # "Guadalupe Salinas Hernandez": a person's name
        members = [k for k in range(unknown[0] - MAX_NAME, unknown[-1] + MAX_NAME)
                   if 0 <= k < n and seg[k] == r]  # fmt: skip
        if len(members) < 2 or title_line[members[0]] or run[members[0]] in run_org:
            continue
        person.update(
            texts[k] for k in members if texts[k][:1].isupper() and not _major_word(g, keys[k])
        )
    single: dict[str, int] = {}
    labelled: set[str] = set()
    for ent in doc.ents:
        if ent.label_ != "PERSON":
            continue
        if len(ent) > 1:
            words = [t.text for t in ent if t.text[:1].isupper() and t.lower_ not in HONORIFICS]
            if len(words) > 1:
                labelled.update(words)
        else:  # a one-word name the model reads as a person's again and again
            single[ent.text] = single.get(ent.text, 0) + 1
    labelled.update(w for w, times in single.items() if times >= 2)
    person |= labelled
    sent_id = list(itertools.accumulate(int(x) for x in sent_start))
    return Layout(run, seg, run_org, seg_unknown, title_line, line_start, sent_start, sent_id,
                  frozenset(person), frozenset(labelled))  # fmt: skip


def run_spans(tt: TokenTable, run: list[int]) -> list[tuple[int, int]]:
    """(start, end) of each run of `run` (a Layout's `run` or `seg`), leading articles off."""
    out = []
    n = len(run)
    k = 0
    while k < n:
        r = run[k]
        if r < 0:
            k += 1
            continue
        a = k
        while k < n and run[k] == r:
            k += 1
        while a < k and tt.lower[a] in ("the", "a"):
            a += 1
        if a < k:
            out.append((a, k))
    return out


def prev_word(tt: TokenTable, a: int) -> int:
    """Index of the word before token a, skipping articles and possessive determiners."""
    k = a - 1
    while k >= 0 and tt.lower[k] in ("the", "a", "an"):
        k -= 1
    return k


def locative_before(tt: TokenTable, a: int) -> bool:
    """ "in Paris", "near the town", "from Jakarta", "dispatched to Vladivostok": a
    preposition of place (or "to" after a verb of motion) before a."""
    k = prev_word(tt, a)
    if k < 0 or not tt.text[k].islower():
        return False
    if tt.lower[k] == "to":
        h = tt.head[k]
        return h != k and tt.lemma_lower[h] in MOTION_LEMMAS
    if tt.lower[k] == "of":  # "off the coast of Borneo", "the outskirts of Aleppo"
        j = prev_word(tt, k)
        return j >= 0 and tt.lower[j] in LOCATIVE_NOUNS
    return tt.lower[k] in LOCATIVE_PREPS


def conjunct_of_locative(
    tt: TokenTable, a: int, is_place_at: Callable[[int], bool], max_words: int = 4
) -> bool:
    """ "off Sumatra, and Borneo", "in Kentucky and Tennessee": the name follows "and", "or"
    or a comma after a known place name that has a preposition of place before it."""
    k = a - 1
    if k < 0 or tt.lower[k] not in ("and", "or", ","):
        return False
    if tt.lower[k] in ("and", "or") and k > 0 and tt.text[k - 1] == ",":
        k -= 1
    j = k - 1
    while j >= 0 and k - j <= max_words and tt.text[j][:1].isupper():
        j -= 1
    return j < k - 1 and is_place_at(j + 1) and locative_before(tt, j + 1)


def honorific_before(tt: TokenTable, a: int) -> bool:
    return a > 0 and tt.lower[a - 1] in HONORIFICS and tt.text[a - 1][:1].isupper()


def speaker_subject(tt: TokenTable, a: int, b: int) -> bool:
    """The name is the subject of a speech or personal verb ("Rubio tweeted")."""
    for k in range(a, b):
        if tt.dep[k] in ("nsubj", "nsubjpass") and tt.head[k] != k:
            return tt.lemma_lower[tt.head[k]] in SPEECH_LEMMAS
    return False


def comma_place_after(tt: TokenTable, b: int, is_place: Callable[[int], bool]) -> bool:
    """ "Toco, Oklahoma", "Springfield, Ill.": a comma and a known place after the name."""
    return b + 1 < len(tt.text) and tt.text[b] == "," and is_place(b + 1)
