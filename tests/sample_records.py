"""Hand-built articles and analyses for storage, review and page tests (no NLP needed)."""

from __future__ import annotations

import hashlib

from claimdesk.model import Analysis, Article, Claim, Place, PlaceMention, Quote, Source

TEXT = (
    "Mayor Ana Ruiz said the city will open 12 new clinics by 2027. "
    "Critics doubt it. The clinics in Springfield cost $40 million, according to the budget office."
)


def make_article(text: str = TEXT, title: str = "Clinics plan") -> Article:
    return Article(
        text=text,
        content_hash=hashlib.sha256(text.encode()).hexdigest(),
        title=title,
        lang="en",
        filename=f"{title}.txt",
    )


def make_analysis(text: str = TEXT) -> Analysis:
    ruiz = Source("Ana Ruiz", kind="official", affiliation="Mayor")
    office = Source("the budget office", kind="agency")
    s1 = text.index("the city will")
    s1_end = text.index("2027") + 4
    s3 = text.index("The clinics")
    q2_end = text.index(", according")
    quotes = [
        Quote(s1, s1_end, text[s1:s1_end], "indirect", "said", "Ana Ruiz", 6, 14, ruiz),
        Quote(
            s3,
            q2_end,
            text[s3:q2_end],
            "indirect",
            "according to",
            "the budget office",
            None,
            None,
            office,
        ),
    ]
    springfield = Place("Springfield", 39.80, -89.64, "US", "city", "gn:4250542", 4250542, 116000)
    sp = text.index("Springfield")
    places = [PlaceMention(sp, sp + len("Springfield"), "Springfield", springfield, 0.8)]
    claims = [
        Claim(
            0,
            s1_end + 1,
            text[: s1_end + 1],
            0.91,
            "prediction",
            ["12", "2027"],
            ["Ana Ruiz"],
            "Ana Ruiz",
            ruiz,
        ),
        Claim(
            s3,
            len(text),
            text[s3:],
            0.85,
            "statistic",
            ["$40 million"],
            ["Springfield"],
            "the budget office",
            office,
        ),
    ]
    return Analysis(claims=claims, quotes=quotes, sources=[ruiz, office], places=places)
