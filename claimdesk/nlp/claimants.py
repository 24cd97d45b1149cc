"""Who asserts a claim: the quoted speaker whose quote covers the sentence, else the author.

Kept apart from claim scoring (claimdesk.nlp.claims) because it reads the quote extractor's
output, not the claim evidence: what makes a speaker trustworthy as a claimant is decided with
the quotes and their resolved sources.
"""

from __future__ import annotations

from dataclasses import dataclass

from claimdesk.model import Quote, Source

AUTHOR = "the author"


@dataclass(frozen=True)
class Claimant:
    """The asserter of one sentence; `quote` is the quote that makes it someone else's."""

    name: str = AUTHOR
    source: Source | None = None
    quote: Quote | None = None


def claimant_for(start: int, end: int, quotes: list[Quote]) -> Claimant:
    """The speaker of the quote with a speaker that overlaps characters [start, end) most."""
    best, best_ov = None, 0
    for q in quotes:
        if not (q.speaker or q.source):
            continue
        ov = min(end, q.end) - max(start, q.start)
        if ov > best_ov:
            best, best_ov = q, ov
    if best is None:
        return Claimant()
    name = best.speaker or (best.source.name if best.source else AUTHOR)
    return Claimant(name=name, source=best.source, quote=best)
