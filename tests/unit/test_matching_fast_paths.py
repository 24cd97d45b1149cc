"""The matcher's fast paths against the plain computations they replace, on real text.

- `top_k` (a cut from a strided sample, then a sort of what reaches it) must give what a full
  stable descending sort gives, ties and all;
- `BM25Index.positive_scores` sums a query's postings per touched document when they are few,
  and into an array of every document otherwise: both must equal the plain dense sum bit for bit;
- `FactCheckIndex.candidates` built on those must equal candidates computed the plain way (dense
  BM25 over the whole table, full sorts), with and without left-out fact-checks, on a table
  large enough for the sampled path (2,000+ rows of real sentences)."""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pytest

from claimdesk.matching import FactCheckIndex, FactCheckText
from claimdesk.matching import index as index_module
from claimdesk.matching import lexical as lexical_module
from claimdesk.matching.encoder import EMBEDDING_DIM, limited_blas_threads
from claimdesk.matching.index import fact_check_text, top_k
from claimdesk.matching.normalise import normalise_text
from claimdesk.matching.semantic import SemanticTable

ROOT = Path(__file__).resolve().parents[2]


def real_words() -> list[str]:
    """English prose shipped with the project: the model card and the reference sentences."""
    card = (ROOT / "claimdesk" / "resources" / "minilm" / "README.md").read_text(encoding="utf-8")
    reference = json.loads((ROOT / "tests" / "data" / "minilm_reference.json").read_text())
    text = card + " " + " ".join(r["text"] for r in reference["records"])
    return [w for w in text.split() if any(ch.isalpha() for ch in w)]


@pytest.fixture(scope="module")
def table() -> FactCheckIndex:
    """2,400 fact-checks: windows of 6-14 real words (claim) and 4-8 (title), random vectors."""
    words = real_words()
    rng = np.random.default_rng(7)
    items = []
    for i in range(2_400):
        start, size = int(rng.integers(len(words) - 20)), int(rng.integers(6, 15))
        title_start = int(rng.integers(len(words) - 10))
        items.append(
            FactCheckText(
                f"fc{i}",
                " ".join(words[start : start + size]),
                " ".join(words[title_start : title_start + int(rng.integers(4, 9))]),
            )
        )
    # duplicated rows: equal BM25 scores and equal cosines, the ties the selection must settle
    items += [FactCheckText(f"dup{i}", items[i].claim, items[i].title) for i in range(0, 300, 3)]

    def unit(n: int) -> np.ndarray:
        v = rng.standard_normal((n, EMBEDDING_DIM)).astype(np.float32)
        return v / np.linalg.norm(v, axis=1, keepdims=True)

    claim, title = unit(len(items)), unit(len(items))
    claim[2_400:], title[2_400:] = claim[0:300:3], title[0:300:3]
    return FactCheckIndex(items, SemanticTable(claim, title))


def reference_top_k(values: np.ndarray, k: int) -> np.ndarray:
    return np.argsort(-values, kind="stable")[:k]


@pytest.mark.parametrize("n,k", [(1, 1), (50, 30), (1_919, 30), (1_920, 30), (100_000, 30)])
def test_top_k_is_the_full_stable_sort(n, k):
    rng = np.random.default_rng(n)
    for values in (
        rng.standard_normal(n).astype(np.float32),
        np.round(rng.standard_normal(n), 1).astype(np.float32),  # many ties
        np.where(rng.random(n) < 0.5, -np.inf, rng.random(n)).astype(np.float32),
        np.zeros(n, dtype=np.float32),
    ):
        assert np.array_equal(top_k(values, k), reference_top_k(values, k))
    assert len(top_k(np.ones(n, dtype=np.float32), 0)) == 0


def test_bm25_positive_scores_equal_the_dense_sum_to_the_bit(table, monkeypatch):
    lexical = table.lexical
    queries = [fact_check_text(it) for it in table.items[:300:7]] + [
        "the model maps sentences",
        "a man is eating food",
        "nothing here matches zzzqx",
        "",
    ]
    for query in queries:
        docs, weights = lexical.postings(query)
        dense = np.bincount(docs, weights=weights, minlength=len(lexical)).astype(np.float32)
        expected = np.flatnonzero(dense)
        outputs = []
        for ratio in (10**9, 1):  # every query summed densely, then every one sparsely
            monkeypatch.setattr(lexical_module, "SPARSE_RATIO", ratio)
            outputs.append(lexical.positive_scores(query))
        for scored, scores in outputs:
            assert np.array_equal(scored, expected), query
            assert scores.dtype == np.float32 and np.array_equal(scores, dense[expected]), query
        assert np.array_equal(lexical.scores(query), dense)
    monkeypatch.undo()
    assert any(  # the default takes the sparse path for rare words here
        len(lexical.postings(q)[0]) * lexical_module.SPARSE_RATIO < len(lexical) for q in queries
    )


def plain_candidates(
    index: FactCheckIndex,
    text: str,
    vector: np.ndarray,
    nearness: np.ndarray,
    k_lex: int,
    k_sem: int,
    exclude=None,
):
    """What candidate_scores computes, the plain way: dense arrays and full sorts. `nearness`
    is the text's row of the block product `candidates` makes (one row alone goes through
    another BLAS kernel, whose last bits differ on some CPUs and can swap near-ties)."""
    text = normalise_text(text)
    nearness = nearness.copy()
    bm25 = index.lexical.scores(text)
    if exclude is not None:
        bm25[exclude] = 0.0
        nearness[exclude] = -np.inf
    picked = [reference_top_k(nearness, k_sem)]
    scored = np.flatnonzero(bm25)
    picked.append(scored[reference_top_k(bm25[scored], k_lex)])
    positions = np.unique(np.concatenate(picked))
    claim, title = index.semantic.cosines(vector, positions)
    return positions, claim, title, bm25[positions]


def test_candidates_equal_the_plain_computation(table, monkeypatch):
    rng = np.random.default_rng(3)
    texts = [fact_check_text(it) for it in table.items[1:400:9]] + [
        "Sentences and paragraphs are mapped to a dense vector space for semantic search.",
        "A man is riding a white horse on an enclosed ground.",
    ]
    vectors = rng.standard_normal((len(texts), EMBEDDING_DIM)).astype(np.float32)
    vectors /= np.linalg.norm(vectors, axis=1, keepdims=True)
    exclude = [[int(j) for j in rng.integers(len(table), size=5)] for _ in texts]
    exclude[0] += [0, 2_400]  # a row and its duplicate
    with limited_blas_threads():  # as `candidates` does (the threads split the work)
        near_all = table.semantic.query_side(vectors) @ table.semantic.search.T
    assert len(texts) <= index_module.QUERY_CHUNK  # one block, as in `candidates`
    for ratio in (lexical_module.SPARSE_RATIO, 10**9):
        monkeypatch.setattr(lexical_module, "SPARSE_RATIO", ratio)
        for left_out in (None, exclude):
            got = table.candidates(texts, 30, 30, exclude=left_out, vectors=vectors)
            for i, (text, c) in enumerate(zip(texts, got, strict=True)):
                assert c is not None
                want = plain_candidates(
                    table,
                    text,
                    vectors[i],
                    near_all[i],
                    30,
                    30,
                    None if left_out is None else left_out[i],
                )
                assert np.array_equal(c.positions, want[0]), text
                assert np.array_equal(c.cos_claim, want[1]) and np.array_equal(c.cos_title, want[2])
                assert np.array_equal(c.bm25, want[3]), text
    assert len(table) >= index_module.SAMPLE_MIN_RATIO * 30  # the sampled path was taken
