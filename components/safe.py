"""Showing untrusted text (articles, titles, names, notes) as text, never as markup."""

from __future__ import annotations

import html
import re

_MD_SPECIAL = re.compile(r"([\\`*_{}\[\]()#+\-.!|<>~$:])")
#: Where GitHub-flavoured Markdown turns plain text into a link: "scheme://", "www." and the
#: "@" of an e-mail address. It does so after escapes and entities are decoded, so escaping
#: cannot stop it; an invisible WORD JOINER inside the pattern does, and the text reads the same.
_AUTOLINK = re.compile(r"(?i)(?<=:)(?=//)|(?<=\bwww)(?=\.)|(?=@)")
WORD_JOINER = "\u2060"


def md(text: object) -> str:
    """Escapes Markdown (and the HTML Streamlit's Markdown would pass) in untrusted text, and
    keeps bare URLs and e-mail addresses from becoming links."""
    s = "" if text is None else str(text)
    s = _AUTOLINK.sub(WORD_JOINER, s)
    return _MD_SPECIAL.sub(r"\\\1", s).replace("\n", " ")


def h(text: object) -> str:
    """Escapes untrusted text for an HTML context (quotes included)."""
    return html.escape("" if text is None else str(text), quote=True)


def safe_link(url: object) -> str | None:
    """The URL when it is http(s), else None: a `javascript:` link is never rendered."""
    s = "" if url is None else str(url).strip()
    return s if s.lower().startswith(("http://", "https://")) else None
