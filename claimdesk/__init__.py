"""ClaimDesk: claims, quotes by source and places from news articles.

The domain package. It never imports streamlit, so it works the same from the CLI, a notebook,
the benchmarks and the dashboard.
"""

__version__ = "0.1.0"
