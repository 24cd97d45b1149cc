"""Finds quoted spans in raw text by pairing quotation marks, robust to stray marks.

Marks: curly “ ”, straight ", guillemets « », low „ and the newswire pairs `` and ''.
Single quotes (’ ') are never opening marks of a top-level quote, so apostrophes ("don't",
"Clinton’s") cannot break the pairing. Straight marks are opening or closing by context.

A quote never runs past a paragraph end: if the next paragraph opens a quote again (the
multi-paragraph convention) the quote continues there as a new piece, otherwise the unclosed
mark is treated as ending at the paragraph end (when what it opened looks like a quote) or as a
stray mark. A single scan over the marks: linear in the text length.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

_MARK_RE = re.compile(r"``|''|[\"“”«»„]")
OPENERS = {"“", "«", "„", "``"}
CLOSERS = {"”", "»"}
AMBIGUOUS = {'"', "''"}
_OPEN_BEFORE = set(" \t\n([{—–-/:") | {"\u00a0"}
_CLOSE_AFTER = set(" \t\n)]}.,;:!?—–-/…'’") | {"\u00a0"}


@dataclass
class MarkedSpan:
    """A span between quotation marks, marks included."""

    start: int
    end: int
    closed: bool = True  # False: ended at a paragraph end without a closing mark
    continues: bool = False  # True: a later paragraph reopens this quote


def _role(text: str, i: int, mark: str) -> str:
    if mark in OPENERS:
        return "open"
    if mark in CLOSERS:
        # a closing mark opening a paragraph is a typo for an opening one ('\n”Fear. I am ...')
        nxt = text[i + len(mark) : i + len(mark) + 1]
        if (i == 0 or text[i - 1] == "\n") and nxt and not nxt.isspace():
            return "open"
        return "close"
    before = text[i - 1] if i > 0 else " "
    j = i + len(mark)
    after = text[j] if j < len(text) else " "
    if before in _OPEN_BEFORE and after not in " \t\n":
        return "open"
    if after in _CLOSE_AFTER and before not in " \t\n":
        return "close"
    return "either"


def _paragraph_sep(text: str) -> str:
    """Blank lines separate paragraphs when the text has any; otherwise single newlines do."""
    return "\n\n" if "\n\n" in text or "\n \n" in text else "\n"


def find_quoted_spans(text: str, min_open_words: int = 4) -> list[MarkedSpan]:
    """Quoted spans in order; unclosed quotes end at their paragraph end."""
    sep = re.compile(r"\n[ \t]*\n\s*" if _paragraph_sep(text) == "\n\n" else r"\n\s*")
    events: list[tuple[int, int, str]] = [(m.start(), m.end(), "") for m in sep.finditer(text)]
    events += [
        (m.start(), m.end(), m.group()) for m in _MARK_RE.finditer(text) if m.group() != "\n"
    ]
    events.sort()
    spans: list[MarkedSpan] = []
    open_at: int | None = None

    def close_unbalanced(end: int, reopens: bool) -> None:
        start = open_at
        assert start is not None  # called only while a quote is open
        while end > start and text[end - 1].isspace():
            end -= 1
        if reopens or len(text[start:end].split()) >= min_open_words:
            spans.append(MarkedSpan(start, end, closed=False, continues=reopens))

    for i, j, mark in events:
        if not mark:  # paragraph break
            if open_at is not None:
                nxt = text[j : j + 2]
                reopens = nxt[:1] in ("“", "«", "„", '"') or nxt == "``"
                close_unbalanced(i, reopens)
                open_at = None
            continue
        role = _role(text, i, mark)
        if role == "either":
            role = "close" if open_at is not None else "open"
        if role == "open":
            # an opener while open: the earlier quote lost its closing mark when what it opened
            # ends a sentence ('"Every day counts. "It is clear ...'); otherwise the earlier
            # mark was stray (or a nested quote written with double marks). Either way restart
            # at the later one so nothing is swallowed.
            if open_at is not None:
                end = i
                while end > open_at and text[end - 1].isspace():
                    end -= 1
                if (
                    text[end - 1 : end] in (".", "!", "?")
                    and len(text[open_at:end].split()) >= min_open_words
                ):
                    spans.append(MarkedSpan(open_at, end, closed=False))
            open_at = i
        elif open_at is not None:
            spans.append(MarkedSpan(open_at, j))
            open_at = None
    if open_at is not None:
        close_unbalanced(len(text), False)
    return spans


def strip_marks(text: str) -> str:
    """The text between the outer marks, quote marks normalised to curly double quotes."""
    inner = text
    for mark in ("``", "''", '"', "“", "”", "«", "»", "„"):
        if inner.startswith(mark):
            inner = inner[len(mark) :]
            break
    for mark in ("''", '"', "”", "»", "“"):
        if inner.endswith(mark):
            inner = inner[: -len(mark)]
            break
    return normalise_marks(inner.strip())


def normalise_marks(text: str) -> str:
    """Curly double quotes for every double-quote style; apostrophes are left alone."""
    text = text.replace("``", "“").replace("''", "”").replace("«", "“").replace("»", "”")
    text = text.replace("„", "“")
    out = []
    opened = False
    for k, ch in enumerate(text):
        if ch == '"':
            role = _role(text, k, ch)
            if role == "either":
                role = "close" if opened else "open"
            ch = "“" if role == "open" else "”"
            opened = role == "open"
        elif ch == "“":
            opened = True
        elif ch == "”":
            opened = False
        out.append(ch)
    return "".join(out)
