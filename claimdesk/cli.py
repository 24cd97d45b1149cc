"""Command line: `python -m claimdesk ingest|worker|analyze|export|match|factchecks`."""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Sequence
from pathlib import Path

#: The broker queue name (claimdesk.jobqueue.broker.DEFAULT_QUEUE_NAME, not imported here so
#: that commands without a queue never import Dramatiq).
_DEFAULT_QUEUE = "claimdesk-ingest"


def _cmd_analyze(args: argparse.Namespace) -> int:
    from claimdesk.evalformat import analysis_to_record
    from claimdesk.nlp.pipeline import analyze_texts, load_nlp

    records = [(rec.get("id", n), str(rec.get("text") or "")) for n, rec in _read_jsonl(args.input)]
    nlp = load_nlp(args.model)
    out = Path(args.output)
    out.parent.mkdir(parents=True, exist_ok=True)
    with open(out, "w", encoding="utf-8") as fh:
        texts = (text for _, text in records)
        for (doc_id, _), analysis in zip(records, analyze_texts(texts, nlp=nlp), strict=True):
            fh.write(json.dumps(analysis_to_record(doc_id, analysis), ensure_ascii=False) + "\n")
    print(f"analysed {len(records)} documents -> {out}", file=sys.stderr)
    return 0


def _read_jsonl(path: str) -> list[tuple[int, dict]]:
    """(line number, record) of each JSON object line; bad lines are reported and skipped."""
    records = []
    with open(path, encoding="utf-8") as fh:
        for n, line in enumerate(fh, 1):
            if not line.strip():
                continue
            try:
                rec = json.loads(line)
            except json.JSONDecodeError as exc:
                print(f"{path}:{n}: not JSON ({exc.msg}); line skipped", file=sys.stderr)
                continue
            if not isinstance(rec, dict):
                print(f"{path}:{n}: not a JSON object; line skipped", file=sys.stderr)
                continue
            records.append((n, rec))
    return records


def _cmd_match(args: argparse.Namespace) -> int:
    from claimdesk.matching import FactCheckIndex, FactCheckText

    for path in (args.input, args.factchecks):
        if not Path(path).is_file():
            print(f"{path}: no such file", file=sys.stderr)
            return 2
    factchecks = []
    for n, rec in _read_jsonl(args.factchecks):
        if rec.get("id") is None or not str(rec.get("claim") or rec.get("title") or "").strip():
            print(f"{args.factchecks}:{n}: needs `id` and `claim`; line skipped", file=sys.stderr)
            continue
        claim, title = str(rec.get("claim") or ""), str(rec.get("title") or "")
        factchecks.append(FactCheckText(str(rec["id"]), claim or title, title))
    queries = [(rec.get("id", n), str(rec.get("text") or "")) for n, rec in _read_jsonl(args.input)]
    try:
        if args.index and Path(args.index).exists():
            index = FactCheckIndex.load(args.index)
            index.add(factchecks)  # embeds only fact-checks the saved index does not have yet
        else:
            index = FactCheckIndex.build(factchecks)
        if args.index:
            index.save(args.index)
        hits = index.search([text for _, text in queries], top=args.top)
    except (ValueError, RuntimeError) as exc:  # a broken saved index, the model not installed
        print(f"cannot match: {exc}", file=sys.stderr)
        return 2
    out = Path(args.output)
    out.parent.mkdir(parents=True, exist_ok=True)
    shown = 0
    with open(out, "w", encoding="utf-8") as fh:
        for (query_id, _), matches in zip(queries, hits, strict=True):
            shown += bool(matches) and matches[0].score >= index.threshold
            record = {"id": query_id, "matches": [{"id": h.id, "score": h.score} for h in matches]}
            fh.write(json.dumps(record, ensure_ascii=False) + "\n")
    print(
        f"matched {len(queries)} texts against {len(index)} fact-checks -> {out} "
        f"({shown} with a hit at or above the threshold {index.threshold:.2f})",
        file=sys.stderr,
    )
    return 0


def _store(args: argparse.Namespace):
    from claimdesk.store.repo import Store

    return Store(args.db) if args.db else Store()


def _cmd_ingest(args: argparse.Namespace) -> int:
    if args.status:
        return _batch_status(args)
    if args.requeue:
        return _requeue(args)
    if not args.inputs:
        print("nothing to ingest: name files, folders or URLs", file=sys.stderr)
        return 2
    if args.queue:
        return _enqueue(args)
    return _ingest_here(args)


def _broker(args: argparse.Namespace):
    from claimdesk.jobqueue.broker import broker_for

    return broker_for(args.queue)


def _enqueue(args: argparse.Namespace) -> int:
    from claimdesk.jobqueue.enqueue import enqueue, queued_inputs

    broker = _broker(args)
    store = _store(args)
    inputs = list(queued_inputs(args.inputs))
    if not inputs:
        print("nothing to ingest: no readable files found", file=sys.stderr)
        return 1
    try:
        batch_id, sent = enqueue(
            store,
            broker,
            inputs,
            queue_name=args.queue_name,
            ingested_by=args.by,
            allow_private=not args.no_private_urls,
        )
    finally:
        broker.close()
    failed = len(inputs) - sent
    print(batch_id)
    print(
        f"queued {sent:,} input(s) as batch {batch_id}"
        + (f"; {failed:,} failed before queueing" if failed else "")
        + f" -> {store.url.split('@')[-1]}\n"
        f"progress: python -m claimdesk ingest --status {batch_id} [--db URL]",
        file=sys.stderr,
    )
    return 1 if failed else 0


def _requeue(args: argparse.Namespace) -> int:
    from claimdesk.jobqueue.enqueue import requeue

    if not args.queue:
        print("--requeue needs --queue URL", file=sys.stderr)
        return 2
    broker = _broker(args)
    try:
        sent = requeue(_store(args), broker, args.requeue, args.queue_name)
    finally:
        broker.close()
    print(f"sent {sent:,} unfinished job(s) of batch {args.requeue} again")
    return 0


def _batch_status(args: argparse.Namespace) -> int:
    import time

    from claimdesk.store.jobs import batch_progress

    store = _store(args)
    while True:
        progress = batch_progress(store, args.status)
        if progress is None:
            print(f"no batch {args.status!r} in {store.url.split('@')[-1]}", file=sys.stderr)
            return 2
        if not args.wait or progress.finished:
            break
        time.sleep(1.0)
    print(f"batch {progress.batch_id}: {progress.summary()}")
    for name, reason in progress.failures:
        print(f"FAILED    {name}  {reason}")
    if progress.failed > len(progress.failures):
        print(f"… and {progress.failed - len(progress.failures):,} more failed")
    return 1 if progress.failed else 0


def _cmd_worker(args: argparse.Namespace) -> int:
    from claimdesk.jobqueue.worker import configure_logging, run_worker

    configure_logging()
    return run_worker(
        args.queue,
        args.db,
        queue_name=args.queue_name,
        processes=args.processes,
        model=args.model,
    )


def _ingest_here(args: argparse.Namespace) -> int:
    from tqdm import tqdm

    from claimdesk.batch import ingest_batch, specs_from_args

    store = _store(args)
    allow_private = not args.no_private_urls
    specs = list(specs_from_args(args.inputs))
    if not specs:
        print("nothing to ingest: no readable files found", file=sys.stderr)
        return 1
    bar = tqdm(total=len(specs), unit="file", file=sys.stderr, disable=args.quiet)

    def progress(done: int, total: int, outcome) -> None:
        bar.update(1)
        bar.set_postfix_str(f"{outcome.status}: {Path(outcome.name).name[:30]}")

    if args.workers > 1:
        from claimdesk.workers import IngestPool

        with IngestPool(processes=args.workers, model=args.model) as pool:
            outcomes = pool.ingest(
                store.url,
                specs,
                ingested_by=args.by,
                allow_private=allow_private,
                progress=progress,
            )
    else:
        from claimdesk.nlp.pipeline import analyze_texts, load_nlp

        nlp = load_nlp(args.model)
        items = [s.to_item(allow_private=allow_private) for s in specs]
        outcomes = ingest_batch(
            store,
            items,
            analyse=lambda texts: list(analyze_texts(texts, nlp=nlp)),
            ingested_by=args.by,
            progress=progress,
        )
    bar.close()
    width = max(len(o.name) for o in outcomes)
    for o in outcomes:
        extra = (
            f" ({o.n_claims} claims, {o.n_quotes} quotes, {o.n_places} places)"
            if o.status == "added"
            else ""
        )
        print(f"{o.status.upper():9} {o.name:<{width}}  {o.message}{extra}")
    counts = {k: sum(o.status == k for o in outcomes) for k in ("added", "duplicate", "failed")}
    print(
        f"{counts['added']} added, {counts['duplicate']} duplicate, {counts['failed']} failed "
        f"-> {store.url.split('@')[-1]}"
    )
    return 1 if counts["failed"] else 0


def _cmd_export(args: argparse.Namespace) -> int:
    from claimdesk.export import FORMATS, export_bytes
    from claimdesk.store.queries import ClaimFilter

    store = _store(args)
    f = ClaimFilter(statuses=tuple(args.status or ()), min_score=args.min_score)
    data = export_bytes(store, args.format, f)
    out = Path(args.output or f"claimdesk-export.{FORMATS[args.format][1]}")
    out.write_bytes(data)
    print(f"wrote {out} ({len(data):,} bytes)", file=sys.stderr)
    return 0


def _claims_bar(quiet: bool):
    from tqdm import tqdm

    bar = tqdm(total=0, unit="claim", desc="matching", file=sys.stderr, disable=quiet)

    def progress(done: int, total: int) -> None:
        bar.total = total
        bar.update(done - bar.n)

    return bar, progress


def _cmd_factchecks_import(args: argparse.Namespace) -> int:
    from claimdesk.factcheck_import import import_paths

    store = _store(args)
    bar, progress = _claims_bar(args.quiet)
    result = import_paths(
        store,
        [Path(p) for p in args.files],
        imported_by=args.by,
        match=not args.no_match,
        progress=progress,
    )
    bar.close()
    width = max((len(o.name) for o in result.outcomes), default=0)
    for o in result.outcomes:
        print(f"{o.status.upper():9} {o.name:<{width}}  {o.message}")
    print(f"{result.summary()} -> {store.url.split('@')[-1]}")
    return 1 if result.failed else 0


def _cmd_factchecks_match(args: argparse.Namespace) -> int:
    from claimdesk.factcheck_matching import match_all_claims

    store = _store(args)
    bar, progress = _claims_bar(args.quiet)
    try:
        n = match_all_claims(store, progress=progress)
    except Exception as exc:  # the matcher's model missing, a database error: words, exit 1
        bar.close()
        print(f"matching failed: {type(exc).__name__}: {exc}", file=sys.stderr)
        return 1
    bar.close()
    print(f"{n:,} new match(es) suggested -> {store.url.split('@')[-1]}")
    return 0


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="python -m claimdesk", description=__doc__)
    sub = parser.add_subparsers(dest="command", required=True)

    p = sub.add_parser("analyze", help="extract claims, quotes and places from a JSONL file")
    p.add_argument("input", help="JSONL with `id` and `text` per line")
    p.add_argument("-o", "--output", required=True, help="where to write predictions (JSONL)")
    p.add_argument("--model", default=None, help="spaCy pipeline name (default: setting)")
    p.set_defaults(func=_cmd_analyze)

    p = sub.add_parser("ingest", help="read, analyse and store files, folders and URLs")
    p.add_argument("inputs", nargs="*", metavar="PATH_OR_URL")
    p.add_argument(
        "--queue",
        metavar="URL",
        help="queue the inputs for `worker` processes (amqp://… RabbitMQ or redis://… Redis) "
        "and return, printing the batch id",
    )
    p.add_argument("--queue-name", default=_DEFAULT_QUEUE, help=f"default {_DEFAULT_QUEUE}")
    p.add_argument("--status", metavar="BATCH", help="show a queued batch's progress")
    p.add_argument("--wait", action="store_true", help="with --status: until it is finished")
    p.add_argument(
        "--requeue", metavar="BATCH", help="send a batch's unfinished jobs again (with --queue)"
    )
    p.add_argument("--db", help="database URL (default: DATABASE_URL or data/claimdesk.sqlite)")
    p.add_argument("--by", default=None, help="who ingests (recorded with each article)")
    p.add_argument("--quiet", action="store_true", help="no progress bar")
    p.add_argument("--workers", type=int, default=1, help="analysis processes (default 1)")
    p.add_argument("--model", default=None, help="spaCy pipeline name (default: setting)")
    p.add_argument(
        "--no-private-urls", action="store_true", help="refuse URLs on loopback/private networks"
    )
    p.set_defaults(func=_cmd_ingest)

    p = sub.add_parser("worker", help="take queued ingestion jobs until stopped (SIGTERM/SIGINT)")
    p.add_argument("--queue", required=True, metavar="URL", help="amqp://… or redis://…")
    p.add_argument("--queue-name", default=_DEFAULT_QUEUE, help=f"default {_DEFAULT_QUEUE}")
    p.add_argument("--db", help="database URL (default: DATABASE_URL or data/claimdesk.sqlite)")
    p.add_argument(
        "--processes", type=int, default=1, help="analysis processes, one job each (default 1)"
    )
    p.add_argument("--model", default=None, help="spaCy pipeline name (default: setting)")
    p.set_defaults(func=_cmd_worker)

    from claimdesk.export_formats import FORMATS

    p = sub.add_parser("export", help="export claims (with reviews) or places")
    p.add_argument("--format", choices=list(FORMATS), default="csv")
    p.add_argument("-o", "--output", help="file to write (default: claimdesk-export.EXT)")
    p.add_argument("--db", help="database URL (default: DATABASE_URL or data/claimdesk.sqlite)")
    p.add_argument("--status", action="append", help="only claims with this status (repeatable)")
    p.add_argument("--min-score", type=float, default=0.0)
    p.set_defaults(func=_cmd_export)

    p = sub.add_parser("factchecks", help="known fact-checks: import them, match claims to them")
    fc = p.add_subparsers(dest="factchecks_command", required=True)
    q = fc.add_parser("import", help="import ClaimReview JSON-LD, HTML, CSV or JSONL files")
    q.add_argument("files", nargs="+", metavar="FILE_OR_FOLDER")
    q.add_argument("--db", help="database URL (default: DATABASE_URL or data/claimdesk.sqlite)")
    q.add_argument("--by", default=None, help="who imports (recorded with each fact-check)")
    q.add_argument("--no-match", action="store_true", help="do not match stored claims now")
    q.add_argument("--quiet", action="store_true", help="no progress bar")
    q.set_defaults(func=_cmd_factchecks_import)
    q = fc.add_parser("match", help="match every stored claim against every fact-check")
    q.add_argument("--db", help="database URL (default: DATABASE_URL or data/claimdesk.sqlite)")
    q.add_argument("--quiet", action="store_true", help="no progress bar")
    q.set_defaults(func=_cmd_factchecks_match)

    p = sub.add_parser("match", help="match texts against known fact-checks (JSONL in and out)")
    p.add_argument("input", help="JSONL with `id` and `text` per line")
    p.add_argument("--factchecks", required=True, help="JSONL with `id`, `claim`, `title`")
    p.add_argument("-o", "--output", required=True, help="where to write matches (JSONL)")
    p.add_argument("--top", type=int, default=20, help="matches per text (default 20)")
    p.add_argument(
        "--index", help="saved index (.npz) to reuse and update: only new fact-checks are embedded"
    )
    p.set_defaults(func=_cmd_match)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    return int(args.func(args) or 0)
