"""Command line: `python -m claimdesk ingest|analyze|export`."""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Sequence
from pathlib import Path


def _cmd_analyze(args: argparse.Namespace) -> int:
    from claimdesk.evalformat import analysis_to_record
    from claimdesk.nlp.pipeline import analyze_texts, load_nlp

    records = []
    with open(args.input, encoding="utf-8") as fh:
        for n, line in enumerate(fh, 1):
            if not line.strip():
                continue
            try:
                rec = json.loads(line)
            except json.JSONDecodeError as exc:
                print(f"{args.input}:{n}: not JSON ({exc.msg}); line skipped", file=sys.stderr)
                continue
            records.append((rec.get("id", n), str(rec.get("text") or "")))
    nlp = load_nlp(args.model)
    out = Path(args.output)
    out.parent.mkdir(parents=True, exist_ok=True)
    with open(out, "w", encoding="utf-8") as fh:
        texts = (text for _, text in records)
        for (doc_id, _), analysis in zip(records, analyze_texts(texts, nlp=nlp), strict=True):
            fh.write(json.dumps(analysis_to_record(doc_id, analysis), ensure_ascii=False) + "\n")
    print(f"analysed {len(records)} documents -> {out}", file=sys.stderr)
    return 0


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="python -m claimdesk", description=__doc__)
    sub = parser.add_subparsers(dest="command", required=True)

    p = sub.add_parser("analyze", help="extract claims, quotes and places from a JSONL file")
    p.add_argument("input", help="JSONL with `id` and `text` per line")
    p.add_argument("-o", "--output", required=True, help="where to write predictions (JSONL)")
    p.add_argument("--model", default=None, help="spaCy pipeline name (default: setting)")
    p.set_defaults(func=_cmd_analyze)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    return int(args.func(args) or 0)
