"""The app's frame: the sign-in gate, the pages this person may use, the shared sidebar.

dashboard.py runs it. A page file hands over to it when Streamlit runs the page file itself:
on a fresh server, the first request for a deep link ("/map?place=3") runs pages/map.py directly
(Streamlit's pages-folder mode, until st.navigation is first called in the process), which would
show the raw list of files in pages/ and skip the gate. `page(render)`, the last line of every
page file, sees that the frame is not running and starts it; the frame then runs the page.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from dataclasses import dataclass

import streamlit as st

from components import auth, live
from components.safe import md

APP_ICON = "🗂️"
_state = threading.local()  # each session's script runs on its own thread


@dataclass(frozen=True)
class PageSpec:
    path: str
    title: str
    icon: str
    url_path: str | None = None  # None: the default page


DESK = (
    PageSpec("pages/overview.py", "Overview", ":material/space_dashboard:"),
    PageSpec("pages/upload.py", "Upload", ":material/upload_file:", "upload"),
    PageSpec("pages/claims.py", "Claims", ":material/fact_check:", "claims"),
)
EXPLORE = (
    PageSpec("pages/map.py", "Map", ":material/map:", "map"),
    PageSpec("pages/timeline.py", "Timeline", ":material/timeline:", "timeline"),
    PageSpec("pages/sources.py", "Sources", ":material/record_voice_over:", "sources"),
    PageSpec("pages/article.py", "Article", ":material/article:", "article"),
    PageSpec("pages/export.py", "Export", ":material/download:", "export"),
)
TEAM = (PageSpec("pages/team.py", "Team", ":material/group:", "team"),)


def _sections(identity: auth.Identity) -> dict[str, tuple[PageSpec, ...]]:
    """The pages this person may use, by sidebar section."""
    sections = {"Desk": DESK, "Explore": EXPLORE}
    if identity.team_mode and identity.is_admin:
        sections["Team"] = TEAM
    return sections


def _page(spec: PageSpec) -> st.Page:
    # No icon here: st.navigation makes the page's icon the favicon, and a Material icon as
    # favicon is fetched from Google's font server. The sidebar links carry the icons instead.
    if spec.url_path is None:
        return st.Page(spec.path, title=spec.title, default=True)
    return st.Page(spec.path, title=spec.title, url_path=spec.url_path)


def _gate_pages() -> list[st.Page]:
    """The gate's screen, at the app's address and at every page's."""
    paths = [spec.url_path for spec in (*DESK, *EXPLORE, *TEAM) if spec.url_path]
    return [
        st.Page(auth.gate_screen, title="ClaimDesk", default=True),
        *(st.Page(auth.gate_screen, title="ClaimDesk", url_path=path) for path in paths),
    ]


def run_app() -> None:
    """The gate, then the page the URL names among those this person may use."""
    verdict = auth.check()
    if isinstance(verdict, auth.Refusal):
        # The gate owns the first screen: until it lets someone in, its screen is the app's
        # only page (no page list in the sidebar, no other page reachable by its URL). A link
        # to a page ("/claims?claim=5") shows the gate's screen too, not "Page not found".
        st.navigation(_gate_pages(), position="hidden").run()
        st.stop()
    identity = auth.current_identity()
    sections = {
        name: [(spec, _page(spec)) for spec in specs] for name, specs in _sections(identity).items()
    }
    # The page list is drawn with st.page_link (whose icons use the font Streamlit ships), and
    # the favicon is the app's own: every request stays on the app's origin.
    page = st.navigation(
        {name: [p for _, p in pairs] for name, pairs in sections.items()}, position="hidden"
    )
    st.set_page_config(page_title=f"{page.title} · ClaimDesk", page_icon=APP_ICON)
    with st.sidebar:
        for name, pairs in sections.items():
            st.markdown(f"**{md(name)}**")
            for spec, p in pairs:
                st.page_link(p, label=md(spec.title), icon=spec.icon)
        st.divider()
        st.caption(f"Reviewing as **{md(identity.reviewer)}**")
        if identity.team_mode and st.button("Sign out", key="sidebar_logout"):
            st.logout()
        if identity.team_mode:  # several reviewers: show each other's work without a reload
            live.mark_drawn()
            live.live_updates()
    _state.inside = True
    try:
        page.run()
    finally:
        _state.inside = False


def page(render: Callable[[], None]) -> None:
    """The last line of every page file: draws the page inside the frame (starting the frame
    first when Streamlit ran the page file on its own)."""
    if not getattr(_state, "inside", False):
        run_app()
        return
    render()
