"""Features of one parsed sentence that a fact-checker weighs, read from the spaCy Doc.

Everything here reads the annotations already on the Doc (entities, POS tags, lemmas,
dependencies); nothing runs spaCy again. `sentence_features` returns a sparse mapping
name -> value used both for training (scripts/train_claims.py) and at run time
(claimdesk.nlp.claims), so the two can never drift apart.

Feature families (prefixes):
- `f:` evidence cues: quantities, percentages, money, dates, named actors, attribution,
  comparisons and superlatives, causal and predictive wording, hedges, opinion, questions,
  first/second person, length, verb-less fragments;
- `w:` / `w2:` lemma unigrams and bigrams, with numbers and named entities replaced by their
  type (`<GPE>`, `<NUM>`) so a model trained on one domain's names transfers to another;
- `r:` lower-case surface word unigrams and bigrams (digits folded to `<d>`): tense and
  inflection that lemmas erase ("jobs", "created", "doubled");
- `p2:` coarse POS bigrams.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass, field
from itertools import pairwise
from typing import TypeVar

from spacy.tokens import Span

from claimdesk.nlp.lexicons.claim_words import (
    ATTRIBUTION_LEMMAS,
    CAUSAL_PHRASES,
    CAUSAL_WORDS,
    CHANGE_WORDS,
    FIRST_PLUR,
    FIRST_SING,
    FUTURE_WORDS,
    GENERIC_SOURCES,
    HEDGE_WORDS,
    OBLIGATION_WORDS,
    OPINION_FRAME_NOUNS,
    OPINION_VERBS,
    OPINION_WORDS,
    PREDICT_LEMMAS,
    SECOND,
)
from claimdesk.nlp.token_table import TokenTable, has_digit, token_table

T = TypeVar("T")

NUMERIC_ENTS = frozenset({"CARDINAL", "PERCENT", "MONEY", "QUANTITY", "DATE", "TIME", "ORDINAL"})
QUANTITY_ENTS = frozenset({"CARDINAL", "PERCENT", "MONEY", "QUANTITY", "DATE"})
NAME_ENTS = frozenset(
    {"PERSON", "ORG", "GPE", "NORP", "LOC", "FAC", "EVENT", "LAW", "PRODUCT", "WORK_OF_ART"}
)

# entity label -> (presence feature, count feature), in the order the features are added
_ENT_FEATURES = {
    label: (f"f:{name}", f"f:{name}_n")
    for label, name in (
        ("CARDINAL", "num"),
        ("PERCENT", "pct"),
        ("MONEY", "money"),
        ("QUANTITY", "qty"),
        ("DATE", "date"),
        ("ORDINAL", "ordinal"),
        ("PERSON", "person"),
        ("ORG", "org"),
        ("GPE", "gpe"),
        ("NORP", "norp"),
        ("LAW", "law"),
        ("EVENT", "event"),
    )
}
_ENT_RANK = {label: k for k, label in enumerate(_ENT_FEATURES)}
# lemmas without which `_opinion_frame` cannot fire
_OPINION_TRIGGERS = OPINION_FRAME_NOUNS | OPINION_VERBS | ATTRIBUTION_LEMMAS | {"to"}

# Page furniture and reporting credits: never a claim, whatever the model says.
BOILERPLATE = re.compile(
    r"contributed (?:to )?(?:this|the) (?:report|story|article)|"
    r"\b(?:sign up|subscribe|newsletter|click here|read more|follow us|share this|"
    r"all rights reserved|copyright|terms of (?:use|service)|privacy policy|"
    r"cookie|advertisement|download (?:the|our) app|related articles?|"
    r"editing by|reporting by|writing by|additional reporting|photo(?:graph)? by|"
    r"image (?:credit|source)|(?:this|the) (?:story|article) (?:has been|was) (?:updated|corrected)|"
    r"view comments|watch:|listen:|email us|contact us)\b",
    re.IGNORECASE,
)
BYLINE = re.compile(r"^\s*(?:by|from)\s+[A-Z][\w.'-]+(?:\s+[A-Z][\w.'-]+){0,3}\s*[,|]?", re.UNICODE)


@dataclass
class SentenceEvidence:
    """What a sentence offers a fact-checker, beside the sparse model features."""

    features: dict[str, float] = field(default_factory=dict)
    numbers: list[str] = field(default_factory=list)
    entities: list[str] = field(default_factory=list)
    boilerplate: bool = False
    fragment: bool = False  # no finite verb: headline, byline, caption, list label
    question: bool = False
    instruction: bool = False  # imperative: advice or a request, not a statement
    attribution: bool = False
    causal: bool = False
    prediction: bool = False
    foretells: bool = False  # the main clause is about the future ("The plant will close.")
    comparison: bool = False
    past_event: bool = False
    past_deed: bool = False  # something done in the past, by anyone but the writer ("I")
    personal: bool = False  # "I" is the subject of the main clause: one's own experience
    opinion_frame: bool = False  # "in X's view", "experts say", "X argues"
    specific: bool = False  # a number, amount, date or time anchors it
    words: int = 0  # tokens that are neither punctuation nor space


KEPT_PUNCT = frozenset({"?", "!", "%", "$"})
FINITE_TAGS = frozenset({"VBD", "VBZ", "VBP", "MD"})
SUBJECT_DEPS = frozenset({"nsubj", "nsubjpass"})


def _units(
    texts: list[str],
    lemmas: list[str],
    lowers: list[str],
    ent_types: list[str],
    ent_iobs: list[str],
    like_nums: list[bool],
    puncts: list[bool],
) -> list[str]:
    """N-gram units of a sentence's tokens: entity type (one per entity), number class, or the
    lower-case lemma; punctuation other than ? ! % $ is dropped."""
    out: list[str] = []
    for text, lemma, lower, et, iob, num, punct in zip(
        texts, lemmas, lowers, ent_types, ent_iobs, like_nums, puncts, strict=True
    ):
        if et in NAME_ENTS or et in NUMERIC_ENTS:
            u = f"<{et}>"
        elif num:
            u = "<NUM>"
        elif punct:
            if text not in KEPT_PUNCT:
                continue
            u = text
        else:
            u = lemma or lower
        if u.startswith("<") and out and out[-1] == u and iob == "I":
            continue  # one unit per entity, not per token
        out.append(u)
    return out


def _surface(
    texts: list[str], lowers: list[str], puncts: list[bool], digits: list[bool]
) -> list[str]:
    """Lower-case surface words; any token with a digit is `<d>` so amounts generalise."""
    out = []
    for text, lower, punct, digit in zip(texts, lowers, puncts, digits, strict=True):
        if punct and text not in KEPT_PUNCT:
            continue
        out.append("<d>" if digit else lower)
    return out


class _LazyChildren:
    """A sentence's dependents per token, worked out only if a cue asks for them."""

    def __init__(self, tt: TokenTable, start: int, end: int) -> None:
        self.tt, self.start, self.end = tt, start, end
        self.kids: dict[int, list[int]] | None = None

    def get(self, i: int, default: tuple = ()) -> list[int] | tuple:
        if self.kids is None:
            self.kids = self.tt.children(self.start, self.end)
        return self.kids.get(i, default)


def _speaker_did(tt: TokenTable, toks: list[int], kids: _LazyChildren) -> bool:
    """A first-person record of deeds ("we created 5 million jobs", "I have cut taxes")."""
    for i in toks:
        if tt.dep[i] != "nsubj" or tt.lower[i] not in ("we", "i"):
            continue
        h = tt.head[i]
        if tt.lemma_lower[h] in ATTRIBUTION_LEMMAS:
            continue
        if tt.tag[h] == "VBD" or (tt.tag[h] == "VBN" and _has_perfect_aux(tt, kids, h)):
            return True
    return False


def _has_perfect_aux(tt: TokenTable, kids: _LazyChildren, i: int) -> bool:
    return any(tt.dep[c] == "aux" and tt.lemma[c] == "have" for c in kids.get(i, ()))


def _opinion_frame(tt: TokenTable, toks: list[int], kids: _LazyChildren) -> bool:
    """A view rather than a report: "in X's view", "experts say", "critics argue that",
    "he believed the picture had been obscured"."""
    for i in toks:
        lm = tt.lemma_lower[i]
        if lm in OPINION_FRAME_NOUNS and tt.lower[tt.head[i]] == "in" and tt.dep[i] == "pobj":
            return True
        if lm in OPINION_VERBS:  # "critics argue (that) ...": a view with its content
            deps = {tt.dep[c] for c in kids.get(i, ())}
            if "nsubj" in deps and "ccomp" in deps:
                return True
        if lm in ATTRIBUTION_LEMMAS or (lm == "to" and tt.lower[tt.head[i]] == "according"):
            for c in kids.get(i, ()):
                if (
                    tt.dep[c] in ("nsubj", "pobj")
                    and tt.lower[c] in GENERIC_SOURCES
                    and not tt.ent_type[c]
                ):
                    return True
    return False


def _clause_misread(tt: TokenTable, toks: list[int], pos: list[str], deps: list[str]) -> bool:
    """A main verb with a subject, though tagged non-finite ("a plane skidded/VBN off ..."):
    a clause the tagger misread, not a verb-less fragment."""
    if "ROOT" not in deps or SUBJECT_DEPS.isdisjoint(deps):
        return False
    k = deps.index("ROOT")
    if pos[k] not in ("VERB", "AUX"):
        return False
    root, head = toks[k], tt.head
    return any(d in SUBJECT_DEPS and head[i] == root for i, d in zip(toks, deps, strict=True))


def _future_main_clause(
    tt: TokenTable, toks: list[int], lowers: list[str], deps: list[str]
) -> bool:
    """The main verb is in the future: "will"/"shall" is its auxiliary, or it is "going to"
    + verb. A future in a subordinate clause ("the suit, which will be filed ...") is not."""
    if "ROOT" not in deps:
        return False
    root, head = toks[deps.index("ROOT")], tt.head
    for i, low, d in zip(toks, lowers, deps, strict=True):
        if head[i] == root and d == "aux" and low in FUTURE_WORDS:
            return True
    return tt.lower[root] == "going" and any(
        head[i] == root and d == "xcomp" for i, d in zip(toks, deps, strict=True)
    )


def _speaks_for_self(tt: TokenTable, toks: list[int], lowers: list[str], deps: list[str]) -> bool:
    """The main clause's subject is "I": the writer's or speaker's own experience or stance
    ("I went over and got my antler", "I think it will")."""
    if "ROOT" not in deps:
        return False
    root, head = toks[deps.index("ROOT")], tt.head
    return any(
        w == "i" and d in SUBJECT_DEPS and head[i] == root
        for i, w, d in zip(toks, lowers, deps, strict=True)
    )


def _did_in_past(
    tt: TokenTable, toks: list[int], tags: list[str], deps: list[str], pos: list[str]
) -> bool:
    """A verb of doing in a past form: simple past ("fled"), a participle with a perfect or
    past auxiliary ("has launched", "were adopted"), or a main-verb participle with a subject
    (a simple past the tagger misread: "a plane skidded/VBN off the runway"). A verb with a
    clause for its object reports or judges ("said that ...", "cautioned that ...")."""
    if "VBD" not in tags and "VBN" not in tags:
        return False
    head = tt.head
    reports, past_aux, has_subject = set(), set(), set()
    for i, d in zip(toks, deps, strict=True):
        if d == "ccomp":
            reports.add(head[i])
        elif d in ("aux", "auxpass") and (tt.lemma_lower[i] == "have" or tt.tag[i] == "VBD"):
            past_aux.add(head[i])
        elif d in SUBJECT_DEPS:
            has_subject.add(head[i])
    for i, tg, d, p in zip(toks, tags, deps, pos, strict=True):
        if p == "AUX" or tg not in ("VBD", "VBN") or i in reports:
            continue
        if tg == "VBD" or i in past_aux or (d == "ROOT" and i in has_subject):
            return True
    return False


def _imperative(tt: TokenTable, toks: list[int], tags: list[str], deps: list[str]) -> bool:
    """The main verb is in the base form with no subject: an instruction, not a statement.
    (The tagger often reads a sentence-medial imperative as present tense, VBP.)"""
    if "ROOT" not in deps:
        return False
    k = deps.index("ROOT")
    if tags[k] not in ("VB", "VBP"):
        return False
    root, head = toks[k], tt.head
    return not any(
        (d in SUBJECT_DEPS or d == "expl") and head[i] == root
        for i, d in zip(toks, deps, strict=True)
    )


def _dedup(items: list[str]) -> list[str]:
    seen: set[str] = set()
    out = []
    for x in items:
        k = x.lower()
        if k not in seen:
            seen.add(k)
            out.append(x)
    return out


def _pick(column: list[T], rows: list[int]) -> list[T]:
    return [column[i] for i in rows]


def sentence_evidence(
    sent: Span, ents: list[Span] | None = None, table: TokenTable | None = None
) -> SentenceEvidence:
    """Dense cues, n-grams, numbers and entities of one sentence span.

    `ents`: the sentence's entities when the caller has them (Span.ents walks the whole
    document's entities on every call, which makes a per-sentence loop quadratic).
    `table`: the document's token table when the caller scores many sentences of one Doc.
    """
    tt = table if table is not None else token_table(sent.doc)
    ev = SentenceEvidence()
    f = ev.features
    a, b = sent.start, sent.end
    kids = _LazyChildren(tt, a, b)
    text = tt.doc_text[sent.start_char : sent.end_char].strip()
    if True in tt.is_space[a:b]:  # leave out space tokens (line breaks inside a sentence)
        toks = [i for i in range(a, b) if not tt.is_space[i]]
        lowers, lemmas, tags, pos, deps = (
            _pick(tt.lower, toks),
            _pick(tt.lemma_lower, toks),
            _pick(tt.tag, toks),
            _pick(tt.pos, toks),
            _pick(tt.dep, toks),
        )
        ent_types, like_nums, texts, puncts = (
            _pick(tt.ent_type, toks),
            _pick(tt.like_num, toks),
            _pick(tt.text, toks),
            _pick(tt.is_punct, toks),
        )
        digits, iobs = _pick(tt.has_digit, toks), _pick(tt.ent_iob, toks)
    else:  # the common case: plain slices of the columns
        toks = list(range(a, b))
        lowers, lemmas, tags, pos, deps = (
            tt.lower[a:b],
            tt.lemma_lower[a:b],
            tt.tag[a:b],
            tt.pos[a:b],
            tt.dep[a:b],
        )
        ent_types, like_nums, texts, puncts = (
            tt.ent_type[a:b],
            tt.like_num[a:b],
            tt.text[a:b],
            tt.is_punct[a:b],
        )
        digits, iobs = tt.has_digit[a:b], tt.ent_iob[a:b]
    low_text = " ".join(lowers)
    # Word-presence cues test sets of the sentence's words, not the words one by one.
    lowset, lemset, tagset, depset = set(lowers), set(lemmas), set(tags), set(deps)
    any_num = True in like_nums

    # Quantities and names.
    ent_counts: dict[str, int] = {}
    numbers: list[str] = []
    entities: list[str] = []
    covered: set[int] = set()
    for ent in sent.ents if ents is None else ents:
        ent_counts[ent.label_] = ent_counts.get(ent.label_, 0) + 1
        if ent.label_ in QUANTITY_ENTS:
            numbers.append(ent.text.strip())
            covered.update(range(ent.start, ent.end))
        elif ent.label_ in NAME_ENTS:
            entities.append(ent.text.strip())
    if any_num:  # digits the NER left out
        for i, t_text, et, ln, dg in zip(toks, texts, ent_types, like_nums, digits, strict=True):
            if ln and dg and et not in ("ORDINAL", "TIME") and i not in covered:
                numbers.append(t_text)
    ev.numbers = _dedup(numbers)
    ev.entities = _dedup(entities)
    numbers_have_digits = any(has_digit(n) for n in ev.numbers)
    # entity-type features in a fixed order (the model's sum runs in insertion order)
    for label in sorted(ent_counts.keys() & _ENT_FEATURES.keys(), key=_ENT_RANK.__getitem__):
        present, count = _ENT_FEATURES[label]
        f[present] = 1.0
        f[count] = min(ent_counts[label], 3) / 3
    if numbers_have_digits:
        f["f:digit"] = 1.0
    n_names = sum(c for label, c in ent_counts.items() if label in NAME_ENTS)
    f["f:names_n"] = min(n_names, 4) / 4
    if any_num:
        f["f:like_num"] = 1.0

    # Who does what.
    ev.fragment = tagset.isdisjoint(FINITE_TAGS) and not _clause_misread(tt, toks, pos, deps)
    if ev.fragment:
        f["f:no_finite_verb"] = 1.0
    if "VERB" not in pos and "AUX" not in pos:
        f["f:no_verb"] = 1.0
    named_subj = not depset.isdisjoint(SUBJECT_DEPS) and any(
        d in ("nsubj", "nsubjpass") and (et in NAME_ENTS or p == "PROPN")
        for d, et, p in zip(deps, ent_types, pos, strict=True)
    )
    if named_subj:
        f["f:named_subject"] = 1.0
    if "VBD" in tagset:
        f["f:past"] = 1.0
    if "VBN" in tagset and any(
        tg == "VBN" and _has_perfect_aux(tt, kids, i) for i, tg in zip(toks, tags, strict=True)
    ):
        f["f:perfect"] = 1.0
    # An event is something done in the past, not merely something said ("Yu said").
    acted = ("VBD" in tagset or "VBN" in tagset) and any(
        tg in ("VBD", "VBN") and lm not in ATTRIBUTION_LEMMAS and p != "AUX"
        for tg, lm, p in zip(tags, lemmas, pos, strict=True)
    )
    ev.past_event = (
        acted
        and bool(f.get("f:past") or f.get("f:perfect"))
        and (named_subj or bool(ent_counts.get("DATE")))
    )

    # Attribution: a reporting verb with a subject or a clausal complement, or "according to".
    ev.attribution = "according to" in low_text or (
        not lemset.isdisjoint(ATTRIBUTION_LEMMAS)
        and any(
            lm in ATTRIBUTION_LEMMAS
            and any(tt.dep[c] in ("nsubj", "nsubjpass", "ccomp") for c in kids.get(i, ()))
            for i, lm in zip(toks, lemmas, strict=True)
        )
    )
    if ev.attribution:
        f["f:attribution"] = 1.0

    ev.opinion_frame = not lemset.isdisjoint(_OPINION_TRIGGERS) and _opinion_frame(
        tt, toks, kids
    )  # used by the news layer, not the debate model
    ev.specific = bool(ev.numbers) or any(
        ent_counts.get(x) for x in ("DATE", "TIME", "ORDINAL", "MONEY", "PERCENT")
    )

    # Comparison and superlatives.
    superl = not tagset.isdisjoint(("JJS", "RBS"))
    more = not tagset.isdisjoint(("JJR", "RBR"))
    compar = more and "than" in lowset
    if superl:
        f["f:superlative"] = 1.0
    if compar:
        f["f:comparative"] = 1.0
    ev.comparison = superl or compar
    if "nummod" in depset and any(
        d == "nummod" and tt.pos[tt.head[i]] == "NOUN" for i, d in zip(toks, deps, strict=True)
    ):
        f["f:num_noun"] = 1.0  # a counted thing: "5 million jobs", "300 turbines"
    if more and any_num:
        f["f:compar_num"] = 1.0  # "more than 40 percent", "fewer than 3,000"
    if ent_counts.get("DATE") and any(
        et == "DATE" and len(t) == 4 and t.isdigit() for t, et in zip(texts, ent_types, strict=True)
    ):
        f["f:year"] = 1.0
    if ("we" in lowset or "i" in lowset) and _speaker_did(tt, toks, kids):
        f["f:we_did"] = 1.0
    if not lowset.isdisjoint(CHANGE_WORDS):
        f["f:change_word"] = 1.0

    # Causal and predictive statements, hedges, opinion.
    ev.causal = any(p in low_text for p in CAUSAL_PHRASES) or not lemset.isdisjoint(CAUSAL_WORDS)
    if ev.causal:
        f["f:causal"] = 1.0
    future = not lowset.isdisjoint(FUTURE_WORDS) or "going to" in low_text
    ev.prediction = future or not lemset.isdisjoint(PREDICT_LEMMAS)
    ev.foretells = future and _future_main_clause(tt, toks, lowers, deps)
    if future:
        f["f:future"] = 1.0
    if ev.prediction:
        f["f:prediction"] = 1.0
    if not lemset.isdisjoint(HEDGE_WORDS):
        f["f:hedge"] = 1.0
    if not lowset.isdisjoint(OBLIGATION_WORDS) or "need to" in low_text or "have to" in low_text:
        f["f:obligation"] = 1.0
    n_op = (
        sum(1 for w in lemmas if w in OPINION_WORDS) if not lemset.isdisjoint(OPINION_WORDS) else 0
    )
    if n_op:
        f["f:opinion"] = min(n_op, 2) / 2
    if "neg" in depset:
        f["f:negation"] = 1.0

    # Speech acts and person.
    ev.question = text.endswith("?") or (bool(texts) and texts[-1] == "?")
    if ev.question:
        f["f:question"] = 1.0
    if "!" in text:
        f["f:exclaim"] = 1.0
    ev.personal = "i" in lowset and _speaks_for_self(tt, toks, lowers, deps)
    ev.past_deed = (
        not ev.question
        and not ev.foretells
        and not ev.personal
        and _did_in_past(tt, toks, tags, deps, pos)
    )
    if not lowset.isdisjoint(FIRST_SING):
        f["f:first_sing"] = 1.0
    if not lowset.isdisjoint(FIRST_PLUR):
        f["f:first_plur"] = 1.0
    if not lowset.isdisjoint(SECOND):
        f["f:second"] = 1.0
    ev.instruction = not tagset.isdisjoint(("VB", "VBP")) and _imperative(tt, toks, tags, deps)
    if ev.instruction:
        f["f:imperative"] = 1.0  # advice and instructions ("Test your site search first.")

    # Length.
    n = ev.words = len(puncts) - sum(puncts)  # tokens that are not punctuation
    if n < 5:
        f["f:len<5"] = 1.0
    elif n < 10:
        f["f:len5_10"] = 1.0
    elif n < 20:
        f["f:len10_20"] = 1.0
    elif n < 40:
        f["f:len20_40"] = 1.0
    elif n < 10_000:
        f["f:len40+"] = 1.0
    f["f:loglen"] = math.log1p(n) / 4  # longer turns carry more checkable content
    ev.boilerplate = bool(BOILERPLATE.search(text)) or bool(BYLINE.match(text) and n <= 8)

    # Sparse n-grams, each family scaled to unit L2 norm so that long news sentences do not
    # pile up evidence the way they never could in short debate turns.
    units = _units(texts, lemmas, lowers, ent_types, iobs, like_nums, puncts)
    surface = _surface(texts, lowers, puncts, digits)
    families = (
        {"w:" + u for u in units},
        {"r:" + w for w in surface}
        | {f"r:{x}_{y}" for x, y in pairwise(["<s>", *surface, "</s>"])},
        {f"w2:{x}_{y}" for x, y in pairwise(["<s>", *units, "</s>"])},
        {f"p2:{x}_{y}" for x, y in pairwise(["<s>", *pos, "</s>"])},
    )
    for grams in families:
        if grams:
            f.update(dict.fromkeys(grams, 1.0 / math.sqrt(len(grams))))
    return ev


def sentence_features(sent: Span) -> dict[str, float]:
    """The sparse feature mapping of a sentence (what the model scores)."""
    return sentence_evidence(sent).features
