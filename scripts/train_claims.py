"""Trains the check-worthiness model and writes claimdesk/resources/claims_model.json.

    python scripts/train_claims.py [--data /work/shared/eval/claimbuster_sentences.jsonl]

Logistic regression over claimdesk.nlp.claim_features (evidence cues + lemma/POS n-grams) on
ClaimBuster's labelled debate sentences. Reports 5-fold cross-validated precision, recall, F1
and ROC AUC, then fits on all data and ships only the weights (JSON, read with pure Python).
scikit-learn is a development dependency: it is needed here, never at run time.

The data stay where they are (read-only, evaluation licence); nothing from them is copied into
the project except the learned weights.
"""

from __future__ import annotations

import argparse
import json
import math
import pickle
import sys
import time
from pathlib import Path

import numpy as np
from sklearn.feature_extraction import DictVectorizer
from sklearn.linear_model import LogisticRegression
from sklearn.metrics import precision_recall_fscore_support, roc_auc_score
from sklearn.model_selection import StratifiedKFold

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from claimdesk.nlp.claim_features import sentence_features  # noqa: E402
from claimdesk.nlp.pipeline import load_nlp  # noqa: E402

DEFAULT_DATA = Path("/work/shared/eval/claimbuster_sentences.jsonl")
OUT = ROOT / "claimdesk" / "resources" / "claims_model.json"
MIN_DF = 3  # n-grams seen in fewer sentences than this are noise for 9k examples


def featurise(path: Path, cache: Path | None) -> tuple[list[dict[str, float]], np.ndarray]:
    if (
        cache
        and cache.exists()
        and cache.stat().st_mtime
        > max(path.stat().st_mtime, (ROOT / "claimdesk/nlp/claim_features.py").stat().st_mtime)
    ):
        with open(cache, "rb") as fh:
            return pickle.load(fh)
    with open(path, encoding="utf-8") as fh:
        rows = [json.loads(line) for line in fh if line.strip()]
    nlp = load_nlp()
    feats = []
    t0 = time.time()
    for doc in nlp.pipe((r["text"] for r in rows), batch_size=256):
        feats.append(sentence_features(doc[:]))
    print(f"featurised {len(rows)} sentences in {time.time() - t0:.0f}s", file=sys.stderr)
    y = np.array([1 if r["checkworthy"] else 0 for r in rows])
    if cache:
        with open(cache, "wb") as fh:
            pickle.dump((feats, y), fh)
    return feats, y


def prune(feats: list[dict[str, float]], min_df: int) -> list[dict[str, float]]:
    df: dict[str, int] = {}
    for f in feats:
        for k in f:
            df[k] = df.get(k, 0) + 1
    keep = {k for k, c in df.items() if c >= min_df or k.startswith("f:")}
    return [{k: v for k, v in f.items() if k in keep} for f in feats]


def best_f1_threshold(y: np.ndarray, p: np.ndarray) -> tuple[float, float]:
    best = (0.5, 0.0)
    for t in np.arange(0.05, 0.95, 0.01):
        _, _, f1, _ = precision_recall_fscore_support(y, p >= t, average="binary", zero_division=0)
        if f1 > best[1]:
            best = (float(t), float(f1))
    return best


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--data", type=Path, default=DEFAULT_DATA)
    ap.add_argument("--out", type=Path, default=OUT)
    ap.add_argument("--C", type=float, default=2.0, help="inverse L2 strength")
    ap.add_argument("--cache", type=Path, default=Path("/tmp/claimdesk_claim_feats.pkl"))
    args = ap.parse_args()

    feats, y = featurise(args.data, args.cache)
    feats = prune(feats, MIN_DF)
    vec = DictVectorizer()
    X = vec.fit_transform(feats)
    print(f"{X.shape[0]} sentences, {X.shape[1]} features, {y.mean():.1%} check-worthy")

    oof = np.zeros(len(y))
    skf = StratifiedKFold(n_splits=5, shuffle=True, random_state=13)
    for tr, te in skf.split(X, y):
        clf = LogisticRegression(C=args.C, max_iter=2000, class_weight="balanced")
        clf.fit(X[tr], y[tr])
        oof[te] = clf.predict_proba(X[te])[:, 1]
    p, r, f1, _ = precision_recall_fscore_support(y, oof >= 0.5, average="binary")
    auc = roc_auc_score(y, oof)
    t_best, f_best = best_f1_threshold(y, oof)
    cv = {
        "folds": 5,
        "precision@0.5": round(float(p), 3),
        "recall@0.5": round(float(r), 3),
        "f1@0.5": round(float(f1), 3),
        "auc": round(float(auc), 3),
        "best_f1_threshold": round(t_best, 2),
        "best_f1": round(f_best, 3),
    }
    print(json.dumps(cv))

    clf = LogisticRegression(C=args.C, max_iter=2000, class_weight="balanced")
    clf.fit(X, y)
    names = vec.get_feature_names_out()
    weights = {
        str(n): round(float(w), 4)
        for n, w in zip(names, clf.coef_[0], strict=True)
        if abs(w) >= 1e-3
    }
    model = {
        "about": "check-worthiness logistic regression over claimdesk.nlp.claim_features; "
        "trained by scripts/train_claims.py on ClaimBuster debate sentences",
        "bias": round(float(clf.intercept_[0]), 4),
        "weights": dict(sorted(weights.items())),
        "cv": cv,
        "C": args.C,
        "min_df": MIN_DF,
        "class_weight": "balanced",
    }
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps(model, indent=0, ensure_ascii=False) + "\n", encoding="utf-8")
    print(f"wrote {len(weights)} weights -> {args.out} ({args.out.stat().st_size / 1024:.0f} KiB)")
    top = sorted(weights.items(), key=lambda kv: -abs(kv[1]))[:25]
    print("strongest:", ", ".join(f"{k}={v:+.2f}" for k, v in top))
    _ = math  # kept for quick interactive checks of logits
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
