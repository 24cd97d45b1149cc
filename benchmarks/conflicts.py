"""Conflicting-figure detection speed: the indexed detection against the pairwise baseline.

    python benchmarks/conflicts.py [--articles 1000 2000] [--store]

For each size, a collection is generated (tests/figure_collection.py: 4 stories and 5
near-misses an article, disputed stories planted) and its figures are read as conflict detection
reads them. Timed in the same run:
- `claimdesk.conflicts.find_conflicts`: figures indexed by what they measure, distinct values
  compared within an index entry (best of 3);
- the baseline: every pair of figures with the same key compared (`pairwise_conflicting_claims`,
  also the tests' reference; one run). Both must flag the same claims.
`--store` also stores the first size through the normal write path into a temporary SQLite file
and times `queries.figure_conflicts` cold (read the columns + detect) and warm (figures unchanged).
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from claimdesk.clusters import ClusterIndex  # noqa: E402

from claimdesk.conflicts import FigureFact, find_conflicts  # noqa: E402
from tests.figure_collection import generate, pairwise_conflicting_claims  # noqa: E402


def facts_of(n_articles: int) -> tuple[list[FigureFact], int]:
    """The generated collection's figures as stored facts (clusters assigned as the store does)."""
    articles, _ = generate(n_articles)
    clusters = ClusterIndex()
    cluster_ids: dict[str, int] = {}
    facts: list[FigureFact] = []
    claim_id = 0
    for article_id, (article, analysis) in enumerate(articles, 1):
        for claim in analysis.claims:
            claim_id += 1
            key = clusters.assign(claim.text)
            cluster = cluster_ids.setdefault(key, len(cluster_ids) + 1)
            for f in claim.figures:
                facts.append(
                    FigureFact(
                        len(facts) + 1, claim_id, article_id, cluster, f.low, f.high, f.unit,
                        f.qualifier, f.key, f.subject, f.period, article.published_at, f.text,
                    )
                )  # fmt: skip
    return facts, claim_id


def best_of(n: int, fn, *args):
    times, result = [], None
    for _ in range(n):
        t0 = time.perf_counter()
        result = fn(*args)
        times.append(time.perf_counter() - t0)
    return min(times), result


def bench_sizes(sizes: list[int]) -> None:
    print(f"{'articles':>9} {'claims':>7} {'figures':>8} {'indexed ms':>11} {'pairwise ms':>12} "
          f"{'x faster':>9} {'flagged':>8}")  # fmt: skip
    for n in sizes:
        facts, n_claims = facts_of(n)
        fast, report = best_of(3, find_conflicts, facts)
        slow, reference = best_of(1, pairwise_conflicting_claims, facts)
        assert report.claim_ids == reference, "indexed and pairwise detection disagree"
        print(
            f"{n:>9,} {n_claims:>7,} {len(facts):>8,} {fast * 1000:>11.1f} {slow * 1000:>12.1f} "
            f"{slow / fast:>9.1f} {len(report.claim_ids):>8,}"
        )


def bench_store(n: int) -> None:
    from claimdesk.store import queries
    from claimdesk.store.repo import Store

    articles, _ = generate(n)
    with tempfile.TemporaryDirectory() as folder:
        store = Store(f"sqlite:///{folder}/bench.sqlite")
        t0 = time.perf_counter()
        for article, analysis in articles:
            store.add_article(article, analysis)
        stored = time.perf_counter() - t0
        t0 = time.perf_counter()
        report = queries.figure_conflicts(store)
        cold = time.perf_counter() - t0
        warm, _ = best_of(5, queries.figure_conflicts, store)
        t0 = time.perf_counter()
        facts = queries.figure_facts(store)
        read = time.perf_counter() - t0
    print(
        f"store ({n:,} articles, SQLite): stored in {stored:.1f} s; figure_conflicts cold "
        f"{cold * 1000:.0f} ms (reading {len(facts):,} figures {read * 1000:.0f} ms), warm "
        f"{warm * 1000:.1f} ms; {len(report.groups):,} groups, {len(report.claim_ids):,} claims"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, nargs="+", default=[1000, 2000])
    parser.add_argument("--store", action="store_true", help="also time the stored path")
    args = parser.parse_args()
    bench_sizes(args.articles)
    if args.store:
        bench_store(args.articles[0])


if __name__ == "__main__":
    main()
