"""ClaimDesk: entry point. Page config, then the frame: sign-in gate, navigation, sidebar."""

from __future__ import annotations

import streamlit as st

from components import frame

st.set_page_config(page_title="ClaimDesk", page_icon=frame.APP_ICON, layout="wide")
frame.run_app()
