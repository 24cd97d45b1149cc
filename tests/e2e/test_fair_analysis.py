"""Two browser sessions on one app server: one user's slow upload (a URL that drips for
minutes) does not hold up another user's paragraph, and the slow one can be cancelled."""

from __future__ import annotations

import re
import time

import pytest

from claimdesk import team
from claimdesk.store import queries
from claimdesk.store.repo import Store
from tests.dripserver import drip_server
from tests.e2e.test_desk_in_browser import TIMEOUT, settle

pytestmark = pytest.mark.e2e


def paste_and_analyse(page, base: str, *, text: str = "", urls: str = "") -> None:
    page.goto(f"{base}/upload")
    page.get_by_text("Upload articles").first.wait_for()
    settle(page)
    page.get_by_text("Paste text or URLs").click()
    if text:
        page.get_by_label("Pasted article text").fill(text)
    if urls:
        page.get_by_label("Article URLs, one per line (http or https)").fill(urls)
    page.get_by_role("button", name="Analyse").click()


def test_a_slow_upload_does_not_hold_up_another_users_paragraph(
    start_app, browser, tmp_path, screenshot_dir
):
    db = f"sqlite:///{tmp_path / 'fair.sqlite'}"
    store = Store(db)
    team.set_local_display_name(store, "Desk")
    base = start_app(db, extra_env={"CLAIMDESK_FETCH_TIMEOUT": "300"})
    slow = browser.new_page(viewport={"width": 1300, "height": 950})
    quick = browser.new_page(viewport={"width": 1300, "height": 950})
    for p in (slow, quick):
        p.set_default_timeout(TIMEOUT)
    with drip_server() as (slow_url, hung_up):
        # the analysis workers start (and load the model) on the first upload of the server
        paste_and_analyse(quick, base, text="Warm-up note: the mayor said 3 parks will open.")
        quick.get_by_text(re.compile(r"1\s+added")).wait_for(timeout=120_000)

        paste_and_analyse(slow, base, urls=slow_url)
        slow.get_by_text(re.compile(r"0/1 done")).first.wait_for()
        time.sleep(2)  # the slow fetch is now on a worker

        started = time.monotonic()
        paste_and_analyse(
            quick, base, text="Flood update: the river peaked at 6.2 metres, the agency said."
        )
        quick.get_by_text(re.compile(r"1\s+added")).wait_for(timeout=30_000)
        waited = time.monotonic() - started
        settle(quick)
        quick.screenshot(
            path=screenshot_dir / "fair-1-paragraph-while-slow-url.png", full_page=True
        )
        assert slow.get_by_text(re.compile(r"0/1 done")).count() > 0  # still fetching
        print(f"\nthe paragraph was analysed {waited:.1f} s after Analyse, beside the slow URL")

        slow.screenshot(path=screenshot_dir / "fair-2-slow-upload-running.png", full_page=True)
        slow.get_by_role("button", name="Cancel").click()
        slow.get_by_text(re.compile(r"Cancelled: 1 input")).wait_for()
        settle(slow)
        slow.screenshot(path=screenshot_dir / "fair-3-slow-upload-cancelled.png", full_page=True)
        deadline = time.monotonic() + 20
        while not hung_up and time.monotonic() < deadline:
            time.sleep(0.2)
        assert hung_up, "the cancelled fetch was still running"
        titles = set(queries.articles_table(store)["title"].fillna(""))
        assert any(t.startswith("Flood update") for t in titles)
        assert len(titles) == 2  # the warm-up and the paragraph; nothing of the cancelled URL
        assert not slow.get_by_text("Traceback").count()
