"""A hostile article: its scripts, handlers, javascript: links and markup show as text only."""

from __future__ import annotations

import pytest

from claimdesk import team
from claimdesk.batch import ingest_batch, text_item
from claimdesk.store import queries
from claimdesk.store.repo import Store
from tests.e2e.test_desk_in_browser import TIMEOUT, settle

pytestmark = pytest.mark.e2e

TITLE = (
    '<img src=x onerror="alert(4)" id="pwned-title">Breaking **news** [x](javascript:alert(5))'
    " read more at https://evil.example/phish or www.evil.example, ask help@evil.example"
)
TEXT = (
    "<script>alert('xss')</script> Officials said 40 people "
    '<img src=x onerror="alert(1)" id="pwned"> were hurt in Paris on Monday.\n'
    "The mayor said the city will pay $3 million to the families, "
    "[click here](javascript:alert(2)) **bold** "
    '<a href="javascript:alert(3)" id="evil-link">more</a>.\n'
    '=HYPERLINK("http://evil.example","x") cost 12 percent more, the report said.'
)
INJECTED = (
    "#pwned, #pwned-title, #evil-link, a[href^='javascript'], a[href*='evil.example'], "
    "script:not([src])"
)


def test_hostile_article_is_shown_as_text(start_app, browser, tmp_path, screenshot_dir):
    url = f"sqlite:///{tmp_path / 'hostile.sqlite'}"
    store = Store(url)
    team.set_local_display_name(store, '<b id="pwned-name">Eve</b> www.evil.example')
    [outcome] = ingest_batch(store, [text_item(TEXT, TITLE)])
    assert outcome.status == "added"
    article_id = outcome.article_id
    claim_id = int(queries.claims_table(store)[0].iloc[0]["id"])
    base = start_app(url)

    page = browser.new_page(viewport={"width": 1300, "height": 950})
    page.set_default_timeout(TIMEOUT)
    dialogs: list[str] = []
    page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
    baseline_scripts = None
    for path in (
        "",
        "/claims",
        f"/claims?claim={claim_id}",
        f"/article?article={article_id}",
        "/sources",
        "/map",
        "/export",
    ):
        page.goto(f"{base}{path}")
        settle(page)
        if baseline_scripts is None:
            baseline_scripts = page.evaluate("document.querySelectorAll('script').length")
        injected = page.evaluate(
            """(sel) => [...document.querySelectorAll(sel)]
                 .filter(e => e.tagName !== 'SCRIPT' || e.textContent.includes('xss'))
                 .map(e => e.outerHTML)""",
            INJECTED,
        )
        assert injected == [], f"{path}: {injected}"
        assert page.locator("#pwned-name").count() == 0
        name = path.strip("/").split("?")[0] or "overview"
        page.screenshot(path=screenshot_dir / f"hostile-{name}.png", full_page=True)
        if name == "article":  # the markup is there, shown as text
            page.get_by_text("<script>alert('xss')</script>", exact=False).first.wait_for()
            page.get_by_text('id="pwned"', exact=False).first.wait_for()
    assert dialogs == []
