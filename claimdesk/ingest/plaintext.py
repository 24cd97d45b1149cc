"""Plain text and Markdown: headline and byline guessed from the first lines."""

from __future__ import annotations

import re
from dataclasses import dataclass

_MD_HEADING = re.compile(r"^[ ]{0,3}#{1,6}[ \t]+(.*?)[ \t]*#*[ \t]*$", re.MULTILINE)
_MD_SETEXT = re.compile(r"^(?P<text>[^\n]+)\n[ ]{0,3}(?:=+|-+)[ \t]*$", re.MULTILINE)
_MD_IMAGE = re.compile(r"!\[([^\]\n]*)\]\([^)\n]*\)")
_MD_LINK = re.compile(r"\[([^\]\n]+)\]\((?:[^()\n]|\([^)\n]*\))*\)")
_MD_REF_DEF = re.compile(r"^[ ]{0,3}\[[^\]\n]+\]:[ \t]+\S+.*$\n?", re.MULTILINE)
_MD_STRONG = re.compile(r"(\*\*|__)(?=\S)(.+?)(?<=\S)\1")
_MD_EM = re.compile(r"(?<![\w*])\*(?=\S)([^*\n]+?)(?<=\S)\*(?![\w*])")
_MD_EM_UNDERSCORE = re.compile(r"(?<!\w)_(?=\S)([^_\n]+?)(?<=\S)_(?!\w)")
_MD_CODE = re.compile(r"`([^`\n]+)`")
_MD_QUOTE = re.compile(r"^[ ]{0,3}>[ ]?", re.MULTILINE)
_MD_RULE = re.compile(r"^[ ]{0,3}(?:[-*_][ \t]*){3,}$\n?", re.MULTILINE)
_MD_FENCE = re.compile(r"^[ ]{0,3}(?:```|~~~).*$\n?", re.MULTILINE)
_HTML_COMMENT = re.compile(r"<!--.*?-->", re.DOTALL)

_NAME_WORD = r"[A-ZÀ-ÖØ-Þ][\w.'’\-]*"
_NAME_LINK = r"(?:and|und|et|y|e|en|&|de|da|del|der|van|von|la|le|di|du|bin|al|el)"
_BYLINE = re.compile(
    r"^\s*(?i:by|von|par|por|di|door)\s*[:\-]?\s+"
    rf"(?P<name>{_NAME_WORD}(?:\s+(?:{_NAME_WORD}|{_NAME_LINK})){{0,8}})"
    r"(?P<rest>\s*(?:[,|/·•–—-].*)?)$"
)
_SENTENCE_END = re.compile(r"[.;,:]\s*$")
_MAX_TITLE_CHARS = 160
_MAX_TITLE_WORDS = 20


@dataclass
class TextMeta:
    title: str | None = None
    author: str | None = None
    publisher: str | None = None


def markdown_to_text(md: str) -> str:
    """Drop Markdown markup a reader does not see; keep the words and line structure."""
    text = _HTML_COMMENT.sub("", md)
    text = _MD_FENCE.sub("", text)
    text = _MD_REF_DEF.sub("", text)
    text = _MD_RULE.sub("", text)
    text = _MD_SETEXT.sub(lambda m: m.group("text"), text)
    text = _MD_HEADING.sub(lambda m: m.group(1), text)
    text = _MD_IMAGE.sub(lambda m: m.group(1), text)
    text = _MD_LINK.sub(lambda m: m.group(1), text)
    text = _MD_STRONG.sub(lambda m: m.group(2), text)
    text = _MD_EM.sub(lambda m: m.group(1), text)
    text = _MD_EM_UNDERSCORE.sub(lambda m: m.group(1), text)
    text = _MD_CODE.sub(lambda m: m.group(1), text)
    text = _MD_QUOTE.sub("", text)
    return text


def _looks_like_headline(line: str) -> bool:
    words = line.split()
    if not words or len(line) > _MAX_TITLE_CHARS or len(words) > _MAX_TITLE_WORDS:
        return False
    if _SENTENCE_END.search(line):
        return False  # a sentence, not a headline ("?" and "!" headlines are kept)
    if not any(c.isalpha() for c in line):
        return False
    return not _BYLINE.match(line)


def parse_byline(line: str) -> tuple[str, str | None] | None:
    """("Jane Doe", "Reuters") for "By Jane Doe, Reuters"; None when not a byline."""
    if len(line) > 120:
        return None
    m = _BYLINE.match(line)
    if not m:
        return None
    name = m.group("name").strip()
    rest = m.group("rest").strip(" ,|/·•–—-\t")
    if len(rest.split()) > 6 or rest.endswith("."):
        return None  # "By Tuesday, the troops had left." is a sentence, not a byline
    if name.isupper():
        name = name.title()
    publisher = rest if rest and len(rest.split()) <= 5 and rest[:1].isupper() else None
    return name, publisher


def guess_text_meta(text: str) -> TextMeta:
    """A short first line followed by more text is the headline; a "By X" line the byline."""
    lines = [ln.strip() for ln in text.split("\n")]
    nonempty = [ln for ln in lines if ln]
    meta = TextMeta()
    if len(nonempty) >= 2 and _looks_like_headline(nonempty[0]):
        meta.title = nonempty[0].strip("*_# ")
    for line in nonempty[:6]:
        found = parse_byline(line)
        if found:
            meta.author, meta.publisher = found
            break
    return meta
