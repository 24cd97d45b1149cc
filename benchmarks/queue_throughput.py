"""Throughput of distributed ingestion: 1 worker process, then 2, on the same real texts.

    python benchmarks/queue_throughput.py [../shared/eval/geowebnews.jsonl] [--limit 100]
        [--queue amqp://guest:guest@127.0.0.1:5672//] [--pg-admin postgresql+psycopg://…/postgres]

For each worker count: a fresh database (a SQLite file, or with --pg-admin a PostgreSQL
database created for the run and dropped after), that many `python -m claimdesk worker`
processes on a queue of the run's own, one warm-up job per worker (the spaCy pipeline loads
then, and is not timed), then the texts queued as one batch (`claimdesk.jobqueue.enqueue`,
what `ingest --queue` calls). Timed: from the first message sent to the batch finished, read
from the jobs table. Prints articles/s for each, the CPU seconds per article the workers used
(their processes' user + system time, from /proc), and the 2-vs-1 ratios; the machine may be
shared, so the load average is printed with them. The texts are read at run time and never
copied into the repository.
"""

from __future__ import annotations

import argparse
import json
import os
import socket
import subprocess
import sys
import tempfile
import time
import uuid
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))  # run from anywhere

DEFAULT_TEXTS = ROOT.parent / "shared" / "eval" / "geowebnews.jsonl"
WARM_UP = [
    "The port handled 2 million containers in 2023, officials said.",
    "Rail fares will rise 4 percent in March, the operator said.",
    "The council approved a budget of 12 million euros on Tuesday.",
    "Exports fell 3 percent in the first quarter, the ministry said.",
]


def read_texts(path: Path, limit: int) -> list[str]:
    texts: list[str] = []
    with open(path, encoding="utf-8") as f:
        for line in f:
            if line.strip():
                texts.append(json.loads(line)["text"])
            if len(texts) >= limit:
                break
    return texts


def load() -> str:
    return " ".join(f"{x:.2f}" for x in os.getloadavg())


class Database:
    """A fresh database for one measurement."""

    def __init__(self, pg_admin: str | None, folder: Path, label: str) -> None:
        self.pg_admin = pg_admin
        if pg_admin:
            from sqlalchemy import create_engine, text
            from sqlalchemy.engine import make_url

            self.name = f"claimdesk_bench_{uuid.uuid4().hex[:8]}"
            self.admin = create_engine(pg_admin, isolation_level="AUTOCOMMIT")
            with self.admin.connect() as conn:
                conn.execute(text(f'CREATE DATABASE "{self.name}"'))
            self.url = make_url(pg_admin).set(database=self.name).render_as_string(False)
        else:
            self.url = f"sqlite:///{folder / f'{label}.sqlite'}"

    def drop(self) -> None:
        if not self.pg_admin:
            return
        from sqlalchemy import text

        from claimdesk.store.engine import cached_engine

        cached_engine(self.url).dispose()
        with self.admin.connect() as conn:
            conn.execute(
                text(
                    "SELECT pg_terminate_backend(pid) FROM pg_stat_activity "
                    "WHERE datname = :n AND pid <> pg_backend_pid()"
                ),
                {"n": self.name},
            )
            conn.execute(text(f'DROP DATABASE IF EXISTS "{self.name}"'))
        self.admin.dispose()


def tree_cpu_seconds(root: int) -> float:
    """CPU seconds (user + system) used so far by process `root` and its live descendants (a
    worker and its analysis process), read from /proc."""
    tick = os.sysconf("SC_CLK_TCK")
    parents: dict[int, int] = {}
    used: dict[int, float] = {}
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            fields = (entry / "stat").read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        pid = int(entry.name)
        parents[pid] = int(fields[1])
        used[pid] = (int(fields[11]) + int(fields[12])) / tick
    total = 0.0
    for pid, seconds in used.items():
        p = pid
        while p and p != root:
            p = parents.get(p, 0)
        if p == root:
            total += seconds
    return total


def wait_finished(store, batch_id: str, procs: list[subprocess.Popen], timeout: float) -> None:
    from claimdesk.store.jobs import batch_progress

    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        progress = batch_progress(store, batch_id)
        if progress is not None and progress.finished:
            return
        if any(p.poll() is not None for p in procs):
            raise SystemExit("a worker exited; see its log")
        time.sleep(0.05)
    raise SystemExit(f"batch {batch_id} not finished after {timeout:.0f} s")


def measure(
    n_workers: int, texts: list[str], queue_url: str, pg_admin: str | None, folder: Path
) -> tuple[float, float]:
    """Wall-clock seconds for `n_workers` workers to ingest `texts` (after a warm-up job each),
    and the CPU seconds the workers used meanwhile."""
    from claimdesk.jobqueue.broker import broker_for
    from claimdesk.jobqueue.enqueue import enqueue
    from claimdesk.store import jobs
    from claimdesk.store.repo import Store

    db = Database(pg_admin, folder, f"w{n_workers}")
    queue_name = f"claimdesk-bench-{uuid.uuid4().hex[:8]}"
    store = Store(db.url)
    broker = broker_for(queue_url)
    procs: list[subprocess.Popen] = []
    try:
        for n in range(n_workers):
            log = open(folder / f"w{n_workers}-{n}.log", "w")  # noqa: SIM115
            procs.append(
                subprocess.Popen(
                    [sys.executable, "-m", "claimdesk", "worker", "--queue", queue_url]
                    + ["--queue-name", queue_name, "--db", db.url],
                    cwd=ROOT,
                    stdout=log,
                    stderr=subprocess.STDOUT,
                )
            )
        warm = [
            jobs.QueuedInput("text", f"warm-{n}", payload=t.encode())
            for n, t in enumerate(WARM_UP[:n_workers])
        ]
        warm_batch, _ = enqueue(store, broker, warm, queue_name=queue_name)
        wait_finished(store, warm_batch, procs, timeout=600)
        inputs = [
            jobs.QueuedInput("text", f"text-{n}", payload=t.encode()) for n, t in enumerate(texts)
        ]
        cpu_before = sum(tree_cpu_seconds(p.pid) for p in procs)
        started = time.perf_counter()
        batch_id, _ = enqueue(store, broker, inputs, queue_name=queue_name)
        wait_finished(store, batch_id, procs, timeout=3600)
        seconds = time.perf_counter() - started
        cpu = sum(tree_cpu_seconds(p.pid) for p in procs) - cpu_before
        progress = jobs.batch_progress(store, batch_id)
        assert progress is not None
        if progress.failed:
            print(f"  ({progress.failed} input(s) failed: {progress.failures[:3]})")
        return seconds, cpu
    finally:
        for p in procs:
            p.terminate()
        for p in procs:
            p.wait(timeout=120)
        _delete_queue(queue_url, queue_name)
        broker.close()
        db.drop()


def _delete_queue(queue_url: str, queue_name: str) -> None:
    if not queue_url.startswith("amqp"):
        return
    import pika

    from claimdesk.jobqueue.broker import amqp_url

    connection = pika.BlockingConnection(pika.URLParameters(amqp_url(queue_url)))
    channel = connection.channel()
    for q in (queue_name, f"{queue_name}.DQ", f"{queue_name}.XQ"):
        channel.queue_delete(q)
    connection.close()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("texts", nargs="?", default=str(DEFAULT_TEXTS))
    parser.add_argument("--limit", type=int, default=100)
    parser.add_argument("--queue", default="amqp://guest:guest@127.0.0.1:5672//")
    parser.add_argument("--pg-admin", default=None, help="PostgreSQL URL to create databases on")
    args = parser.parse_args()
    texts = read_texts(Path(args.texts), args.limit)
    chars = sum(len(t) for t in texts)
    print(
        f"{len(texts)} texts ({chars:,} characters) from {Path(args.texts).name}; "
        f"queue {args.queue.split('@')[-1]}; database "
        f"{'PostgreSQL' if args.pg_admin else 'SQLite'}; host {socket.gethostname()}, "
        f"{os.cpu_count()} CPUs"
    )
    rates, costs = {}, {}
    with tempfile.TemporaryDirectory(prefix="claimdesk-queue-bench-") as tmp:
        for n in (1, 2):
            before = load()
            seconds, cpu = measure(n, texts, args.queue, args.pg_admin, Path(tmp))
            rates[n] = len(texts) / seconds
            costs[n] = cpu / len(texts)
            print(
                f"{n} worker(s): {seconds:7.1f} s, {rates[n]:6.2f} articles/s, "
                f"{costs[n]:.3f} CPU s/article in the workers "
                f"(load average before {before}, after {load()})"
            )
    print(
        f"2 workers vs 1: {rates[2] / rates[1]:.2f}x articles/s (wall clock; needs two idle "
        f"cores to reach 2x), {costs[2] / costs[1]:.2f}x CPU per article (1.00: no overhead "
        f"from sharing the queue and the database)"
    )


if __name__ == "__main__":
    main()
