"""The dates each claim speaks of, read from its sentence at analysis time.

A date phrase counts where spaCy's NER marks a DATE or TIME ("last September", "yesterday",
"on Monday", "2019"), or anywhere when it is written out in full ("March 3, 2021", "Oct. 28",
"12/30/2014"), which NER sometimes misses. Each phrase is read as a rule
(claimdesk.nlp.date_rules) with the tense of the clause that governs it, since "on Monday"
means the Monday before the article in "said on Monday" and the one after it in "will meet on
Monday". Absolute dates are resolved here; relative ones wait for the article's anchor date,
which the store applies (`date_rules.anchored`) when it writes the article.
"""

from __future__ import annotations

import dataclasses
import re

from spacy.tokens import Doc, Token

from claimdesk.model import Claim, ClaimDate
from claimdesk.nlp.date_rules import DateRule, find_dates, resolve

DATE_LABELS = ("DATE", "TIME")
_FUTURE_AUX = {"will", "'ll", "’ll", "wo", "shall"}
_PERFECT_AUX = {"has", "have", "'ve", "’ve", "had"}
_PRESENT_BE = {"is", "are", "am", "'s", "’s", "'re", "’re", "'m", "’m"}
#: Every date written in full has a four-digit year or a month's name (abbreviated or not).
_EXPLICIT_HINT = re.compile(r"\d{4}|\b(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)")
#: How far up the parse a date's governing verb is looked for.
_MAX_HOPS = 8


def clause_tense(token: Token) -> str:
    """ "past", "future" or "" (present, conditional, infinitive, or no verb: not known) of the
    verb that governs `token`."""
    verb = token
    for _ in range(_MAX_HOPS):
        if verb.tag_.startswith("VB"):
            break
        if verb.head.i == verb.i:
            return ""
        verb = verb.head
    else:
        return ""
    if not verb.tag_.startswith("VB"):
        return ""
    auxes = [c for c in verb.children if c.dep_ in ("aux", "auxpass")]
    words = {a.lower_ for a in auxes}
    if words & _FUTURE_AUX:
        return "future"
    if any(a.tag_ == "MD" for a in auxes):
        return ""  # would, could, may: neither a report nor a plan
    if any(a.tag_ == "TO" for a in auxes):
        head = verb.head  # "is going to meet on Monday"
        going = verb.dep_ == "xcomp" and head.lower_ == "going"
        if going and {c.lower_ for c in head.children if c.dep_ == "aux"} & _PRESENT_BE:
            return "future"
        return ""  # an infinitive's event has a time of its own ("agreed to meet on Monday")
    if verb.tag_ == "VBD" or any(a.tag_ == "VBD" for a in auxes):
        return "past"
    if verb.tag_ == "VBN" and words & _PERFECT_AUX:
        return "past"
    return ""


def entity_spans(doc: Doc) -> list[tuple[int, int]]:
    return [(e.start_char, e.end_char) for e in doc.ents if e.label_ in DATE_LABELS]


def _overlaps(a: int, b: int, spans: list[tuple[int, int]]) -> bool:
    return any(a < e and b > s for s, e in spans)


def dates_in_span(
    doc: Doc, start: int, end: int, spans: list[tuple[int, int]], text: str | None = None
) -> list[ClaimDate]:
    """The dates written in doc.text[start:end], absolute ones resolved, relative ones not yet.

    `text`: that span's text, when the caller has it (`doc.text` joins every token anew)."""
    text = doc.text[start:end] if text is None else text
    marked = _overlaps(start, end, spans)
    if not marked and not _EXPLICIT_HINT.search(text):
        return []  # most sentences: nothing a date could be read from
    out: list[ClaimDate] = []
    for found in find_dates(text, explicit_only=not marked):
        a, b = start + found.start, start + found.end
        if not found.explicit and not _overlaps(a, b, spans):
            continue
        span = doc.char_span(a, b, alignment_mode="expand")
        rule: DateRule = found.rule
        if span is not None and rule.kind != "offset":
            rule = dataclasses.replace(rule, tense=clause_tense(span.root))
        resolved = resolve(rule, None) if rule.is_absolute else None
        out.append(
            ClaimDate(
                start=a,
                end=b,
                text=text[found.start : found.end],
                rule=rule.text(),
                value=resolved[0] if resolved else None,
                precision=rule.precision,
                anchor="absolute" if resolved else None,
            )
        )
    return out


def add_claim_dates(doc: Doc, claims: list[Claim]) -> None:
    """Sets each claim's `dates` from its sentence (a claim's text is its span of the Doc)."""
    if not claims:
        return
    spans = entity_spans(doc)
    for claim in claims:
        claim.dates = dates_in_span(doc, claim.start, claim.end, spans, claim.text)
