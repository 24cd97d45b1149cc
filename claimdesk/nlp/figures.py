"""The figures a claim states, read from its parsed sentence: value, unit, qualifier, and what
the number counts, in which event, about which named things, when.

`read_amounts` (claimdesk.nlp.figure_values) finds the numbers in the claim's characters; the
parse decides which of them are figures and what they measure:
- not figures: anything inside a calendar date or a duration ("December 30, 2014", "three
  years"), ordinals, years ("in 2008"), ages ("Chastian, 37,"), numbers naming something
  ("Flight 8501", "Article 5"), decimals that count nothing ("16.06" of a live blog's clock),
  a bare "one" that is not counting a noun ("one of the victims");
- `quantity`: the noun counted ("10,000 troops", "40% of voters") or, for a figure standing for
  a measure ("the death toll rose to 45", "the project will cost $3bn"), the subject measured;
  "people" and "person" say nothing, so they are left out (as in "killed 30");
- `event`: the verb the figure is an argument of, folded to one word per meaning ("deployed" and
  "sent"; "died" and "killed"), with "may" for what is planned or possible and "not" for what is
  denied; `relation`: the preposition that links it ("rose to 5%" is a level, "rose by 5%" a
  change, "from 4.8%" a former level);
- `subject` and `period`: the named things and the times of the figure's own clause (not of the
  "officials in Seoul said" around it, nor of a clause joined to it).
`key` = unit | quantity | event | relation is what two figures must share to measure the same
thing; it is empty when the figure measures nothing recognisable (a bare number after "is").
Absolute calendar dates are figures too (unit "date" or "month-day", see
`figure_values.read_date`): they are what a claim dates its event to.
"""

from __future__ import annotations

import bisect
from collections.abc import Iterable

from spacy.tokens import Doc, Span

from claimdesk.model import Claim, Figure
from claimdesk.nlp.figure_values import MONTHS, Amount, read_amounts, read_date
from claimdesk.nlp.token_table import TokenTable, token_table
from claimdesk.places.datelines import dateline_prefixes

NAME_LABELS = frozenset(
    {"GPE", "LOC", "ORG", "PERSON", "NORP", "FAC", "EVENT", "PRODUCT", "LAW", "WORK_OF_ART"}
)
TIME_LABELS = frozenset({"DATE", "TIME"})
#: Nouns that say nothing about what is counted.
GENERIC_NOUNS = frozenset(
    [
        "people",
        "person",
        "persons",
        "individual",
        "individuals",
        "one",
        "ones",
        "those",
        "others",
        "other",
    ]
)
#: A count of these is a duration or an age, never a figure of things.
TIME_NOUNS = frozenset(
    [
        "year",
        "month",
        "week",
        "day",
        "hour",
        "minute",
        "second",
        "decade",
        "century",
        "quarter",
        "night",
        "weekend",
        "term",
        "season",
        "time",
        "moment",
    ]
)
#: "the number of troops": what is counted is the noun after "of".
COUNT_WRAPPERS = frozenset(
    ["number", "total", "tally", "count", "figure", "amount", "share", "proportion"]
)
#: One noun for words that count the same thing.
NOUN_SYNONYMS = {"soldier": "troop", "fatality": "death", "casualty": "casualty"}
#: One verb for words that report the same event.
EVENT_SYNONYMS = {
    "deploy": "send",
    "dispatch": "send",
    "die": "kill",
    "perish": "kill",
    "injure": "wound",
    "hurt": "wound",
    "detain": "arrest",
    "retrieve": "recover",
    "increase": "rise",
    "grow": "rise",
    "climb": "rise",
    "jump": "rise",
    "surge": "rise",
    "soar": "rise",
    "drop": "fall",
    "decline": "fall",
    "decrease": "fall",
    "slip": "fall",
    "plunge": "fall",
    "tumble": "fall",
    "slump": "fall",
}
#: Verbs whose subject is what a figure after them measures ("the toll rose to 45", "the
#: project will cost $3bn"); after other verbs the subject is the actor ("police seized $3m").
MEASURE_VERBS = frozenset(
    [
        "be",
        "rise",
        "fall",
        "stand",
        "reach",
        "hit",
        "total",
        "top",
        "exceed",
        "cost",
        "amount",
        "number",
        "remain",
        "average",
        "equal",
        "hover",
        "sit",
        "double",
        "triple",
        "halve",
        "come",
        "edge",
        "shrink",
        "expand",
        "widen",
        "narrow",
    ]
)
#: Verbs that say nothing about what a bare count counts ("the figure was 30").
WEAK_EVENTS = frozenset(
    ["be", "have", "say", "put", "give", "get", "make", "do", "take", "include", "reach", "see"]
)
#: Verbs of saying: a figure hung on one was misparsed or is what someone said, not did.
SAYING_EVENTS = frozenset(
    ["say", "tell", "report", "announce", "claim", "add", "note", "state", "confirm", "quote"]
)
MODAL_WORDS = frozenset(
    ["will", "would", "could", "may", "might", "should", "shall", "can", "'ll", "must", "wo", "ca"]
)
PLAN_VERBS = frozenset(
    [
        "plan",
        "expect",
        "intend",
        "aim",
        "hope",
        "want",
        "propose",
        "seek",
        "consider",
        "threaten",
        "promise",
        "pledge",
        "vow",
        "try",
        "need",
        "offer",
        "agree",
        "ask",
    ]
)
#: Children that start a clause of their own: their names and times are not the figure's.
CLAUSE_DEPS = frozenset({"advcl", "ccomp", "parataxis", "relcl", "conj", "csubj", "xcomp"})
NUMBER_DEPS = frozenset({"nummod", "quantmod", "compound", "amod", "nmod", "nounmod", "det"})
RELATIONS = frozenset({"to", "by", "from", "at", "of", "than"})
_WEEKDAYS = frozenset(
    ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"]
)
_CALENDAR_WORDS = (
    _WEEKDAYS
    | MONTHS.keys()
    | {w + "s" for w in TIME_NOUNS}
    | TIME_NOUNS
    | frozenset(
        ["today", "yesterday", "tomorrow", "ago", "am", "pm", "a.m.", "p.m.", "noon", "midnight"]
    )
)


def attach_figures(doc: Doc, claims: Iterable[Claim], table: TokenTable | None = None) -> None:
    """Sets `claim.figures` for each claim of `doc` (offsets into the document)."""
    tt = table if table is not None else token_table(doc)
    ents = _content_ents(doc, tt.doc_text)
    starts = [e.start_char for e in ents]
    for claim in claims:
        claim.figures = claim_figures(doc, claim.start, claim.end, tt, ents, starts)


def _content_ents(doc: Doc, text: str) -> list[Span]:
    """The document's entities but a dateline's ("SEOUL -", "LONDON (Reuters) -"): where a
    story was filed from is not what its figures are about."""
    lines = dateline_prefixes(text)
    return [e for e in doc.ents if not any(e.start_char < b and e.end_char > a for a, b in lines)]


def claim_figures(
    doc: Doc,
    start: int,
    end: int,
    tt: TokenTable,
    ents: list[Span] | None = None,
    ent_starts: list[int] | None = None,
) -> list[Figure]:
    """The figures of the claim at characters [start, end) of `doc`."""
    if ents is None or ent_starts is None:
        ents = _content_ents(doc, tt.doc_text)
        ent_starts = [e.start_char for e in ents]
    t0 = bisect.bisect_left(tt.idx, start)
    t1 = bisect.bisect_left(tt.idx, end)
    if t0 >= t1:
        return []
    own = ents[bisect.bisect_left(ent_starts, start) : bisect.bisect_left(ent_starts, end)]
    reader = _ClaimReader(tt, t0, t1, [e for e in own if e.end_char <= end])
    text = tt.doc_text[start:end]
    figures = [f for a in read_amounts(text) if (f := reader.figure(a, start)) is not None]
    figures.extend(reader.dates())
    figures.sort(key=lambda f: f.start)
    return figures


class _ClaimReader:
    """One claim's tokens [t0, t1) and entities, read for each of its amounts."""

    def __init__(self, tt: TokenTable, t0: int, t1: int, ents: list[Span]) -> None:
        self.tt, self.t0, self.t1, self.ents = tt, t0, t1, ents
        self.kids = tt.children(t0, t1)

    # -- which tokens -------------------------------------------------------------------------
    def tokens(self, a: int, b: int) -> list[int]:
        tt = self.tt
        lo = bisect.bisect_right(tt.idx, a, self.t0, self.t1) - 1
        out = []
        for i in range(max(lo, self.t0), self.t1):
            if tt.idx[i] >= b:
                break
            if tt.idx[i] + len(tt.text[i]) > a and not tt.is_space[i]:
                out.append(i)
        return out

    def root(self, toks: list[int]) -> int:
        """The token of `toks` the rest of the sentence attaches to (the last such)."""
        inside = set(toks)
        heads = [i for i in toks if self.tt.head[i] not in inside or self.tt.head[i] == i]
        return heads[-1] if heads else toks[-1]

    def subtree(self, i: int, cut: frozenset[str] = frozenset()) -> set[int]:
        """Token i and its dependents within the claim, not entering children whose relation
        is in `cut` (when they are verbs: a clause of their own)."""
        out, stack = set(), [i]
        while stack:
            k = stack.pop()
            out.add(k)
            for c in self.kids.get(k, ()):
                if c in out:
                    continue
                if self.tt.dep[c] in cut and self.tt.pos[c] in ("VERB", "AUX"):
                    continue
                if self.tt.dep[c] == "prep" and self.tt.lower[c] == "according":
                    continue  # "according to the ministry" names the claimant, not the subject
                stack.append(c)
        return out

    # -- one amount ---------------------------------------------------------------------------
    def figure(self, amount: Amount, offset: int) -> Figure | None:
        tt = self.tt
        a, b = offset + amount.start, offset + amount.end
        toks = self.tokens(a, b)
        if not toks or not self.is_figure(amount, toks, a, b):
            return None
        root = self.root(toks)
        noun = self.counted_noun(root, toks)
        if noun is not None and tt.lemma_lower[noun] in TIME_NOUNS:
            return None  # "three years", "45 years old": a duration or an age
        if noun is None and tt.lemma_lower[root] in TIME_NOUNS:
            return None
        if self.is_name_number(amount, root, noun, toks):
            return None
        # "30 soldiers were killed" hangs on the noun; "30 of the soldiers" on the number
        of_noun = noun is not None and tt.head[noun] != noun and tt.lower[tt.head[noun]] == "of"
        event, relation = self.event_of(root if noun is None or of_noun else noun)
        if event is None:  # a headline's "30 killed in Kabul blast": the participle is the event
            event = self.participle_of(noun if noun is not None else root)
        quantity = self.quantity(noun, root, event, amount)
        return self.make(amount, a, b, quantity, event, relation)

    def is_figure(self, amount: Amount, toks: list[int], a: int, b: int) -> bool:
        tt = self.tt
        for e in self.ents:
            if e.start_char < b and e.end_char > a:
                if e.label_ == "ORDINAL" or e.label_ in NAME_LABELS - {"NORP"}:
                    return False  # "third"; "the Big Ten", "Boeing 777"
                if e.label_ in TIME_LABELS and _is_calendar(e.text):
                    return False  # a date, a time or a duration, not an amount
        words = tt.doc_text[a:b]
        if amount.unit == "" and amount.scale == 1 and amount.qualifier != "vague":
            if "." in words:
                return False  # "3.5 children", the clock time "16.06"
            digits = words.replace(",", "")
            if digits.isdigit() and len(digits) == 4 and "," not in words:
                noun = self.counted_noun(self.root(toks), toks)
                if noun is None or tt.tag[noun] != "NNS":
                    return False  # a year ("the 2024 race"); "2000 people" still counts
            if words.lower() == "one" and tt.dep[toks[0]] != "nummod":
                return False  # "one of the victims", "no one"
        return True

    def is_name_number(self, amount: Amount, root: int, noun: int | None, toks: list[int]) -> bool:
        """ "Flight 8501", "Article 5", "Chastian, 37,": a bare number after the noun or name it
        belongs to names it (or gives an age), it counts nothing."""
        tt = self.tt
        if amount.unit or amount.qualifier != "exact" or noun is not None:
            return False
        head = tt.head[root]
        if head < toks[0] and tt.pos[head] in ("NOUN", "PROPN"):
            return tt.dep[root] in ("nummod", "appos", "npadvmod", "compound", "nmod", "amod")
        return False

    def counted_noun(self, root: int, toks: list[int]) -> int | None:
        tt = self.tt
        head = tt.head[root]
        if (
            tt.dep[root] in NUMBER_DEPS
            and head > toks[-1]
            and head < self.t1
            and tt.pos[head] in ("NOUN", "PROPN")
        ):
            return head
        for c in self.kids.get(root, ()):  # "30 of the soldiers", "40% of voters"
            if tt.dep[c] == "prep" and tt.lower[c] == "of":
                for p in self.kids.get(c, ()):
                    if tt.dep[p] == "pobj" and tt.pos[p] in ("NOUN", "PROPN", "PRON"):
                        return p if tt.pos[p] != "PRON" else None
        return None

    def event_of(self, base: int) -> tuple[int | None, str]:
        """The verb the figure (or its noun) is an argument of, and the linking preposition."""
        tt = self.tt
        relation, x = "", base
        for _ in range(8):
            h = tt.head[x]
            if h == x or not self.t0 <= h < self.t1:
                return None, relation
            if tt.dep[x] == "pobj" and not relation and tt.lower[h] in RELATIONS:
                relation = tt.lower[h]
            if tt.pos[h] in ("VERB", "AUX"):
                return h, relation
            if tt.dep[x] in ("pobj", "prep") or tt.pos[h] in ("ADP", "NUM", "SYM"):
                x = h
                continue
            if tt.dep[x] in ("conj", "appos", "nmod"):
                x = h
                continue
            return None, relation
        return None, relation

    def participle_of(self, i: int) -> int | None:
        tt = self.tt
        for c in self.kids.get(i, ()):
            if tt.dep[c] in ("acl", "amod") and tt.tag[c] == "VBN" and c > i:
                return c
        return None

    def quantity(self, noun: int | None, root: int, event: int | None, amount: Amount) -> str:
        tt = self.tt
        if noun is not None:
            return self.noun_phrase(noun)
        if event is None or tt.dep[root] not in ("attr", "pobj", "acomp", "dobj", "npadvmod"):
            return ""
        if EVENT_SYNONYMS.get(tt.lemma_lower[event], tt.lemma_lower[event]) not in MEASURE_VERBS:
            return ""
        for c in self.kids.get(event, ()):
            if tt.dep[c] in ("nsubj", "nsubjpass") and tt.pos[c] == "NOUN":
                return self.noun_phrase(c)
        return ""

    def noun_phrase(self, noun: int) -> str:
        """Lemma of the noun with its compounds ("death toll"); what a wrapper ("the number of
        troops") counts; "" for nouns that say nothing ("people")."""
        tt = self.tt
        lemma = tt.lemma_lower[noun]
        if lemma in COUNT_WRAPPERS:
            for c in self.kids.get(noun, ()):
                if tt.dep[c] == "prep" and tt.lower[c] == "of":
                    for p in self.kids.get(c, ()):
                        if tt.dep[p] == "pobj" and tt.pos[p] == "NOUN":
                            return self.noun_phrase(p)
            return ""  # "the figure was 30": a wrapper alone says nothing
        if lemma in GENERIC_NOUNS or tt.pos[noun] == "PRON":
            return ""
        lemma = NOUN_SYNONYMS.get(lemma, lemma)
        parts = [
            tt.lemma_lower[c]
            for c in self.kids.get(noun, ())
            if tt.dep[c] == "compound" and c < noun and tt.pos[c] == "NOUN"
        ]
        return " ".join([*parts, lemma])

    def event_name(self, event: int | None) -> str:
        if event is None:
            return ""
        tt = self.tt
        lemma = tt.lemma_lower[event]
        name = EVENT_SYNONYMS.get(lemma, lemma)
        kids = self.kids.get(event, ())
        if any(tt.dep[c] == "neg" for c in kids):
            return f"not {name}"
        modal = any(tt.dep[c] == "aux" and tt.lower[c] in MODAL_WORDS for c in kids)
        planned = tt.dep[event] == "xcomp" and tt.lemma_lower[tt.head[event]] in PLAN_VERBS
        return f"may {name}" if modal or planned else name

    def context(self, event: int | None, a: int, b: int) -> tuple[str, str]:
        """(subject, period): the names and the times of the figure's clause, sorted, "; "-joined."""
        clause = (
            self.subtree(event, CLAUSE_DEPS) if event is not None else set(range(self.t0, self.t1))
        )
        cut = self.attribution_cut(event)
        if cut is not None:
            clause = {i for i in clause if i < cut}
        names: set[str] = set()
        times: set[str] = set()
        for e in self.ents:
            if e.start_char < b and e.end_char > a or e.root.i not in clause:
                continue
            if e.label_ in NAME_LABELS:
                names.add(_name_key(e.text))
            elif e.label_ in TIME_LABELS:
                times.add(_time_key(e.text))
        return "; ".join(sorted(n for n in names if n)), "; ".join(sorted(t for t in times if t))

    def attribution_cut(self, event: int | None) -> int | None:
        """Where an attribution after the figure's clause starts ("..., South Korea's spy agency
        said"): the last comma before the verb of saying, whatever the parse hung on it."""
        tt = self.tt
        if event is None or tt.dep[event] != "ccomp" or tt.head[event] <= event:
            return None
        commas = [i for i in range(event + 1, tt.head[event]) if tt.text[i] == ","]
        return commas[-1] if commas else None

    def make(
        self,
        amount: Amount,
        a: int,
        b: int,
        quantity: str,
        event: int | None,
        relation: str,
    ) -> Figure:
        event_name = self.event_name(event)
        subject, period = self.context(event, a, b)
        bare = amount.unit == "" and not quantity
        verb = event_name.split(" ")[-1]
        weak = verb in WEAK_EVENTS or not event_name
        if bare and weak or verb in SAYING_EVENTS:
            key = ""
        else:
            key = "|".join((amount.unit, quantity, event_name, relation))
        return Figure(
            start=a,
            end=b,
            text=self.tt.doc_text[a:b],
            low=amount.low,
            high=amount.high,
            unit=amount.unit,
            scale=amount.scale,
            qualifier=amount.qualifier,
            quantity=quantity,
            event=event_name,
            key=key,
            subject=subject,
            period=period,
        )

    # -- calendar dates -----------------------------------------------------------------------
    def dates(self) -> list[Figure]:
        """The absolute calendar dates of the claim, as figures of the event they date."""
        out = []
        for e in self.ents:
            if e.label_ != "DATE" or (cal := read_date(e.text)) is None:
                continue
            event, relation = self.event_of(e.root.i)
            event_name = self.event_name(event)
            subject, period = self.context(event, e.start_char, e.end_char)
            key = "|".join((cal.unit, "", event_name, relation)) if event_name else ""
            out.append(
                Figure(
                    start=e.start_char,
                    end=e.end_char,
                    text=e.text,
                    low=cal.low,
                    high=cal.high,
                    unit=cal.unit,
                    quantity="",
                    event=event_name,
                    key=key,
                    subject=subject,
                    period=period,
                )
            )
        return out


def _is_calendar(text: str) -> bool:
    """A DATE or TIME entity that really is one (the small model also tags "Between 10 and 15")."""
    words = text.lower().replace(",", " ").replace(".", " . ").split()
    if any(w in _CALENDAR_WORDS or w.rstrip("s") in _CALENDAR_WORDS for w in words):
        return True
    return any(w.isdigit() and len(w) == 4 for w in words) or ":" in text


def _name_key(text: str) -> str:
    s = " ".join(text.replace("’", "'").split()).casefold()
    if s.endswith("'s"):
        s = s[:-2]
    for article in ("the ", "a ", "an "):
        if s.startswith(article):
            s = s[len(article) :]
    return s.strip(" .,'\"")


def _time_key(text: str) -> str:
    """A date written any way as one key ("Dec. 30, 2014" = "30 December 2014")."""
    cal = read_date(text)
    if cal is not None:
        return f"{cal.unit}:{cal.low:g}-{cal.high:g}"
    return _name_key(text)
