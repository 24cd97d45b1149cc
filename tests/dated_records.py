"""Hand-built articles whose claims carry dates, for storage, timeline and export tests (no NLP).

The text's sentences: a vote "on Monday" (past), a flood "last September", a dam failure "On
March 3, 2017" (absolute) and a resignation "on Friday" in a conditional (left unresolved).
"""

from __future__ import annotations

import datetime as dt
import hashlib

from claimdesk.model import Analysis, Article, Claim, ClaimDate
from claimdesk.nlp.date_rules import parse_rule

D = dt.date
TEXT = (
    "The council voted on Monday to spend $4 million. "
    "The river burst its banks last September. "
    "On March 3, 2017, the old dam failed. "
    "The minister would resign on Friday if the vote failed."
)


def span(text: str, words: str) -> tuple[int, int]:
    start = text.index(words)
    return start, start + len(words)


def date(words: str, rule: str, value: dt.date | None = None) -> ClaimDate:
    a, b = span(TEXT, words)
    parsed = parse_rule(rule)
    precision = parsed.precision if parsed else None
    return ClaimDate(a, b, words, rule, value, precision, "absolute" if value else None)


def sentence_claim(sentence_start: str, dates: list[ClaimDate], kind: str = "event") -> Claim:
    a = TEXT.index(sentence_start)
    b = TEXT.index(".", a) + 1
    if sentence_start.startswith("On March"):
        b = TEXT.index("failed.", a) + len("failed.")
    return Claim(a, b, TEXT[a:b], 0.9, kind, dates=dates)


def article(published: dt.date | None = None, document: dt.date | None = None, n: int = 0):
    text = TEXT + " " * n  # a distinct content hash per article
    art = Article(
        text=text,
        content_hash=hashlib.sha256(text.encode()).hexdigest(),
        title=f"Flood budget {n}",
        published_at=published,
        document_date=document,
        lang="en",
    )
    analysis = Analysis(
        claims=[
            sentence_claim("The council", [date("Monday", "weekday:1:@past")]),
            sentence_claim("The river", [date("last September", "month:9:last@past")]),
            sentence_claim(
                "On March",
                [date("March 3, 2017", "2017-03-03@past", D(2017, 3, 3))],
                kind="statistic",
            ),
            sentence_claim("The minister", [date("Friday", "weekday:5:")], kind="prediction"),
        ]
    )
    return art, analysis


def make_collection(store) -> dict[str, int]:
    a = store.add_article(*article(published=D(2020, 1, 15), n=1)).article_id
    b = store.add_article(*article(published=D(2021, 6, 2), n=2)).article_id  # a Wednesday
    c = store.add_article(*article(n=3)).article_id  # dated by its upload
    assert a and b and c
    return {"a": a, "b": b, "c": c}
