"""Review progress: claims per current status, one bar each in the status's colour."""

from __future__ import annotations

import pandas as pd
import plotly.express as px
import plotly.graph_objects as go

from components.figures import reused


@reused
def progress_figure(progress: pd.DataFrame, colors: dict[str, str]) -> go.Figure:
    """Bars of `progress` (columns status, claims) coloured by `colors` (status -> colour)."""
    fig = px.bar(
        progress,
        x="claims",
        y="status",
        orientation="h",
        color="status",
        color_discrete_map=colors,
    )
    fig.update_layout(showlegend=False, height=260, margin={"l": 0, "r": 0, "t": 10, "b": 0})
    return fig
