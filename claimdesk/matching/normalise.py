"""Text clean-up before matching: what a tweet or a pasted social-media post carries that says
nothing about its claim (links, the embed trailer "— Name (@handle) January 6, 2020", the @ and #
of handles and hashtags), removed or opened up in a general way."""

from __future__ import annotations

import html
import re

URL = re.compile(r"(?:https?://|www\.)[^\s—–]+|pic\.twitter\.com/[^\s—–]*", re.IGNORECASE)
MONTHS = "January|February|March|April|May|June|July|August|September|October|November|December"
# an embedded tweet's last line: a dash, the author's name, (@handle), the date
EMBED_TRAILER = re.compile(
    rf"\s*[—–]\s*(?P<name>[^—–\n]{{0,80}}?)\s*\(@\w{{1,30}}\)\s*(?:(?:{MONTHS})\s+\d{{1,2}},\s+\d{{2,4}})?\s*$"
)
TRAILER_CHARS = 300
TAG = re.compile(r"(?<![\w@#])[@#](?P<word>\w+)")
CAMEL = re.compile(r"(?<=[a-z])(?=[A-Z])|(?<=[A-Z])(?=[A-Z][a-z])|(?<=[A-Za-z])(?=\d)")
SPACE = re.compile(r"\s+")


def split_tag(word: str) -> str:
    """`ImpeachTrump` -> `Impeach Trump`, `COVID19` -> `COVID 19`; snake_case too."""
    return CAMEL.sub(" ", word.replace("_", " "))


def normalise_text(text: str, keep_author: bool = True) -> str:
    """The claim-bearing text of a post: links and the embed trailer's handle and date removed
    (the author's name kept when `keep_author`), #hashtags and @handles as words."""
    text = html.unescape(text or "")
    text = URL.sub(" ", text)
    # the trailer ends the text: searching only its tail keeps long inputs linear
    tail_start = max(0, len(text) - TRAILER_CHARS)
    trailer = EMBED_TRAILER.search(text, tail_start)
    if trailer:
        author = trailer.group("name") if keep_author else ""
        text = text[: trailer.start()] + (" — " + author if author else "")
    text = TAG.sub(lambda m: " " + split_tag(m.group("word")) + " ", text)
    return SPACE.sub(" ", text).strip()


def has_words(text: str) -> bool:
    """Whether a text has anything to match on (a letter or digit)."""
    return any(ch.isalnum() for ch in text)
