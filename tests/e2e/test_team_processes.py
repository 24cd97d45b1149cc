"""Team mode in the browser: two app processes on one PostgreSQL database, and a long upload
in one session that does not freeze another session."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from claimdesk import review, team
from claimdesk.batch import ingest_batch, path_item
from claimdesk.store import queries
from claimdesk.store.repo import Store
from tests.e2e.conftest import attach_articles
from tests.e2e.test_desk_in_browser import TIMEOUT, settle, submit_review

pytestmark = pytest.mark.e2e
ROOT = Path(__file__).resolve().parents[2]
DEMO = ROOT / "data" / "demo" / "nk-troops-russia.txt"
# Enough copies that the batch still runs after another session has rendered (24 once finished
# first, after analysis got faster); ~0.25 s of analysis each on these machines.
COPIES = 60


def save_review(page, base: str, claim_id: int, status: str, note: str) -> None:
    page.goto(f"{base}/claims?claim={claim_id}")
    page.get_by_role("heading", name="Claims").first.wait_for()
    settle(page)
    submit_review(page, status, note)
    settle(page)


def badge_shows(page, base: str, claim_id: int, status: str) -> None:
    page.goto(f"{base}/claims?claim={claim_id}")
    settle(page)
    page.locator('[data-testid="stMarkdownContainer"]').get_by_text(
        status, exact=True
    ).first.wait_for()


def test_review_saved_in_one_process_shows_in_the_other(
    pg_database_url, start_app, browser, screenshot_dir
):
    store = Store(pg_database_url)
    team.set_local_display_name(store, "Desk Team")
    ingest_batch(store, [path_item(DEMO)])
    claim_id = int(queries.claims_table(store)[0].iloc[0]["id"])
    base_a = start_app(pg_database_url)
    base_b = start_app(pg_database_url)
    assert base_a != base_b
    a = browser.new_page(viewport={"width": 1300, "height": 950})
    b = browser.new_page(viewport={"width": 1300, "height": 950})
    for p in (a, b):
        p.set_default_timeout(TIMEOUT)

    badge_shows(b, base_b, claim_id, "unreviewed")
    save_review(a, base_a, claim_id, "verified", "Confirmed by two ministries.")
    badge_shows(b, base_b, claim_id, "verified")
    b.screenshot(path=screenshot_dir / "team-1-process-b-sees-a.png", full_page=True)

    save_review(b, base_b, claim_id, "disputed", "NATO later walked it back.")
    a.reload()
    settle(a)
    a.locator('[data-testid="stMarkdownContainer"]').get_by_text(
        "disputed", exact=True
    ).first.wait_for()
    a.screenshot(path=screenshot_dir / "team-2-process-a-sees-b.png", full_page=True)
    events = review.history(store, claim_id)
    assert [e.status for e in events] == ["disputed", "verified"]


def test_long_upload_does_not_freeze_another_session(
    start_app, browser, demo_desk, tmp_path, screenshot_dir
):
    db, store = demo_desk("Busy Desk")
    base = start_app(db)
    files = []
    text = DEMO.read_text(encoding="utf-8")
    for i in range(COPIES):
        f = tmp_path / f"copy-{i:02d}.txt"
        f.write_text(f"Report {i}: {i * 113} soldiers were counted at checkpoint {i}.\n{text}")
        files.append(str(f))

    uploader = browser.new_page(viewport={"width": 1300, "height": 950})
    other = browser.new_page(viewport={"width": 1300, "height": 950})
    uploader.set_default_timeout(TIMEOUT)
    other.set_default_timeout(TIMEOUT)
    uploader.goto(f"{base}/upload")
    uploader.get_by_text("Upload articles").first.wait_for()
    attach_articles(uploader, files)
    uploader.get_by_role("button", name="Analyse").click()
    uploader.get_by_text(re.compile(rf"\d+/{COPIES} done")).first.wait_for()

    other.goto(base)  # another analyst opens the desk while the batch runs
    other.get_by_role("heading", name="Overview").wait_for()
    settle(other)
    other.screenshot(path=screenshot_dir / "team-3-other-session-during-upload.png", full_page=True)
    still_running = uploader.get_by_text(re.compile(rf"\d+/{COPIES} done")).count() > 0
    assert still_running, "the upload finished before the other session rendered"

    uploader.get_by_text(re.compile(rf"{COPIES}\s+added")).wait_for(timeout=300_000)
    uploader.screenshot(path=screenshot_dir / "team-4-upload-finished.png", full_page=True)
    assert len(queries.articles_table(store)) == COPIES + 1
