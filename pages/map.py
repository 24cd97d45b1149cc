"""PLACEHOLDER page: map (being built)."""

import streamlit as st

st.title("map")
st.info("This screen is being built.")
