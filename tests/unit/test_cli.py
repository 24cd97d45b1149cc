"""The command line: ingest (exit codes, summary, workers, resume), analyze, export."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pandas as pd

from claimdesk import cli, review
from claimdesk.store import queries
from claimdesk.store.repo import Store

ROOT = Path(__file__).resolve().parents[2]
STORIES = [
    "The mayor said on Monday that 1,200 new homes will be built by 2026.",
    "Police arrested 14 people after the protest in Lyon, a spokesman said.",
    "Exports rose 8 percent in May, the statistics office said on Friday.",
    "The company will cut 300 jobs in Ohio, according to a filing.",
    "Rainfall in Kenya was 40 percent below average, the weather service said.",
    "The minister told parliament that the budget deficit reached $4 billion.",
]


def run(*args: str, timeout: int = 600) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "claimdesk", *args],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=timeout,
    )


def test_ingest_with_two_workers_then_resume_as_duplicates(tmp_path):
    folder = tmp_path / "in"
    folder.mkdir()
    for i, text in enumerate(STORIES):
        (folder / f"s{i}.txt").write_text(text, encoding="utf-8")
    url = f"sqlite:///{tmp_path / 'cli.sqlite'}"
    first = run("ingest", str(folder), "--db", url, "--workers", "2", "--quiet", "--by", "cli")
    assert first.returncode == 0, first.stdout + first.stderr
    assert "6 added, 0 duplicate, 0 failed" in first.stdout
    assert sum(line.startswith("ADDED") for line in first.stdout.splitlines()) == 6
    second = run("ingest", str(folder), "--db", url, "--quiet")
    assert second.returncode == 0
    assert "0 added, 6 duplicate, 0 failed" in second.stdout
    arts = queries.articles_table(Store(url))
    assert len(arts) == 6 and set(arts["ingested_by"]) == {"cli"}
    assert (arts["claims"] > 0).all()


def test_missing_path_fails_with_exit_code_one(tmp_path):
    out = run("ingest", str(tmp_path / "nope.txt"), "--db", f"sqlite:///{tmp_path / 'x.sqlite'}")
    assert out.returncode == 1
    assert "no such file or folder" in out.stdout
    assert "0 added, 0 duplicate, 1 failed" in out.stdout


def test_analyze_writes_one_valid_record_per_input(tmp_path):
    src = tmp_path / "in.jsonl"
    lines = [{"id": f"d{i}", "text": t} for i, t in enumerate(STORIES)] + [
        {"id": "empty", "text": ""}
    ]
    src.write_text("\n".join(json.dumps(r) for r in lines) + "\n", encoding="utf-8")
    out = tmp_path / "out.jsonl"
    done = run("analyze", str(src), "-o", str(out))
    assert done.returncode == 0, done.stderr
    records = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    assert [r["id"] for r in records] == [r["id"] for r in lines]
    for rec, src_rec in zip(records, lines, strict=True):
        assert set(rec) >= {"id", "quotes", "places", "claims"}
        for c in rec["claims"]:
            assert src_rec["text"][c["start"] : c["end"]] == c["text"]
        for q in rec["quotes"]:
            assert {"start", "end", "text", "kind", "cue", "speaker"} <= set(q)
        for p in rec["places"]:
            assert {"start", "end", "name", "lat", "lon", "country_code", "geonameid"} <= set(p)
    assert any(p["name"] == "Kenya" for r in records for p in r["places"])


def test_analyze_skips_lines_that_are_not_json_objects_and_says_so(tmp_path):
    src = tmp_path / "in.jsonl"
    src.write_text('{"id": "a", "text": "Rain fell."}\n[1, 2]\nnot json\n', encoding="utf-8")
    out = tmp_path / "out.jsonl"
    done = run("analyze", str(src), "-o", str(out))
    assert done.returncode == 0, done.stderr
    assert "in.jsonl:2: not a JSON object; line skipped" in done.stderr
    assert "in.jsonl:3: not JSON" in done.stderr and "Traceback" not in done.stderr
    assert [json.loads(line)["id"] for line in out.read_text(encoding="utf-8").splitlines()] == [
        "a"
    ]


def test_export_formats(tmp_path):
    url = f"sqlite:///{tmp_path / 'exp.sqlite'}"
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "a.txt").write_text(" ".join(STORIES), encoding="utf-8")
    assert run("ingest", str(folder), "--db", url, "--quiet").returncode == 0
    store = Store(url)
    cid = int(queries.claims_table(store)[0].iloc[0]["id"])
    review.record_review(store, [cid], "false", "Ana", note='=HYPERLINK("http://x")')
    done = run("export", "--db", url, "--format", "csv", "-o", str(tmp_path / "out.csv"))
    assert done.returncode == 0, done.stderr
    # the other formats through the same entry point in this process (a new Python process
    # costs seconds on these machines; the one above proves the command itself)
    for fmt, ext in [
        ("xlsx", "xlsx"),
        ("json", "json"),
        ("claimreview", "jsonld"),
        ("geojson", "geojson"),
    ]:
        target = tmp_path / f"out.{ext}"
        assert cli.main(["export", "--db", url, "--format", fmt, "-o", str(target)]) == 0
        assert target.stat().st_size > 0
    csv = pd.read_csv(tmp_path / "out.csv")
    assert csv.loc[csv["claim_id"] == cid, "note"].iloc[0].startswith("'=")
    reviews = json.loads((tmp_path / "out.jsonld").read_text())
    assert len(reviews) == 1 and reviews[0]["reviewRating"]["alternateName"] == "False"
    geo = json.loads((tmp_path / "out.geojson").read_text())
    assert geo["type"] == "FeatureCollection" and geo["features"]
    assert pd.read_excel(tmp_path / "out.xlsx").shape[0] == len(csv)
