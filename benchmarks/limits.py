"""Bounded work per input: time and peak memory of inputs at and past the limits.

    python benchmarks/limits.py [--pages 500]

Each case runs in a fresh process (peak RSS is that process's own, read by its parent):
- a 5,000-page PDF (3 MB) and a .docx that unpacks to 190 MB of paragraphs: refused while
  reading, with the message shown;
- a long but allowed report (`--pages` pages of text, ~3,000 characters a page) analysed in
  pieces, beside the baseline of the same text parsed as one spaCy Doc (what the app did before
  it cut long texts into pieces), and the ratio of the two.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

CHILD = r"""
import json, resource, sys, time
sys.path.insert(0, sys.argv[1])
case, path = sys.argv[2], sys.argv[3]
t0 = time.perf_counter()
out = ""
if case == "read":
    from claimdesk.ingest import IngestError, read_path
    try:
        out = f"read {len(read_path(path).text):,} characters"
    except IngestError as exc:
        out = str(exc)
else:
    from claimdesk.nlp.pipeline import analyze_doc, analyze_text, load_nlp
    nlp = load_nlp()
    text = open(path, encoding="utf-8").read()
    t0 = time.perf_counter()
    if case == "pieces":
        a = analyze_text(text, nlp=nlp)
    else:
        nlp.max_length = len(text) + 1
        a = analyze_doc(nlp(text))
    out = f"{len(a.claims):,} claims, {len(a.quotes):,} quotes, {len(a.places):,} places"
seconds = time.perf_counter() - t0
peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
print(json.dumps({"seconds": seconds, "peak_mb": peak, "out": out}))
"""


def run(case: str, path: Path) -> dict:
    done = subprocess.run(
        [sys.executable, "-c", CHILD, str(ROOT), case, str(path)],
        capture_output=True,
        text=True,
        check=True,
    )
    return json.loads(done.stdout.strip().splitlines()[-1])


def report_text(pages: int) -> str:
    para = (
        "The audit office said on Tuesday that the ministry spent {n} million euros on the "
        'northern rail link in {y}, {d} percent more than planned. "The overrun was known in '
        'March," auditor Marta Lind told the committee in Brussels. According to the ministry, '
        "the line will open in {y2}."
    )
    paragraphs = [
        para.format(n=10 + i % 90, y=2000 + i % 20, d=3 + i % 40, y2=2030 + i % 9)
        for i in range(pages * 8)
    ]
    return "\n\n".join(paragraphs)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--pages", type=int, default=500)
    args = ap.parse_args()
    from tests.unit.filemakers import make_many_pages_pdf, make_paragraph_bomb_docx

    print(f"load average {os.getloadavg()[0]:.1f}")
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        pdf = folder / "5000-pages.pdf"
        pdf.write_bytes(make_many_pages_pdf(5_000))
        docx = folder / "190mb.docx"
        docx.write_bytes(make_paragraph_bomb_docx(3_100_000))
        report = folder / "report.txt"
        report.write_text(report_text(args.pages), encoding="utf-8")
        rows = [
            (f"5,000-page PDF ({pdf.stat().st_size / 2**20:.1f} MB)", run("read", pdf)),
            (f".docx, 190 MB unpacked ({docx.stat().st_size / 2**20:.1f} MB)", run("read", docx)),
        ]
        n = len(report.read_text(encoding="utf-8"))
        t0 = time.perf_counter()
        whole = run("whole", report)
        pieces = run("pieces", report)
        print(f"(runs took {time.perf_counter() - t0:.0f} s)")
    for name, r in rows:
        print(f"{name:42} {r['seconds']:7.2f} s  peak {r['peak_mb']:7.0f} MB  {r['out']}")
    print(f"\n{args.pages}-page report, {n:,} characters:")
    for name, r in (("one Doc (baseline)", whole), ("in pieces", pieces)):
        print(f"  {name:20} {r['seconds']:7.2f} s  peak {r['peak_mb']:7.0f} MB  {r['out']}")
    print(
        f"  ratio pieces/baseline: time {pieces['seconds'] / whole['seconds']:.2f}, "
        f"peak memory {pieces['peak_mb'] / whole['peak_mb']:.2f}"
    )


if __name__ == "__main__":
    main()
