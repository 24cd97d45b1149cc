"""Speaker resolution within one document: mentions to named sources with kind and affiliation.

The speaker mention of each quote ("he", "Yu", "the president", "they", "who") is resolved in
text order against two memories built from the same Doc:

- a registry of people named in the text (PERSON entities), keyed by surname and full name,
  with their titles ("South Korean President Yoon Suk Yeol"), appositions ("Miles Yu, director of
  the China Center ...") and, where known, gender (honorifics, gendered titles, given names);
- the history of speakers already resolved in this document.

Surnames go to the full name seen earlier; "the <title>" to the most recent person holding
that title; relative pronouns to their antecedent. Pronouns (gender for he/she, plural for
they, non-person for it) go to a compatible person the pronoun's own sentence has just brought
in as a subject, else the most recent compatible speaker, else the person named last as a
main-clause subject, else the person named last; a club, party or place the tagger took for a
person (organisation_tokens) is passed over while a real person is at hand, and someone the
quote itself talks about is not brought in as its speaker.
"""

from __future__ import annotations

import bisect
import itertools
import re
from collections.abc import Callable
from dataclasses import dataclass, field, replace

from spacy.tokens import Doc, Span, Token

from claimdesk.model import Quote, Source, stronger_kind
from claimdesk.nlp.lexicons.cues import default_lexicon
from claimdesk.nlp.lexicons.source_words import (
    AGENCY_WORDS,
    ANONYMOUS_HEADS,
    EXPERT_INSTITUTIONS,
    EXPERT_TITLES,
    FEMALE_NAMES,
    FEMALE_WORDS,
    HONORIFICS,
    MALE_NAMES,
    MALE_WORDS,
    MEDIA_WORDS,
    OFFICIAL_TITLES,
)
from claimdesk.nlp.quote_marks import find_quoted_spans
from claimdesk.nlp.quote_speaker import hyphenated_text, mention_bounds, standalone_possessive

_MALE_PRON = {"he", "him", "his", "himself"}
_FEMALE_PRON = {"she", "her", "hers", "herself"}
_PLURAL_PRON = {"they", "them", "their", "theirs"}
_NEUTER_PRON = {"it", "its"}
_RELATIVE = {"who", "whom", "which", "that", "whose"}
_DEMONSTRATIVE = {"this", "these", "those"}
_ALL_TITLES = OFFICIAL_TITLES | EXPERT_TITLES


@dataclass
class Person:
    name: str
    first_at: int  # character offset of the first full mention
    titles: set[str] = field(default_factory=set)
    affiliation: str | None = None
    gender: str | None = None  # "m" | "f" | None
    mentions: list[int] = field(default_factory=list)  # where the text names them
    body_like: bool = False  # every naming reads as a club, party or place (organisation_tokens)


@dataclass
class Resolved:
    name: str
    source: Source
    at: int  # character offset of the mention
    gender: str | None = None
    plural: bool = False
    person: bool = False
    titles: set[str] = field(default_factory=set)
    body_like: bool = False


def title_key(word: str) -> str | None:
    """The title a word holds: "chairman" for "chairman" and for "co-chairman"; else None."""
    word = word.lower()
    if word in _ALL_TITLES:
        return word
    last = word.rsplit("-", 1)[-1]
    return last if "-" in word and last in _ALL_TITLES else None


def _head_of(span: Span) -> Token:
    """The head of a mention; when a parser error leaves several words hanging outside it
    ('co' and 'Stone' in 'co-chairman Mark Stone'), the name among them."""
    tops = [t for t in span if not (span.start <= t.head.i < span.end) or t.head == t]
    named = [t for t in tops if t.ent_type_ == "PERSON" or t.pos_ == "PROPN"]
    return (named or [span.root])[-1] if len(tops) > 1 else span.root


def _appositive_name(span: Span) -> Span | None:
    """The person named in apposition to a described speaker ("the co-chairman of Redbridge,
    Mark Stone"), when the mention itself is not a name."""
    head = _head_of(span)
    if head.ent_type_ == "PERSON":
        return None
    for t in span:
        for c in t.children:
            if c.dep_ == "appos" and c.ent_type_ == "PERSON" and c.i > t.i:
                a, b = mention_bounds(c)
                return span.doc[a:b]
    return _described_twice(span, head)


def _described_twice(span: Span, head: Token) -> Span | None:
    """The person of "record holder and BBC pundit Jonathan Edwards": two descriptions of one
    named person, which the parser reads as a description and a person joined by "and". Only
    where the first is a bare singular description (no determiner, no name of its own): "the
    minister and Tom Baxter" are two."""
    if head.pos_ != "NOUN" or head.tag_ != "NN":
        return None
    conj = [c for c in head.children if c.dep_ == "conj" and c.i > head.i]
    if len(conj) != 1 or conj[0].ent_type_ != "PERSON":
        return None
    a, b = mention_bounds(conj[0])
    before = span.doc[span.start : a]
    if any(t.pos_ == "DET" or t.ent_type_ == "PERSON" for t in before) or b != span.end:
        return None
    return span.doc[a:b]


def _words(text: str) -> list[str]:
    return [w.strip(",.’'").lower() for w in text.split()]


def _entity_around(t: Token) -> Span:
    """The named entity the token belongs to ("Mark Stone" in "co-chairman Mark Stone")."""
    doc = t.doc
    a = t.i
    while a > 0 and doc[a].ent_iob_ == "I":
        a -= 1
    b = t.i + 1
    while b < len(doc) and doc[b].ent_iob_ == "I":
        b += 1
    return doc[a:b]


def _wordy(t: Token) -> bool:
    return any(ch.isalnum() for ch in t.text)


def _clean_name(span: Span) -> str:
    toks = [t for t in span if t.dep_ != "case" and t.text not in ("'s", "’s")]
    while toks and (toks[0].lower_ in HONORIFICS or toks[0].pos_ == "DET" or not _wordy(toks[0])):
        toks = toks[1:]
    while toks and not _wordy(toks[-1]):  # a dash or mark the tagger took into the name
        toks = toks[:-1]
    if not toks:
        return span.text
    # the words as written ("Kilroy-Silk", not "Kilroy - Silk"), on one line
    written = toks[0].text
    for prev, t in itertools.pairwise(toks):
        written += (prev.whitespace_ if t.i == prev.i + 1 else " ") + t.text
    return " ".join(written.split()).strip(" ,") or span.text


def _gender_of(words: list[str], given: str | None) -> str | None:
    if any(w in MALE_WORDS for w in words):
        return "m"
    if any(w in FEMALE_WORDS for w in words):
        return "f"
    if given:
        g = given.lower()
        if g in MALE_NAMES:
            return "m"
        if g in FEMALE_NAMES:
            return "f"
    return None


def _premodifiers(ent: Span) -> list[Token]:
    """Words written right before a name inside its noun phrase ("Pentagon spokeswoman X")."""
    doc = ent.doc
    out: list[Token] = []
    i = ent.start - 1
    while i >= 0 and ent.start - i <= 6:
        t = doc[i]
        if t.dep_ not in ("compound", "amod", "nmod") or not (i < t.head.i < ent.end):
            break
        out.append(t)
        i -= 1
    return out[::-1]


def _title_words(ent: Span) -> list[str]:
    return [t.lower_ for t in _premodifiers(ent)]


def _affiliation_before(ent: Span) -> str | None:
    pre = _premodifiers(ent)
    titles = [k for k, t in enumerate(pre) if t.lower_ in _ALL_TITLES]
    if not titles:
        return None
    org = [t for t in pre[: titles[0]] if t.pos_ in ("PROPN", "ADJ")]
    return " ".join(t.text for t in org) or None


def _appos_info(root: Token) -> tuple[set[str], str | None]:
    """Titles and affiliation from an apposition: 'X, director of the China Center at ...'."""
    titles: set[str] = set()
    affiliation = None
    for ap in root.children:
        if ap.dep_ != "appos":
            continue
        heads = [ap] + [c for c in ap.children if c.dep_ == "conj"]
        for h in heads:
            titles.add(h.lemma_.lower())
            for c in h.lefts:
                if c.lower_ in _ALL_TITLES:
                    titles.add(c.lower_)
            prep = next(
                (c for c in h.children if c.dep_ == "prep" and c.lower_ in ("of", "at")), None
            )
            if prep is None:
                # "Pentagon spokeswoman" as an apposition: the compound is the affiliation
                comp = [c for c in h.lefts if c.dep_ == "compound" and c.pos_ == "PROPN"]
                if comp and affiliation is None:
                    affiliation = " ".join(c.text for c in comp)
                continue
            obj = next((c for c in prep.children if c.dep_ == "pobj"), None)
            if obj is not None and affiliation is None:
                toks = list(obj.doc[obj.left_edge.i : obj.right_edge.i + 1])
                stops = (",", ";", "(", "and", "or")
                cut = next((k for k, t in enumerate(toks) if t.lower_ in stops), len(toks))
                toks = toks[:cut]
                while toks and toks[0].pos_ == "DET":
                    toks = toks[1:]
                affiliation = " ".join(t.text for t in toks) or None
    return titles, affiliation


def _name_word(t: Token) -> bool:
    return t.pos_ == "PROPN" and t.text[:1].isupper() and (t.is_alpha or t.text.endswith("."))


_PLACE_OR_BODY = ("ORG", "GPE", "NORP", "FAC", "LOC")
_PLACES = ("GPE", "FAC", "LOC")
_PLURAL_AGREEMENT = {"are", "were", "have", "'re", "’re", "'ve", "’ve"}
_INITIALS = re.compile(r"(?:[A-Z]\.){1,3}")  # "J.C.", a given name written as initials


def organisation_tokens(doc: Doc) -> set[int]:
    """Tokens of PERSON entities that the text shows to be organisations or places the small
    model mis-tagged (a football club, a party): the same words tagged as a body or a place
    more often elsewhere in the document; coordinated with a body or a place ('West Brom and
    Aston Villa'); taking a plural verb as one name ('Blackburn are trying'); or an acronym.
    A name with a given name, an honorific or a title before it stays a person."""
    votes: dict[str, list[int]] = {}
    for e in doc.ents:
        tally = votes.setdefault(e.text.lower(), [0, 0])
        tally[0 if e.label_ == "PERSON" else 1] += e.label_ in (*_PLACE_OR_BODY, "PERSON")
    surnames = {
        words[-1].lower_
        for e in doc.ents
        if e.label_ == "PERSON" and len(words := [t for t in e if t.is_alpha]) > 1
    }
    out: set[int] = set()
    for e in doc.ents:
        if e.label_ != "PERSON" or _personal(e) or len(e) == 1 and e[0].lower_ in surnames:
            continue  # a person's name, or the surname of someone named in full
        root = e.root
        person_votes, other_votes = votes.get(e.text.lower(), [1, 0])
        group = _coordination(root)
        plural_verb = (
            root.dep_ == "nsubj"
            and root.tag_ == "NNP"
            and len(group) == 1
            and (
                root.head.tag_ == "VBP"
                or any(
                    c.dep_ == "aux" and c.lower_ in _PLURAL_AGREEMENT for c in root.head.children
                )
            )
        )
        bodies = sum(t.ent_type_ in _PLACE_OR_BODY for t in group)
        if (
            len(e) == 1
            and other_votes >= person_votes
            or len(group) > 1
            and bodies >= len(group) - bodies
            or plural_verb
            or len(e) == 1
            and e.text.isupper()
            and len(e.text) > 1
        ):
            out.update(range(e.start, e.end))
    return out


def _coordination(t: Token) -> list[Token]:
    """The heads of the coordinated phrases a token belongs to ('West Brom and Aston Villa')."""
    top = t
    while top.dep_ == "conj" and top.head != top:
        top = top.head
    out = [top]
    k = 0
    while k < len(out):
        out += [c for c in out[k].children if c.dep_ == "conj"]
        k += 1
    return out


def _personal(e: Span) -> bool:
    """A PERSON entity that reads as a person's name: a known given name, or an honorific or
    title right before it."""
    first = e[0].lower_
    before = e.doc[e.start - 1].lower_ if e.start > 0 else ""
    return (
        first in MALE_NAMES
        or first in FEMALE_NAMES
        or first in HONORIFICS
        or before in HONORIFICS
        or bool(title_key(first))
        or bool(title_key(before))
    )


def person_spans(doc: Doc) -> list[Span]:
    """PERSON entities, and the runs of proper names the tagger missed (or took for places and
    organisations) that the text itself marks as people: a title or honorific before them
    ("Mayor Ana Ruiz"), a common given name, or a surname used elsewhere with an honorific
    ("Nadia Petrova" ... "Ms Petrova")."""
    spans = [e for e in doc.ents if e.label_ == "PERSON"]
    taken = {i for e in spans for i in range(e.start, e.end)}
    honoured = {
        doc[i + 1].lower_
        for i in range(len(doc) - 1)
        if doc[i].lower_ in HONORIFICS and _name_word(doc[i + 1])
    }
    i = 0
    while i < len(doc):
        if i in taken or not _name_word(doc[i]):
            i += 1
            continue
        j = i
        while j < len(doc) and j - i < 6 and j not in taken and _name_word(doc[j]):
            j += 1
        k = i
        while k < j and (doc[k].lower_ in HONORIFICS or title_key(doc[k].lower_)):
            k += 1
        before = doc[i - 1].lower_ if i > 0 else ""
        titled = k > i or before in HONORIFICS or bool(title_key(before))
        name = doc[k:j]
        given = name[0].lower_ in MALE_NAMES or name[0].lower_ in FEMALE_NAMES if name else False
        # initials for given names ("J.C. Chandor", "J. K. Rowling"): a person's name
        given = given or len(name) > 1 and _INITIALS.fullmatch(name[0].text) is not None
        if 0 < len(name) <= 4 and (
            titled or len(name) > 1 and (given or name[-1].lower_ in honoured)
        ):
            spans.append(name)
        i = j
    return sorted(spans, key=lambda s: s.start)


def _pronoun_after(ent: Span, named: set[int]) -> str | None:
    """Gender from the first personal pronoun after a name in its sentence, when no other
    person is named in between ('Guercio ... witnessed the slashing but she was not hurt')."""
    for t in ent.doc[ent.end : ent.sent.end]:
        if t.i in named:
            return None
        if t.dep_ not in ("nsubj", "nsubjpass", "poss"):
            continue  # 'McCaskill scolded him': an object is someone else
        if t.lower_ in _MALE_PRON:
            return "m"
        if t.lower_ in _FEMALE_PRON:
            return "f"
    return None


def _name_words(name: str) -> list[str]:
    """The words of a name as the tokens give them: a hyphenated surname is looked up by its
    last part, as a mention tokenised on its hyphen ('Kilroy-Silk' -> 'Silk') is."""
    return name.replace("-", " ").split()


def build_registry(doc: Doc) -> dict[str, list[Person]]:
    """People named in the document, keyed by lower-cased full name and surname."""
    reg: dict[str, list[Person]] = {}
    spans = person_spans(doc)
    named = {i for e in spans for i in range(e.start, e.end)}
    bodies = organisation_tokens(doc)
    quoted = find_quoted_spans(doc.text)
    for ent in spans:
        body_like = ent.start in bodies
        name = _clean_name(ent)
        parts = _name_words(name)
        if not parts:
            continue
        titles = set(_title_words(ent))
        ap_titles, affiliation = _appos_info(ent.root)
        titles |= ap_titles
        affiliation = affiliation or _affiliation_before(ent)
        # the word before the name and the name's own honorific ("Mr MacDonell") tell gender
        pre = _words(doc[max(0, ent.start - 1) : ent.start].text) + [t.lower_ for t in ent]
        gender = _gender_of(pre + list(titles), parts[0] if len(parts) > 1 else None)
        gender = gender or _pronoun_after(ent, named)
        known = _lookup(reg, name, ent.start_char)
        # a longer form met only inside quotation marks ('"Crooked Hillary Clinton"') is
        # someone's nickname for the person, not their name
        in_quotes = any(q.start <= ent.start_char < q.end for q in quoted)
        if known is not None and (len(_name_words(known.name)) >= len(parts) or in_quotes):
            known.titles |= titles
            known.affiliation = known.affiliation or affiliation
            known.gender = known.gender or gender
            known.body_like = known.body_like and body_like
            continue
        person = Person(name, ent.start_char, titles, affiliation, gender, body_like=body_like)
        for key in {name.lower(), parts[-1].lower()}:
            reg.setdefault(key, []).append(person)
    # every later naming, by surname too ('Guercio, whose family ...'), marks where they are
    for t in doc:
        if t.pos_ == "PROPN" and (t.i + 1 == len(doc) or doc[t.i + 1].pos_ != "PROPN"):
            p = _lookup(reg, t.lower_, t.idx)
            if p is not None and t.lower_ == _name_words(p.name)[-1].lower():
                p.mentions.append(t.idx)
    return reg


def _lookup(
    reg: dict[str, list[Person]], name: str, before: int, full_only: bool = False
) -> Person | None:
    parts = _name_words(name.lower())
    if not parts:
        return None
    for key in (name.lower(),) if full_only else (name.lower(), parts[-1]):
        cands = [p for p in reg.get(key, ()) if p.first_at <= before]
        if cands:
            return max(cands, key=lambda p: len(p.name))
    return None


def _latest(reg: dict[str, list[Person]], at: int, test: Callable[[Person], bool]) -> Person | None:
    """The person named most recently before `at` that passes `test`."""
    best, best_at = None, -1
    for people in reg.values():
        for p in people:
            last = max((m for m in [p.first_at, *p.mentions] if m < at), default=-1)
            if last > best_at and test(p):
                best, best_at = p, last
    return best


def _kind(head_words: list[str], titles: set[str], affiliation: str | None, label: str) -> str:
    aff = _words(affiliation or "")
    if titles & EXPERT_TITLES or any(w in EXPERT_INSTITUTIONS for w in aff):
        return "expert"
    if titles & OFFICIAL_TITLES:
        return "official"
    if any(w in MEDIA_WORDS for w in head_words) and label in ("ORG", "WORK_OF_ART", ""):
        return "media"
    if label in ("ORG", "GPE", "NORP", "FAC") or any(w in AGENCY_WORDS for w in head_words):
        if any(w in MEDIA_WORDS for w in head_words):
            return "media"
        return "agency"
    if label == "PERSON":
        return "person"
    return "other"


class _Resolver:
    def __init__(self, doc: Doc) -> None:
        self.doc = doc
        self.reg = build_registry(doc)
        self.history: list[Resolved] = []
        self.sources: dict[str, Source] = {}
        self.doc_nouns = default_lexicon().document_nouns
        self.bodies = organisation_tokens(doc)
        self.quoted = find_quoted_spans(doc.text)
        self.quote_words: set[str] = set()  # words of the quote being resolved
        self.reported: list[tuple[int, int]] = []  # what the document's quotes report
        self.sent_starts: list[int] | None = None  # built on the first need

    def source(self, name: str, kind: str, affiliation: str | None) -> Source:
        src = self.sources.get(name.lower())
        if src is None:
            src = Source(name=name, kind=kind, affiliation=affiliation)
            self.sources[name.lower()] = src
        else:
            src.kind = stronger_kind(src.kind, kind)
            src.affiliation = src.affiliation or affiliation
        return src

    def resolve(self, span: Span) -> Resolved | None:
        head = _head_of(span)
        low = head.lower_
        if low in _RELATIVE and head.head.dep_ in ("relcl", "acl") and head.head.head != head:
            ante = head.head.head
            a, b = mention_bounds(ante)
            return self.resolve(self.doc[a:b])
        if low in _RELATIVE or low in _DEMONSTRATIVE:
            return None  # a relative the parser did not attach, or "this"/"that": no one
        if head.pos_ == "PRON" or low in _MALE_PRON | _FEMALE_PRON | _PLURAL_PRON:
            return self._pronoun(low, span.start_char, span)
        return self._named(span)

    def _pronoun(self, low: str, at: int, span: Span | None = None) -> Resolved | None:
        want = None
        if low in _MALE_PRON:
            want = "m"
        elif low in _FEMALE_PRON:
            want = "f"
        elif low not in _PLURAL_PRON | _NEUTER_PRON:
            return None  # I, we, you: the quoted speaker themselves
        if want is not None and span is not None:
            fresh = self._just_introduced(span, want)
            if fresh is not None:
                return self._person(fresh, at)
        if want is not None and span is not None:
            talker = self._speaking_subject(span, want)
            if talker is not None:
                return self._person(talker, at)
        doubtful: Resolved | None = None  # a club or party the tagger took for a person
        for r in reversed(self.history):  # the nearest compatible person who spoke
            if low in _PLURAL_PRON:
                if r.plural or not r.person:
                    return r
                continue
            if low in _NEUTER_PRON:
                if not r.person and not r.plural:
                    return r
                continue
            if r.person and not r.plural and r.gender in (want, None):
                if r.gender is None and r.body_like:
                    doubtful = doubtful or r
                    continue
                return r
        if want is not None:  # a person named earlier who has not spoken yet
            best = self._topic(span, want) if span is not None else None
            best = best or _latest(
                self.reg, at, lambda p: p.gender == want or p.gender is None and not p.body_like
            )
            if best is not None:
                return self._person(best, at)
            if doubtful is not None:
                return doubtful
            best = _latest(self.reg, at, lambda p: p.gender is None)
            if best is not None:
                return self._person(best, at)
        return None

    def _just_introduced(self, span: Span, want: str) -> Person | None:
        """A compatible person who is the subject of a clause earlier in the pronoun's own
        sentence, outside quotation marks ('Sen. Ruiz scolded him: "...," she said'): the
        sentence has just brought them in, whoever spoke before. Someone the quote itself
        talks about ('"... Sean's situation ...," he said') is not its speaker."""
        return self._last_subject(
            span.sent.start_char,
            span.start_char,
            want,
            lambda p, t: (
                t.dep_ in ("nsubj", "nsubjpass")
                and not any(w in self.quote_words for w in p.name.split())
            ),
        )

    def _speaking_subject(self, span: Span, want: str) -> Person | None:
        """A compatible person who is the subject of a verb of saying in the sentence before
        the pronoun's, named after the last compatible speaker: they speak, even where no quote
        of theirs was listed ('Tony Fernandes has been speaking at the airport ... "The weather
        is not good," he told reporters' is Fernandes, not a correspondent quoted earlier).
        Someone inside what another person is reported to say ('X said Y had announced ...') is
        not brought in."""
        if self.sent_starts is None:
            self.sent_starts = [x.start_char for x in self.doc.sents]
        k = max(0, bisect.bisect_right(self.sent_starts, span.start_char) - 1)
        lo = self.sent_starts[max(0, k - 1)]
        for r in reversed(self.history):
            if r.person and not r.plural and r.gender in (want, None):
                lo = max(lo, r.at + 1)
                break
        lexicon = default_lexicon()
        speaking = lexicon.speech | lexicon.talk
        return self._last_subject(
            lo,
            span.sent.start_char,
            want,
            lambda p, t: (
                t.dep_ == "nsubj"
                and t.head.lemma_.lower() in speaking
                and not any(a <= t.idx < b for a, b in self.reported)
                and not any(w in self.quote_words for w in p.name.split())
            ),
        )

    def _topic(self, span: Span, want: str) -> Person | None:
        """The compatible person named last as the subject of a main clause in the pronoun's
        sentence or the three before it: the one the text is about ('Everton manager David
        Moyes will discipline ... saying Gallas overreacted. He said: ...' is Moyes)."""
        if self.sent_starts is None:
            self.sent_starts = [x.start_char for x in self.doc.sents]
        k = max(0, bisect.bisect_right(self.sent_starts, span.start_char) - 1)
        return self._last_subject(
            self.sent_starts[max(0, k - 3)], span.start_char, want, lambda p, t: _main_subject(t)
        )

    def _last_subject(
        self, lo: int, hi: int, want: str, test: Callable[[Person, Token], bool]
    ) -> Person | None:
        """The compatible person (gender `want` or unknown, not a body) named last between the
        characters lo and hi outside quotation marks, where the name's head passes `test`."""
        best: tuple[int, Person] | None = None
        for p in {id(p): p for people in self.reg.values() for p in people}.values():
            if p.gender not in (want, None) or p.body_like:
                continue
            for m in (p.first_at, *p.mentions):
                if not lo <= m < hi or best is not None and m <= best[0] or self._quoted(m):
                    continue
                named = self.doc.char_span(m, m + 1, alignment_mode="expand")
                if named is not None and test(p, _name_head(named.root)):
                    best = (m, p)
        return best[1] if best is not None else None

    def _quoted(self, char: int) -> bool:
        return any(q.start <= char < q.end for q in self.quoted)

    def _person(self, p: Person, at: int) -> Resolved:
        kind = _kind([], p.titles, p.affiliation, "PERSON")
        src = self.source(p.name, kind, p.affiliation)
        return Resolved(p.name, src, at, p.gender, False, True, set(p.titles), p.body_like)

    def _named(self, span: Span) -> Resolved:
        doc = self.doc
        head = _head_of(span)
        at = span.start_char
        # "a report by Choun Daily" -> Choun Daily
        if head.lemma_.lower() in self.doc_nouns:
            for c in head.children:
                if c.dep_ in ("prep",) and c.lower_ in ("by", "from", "of"):
                    obj = next((g for g in c.children if g.dep_ == "pobj"), None)
                    if obj is not None and (obj.pos_ == "PROPN" or obj.ent_type_):
                        a, b = mention_bounds(obj)
                        return self._named(doc[a:b])
                if c.dep_ == "poss" and (c.pos_ == "PROPN" or c.ent_type_):
                    a, b = mention_bounds(c)
                    return self._named(doc[a:b])
        if _owner_name(span, head):  # "Jane's", "Sotheby's": a firm or a publication
            name = _clean_name(span) + span[-1].text
            src = self.source(name, _kind(_words(name), set(), None, "ORG"), None)
            return Resolved(name, src, at, None, False, False, set(), False)
        named = _appositive_name(span)  # "Her deputy, Piotr Nowak," -> Piotr Nowak
        if named is not None:
            r = self._named(named)
            title = title_key(hyphenated_text(head))
            if title and r.person:  # the description gives the person's title
                r.titles.add(title)
                self.source(r.name, _kind([], r.titles, r.source.affiliation, "PERSON"), None)
            return r
        words = _words(span.text)
        label = head.ent_type_
        named_entity = label and head.pos_ == "PROPN" or label == "PERSON"
        cleaned = _clean_name(_entity_around(head) if named_entity else span)
        # a full name, a surname, or a title or honorific and a surname ("Mr Stone", "Senator
        # Lopez"), whatever entity label the tagger gave it, is the person named earlier
        if label == "PERSON" or head.pos_ == "PROPN":
            # another label's multi-word name must match a person's full name exactly
            exact = label not in ("PERSON", "") and len(cleaned.split()) > 1
            p = _lookup(self.reg, cleaned, span.end_char, full_only=exact)
            if p is not None:
                return self._person(p, at)
        title = title_key(hyphenated_text(head))
        if title and head.pos_ == "NOUN" and not any(t.pos_ == "PROPN" for t in span):
            for r in reversed(self.history):  # "the president" -> the earlier president
                if r.person and title in r.titles:
                    return r
            best = _latest(self.reg, at, lambda p: title in p.titles)
            if best is not None:
                return self._person(best, at)
        name = cleaned if label == "PERSON" else span.text.strip()
        if label and label != "PERSON":
            toks = list(span)
            while len(toks) > 1 and toks[0].pos_ in ("DET", "CCONJ"):
                toks = toks[1:]
            name = doc[toks[0].i : span.end].text
        plural = head.tag_ in ("NNS", "NNPS") or any(t.dep_ == "conj" for t in span)
        anonymous = head.pos_ == "NOUN" and head.lemma_.lower() in ANONYMOUS_HEADS
        anonymous = anonymous or (head.lower_ in ANONYMOUS_HEADS and head.pos_ != "PROPN")
        if anonymous and not plural and span[0].lower_ == "the":
            for r in reversed(self.history):  # "the source" -> "a source close to ..." above
                if r.person and not r.plural and head.lower_ in r.name.lower().split():
                    return r
        titles = {k for k in map(title_key, words) if k}
        affiliation = None
        if titles and not anonymous:
            org = [t.text for t in span if t.pos_ == "PROPN" and not title_key(t.lower_)]
            affiliation = " ".join(org) or None
        kind = "anonymous" if anonymous else _kind(words, titles, affiliation, label)
        if label == "PERSON":
            kind = _kind([], titles, affiliation, "PERSON")
        src = self.source(name, kind, affiliation)
        gender = _gender_of(words, None)
        # "the first minister", "the spokeswoman": one person, though not named; so is an
        # unnamed "source close to the investigation" or "official" ('..., he said' after it)
        person = label == "PERSON" or bool(title) and not plural and head.pos_ == "NOUN"
        person = person or anonymous and not plural and head.pos_ != "PROPN"
        # a name described with a gendered word ('9/11 widow Terry Strada') is a person
        person = person or gender is not None and not plural and head.pos_ == "PROPN"
        body_like = label == "PERSON" and head.i in self.bodies
        return Resolved(name, src, at, gender, plural, person, titles, body_like)


def _owner_name(span: Span, head: Token) -> bool:
    """The span is a proper name and the possessive that closes it, owning nothing
    (quote_speaker.standalone_possessive)."""
    return (
        len(span) >= 2
        and span[-1].i == head.i + 1
        and head.pos_ == "PROPN"
        and standalone_possessive(head)
    )


def _main_subject(t: Token) -> bool:
    """The name is the subject of its sentence's main clause (or of a conjunct of it)."""
    verb = t.head
    while verb.dep_ == "conj" and verb.head != verb:
        verb = verb.head
    return t.dep_ in ("nsubj", "nsubjpass") and verb.dep_ == "ROOT"


def _name_head(t: Token) -> Token:
    """The last word of the name a token is part of ('Stone' for 'Mark' in 'Mark Stone'); a name
    that modifies a common noun ('the Oscar voters') stays itself."""
    while t.dep_ in ("compound", "flat") and t.head != t and t.head.pos_ == "PROPN":
        t = t.head
    return t


def _bare(word: str) -> str:
    """A word without punctuation or a possessive ending ('Sean’s,' -> 'Sean')."""
    word = word.strip(".,;:!?()[]\"'“”‘’")
    for end in ("'s", "’s"):
        word = word.removesuffix(end)
    return word


def resolve_sources(doc: Doc, quotes: list[Quote]) -> list[Source]:
    """Fills each quote's `speaker` (resolved name) and `source`; the document's sources."""
    res = _Resolver(doc)
    res.reported = [(q.start, q.end) for q in quotes]  # 'X said Y had announced ...': not Y
    by_span = {(q.start, q.end): q for q in quotes}
    last: Quote | None = None
    for q in sorted(quotes, key=lambda q: q.start):
        if q.speaker_start is None or q.speaker_end is None:
            anchor = by_span.get(q.follows) if q.follows is not None else None
            if q.follows is not None and (anchor is None or last and last.start > anchor.start):
                anchor = last  # a floating quote continues the nearest attributed one
            if anchor is not None and anchor.source is not None:
                q.speaker, q.source = anchor.speaker, anchor.source
            continue
        span = doc.char_span(q.speaker_start, q.speaker_end, alignment_mode="expand")
        marked = [q.text[m.start : m.end] for m in find_quoted_spans(q.text)] or [q.text]
        res.quote_words = {_bare(w) for part in marked for w in part.split()}
        r = res.resolve(span) if span is not None and len(span) else None
        if r is None or span is None:
            # a pronoun or relative that found no antecedent names no one
            named = span is not None and len(span) > 0 and span.root.pos_ != "PRON"
            q.speaker = q.speaker or (span.text if named and span is not None else None)
            continue
        q.speaker, q.source = r.name, r.source
        res.history.append(replace(r, at=span.start_char, titles=set(r.titles)))
        last = q
    return list(res.sources.values())
