"""Throughput of the analysis and ingestion paths, as ratios against spaCy's own pipeline.

    python benchmarks/throughput.py /work/shared/eval/geowebnews.jsonl [--limit N] [--repeat R]
        [--skip-workers] [--profile OUT.html]

Runs, in one process run and on the same texts:
  (a) the raw default pipeline: `spacy.load(model)` with every component, `nlp.pipe`;
  (b) `claimdesk.nlp.pipeline.analyze_texts` (claims, quotes, sources, places);
  (c) `claimdesk.batch.ingest_batch` of text inputs into a fresh SQLite database;
  (d) `claimdesk.workers.IngestPool` with 1 then 2 processes (pool start-up not timed).
(a0), (a), (b) and (c) run in R rounds, in a rotating order. Prints tokens/s of each (best run),
the ratios b/a and c/a as the median of the per-round ratios (runs made side by side, so drift
in the machine's speed cancels) and as the ratio of the best runs, in wall-clock and CPU time,
and the 2-worker speed-up. The machine may be shared, so only the ratios mean anything; the
load average is printed with them.
With --profile, (b) runs once more under pyinstrument and the profile is written as HTML.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))  # run from anywhere


def read_texts(path: str, limit: int | None) -> list[str]:
    texts: list[str] = []
    with open(path, encoding="utf-8") as f:
        for line in f:
            if line.strip():
                texts.append(json.loads(line)["text"])
            if limit and len(texts) >= limit:
                break
    return texts


def timed(fn) -> tuple[float, float]:
    """Wall-clock and CPU seconds of one call (CPU time counts every thread of the process)."""
    t0, c0 = time.perf_counter(), time.process_time()
    fn()
    return time.perf_counter() - t0, time.process_time() - c0


def best(runs: list[tuple[float, float]]) -> tuple[float, float]:
    """The fastest wall-clock run and the least CPU time over the runs."""
    return min(w for w, _ in runs), min(c for _, c in runs)


def load() -> str:
    return " ".join(f"{x:.2f}" for x in os.getloadavg())


def text_specs(texts: list[str], tag: str):
    from claimdesk.batch import InputSpec

    # a per-run tag keeps the content hashes new in each fresh database
    return [InputSpec("text", f"{tag}-{i}", text=t) for i, t in enumerate(texts)]


def run_ingest(texts: list[str], folder: Path, tag: str) -> None:
    from claimdesk.batch import ingest_batch
    from claimdesk.store.repo import Store

    store = Store(f"sqlite:///{folder / f'{tag}.sqlite'}")
    items = [s.to_item() for s in text_specs(texts, tag)]
    outcomes = ingest_batch(store, items, chunk=32)
    bad = [o for o in outcomes if o.status != "added"]
    assert not bad, bad[:3]


def run_pool(texts: list[str], folder: Path, processes: int) -> float:
    from claimdesk.store.repo import Store
    from claimdesk.workers import IngestPool

    with IngestPool(processes=processes) as pool:
        # the database is created (migrated) here first, as the CLI does
        warm = f"sqlite:///{folder / f'warm{processes}.sqlite'}"
        url = f"sqlite:///{folder / f'pool{processes}.sqlite'}"
        Store(warm), Store(url)
        # warm up: every worker loads the model before the timed run
        pool.ingest(warm, text_specs(["Warm-up text said Mr Smith."] * 2 * processes, "w"), chunk=1)
        specs = text_specs(texts, f"pool{processes}")
        t0 = time.perf_counter()
        outcomes = pool.ingest(url, specs, chunk=8)
        took = time.perf_counter() - t0
    bad = [o for o in outcomes if o.status != "added"]
    assert not bad, bad[:3]
    return took


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("corpus", help="JSONL with a 'text' field per line")
    ap.add_argument("--limit", type=int, default=None)
    ap.add_argument("--repeat", type=int, default=4, help="rounds of a0, a, b, c (rotating order)")
    ap.add_argument("--batch-size", type=int, default=32)
    ap.add_argument("--skip-workers", action="store_true")
    ap.add_argument("--profile", default=None, help="write a pyinstrument HTML profile of (b)")
    args = ap.parse_args()

    import spacy

    from claimdesk.nlp.pipeline import analyze_texts, load_nlp
    from claimdesk.settings import spacy_model_name

    texts = read_texts(args.corpus, args.limit)
    model = spacy_model_name()
    raw = spacy.load(model)
    ours = load_nlp()
    raw.max_length = max(raw.max_length, 5_000_000)
    n_tokens = sum(len(d) for d in raw.tokenizer.pipe(texts))
    print(f"corpus {args.corpus}: {len(texts)} texts, {n_tokens} tokens; load {load()}")
    factories = [ours.get_pipe_meta(name).factory for name in ours.pipe_names]
    print(f"raw pipeline: {raw.pipe_names}; ours (factories): {factories}")
    # one untimed pass each so lazy initialisation (gazetteer, claim model) is not timed
    list(analyze_texts(texts[:2], nlp=ours))
    for _ in raw.pipe(texts[:2]):
        pass

    def a() -> None:
        for _ in raw.pipe(texts, batch_size=args.batch_size):
            pass

    def a0() -> None:  # spaCy's own defaults (nlp.batch_size), as a user would call it
        for _ in raw.pipe(texts):
            pass

    def b() -> None:
        for _ in analyze_texts(texts, nlp=ours, batch_size=args.batch_size):
            pass

    with tempfile.TemporaryDirectory(prefix="claimdesk-bench-") as tmp:
        folder = Path(tmp)
        # Rounds of a0, a, b, c in a rotating order: the machine is shared and its speed drifts,
        # so each round's ratios compare runs made side by side, and the median round is the
        # headline; the ratio of the best runs is printed too.
        steps = {
            "a0": a0,
            "a": a,
            "b": b,
            "c": lambda: run_ingest(texts, folder, f"c{len(runs['c'])}"),
        }
        runs: dict[str, list[tuple[float, float]]] = {k: [] for k in steps}
        order = list(steps)
        for r in range(args.repeat):
            for k in order[r % 4 :] + order[: r % 4]:
                runs[k].append(timed(steps[k]))
        (t_a0, _), (t_a, c_a), (t_b, c_b), (t_c, c_c) = (best(runs[k]) for k in steps)

        def median_ratio(num: str, den: str, cpu: bool = False) -> float:
            k = 1 if cpu else 0
            return statistics.median(x[k] / y[k] for x, y in zip(runs[num], runs[den], strict=True))

        rate = {k: n_tokens / t for k, t in (("a", t_a), ("b", t_b), ("c", t_c))}
        print(
            f"(a0) spaCy {model} nlp.pipe, default batch {raw.batch_size}: {t_a0:7.2f} s  "
            f"{n_tokens / t_a0:8.0f} tokens/s"
        )
        print(
            f"(a) spaCy {model} nlp.pipe, batch {args.batch_size} : {t_a:7.2f} s  {rate['a']:8.0f} tokens/s"
        )
        print(f"(b) analyze_texts          : {t_b:7.2f} s  {rate['b']:8.0f} tokens/s")
        print(f"(c) ingest_batch (SQLite)  : {t_c:7.2f} s  {rate['c']:8.0f} tokens/s")
        print(f"{args.repeat} rounds; median of the per-round ratios (ratio of the best runs):")
        print(
            f"ratio b/a  = {median_ratio('a', 'b'):.2f} ({t_a / t_b:.2f})   "
            "(target >= 1.0; same batch size as ours)"
        )
        print(
            f"ratio b/a0 = {median_ratio('a0', 'b'):.2f} ({t_a0 / t_b:.2f})   "
            "(against spaCy's default nlp.pipe call)"
        )
        print(
            f"ratio c/a  = {median_ratio('a', 'c'):.2f} ({t_a / t_c:.2f})   "
            f"(target >= 0.9)   load {load()}"
        )
        # CPU time is less sensitive to other work on a shared machine than wall-clock time;
        # (c) stores on a second thread, so its CPU time also counts the overlapped storage.
        print(
            f"CPU-time ratios: b/a = {median_ratio('a', 'b', cpu=True):.2f} ({c_a / c_b:.2f}), "
            f"c/a = {median_ratio('a', 'c', cpu=True):.2f} ({c_a / c_c:.2f})"
        )
        if not args.skip_workers:
            t1 = run_pool(texts, folder, 1)
            t2 = run_pool(texts, folder, 2)
            print(f"(d) IngestPool 1 worker    : {t1:7.2f} s  {n_tokens / t1:8.0f} tokens/s")
            print(f"(d) IngestPool 2 workers   : {t2:7.2f} s  {n_tokens / t2:8.0f} tokens/s")
            print(f"speed-up 2 workers / 1 = {t1 / t2:.2f}   (target >= 1.6)   load {load()}")
            print(f"cores: {os.cpu_count()}")
    if args.profile:
        from pyinstrument import Profiler

        prof = Profiler(interval=0.002)
        prof.start()
        b()
        prof.stop()
        Path(args.profile).write_text(prof.output_html(), encoding="utf-8")
        print(prof.output_text(unicode=False, color=False, show_all=False)[:6000])


if __name__ == "__main__":
    main()
