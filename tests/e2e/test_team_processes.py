"""A long upload in one browser session does not freeze another session, and can be cancelled.

(Two app processes on one PostgreSQL database, each showing the other's reviews, are driven in
test_proxy.py, behind nginx as a team deploys them.)"""

from __future__ import annotations

import re
import time
from pathlib import Path

import pytest

from claimdesk.store import queries
from tests.e2e.conftest import attach_articles
from tests.e2e.test_desk_in_browser import TIMEOUT, settle

pytestmark = pytest.mark.e2e
ROOT = Path(__file__).resolve().parents[2]
DEMO = ROOT / "data" / "demo" / "nk-troops-russia.txt"
# Enough copies that the batch still runs after another session has rendered (24 once finished
# first, after analysis got faster); ~0.25 s of analysis each on these machines.
COPIES = 60


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
    progress = uploader.get_by_text(re.compile(rf"\d+/{COPIES} done")).first
    match = re.search(rf"(\d+)/{COPIES} done", progress.inner_text())
    assert match, "the upload finished before the other session rendered"
    done_then = int(match.group(1))

    # the batch goes on after the other session's render, then the uploader cancels the rest
    later = "|".join(str(k) for k in range(done_then + 1, COPIES + 1))
    uploader.get_by_text(re.compile(rf"\b({later})/{COPIES} done")).first.wait_for()
    uploader.get_by_role("button", name="Cancel").click()
    warning = uploader.get_by_text(re.compile(r"Cancelled: \d+ input\(s\) were not analysed"))
    warning.wait_for()
    uploader.screenshot(path=screenshot_dir / "team-4-upload-cancelled.png", full_page=True)
    cancelled = int(re.search(r"Cancelled: (\d+)", warning.inner_text()).group(1))
    assert 0 < cancelled < COPIES - done_then

    # what was analysed is stored whole (an input already on a worker finishes); nothing else
    expected = 1 + COPIES - cancelled
    deadline = time.monotonic() + 60
    while len(queries.articles_table(store)) < expected and time.monotonic() < deadline:
        time.sleep(0.5)
    articles = queries.articles_table(store)
    assert len(articles) == expected
    claims, _ = queries.claims_table(store, limit=100_000)
    assert set(claims["article"]) == set(articles["title"])  # every stored copy has its claims
