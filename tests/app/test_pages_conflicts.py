"""Claims page wiring of conflicting figures: the badge in the table, the filter (in the URL),
and the side-by-side view of a conflict with its articles, claimants and figures."""

from __future__ import annotations

import datetime as dt
import hashlib

import pytest

from claimdesk.model import Analysis, Article, Claim, Figure, Source
from claimdesk.store import queries
from components.claim_table import CONFLICT_BADGE
from tests.app import page_support

REPORTS = [  # (title, claimant, sentence, the figure as written, low)
    ("Seoul briefing", "the spy agency", "North Korea has sent 10,000 troops to Russia.", "10,000", 10_000),
    ("Kyiv statement", "Ukrainian officials", "North Korea has sent 12,000 troops to Russia.", "12,000", 12_000),
    ("Analysts' note", "analysts", "North Korea has sent more than 9,000 troops to Russia.", "more than 9,000", 9_000),
    ("Budget story", "the council", "The city will spend $3m on roads in Lyon.", "$3m", 2_500_000),
]  # fmt: skip


def stored(store) -> dict[str, int]:
    """The reports stored as articles, one claim each; title -> claim id."""
    for title, claimant, sentence, written, low in REPORTS:
        start = sentence.index(written)
        troops = "troops" in sentence
        figure = Figure(
            start=start,
            end=start + len(written),
            text=written,
            low=low,
            high=3_500_000 if written == "$3m" else low,
            unit="" if troops else "$",
            qualifier="more than" if written.startswith("more") else "exact",
            quantity="troop" if troops else "road",
            event="send" if troops else "may spend",
            key="|troop|send|" if troops else "$|road|may spend|",
            subject="north korea; russia" if troops else "lyon",
        )
        claim = Claim(
            0, len(sentence), sentence, 0.9, "statistic", [written], [], claimant,
            Source(claimant, kind="official"), figures=[figure],
        )  # fmt: skip
        article = Article(
            text=sentence,
            content_hash=hashlib.sha256(sentence.encode()).hexdigest(),
            title=title,
            published_at=dt.date(2024, 11, 5),
        )
        assert store.add_article(article, Analysis(claims=[claim])).status == "added"
    claims, _ = queries.claims_table(store, queries.ClaimFilter())
    return dict(zip(claims["article"], (int(i) for i in claims["id"]), strict=True))


def no_exception(at) -> None:
    assert not at.exception, [e.message for e in at.exception]


@pytest.fixture
def conflict_ids(app_db):
    return stored(app_db)


def test_conflicting_claims_carry_a_badge(make_app, conflict_ids):
    at = make_app("pages/claims.py")
    at.run()
    no_exception(at)
    shown = at.data_editor[0].value
    badges = {int(i): b for i, b in shown["figures"].items()}
    assert badges[conflict_ids["Seoul briefing"]] == CONFLICT_BADGE
    assert badges[conflict_ids["Kyiv statement"]] == CONFLICT_BADGE
    assert badges[conflict_ids["Analysts' note"]] == ""  # "more than 9,000" agrees with both
    assert badges[conflict_ids["Budget story"]] == ""


def test_the_filter_lists_the_conflicts_and_is_in_the_url(make_app, conflict_ids):
    at = make_app("pages/claims.py")
    at.run()
    at.toggle(key="f_conflicts").set_value(True)
    at.run()
    no_exception(at)
    listed = {int(i) for i in at.data_editor[0].value.index}
    assert listed == {conflict_ids["Seoul briefing"], conflict_ids["Kyiv statement"]}
    assert at.query_params["conflicts"] in ("1", ["1"])
    again = make_app("pages/claims.py", conflicts="1")  # a shared link opens filtered
    again.run()
    no_exception(again)
    assert len(again.data_editor[0].value) == 2


def test_an_opened_conflict_shows_the_claims_side_by_side(make_app, conflict_ids):
    seoul = conflict_ids["Seoul briefing"]
    at = make_app("pages/claims.py", claim=str(seoul))
    at.run()
    no_exception(at)
    texts = [page_support.shown(m.value) for m in at.markdown]
    assert "#### Conflicting figures" in texts
    assert any("troop · send" in t for t in texts)
    assert any("⚠️ disagrees" in t and "12,000" in t for t in texts)
    assert any("✓ agrees" in t and "more than 9,000" in t for t in texts)
    captions = " ".join(page_support.shown(c.value) for c in at.caption)
    for title, claimant in (
        ("Seoul briefing", "the spy agency"),
        ("Kyiv statement", "Ukrainian officials"),
    ):
        assert title in captions and claimant in captions
    assert "Budget story" not in captions
    html = " ".join(str(e.proto.body) for e in at.get("html"))
    assert "10,000</span>" in html and "12,000</span>" in html


def test_a_claim_without_conflict_shows_no_conflict_view(make_app, conflict_ids):
    at = make_app("pages/claims.py", claim=str(conflict_ids["Budget story"]))
    at.run()
    no_exception(at)
    assert "#### Conflicting figures" not in [m.value for m in at.markdown]
