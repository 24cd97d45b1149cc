"""The layout of a text: is it a transcript, and whose turn covers a character?

Reads only the raw text (no parse is needed; `layout_of` keeps the result with a parsed Doc), so
quotes and claimants can ask it cheaply:

- speaker-labelled turns: paragraphs opening with a label and a colon ("THE PRESIDENT: ...",
  "MR. SMITH: ...", "QUESTION: ...") or a reporter's "Q " / "Q:" / "Q."; a paragraph without a
  label continues the turn before it. The text is a transcript of turns when such turns cover
  most of it and labels come back (a speaker takes the floor again): a list of one-off labels
  ("Connecticut: ...", "SOURCE: ...") is not a conversation.
- a header naming the speaker in the first lines ("President: George W. Bush"), which also
  names the turns whose label holds its role ("THE PRESIDENT").
- a speech or debate written one sentence or turn per line (many short lines): one turn by the
  header's speaker, if any.

In a transcript the whole text is the speakers' own talk: their first-person statements are not
quotes, reporters' questions are not quotes, and a sentence is claimed by its turn's speaker.
What a speaker reports someone else to have said is still a quote.
"""

from __future__ import annotations

import bisect
import functools
import re
from dataclasses import dataclass, field, replace

from claimdesk.nlp.lexicons.source_words import HONORIFICS, OFFICIAL_TITLES

# Labels of reporters' and audience questions.
QUESTION_LABELS = frozenset(
    ["q", "question", "questions", "reporter", "audience", "audience member", "audience question"]
)
# Labels that open page furniture and list items, never a speaker's turn.
FURNITURE_LABELS = frozenset(
    [
        "source",
        "sources",
        "correction",
        "corrections",
        "clarification",
        "update",
        "updated",
        "note",
        "editor's note",
        "editors note",
        "photo",
        "photos",
        "picture",
        "pictures",
        "credit",
        "credits",
        "caption",
        "image",
        "video",
        "watch",
        "listen",
        "read more",
        "see also",
        "related",
        "more",
        "tags",
        "filed under",
        "category",
        "contact",
        "email",
        "phone",
        "tel",
        "fax",
        "web",
        "website",
        "address",
        "date",
        "time",
        "location",
        "venue",
        "price",
        "tickets",
        "cost",
        "admission",
        "disclosure",
        "disclaimer",
        "advertisement",
        "sponsored",
        "transcript",
        "subject",
        "re",
        "by",
        "from",
        "to",
        "cc",
    ]
)
# Header keys that name the transcript's speaker ("President: George W. Bush").
_HEADER_ROLES = OFFICIAL_TITLES | {"speaker", "speakers", "guest", "interviewee", "remarks by"}

# A label: up to five words before a colon at a paragraph start; words are capitalised or
# all-capital ("THE PRESIDENT", "MR. SMITH", "Sen. Jones", "Q").
_WORD = r"[A-Z][A-Za-z.'’\-]*"
_LABEL_RE = re.compile(rf"[ \t]*(?P<label>{_WORD}(?:[ \t]+{_WORD}){{0,4}})[ \t]*:[ \t]+(?=\S)")
_Q_RE = re.compile(r"[ \t]*(?P<label>Q)(?:[.:]?[ \t]+)(?=[A-Z\"“'‘(])")
_NAME_RE = re.compile(r"[A-Z][\w.'’\-]*(?:\s+[A-Z][\w.'’\-]*){0,4}")

MIN_TURNS = 4  # labelled turns needed to call a text a conversation
MIN_COVER = 0.6  # share of the text (from the first turn on) that turns must cover
# one-sentence-per-line speeches: at least this many lines with at most this median length
LINES_MIN = 30
LINES_MAX_MEDIAN_WORDS = 12


@dataclass(frozen=True)
class Turn:
    """One speaker's turn: `start, end` cover the talk (after the label)."""

    start: int
    end: int
    label: str | None = None  # "THE PRESIDENT", "Q"; None for an unlabelled speech
    label_start: int | None = None
    label_end: int | None = None
    speaker: str | None = None  # the name the text gives ("George W. Bush"), else None
    is_question: bool = False


@dataclass(frozen=True)
class Layout:
    """How a text is laid out: `kind` is "turns", "lines" (a speech, one sentence a line) or
    "prose"; `turns` are in text order (empty for prose)."""

    kind: str = "prose"
    turns: tuple[Turn, ...] = ()
    header_speaker: str | None = None
    header_end: int = 0  # characters of the header lines, if any
    starts: tuple[int, ...] = field(default=(), repr=False)  # where each turn (label) starts

    @property
    def is_transcript(self) -> bool:
        return self.kind != "prose"

    def turn_at(self, i: int) -> Turn | None:
        """The turn whose talk or label covers character `i`, or None."""
        k = bisect.bisect_right(self.starts, i) - 1
        if k < 0:
            return None
        turn = self.turns[k]
        return turn if i < turn.end else None


def _label_key(label: str) -> str:
    return " ".join(label.lower().replace("’", "'").split())


def _is_question_label(label: str) -> bool:
    return _label_key(label).rstrip(".") in QUESTION_LABELS


def is_furniture_label(label: str) -> bool:
    """True for labels of page furniture ("SOURCE:", "Editor's note:", "Photo:")."""
    key = _label_key(label).rstrip(".")
    return bool(key) and (key in FURNITURE_LABELS or key.split()[0] in FURNITURE_LABELS)


def _plausible_label(label: str) -> bool:
    """A turn label names a speaker, not page furniture."""
    return _is_question_label(label) or not is_furniture_label(label)


def _paragraphs(text: str) -> list[tuple[int, int]]:
    """Non-blank lines as character spans (a turn opens at a line start)."""
    out = []
    for m in re.finditer(r"[^\n]+", text):
        if m.group().strip():
            out.append((m.start(), m.end()))
    return out


def _header(text: str, paras: list[tuple[int, int]]) -> tuple[str | None, str | None, int]:
    """(role, name, end) of a header line naming the speaker among the first lines."""
    for start, end in paras[:4]:
        line = text[start:end].strip()
        key, sep, value = line.partition(":")
        if not sep or len(line.split()) > 9:
            continue
        value = value.strip()
        if _label_key(key) in _HEADER_ROLES and _NAME_RE.fullmatch(value):
            return _label_key(key), value, end
    return None, None, 0


def _speaker_for(label: str, role: str | None, name: str | None) -> str | None:
    """The name a turn label stands for: the header's speaker when the label holds the header's
    role or name ("THE PRESIDENT" under "President: George W. Bush"), else the label itself
    with honorific and case restored ("MR. SMITH" -> "Mr. Smith")."""
    if _is_question_label(label):
        return None
    words = _label_key(label).split()
    if name and role:
        name_words = {w.lower() for w in name.split()}
        if role in " ".join(words) or any(w in name_words for w in words):
            return name
    words = [w for w in words if w != "the"]
    if not words:
        return None
    if label.isupper():
        shown = " ".join(w.capitalize() for w in words)
        if words[0] in HONORIFICS or words[0] in OFFICIAL_TITLES:
            return shown
        return shown if len(words) > 1 or words[0] not in OFFICIAL_TITLES else None
    return " ".join(label.split())


def _labelled_turns(
    text: str, paras: list[tuple[int, int]], header: tuple[str | None, str | None, int]
) -> list[Turn]:
    role, name, header_end = header
    turns: list[Turn] = []
    for start, end in paras:
        if end <= header_end:
            continue
        m = _LABEL_RE.match(text, start, end) or _Q_RE.match(text, start, end)
        if m is None or not _plausible_label(m.group("label")):
            if turns:  # a paragraph without a label continues the turn
                turns[-1] = replace(turns[-1], end=end)
            continue
        label = m.group("label")
        turns.append(
            Turn(
                start=m.end(),
                end=end,
                label=label,
                label_start=m.start("label"),
                label_end=m.end("label"),
                speaker=_speaker_for(label, role, name),
                is_question=_is_question_label(label),
            )
        )
    return turns


def _is_conversation(text: str, turns: list[Turn]) -> bool:
    if len(turns) < MIN_TURNS:
        return False
    keys = [_label_key(t.label or "") for t in turns]
    repeated = sum(1 for k in keys if keys.count(k) > 1)
    if repeated < len(keys) / 2:
        return False  # one-off labels: a list, not a conversation
    first = turns[0].label_start or turns[0].start
    covered = sum(t.end - (t.label_start or t.start) for t in turns)
    return covered >= MIN_COVER * max(1, len(text.rstrip()) - first) and first < len(text) / 4


def _is_line_speech(paras: list[tuple[int, int]], text: str) -> bool:
    counts = sorted(len(text[a:b].split()) for a, b in paras)
    return len(counts) >= LINES_MIN and counts[len(counts) // 2] <= LINES_MAX_MEDIAN_WORDS


@functools.lru_cache(maxsize=8)
def read_layout(text: str) -> Layout:
    """The layout of `text` (cached: quotes and claimants read the same text)."""
    paras = _paragraphs(text)
    header = _header(text, paras)
    _, name, header_end = header
    turns = _labelled_turns(text, paras, header)
    if turns and _is_conversation(text, turns):
        starts = tuple(t.label_start if t.label_start is not None else t.start for t in turns)
        return Layout("turns", tuple(turns), name, header_end, starts)
    body = [(a, b) for a, b in paras if b > header_end]
    if body and _is_line_speech(body, text):
        turn = Turn(body[0][0], body[-1][1], speaker=name)
        return Layout("lines", (turn,), name, header_end, (turn.start,))
    return Layout()
