"""PLACEHOLDER page: sources (being built)."""

import streamlit as st

st.title("sources")
st.info("This screen is being built.")
