"""PLACEHOLDER page: team (being built)."""

import streamlit as st

st.title("team")
st.info("This screen is being built.")
