"""Trains the fact-check matcher's re-ranker; writes claimdesk/resources/matching_reranker.json.

    python scripts/train_matcher.py [--index out/snopes_index.npz] [--C 1.0] [--k-lexical 30]
                                    [--k-semantic 30] [--target-precision 0.9] [--dry-run]

Data: CheckThat! 2020 task 2 (tweets, each with the Snopes fact-check that verifies it) at
/work/shared/eval/factchecks. The weights are fitted on queries_train.jsonl ONLY; queries_dev.jsonl
is read for one thing, the threshold (the lowest score at which the shown top hits still reach
--target-precision), and for the report.

The fact-checks are embedded once and kept in --index (built when missing, a few minutes); the
tweets' embeddings are kept beside it (..._queries.npz). Each training tweet is seen twice:
- as it is: its candidates (the k best by BM25 and the k nearest by embedding, merged) with
  the relevant fact-check labelled 1 when it is among them;
- with its relevant fact-check(s) left out of the table, and with them every near-duplicate
  version of them (Snopes has several versions of some fact-checks; claim cosine >= 0.9): then
  every candidate is a 0. In the app most claims of an article have no fact-check at all, and
  the re-ranker must learn what the best candidate of such a claim looks like (no clear
  winner), or its scores would be far too high. (Leaving the duplicates in, labelled 0, taught
  it that a perfect match is often wrong: out-of-fold MAP@5 0.894 instead of 0.912.)
The same two views of the dev tweets give the threshold: precision of the shown top hits counts
both (a tweet whose fact-check is in the table and one whose is not).

Reported: out-of-fold (5 folds by tweet) MAP@5 / MAP@1 on train, the candidate recall, the
calibration of the out-of-fold probabilities, and on dev the five measures of the scorer plus
precision/coverage at the chosen threshold.

scikit-learn is a development dependency: it is needed here, never at run time. The data stay
where they are (read-only, evaluation licence); only the learned weights enter the project.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from dataclasses import dataclass
from pathlib import Path

import numpy as np
from sklearn.linear_model import LogisticRegression

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from claimdesk.matching import FactCheckIndex, FactCheckText  # noqa: E402
from claimdesk.matching.quantized import default_query_encoder  # noqa: E402
from claimdesk.matching.rerank import FEATURES, MODEL_PATH, feature_matrix  # noqa: E402

DATA = Path("/work/shared/eval/factchecks")
DUPLICATE_COSINE = 0.9


@dataclass
class QuerySet:
    """Candidates of a set of queries: features, labels and the query each row belongs to."""

    x: np.ndarray
    y: np.ndarray
    query: np.ndarray  # row -> query number
    has_match: np.ndarray  # per query: is a relevant fact-check in the table
    n_relevant: np.ndarray  # per query: relevant fact-checks in the table (0 for left-out views)
    positions: list[np.ndarray]


class MemoEncoder:
    """The index's query encoder (the int8 one that search uses), remembering the vectors of
    texts it has seen (in this run and, via `path`, earlier runs): both views of a query need the
    same embedding."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self.memo: dict[str, np.ndarray] = {}
        if path.exists():
            with np.load(path, allow_pickle=False) as data:
                texts = json.loads(data["texts"].tobytes().decode("utf-8"))
                self.memo = dict(zip(texts, data["vectors"], strict=True))

    def encode(self, texts):
        missing = [t for t in dict.fromkeys(texts) if t not in self.memo]
        if missing:
            self.memo.update(zip(missing, default_query_encoder().encode(missing), strict=True))
        return np.stack([self.memo[t] for t in texts]) if texts else np.zeros((0, 384), np.float32)

    def save(self) -> None:
        texts = list(self.memo)
        blob = np.frombuffer(json.dumps(texts).encode("utf-8"), np.uint8)
        with open(self.path, "wb") as fh:
            np.savez(fh, texts=blob, vectors=np.stack([self.memo[t] for t in texts]))


def read_jsonl(path: Path) -> list[dict]:
    with open(path, encoding="utf-8") as fh:
        return [json.loads(line) for line in fh if line.strip()]


def load_index(path: Path, factchecks: Path) -> FactCheckIndex:
    if path.exists():
        print(f"loading {path}", file=sys.stderr)
        return FactCheckIndex.load(path)
    items = [
        FactCheckText(r["id"], r["claim"], r.get("title") or "") for r in read_jsonl(factchecks)
    ]
    start = time.perf_counter()
    index = FactCheckIndex.build(items)
    print(
        f"embedded {len(items)} fact-checks in {time.perf_counter() - start:.0f} s", file=sys.stderr
    )
    index.save(path)
    return index


def near_duplicates(index: FactCheckIndex, positions: list[int]) -> list[int]:
    """The fact-checks at `positions` and every other one whose claim says the same (Snopes has
    several versions of some fact-checks: cosine >= DUPLICATE_COSINE between the claims)."""
    if not positions:
        return []
    claims = index.semantic.claim.astype(np.float32)
    sims = claims[positions] @ claims.T
    return sorted(
        set(positions) | set(np.flatnonzero(sims.max(axis=0) >= DUPLICATE_COSINE).tolist())
    )


def query_set(index: FactCheckIndex, queries: list[dict], k_lex: int, k_sem: int) -> QuerySet:
    """Both views of every query: as it is, then with its relevant fact-checks left out."""
    texts = [q["text"] for q in queries]
    relevant = [
        [index.positions[r] for r in q["relevant"] if r in index.positions] for q in queries
    ]
    left_out = [near_duplicates(index, rel) for rel in relevant]
    views = index.candidates(texts, k_lex, k_sem)
    views += index.candidates(texts, k_lex, k_sem, exclude=left_out)
    gold = relevant + [[] for _ in queries]
    xs, ys, qs, positions = [], [], [], []
    for qn, (cands, rel) in enumerate(zip(views, gold, strict=True)):
        if cands is None:
            positions.append(np.zeros(0, dtype=np.int64))
            continue
        xs.append(feature_matrix(cands))
        ys.append(np.isin(cands.positions, rel).astype(np.int8))
        qs.append(np.full(len(cands.positions), qn))
        positions.append(cands.positions)
    n_rel = np.array([len(r) for r in gold])
    return QuerySet(
        np.concatenate(xs), np.concatenate(ys), np.concatenate(qs), n_rel > 0, n_rel, positions
    )


def ranking_measures(probs: np.ndarray, qs: QuerySet) -> dict[str, float]:
    """MAP@5, MAP@1, recall@5 over the queries that have a match (as the scorer computes)."""
    sums = {"map@5": 0.0, "map@1": 0.0, "recall@5": 0.0, "candidate_recall": 0.0}
    n = 0
    for qn in np.flatnonzero(qs.has_match):
        rows = np.flatnonzero(qs.query == qn)
        n += 1
        if not len(rows):
            continue
        labels = qs.y[rows][np.argsort(-probs[rows], kind="stable")]
        total_rel = qs.n_relevant[qn]
        hits, ap5 = 0, 0.0
        for rank, label in enumerate(labels[:5], 1):
            if label:
                hits += 1
                ap5 += hits / rank
        sums["map@5"] += ap5 / min(total_rel, 5)
        sums["map@1"] += float(labels[0])
        sums["recall@5"] += labels[:5].sum() / total_rel
        sums["candidate_recall"] += labels.sum() / total_rel
    return {key: round(value / n, 4) for key, value in sums.items()}


def top_hits(probs: np.ndarray, qs: QuerySet) -> tuple[np.ndarray, np.ndarray]:
    """Per query view: the best candidate's probability and whether it is relevant."""
    best_p = np.zeros(len(qs.has_match))
    best_right = np.zeros(len(qs.has_match), dtype=bool)
    for qn in range(len(qs.has_match)):
        rows = np.flatnonzero(qs.query == qn)
        if len(rows):
            j = rows[np.argmax(probs[rows])]
            best_p[qn], best_right[qn] = probs[j], bool(qs.y[j])
    return best_p, best_right


def choose_threshold(best_p: np.ndarray, best_right: np.ndarray, target: float) -> float:
    """The lowest score at which the shown top hits (score >= it) are >= target precise."""
    order = np.argsort(-best_p)
    right = np.cumsum(best_right[order])
    shown = np.arange(1, len(order) + 1)
    precise = right / shown >= target
    # the last place where precision still holds, looking from the top down
    ok = np.flatnonzero(precise)
    if not len(ok):
        return 1.0
    return float(best_p[order[ok[-1]]])


def precision_report(best_p: np.ndarray, best_right: np.ndarray, has_match: np.ndarray, t: float):
    shown = best_p >= t
    with_match = has_match
    return {
        "threshold": round(t, 4),
        "shown_precision": round(float(best_right[shown].mean()) if shown.any() else 1.0, 4),
        "shown_of_matchable": round(float((shown & with_match).sum() / with_match.sum()), 4),
        "right_and_shown_of_matchable": round(
            float((shown & best_right & with_match).sum() / with_match.sum()), 4
        ),
        "shown_of_unmatchable": round(
            float((shown & ~with_match).sum() / max((~with_match).sum(), 1)), 4
        ),
    }


def calibration(probs: np.ndarray, labels: np.ndarray) -> list[dict]:
    bins = [0.0, 0.05, 0.1, 0.2, 0.3, 0.5, 0.7, 0.9, 1.01]
    out = []
    for lo, hi in zip(bins[:-1], bins[1:], strict=True):
        m = (probs >= lo) & (probs < hi)
        if m.any():
            out.append(
                {
                    "bin": f"{lo:.2f}-{min(hi, 1):.2f}",
                    "n": int(m.sum()),
                    "mean_score": round(float(probs[m].mean()), 3),
                    "share_relevant": round(float(labels[m].mean()), 3),
                }
            )
    return out


def standardise(x: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    mean = x.mean(axis=0)
    scale = x.std(axis=0)
    scale[scale == 0] = 1.0
    return mean, scale


def fit(
    x: np.ndarray, y: np.ndarray, c: float
) -> tuple[np.ndarray, np.ndarray, LogisticRegression]:
    mean, scale = standardise(x)
    model = LogisticRegression(C=c, max_iter=2000)
    model.fit((x - mean) / scale, y)
    return mean, scale, model


def predict(mean, scale, model, x: np.ndarray) -> np.ndarray:
    return model.predict_proba((x - mean) / scale)[:, 1]


def out_of_fold(train: QuerySet, c: float, folds: int = 5, seed: int = 0) -> np.ndarray:
    n_queries = len(train.has_match) // 2  # the left-out view of query q is q + n_queries
    rng = np.random.default_rng(seed)
    fold_of = rng.permutation(n_queries) % folds
    fold_of = np.concatenate([fold_of, fold_of])
    row_fold = fold_of[train.query]
    probs = np.zeros(len(train.y))
    for f in range(folds):
        held = row_fold == f
        mean, scale, model = fit(train.x[~held], train.y[~held], c)
        probs[held] = predict(mean, scale, model, train.x[held])
    return probs


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawTextHelpFormatter)
    ap.add_argument("--index", type=Path, default=ROOT / "out" / "snopes_index.npz")
    ap.add_argument("--factchecks", type=Path, default=DATA / "snopes_factchecks.jsonl")
    ap.add_argument("--train", type=Path, default=DATA / "queries_train.jsonl")
    ap.add_argument("--dev", type=Path, default=DATA / "queries_dev.jsonl")
    ap.add_argument("--C", type=float, default=1.0, help="inverse L2 strength")
    ap.add_argument("--k-lexical", type=int, default=30, help="candidates from BM25")
    ap.add_argument("--k-semantic", type=int, default=30, help="candidates by embedding")
    ap.add_argument("--target-precision", type=float, default=0.9)
    ap.add_argument("--dry-run", action="store_true", help="report only, write nothing")
    args = ap.parse_args()

    index = load_index(args.index, args.factchecks)
    memo = MemoEncoder(args.index.with_name(args.index.stem + "_queries_int8.npz"))
    index.encoder_override = memo  # type: ignore[assignment]
    start = time.perf_counter()
    train = query_set(index, read_jsonl(args.train), args.k_lexical, args.k_semantic)
    dev = query_set(index, read_jsonl(args.dev), args.k_lexical, args.k_semantic)
    memo.save()
    print(f"candidates and features: {time.perf_counter() - start:.0f} s", file=sys.stderr)

    oof = out_of_fold(train, args.C)
    report: dict = {
        "train_rows": int(len(train.y)),
        "train_out_of_fold": ranking_measures(oof, train),
        "train_out_of_fold_calibration": calibration(oof, train.y),
    }
    mean, scale, model = fit(train.x, train.y, args.C)
    dev_probs = predict(mean, scale, model, dev.x)
    report["dev"] = ranking_measures(dev_probs, dev)
    report["dev_calibration"] = calibration(dev_probs, dev.y)
    best_p, best_right = top_hits(dev_probs, dev)
    threshold = choose_threshold(best_p, best_right, args.target_precision)
    report["dev_at_threshold"] = precision_report(best_p, best_right, dev.has_match, threshold)
    report["dev_precision_by_threshold"] = [
        precision_report(best_p, best_right, dev.has_match, t)
        for t in (0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9)
    ]
    report["weights"] = dict(
        zip(FEATURES, np.round(model.coef_[0] / scale, 4).tolist(), strict=True)
    )
    print(json.dumps(report, indent=1))
    if args.dry_run:
        return
    payload = {
        "about": "fact-check matching re-ranker: logistic regression over "
        "claimdesk.matching.rerank.FEATURES (standardised by mean/scale); trained by "
        "scripts/train_matcher.py on CheckThat! 2020 task 2 queries_train (tweets vs Snopes); "
        f"threshold: lowest score whose shown top hits are >= {args.target_precision} precise "
        "on queries_dev (each tweet counted with and without its fact-check in the table)",
        "features": list(FEATURES),
        "mean": np.round(mean, 6).tolist(),
        "scale": np.round(scale, 6).tolist(),
        "weights": np.round(model.coef_[0], 6).tolist(),
        "bias": round(float(model.intercept_[0]), 6),
        "threshold": round(threshold, 4),
        "k_lexical": args.k_lexical,
        "k_semantic": args.k_semantic,
        "C": args.C,
        "train_out_of_fold": report["train_out_of_fold"],
        "dev": report["dev"],
        "dev_at_threshold": report["dev_at_threshold"],
    }
    MODEL_PATH.write_text(json.dumps(payload, indent=1) + "\n", encoding="utf-8")
    print(f"wrote {MODEL_PATH}", file=sys.stderr)


if __name__ == "__main__":
    main()
