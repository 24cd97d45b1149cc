"""Datelines: the city a wire story was filed from, at the start of its first lines.

"BEAVERTON -- The ...", "WASHINGTON (Reuters) - ...", "SURABAYA, Indonesia/JAKARTA (Reuters)",
"LONDON, Ky. (WKYT) -", "KOLKATA, India –", "NEW DELHI:". The place is written in capitals at
the start of a line and followed (after an optional region and agency) by a dash or colon, or
by the agency alone. A Title-case place counts only with an agency: "Moscow (Reuters) -".
"""

from __future__ import annotations

import re

_CAPS = r"[A-Z][A-Z.'’]+(?:[ -][A-Z][A-Z.'’]+){0,3}"
_TITLE = r"[A-Z][a-z]+(?: [A-Z][a-z]+){0,2}"
_REGION = r"(?:,[ \t]*(?P<region>[A-Z][A-Za-z.]*(?:[ /][A-Za-z][A-Za-z.]*){0,3}))?"
_DATE = r"(?:,[ \t]*[A-Z][a-z]{2,8}\.?[ \t]+\d{1,2}(?:,[ \t]*\d{4})?)?"  # ", April 5"
_AGENCY = r"\([A-Za-z][A-Za-z .&-]{0,40}\)"
_END = r"(?:--|—|–|-(?=\s|\()|:(?=\s))"
DATELINE = re.compile(
    rf"(?P<caps>{_CAPS}){_REGION}{_DATE}[ \t]*(?:{_AGENCY}[ \t]*{_END}?|{_END})"
    rf"|(?P<title>{_TITLE}){_REGION.replace('region', 'region2')}[ \t]*{_AGENCY}[ \t]*{_END}"
)
MAX_LINES = 400  # datelines open a story (or each item of a round-up): look at line starts


def _dateline_matches(text: str) -> list[re.Match[str]]:
    """The datelines at the start of a line, in text order."""
    out = []
    pos = 0
    for _ in range(MAX_LINES):
        start = pos
        while start < len(text) and text[start] in " \t":
            start += 1
        m = DATELINE.match(text, start)
        if m and sum(c.isalpha() for c in (m.group("caps") or m.group("title"))) >= 3:
            out.append(m)
        nl = text.find("\n", pos)
        if nl < 0:
            break
        pos = nl + 1
    return out


def dateline_spans(text: str) -> list[tuple[int, int, int, int]]:
    """(start, end) of each dateline place at the start of a line, then (start, end) of the
    region written after it ("Indonesia/JAKARTA", "Ky."; equal when there is none)."""
    out = []
    for m in _dateline_matches(text):
        g = "caps" if m.group("caps") else "title"
        a, b = m.span(g)
        region = "region" if g == "caps" else "region2"
        ra, rb = m.span(region) if m.group(region) else (b, b)
        out.append((a, b, ra, rb))
    return out


def dateline_prefixes(text: str) -> list[tuple[int, int]]:
    """(start, end) of each whole dateline: place, region, date and agency ("LONDON (Reuters) -")."""
    return [m.span() for m in _dateline_matches(text)]
