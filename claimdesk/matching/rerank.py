"""The second stage: features of (text, candidate fact-check) pairs and the learned combination.

Candidates come from two first stages (BM25 and embedding similarity, `k` each); every candidate
gets the features below, and a logistic regression fitted on the training queries
(scripts/train_matcher.py) turns them into P(the fact-check verifies the text). Several features
are relative to the other candidates of the same text (the gap to the best other one), which is
what makes the probability of the top hit meaningful: a clear winner is likelier right than the
best of several near-equals.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path

import numpy as np

MODEL_PATH = Path(__file__).resolve().parent.parent / "resources" / "matching_reranker.json"

FEATURES = (
    "cos_claim",  # cosine of the text's and the fact-check claim's embeddings
    "cos_title",  # ... and of the fact-check title's
    "cos_best",  # the larger of the two
    "cos_gap",  # cos_best minus the best cos_best among the other candidates
    "bm25_rel",  # BM25 over claim + title, divided by the text's best BM25 score
    "bm25_log",  # log(1 + BM25)
    "bm25_gap",  # bm25_rel minus the best bm25_rel among the other candidates
    "rank_sem",  # log(1 + rank by cos_best), 0 = first
    "rank_lex",  # log(1 + rank by BM25)
    "fc_coverage",  # share of the fact-check's idf mass whose terms occur in the text
    "text_coverage",  # share of the text's idf mass whose terms occur in the fact-check
)


@dataclass(frozen=True)
class CandidateScores:
    """First-stage scores of one text's candidates (arrays aligned with `positions`)."""

    positions: np.ndarray  # indices into the fact-check table
    cos_claim: np.ndarray
    cos_title: np.ndarray
    bm25: np.ndarray
    fc_coverage: np.ndarray
    text_coverage: np.ndarray


#: The embedding similarity below which a hit is never shown, whatever the re-ranker says. 97%
#: of the training tweets' relevant fact-checks are nearer than this (3rd percentile of their
#: cos_best, queries_train against the 10,375 Snopes fact-checks; 0.39 on dev). The re-ranker's
#: features are partly relative to the other candidates, which a table of a few fact-checks does
#: not have: there, the best of a handful of unrelated ones wins by a wide margin ("Moscow has
#: not commented on the reports" scored 0.93 against "North Korea has sent 12,000 troops to
#: Russia" in a table of four). This absolute floor keeps such hits from being shown.
MIN_SHOWN_SIMILARITY = 0.41


def shown_only_when_near(
    probabilities: np.ndarray, c: CandidateScores, threshold: float
) -> np.ndarray:
    """The probabilities, with those of candidates less similar than MIN_SHOWN_SIMILARITY kept
    under `threshold` by a margin that survives rounding (still ranked, never shown)."""
    near = np.maximum(c.cos_claim, c.cos_title) >= MIN_SHOWN_SIMILARITY
    return np.where(near, probabilities, np.minimum(probabilities, max(threshold - 0.01, 0.0)))


def gap_to_best_other(values: np.ndarray) -> np.ndarray:
    """values[i] minus the largest of the other values (0 when there is no other)."""
    if len(values) < 2:
        return np.zeros_like(values)
    order = np.argsort(-values)
    best, second = values[order[0]], values[order[1]]
    others_best = np.full_like(values, best)
    others_best[order[0]] = second
    return values - others_best


def rank_of(values: np.ndarray) -> np.ndarray:
    """0 for the largest value, 1 for the next, ..."""
    ranks = np.empty(len(values), dtype=np.float32)
    ranks[np.argsort(-values, kind="stable")] = np.arange(len(values), dtype=np.float32)
    return ranks


def feature_matrix(c: CandidateScores) -> np.ndarray:
    """(candidates, len(FEATURES)) float32, in the order of FEATURES."""
    cos_best = np.maximum(c.cos_claim, c.cos_title)
    top_bm25 = float(c.bm25.max()) if len(c.bm25) else 0.0
    bm25_rel = c.bm25 / top_bm25 if top_bm25 > 0 else np.zeros_like(c.bm25)
    columns = {
        "cos_claim": c.cos_claim,
        "cos_title": c.cos_title,
        "cos_best": cos_best,
        "cos_gap": gap_to_best_other(cos_best),
        "bm25_rel": bm25_rel,
        "bm25_log": np.log1p(c.bm25),
        "bm25_gap": gap_to_best_other(bm25_rel),
        "rank_sem": np.log1p(rank_of(cos_best)),
        "rank_lex": np.log1p(rank_of(c.bm25)),
        "fc_coverage": c.fc_coverage,
        "text_coverage": c.text_coverage,
    }
    return np.stack([columns[name] for name in FEATURES], axis=1).astype(np.float32)


@dataclass(frozen=True)
class Reranker:
    """Logistic regression over standardised features; `threshold` is the shown-hit cut."""

    features: tuple[str, ...]
    mean: np.ndarray
    scale: np.ndarray
    weights: np.ndarray
    bias: float
    threshold: float
    k_lexical: int
    k_semantic: int

    def probabilities(self, x: np.ndarray) -> np.ndarray:
        z = ((x - self.mean) / self.scale) @ self.weights + self.bias
        return 1.0 / (1.0 + np.exp(-z))

    @classmethod
    def load(cls, path: Path = MODEL_PATH) -> Reranker:
        data = json.loads(Path(path).read_text(encoding="utf-8"))
        names = tuple(data["features"])
        if names != FEATURES:
            raise ValueError(
                f"{path}: trained on features {names}, the code computes {FEATURES}; "
                "retrain with scripts/train_matcher.py"
            )
        return cls(
            features=names,
            mean=np.array(data["mean"], dtype=np.float32),
            scale=np.array(data["scale"], dtype=np.float32),
            weights=np.array(data["weights"], dtype=np.float32),
            bias=float(data["bias"]),
            threshold=float(data["threshold"]),
            k_lexical=int(data["k_lexical"]),
            k_semantic=int(data["k_semantic"]),
        )
