"""Who asserts a claim: the quoted speaker whose statement the sentence reports, else the author.

Kept apart from claim scoring (claimdesk.nlp.claims) because it reads the quote extractor's
output and the text's layout, not the claim evidence.

- A sentence is someone else's claim only when a quote in it reports a statement: a quotation,
  or reported content that is a clause of its own ("X said the bridge is unsafe"). A reported
  act ("X criticized the board", "X urged Congress to act") is the author's account of what X
  did, so the author claims it.
- The claimant is a name: a quote whose speaker stayed a pronoun, a relative ("who"), or no
  name at all cannot make a sentence someone's, and a dateline or a time stamp is never one.
- In a transcript (claimdesk.nlp.transcript) the talk is the speakers': a sentence in a turn
  is claimed by the turn's speaker unless it reports someone else.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from spacy.tokens import Span

from claimdesk.model import Quote, Source
from claimdesk.nlp.lexicons.source_words import OFFICIAL_TITLES
from claimdesk.nlp.transcript import Layout, Turn

AUTHOR = "the author"
_FINITE = {"VBD", "VBZ", "VBP", "MD"}
# mentions that name no one: pronouns, relatives, demonstratives
_NOT_NAMES = frozenset(
    [
        "i",
        "me",
        "we",
        "us",
        "you",
        "he",
        "him",
        "she",
        "her",
        "they",
        "them",
        "it",
        "its",
        "his",
        "their",
        "who",
        "whom",
        "whose",
        "which",
        "that",
        "this",
        "these",
        "those",
        "one",
        "someone",
    ]
)
_TIME_STAMP = re.compile(r"^\d{1,2}[.:]\d{2}\b")


@dataclass(frozen=True)
class Claimant:
    """The asserter of one sentence; `quote` is the quote that makes it someone else's."""

    name: str = AUTHOR
    source: Source | None = None
    quote: Quote | None = None


def claimant_for(
    start: int,
    end: int,
    quotes: list[Quote],
    sent: Span | None = None,
    layout: Layout | None = None,
) -> Claimant:
    """The claimant of characters [start, end): the named speaker of the reported statement
    that overlaps them most, else (in a transcript) the speaker of the turn, else the author.
    `sent`, the parsed sentence, lets reported acts be told from reported statements; `layout`,
    the text's, gives the turns of a transcript."""
    best, best_ov = None, 0
    for q in quotes:
        name = speaker_name(q)
        if name is None or (sent is not None and not _reports_statement(q, sent)):
            continue
        ov = min(end, q.end) - max(start, q.start)
        if ov > best_ov:
            best, best_ov = q, ov
    if best is not None:
        return Claimant(name=speaker_name(best) or AUTHOR, source=best.source, quote=best)
    if layout is not None:
        turn = layout.turn_at(start)
        if turn is not None and turn.speaker:
            return Claimant(name=turn.speaker, source=turn_source(turn))
    return Claimant()


def speaker_name(q: Quote) -> str | None:
    """The name a quote's speaker resolved to, or None when it names no one."""
    name = q.source.name if q.source is not None else q.speaker
    if not name:
        return None
    name = _TIME_STAMP.sub("", name).strip()
    if not name or name.lower() in _NOT_NAMES:
        return None
    if name.isupper() and len(name.split()) == 1 and q.cue == ":":
        return None  # a dateline or a heading in capitals ('PORTLAND:'), not a speaker
    return name


def _reports_statement(q: Quote, sent: Span) -> bool:
    """A quotation, or reported content that is a finite clause ("the bridge is unsafe"), not
    the object of a reported act ("his deputy to resign", "the plan")."""
    if q.kind in ("direct", "mixed") or q.cue in (":", "according to"):
        return True
    span = sent.doc.char_span(q.start, q.end, alignment_mode="expand")
    if span is None:
        return False
    root = span.root
    if root.tag_ in _FINITE:
        return True
    return root.pos_ in ("VERB", "AUX") and any(
        c.dep_ in ("nsubj", "nsubjpass", "expl") or c.dep_ == "aux" and c.tag_ in _FINITE
        for c in root.children
    )


def turn_source(turn: Turn) -> Source:
    """The source of a transcript turn's speaker: an official when the label is a title."""
    words = (turn.label or "").lower().replace(".", " ").split()
    kind = "official" if any(w in OFFICIAL_TITLES for w in words) else "person"
    return Source(name=turn.speaker or AUTHOR, kind=kind)
