"""Queued ingestion without subprocesses: the jobs table, the job processor, the brokers.

The processor runs its real read, store and bookkeeping here; only the analysis is a stand-in
(one claim per text), so the rules are checked in milliseconds on both database backends.
The worker processes, a -9 kill and outages are in test_queue_workers.py.
"""

from __future__ import annotations

import os
import threading
import time
import uuid
from pathlib import Path

import pytest
from sqlalchemy import func, select

from claimdesk.batch import InputSpec, read_item
from claimdesk.jobqueue.processor import DatabaseGuard, JobProcessor, ReturnJob
from claimdesk.model import Analysis, Claim
from claimdesk.store import jobs
from claimdesk.store.repo import AddOutcome, Store
from claimdesk.store.schema import ArticleRow, ClaimRow, IngestJobRow
from claimdesk.workers import JobFailed, JobTimedOut, WorkerDied

TEXTS = [
    "The port handled 2 million containers in 2023, officials said.",
    "Rail fares will rise 4 percent in March, the operator said.",
    "The council approved a budget of 12 million euros on Tuesday.",
]


def one_claim_analysis(spec: InputSpec, allow_private: bool):
    """Reads the input for real; 'analyses' it as one claim spanning the text."""
    got = read_item(spec.to_item(allow_private=allow_private))
    if isinstance(got, AddOutcome):
        return got
    return got, Analysis(claims=[Claim(0, len(got.text), got.text, 0.9, "statistic")])


def texts(*bodies: str) -> list[jobs.QueuedInput]:
    return [jobs.QueuedInput("text", f"t{n}.txt", payload=b.encode()) for n, b in enumerate(bodies)]


def count(store: Store, table) -> int:
    with store.read() as s:
        return int(s.scalar(select(func.count()).select_from(table)) or 0)


def job_row(store: Store, job_id: int) -> IngestJobRow:
    with store.read() as s:
        row = s.get(IngestJobRow, job_id)
        assert row is not None
        s.expunge(row)
        return row


def test_a_batch_is_counted_by_state_and_its_failures_keep_their_reasons(store):
    inputs = [
        *texts(*TEXTS[:2]),
        jobs.QueuedInput("file", "gone.txt", failed="no such file or folder"),
    ]
    batch_id, to_send = jobs.create_batch(store, inputs, ingested_by="desk")
    assert len(to_send) == 2  # the input failed at the enqueuer is not sent
    progress = jobs.batch_progress(store, batch_id)
    assert progress is not None
    assert (progress.total, progress.waiting, progress.failed) == (3, 2, 1)
    assert progress.failures == [("gone.txt", "no such file or folder")]
    assert not progress.finished

    first = jobs.claim(store, to_send[0], "host:1")
    assert first is not None and first.attempts == 1 and first.payload == TEXTS[0].encode()
    assert jobs.batch_progress(store, batch_id).running == 1  # type: ignore[union-attr]
    assert jobs.finish(store, first.id, AddOutcome("added", first.name, "added", article_id=None))
    assert not jobs.finish(store, first.id, AddOutcome("failed", first.name, "late"))  # kept
    assert jobs.claim(store, first.id, "host:2") is None  # finished: nothing to do
    row = job_row(store, first.id)
    assert (row.state, row.outcome, row.payload) == ("done", "added", None)

    assert jobs.finish(store, to_send[1], AddOutcome("duplicate", "t1.txt", "already stored"))
    progress = jobs.batch_progress(store, batch_id)
    assert progress is not None and progress.finished
    assert (progress.added, progress.duplicate, progress.failed) == (1, 1, 1)
    assert "2/3 done" in progress.summary()
    assert jobs.recent_batches(store)[0][0] == batch_id
    assert jobs.unfinished_jobs(store, batch_id) == []
    assert jobs.batch_progress(store, "no-such-batch") is None


def test_a_job_whose_workers_keep_dying_fails_instead_of_going_round_forever(store):
    _, (job_id,) = jobs.create_batch(store, texts(TEXTS[0]))
    for n in range(1, jobs.MAX_ATTEMPTS + 1):
        claimed = jobs.claim(store, job_id, f"host:{n}")  # each worker dies before finishing
        assert claimed is not None and claimed.attempts == n
    assert jobs.claim(store, job_id, "host:last") is None
    row = job_row(store, job_id)
    assert row.state == "failed"
    assert f"stopped {jobs.MAX_ATTEMPTS} times" in (row.message or "")


def test_each_job_is_stored_once_however_often_it_is_delivered(store):
    batch_id, ids = jobs.create_batch(store, texts(*TEXTS, TEXTS[0]))
    processor = JobProcessor(store, one_claim_analysis, worker="host:1")
    outcomes = [processor.process(i) for i in ids]
    assert [o.status if o else None for o in outcomes] == ["added"] * 3 + ["duplicate"]
    assert [processor.process(i) for i in ids] == [None] * 4  # delivered again: nothing to do
    assert count(store, ArticleRow) == 3 and count(store, ClaimRow) == 3
    progress = jobs.batch_progress(store, batch_id)
    assert progress is not None and (progress.added, progress.duplicate) == (3, 1)
    assert all(job_row(store, i).attempts == 1 for i in ids)


def test_a_job_stored_before_its_worker_died_is_finished_without_analysing_again(store):
    _, (job_id,) = jobs.create_batch(store, texts(TEXTS[1]))

    def analyse_then_die(spec: InputSpec, allow_private: bool):
        article, analysis = one_claim_analysis(spec, allow_private)  # type: ignore[misc]
        store.add_article(
            article, analysis, also=lambda s, outcome: jobs.record_stored(s, job_id, outcome)
        )
        raise SystemExit("killed after the article's transaction committed")

    with pytest.raises(SystemExit):
        JobProcessor(store, analyse_then_die, worker="host:1").process(job_id)
    row = job_row(store, job_id)
    assert (row.state, row.outcome) == ("running", "added") and row.article_id is not None

    def never(spec: InputSpec, allow_private: bool):
        raise AssertionError("a stored job is not analysed again")

    outcome = JobProcessor(store, never, worker="host:2").process(job_id)
    assert outcome is not None and outcome.status == "added"
    assert outcome.article_id == row.article_id
    assert job_row(store, job_id).state == "done"
    assert count(store, ArticleRow) == 1


def test_two_deliveries_at_once_leave_the_job_added_whichever_finishes_first(store):
    _, (job_id,) = jobs.create_batch(store, texts(TEXTS[0]))
    first = jobs.claim(store, job_id, "host:1")
    second = jobs.claim(store, job_id, "host:2")  # sent again while host:1 held it
    assert first is not None and second is not None
    article, analysis = one_claim_analysis(processor_spec(first), True)  # type: ignore[misc]
    added = store.add_article(
        article, analysis, also=lambda s, out: jobs.record_stored(s, job_id, out)
    )
    found = store.add_article(
        article, analysis, also=lambda s, out: jobs.record_stored(s, job_id, out)
    )
    assert (added.status, found.status) == ("added", "duplicate")
    assert jobs.finish(store, job_id, found)  # the second delivery finishes first
    assert not jobs.finish(store, job_id, added)
    row = job_row(store, job_id)
    assert (row.state, row.outcome, row.article_id) == ("done", "added", added.article_id)


def processor_spec(job: jobs.ClaimedJob) -> InputSpec:
    from claimdesk.jobqueue.processor import spec_of

    return spec_of(job)


@pytest.mark.parametrize(
    ("error", "reason"),
    [
        (JobFailed("ValueError: bad offsets"), "analysis failed (ValueError); nothing stored"),
        (WorkerDied(), "its analysis process stopped (out of memory?); nothing stored"),
        (JobTimedOut(), "took longer than"),
    ],
)
def test_an_analysis_that_crashes_fails_its_job_once(sqlite_store, error, reason):
    store = sqlite_store
    _, (job_id,) = jobs.create_batch(store, texts(TEXTS[2]))
    calls = []

    def crash(spec: InputSpec, allow_private: bool):
        calls.append(spec.name)
        raise error

    processor = JobProcessor(store, crash, worker="host:1")
    outcome = processor.process(job_id)
    assert outcome is not None and outcome.status == "failed" and reason in outcome.message
    assert processor.process(job_id) is None  # delivered again: never retried
    assert len(calls) == 1
    row = job_row(store, job_id)
    assert (row.state, row.attempts) == ("failed", 1) and reason in (row.message or "")
    assert row.payload == TEXTS[2].encode()  # a failed input keeps its bytes
    assert count(store, ArticleRow) == 0


def test_unreadable_inputs_fail_with_the_readers_reason(sqlite_store):
    store = sqlite_store
    inputs = [
        jobs.QueuedInput("file", "broken.pdf", payload=b"this is not a pdf at all"),
        jobs.QueuedInput("file", "empty.txt", payload=b""),
        jobs.QueuedInput("file", "binary.txt", payload=bytes(range(256)) * 8),
    ]
    batch_id, ids = jobs.create_batch(store, inputs)
    processor = JobProcessor(store, one_claim_analysis, worker="host:1")
    for job_id in ids:
        processor.process(job_id)
    progress = jobs.batch_progress(store, batch_id)
    assert progress is not None and progress.failed == 3 and progress.finished
    reasons = dict(progress.failures)
    assert "not a PDF" in reasons["broken.pdf"]
    assert "empty" in reasons["empty.txt"]
    assert "binary" in reasons["binary.txt"]


def test_a_worker_stopped_while_the_database_is_away_hands_the_job_back():
    # nothing listens on this port: the database is unreachable from the start
    store = Store.__new__(Store)
    from claimdesk.store.engine import make_engine

    store.url = "postgresql+psycopg://postgres@127.0.0.1:18399/none"
    store.engine = make_engine(store.url)
    stopping = threading.Event()
    guard = DatabaseGuard(store, stopping)
    assert not guard.reachable()
    threading.Timer(0.3, stopping.set).start()
    started = time.monotonic()
    with pytest.raises(ReturnJob):
        guard.run(lambda: jobs.claim(store, 1, "host:1"))
    assert guard.waits == 1 and time.monotonic() - started < 5


def test_amqp_urls_name_the_default_virtual_host_as_pika_reads_it():
    from claimdesk.jobqueue.broker import QueueUrlError, amqp_url, broker_for

    assert (
        amqp_url("amqp://guest:guest@127.0.0.1:5672//") == "amqp://guest:guest@127.0.0.1:5672/%2F"
    )
    assert amqp_url("amqp://h:5672/desk") == "amqp://h:5672/desk"
    with pytest.raises(QueueUrlError):
        broker_for("http://127.0.0.1:5672/")


REDIS_URL = os.environ.get("CLAIMDESK_TEST_REDIS_URL", "redis://127.0.0.1:6379/0")


def test_jobs_go_through_redis_too(tmp_path):
    """The redis:// scheme end to end in one process: enqueue, a Dramatiq worker, the store."""
    import dramatiq
    import redis

    try:
        redis.Redis.from_url(REDIS_URL).ping()
    except redis.RedisError as exc:
        if os.environ.get("CLAIMDESK_REQUIRE_BROKER"):
            pytest.fail(f"cannot reach Redis at {REDIS_URL}: {exc}")
        pytest.skip(f"needs Redis at {REDIS_URL} ({exc})")

    from claimdesk.jobqueue.broker import broker_for, ingest_actor
    from claimdesk.jobqueue.enqueue import enqueue

    store = Store(f"sqlite:///{tmp_path / 'redis.sqlite'}")
    queue_name = f"claimdesk-test-{uuid.uuid4().hex[:8]}"
    broker = broker_for(REDIS_URL)
    processor = JobProcessor(store, one_claim_analysis, worker="host:redis")
    ingest_actor(broker, queue_name, lambda job_id: processor.process(job_id) and None)
    batch_id, sent = enqueue(store, broker, texts(*TEXTS), queue_name=queue_name)
    assert sent == 3
    worker = dramatiq.Worker(broker, worker_threads=1, worker_timeout=100)
    worker.start()
    try:
        deadline = time.monotonic() + 20
        while time.monotonic() < deadline:
            progress = jobs.batch_progress(store, batch_id)
            if progress is not None and progress.finished:
                break
            time.sleep(0.05)
    finally:
        worker.stop()
        broker.flush_all()
        broker.close()
    assert progress is not None and progress.added == 3, progress


def test_the_enqueuer_reads_files_itself_and_fails_what_it_cannot_send(tmp_path, monkeypatch):
    from claimdesk.jobqueue.enqueue import queued_inputs

    (tmp_path / "docs").mkdir()
    (tmp_path / "docs" / "a.txt").write_text(TEXTS[0], encoding="utf-8")
    (tmp_path / "docs" / "big.txt").write_text("x" * 3000, encoding="utf-8")
    monkeypatch.setenv("CLAIMDESK_MAX_UPLOAD_BYTES", "2000")
    got = list(
        queued_inputs([str(tmp_path / "docs"), str(tmp_path / "gone.txt"), "https://e.org/x"])
    )
    by_name = {Path(q.name).name if q.kind == "file" else q.name: q for q in got}
    assert by_name["a.txt"].payload == TEXTS[0].encode() and by_name["a.txt"].failed is None
    assert "size limit" in (by_name["big.txt"].failed or "") and by_name["big.txt"].payload is None
    assert by_name["gone.txt"].failed == "no such file or folder"
    assert by_name["https://e.org/x"].kind == "url" and by_name["https://e.org/x"].payload is None


def test_the_cli_prints_a_batchs_progress_and_its_failures(sqlite_store, capsys):
    from claimdesk.cli import main

    store = sqlite_store
    batch_id, (job_id,) = jobs.create_batch(
        store, [*texts(TEXTS[0]), jobs.QueuedInput("file", "gone.txt", failed="no such file")]
    )
    JobProcessor(store, one_claim_analysis, worker="host:1").process(job_id)
    assert main(["ingest", "--status", batch_id, "--db", store.url]) == 1  # one failed
    out = capsys.readouterr().out
    assert f"batch {batch_id}: 1/2 done (1 added, 0 duplicate), 1 failed" in out
    assert "FAILED    gone.txt  no such file" in out
    assert main(["ingest", "--status", "nope", "--db", store.url]) == 2
