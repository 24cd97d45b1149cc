"""Fact-check matching: quality on the dev tweets, and speed, against plain TF-IDF in the same run.

    python benchmarks/matching.py [--eval-dir ../shared/eval] [--index out/snopes_index.npz]
                                  [--synthetic 100000] [--articles 40]

Prints:
1. the five measures of the evaluation's scorer (score_matching.py, loaded from the eval folder)
   on queries_dev against the 10,375 Snopes fact-checks, for ClaimDesk's matcher and for plain
   TF-IDF cosine over claim + title (scikit-learn's TfidfVectorizer, the README's baseline);
2. the time to build the index (embedding every fact-check); with --index an index saved
   earlier is loaded instead (the build time is then not measured, say so in any figure);
3. the time to match 1,000 claims (sentences of BBC articles) against the 10,375 fact-checks,
   and against --synthetic fact-checks (the real ones plus made-up rows: real words reshuffled,
   vectors mixed from real ones; for timing only), each with TF-IDF's time and the ratio;
4. per article (--articles BBC articles): the time to analyse it (claimdesk's pipeline) and the
   time to match its listed claims against both tables, and their ratio. Each is timed once, as
   ingestion meets it: a second run is not comparable (spaCy's second pass over the same text
   finds its words known and ran 20% faster, matching did not).
Times are wall-clock and CPU (process) seconds: the host is shared, CPU time is the steadier.
"""

from __future__ import annotations

import argparse
import importlib.util
import json
import os
import re
import resource
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

import numpy as np
from sklearn.feature_extraction.text import TfidfVectorizer

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from claimdesk.matching import FactCheckIndex, FactCheckText  # noqa: E402
from claimdesk.matching.encoder import default_encoder  # noqa: E402
from claimdesk.matching.normalise import normalise_text  # noqa: E402
from claimdesk.matching.semantic import SemanticTable  # noqa: E402

SENTENCE = re.compile(r"(?<=[.!?])\s+(?=[A-Z\"'])")


def read_jsonl(path: Path) -> list[dict]:
    with open(path, encoding="utf-8") as fh:
        return [json.loads(line) for line in fh if line.strip()]


def timed(fn: Callable[[], object]) -> tuple[object, float, float]:
    wall, cpu = time.perf_counter(), time.process_time()
    result = fn()
    return result, time.perf_counter() - wall, time.process_time() - cpu


class TfidfBaseline:
    """Plain TF-IDF cosine over claim + title (scikit-learn defaults)."""

    def __init__(self, items: list[FactCheckText]) -> None:
        self.ids = [it.id for it in items]
        self.vectorizer = TfidfVectorizer()
        self.matrix = self.vectorizer.fit_transform([f"{it.claim} {it.title}" for it in items])

    def search(self, texts: list[str], top: int) -> list[list[tuple[str, float]]]:
        sims = (self.vectorizer.transform(texts) @ self.matrix.T).toarray()
        out = []
        for row in sims:
            best = np.argpartition(-row, top)[:top]
            best = best[np.argsort(-row[best])]
            out.append([(self.ids[j], float(row[j])) for j in best])
        return out


def score(scorer, queries: list[dict], predictions: dict[str, list[str]]) -> dict:
    gold = {q["id"]: q for q in queries}
    pred = {qid: {"matches": [{"id": d} for d in ids]} for qid, ids in predictions.items()}
    return scorer.score(gold, pred)


def article_sentences(articles: list[dict], n: int) -> list[str]:
    out: list[str] = []
    for article in articles:
        for paragraph in article["text"].split("\n"):
            for sentence in SENTENCE.split(paragraph.strip()):
                if len(sentence.split()) >= 8:
                    out.append(sentence)
                    if len(out) == n:
                        return out
    return out


def synthetic_index(index: FactCheckIndex, total: int, seed: int = 0) -> FactCheckIndex:
    """The real table plus made-up rows up to `total` (reshuffled real words, mixed vectors)."""
    rng = np.random.default_rng(seed)
    extra = max(0, total - len(index))
    words = [it.claim.split() for it in index.items]
    titles = [it.title.split() for it in index.items]
    items = list(index.items)
    for i in range(extra):
        a, b = rng.integers(len(words), size=2)
        claim = rng.permutation(words[a][: len(words[a]) // 2] + words[b][len(words[b]) // 2 :])
        title = rng.permutation(titles[a][:4] + titles[b][4:])
        items.append(FactCheckText(f"syn/{i}", " ".join(claim), " ".join(title)))

    def mixed(vectors: np.ndarray) -> np.ndarray:
        a = rng.integers(len(vectors), size=extra)
        b = rng.integers(len(vectors), size=extra)
        v = vectors[a] + vectors[b] + 0.3 * rng.standard_normal((extra, vectors.shape[1]))
        v = (v / np.linalg.norm(v, axis=1, keepdims=True)).astype(np.float32)
        return np.concatenate([vectors, v])

    table = index.semantic
    semantic = SemanticTable(
        mixed(table.claim.astype(np.float32)), mixed(table.title.astype(np.float32))
    )
    return FactCheckIndex(items, semantic)


def line(label: str, ours: tuple[float, float], tfidf: tuple[float, float] | None = None) -> str:
    text = f"{label:<52} wall {ours[0]:7.2f} s  cpu {ours[1]:7.2f} s"
    if tfidf:
        text += (
            f"  | TF-IDF wall {tfidf[0]:6.2f} s cpu {tfidf[1]:6.2f} s"
            f"  | ratio (cpu) {ours[1] / max(tfidf[1], 1e-9):6.1f}x"
        )
    return text


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawTextHelpFormatter)
    ap.add_argument("--eval-dir", type=Path, default=ROOT.parent / "shared" / "eval")
    ap.add_argument("--index", type=Path, help="load this saved index instead of building one")
    ap.add_argument("--synthetic", type=int, default=100_000)
    ap.add_argument("--articles", type=int, default=40)
    args = ap.parse_args()
    fc_dir = args.eval_dir / "factchecks"
    spec = importlib.util.spec_from_file_location("score_matching", fc_dir / "score_matching.py")
    assert spec and spec.loader
    scorer = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(scorer)

    items = [
        FactCheckText(r["id"], r["claim"], r.get("title") or "")
        for r in read_jsonl(fc_dir / "snopes_factchecks.jsonl")
    ]
    dev = read_jsonl(fc_dir / "queries_dev.jsonl")
    bbc = read_jsonl(args.eval_dir / "bbc_unlabelled.jsonl")
    claims_1000 = article_sentences(bbc, 1000)
    print(f"{len(items):,} fact-checks, {len(dev)} dev queries, {len(claims_1000)} BBC sentences")
    print("load average at start: " + " ".join(f"{x:.1f}" for x in os.getloadavg()))

    _, wall, cpu = timed(default_encoder)
    print(line("load the embedding model", (wall, cpu)))
    baseline, bwall, bcpu = timed(lambda: TfidfBaseline(items))
    if args.index and args.index.exists():
        index, wall, cpu = timed(lambda: FactCheckIndex.load(args.index))
        print(line(f"load the saved index ({args.index.name}; build NOT timed)", (wall, cpu)))
    else:
        index, wall, cpu = timed(lambda: FactCheckIndex.build(items))
        print(line(f"build the index ({len(items):,} fact-checks)", (wall, cpu), (bwall, bcpu)))
        if args.index:
            index.save(args.index)
    assert isinstance(index, FactCheckIndex)

    # 1. quality on dev
    texts = [q["text"] for q in dev]
    hits = index.search(texts, top=20)
    ours = score(
        scorer, dev, {q["id"]: [h.id for h in hs] for q, hs in zip(dev, hits, strict=True)}
    )
    plain = baseline.search(texts, top=20)
    base = score(
        scorer, dev, {q["id"]: [d for d, _ in hs] for q, hs in zip(dev, plain, strict=True)}
    )
    print("\ndev (queries_dev vs snopes_factchecks), score_matching.py:")
    print(
        f"{'':10} "
        + " ".join(f"{k:>9}" for k in ("map@5", "map@1", "recall@5", "recall@20", "mrr"))
    )
    for name, res in (("ClaimDesk", ours), ("TF-IDF", base)):
        print(
            f"{name:10} "
            + " ".join(f"{res[k]:9.4f}" for k in ("map@5", "map@1", "recall@5", "recall@20", "mrr"))
        )
    shown = [hs[0] for hs in hits if hs and hs[0].score >= index.threshold]
    relevant = {q["id"]: set(q["relevant"]) for q in dev}
    right = sum(
        hs[0].id in relevant[q["id"]]
        for q, hs in zip(dev, hits, strict=True)
        if hs and hs[0].score >= index.threshold
    )
    print(
        f"threshold {index.threshold:.2f}: top hit shown for {len(shown)}/{len(dev)} dev tweets, "
        f"{right} of them right (precision {right / max(len(shown), 1):.3f})"
    )

    # 2. speed: 1,000 claims against the real table, then the synthetic one
    print("\nspeed:")
    _, wall, cpu = timed(lambda: index.search(claims_1000, top=5))
    _, twall, tcpu = timed(lambda: baseline.search(claims_1000, top=5))
    print(line(f"match 1,000 claims vs {len(index):,}", (wall, cpu), (twall, tcpu)))
    big, wall, cpu = timed(lambda: synthetic_index(index, args.synthetic))
    assert isinstance(big, FactCheckIndex)
    print(line(f"make the {len(big):,}-row table (BM25 built, no embedding)", (wall, cpu)))
    with tempfile.TemporaryDirectory() as tmp:
        big_path = Path(tmp) / "big.npz"
        _, wall, cpu = timed(lambda: big.save(big_path))
        size = big_path.stat().st_size
        print(line(f"save it ({size / 1e6:.0f} MB)", (wall, cpu)))
        _, wall, cpu = timed(lambda: FactCheckIndex.load(big_path))
        print(line("load it (what an app start pays)", (wall, cpu)))
    big_baseline = TfidfBaseline(big.items)
    _, wall, cpu = timed(lambda: big.search(claims_1000, top=5))
    _, twall, tcpu = timed(lambda: big_baseline.search(claims_1000, top=5))
    print(line(f"match 1,000 claims vs {len(big):,}", (wall, cpu), (twall, tcpu)))
    stored, wall, cpu = timed(lambda: big.embed(claims_1000))
    print(line("  of which: embed the 1,000 claims (the int8 model)", (wall, cpu)))
    cleaned = [normalise_text(t) for t in claims_1000]
    exact, ewall, ecpu = timed(lambda: big.encoder.encode(cleaned))
    print(line("  the exact model instead (the table's)", (ewall, ecpu)))
    active = np.abs(stored).sum(axis=1) > 0  # type: ignore[union-attr]
    cosines = (np.asarray(stored, np.float32)[active] * np.asarray(exact)[active]).sum(axis=1)
    print(
        f"  int8 vs exact vectors of the 1,000 claims: cosine min {cosines.min():.4f}, "
        f"median {np.median(cosines):.4f}"
    )
    _, wall, cpu = timed(lambda: big.search(claims_1000, top=5, vectors=stored))  # type: ignore[arg-type]
    print(line(f"match them again vs {len(big):,} with stored vectors", (wall, cpu), (twall, tcpu)))

    # 3. per article: analysis vs matching its listed claims, against both tables
    from claimdesk.nlp.pipeline import analyze_texts, load_nlp

    nlp = load_nlp()
    next(analyze_texts(["Warm-up: the minister said 3 people were hurt."], nlp=nlp))
    tables = {f"match vs {len(index):,}": index, f"match vs {len(big):,}": big}
    rows: list[dict[str, tuple[float, float]]] = []
    n_claims = []
    for article in bbc[: args.articles]:
        analysis, awall, acpu = timed(lambda a=article: next(analyze_texts([a["text"]], nlp=nlp)))
        claims = [c.text for c in analysis.claims]  # type: ignore[attr-defined]
        n_claims.append(len(claims))
        row = {"analyse the article": (awall, acpu)}
        for label, table in tables.items():
            _, mwall, mcpu = timed(lambda c=claims, t=table: t.search(c, top=5))
            row[label] = (mwall, mcpu)
        rows.append(row)
    print(
        f"\nper article ({len(rows)} BBC articles, {statistics.median(n_claims):.0f} listed claims"
        f" median, max {max(n_claims)}):"
    )
    for label in rows[0]:
        walls = [r[label][0] for r in rows]
        cpus = [r[label][1] for r in rows]
        ratio = statistics.median(
            r[label][1] / max(r["analyse the article"][1], 1e-9) for r in rows
        )
        print(
            f"  {label:<22} median wall {statistics.median(walls):.3f} s cpu "
            f"{statistics.median(cpus):.3f} s (max cpu {max(cpus):.3f} s)"
            f"  median ratio to analysis (cpu) {ratio:.2f}"
        )
    print("load average at end: " + " ".join(f"{x:.1f}" for x in os.getloadavg()))
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"\npeak RSS of this run (both tables, TF-IDF, spaCy): {peak:,.0f} MB")


if __name__ == "__main__":
    main()
