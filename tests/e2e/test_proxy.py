"""The hosted team desk end to end: two app processes on one PostgreSQL database behind nginx
(deploy/nginx-claimdesk.conf: WebSocket upgrade, sticky sessions), two reviewers signed in
through a real OpenID Connect provider in two browsers, each served by another process. Both
review the same claim; both events are kept; each sees the other's review, and an assignment,
within seconds, without reloading."""

from __future__ import annotations

import os
import re
from collections.abc import Iterator
from dataclasses import dataclass

import pytest

from claimdesk import assignments, review
from claimdesk.store import queries
from claimdesk.store.repo import Store
from tests.dbfixtures import fresh_pg_database
from tests.e2e.conftest import free_port, sign_in
from tests.e2e.proxy import (
    README,
    ROUTE_COOKIE,
    SITE_CONF,
    Proxy,
    nginx_binary,
    start_nginx,
)
from tests.e2e.test_desk_in_browser import TIMEOUT, choose, settle, submit_review
from tests.oidc_provider import Account
from tests.sample_records import make_analysis, make_article

pytestmark = [pytest.mark.e2e, pytest.mark.pg]
ANA = Account("ana@desk.example", "Ana Lima")
BEN = Account("ben@desk.example", "Ben Okafor")
#: How soon a teammate's change must show on an open page: the poll runs every 2 s, then the
#: page re-runs (a few seconds on a busy 2-core CI machine, where both apps and Chromium share).
LIVE_MS = 15_000


def label(account: Account) -> str:
    return f"{account.name} <{account.email}>"


@dataclass
class Desk:
    store: Store
    proxy: Proxy
    app_ports: list[int]
    claim_id: int


@pytest.fixture(scope="module")
def nginx() -> str:
    binary = nginx_binary()
    if binary is None:
        reason = "nginx is not installed (apt-get install nginx)"
        if os.environ.get("CLAIMDESK_REQUIRE_BROWSER"):
            pytest.fail(reason)
        pytest.skip(reason)
    return binary


@pytest.fixture(scope="module")
def desk(nginx, oidc_provider, start_team_app, tmp_path_factory) -> Iterator[Desk]:
    """The demo article on a new PostgreSQL database, two team-mode app processes on it, and
    nginx in front of them (the sign-in goes back to nginx's address)."""
    with fresh_pg_database() as url:
        store = Store(url)
        # a hand-made analysed article: no language model to load in the test process
        assert store.add_article(make_article(), make_analysis()).status == "added"
        claim_id = int(queries.claims_table(store)[0].iloc[0]["id"])
        for account in (ANA, BEN):
            oidc_provider.add_account(account)
        listen = free_port()
        public = f"http://127.0.0.1:{listen}"
        team = [ANA.email, BEN.email]
        bases = [start_team_app(oidc_provider, url, team, public_url=public) for _ in range(2)]
        ports = [int(b.rsplit(":", 1)[1]) for b in bases]
        proxy = start_nginx(nginx, tmp_path_factory.mktemp("nginx"), listen, ports)
        try:
            yield Desk(store, proxy, ports, claim_id)
        finally:
            proxy.stop()


def open_claim(page, base: str, claim_id: int) -> None:
    page.goto(f"{base}/claims?claim={claim_id}")
    page.get_by_role("heading", name="Claims").first.wait_for()
    settle(page)
    page.evaluate("window.__claimdesk_no_reload = true")  # gone if the page is ever reloaded


def caption_shows(page, text: str) -> None:
    """Waits (a few seconds at most) for a caption reading `text` (the app puts an invisible
    word joiner before the "@" of an e-mail address it shows)."""
    pattern = re.compile(re.escape(text).replace("@", "\u2060?@"))
    page.get_by_test_id("stCaptionContainer").filter(has_text=pattern).first.wait_for(
        timeout=LIVE_MS
    )


def never_reloaded(page) -> bool:
    return page.evaluate("window.__claimdesk_no_reload === true")


def test_two_reviewers_through_nginx_see_each_other_live(
    desk, oidc_provider, loopback_browser, screenshot_dir
):
    base = desk.proxy.base
    routes = desk.proxy.routes_to_each(desk.app_ports)
    pages = {}
    for account, port in ((ANA, desk.app_ports[0]), (BEN, desk.app_ports[1])):
        context = loopback_browser.new_context(viewport={"width": 1300, "height": 1500})
        # each reviewer's browser is sent to another app process by its route cookie
        context.add_cookies([{"name": ROUTE_COOKIE, "value": routes[port], "url": base}])
        page = context.new_page()
        page.set_default_timeout(TIMEOUT)
        sign_in(page, base, oidc_provider, account.email)
        pages[account.email] = page
    a, b = pages[ANA.email], pages[BEN.email]
    for page, account in ((a, ANA), (b, BEN)):
        page.get_by_test_id("stSidebar").get_by_text(account.name).wait_for()
        open_claim(page, base, desk.claim_id)
        caption_shows(page, "not reviewed · unassigned")

    # Ana (process 1) reviews; Ben (process 2) sees it without reloading
    submit_review(a, "verified", "Confirmed by two ministries.")
    caption_shows(b, f"last reviewed by {label(ANA)}")
    b.locator('[data-testid="stMarkdownContainer"]').get_by_text(
        "verified", exact=True
    ).first.wait_for(timeout=LIVE_MS)
    assert never_reloaded(b)
    settle(b)
    b.screenshot(path=screenshot_dir / "proxy-1-ben-sees-ana-review.png", full_page=True)

    # Ben reviews the same claim and assigns it to himself; Ana sees both without reloading
    submit_review(b, "disputed", "NATO later walked it back.")
    choose(b, "Assign to", f"me ({BEN.email})")
    b.get_by_role("button", name="Save assignment").click()
    caption_shows(a, f"last reviewed by {label(BEN)} · assigned to {BEN.email}")
    a.locator('[data-testid="stMarkdownContainer"]').get_by_text(
        "disputed", exact=True
    ).first.wait_for(timeout=LIVE_MS)
    assert never_reloaded(a)
    settle(a)
    a.screenshot(path=screenshot_dir / "proxy-2-ana-sees-ben-review.png", full_page=True)
    assert never_reloaded(b)

    events = review.history(desk.store, desk.claim_id)
    assert [(e.status, e.reviewer) for e in events] == [
        ("disputed", label(BEN)),
        ("verified", label(ANA)),
    ]
    assert assignments.current_assignee(desk.store, desk.claim_id) == BEN.email
    # the two browsers were served by the two processes, their pages over WebSockets via nginx
    assert {desk.proxy.upstream_for(routes[p]) for p in desk.app_ports} == {
        f"127.0.0.1:{p}" for p in desk.app_ports
    }
    log = desk.proxy.access_log()
    assert log.count('"GET /_stcore/stream HTTP/1.1" 101') >= 2
    assert "/oauth2callback" in log


def test_the_readme_shows_the_proxy_configuration_the_test_runs():
    readme = README.read_text(encoding="utf-8")
    shown = "\n".join(line.removeprefix("   ") for line in readme.splitlines())
    assert SITE_CONF.read_text(encoding="utf-8").strip() in shown
