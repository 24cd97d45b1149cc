"""Scratch error analysis for place extraction (reads eval data from /work/shared; writes /tmp).

    python benchmarks/quality_places.py /work/shared/eval/geowebnews.jsonl [--show 60]

Prints the scores of `extract_places` alone, then the most frequent unrecognised toponyms and
wrong resolutions (gold name -> predicted name, distance) to guide method changes.
"""

from __future__ import annotations

import argparse
import json
import math
import time
from collections import Counter


def km(a: float, b: float, c: float, d: float) -> float:
    a, b, c, d = map(math.radians, (a, b, c, d))
    h = math.sin((c - a) / 2) ** 2 + math.cos(a) * math.cos(c) * math.sin((d - b) / 2) ** 2
    return 2 * 6371.0 * math.asin(min(1.0, math.sqrt(h)))


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("gold")
    ap.add_argument("--show", type=int, default=40)
    args = ap.parse_args()
    from claimdesk.nlp.pipeline import load_nlp
    from claimdesk.places.extract import extract_places

    nlp = load_nlp()
    with open(args.gold, encoding="utf-8") as f:
        recs = [json.loads(line) for line in f]
    t_nlp = t_pl = 0.0
    missed: Counter[str] = Counter()
    wrong: Counter[str] = Counter()
    unresolved: Counter[str] = Counter()
    n = found = ok = 0
    for r in recs:
        t0 = time.perf_counter()
        doc = nlp(r["text"])
        t1 = time.perf_counter()
        ms = extract_places(doc)
        t_pl += time.perf_counter() - t1
        t_nlp += t1 - t0
        for gp in r["places"]:
            n += 1
            hit = [m for m in ms if m.start < gp["end"] and gp["start"] < m.end]
            if not hit:
                missed[f"{gp['name']} [{gp.get('type')}]"] += 1
                continue
            found += 1
            m = hit[0]
            if m.place is None:
                unresolved[m.surface] += 1
                continue
            same = gp.get("geonameid") and str(gp["geonameid"]) == str(m.place.geonameid)
            d = km(gp["lat"], gp["lon"], m.place.lat, m.place.lon)
            if same or d <= 161:
                ok += 1
            else:
                wrong[
                    f"{m.surface} -> {m.place.name} ({m.place.feature},{m.place.country_code}) "
                    f"gold {gp['name']} {gp['lat']:.1f},{gp['lon']:.1f} [{d:.0f} km]"
                ] += 1
    print(f"gold {n} recall {found / n:.3f} acc161 {ok / max(1, found):.3f} e2e {ok / n:.3f}")
    print(f"time: spaCy {t_nlp:.1f}s, places {t_pl:.1f}s")
    for title, c in (("MISSED", missed), ("WRONG", wrong), ("UNRESOLVED", unresolved)):
        print(f"\n== {title} ({sum(c.values())})")
        for k, v in c.most_common(args.show):
            print(f"{v:3d}  {k}")


if __name__ == "__main__":
    main()
