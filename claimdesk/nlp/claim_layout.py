"""Page furniture told by layout and wording conventions: what a sentence *is* on the page.

A news page carries text that is not the article's statements: headings and list labels,
photo captions and credits, live-blog timestamps, contact lines. None of them is a claim, but a
model trained on spoken sentences sees only their words (a caption is full of names and dates)
and scores them like facts. The rules here read the layout instead:

- a heading is a short line standing alone without sentence-final punctuation
  ("Improve Site Search", "NEW BUSINESS", "Previous Next");
- a caption follows the captioning conventions of agencies and papers ("In this image released
  by ...", "X, left, and Y appear ...", "... is pictured here", "..., in pictures");
- a credit names a photographer or agency ("Photo: Ann Lee/Reuters", "(AP Photo/...)",
  "Kevin Moe/for The Daily Star ...", "REUTERS/Jan Ruiz");
- a timestamp line is only a clock time ("13.08", "10:45 GMT"); a time that opens a live-blog
  entry ("13.08 The minister has ...") is cut off the sentence before it is scored, and so is
  a transcript's speaker label ("THE PRESIDENT: I have ...");
- a contact line gives an e-mail address ("Email jd@paper.com.", "may be reached at ...");
- a line without a single word (numbers or symbols only: "3.", "*") states nothing.

Everything here is layout or a general convention; nothing is tied to one publication.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

HEADING = "heading"
CAPTION = "caption"
CREDIT = "credit"
TIMESTAMP = "timestamp"
CONTACT = "contact"
NO_WORDS = "no_words"

# A heading is at most this many words long (headlines, section and list labels).
HEADING_MAX_WORDS = 12
# A sentence with an e-mail address and at most this many words is a contact line.
CONTACT_MAX_WORDS = 12

# Sentence-final punctuation, possibly followed by closing quotes or brackets. A colon or a
# semicolon also ends a line that runs on into a list ("Recipients include:").
_FINAL = re.compile(r"[.!?…:;]['\"”’)\]»]*\s*$")
_CLOCK = r"(?:[01]?\d|2[0-3])[.:][0-5]\d"
_ZONE = r"(?:[ap]\.?m\.?|gmt|bst|utc|cet|cest|[ecmp][sd]?t|local(?: time)?)"
TIMESTAMP_LINE = re.compile(rf"^\(?{_CLOCK}(?:\s*{_ZONE})?\)?\.?$", re.IGNORECASE)
# the entry's first word must be capitalised: "10.25 per cent of ..." is a number, not a time
LEADING_TIMESTAMP = re.compile(rf"^\(?{_CLOCK}\)?(?:\s*(?i:{_ZONE}))?\s+(?=[A-Z“\"‘'])")
CAPTION_CUES = re.compile(
    r"^in this\b[^.]{0,60}?\b(?:photo|photograph|image|picture|handout|grab|screenshot|still)s?\b"
    r"|\((?:pictured|left|right|centre|center|top|bottom|above|below|inset)\)"
    r"|,\s*(?:pictured|left|right|centre|center|above|below)\s*,"
    r"|\b(?:is|are|was|were)\s+(?:pictured|shown|seen)\s+(?:here|above|below|left|right)\b"
    r"|\b(?:shown|seen|pictured) here\b"
    r"|,\s*in pictures\b",
    re.IGNORECASE,
)
# "Photo: Ann Lee/Reuters", "AP Photo/Jane Doe", "Photograph by ...", "Credit: ..."
CREDIT_WORDS = re.compile(
    r"\b(?:photo|photograph|picture|image|video|graphic|illustration)s?\s*(?::|/|\bby\b)"
    r"|\b(?:photo|image|picture)\s+(?:credit|courtesy)\b|\bcredit\s*:",
    re.IGNORECASE,
)
_NAME = r"[A-Z][\w.'’-]*"
# Name shapes, case-sensitive: "Kevin C. Downs/for New York Daily News ...", and an agency in
# capitals before a photographer's name, opening a caption or closing it without a full stop
# ("REUTERS/Jan Ruiz Lopez ...", "... on Monday. AFP/Getty Images").
CREDIT_NAMES = re.compile(
    rf"^{_NAME}(?:\s+{_NAME}){{1,3}}\s*/\s*for\s"
    rf"|^[A-Z]{{2,}}\s*/\s*{_NAME}\s+{_NAME}"
    rf"|\b[A-Z]{{2,}}\s*/\s*{_NAME}(?:\s+{_NAME}){{1,3}}\)?$"
)
# A transcript's speaker label: a name in capitals with a colon ("THE PRESIDENT:",
# "SEN. WARREN:"), or the Q and A of a press conference or interview ("A" only with a stop
# or colon: on its own it is the article).
_LABEL = r"((?:[A-Z][A-Z.'’-]*\s+){0,3}[A-Z][A-Z.'’-]+:|Q[.:]?|A[.:])"
SPEAKER_LABEL = re.compile(rf"^{_LABEL}\s+(?=\S)")
EMAIL = re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+")
CONTACT_CUES = re.compile(r"\b(?:e-?mail|contact|reached at|write to)\b", re.IGNORECASE)


@dataclass(frozen=True)
class LineContext:
    """Where a sentence sits on the page."""

    alone_on_line: bool  # the sentence is a whole line (paragraph) by itself
    transcript: bool = False  # spoken turns, one per line: unpunctuated lines are cut turns


def line_context(text: str, start: int, end: int, transcript: bool = False) -> LineContext:
    """Whether `text[start:end]` fills its line: only blanks between it and the line breaks."""
    before = text.rfind("\n", 0, start)
    after = text.find("\n", end)
    line_end = len(text) if after < 0 else after
    alone = not text[before + 1 : start].strip() and not text[end:line_end].strip()
    return LineContext(alone_on_line=alone, transcript=transcript)


# Words without which a caption or credit cue cannot match (cheap tests before the patterns).
_CAPTION_KEYS = (
    *("in this", "pictur", "shown", "seen", "left", "right"),
    *("cent", "top", "bottom", "above", "below", "inset"),
)
_CREDIT_KEYS = ("photo", "pictur", "image", "video", "graphic", "illustration", "credit")


def furniture_kind(sentence: str, words: int, has_word: bool, where: LineContext) -> str | None:
    """The kind of page furniture a sentence is, or None for running text.

    `words`: tokens that are not punctuation; `has_word`: any alphabetic token.
    """
    text = sentence.strip()
    if not has_word:
        return NO_WORDS
    if words <= 3 and TIMESTAMP_LINE.match(text):
        return TIMESTAMP
    low = text.lower()
    if (any(k in low for k in _CREDIT_KEYS) and CREDIT_WORDS.search(text)) or (
        "/" in text and CREDIT_NAMES.search(text)
    ):
        return CREDIT
    if any(k in low for k in _CAPTION_KEYS) and CAPTION_CUES.search(text):
        return CAPTION
    if (
        "@" in text
        and EMAIL.search(text)
        and (words <= CONTACT_MAX_WORDS or CONTACT_CUES.search(text))
    ):
        return CONTACT
    if (
        where.alone_on_line
        and not where.transcript
        and words <= HEADING_MAX_WORDS
        and not _FINAL.search(text)
    ):
        return HEADING
    return None


def leading_label_length(line_start: str, transcript: bool = False) -> int:
    """Characters of a label opening a line before its text: a live-blog clock time
    ("13.08 The minister ...") or, in a transcript, a speaker label ("THE PRESIDENT: I have
    ...", "Q Will you ...?"); 0 when the line opens with its text."""
    m = LEADING_TIMESTAMP.match(line_start)
    if m is None and transcript:
        m = SPEAKER_LABEL.match(line_start)
    return m.end() if m else 0
