"""The dashboard on 100,000 articles (about a million claims) in PostgreSQL.

    python benchmarks/scale.py [URL] [--articles 100000] [--warm 10] [--fresh 5]
        [--app-root DIR] [--templates /tmp/scale_templates.sqlite] [--build-only]
        [--skip-pages] [--pages LABEL...] [--skip-search]

URL defaults to postgresql+psycopg://postgres@127.0.0.1:5432/claimdesk_scale (a database of its
own: `createdb -h 127.0.0.1 -U postgres claimdesk_scale`).

1. Templates: the real texts of /work/shared/eval (realnews_dev, geowebnews, trnews, polnear_dev,
   bbc_unlabelled, the seed article; read at run time, never copied here) are analysed once
   through the normal write path into a SQLite file (`--templates`, kept for reuse).
2. Build (skipped when the database already holds a finished build of `--articles`, which a
   marker table records): `--articles` articles copied from the templates with COPY, in
   transactions of 2,000 articles. Each copy keeps its template's text, claims, quotes (with
   their real speakers, so thousands of distinct sources), place mentions (real places),
   figures and dates; it gets its own title, publisher, a publication date spread over a year
   (claim dates shifted with it) and a jittered claim score. A claim's copies share a cluster
   four articles at a time; about 5% of the claims get a review.
3. Measures, with `streamlit.testing.v1.AppTest` on `dashboard.py` as benchmarks/dashboard.py
   does: per page, the cold run (data caches cleared), warm reruns (nothing changed: cached
   reads) and fresh reruns (after a write elsewhere: every read runs again); claim search
   through the query and through the claims page, over real words; the review save alone and
   through the claims page.

`--pages map 'sources:'` measures only the pages whose label holds one of the words;
`--skip-search` leaves out the search and save timings. `--app-root DIR` measures another checkout's app (e.g. `git archive main | tar -x -C DIR`)
on the same database: the "before" figures. Targets: warm and fresh p95 < 300 ms per page,
search p95 < 300 ms, review save < 50 ms.
"""

from __future__ import annotations

import argparse
import datetime as dt
import hashlib
import importlib.util
import json
import os
import random
import statistics
import sys
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
EVAL = Path("/work/shared/eval")
EVAL_SETS = (
    "seed_article.jsonl",
    "realnews_dev.jsonl",
    "polnear_dev.jsonl",
    "geowebnews.jsonl",
    "trnews.jsonl",
    "bbc_unlabelled.jsonl",
)
DEFAULT_URL = "postgresql+psycopg://postgres@127.0.0.1:5432/claimdesk_scale"
REVIEWER = "Scale Reviewer"
MARKER = "scale_benchmark_build"  # a table of its own: {articles, finished_at} of a done build
CHUNK = 2_000  # articles per COPY transaction
#: Words analysts search claims for, read off the eval texts' claims (not tuned to hits).
SEARCH_WORDS = [
    "troops",
    "Russia",
    "percent",
    "million",
    "election",
    "president said",
    "oil prices",
    "police",
    "AirAsia",
    "Clinton",
    "unemploy",
    "growth rate",
    "Syria",
    "court ruled",
    "the government",
    "nuclear",
]


def _bench_dashboard() -> Any:
    """benchmarks/dashboard.py as a module (its timing helpers), without a name clash with
    the app's own dashboard.py."""
    spec = importlib.util.spec_from_file_location(
        "bench_dashboard", Path(__file__).with_name("dashboard.py")
    )
    assert spec is not None and spec.loader is not None
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


# ----------------------------------------------------------------------------- templates


def eval_texts() -> Iterator[tuple[str, str, str]]:
    """(set name, id, text) of every eval article."""
    for name in EVAL_SETS:
        path = EVAL / name
        if not path.exists():
            print(f"  (missing {path}: skipped)")
            continue
        with path.open(encoding="utf-8") as f:
            for line in f:
                rec = json.loads(line)
                if isinstance(rec, dict) and rec.get("text"):
                    yield name.split(".")[0], str(rec.get("id", "")), rec["text"]


def build_templates(path: Path) -> None:
    """Analyses every eval text once into a SQLite file (reused when it exists)."""
    from claimdesk.batch import ingest_batch, text_item
    from claimdesk.store.repo import Store

    if path.exists():
        return
    tmp = path.with_suffix(".partial")
    tmp.unlink(missing_ok=True)
    t0 = time.perf_counter()
    store = Store(f"sqlite:///{tmp}")
    texts = list(eval_texts())
    items = [text_item(text, name=f"{s}:{i}") for s, i, text in texts]
    outcomes = ingest_batch(store, items, ingested_by=REVIEWER, chunk=32)
    store.engine.dispose()
    added = sum(o.status == "added" for o in outcomes)
    print(f"  analysed {added} of {len(texts)} eval texts in {time.perf_counter() - t0:.0f} s")
    tmp.rename(path)


# ----------------------------------------------------------------------------- building

#: Outlet names a copy is published under (with its template's set, so thousands of them).
OUTLETS = ["Herald", "Courier", "Tribune", "Post", "Times", "Gazette", "Wire", "Monitor"]
TITLE_TAGS = ["update", "analysis", "live", "explainer", "follow-up", "report", "brief"]


def _psycopg_conninfo(url: str) -> str:
    from sqlalchemy.engine import make_url

    return make_url(url).set(drivername="postgresql").render_as_string(hide_password=False)


def built(url: str, n_articles: int) -> bool:
    import psycopg

    with psycopg.connect(_psycopg_conninfo(url)) as conn:
        exists = conn.execute("SELECT to_regclass(%s)", (MARKER,)).fetchone()
        if not exists or exists[0] is None:
            return False
        row = conn.execute(f"SELECT articles FROM {MARKER}").fetchone()
        return row is not None and row[0] == n_articles


class Templates:
    """The analysed eval articles, every row grouped by article, read once from SQLite."""

    def __init__(self, path: Path) -> None:
        from sqlalchemy import create_engine, select

        from claimdesk.store.schema import (
            ArticleRow,
            ClaimDateRow,
            ClaimFigureRow,
            ClaimRow,
            PlaceMentionRow,
            PlaceRow,
            QuoteRow,
            SourceRow,
        )

        engine = create_engine(f"sqlite:///{path}")

        def read(table: Any) -> list[dict]:
            with engine.connect() as conn:
                return [dict(r._mapping) for r in conn.execute(select(table).order_by(table.id))]

        self.articles = [a for a in read(ArticleRow) if a["analysed"]]
        self.sources = read(SourceRow)
        self.places = read(PlaceRow)
        self.claims = self._by(read(ClaimRow), "article_id")
        self.quotes = self._by(read(QuoteRow), "article_id")
        self.mentions = self._by(read(PlaceMentionRow), "article_id")
        self.figures = self._by(read(ClaimFigureRow), "claim_id")
        self.dates = self._by(read(ClaimDateRow), "claim_id")
        engine.dispose()

    @staticmethod
    def _by(rows: list[dict], key: str) -> dict[int, list[dict]]:
        out: dict[int, list[dict]] = {}
        for r in rows:
            out.setdefault(r[key], []).append(r)
        return out


def _columns(table: Any) -> list[str]:
    return [c.name for c in table.__table__.columns]


def _fit(key: str, n: int) -> str:
    """`key` within n characters, unique: its head and a hash of the whole."""
    if len(key) <= n:
        return key
    return key[: n - 17] + "~" + hashlib.sha256(key.encode()).hexdigest()[:16]


def build(url: str, templates_path: Path, n_articles: int, seed: int = 17) -> None:
    """Writes `n_articles` copies of the templates into an empty, migrated database."""
    import psycopg

    from claimdesk.store.repo import Store
    from claimdesk.store.schema import (
        ArticleRow,
        ClaimDateRow,
        ClaimFigureRow,
        ClaimRow,
        ClusterRow,
        PlaceMentionRow,
        PlaceRow,
        QuoteRow,
        ReviewRow,
        SourceRow,
        StatusRow,
    )

    t0 = time.perf_counter()
    tpl = Templates(templates_path)
    n_claims = sum(len(v) for v in tpl.claims.values())
    print(
        f"  templates: {len(tpl.articles)} articles, {n_claims} claims, "
        f"{len(tpl.sources)} sources, {len(tpl.places)} places",
        flush=True,
    )
    store = Store(url)  # migrated to the current schema
    with store.read() as s:
        from sqlalchemy import select

        status_ids = list(s.scalars(select(StatusRow.id).where(StatusRow.label != "unreviewed")))
    store.engine.dispose()
    tables = [
        ArticleRow,
        SourceRow,
        PlaceRow,
        ClusterRow,
        ClaimRow,
        ClaimFigureRow,
        ClaimDateRow,
        QuoteRow,
        PlaceMentionRow,
        ReviewRow,
    ]
    names = [t.__tablename__ for t in tables]
    rng = random.Random(seed)
    today = dt.date(2026, 11, 30)
    with psycopg.connect(_psycopg_conninfo(url)) as conn:
        conn.execute(f"DROP TABLE IF EXISTS {MARKER}")
        conn.execute(
            "TRUNCATE claim_factcheck_links, "
            + ", ".join(reversed(names))
            + " RESTART IDENTITY CASCADE"
        )
        conn.commit()

        def copy(table: Any, rows: list[tuple], cols: list[str]) -> None:
            quoted = ", ".join(f'"{c}"' for c in cols)
            with conn.cursor().copy(f"COPY {table.__tablename__} ({quoted}) FROM STDIN") as cp:
                for row in rows:
                    cp.write_row(row)

        def plain(table: Any, rows: list[dict]) -> None:
            cols = _columns(table)
            copy(table, [tuple(r[c] for c in cols) for r in rows], cols)

        plain(SourceRow, tpl.sources)
        # SQLite keeps keys past VARCHAR(64) and numbers past INTEGER; PostgreSQL refuses them
        plain(
            PlaceRow,
            [
                dict(
                    p,
                    gazetteer_id=_fit(p["gazetteer_id"], 64) if p["gazetteer_id"] else None,
                    population=min(p["population"] or 0, 2**31 - 1),  # INTEGER there
                )
                for p in tpl.places
            ],
        )
        conn.commit()
        cols = {t.__tablename__: _columns(t) for t in tables}
        next_id = {"claim": 1, "cluster": 1}
        rows: dict[str, list[tuple]] = {n: [] for n in names}
        cluster_of: dict[tuple[int, int], int] = {}
        n_t = len(tpl.articles)

        def flush() -> None:
            for t in tables[:1] + tables[3:]:
                name = t.__tablename__
                if rows[name]:
                    # rows nothing refers to are written without their id (the sequence's)
                    own_id = name in ("articles", "claim_clusters", "claims")
                    copy(t, rows[name], cols[name] if own_id else cols[name][1:])
                    rows[name].clear()
            conn.commit()

        for k in range(n_articles):
            src = tpl.articles[k % n_t]
            variant = k // n_t
            aid = k + 1
            day = today - dt.timedelta(days=rng.randrange(365))
            anchor = src["published_at"] or (src["ingested_at"] or dt.datetime.now()).date()
            shift = day - anchor
            title = src["title"] or "(untitled)"
            if variant:
                title = f"{title} ({rng.choice(TITLE_TAGS)} {variant})"
            art = dict(
                src,
                id=aid,
                title=title,
                content_hash=hashlib.sha256(f"scale-{k}".encode()).hexdigest(),
                publisher=f"{rng.choice(OUTLETS)} {1 + variant % 60}",
                published_at=day,
                ingested_at=dt.datetime.combine(day, dt.time(rng.randrange(24))),
                ingested_by=REVIEWER,
            )
            rows["articles"].append(tuple(art[c] for c in cols["articles"]))
            for c in tpl.claims.get(src["id"], []):
                cid = next_id["claim"]
                next_id["claim"] += 1
                key = (c["id"], variant // 4)
                if key not in cluster_of:
                    cluster_of[key] = next_id["cluster"]
                    next_id["cluster"] += 1
                    rows["claim_clusters"].append(
                        (cluster_of[key], f"scale-{c['id']}-{key[1]}", c["text"])
                    )
                score = min(1.0, max(0.0, c["score"] + rng.uniform(-0.03, 0.03)))
                claim = dict(c, id=cid, article_id=aid, cluster_id=cluster_of[key], score=score)
                rows["claims"].append(tuple(claim[x] for x in cols["claims"]))
                for f in tpl.figures.get(c["id"], []):
                    fig = dict(f, id=None, claim_id=cid)
                    rows["claim_figures"].append(tuple(fig[x] for x in cols["claim_figures"][1:]))
                for d in tpl.dates.get(c["id"], []):
                    moved = dict(d, id=None, claim_id=cid)
                    for field in ("value", "last_day"):
                        if moved[field] is not None:
                            moved[field] = moved[field] + shift
                    rows["claim_dates"].append(tuple(moved[x] for x in cols["claim_dates"][1:]))
                if rng.random() < 0.05:
                    rows["reviews"].append(
                        (
                            cid,
                            rng.choice(status_ids),
                            REVIEWER,
                            "scale benchmark",
                            None,
                            dt.datetime.combine(day, dt.time(12)),
                        )
                    )
            for name, per in (("quotes", tpl.quotes), ("place_mentions", tpl.mentions)):
                for r in per.get(src["id"], []):
                    r = dict(r, article_id=aid)
                    rows[name].append(tuple(r[x] for x in cols[name][1:]))
            if (k + 1) % CHUNK == 0:
                flush()
                print(
                    f"  {k + 1:,} articles, {next_id['claim'] - 1:,} claims "
                    f"({time.perf_counter() - t0:.0f} s)",
                    flush=True,
                )
        flush()

        for name in names:
            conn.execute(
                f"SELECT setval(pg_get_serial_sequence('{name}', 'id'), "
                f"COALESCE((SELECT max(id) FROM {name}), 0) + 1, false)"
            )
        conn.execute("UPDATE change_counter SET value = value + 1")  # every counter there is
        conn.commit()
        conn.autocommit = True
        conn.execute("VACUUM ANALYZE")
        conn.autocommit = False
        conn.execute(f"CREATE TABLE {MARKER} (articles integer, finished_at timestamp)")
        conn.execute(f"INSERT INTO {MARKER} VALUES (%s, now())", (n_articles,))
        conn.commit()
    print(f"  built {n_articles:,} articles in {time.perf_counter() - t0:.0f} s", flush=True)


# ----------------------------------------------------------------------------- timing


def page_cases(store: Any) -> list[tuple[str, str | None, dict[str, str]]]:
    """(label, page, query parameters) of every screen measured, with real ids from the data."""
    from sqlalchemy import func, select

    from claimdesk.store.schema import ArticleRow, ClaimRow, PlaceMentionRow, QuoteRow

    with store.read() as s:
        place = s.scalar(
            select(PlaceMentionRow.place_id)
            .where(PlaceMentionRow.place_id.is_not(None))
            .group_by(PlaceMentionRow.place_id)
            .order_by(func.count().desc())
            .limit(1)
        )
        source = s.scalar(
            select(QuoteRow.source_id)
            .where(QuoteRow.source_id.is_not(None))
            .group_by(QuoteRow.source_id)
            .order_by(func.count().desc())
            .limit(1)
        )
        article = s.scalar(select(func.max(ArticleRow.id)))
        kind = s.scalar(
            select(ClaimRow.kind).where(ClaimRow.kind != "other").order_by(ClaimRow.id).limit(1)
        )
    return [
        ("overview", None, {}),
        ("claims", "pages/claims.py", {}),
        ("claims: status verified", "pages/claims.py", {"status": "verified"}),
        ("claims: kind + min score", "pages/claims.py", {"kind": str(kind), "min": "0.6"}),
        ("claims: top place", "pages/claims.py", {"place": str(place)}),
        ("claims: search troops", "pages/claims.py", {"q": "troops"}),
        ("claims: page 500", "pages/claims.py", {"page": "500"}),
        ("map", "pages/map.py", {}),
        ("map: top place", "pages/map.py", {"place": str(place)}),
        ("sources", "pages/sources.py", {}),
        ("sources: top source", "pages/sources.py", {"source": str(source)}),
        ("timeline", "pages/timeline.py", {}),
        ("article", "pages/article.py", {"article": str(article)}),
        ("export", "pages/export.py", {}),
    ]


def bench(
    url: str,
    app_root: Path,
    warm: int,
    fresh: int,
    skip_pages: bool = False,
    only: list[str] | None = None,
    skip_search: bool = False,
) -> None:
    import logging

    dash = _bench_dashboard()
    sys.path.insert(0, str(app_root))  # the measured app's claimdesk and components first
    from streamlit.testing.v1 import AppTest

    for name in ("streamlit", "streamlit.runtime"):
        logging.getLogger(name).setLevel(logging.ERROR)

    import claimdesk
    from claimdesk import review, team
    from claimdesk.store import queries
    from claimdesk.store.repo import Store

    print(f"claimdesk from {Path(claimdesk.__file__).parent}")
    os.environ["DATABASE_URL"] = url
    os.chdir(app_root)
    store = Store(url)
    team.set_local_display_name(store, REVIEWER)
    print(f"database: {dash.counts(url)}", flush=True)
    dash.patch_pages_manager()

    def app(page_path: str | None, **query: str) -> Any:
        at = AppTest.from_file(str(app_root / "dashboard.py"), default_timeout=900)
        for k, v in query.items():
            at.query_params[k] = v
        if page_path:
            at.switch_page(page_path)
        return at

    def quiet() -> None:
        """Streamlit's loggers (made as first used) warn of a missing runtime on every run."""
        for name in list(logging.root.manager.loggerDict):
            if name.startswith("streamlit"):
                logging.getLogger(name).setLevel(logging.ERROR)

    with store.read() as s:
        from sqlalchemy import func, select

        from claimdesk.store.schema import ClaimRow

        top = s.scalar(select(func.max(ClaimRow.id))) or 0
    rng = random.Random(5)

    def touch() -> None:
        """A review saved by someone else (what a desk writes all day): the change counter
        moves, so every read the pages cache on it runs again."""
        review.record_review(store, [rng.randrange(1, top + 1)], "in progress", "Another Reviewer")

    def clear_all() -> None:
        """Cold: Streamlit's data caches and whatever the app keeps per process."""
        dash.clear_caches()
        try:
            from claimdesk.store import aggregates
        except ImportError:  # an app without them
            return
        aggregates.forget()

    t0 = time.perf_counter()
    dash.check(app(None).run(), "first start")
    quiet()
    print(f"first start (imports, engine, caches): {time.perf_counter() - t0:.2f} s")
    print(f"pages: cold (caches cleared) | warm ({warm} reruns) | fresh ({fresh} reruns, each")
    print(f"after a review saved elsewhere); p95 target 300 ms; load {dash.load()}", flush=True)
    summary: list[tuple[str, float, float, float]] = []
    cases = [] if skip_pages else page_cases(store)
    if only:
        cases = [c for c in cases if any(o in c[0] for o in only)]
    for label, page, query in cases:
        clear_all()
        at = app(page, **query)
        quiet()
        cold = dash.time_run(at)
        dash.check(at, label)
        warm_runs = []
        for _ in range(warm):
            warm_runs.append(dash.time_run(at))
            dash.check(at, label)
        fresh_runs = []
        for _ in range(fresh):
            touch()
            fresh_runs.append(dash.time_run(at))
            dash.check(at, label)
        w95, f95 = (dash.pct(warm_runs, 95) * 1000, dash.pct(fresh_runs, 95) * 1000)
        summary.append((label, cold * 1000, w95, f95))
        flag = "" if max(w95, f95) < 300 else "  OVER"
        print(
            f"  {label:<26} cold {cold * 1000:8.0f} | warm p50 "
            f"{statistics.median(warm_runs) * 1000:6.0f} p95 {w95:6.0f} | fresh p50 "
            f"{statistics.median(fresh_runs) * 1000:6.0f} p95 {f95:6.0f} ms{flag}",
            flush=True,
        )

    if skip_search:
        _worst(summary, dash)
        return
    # claim search: the query behind the page, then a search typed on the page
    direct = []
    for w in SEARCH_WORDS:
        t0 = time.perf_counter()
        df, total = queries.claims_table(store, queries.ClaimFilter(search=w), limit=50)
        direct.append(time.perf_counter() - t0)
        print(f"    search {w!r:<18} {total:>8,} claims  {direct[-1] * 1000:7.0f} ms", flush=True)
    print(dash.line("claim search: claims_table query", direct, 300))
    cap = getattr(queries, "COUNT_CAP", None)  # the claims page counts matches up to it
    if cap is not None:
        capped = []
        for w in SEARCH_WORDS:
            t0 = time.perf_counter()
            queries.claims_table(store, queries.ClaimFilter(search=w), limit=50, count_cap=cap)
            capped.append(time.perf_counter() - t0)
        print(dash.line(f"claim search, matches counted up to {cap:,}", capped, 300))
    at = app("pages/claims.py")
    dash.check(at.run(), "claims")
    typed = []
    for w in SEARCH_WORDS[:8]:
        at.text_input(key="f_search").set_value(w)
        typed.append(dash.time_run(at))
        dash.check(at, f"search {w}")
    print(dash.line("claim search typed on the claims page", typed, 300))

    # review saves: the domain call, then through the claims page's form
    claim_ids = rng.sample(range(1, top + 1), 26)
    saves = []
    for cid in claim_ids[:20]:
        t0 = time.perf_counter()
        review.record_review(store, [cid], "verified", REVIEWER, "scale note")
        saves.append(time.perf_counter() - t0)
    print(dash.line("review save: record_review", saves, 50))
    page_saves, after = [], []
    for cid in claim_ids[20:]:
        at = app("pages/claims.py", claim=str(cid))
        dash.check(at.run(), "claims with a claim open")
        at.selectbox(key="review_form_status").set_value("disputed")
        at.text_area(key="review_form_note").input("scale")
        at.button(key="FormSubmitter:review_form-Save review").click()
        page_saves.append(dash.time_run(at))
        dash.check(at, "save via page")
        assert review.current_status(store, cid) == "disputed", cid
        after.append(dash.time_run(at))
    print(dash.line("review save via the claims page", page_saves))
    print(dash.line("claims rerun after a save", after, 300))
    _worst(summary, dash)


def _worst(summary: list[tuple[str, float, float, float]], dash: Any) -> None:
    if not summary:
        return
    worst = max(summary, key=lambda r: max(r[2], r[3]))
    print(
        f"worst page: {worst[0]} (warm p95 {worst[2]:.0f} ms, fresh p95 {worst[3]:.0f} ms); "
        f"load {dash.load()}"
    )


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("url", nargs="?", default=DEFAULT_URL)
    ap.add_argument("--articles", type=int, default=100_000)
    ap.add_argument("--templates", type=Path, default=Path("/tmp/scale_templates.sqlite"))
    ap.add_argument("--warm", type=int, default=10)
    ap.add_argument("--fresh", type=int, default=5)
    ap.add_argument("--app-root", type=Path, default=ROOT)
    ap.add_argument("--build-only", action="store_true")
    ap.add_argument("--skip-pages", action="store_true", help="search and review saves only")
    ap.add_argument(
        "--pages",
        nargs="+",
        metavar="LABEL",
        help="only the pages whose label contains one of these (e.g. map 'sources:')",
    )
    ap.add_argument("--skip-search", action="store_true", help="pages only (no search, saves)")
    args = ap.parse_args()
    sys.path.insert(0, str(args.app_root.resolve()))
    print(f"load {os.getloadavg()[0]:.2f}; app code from {args.app_root}", flush=True)
    if not built(args.url, args.articles):
        print(f"building {args.articles:,} articles in {args.url} …", flush=True)
        build_templates(args.templates)
        build(args.url, args.templates, args.articles)
    if args.build_only:
        return
    bench(
        args.url,
        args.app_root.resolve(),
        args.warm,
        args.fresh,
        args.skip_pages,
        args.pages,
        args.skip_search,
    )


if __name__ == "__main__":
    main()
