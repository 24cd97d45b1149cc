"""Layout-aware sentence boundaries, set before the parser runs.

The statistical parser splits running prose well but not layout: a headline, a byline and the
first paragraph come out as one "sentence", and so do list items or text written one sentence
per line. This component marks what the layout already tells us, and the parser (which honours
preset boundaries) fills in the rest:

- the first token after a line break starts a sentence;
- a bullet glyph ("•", "▪", ...) starts a sentence wherever it occurs;
- a closing quote mark straight after sentence-final punctuation (`win."`) stays with the
  sentence it closes, and a capitalised token after it starts the next one.
"""

from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc, Token

COMPONENT_NAME = "claimdesk_sentence_breaks"

BULLETS = frozenset("•▪◦●○■□►▸‣⁃·")
LINE_BULLETS = frozenset({"-", "*", "–", "—", "+", ">"})
CLOSING_QUOTES = frozenset({'"', "”", "’", "'", "»", "''", "’’", "」", "›"})
OPENING_QUOTES = frozenset({'"', "“", "‘", "'", "«", "``", "「", "‹"})
FINAL_PUNCT = frozenset({".", "!", "?", "…", "...", "?!", "!?"})


def _breaks_line(tok: Token) -> bool:
    """True when a line break separates `tok` from the token after it."""
    return "\n" in tok.whitespace_ or (tok.is_space and "\n" in tok.text)


def _next_content(doc: Doc, i: int) -> int | None:
    """Index of the first non-space token at or after `i`."""
    while i < len(doc) and doc[i].is_space:
        i += 1
    return i if i < len(doc) else None


def mark_sentence_starts(doc: Doc) -> Doc:
    """Presets `is_sent_start` from line breaks, bullets and closing quote marks."""
    n = len(doc)
    for i in range(1, n):
        tok, prev = doc[i], doc[i - 1]
        if tok.is_space:
            continue
        line_start = _breaks_line(prev) or (prev.is_space and i >= 2 and _breaks_line(doc[i - 2]))
        if line_start or (tok.text in BULLETS and (prev.whitespace_ or prev.is_space)):
            tok.is_sent_start = True
            is_bullet = tok.text in BULLETS or tok.text in LINE_BULLETS
            if is_bullet and i + 1 < n and not doc[i + 1].is_space:
                doc[i + 1].is_sent_start = False  # the item's text belongs to its bullet
        elif tok.text in CLOSING_QUOTES and prev.text in FINAL_PUNCT and not prev.whitespace_:
            # `."` closes the quoted sentence; never let the mark open the next one.
            tok.is_sent_start = False
            j = _next_content(doc, i + 1)
            if j is not None and j > i and not _breaks_line(tok):
                nxt = doc[j]
                if nxt.text[:1].isupper() or nxt.text in OPENING_QUOTES:
                    nxt.is_sent_start = True
    return doc


@Language.component(COMPONENT_NAME)
def sentence_breaks(doc: Doc) -> Doc:
    return mark_sentence_starts(doc)


def add_sentence_breaks(nlp: Language) -> Language:
    """Adds the component before the parser (or first, if the pipeline has none); idempotent."""
    if COMPONENT_NAME in nlp.pipe_names:
        return nlp
    if "parser" in nlp.pipe_names:
        nlp.add_pipe(COMPONENT_NAME, before="parser")
    elif "senter" in nlp.pipe_names:
        nlp.add_pipe(COMPONENT_NAME, before="senter")
    else:
        nlp.add_pipe(COMPONENT_NAME, first=True)
    return nlp
