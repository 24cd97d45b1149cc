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

from spacy.attrs import IS_SPACE, ORTH, SPACY
from spacy.language import Language
from spacy.tokens import Doc

from claimdesk.nlp.token_table import strings_of

COMPONENT_NAME = "claimdesk_sentence_breaks"

BULLETS = frozenset("•▪◦●○■□►▸‣⁃·")
LINE_BULLETS = frozenset({"-", "*", "–", "—", "+", ">"})
CLOSING_QUOTES = frozenset({'"', "”", "’", "'", "»", "''", "’’", "」", "›"})
OPENING_QUOTES = frozenset({'"', "“", "‘", "'", "«", "``", "「", "‹"})
FINAL_PUNCT = frozenset({".", "!", "?", "…", "...", "?!", "!?"})


def mark_sentence_starts(doc: Doc) -> Doc:
    """Presets `is_sent_start` from line breaks, bullets and closing quote marks."""
    n = len(doc)
    if n < 2:
        return doc
    orth, trailing, spaces = doc.to_array([ORTH, SPACY, IS_SPACE]).T.tolist()
    texts = strings_of(orth, doc.vocab.strings)
    # a line break separates token i from the next: only a space token can hold one
    breaks = [bool(sp) and "\n" in t for t, sp in zip(texts, spaces, strict=True)]
    starts: dict[int, bool] = {}  # token -> is_sent_start, later writes win
    for i in range(1, n):
        if spaces[i]:
            continue
        text, prev = texts[i], texts[i - 1]
        line_start = breaks[i - 1] or (spaces[i - 1] and i >= 2 and breaks[i - 2])
        if line_start or (text in BULLETS and (trailing[i - 1] or spaces[i - 1])):
            starts[i] = True
            is_bullet = text in BULLETS or text in LINE_BULLETS
            if is_bullet and i + 1 < n and not spaces[i + 1]:
                starts[i + 1] = False  # the item's text belongs to its bullet
        elif text in CLOSING_QUOTES and prev in FINAL_PUNCT and not trailing[i - 1]:
            # `."` closes the quoted sentence; never let the mark open the next one.
            starts[i] = False
            j = i + 1
            while j < n and spaces[j]:
                j += 1
            if j < n and not breaks[i]:
                nxt = texts[j]
                if nxt[:1].isupper() or nxt in OPENING_QUOTES:
                    starts[j] = True
    for i, value in starts.items():
        doc[i].is_sent_start = value
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
