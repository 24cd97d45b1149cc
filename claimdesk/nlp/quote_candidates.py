"""A quote candidate as the quote passes find and refine it, and the text of a cue verb.

Shared by the direct and clausal passes (claimdesk.nlp.quotes) and the indirect pass
(claimdesk.nlp.quote_indirect), which both build candidates before they become Quote records.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from spacy.tokens import Token


@dataclass
class Cand:
    """A quote candidate in token and character terms."""

    start: int  # characters of the content
    end: int
    kind: str
    cue: Token | None = None
    cue_text: str | None = None
    spk: tuple[int, int] | None = None  # token range of the speaker mention
    pieces: list[tuple[int, int]] = field(default_factory=list)
    follows: Cand | None = None  # a floating quote: inherits this candidate's speaker
    frame_end: int = -1  # token index where the attribution frame after a direct quote ends
    own_sentences: bool = False  # the quote is a whole sentence on its own
    fragment: bool = False  # a few quoted words inside a sentence (a scare quote, a title)
    via: str = "direct"  # the pattern that found it: direct, label, clause, act, passive, ...


def cue_text(verb: Token) -> str:
    """The cue as written: the verb with an auxiliary or negation just before it and a
    particle just after it ("has said", "did not say", "pointed out")."""
    lo, hi = verb.i, verb.i + 1
    for c in verb.children:
        if c.dep_ in ("aux", "neg", "auxpass") and c.i == lo - 1:
            lo = c.i
        if c.dep_ == "prt" and c.i == hi:
            hi = c.i + 1
    return verb.doc[lo:hi].text
