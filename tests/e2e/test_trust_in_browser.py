"""The map and the Sources page on an article full of organisations, in the real browser:
no pin for an organisation, a brand or a person, and only statements listed as quotes."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from claimdesk import team
from claimdesk.store import queries
from claimdesk.store.repo import Store
from tests.e2e.conftest import attach_articles
from tests.e2e.test_desk_in_browser import TIMEOUT, settle

pytestmark = pytest.mark.e2e
ROOT = Path(__file__).resolve().parents[2]
DEMO = ROOT / "data" / "demo" / "nk-troops-russia.txt"

ARTICLE = """Strike grounds flights across Europe

LONDON (Reuters) - Air France and British Airways cancelled dozens of flights on Tuesday \
after air traffic controllers in Lyon walked out, while the Bank of England said its payment \
systems were working normally.

"We expect most services to resume by Thursday," Air France spokeswoman Claire Dubois told \
reporters at Charles de Gaulle Airport outside Paris.

According to the Bank of England, card payments continued without interruption.

Detective Inspector Mark Preston of the Metropolitan Police said officers had arrested two men \
near Heathrow Airport. Preston added that both men were later released on bail.

The airline offers refunds to passengers whose flights were cancelled. The Ohio State \
University football team, stranded for two days, flew home to Columbus on Wednesday. A \
spokesman for Ohio State said the players were safe.

The New York Times reported that Google had moved its staff meetings online.
"""
#: Places named only inside organisation names, and people and brands that share a name with
#: some town: none of them may be a pin.
NOT_PINS = {"France", "England", "United Kingdom", "Ohio", "New York", "New York City",
            "Preston", "Topeka", "Metropolitan", "Google"}  # fmt: skip
PINS = {"London", "Lyon", "Paris", "Columbus"}
#: Sentences with no act of saying: none of their words may be listed as a quote.
NOT_QUOTES = ("offers refunds", "flew home", "walked out")


def options(page, label: str) -> list[str]:
    """The option texts of the selectbox labelled `label`."""
    box = page.get_by_role("combobox", name=label).first
    box.click()
    page.get_by_role("option").first.wait_for()
    texts = [o.inner_text().strip() for o in page.get_by_role("option").all()]
    page.keyboard.press("Escape")
    return texts


def test_organisations_give_no_pins_and_only_statements_are_quotes(
    start_app, browser, tmp_path, screenshot_dir
):
    db = f"sqlite:///{tmp_path / 'trust.sqlite'}"
    store = Store(db)
    team.set_local_display_name(store, "Erin Analyst")
    article = tmp_path / "strike.txt"
    article.write_text(ARTICLE, encoding="utf-8")
    base = start_app(db)
    page = browser.new_page(viewport={"width": 1400, "height": 1000})
    page.set_default_timeout(TIMEOUT)

    page.goto(f"{base}/upload")
    page.get_by_text("Upload articles").first.wait_for()
    attach_articles(page, [str(DEMO), str(article)])
    page.get_by_role("button", name="Analyse").click()
    page.get_by_text(re.compile(r"2\s+added")).wait_for(timeout=180_000)

    page.goto(f"{base}/map")
    page.get_by_role("heading", name="Map").first.wait_for()
    settle(page)
    places = set(options(page, "Place"))
    page.screenshot(path=screenshot_dir / "trust-1-map-collection.png", full_page=True)
    assert places >= PINS, places
    assert not (NOT_PINS & places), NOT_PINS & places
    strike_id = int(queries.articles_table(store).set_index("filename").loc["strike.txt", "id"])
    page.goto(f"{base}/map?article={strike_id}")
    settle(page)
    page.screenshot(path=screenshot_dir / "trust-2-map-organisations-article.png", full_page=True)

    page.goto(f"{base}/sources?article={strike_id}")
    page.get_by_role("heading", name="Sources").first.wait_for()
    settle(page)
    sources = set(options(page, "Show the quotes of")) - {"Pick a source"}
    page.screenshot(
        path=screenshot_dir / "trust-3-sources-organisations-article.png", full_page=True
    )
    assert {"Claire Dubois", "Mark Preston"} <= sources, sources
    assert not any(s.lower().startswith(("the airline", "the ohio", "google")) for s in sources)
    detail = queries.article_detail(store, strike_id)
    text = detail["article"]["text"]
    listed = " | ".join(
        text[int(a) : int(b)]
        for a, b in zip(detail["quotes"]["start"], detail["quotes"]["end"], strict=True)
    )
    assert not any(phrase in listed for phrase in NOT_QUOTES), listed
    assert not page.get_by_text("Traceback").count()
