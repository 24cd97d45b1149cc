"""A new user's first minute in Chromium: the gate owns the first screen, the map is whole with
no internet, every page passes an accessibility audit and works at a phone's width."""

from __future__ import annotations

import re
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from axe_playwright_python.sync_playwright import Axe

from tests.e2e.test_desk_in_browser import TIMEOUT, after_run, choose, settle

pytestmark = pytest.mark.e2e
ROOT = Path(__file__).resolve().parents[2]
DEMO = ROOT / "data" / "demo" / "nk-troops-russia.txt"
PAGES = ("", "upload", "claims", "map", "sources", "article", "export")
#: WCAG 2 A and AA rules; only serious and critical findings fail the audit.
AXE_OPTIONS = {"runOnly": {"type": "tag", "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]}}
FAILING_IMPACTS = {"serious", "critical"}


def requests_elsewhere(page, origin: str) -> list[str]:
    """Records every request the page makes to a host other than the app's own; returns that
    list. Listening costs nothing (routing every request through Playwright tripled page
    loads); the loopback-only browser (LOOPBACK_ONLY_ARGS) keeps such a request on the machine."""
    elsewhere: list[str] = []
    own = urlsplit(origin).netloc

    def seen(request) -> None:
        url = request.url
        if not url.startswith(("data:", "blob:")) and urlsplit(url).netloc != own:
            elsewhere.append(url)

    page.on("request", seen)
    return elsewhere


#: Markup that is Streamlit's own, not the app's, left out of the audit (none since the page
#: list is drawn with st.page_link instead of Streamlit's list-based navigation).
NOT_OURS: list[list[str]] = []


def audit(page, axe: Axe) -> list[str]:
    """Serious and critical WCAG A/AA violations in the app's markup, one line each."""
    result = axe.run(page, context={"exclude": NOT_OURS}, options=AXE_OPTIONS)
    out = []
    for v in result.response["violations"]:
        if v["impact"] in FAILING_IMPACTS:
            targets = [" ".join(map(str, n["target"])) for n in v["nodes"]][:4]
            out.append(f"{v['id']} ({v['impact']}, {len(v['nodes'])}): {targets}")
    return out


def test_the_gate_owns_the_first_screen(start_app, loopback_browser, tmp_path, screenshot_dir):
    base = start_app(f"sqlite:///{tmp_path / 'first.sqlite'}")
    page = loopback_browser.new_page(viewport={"width": 1300, "height": 900})
    page.set_default_timeout(TIMEOUT)
    for path in ("", "/claims", "/team", "/map?place=1"):
        page.goto(f"{base}{path}")
        page.get_by_label("Your name").wait_for()
        settle(page)
        assert page.locator('[data-testid="stSidebar"] a').count() == 0, path
        assert page.get_by_role("link", name=re.compile("claims|map|team", re.I)).count() == 0
        assert not page.get_by_role("heading", name=re.compile("^(Claims|Map|Team)$")).count()
    page.goto(base)
    page.get_by_label("Your name").wait_for()
    page.screenshot(path=screenshot_dir / "first-1-gate.png", full_page=True)
    assert page.get_by_text("Deploy").count() == 0
    page.get_by_label("Your name").fill("Erin Analyst")
    page.get_by_role("button", name="Continue").click()
    nav = page.locator('[data-testid="stSidebar"]')
    nav.get_by_role("link", name="Overview").wait_for()
    settle(page)
    # each link reads "<icon ligature>\n<title>": keep the title
    links = {t.strip().splitlines()[-1] for t in nav.get_by_role("link").all_inner_texts()}
    assert {"Overview", "Upload", "Claims", "Map", "Sources", "Article", "Export"} <= links
    assert not any("team" in link.lower() for link in links)  # single-user mode: no team page
    page.screenshot(path=screenshot_dir / "first-2-after-gate.png", full_page=True)


def test_map_offline_audit_and_phone_width(start_app, loopback_browser, demo_desk, screenshot_dir):
    db, _ = demo_desk("Erin Analyst")
    base = start_app(db)
    page = loopback_browser.new_page(viewport={"width": 1300, "height": 900})
    page.set_default_timeout(TIMEOUT)
    elsewhere = requests_elsewhere(page, base)
    served: list[str] = []
    page.on("requestfinished", lambda r: served.append(r.url))

    page.goto(f"{base}/map")
    page.get_by_role("heading", name="Map").first.wait_for()
    settle(page)
    drawn = """() => ['land', 'countries', 'coastlines'].every(layer =>
        [...document.querySelectorAll('.geo .layer.' + layer + ' path')]
            .some(p => (p.getAttribute('d') || '').length > 1000))"""
    page.wait_for_function(drawn)  # land, borders and coasts drawn from the served TopoJSON
    page.screenshot(path=screenshot_dir / "map-1-offline-base-map.png", full_page=True)
    assert any("/app/static/topojson/world_50m.json" in u for u in served), served
    assert elsewhere == [], elsewhere  # nothing of the map page left the app's own origin
    choose(page, "Place", "Kursk")
    page.screenshot(path=screenshot_dir / "map-2-offline-kursk.png", full_page=True)

    # every page: the audit at desktop width, then the same page at a phone's width (the
    # layout reflows on resize: no second load needed)
    axe = Axe()
    findings: dict[str, list[str]] = {}
    too_wide: dict[str, int] = {}
    desktop, phone = page.viewport_size, {"width": 390, "height": 844}
    for name in PAGES:
        page.goto(f"{base}/{name}")
        settle(page)
        findings[name or "overview"] = audit(page, axe)
        page.set_viewport_size(phone)
        settle(page)
        page.screenshot(path=screenshot_dir / f"phone-{name or 'overview'}.png", full_page=True)
        width = page.evaluate("document.documentElement.scrollWidth")
        if width > phone["width"] + 1:
            too_wide[name or "overview"] = width
        page.set_viewport_size(desktop)
    print("\naccessibility (serious/critical WCAG A/AA):", findings)
    assert all(not f for f in findings.values()), findings
    assert too_wide == {}, f"pages wider than the phone's 390px: {too_wide}"
    assert elsewhere == [], elsewhere


def test_the_review_flow_works_from_the_keyboard(
    start_app, loopback_browser, demo_desk, screenshot_dir
):
    """Open a claim, set a status, write a note and save without a pointer: focus moves with
    Tab, choices are typed and confirmed with Enter."""
    from claimdesk import review
    from claimdesk.store import queries

    db, store = demo_desk("Kim Keyboard")
    base = start_app(db)
    page = loopback_browser.new_page(viewport={"width": 1300, "height": 950})
    page.set_default_timeout(TIMEOUT)
    page.goto(f"{base}/claims?q=Kursk")
    page.get_by_role("heading", name="Claims").first.wait_for()
    settle(page)

    def press_tab_until(locator, limit: int = 80) -> None:
        for _ in range(limit):
            if locator.evaluate("e => e === document.activeElement"):
                return
            page.keyboard.press("Tab")
        raise AssertionError("the control is not reachable with Tab")

    page.locator("body").press("Tab")
    press_tab_until(page.get_by_role("combobox", name="Open a claim"))
    page.keyboard.type("Kursk")
    page.keyboard.press("Enter")
    settle(page)
    status = page.get_by_role("combobox", name="Set status")
    press_tab_until(status)
    page.keyboard.type("disputed")
    page.keyboard.press("Enter")
    press_tab_until(page.get_by_label("Note"))
    page.keyboard.type("Only one ministry confirmed it.")
    press_tab_until(page.get_by_role("button", name="Save review"))
    claim_id = int(re.search(r"claim=(\d+)", page.url).group(1))
    after_run(page, lambda: page.keyboard.press("Enter"))
    page.locator('[data-testid="stMarkdownContainer"]').get_by_text(
        "disputed", exact=True
    ).first.wait_for()
    page.get_by_text("History").first.wait_for()
    page.screenshot(path=screenshot_dir / "keys-1-reviewed.png", full_page=True)
    [event] = review.history(store, claim_id)
    assert (event.status, event.reviewer, event.note) == (
        "disputed",
        "Kim Keyboard",
        "Only one ministry confirmed it.",
    )
    assert queries.claim_detail(store, claim_id)["status"] == "disputed"
