"""The Upload page shows where a queued batch stands: done, failed (with reasons), waiting."""

from __future__ import annotations

from claimdesk.store import jobs
from claimdesk.store.repo import AddOutcome


def metrics(at) -> dict[str, str]:
    return {m.label: m.value for m in at.metric}


def test_upload_page_shows_a_queued_batchs_progress_and_failures(make_app, app_db):
    at = make_app("pages/upload.py")
    at.run()
    assert not at.exception
    assert "Queued batches" not in [h.value for h in at.subheader]  # none queued yet

    inputs = [
        jobs.QueuedInput("text", f"story-{n}.txt", payload=f"Story {n} text.".encode())
        for n in range(3)
    ] + [jobs.QueuedInput("file", "gone.pdf", failed="no such file or folder")]
    batch_id, (first, second, third) = jobs.create_batch(app_db, inputs)
    jobs.claim(app_db, first, "host:1")
    jobs.finish(app_db, first, AddOutcome("added", "story-0.txt", "added"))
    jobs.claim(app_db, second, "host:2")  # running

    at.run()
    assert not at.exception, [e.message for e in at.exception]
    assert "Queued batches" in [h.value for h in at.subheader]
    assert at.selectbox(key="queue_batch").value == batch_id
    assert metrics(at) == {"Done": "1", "Failed": "1", "Running": "1", "Waiting": "1"}
    failures = at.dataframe[-1].value
    assert list(failures["input"]) == ["gone.pdf"]
    assert list(failures["reason"]) == ["no such file or folder"]

    jobs.finish(app_db, second, AddOutcome("duplicate", "story-1.txt", "already stored"))
    jobs.claim(app_db, third, "host:1")
    jobs.finish(app_db, third, AddOutcome("failed", "story-2.txt", "analysis failed (ValueError)"))
    at.run()
    assert metrics(at) == {"Done": "2", "Failed": "2", "Running": "0", "Waiting": "0"}
    failures = at.dataframe[-1].value
    assert list(failures["input"]) == ["story-2.txt", "gone.pdf"]  # in input order
    assert list(failures["reason"]) == ["analysis failed (ValueError)", "no such file or folder"]
