"""8 processes × 200 review saves on the same claims, on SQLite and on PostgreSQL.

Every event must be stored, the current status of each claim must be its latest event, and no
"database is locked" may reach the caller. Prints the throughput.
"""

from __future__ import annotations

import multiprocessing as mp
import time

from sqlalchemy import func, select

from claimdesk import review
from claimdesk.store import queries
from claimdesk.store.schema import ReviewRow, StatusRow
from claimdesk.workers import plain_main
from tests.sample_records import make_analysis, make_article

WORKERS = 8
SAVES = 200
STATUSES = ["in progress", "verified", "disputed", "false", "inconclusive"]


def _worker(url: str, worker: int, claim_ids: list[int], ready, start_evt) -> tuple[int, float]:
    from claimdesk.store.engine import cached_engine
    from claimdesk.store.repo import Store

    cached_engine.cache_clear()  # a fresh engine in this process
    store = Store(url)
    store.change_counter()  # connected and warm
    ready.put(worker)
    start_evt.wait()
    t0 = time.perf_counter()
    for i in range(SAVES):
        cid = claim_ids[(worker + i) % len(claim_ids)]
        review.record_review(
            store,
            [cid],
            STATUSES[(worker * 7 + i) % len(STATUSES)],
            f"worker-{worker}",
            note=f"save {i}",
        )
    return worker, time.perf_counter() - t0


def test_many_processes_reviewing_at_once(store, db_url):
    store.add_article(make_article(), make_analysis())
    claim_ids = [int(i) for i in queries.claims_table(store)[0]["id"]]
    ctx = mp.get_context("spawn")
    with plain_main(), ctx.Manager() as manager:
        start_evt, ready = manager.Event(), manager.Queue()
        with ctx.Pool(WORKERS) as pool:
            jobs = [
                pool.apply_async(_worker, (db_url, w, claim_ids, ready, start_evt))
                for w in range(WORKERS)
            ]
            for _ in range(WORKERS):  # all started and connected: time only the saves
                ready.get(timeout=120)
            t0 = time.perf_counter()
            start_evt.set()
            results = [j.get(timeout=300) for j in jobs]
            wall = time.perf_counter() - t0
    backend = db_url.split(":", 1)[0]
    print(
        f"\n{backend}: {WORKERS * SAVES} review saves by {WORKERS} processes in {wall:.2f}s "
        f"= {WORKERS * SAVES / wall:.0f} saves/s (slowest worker {max(r[1] for r in results):.2f}s)"
    )
    with store.read() as s:
        assert s.scalar(select(func.count()).select_from(ReviewRow)) == WORKERS * SAVES
        for cid in claim_ids:
            latest = s.execute(
                select(StatusRow.label)
                .join(ReviewRow, ReviewRow.status_id == StatusRow.id)
                .where(ReviewRow.claim_id == cid)
                .order_by(ReviewRow.id.desc())
                .limit(1)
            ).scalar_one()
            assert review.current_status(store, cid) == latest
            shown = queries.claims_table(store, queries.ClaimFilter(statuses=(latest,)))[0]
            assert cid in set(shown["id"])
    assert {len(review.history(store, c)) for c in claim_ids} == {WORKERS * SAVES // len(claim_ids)}
