"""Distributed ingestion for real: worker processes, RabbitMQ and PostgreSQL on this machine.

- Two `python -m claimdesk worker` processes take a batch queued by `python -m claimdesk
  ingest --queue`; one is killed with -9 mid-batch. Every article is stored exactly once, the
  unreadable files fail once with their reasons, the batch reports everything done.
- A worker whose database and broker connections go through a TCP proxy (tests/tcpproxy.py)
  sees both cut and restored mid-batch: it waits, resumes, fails nothing. (The shared
  PostgreSQL and RabbitMQ services are never stopped: other sessions use them.) The same worker
  then has its analysis process killed while it analyses an input: that input fails once with
  the reason, and the worker goes on.

RabbitMQ must run (`.ci/run` starts it and sets CLAIMDESK_REQUIRE_BROKER=1, so a broker that
is down fails the run instead of skipping it).
"""

from __future__ import annotations

import contextlib
import os
import signal
import socket
import subprocess
import sys
import time
import uuid
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from sqlalchemy import func, select

from claimdesk.store import jobs
from claimdesk.store.repo import Store
from claimdesk.store.schema import ArticleRow, ClaimRow, IngestJobRow
from tests.dbfixtures import truncate_pg
from tests.sample_records import TEXT
from tests.tcpproxy import TcpProxy

ROOT = Path(__file__).resolve().parents[2]
DEMO = ROOT / "data" / "demo" / "nk-troops-russia.txt"
AMQP_URL = os.environ.get("CLAIMDESK_TEST_AMQP_URL", "amqp://guest:guest@127.0.0.1:5672//")
#: The batch's texts: the demo article's paragraphs, the sample records' text and two more.
MORE = [
    "The port handled 2 million containers in 2023, officials said.",
    "Rail fares will rise 4 percent in March, the operator said in a statement on Monday.",
]
SLOW_SECONDS = 180  # a generous ceiling: the machine is shared, the model loads per process

pytestmark = pytest.mark.pg


def batch_texts() -> list[str]:
    paragraphs = [p for p in DEMO.read_text(encoding="utf-8").split("\n") if len(p) > 60]
    return [*paragraphs, TEXT, *MORE]


def _amqp_parameters():
    import pika

    from claimdesk.jobqueue.broker import amqp_url

    return pika.URLParameters(amqp_url(AMQP_URL))


@pytest.fixture(scope="module")
def rabbitmq() -> Iterator[int]:
    """RabbitMQ's port, once it answered (a skip on a laptop without it, a failure in CI)."""
    import pika

    try:
        pika.BlockingConnection(_amqp_parameters()).close()
    except Exception as exc:
        if os.environ.get("CLAIMDESK_REQUIRE_BROKER"):
            pytest.fail(f"cannot reach RabbitMQ at {AMQP_URL}: {exc}")
        pytest.skip(f"queue tests need RabbitMQ at {AMQP_URL} ({exc})")
    yield _amqp_parameters().port


@pytest.fixture
def queue_name(rabbitmq) -> Iterator[str]:
    """A queue of this test's own (deleted afterwards, with its delay and dead-letter queues)."""
    import pika

    name = f"claimdesk-test-{uuid.uuid4().hex[:10]}"
    yield name
    connection = pika.BlockingConnection(_amqp_parameters())
    channel = connection.channel()
    for queue in (name, f"{name}.DQ", f"{name}.XQ"):
        channel.queue_delete(queue)
    connection.close()


@pytest.fixture
def pg_url(pg_database_url) -> str:
    Store(pg_database_url)
    truncate_pg(pg_database_url)
    return pg_database_url


class Workers:
    """`python -m claimdesk worker` processes of one test, their logs, and their ends."""

    def __init__(self, tmp_path: Path, queue_name: str) -> None:
        self.tmp_path = tmp_path
        self.queue_name = queue_name
        self.procs: dict[str, subprocess.Popen] = {}

    def start(self, label: str, db_url: str, queue_url: str = AMQP_URL) -> subprocess.Popen:
        log = open(self.tmp_path / f"{label}.log", "w")  # noqa: SIM115 - the process writes it
        proc = subprocess.Popen(
            [sys.executable, "-m", "claimdesk", "worker", "--queue", queue_url]
            + ["--queue-name", self.queue_name, "--db", db_url],
            cwd=ROOT,
            stdout=log,
            stderr=subprocess.STDOUT,
            env={**os.environ, "PYTHONUNBUFFERED": "1"},
        )
        self.procs[label] = proc
        return proc

    def name(self, label: str) -> str:
        return f"{socket.gethostname()}:{self.procs[label].pid}"

    def log(self, label: str) -> str:
        return (self.tmp_path / f"{label}.log").read_text(encoding="utf-8", errors="replace")

    def logs(self) -> str:
        return "\n".join(f"--- {label}\n{self.log(label)[-4000:]}" for label in self.procs)

    def stop_all(self) -> None:
        for proc in self.procs.values():
            if proc.poll() is None:
                proc.kill()
            proc.wait(timeout=30)


@pytest.fixture
def workers(tmp_path, queue_name) -> Iterator[Workers]:
    started = Workers(tmp_path, queue_name)
    yield started
    started.stop_all()


def enqueue_cli(folder: Path, db_url: str, queue_name: str) -> str:
    done = subprocess.run(
        [sys.executable, "-m", "claimdesk", "ingest", str(folder), "--queue", AMQP_URL]
        + ["--queue-name", queue_name, "--db", db_url],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == 0, done.stderr
    return done.stdout.split()[0]


def wait_for(what: Callable[[], object], workers: Workers, timeout: float = SLOW_SECONDS):
    """`what()` once it is truthy (polled), else a failure that shows the workers' logs."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        got = what()
        if got:
            return got
        time.sleep(0.1)
    raise AssertionError(f"gave up waiting after {timeout:.0f} s\n{workers.logs()}")


def progress(store: Store, batch_id: str) -> jobs.BatchProgress:
    got = jobs.batch_progress(store, batch_id)
    assert got is not None
    return got


def running_on(store: Store, batch_id: str, worker: str) -> int | None:
    with store.read() as s:
        return s.scalar(
            select(IngestJobRow.id).where(
                IngestJobRow.batch_id == batch_id,
                IngestJobRow.state == "running",
                IngestJobRow.worker == worker,
            )
        )


def stored_once(store: Store, n_texts: int) -> None:
    """n_texts articles, each once, each with its extractions once."""
    with store.read() as s:
        assert s.scalar(select(func.count()).select_from(ArticleRow)) == n_texts
        assert s.scalar(select(func.count(func.distinct(ArticleRow.content_hash)))) == n_texts
        twice = s.execute(
            select(ClaimRow.article_id, ClaimRow.start)
            .group_by(ClaimRow.article_id, ClaimRow.start)
            .having(func.count() > 1)
        ).all()
        assert twice == []
        article_ids = list(
            s.scalars(select(IngestJobRow.article_id).where(IngestJobRow.state == "done"))
        )
    assert len(article_ids) == len(set(article_ids)) == n_texts


def test_a_worker_killed_mid_batch_loses_nothing_and_stores_nothing_twice(
    tmp_path, pg_url, workers
):
    folder = tmp_path / "batch"
    folder.mkdir()
    texts = batch_texts()
    assert len(texts) == 20
    for n, text in enumerate(texts):
        (folder / f"article-{n:02d}.txt").write_text(text, encoding="utf-8")
    (folder / "broken.pdf").write_bytes(b"this is not a pdf at all")
    (folder / "empty.txt").write_bytes(b"")
    (folder / "binary.txt").write_bytes(bytes(range(256)) * 8)
    store = Store(pg_url)
    workers.start("a", pg_url)
    workers.start("b", pg_url)
    batch_id = enqueue_cli(folder, pg_url, workers.queue_name)
    assert progress(store, batch_id).total == 23

    # mid-batch: some inputs done, and worker a holding one. A job takes ~0.1 s, so a could
    # finish the one seen between the look and the kill: a is frozen (SIGSTOP) first, and the
    # job it holds read again while it cannot move on.
    def a_frozen_holding_a_job() -> int | None:
        if progress(store, batch_id).done < 3:
            return None
        if running_on(store, batch_id, workers.name("a")) is None:
            return None
        workers.procs["a"].send_signal(signal.SIGSTOP)
        held = running_on(store, batch_id, workers.name("a"))
        if held is None:  # it finished that one just before the stop: let it go on
            workers.procs["a"].send_signal(signal.SIGCONT)
        return held

    victim_job = wait_for(a_frozen_holding_a_job, workers)
    workers.procs["a"].send_signal(signal.SIGKILL)
    workers.procs["a"].wait(timeout=30)
    assert not progress(store, batch_id).finished

    final = wait_for(lambda: (p := progress(store, batch_id)).finished and p, workers)
    assert (final.added, final.duplicate, final.failed) == (20, 0, 3), workers.logs()
    reasons = {Path(name).name: reason for name, reason in final.failures}
    assert "not a PDF" in reasons["broken.pdf"] and "empty" in reasons["empty.txt"]
    assert "binary" in reasons["binary.txt"]
    stored_once(store, 20)
    with store.read() as s:
        victim = s.get(IngestJobRow, victim_job)
        assert victim is not None
        assert victim.attempts >= 2 and victim.worker == workers.name("b"), workers.logs()

    # the survivor stops cleanly on SIGTERM
    workers.procs["b"].send_signal(signal.SIGTERM)
    assert workers.procs["b"].wait(timeout=60) == 0, workers.log("b")


def test_a_worker_waits_out_database_and_broker_outages_and_fails_only_crashed_analyses(
    tmp_path, pg_url, rabbitmq, workers
):
    from sqlalchemy.engine import make_url

    from claimdesk.jobqueue.broker import broker_for
    from claimdesk.jobqueue.enqueue import enqueue

    pg = make_url(pg_url)
    db_proxy = TcpProxy(pg.port or 5432).start()
    amqp_proxy = TcpProxy(rabbitmq).start()
    try:
        proxied_db = pg.set(port=db_proxy.port).render_as_string(hide_password=False)
        proxied_amqp = AMQP_URL.replace(f":{rabbitmq}/", f":{amqp_proxy.port}/")
        assert proxied_amqp != AMQP_URL
        store = Store(pg_url)  # the test itself reads the database directly
        worker = workers.start("w", proxied_db, proxied_amqp)
        broker = broker_for(AMQP_URL)
        texts = batch_texts()[:8]
        inputs = [
            jobs.QueuedInput("text", f"t{n}", payload=t.encode()) for n, t in enumerate(texts)
        ]
        batch_id, _ = enqueue(store, broker, inputs, queue_name=workers.queue_name)

        wait_for(lambda: progress(store, batch_id).done >= 2, workers)
        db_proxy.cut()
        time.sleep(3)
        during = progress(store, batch_id)
        assert worker.poll() is None and during.failed == 0 and not during.finished
        db_proxy.restore()
        wait_for(lambda: "database reachable again" in workers.log("w"), workers)

        wait_for(lambda: progress(store, batch_id).done >= 5, workers)
        amqp_proxy.cut()
        time.sleep(2)
        assert worker.poll() is None
        amqp_proxy.restore()
        final = wait_for(lambda: (p := progress(store, batch_id)).finished and p, workers)
        assert (final.added, final.failed) == (8, 0), workers.logs()
        stored_once(store, 8)
        assert "database unreachable" in workers.log("w")
        assert "connection error" in workers.log("w").lower()  # Dramatiq's, on the broker cut

        # a crash of the analysis itself: kill the analysis process while it analyses
        long_text = "\n\n".join([DEMO.read_text(encoding="utf-8")] * 40)
        crash_inputs = [jobs.QueuedInput("text", "long", payload=long_text.encode())]
        crash_batch, _ = enqueue(store, broker, crash_inputs, queue_name=workers.queue_name)
        long_job = jobs.unfinished_jobs(store, crash_batch)[0]
        broker.close()
        wait_for(lambda: running_on(store, crash_batch, workers.name("w")) == long_job, workers)
        time.sleep(1.0)
        analysis_process = _analysis_child(worker.pid)
        os.kill(analysis_process, signal.SIGKILL)
        crashed = wait_for(lambda: (p := progress(store, crash_batch)).finished and p, workers)
        assert (crashed.added, crashed.failed) == (0, 1), workers.logs()
        assert crashed.failures == [
            ("long", "its analysis process stopped (out of memory?); nothing stored")
        ]
        with store.read() as s:
            assert s.get(IngestJobRow, long_job).attempts == 1  # type: ignore[union-attr]
        assert worker.poll() is None  # the worker goes on (with a fresh analysis process)
    finally:
        db_proxy.close()
        amqp_proxy.close()


def _analysis_child(pid: int) -> int:
    """The worker's analysis process (a multiprocessing child running spawn_main)."""
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        with contextlib.suppress(OSError):
            stat = (entry / "stat").read_text()
            ppid = int(stat.rsplit(")", 1)[1].split()[1])
            cmdline = (entry / "cmdline").read_bytes()
            if ppid == pid and b"spawn_main" in cmdline:
                return int(entry.name)
    raise AssertionError(f"worker {pid} has no analysis process")
