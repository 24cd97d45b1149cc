"""The export formats by name: (MIME type, file extension).

Apart from claimdesk.export so that naming them (the CLI's choices) loads no pandas or database.
"""

from __future__ import annotations

FORMATS: dict[str, tuple[str, str]] = {
    "csv": ("text/csv", "csv"),
    "xlsx": ("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", "xlsx"),
    "json": ("application/json", "json"),
    "claimreview": ("application/ld+json", "jsonld"),
    "geojson": ("application/geo+json", "geojson"),
}
