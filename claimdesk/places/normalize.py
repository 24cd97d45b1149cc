"""Name normalisation shared by the gazetteer builder and the run-time lookup.

Both sides must fold names the same way, so the function lives here and nowhere else.
"""

from __future__ import annotations

import re
import unicodedata

_APOS = str.maketrans({"’": "'", "‘": "'", "`": "'", "´": "'", "‐": "-", "–": "-", "—": "-"})
_NON_WORD = re.compile(r"[^a-z0-9' ]+")
_SPACES = re.compile(r"\s+")


def fold(text: str) -> str:
    """ASCII-folds accents: "Zürich" -> "Zurich" (letters with no ASCII form are dropped)."""
    decomposed = unicodedata.normalize("NFKD", text)
    return (
        "".join(c for c in decomposed if not unicodedata.combining(c))
        .encode("ascii", "ignore")
        .decode("ascii")
    )


def norm(text: str) -> str:
    """The lookup key of a place name.

    Lower case, accents folded, dots dropped ("U.S." -> "us"), hyphens and other punctuation
    as spaces, a leading "the" and a trailing possessive removed.
    """
    t = fold(text.translate(_APOS)).lower().replace(".", "")
    t = _NON_WORD.sub(" ", t.replace("-", " "))
    t = _SPACES.sub(" ", t).strip()
    if t.endswith("'s"):
        t = t[:-2].rstrip()
    elif t.endswith("'"):
        t = t[:-1].rstrip()
    t = t.replace("'", "")
    if t.startswith("the "):
        t = t[4:]
    return t


def is_latin(text: str) -> bool:
    """True when every letter is Latin script (worth indexing for English news)."""
    for c in text:
        if c.isalpha() and "LATIN" not in unicodedata.name(c, ""):
            return False
    return any(c.isalpha() for c in text)
