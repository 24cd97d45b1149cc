"""The key under which a name is stored once: sources and reviewers' place corrections are
looked up by it, so "The BBC", "the BBC" and "BBC" are one row."""

from __future__ import annotations

import unicodedata


def name_key(name: str) -> str:
    """Normalised key of a name: case-folded, accents kept, articles and punctuation dropped."""
    s = unicodedata.normalize("NFKC", name).casefold().replace("’", "'")
    words = [w for w in "".join(c if c.isalnum() or c == "'" else " " for c in s).split()]
    while words and words[0] in {"the", "a", "an"}:
        words = words[1:]
    return " ".join(words)[:300] or s.strip()[:300]
