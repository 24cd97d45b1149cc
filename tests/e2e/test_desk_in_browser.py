"""The real app in Chromium: name, upload the demo file, map, sources, tag a claim, reload."""

from __future__ import annotations

import contextlib
import re
from collections.abc import Callable
from pathlib import Path

import pytest
from playwright.sync_api import TimeoutError as PlaywrightTimeout

from claimdesk import review
from claimdesk.store.repo import Store
from tests.e2e.conftest import attach_articles

pytestmark = pytest.mark.e2e

ROOT = Path(__file__).resolve().parents[2]
DEMO = ROOT / "data" / "demo" / "nk-troops-russia.txt"
TIMEOUT = 60_000


def settle(page) -> None:
    """Waits until Streamlit has finished the current run."""
    page.wait_for_load_state("networkidle")
    page.wait_for_function(
        "() => !document.querySelector('[data-testid=\"stStatusWidget\"]')", timeout=TIMEOUT
    )
    # tables and charts draw after the run: give each shown one a moment to paint (best effort:
    # an empty one may never paint, and that is not an error; one in a closed expander or tab
    # never does, so only visible ones count: waiting on those cost 10 s a settle)
    with contextlib.suppress(PlaywrightTimeout):
        page.wait_for_function(
            """() => [...document.querySelectorAll('[data-testid="stDataFrame"]')]
                       .every(d => !d.checkVisibility() || d.querySelector('canvas'))
                  && [...document.querySelectorAll('[data-testid="stPlotlyChart"]')]
                       .every(c => !c.checkVisibility() || c.querySelector('.main-svg'))""",
            timeout=10_000,
        )


def choose(page, label: str, text: str) -> None:
    """Picks the option containing `text` in the selectbox labelled `label`."""
    box = page.get_by_role("combobox", name=label).first
    box.click()
    box.fill(text)
    page.get_by_role("option").filter(has_text=text).first.click()
    settle(page)


def after_run(page, action: Callable[[], None]) -> None:
    """Does `action` (a click, a key) and waits until the app run it started has ended.

    `settle` alone can look before that run has even started (seen on a loaded CI machine: a
    saved review was not stored yet); the app's root marks its script state, and an observer
    set up before the action sees a run start after it. Only a start after the click or key
    counts: a team-mode page reruns every few seconds on its own, and one of those ending just
    after the click was once taken for the save's run (CI: the review was not stored yet)."""
    page.evaluate(
        """() => {
            const app = document.querySelector('[data-testid="stApp"]');
            window.__claimdesk_acted = false;
            window.__claimdesk_ran = false;
            const acted = () => { window.__claimdesk_acted = true; };
            document.addEventListener('click', acted, {capture: true, once: true});
            document.addEventListener('keydown', acted, {capture: true, once: true});
            new MutationObserver((records) => {
                // a run started: the state left 'notRunning' or 'rerunRequested' (a click
                // during another run asks for a rerun); a run can start and end between two
                // callbacks, so every record counts, not only the present value
                if (window.__claimdesk_acted && records.some(r => r.oldValue !== 'running'))
                    window.__claimdesk_ran = true;
            }).observe(app, {attributeFilter: ['data-test-script-state'],
                             attributeOldValue: true});
        }"""
    )
    action()
    page.wait_for_function(
        """() => window.__claimdesk_ran && document.querySelector('[data-testid="stApp"]')
                   .getAttribute('data-test-script-state') === 'notRunning'"""
    )
    settle(page)


def submit_review(page, status: str, note: str, evidence: str | None = None) -> None:
    """Fills the open claim's review form (status, note, evidence link), saves it and waits
    until the save's run has ended."""
    choose(page, "Set status", status)
    page.get_by_label("Note").fill(note)
    if evidence is not None:
        page.get_by_label("Evidence link").fill(evidence)
    after_run(page, page.get_by_role("button", name="Save review").click)


def test_analyst_day_in_the_browser(start_app, browser, screenshot_dir, tmp_path):
    db_url = f"sqlite:///{tmp_path / 'desk.sqlite'}"
    base = start_app(db_url)
    page = browser.new_page(viewport={"width": 1400, "height": 1000})
    page.set_default_timeout(TIMEOUT)

    page.goto(base)
    page.get_by_label("Your name").fill("Erin Analyst")
    page.get_by_role("button", name="Continue").click()
    page.get_by_text("Start with your articles").wait_for()
    page.screenshot(path=screenshot_dir / "01-first-run.png", full_page=True)

    page.goto(f"{base}/upload")
    page.get_by_text("Upload articles").first.wait_for()
    attach_articles(page, str(DEMO))
    page.get_by_role("button", name="Analyse").click()
    try:
        page.get_by_text(re.compile(r"1\s+added")).wait_for()
    except PlaywrightTimeout:  # keep what the page showed instead (a failure, a stuck bar)
        page.screenshot(path=screenshot_dir / "02-upload-timeout.png", full_page=True)
        raise
    settle(page)
    page.screenshot(path=screenshot_dir / "02-upload.png", full_page=True)

    page.goto(base)
    page.get_by_role("heading", name="Overview").wait_for()
    settle(page)
    page.screenshot(path=screenshot_dir / "03-overview.png", full_page=True)

    page.goto(f"{base}/map")
    page.get_by_role("heading", name="Map").first.wait_for()
    settle(page)
    choose(page, "Place", "Kursk")
    page.get_by_role("heading", name=re.compile("Kursk")).first.wait_for()
    page.screenshot(path=screenshot_dir / "04-map.png", full_page=True)

    page.goto(f"{base}/sources")
    page.get_by_role("heading", name="Sources").first.wait_for()
    settle(page)
    choose(page, "Show the quotes of", "Miles Yu")
    page.get_by_role("heading", name=re.compile("Miles Yu")).first.wait_for()
    page.screenshot(path=screenshot_dir / "05-sources.png", full_page=True)

    page.goto(f"{base}/claims?q=Kursk")
    page.get_by_role("heading", name="Claims").first.wait_for()
    settle(page)
    choose(page, "Open a claim", "Kursk")
    submit_review(
        page,
        "disputed",
        "Only the Pentagon confirmed it; NATO said it could not.",
        evidence="https://example.org/nato-briefing",
    )
    history = page.get_by_text("History").first
    history.wait_for()
    page.screenshot(path=screenshot_dir / "06-claims-reviewed.png", full_page=True)

    page.reload()
    settle(page)
    page.locator('[data-testid="stMarkdownContainer"]').get_by_text(
        "disputed", exact=True
    ).first.wait_for()
    assert "claim=" in page.url
    claim_id = int(re.search(r"claim=(\d+)", page.url).group(1))
    events = review.history(Store(db_url), claim_id)
    assert events[0].status == "disputed" and events[0].reviewer == "Erin Analyst"
    assert events[0].note.startswith("Only the Pentagon")
    page.screenshot(path=screenshot_dir / "07-claims-after-reload.png", full_page=True)

    for name in ("article", "export"):
        page.goto(f"{base}/{name}")
        settle(page)
        page.screenshot(path=screenshot_dir / f"08-{name}.png", full_page=True)
    assert not page.get_by_text("Traceback").count()
