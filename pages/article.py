"""PLACEHOLDER page: article (being built)."""

import streamlit as st

st.title("article")
st.info("This screen is being built.")
