"""kill -9 in the middle of `python -m claimdesk ingest`: only whole articles, and a rerun
completes the batch without duplicates."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

from sqlalchemy import func, select

from claimdesk.nlp.pipeline import analyze_text
from claimdesk.store.repo import Store
from claimdesk.store.schema import ArticleRow, ClaimRow, PlaceMentionRow, QuoteRow

ROOT = Path(__file__).resolve().parents[2]
N_FILES = 24


def make_batch(folder: Path, demo_text: str) -> None:
    paragraphs = demo_text.split("\n")
    for i in range(N_FILES):
        body = "\n".join(paragraphs[i % 5 :] + paragraphs[: i % 5])
        extra = f"Officials said {1000 + i * 37} people attended meeting number {i} in Seoul."
        (folder / f"story-{i:02d}.txt").write_text(f"{extra}\n{body}", encoding="utf-8")


def article_counts(store: Store) -> dict[int, tuple[str, int, int, int]]:
    with store.read() as s:
        out = {}
        for aid, text in s.execute(select(ArticleRow.id, ArticleRow.text)):
            n = [
                s.scalar(select(func.count()).select_from(t).where(t.article_id == aid))
                for t in (ClaimRow, QuoteRow, PlaceMentionRow)
            ]
            out[aid] = (text, *n)
        return out


def test_kill_minus_nine_mid_batch_leaves_whole_articles_and_resumes(tmp_path, nlp, demo_text):
    folder = tmp_path / "batch"
    folder.mkdir()
    make_batch(folder, demo_text)
    url = f"sqlite:///{tmp_path / 'crash.sqlite'}"
    cmd = [sys.executable, "-m", "claimdesk", "ingest", str(folder), "--db", url, "--quiet"]
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    proc = subprocess.Popen(cmd, cwd=ROOT, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    store = Store(url)
    deadline = time.monotonic() + 240
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            break
        with store.read() as s:
            if (s.scalar(select(func.count()).select_from(ArticleRow)) or 0) >= 2:
                break
        time.sleep(0.05)
    assert proc.poll() is None, "the batch finished before it could be interrupted"
    os.kill(proc.pid, signal.SIGKILL)
    proc.wait()

    stored = article_counts(store)
    assert 2 <= len(stored) < N_FILES
    for text, n_claims, n_quotes, n_places in stored.values():
        fresh = analyze_text(text, nlp=nlp)
        assert (n_claims, n_quotes, n_places) == (
            len(fresh.claims),
            len(fresh.quotes),
            len(fresh.places),
        ), "a stored article lacks part of its extractions"

    rerun = subprocess.run(cmd, cwd=ROOT, env=env, capture_output=True, text=True, timeout=600)
    assert rerun.returncode == 0, rerun.stdout + rerun.stderr
    assert f"{N_FILES - len(stored)} added, {len(stored)} duplicate, 0 failed" in rerun.stdout
    after = article_counts(store)
    assert len(after) == N_FILES
    with store.read() as s:
        hashes = list(s.scalars(select(ArticleRow.content_hash)))
    assert len(hashes) == len(set(hashes))
