"""PLACEHOLDER page: export (being built)."""

import streamlit as st

st.title("export")
st.info("This screen is being built.")
