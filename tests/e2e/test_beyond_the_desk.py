"""What no other desk tool joins up, in the real browser: two wire stories that disagree on a
figure are flagged and shown side by side, their dated claims stand on the timeline, and a claim
already fact-checked elsewhere shows the fact-check."""

from __future__ import annotations

import json
import re

import pytest
from playwright.sync_api import TimeoutError as PlaywrightTimeout

from claimdesk import team
from claimdesk.store import queries
from claimdesk.store.repo import Store
from tests.e2e.conftest import attach_articles, file_input
from tests.e2e.test_desk_in_browser import TIMEOUT, choose, settle

pytestmark = pytest.mark.e2e

SEOUL = """<html><head><title>North Korea sends troops to Russia</title>
<meta property="article:published_time" content="2024-11-05T08:00:00Z"></head><body><article>
<h1>North Korea sends troops to Russia</h1>
<p>SEOUL - North Korea has sent 10,000 troops to Russia, South Korea's spy agency said on Tuesday.</p>
<p>The troops arrived in Vladivostok last week and began training near the border on Oct. 28,
the agency said.</p>
</article></body></html>"""

KYIV = """<html><head><title>Kyiv says North Korean troops reached Kursk</title>
<meta property="article:published_time" content="2024-11-07T08:00:00Z"></head><body><article>
<h1>Kyiv says North Korean troops reached Kursk</h1>
<p>KYIV - North Korea has sent 12,000 troops to Russia, Ukrainian officials said on Thursday.</p>
<p>Ukrainian officials said the first units reached the Kursk region on Monday.</p>
</article></body></html>"""

#: Fact-checks as a fact-checker publishes them: schema.org ClaimReview in a page's JSON-LD
#: (an @graph of several reviews, as a fact-checker's index page carries them).
FACT_CHECK_PAGE = """<html><head><title>Fact checks this week</title>
<script type="application/ld+json">{json}</script></head><body><p>Our verdicts.</p></body></html>"""


def claim_review(slug: str, claim: str, headline: str, rating: str) -> dict:
    return {
        "@type": "ClaimReview",
        "url": f"https://factcheck.example.org/2024/11/{slug}",
        "claimReviewed": claim,
        "headline": headline,
        "datePublished": "2024-11-08",
        "author": {"@type": "Organization", "name": "Example Fact Check"},
        "reviewRating": {"@type": "Rating", "alternateName": rating},
    }


CLAIM_REVIEWS = {
    "@context": "https://schema.org",
    "@graph": [
        claim_review(
            "north-korea-troops-russia",
            "North Korea has sent 12,000 troops to Russia.",
            "Has North Korea sent 12,000 troops to Russia?",
            "Partly true",
        ),
        claim_review(
            "moon-landing",
            "The 1969 moon landing was staged.",
            "Was the moon landing staged?",
            "False",
        ),
        claim_review(
            "bridge-cost",
            "The new bridge cost taxpayers $2 billion.",
            "Did the bridge cost $2 billion?",
            "Mostly false",
        ),
        claim_review(
            "vaccine-chips",
            "Covid vaccines contain microchips.",
            "Do vaccines contain microchips?",
            "False",
        ),
    ],
}


def test_conflicts_timeline_and_known_fact_checks(start_app, browser, tmp_path, screenshot_dir):
    db = f"sqlite:///{tmp_path / 'beyond.sqlite'}"
    store = Store(db)
    team.set_local_display_name(store, "Erin Analyst")
    files = []
    for name, html in (("seoul.html", SEOUL), ("kyiv.html", KYIV)):
        path = tmp_path / name
        path.write_text(html, encoding="utf-8")
        files.append(str(path))
    base = start_app(db)
    page = browser.new_page(viewport={"width": 1400, "height": 1000})
    page.set_default_timeout(TIMEOUT)

    page.goto(f"{base}/upload")
    page.get_by_text("Upload articles").first.wait_for()
    attach_articles(page, files)
    page.get_by_role("button", name="Analyse").click()
    page.get_by_text(re.compile(r"2\s+added")).wait_for(timeout=180_000)

    # conflicting figures: both claims flagged, side by side with their articles
    page.goto(f"{base}/claims?conflicts=1")
    page.get_by_role("heading", name="Claims").first.wait_for()
    settle(page)
    choose(page, "Open a claim", "12,000 troops")
    section = page.get_by_text("Conflicting figures", exact=True)
    section.wait_for()
    section.scroll_into_view_if_needed()
    # the other article's card, side by side: its title, date and claimant (who said it, not
    # "the author": the parser hangs "South Korea's spy agency" on the clause before "said")
    page.get_by_text(
        re.compile(r"North Korea sends troops to Russia · 2024-11-05 · claimed by South Korea")
    ).wait_for()
    page.screenshot(path=screenshot_dir / "beyond-1-conflicting-figures.png", full_page=True)
    conflicts = queries.figure_conflicts(store)
    assert len(conflicts.claim_ids) == 2

    # the timeline: the stories and the dates their claims speak of
    page.goto(f"{base}/timeline")
    page.get_by_role("heading", name="Timeline").first.wait_for()
    settle(page)
    page.locator('[data-testid="stPlotlyChart"]').first.wait_for()
    page.screenshot(path=screenshot_dir / "beyond-2-timeline.png", full_page=True)
    dated = queries.claim_dates(store)
    assert {"2024-10-28", "2024-11-04"} <= {str(v) for v in dated["value"]}

    # a known fact-check, imported on the Upload page, shown with the claim it checks
    fact_check = tmp_path / "fact-check.html"
    fact_check.write_text(FACT_CHECK_PAGE.format(json=json.dumps(CLAIM_REVIEWS)), "utf-8")
    page.goto(f"{base}/upload")
    page.get_by_text("Known fact-checks").first.wait_for()
    file_input(page, "Fact-check files").set_input_files(str(fact_check))
    page.get_by_role("button", name="Import fact-checks").click()
    try:
        page.get_by_text(re.compile(r"4 fact-checks added.*[1-9]\d* claim match")).wait_for(
            timeout=180_000
        )
    except PlaywrightTimeout:  # keep what the page showed instead
        page.screenshot(path=screenshot_dir / "beyond-3-import-timeout.png", full_page=True)
        (screenshot_dir / "beyond-3-import-timeout.txt").write_text(page.inner_text("body"))
        raise
    page.goto(f"{base}/claims?conflicts=1")
    settle(page)
    choose(page, "Open a claim", "12,000 troops")
    known = page.get_by_text("Known fact-checks (", exact=False).first
    known.wait_for()
    known.scroll_into_view_if_needed()
    page.get_by_text("Example Fact Check").first.wait_for()
    page.get_by_text("Partly true").first.wait_for()
    page.screenshot(path=screenshot_dir / "beyond-3-known-fact-check.png", full_page=True)
    assert not page.get_by_text("Traceback").count()
