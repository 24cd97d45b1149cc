"""Dashboard speed on a large collection: page reruns, a filter change, a review save, memory.

    python benchmarks/dashboard.py [--articles 10000] [--db PATH] [--warm 10]

1. Builds (in a child process, so its spaCy model does not count in the memory figure) a SQLite
   database of `--articles` articles: a handful of real texts (the demo article and a few
   read from /work/shared/eval at run time) are analysed and stored through the normal write
   path, then copied under new content hashes with bulk inserts, so the numbers of claims,
   quotes and places per article are real ones. About 5% of the claims get a review. With
   `--db PATH` an existing file is reused (built there first if missing).
2. Drives `dashboard.py` with `streamlit.testing.v1.AppTest`, as tests/app does: for every page,
   a cold run (data caches cleared) and `--warm` warm reruns; a filter change on the claims page;
   a review save through `claimdesk.review.record_review` and through the claims page's form.
Prints p50 / p95 per step (ms) and the peak resident memory of the app process.
Targets: warm p95 < 250 ms per page, review save < 50 ms, cold start < 3 s, peak RSS < 1.5 GB.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import random
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

REVIEWER = "Bench Reviewer"
EVAL = Path("/work/shared/eval")
PAGES = [
    ("overview", None, {}),
    ("upload", "pages/upload.py", {}),
    ("claims", "pages/claims.py", {}),
    ("map", "pages/map.py", {}),
    ("sources", "pages/sources.py", {}),
    ("article", "pages/article.py", {}),
    ("export", "pages/export.py", {}),
]


# ----------------------------------------------------------------------------- building


def template_texts(n_eval: int) -> list[tuple[str, str]]:
    """(title, text) of the demo article and a few real articles read from the eval sets."""
    out = [("North Korean troops in Russia", (ROOT / "data/demo/nk-troops-russia.txt").read_text())]
    for name in ("polnear_dev.jsonl", "geowebnews.jsonl"):
        path = EVAL / name
        if not path.exists():
            continue
        with path.open(encoding="utf-8") as f:
            for k, line in enumerate(f):
                if k >= n_eval:
                    break
                text = json.loads(line)["text"]
                out.append((f"{name.split('_')[0].split('.')[0]} {k}", text))
    return out


def build(db: Path, n_articles: int, n_eval: int = 4) -> None:
    from sqlalchemy import func, insert, select

    from claimdesk import team
    from claimdesk.batch import ingest_batch, text_item
    from claimdesk.store.repo import Store
    from claimdesk.store.schema import (
        ArticleRow,
        ClaimRow,
        ClusterRow,
        PlaceMentionRow,
        QuoteRow,
        ReviewRow,
        StatusRow,
    )

    t0 = time.perf_counter()
    store = Store(f"sqlite:///{db}")
    team.set_local_display_name(store, REVIEWER)
    items = [text_item(text, title) for title, text in template_texts(n_eval)]
    outcomes = ingest_batch(store, items, ingested_by=REVIEWER)
    print(f"  analysed {len(outcomes)} real texts in {time.perf_counter() - t0:.1f} s", flush=True)

    def rows(conn, table, cond) -> list[dict]:
        return [dict(r._mapping) for r in conn.execute(select(table).where(cond))]

    t1 = time.perf_counter()
    rng = random.Random(7)
    with store.engine.begin() as conn:
        templates = rows(conn, ArticleRow, ArticleRow.id > 0)
        ids = [a["id"] for a in templates]
        per = {
            name: {i: rows(conn, table, table.article_id == i) for i in ids}
            for name, table in (("c", ClaimRow), ("q", QuoteRow), ("m", PlaceMentionRow))
        }
        status_ids = list(conn.scalars(select(StatusRow.id).where(StatusRow.label != "unreviewed")))
        next_id = {
            "a": max(ids) + 1,
            "c": (conn.scalar(select(func.max(ClaimRow.id))) or 0) + 1,
            "k": (conn.scalar(select(func.max(ClusterRow.id))) or 0) + 1,
        }
        batch: dict[str, list[dict]] = {"a": [], "c": [], "k": [], "q": [], "m": [], "r": []}

        def flush() -> None:
            for name, table in (
                ("a", ArticleRow),
                ("k", ClusterRow),
                ("c", ClaimRow),
                ("q", QuoteRow),
                ("m", PlaceMentionRow),
                ("r", ReviewRow),
            ):
                if batch[name]:
                    conn.execute(insert(table), batch[name])
                    batch[name].clear()

        for k in range(n_articles - len(templates)):
            src = templates[k % len(templates)]
            aid = next_id["a"]
            next_id["a"] += 1
            art = dict(src, id=aid, title=f"{src['title']} · copy {k + 1}")
            art["content_hash"] = hashlib.sha256(f"bench-copy-{k}".encode()).hexdigest()
            batch["a"].append(art)
            for c in per["c"][src["id"]]:
                cid, kid = next_id["c"], next_id["k"]
                next_id["c"] += 1
                next_id["k"] += 1
                batch["k"].append({"id": kid, "key": f"bench-{kid}", "text": c["text"]})
                batch["c"].append(dict(c, id=cid, article_id=aid, cluster_id=kid))
                if rng.random() < 0.05:
                    batch["r"].append(
                        {
                            "claim_id": cid,
                            "status_id": rng.choice(status_ids),
                            "reviewer": REVIEWER,
                            "note": "bench",
                        }
                    )
            for name in ("q", "m"):
                batch[name].extend(
                    {**{c: v for c, v in r.items() if c != "id"}, "article_id": aid}
                    for r in per[name][src["id"]]
                )
            if len(batch["a"]) >= 500:
                flush()
        flush()
    store.write(lambda s: None)  # bump the change counter like any write
    print(f"  copied to {n_articles} articles in {time.perf_counter() - t1:.1f} s", flush=True)


# ----------------------------------------------------------------------------- timing


def pct(xs: list[float], p: float) -> float:
    xs = sorted(xs)
    return xs[min(len(xs) - 1, max(0, round(p / 100 * (len(xs) - 1))))]


def line(label: str, xs: list[float], target: float | None = None) -> str:
    ms = [x * 1000 for x in xs]
    p50, p95 = statistics.median(ms), pct(ms, 95)
    ok = "" if target is None else ("  ok" if p95 < target else f"  OVER {target:.0f} ms")
    return f"  {label:<34} n={len(ms):<3} p50 {p50:8.1f} ms  p95 {p95:8.1f} ms{ok}"


def rss_mb() -> tuple[float, float]:
    """(current, peak) resident memory of this process in MB."""
    cur = peak = 0.0
    with open("/proc/self/status") as f:
        for ln in f:
            if ln.startswith("VmRSS:"):
                cur = int(ln.split()[1]) / 1024
            if ln.startswith("VmHWM:"):
                peak = int(ln.split()[1]) / 1024
    return cur, max(peak, resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024)


def patch_pages_manager() -> None:
    """Run pages through dashboard.py, as tests/app/page_support.through_the_dashboard does."""
    from streamlit.runtime import pages_manager
    from streamlit.testing.v1 import app_test

    class V2PagesManager(pages_manager.PagesManager):
        def __init__(self, *args, **kwargs) -> None:
            super().__init__(*args, **kwargs)
            pages_manager.PagesManager.uses_pages_directory = False

    app_test.PagesManager = V2PagesManager


def clear_caches() -> None:
    import streamlit as st

    st.cache_data.clear()


def check(at, what: str) -> None:
    if at.exception:
        raise SystemExit(f"{what}: {[e.message for e in at.exception]}")


def time_run(at) -> float:
    t0 = time.perf_counter()
    at.run()
    return time.perf_counter() - t0


def bench(url: str, warm: int) -> None:
    import logging

    from streamlit.testing.v1 import AppTest

    for name in ("streamlit", "streamlit.runtime"):  # "missing ScriptRunContext" on every run
        logging.getLogger(name).setLevel(logging.ERROR)

    from claimdesk import review, team
    from claimdesk.store.repo import Store

    os.environ["DATABASE_URL"] = url
    os.chdir(ROOT)
    store = Store(url)
    team.set_local_display_name(store, REVIEWER)
    patch_pages_manager()

    def app(page: str | None, **query: str) -> AppTest:
        at = AppTest.from_file(str(ROOT / "dashboard.py"), default_timeout=600)
        for k, v in query.items():
            at.query_params[k] = v
        if page:
            at.switch_page(page)
        return at

    print(f"pages (cold = data caches cleared; warm = {warm} reruns), load {load()}:")
    t0 = time.perf_counter()
    check(app(None).run(), "first start")
    print(
        f"  first start of the process (imports, engine, caches): {time.perf_counter() - t0:.2f} s"
    )
    worst_cold = 0.0
    for name, page, query in PAGES:
        clear_caches()
        at = app(page, **query)
        cold = time_run(at)
        check(at, name)
        worst_cold = max(worst_cold, cold)
        runs = []
        for _ in range(warm):
            runs.append(time_run(at))
            check(at, name)
        print(f"  {name:<9} cold {cold * 1000:8.1f} ms |" + line("warm", runs, 250)[8:])
    print(f"  worst cold page: {worst_cold:.2f} s (target < 3 s)")

    # a filter change on the claims page: new words each time, so each is a cache miss
    at = app("pages/claims.py")
    check(at.run(), "claims")
    words = ["troops", "said", "percent", "Russia", "million", "president", "would", "city"]
    changes = []
    for w in words:
        at.text_input(key="f_search").set_value(w)
        changes.append(time_run(at))
        check(at, f"filter {w}")
    at.text_input(key="f_search").set_value("")
    check(at.run(), "filter cleared")
    statuses = []
    for s in (["unreviewed"], ["verified"], ["disputed", "false"]):
        at.multiselect(key="f_status").set_value(s)
        statuses.append(time_run(at))
        check(at, f"status {s}")
    print(line("claims: search filter change", changes, 250))
    print(line("claims: status filter change", statuses, 250))

    # review saves: the domain call, then through the page's form
    with store.read() as s:
        from sqlalchemy import select

        from claimdesk.store.schema import ClaimRow

        claim_ids = list(s.scalars(select(ClaimRow.id).order_by(ClaimRow.id.desc()).limit(40)))
    saves = []
    for cid in claim_ids[:20]:
        t0 = time.perf_counter()
        review.record_review(store, [cid], "verified", REVIEWER, "bench note")
        saves.append(time.perf_counter() - t0)
    print(line("review save: record_review", saves, 50))
    page_saves, after = [], []
    for cid in claim_ids[20:26]:
        at = app("pages/claims.py", claim=str(cid))
        check(at.run(), "claims with a claim open")
        at.selectbox(key="review_form_status").set_value("disputed")
        at.text_area(key="review_form_note").input("bench")
        at.button(key="FormSubmitter:review_form-Save review").click()
        page_saves.append(time_run(at))  # the save, its rerun and the fresh reads after it
        check(at, "save via page")
        assert review.current_status(store, cid) == "disputed", cid
        after.append(time_run(at))
    print(line("review save via the claims page", page_saves))
    print(line("claims rerun after a save", after, 250))
    cur, peak = rss_mb()
    print(f"memory: RSS now {cur:.0f} MB, peak {peak:.0f} MB (target < 1536 MB); load {load()}")


def load() -> str:
    return " ".join(f"{x:.2f}" for x in os.getloadavg())


def counts(url: str) -> str:
    from claimdesk.store import queries
    from claimdesk.store.repo import Store

    c = queries.overview(Store(url))["counts"]
    return ", ".join(f"{v:,} {k}" for k, v in c.items())


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--articles", type=int, default=10_000)
    ap.add_argument("--db", type=Path, default=None, help="reuse (or build) this SQLite file")
    ap.add_argument("--warm", type=int, default=10)
    ap.add_argument("--build-only", action="store_true", help=argparse.SUPPRESS)
    args = ap.parse_args()
    if args.build_only:
        build(args.db, args.articles)
        return
    tmp = None
    db = args.db
    if db is None:
        tmp = tempfile.TemporaryDirectory(prefix="claimdesk-dash-")
        db = Path(tmp.name) / "bench.sqlite"
    if not db.exists():
        print(f"building {args.articles} articles in {db} …", flush=True)
        t0 = time.perf_counter()
        cmd = [sys.executable, __file__, "--build-only", "--db", str(db)]
        subprocess.run([*cmd, "--articles", str(args.articles)], check=True)
        print(f"  built in {time.perf_counter() - t0:.1f} s", flush=True)
    url = f"sqlite:///{db}"
    print(f"database: {counts(url)}")
    try:
        bench(url, args.warm)
    finally:
        if tmp is not None:
            tmp.cleanup()


if __name__ == "__main__":
    main()
