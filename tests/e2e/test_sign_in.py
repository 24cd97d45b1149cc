"""Real sign-in: the app in team mode, signing in through a real OpenID Connect provider
(tests/oidc_provider.py) in Chromium. One provider and one app serve the whole module; each test
signs in in a browser context of its own (its own cookies)."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import pytest

from claimdesk import review
from claimdesk.batch import ingest_batch, path_item
from claimdesk.store import queries
from claimdesk.store.repo import Store
from tests.e2e.conftest import DEMO, sign_in
from tests.e2e.test_desk_in_browser import TIMEOUT, settle, submit_review
from tests.oidc_provider import Account, Provider

# one worker runs the module: its provider, app and sign-ins are started once
pytestmark = [pytest.mark.e2e, pytest.mark.xdist_group("sign_in")]

ANA = Account("ana@newsroom.example", "Ana Reviewer")
LEA = Account("lea@newsroom.example", "Lea Lead")
EVE = Account("eve@elsewhere.example", "Eve Outsider")


@dataclass(frozen=True)
class Desk:
    base: str
    provider: Provider
    store: Store
    claim_id: int
    article_title: str
    claim_text: str


@pytest.fixture(scope="module")
def desk(tmp_path_factory, oidc_provider, start_team_app) -> Desk:
    """A team desk with the demo article: Ana a reviewer, Lea its admin, Eve not on the team."""
    folder = tmp_path_factory.mktemp("signin-desk")
    url = f"sqlite:///{folder / 'desk.sqlite'}"
    store = Store(url)
    [outcome] = ingest_batch(store, [path_item(DEMO)])
    assert outcome.status == "added", outcome.message
    for account in (ANA, LEA, EVE):
        oidc_provider.add_account(account)
    base = start_team_app(oidc_provider, url, allowlist=[ANA.email], admins=[LEA.email])
    claims, _ = queries.claims_table(store)
    articles = queries.articles_table(store)
    return Desk(
        base=base,
        provider=oidc_provider,
        store=store,
        claim_id=int(claims.iloc[0]["id"]),
        article_title=str(articles.iloc[0]["title"]),
        claim_text=str(claims.iloc[0]["text"]),
    )


VIEWPORT = {"width": 1300, "height": 950}


class Sessions:
    """Browser contexts for the module: `sign_in` goes through the provider once per account;
    `copy` opens a new context holding the same cookies (the same session), for tests that
    damage or end it."""

    def __init__(self, browser, desk: Desk, shots: Path) -> None:
        self.browser, self.desk, self.shots = browser, desk, shots
        self.states: dict[str, dict] = {}
        self.contexts: list = []

    def new_context(self, storage_state: dict | None = None):
        ctx = self.browser.new_context(viewport=VIEWPORT, storage_state=storage_state)
        ctx.set_default_timeout(TIMEOUT)
        self.contexts.append(ctx)
        return ctx

    def signed_in(self, account: Account, shot: str | None = None):
        """A page signed in as `account` (through the provider's login page the first time)."""
        if account.email in self.states:
            return self.new_context(self.states[account.email]).new_page()
        page = self.new_context().new_page()
        sign_in(
            page,
            self.desk.base,
            self.desk.provider,
            account.email,
            shot=self.shots / shot if shot else None,
        )
        self.states[account.email] = page.context.storage_state()
        return page

    def close(self) -> None:
        for ctx in self.contexts:
            ctx.close()
        self.contexts.clear()


@pytest.fixture(scope="module")
def module_sessions(loopback_browser, desk, screenshot_dir):
    s = Sessions(loopback_browser, desk, screenshot_dir)
    yield s
    s.close()


@pytest.fixture
def sessions(module_sessions):
    """The module's sessions; the pages a test opened are closed when it ends (an open team-mode
    page asks the app for changes every 2 s: left open, they loaded the machine for the rest of
    the module)."""
    yield module_sessions
    module_sessions.close()


def test_reviewer_signs_in_through_the_provider_and_reviews_as_themselves(
    desk, sessions, screenshot_dir
):
    page = sessions.signed_in(ANA, shot="signin-1-provider.png")
    page.get_by_text(f"Reviewing as {ANA.name}").wait_for()
    page.goto(f"{desk.base}/claims?claim={desk.claim_id}")
    page.get_by_role("heading", name="Claims").first.wait_for()
    settle(page)
    submit_review(page, "verified", "Two ministries confirm it.")
    page.screenshot(path=screenshot_dir / "signin-2-reviewed-as-ana.png", full_page=True)
    [event] = review.history(desk.store, desk.claim_id)
    assert (event.status, event.reviewer, event.note) == (
        "verified",
        f"{ANA.name} <{ANA.email}>",
        "Two ministries confirm it.",
    )


def _body(page) -> str:
    return page.inner_text("body")


def _open(page, url: str) -> None:
    """Opens `url` and waits until the app's run has ended (Streamlit marks its root with the
    script's state) and the screen has its heading: the gate's screen or the page."""
    page.goto(url)
    page.wait_for_function(
        """() => document.querySelector('[data-testid="stApp"]')
                   ?.getAttribute('data-test-script-state') === 'notRunning'
                 && document.querySelector('[data-testid="stMain"] h1')"""
    )


def _shows_sign_in(page) -> None:
    page.get_by_role("button", name="Sign in").wait_for()
    assert "Reviewing as" not in _body(page)


#: Every page of the app by its URL, with the query parameters it reads (each page without
#: them is checked in tests/app/test_gate.py).
def _all_urls(desk: Desk) -> list[str]:
    c = desk.claim_id
    return [
        f"{desk.base}/{path}"
        for path in (
            f"?claim={c}",
            "upload",
            f"claims?claim={c}",
            "map?place=1&article=1",
            "sources",
            "team",
            "export?status=verified&q=troops",
            f"timeline?claim={c}",
            "article?article=1",
            "no-such-page",
        )
    ]


def test_account_not_on_the_list_sees_no_data_on_any_page(desk, sessions, screenshot_dir):
    page = sessions.signed_in(EVE)
    page.get_by_role("heading", name="Not on this team").wait_for()
    page.screenshot(path=screenshot_dir / "signin-3-not-on-this-team.png", full_page=True)
    for url in _all_urls(desk):
        _open(page, url)
        page.get_by_role("heading", name="Not on this team").wait_for()
        text = _body(page)
        assert EVE.email in text.replace("\u2060", ""), url
        for secret in (desk.article_title, desk.claim_text[:60], "Reviewing as", "Overview"):
            assert secret not in text, (url, secret)
        assert page.get_by_role("link", name="Claims").count() == 0, url
        assert page.get_by_test_id("stDataFrame").count() == 0, url
        if not url.endswith("no-such-page"):  # a page's link shows the gate, not "not found"
            assert page.get_by_text("Page not found").count() == 0, url


def test_admin_reaches_the_team_page_and_a_reviewer_never_does(desk, sessions):
    admin = sessions.signed_in(LEA)
    admin.get_by_role("link", name="Team").wait_for()
    _open(admin, f"{desk.base}/team")
    admin.get_by_role("heading", name="Team").wait_for()
    admin.get_by_role("button", name="Add").wait_for()

    page = sessions.signed_in(ANA)
    _open(page, desk.base)
    page.get_by_text(f"Reviewing as {ANA.name}").wait_for()
    assert page.get_by_role("link", name="Team").count() == 0
    for url in (f"{desk.base}/team", f"{desk.base}/team?email=eve@elsewhere.example"):
        _open(page, url)
        text = _body(page)
        assert "Add a member" not in text and "Remove a member" not in text, url
        assert page.get_by_role("button", name="Add").count() == 0, url
        assert page.get_by_role("heading", name="Team", exact=True).count() == 0, url


def test_sign_out_ends_the_session(desk, sessions):
    page = sessions.signed_in(ANA)
    context = page.context
    _open(page, desk.base)
    page.get_by_text(f"Reviewing as {ANA.name}").wait_for()
    page.get_by_role("button", name="Sign out").click()
    # Streamlit sends the browser to the provider's end-session page (RP-initiated logout)
    page.wait_for_url(f"{desk.provider.issuer}/oauth2/end_session**")
    page.get_by_role("button", name="End session").click()
    page.wait_for_url(f"{desk.base}/**")
    settle(page)
    _shows_sign_in(page)
    assert not [c for c in context.cookies() if c["name"].startswith("_streamlit_user")]
    for url in (f"{desk.base}/claims?claim={desk.claim_id}", f"{desk.base}/article?article=1"):
        _open(page, url)
        _shows_sign_in(page)
        assert desk.claim_text[:60] not in _body(page)


def _user_cookie(context) -> dict:
    [cookie] = [c for c in context.cookies() if c["name"] == "_streamlit_user"]
    return cookie


def _replace_cookie(context, cookie: dict, value: str) -> None:
    context.clear_cookies(name=cookie["name"])
    context.add_cookies([{**cookie, "value": value}])


def test_tampered_session_cookie_is_signed_out(desk, sessions):
    page = sessions.signed_in(ANA)
    context = page.context
    _open(page, desk.base)
    page.get_by_text(f"Reviewing as {ANA.name}").wait_for()
    cookie = _user_cookie(context)
    payload, stamp, signature = cookie["value"].rsplit(".", 2)
    flipped = payload[:-3] + ("A" if payload[-3] != "A" else "B") + payload[-2:]
    forged = _sign_user_cookie({"email": LEA.email, "name": LEA.name}, desk, secret="guessed")
    for value in (f"{flipped}.{stamp}.{signature}", f"{payload}.{stamp}.{signature[::-1]}", forged):
        _replace_cookie(context, cookie, value)
        _open(page, f"{desk.base}/claims?claim={desk.claim_id}")
        _shows_sign_in(page)
        assert desk.claim_text[:60] not in _body(page)


def _sign_user_cookie(claims: dict, desk: Desk, *, secret: str, age_days: float = 0) -> str:
    """A `_streamlit_user` cookie as Streamlit signs it (itsdangerous, salted with the cookie's
    name, time-stamped), signed with `secret`, `age_days` old."""
    import json
    import time

    from itsdangerous import TimestampSigner, URLSafeTimedSerializer

    class Backdated(TimestampSigner):
        def get_timestamp(self) -> int:
            return int(time.time() - age_days * 86400)

    payload = {**claims, "origin": desk.base, "is_logged_in": True, "provider": "default"}
    return URLSafeTimedSerializer(secret, salt="_streamlit_user", signer=Backdated).dumps(
        json.dumps(payload)
    )


def test_expired_session_cookie_is_signed_out(desk, sessions, screenshot_dir):
    """Two ages, both real: Streamlit keeps a sign-in for 30 days (its cookie's Max-Age, and
    the signed time stamp it checks on every connection), and the desk asks again after
    CLAIMDESK_SESSION_HOURS (24) from the sign-in at the provider (the ID token's `iat` and
    `auth_time`, kept in the cookie). Cookies are signed here with the app's real secret (as
    Streamlit signs them), so the refusals are the ages, not the signing: a fresh one gets in."""
    import time

    from tests.oidc_provider import COOKIE_SECRET

    page = sessions.signed_in(ANA)
    context = page.context
    cookie = _user_cookie(context)
    now = time.time()
    claims = {"email": ANA.email, "name": ANA.name, "email_verified": True}
    fresh = {**claims, "iat": now - 60, "auth_time": now - 60}
    _replace_cookie(context, cookie, _sign_user_cookie(fresh, desk, secret=COOKIE_SECRET))
    _open(page, f"{desk.base}/claims")
    page.get_by_text(f"Reviewing as {ANA.name}").wait_for()

    stale_stamp = _sign_user_cookie(fresh, desk, secret=COOKIE_SECRET, age_days=32)
    _replace_cookie(context, cookie, stale_stamp)
    _open(page, f"{desk.base}/claims")
    _shows_sign_in(page)

    day_old = {**claims, "iat": now - 25 * 3600, "auth_time": now - 25 * 3600}
    _replace_cookie(context, cookie, _sign_user_cookie(day_old, desk, secret=COOKIE_SECRET))
    _open(page, f"{desk.base}/claims?claim={desk.claim_id}")
    page.get_by_role("heading", name="Your sign-in has expired").wait_for()
    page.get_by_role("button", name="Sign in again").wait_for()
    assert desk.claim_text[:60] not in _body(page) and "Reviewing as" not in _body(page)
    page.screenshot(path=screenshot_dir / "signin-4-sign-in-expired.png", full_page=True)
