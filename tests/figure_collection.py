"""A generated collection of articles whose claims state figures, with the conflicts planted in it
known by construction (no NLP: the figures are written as the extractor would write them).

Stories: a subject (two countries), a quantity (troops sent, refugees taken in, ...) and a true
value X. Each article reports a few stories. A disputed story has two camps that disagree
("X" and "1.25 X"); every story also has agreeing reports ("more than 0.8 X", "about X" where
it cannot clash). Near-misses that must never be flagged, each built so that only the rule it
tests keeps it apart:
- `other_time`: another year, another value (the period differs);
- `other_place`: another country, another value (the subject differs);
- `other_unit`: the same story's share in per cent (the unit differs; every article says 40%);
- `other_event`: the same subject's wounded, not sent (the key differs; all say X // 10);
- `two_values`: one claim giving the quantity twice ("from 0.5 X to X"): set aside;
- `late`: an article two months later with the new value 1.25 X (all late articles agree).
Used by tests/unit/test_conflicts_collection.py and benchmarks/conflicts.py.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import random
from dataclasses import dataclass, field

from claimdesk.conflicts import FigureFact, disagree
from claimdesk.model import Analysis, Article, Claim, Figure
from claimdesk.nlp.figure_values import read_amount

COUNTRIES = [
    "North Korea", "Russia", "Belarus", "Iran", "Syria", "Turkey", "Poland", "Germany",
    "France", "Spain", "Italy", "Greece", "Egypt", "Libya", "Sudan", "Chad", "Niger", "Mali",
    "Kenya", "Ethiopia", "Somalia", "Yemen", "Oman", "Qatar", "Jordan", "Lebanon", "Iraq",
    "Pakistan", "India", "Nepal", "China", "Japan", "Vietnam", "Laos", "Peru", "Chile",
    "Brazil", "Mexico", "Canada", "Norway",
]  # fmt: skip
QUANTITIES = [  # (plural noun as written, quantity, verb as written, event)
    ("troops", "troop", "sent", "send"),
    ("refugees", "refugee", "taken in", "take"),
    ("tanks", "tank", "delivered", "deliver"),
    ("doctors", "doctor", "dispatched", "send"),
    ("prisoners", "prisoner", "released", "release"),
]
BASE_DAY = dt.date(2024, 11, 4)


@dataclass
class Planted:
    """What the generator knows: the claims (article index, claim index) that must be flagged,
    and the ones that must not."""

    conflicting: set[tuple[int, int]] = field(default_factory=set)
    agreeing: set[tuple[int, int]] = field(default_factory=set)
    near_misses: dict[str, set[tuple[int, int]]] = field(default_factory=dict)


@dataclass
class Story:
    a: str
    b: str
    quantity: tuple[str, str, str, str]
    value: int
    disputed: bool

    @property
    def subject(self) -> str:
        return "; ".join(sorted([self.a.lower(), self.b.lower()]))


def _figure(sentence: str, offset: int, written: str, key: str, subject: str, **kw) -> Figure:
    amount = read_amount(written)
    assert amount is not None, written
    start = offset + sentence.index(written)
    _, quantity, event, _ = key.split("|")
    return Figure(
        start=start,
        end=start + len(written),
        text=written,
        low=amount.low,
        high=amount.high,
        unit=amount.unit,
        scale=amount.scale,
        qualifier=amount.qualifier,
        quantity=quantity,
        event=event,
        key=key,
        subject=subject,
        **kw,
    )


def _n(value: float) -> str:
    return f"{int(round(value)):,}"


class _ArticleWriter:
    def __init__(self, index: int) -> None:
        self.index = index
        self.text = ""
        self.claims: list[Claim] = []

    def claim(self, sentence: str, figures: list[tuple[str, str, str, dict]]) -> int:
        if self.text:
            self.text += " "
        offset = len(self.text)
        self.text += sentence
        figs = [_figure(sentence, offset, w, key, subj, **kw) for w, key, subj, kw in figures]
        self.claims.append(
            Claim(offset, offset + len(sentence), sentence, 0.9, "statistic", figures=figs)
        )
        return len(self.claims) - 1


def generate(
    n_articles: int = 1000, seed: int = 7
) -> tuple[list[tuple[Article, Analysis]], Planted]:
    """`n_articles` articles (4 stories and 5 near-misses each) and what was planted in them."""
    rng = random.Random(seed)
    stories: list[Story] = []
    told: set[tuple[str, str]] = set()  # one story per subject and quantity
    while len(stories) < max(20, n_articles // 4):
        a, b = rng.sample(COUNTRIES, 2)
        quantity = QUANTITIES[len(stories) % len(QUANTITIES)]
        story = Story(a, b, quantity, rng.randrange(10, 900) * 100, len(stories) % 5 == 0)
        if (story.subject, quantity[1]) not in told:
            told.add((story.subject, quantity[1]))
            stories.append(story)
    planted = Planted(near_misses={k: set() for k in (*NEAR_MISSES, "late")})
    camp_of: dict[tuple[int, int], tuple[int, str]] = {}  # (article, claim) -> (story, camp)
    out: list[tuple[Article, Analysis]] = []
    for i in range(n_articles):
        w = _ArticleWriter(i)
        late = i % 10 == 9
        for s in rng.sample(range(len(stories)), 4):
            story = stories[s]
            camp = (
                "late"
                if late
                else rng.choice(["x", "y", "agree"] if story.disputed else ["x", "about", "agree"])
            )
            written = {
                "x": _n(story.value),
                "y": _n(story.value * 1.25),
                "late": _n(story.value * 1.25),
                "about": f"about {_n(story.value)}",
                "agree": f"more than {_n(story.value * 0.8)}",
            }[camp]
            plural, quantity, verb, event = story.quantity
            c = w.claim(
                f"{story.a} has {verb} {written} {plural} to {story.b}, officials said.",
                [(written, f"|{quantity}|{event}|", story.subject, {})],
            )
            camp_of[(i, c)] = (s, camp)
        _near_misses(w, stories[rng.randrange(len(stories))], planted)
        article = Article(
            text=w.text,
            content_hash=hashlib.sha256(f"{i}:{w.text}".encode()).hexdigest(),
            title=f"Generated article {i}",
            published_at=BASE_DAY + dt.timedelta(days=60 + i % 3 if late else i % 5),
        )
        out.append((article, Analysis(claims=w.claims)))
    camps_of_story: dict[int, set[str]] = {}
    for s, camp in camp_of.values():
        camps_of_story.setdefault(s, set()).add(camp)
    for claim, (s, camp) in camp_of.items():
        if camp == "late":
            planted.near_misses["late"].add(claim)
        elif camp in ("x", "y") and {"x", "y"} <= camps_of_story[s]:
            planted.conflicting.add(claim)  # the other camp was drawn too
        elif camp in ("agree", "about") or not stories[s].disputed:
            planted.agreeing.add(claim)
    return out, planted


NEAR_MISSES = ("other_time", "other_place", "other_unit", "other_event", "two_values")


def _near_misses(w: _ArticleWriter, story: Story, planted: Planted) -> None:
    """One near-miss claim of each kind about `story` (see the module docstring)."""
    i = w.index
    plural, quantity, verb, event = story.quantity
    key = f"|{quantity}|{event}|"
    other = _n(story.value * 1.6)
    year = 1000 + i  # a year no other article reports
    made = {}
    made["other_time"] = w.claim(
        f"In {year}, {story.a} had {verb} {other} {plural} to {story.b}.",
        [(other, key, story.subject, {"period": f"date:{year}"})],
    )
    place = f"Atlantis {i}"
    made["other_place"] = w.claim(
        f"{place} has {verb} {other} {plural} to {story.b}, officials said.",
        [(other, key, "; ".join(sorted([place.lower(), story.b.lower()])), {})],
    )
    made["other_unit"] = w.claim(
        f"{story.a} has {verb} 40% of its {plural} to {story.b}.",
        [("40%", f"%|{quantity}|{event}|", story.subject, {})],
    )
    wounded = _n(story.value // 10)
    made["other_event"] = w.claim(
        f"{story.a} says {wounded} of its {plural} were wounded in {story.b}.",
        [(wounded, f"|{quantity}|wound|", story.subject, {})],
    )
    low, high = _n(story.value * 0.5), _n(story.value * 1.5)
    made["two_values"] = w.claim(
        f"{story.a} raised the {plural} it has {verb} to {story.b} from {low} to {high}.",
        [(low, key, story.subject, {}), (high, key, story.subject, {})],
    )
    for kind, c in made.items():
        planted.near_misses[kind].add((i, c))


def pairwise_conflicting_claims(
    facts: list[FigureFact], max_days_apart: int | None = 7
) -> set[int]:
    """The claims `find_conflicts` should flag, found the slow, obvious way: every pair of
    figures with the same key compared (a reference for tests and the benchmark's baseline)."""
    usable = [f for f in facts if f.key]
    by_claim: dict[tuple[int, str, str], list[FigureFact]] = {}
    for f in usable:
        by_claim.setdefault((f.claim_id, f.key, f.period), []).append(f)
    ambiguous = {
        f.figure_id
        for same in by_claim.values()
        if any(disagree(same[0], o) for o in same[1:])
        for f in same
    }
    by_key: dict[str, list[FigureFact]] = {}
    for f in usable:
        if f.figure_id not in ambiguous:
            by_key.setdefault(f.key, []).append(f)
    flagged: set[int] = set()
    for same_key in by_key.values():
        for n, a in enumerate(same_key):
            for b in same_key[n + 1 :]:
                if a.article_id == b.article_id or a.period != b.period or not disagree(a, b):
                    continue
                one_claim = a.cluster_id is not None and a.cluster_id == b.cluster_id
                named = a.subject and a.subject == b.subject and a.unit not in ("date", "month-day")
                measured = bool(a.key.split("|")[1]) or (a.unit == "" and bool(a.key.split("|")[2]))
                near = (
                    max_days_apart is None
                    or a.published is None
                    or b.published is None
                    or abs((a.published - b.published).days) <= max_days_apart
                )
                if one_claim or (named and measured and near):
                    flagged |= {a.claim_id, b.claim_id}
    return flagged
