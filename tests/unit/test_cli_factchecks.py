"""`python -m claimdesk factchecks import FILE...`: a line per file, counts, exit code."""

from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path

from claimdesk.store import factcheck_queries
from claimdesk.store.repo import Store

ROOT = Path(__file__).resolve().parents[2]
REVIEW = {
    "@context": "https://schema.org",
    "@type": "ClaimReview",
    "url": "https://checks.example/bridge",
    "claimReviewed": "The bridge cost $4 billion.",
    "reviewRating": {"@type": "Rating", "alternateName": "False"},
    "author": {"@type": "Organization", "name": "Checks Desk"},
}


def run(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "claimdesk", "factchecks", *args],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=600,
    )


def test_import_reports_each_file_and_fails_with_exit_one(tmp_path):
    folder = tmp_path / "checks"
    folder.mkdir()
    (folder / "a.json").write_text(json.dumps([REVIEW]), encoding="utf-8")
    (folder / "b.csv").write_text(
        "claim,rating,publisher,url\nTaxes rose 10%.,Mostly true,Desk,https://d.example/t\n"
        ",True,Desk,https://d.example/empty\n",
        encoding="utf-8",
    )
    (folder / "notes.txt").write_text("not a fact-check file", encoding="utf-8")  # not picked up
    (tmp_path / "broken.jsonld").write_text('{"@type": "ClaimReview",', encoding="utf-8")
    url = f"sqlite:///{tmp_path / 'fc.sqlite'}"
    args = [str(folder), str(tmp_path / "broken.jsonld"), str(tmp_path / "missing.json")]
    first = run("import", *args, "--db", url, "--by", "cli", "--no-match", "--quiet")
    assert first.returncode == 1, first.stdout + first.stderr
    lines = first.stdout.splitlines()
    assert lines[0].startswith("ADDED") and "a.json" in lines[0]
    assert "1 added, 0 already stored (ClaimReview JSON-LD)" in lines[0]
    assert lines[1].startswith("ADDED") and "b.csv" in lines[1]
    assert "1 record skipped: row 3: no claim text" in lines[1]
    assert lines[2].startswith("FAILED") and "not valid JSON" in lines[2]
    assert lines[3].startswith("FAILED") and "no such file" in lines[3]
    assert lines[4].startswith("2 fact-checks added, 0 duplicate, 2 file(s) failed")
    assert "Traceback" not in first.stderr
    again = run("import", str(folder), "--db", url, "--no-match", "--quiet")
    assert again.returncode == 0, again.stdout + again.stderr
    assert again.stdout.splitlines()[0].startswith("DUPLICATE")
    assert "0 fact-checks added, 2 duplicate, 0 file(s) failed" in again.stdout
    stored = factcheck_queries.factchecks_table(Store(url))
    assert sorted(stored["publisher"]) == ["Checks Desk", "Desk"]


def test_import_matches_stored_claims_and_match_runs_again(tmp_path):
    from tests.sample_records import make_analysis, make_article

    url = f"sqlite:///{tmp_path / 'fc.sqlite'}"
    store = Store(url)
    store.add_article(make_article(), make_analysis())  # claims stored before the fact-checks
    checks = [
        {**REVIEW, "url": f"https://checks.example/{i}", "claimReviewed": text}
        for i, text in enumerate(
            [
                "Mayor Ana Ruiz said the city will open 12 new clinics by 2027.",
                "Drinking hot water every 15 minutes kills the coronavirus.",
                "The moon landing was filmed in a studio.",
            ]
        )
    ]
    (tmp_path / "checks.json").write_text(json.dumps(checks), encoding="utf-8")
    out = run("import", str(tmp_path / "checks.json"), "--db", url, "--quiet")
    assert out.returncode == 0, out.stdout + out.stderr
    summary = out.stdout.splitlines()[-1]
    assert re.match(
        r"3 fact-checks added, 0 duplicate, 0 file\(s\) failed; [1-9]\d* claim ", summary
    )
    matched = factcheck_queries.matches_of_claims(store, [1, 2])
    assert "https://checks.example/0" in set(matched["url"])
    assert any(p.name.startswith("factcheck-index-") for p in tmp_path.iterdir())
    again = run("match", "--db", url, "--quiet")
    assert again.returncode == 0, again.stdout + again.stderr
    assert again.stdout.startswith("0 new match(es) suggested")
