"""Plotly figures built once per distinct input and shared, read-only, by every rerun.

Building a plotly figure is pure-Python work that grows with its traces and options (a map of a
thousand places: a few hundred milliseconds), and a warm rerun would repeat it for the very same
data. A builder decorated here is called once per distinct argument set (Streamlit hashes
DataFrames by content) and its figure is handed out again; `st.plotly_chart` only reads it.
Callers must not change a figure they get.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import ParamSpec

import plotly.graph_objects as go
import streamlit as st

P = ParamSpec("P")

#: Figures kept per builder (least recently used dropped first).
KEPT = 16


def reused(builder: Callable[P, go.Figure]) -> Callable[P, go.Figure]:
    return st.cache_resource(max_entries=KEPT, show_spinner=False)(builder)
