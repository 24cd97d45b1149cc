"""ClaimDesk: entry point. Page config, the sign-in gate, navigation, the shared sidebar."""

from __future__ import annotations

import streamlit as st

from components.auth import current_identity
from components.safe import md

st.set_page_config(page_title="ClaimDesk", page_icon="🗂️", layout="wide")

identity = current_identity()

pages = {
    "Desk": [
        st.Page(
            "pages/overview.py", title="Overview", icon=":material/space_dashboard:", default=True
        ),
        st.Page(
            "pages/upload.py", title="Upload", icon=":material/upload_file:", url_path="upload"
        ),
        st.Page("pages/claims.py", title="Claims", icon=":material/fact_check:", url_path="claims"),
    ],
    "Explore": [
        st.Page("pages/map.py", title="Map", icon=":material/map:", url_path="map"),
        st.Page(
            "pages/sources.py",
            title="Sources",
            icon=":material/record_voice_over:",
            url_path="sources",
        ),
        st.Page("pages/article.py", title="Article", icon=":material/article:", url_path="article"),
        st.Page("pages/export.py", title="Export", icon=":material/download:", url_path="export"),
    ],
}
if identity.team_mode and identity.is_admin:
    pages["Team"] = [
        st.Page("pages/team.py", title="Team", icon=":material/group:", url_path="team")
    ]

page = st.navigation(pages)
with st.sidebar:
    st.caption(f"Reviewing as **{md(identity.reviewer)}**")
    if identity.team_mode and st.button("Sign out", key="sidebar_logout"):
        st.logout()
page.run()
