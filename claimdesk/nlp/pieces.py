"""Long texts analysed in pieces: cut at paragraph breaks, analysed one by one, merged back.

A parsed Doc costs memory in proportion to its length (spaCy keeps every token, vector and
parse), so a 500-page report analysed whole needs gigabytes. Cut into pieces of at most
PIECE_CHARS characters, it needs what one piece needs, and its results are the pieces' results
with offsets moved to the whole text. What spans a cut (a pronoun whose speaker is named in the
previous piece, a place whose context lies there) is resolved within its piece only: pieces are
long (dozens of pages), so that is rare.
"""

from __future__ import annotations

import dataclasses
from typing import TypeVar

from claimdesk.model import Analysis, Source

PIECE_CHARS = 100_000
#: Where a piece prefers to end, best first: a paragraph, a line, a sentence, a word.
_BREAKS = ("\n\n", "\n", ". ", " ")
#: Character-offset fields of the records an Analysis holds.
_OFFSET_FIELDS = ("start", "end", "speaker_start", "speaker_end")
R = TypeVar("R")


def piece_bounds(text: str, max_chars: int = PIECE_CHARS) -> list[tuple[int, int]]:
    """Ranges [start, end) that cover `text` in order, each at most `max_chars` long, cut after
    the last paragraph break (else line break, sentence end, space) inside the window."""
    bounds: list[tuple[int, int]] = []
    start, n = 0, len(text)
    while n - start > max_chars:
        window_end = start + max_chars
        cut = -1
        for mark in _BREAKS:
            found = text.rfind(mark, start + max_chars // 2, window_end)
            if found != -1:
                cut = found + len(mark)
                break
        if cut == -1:
            cut = window_end  # one unbroken run of characters: cut anywhere
        bounds.append((start, cut))
        start = cut
    bounds.append((start, n))
    return bounds


def _shift(record: R, offset: int) -> R:
    changes: dict[str, object] = {}
    for name in _OFFSET_FIELDS:
        value = getattr(record, name, None)
        if isinstance(value, int):
            changes[name] = value + offset
    follows = getattr(record, "follows", None)
    if follows is not None:
        changes["follows"] = (follows[0] + offset, follows[1] + offset)
    return dataclasses.replace(record, **changes) if changes else record  # type: ignore[type-var]


def merge_pieces(parts: list[tuple[int, Analysis]]) -> Analysis:
    """One Analysis of the whole text from (offset, analysis of the piece) pairs.

    Sources are one per name across pieces (the first piece's record is kept and every quote and
    claim points to it); claims are ranked again over the whole text."""
    by_name: dict[str, Source] = {}

    def same_source(source: Source | None) -> Source | None:
        if source is None:
            return None
        return by_name.setdefault(source.name, source)

    merged = Analysis()
    for offset, part in parts:
        for q in part.quotes:
            q = _shift(q, offset)
            q.source = same_source(q.source)
            merged.quotes.append(q)
        for c in part.claims:
            c = _shift(c, offset)
            c.dates = [_shift(d, offset) for d in c.dates]
            c.figures = [_shift(f, offset) for f in c.figures]
            c.claimant_source = same_source(c.claimant_source)
            merged.claims.append(c)
        merged.places.extend(_shift(m, offset) for m in part.places)
        for s in part.sources:
            same_source(s)
    merged.sources = list(by_name.values())
    merged.claims.sort(key=lambda c: (-c.score, c.start))
    return merged
