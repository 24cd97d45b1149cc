"""The fact-checks' embedding table: the projected search matrix of a large table, refits as it
grows, and its round trip through a saved index."""

from __future__ import annotations

import numpy as np

from claimdesk.matching import FactCheckIndex, FactCheckText
from claimdesk.matching.semantic import MIN_ROWS_TO_REDUCE, REDUCED_DIM, SemanticTable


def unit_rows(n: int, seed: int) -> np.ndarray:
    rng = np.random.default_rng(seed)
    # a few shared directions, like real embeddings (not isotropic noise)
    topics = rng.standard_normal((40, 384))
    v = topics[rng.integers(40, size=n)] + 0.6 * rng.standard_normal((n, 384))
    return (v / np.linalg.norm(v, axis=1, keepdims=True)).astype(np.float32)


def test_small_table_is_searched_with_full_vectors():
    claim, title = unit_rows(50, 1), unit_rows(50, 2)
    table = SemanticTable(claim, title)
    assert table.projection is None
    assert table.search.shape == (50, 384)
    both = claim + title
    assert np.allclose(table.search, both / np.linalg.norm(both, axis=1, keepdims=True), atol=1e-3)


def test_large_table_finds_the_nearest_through_the_projection():
    n = MIN_ROWS_TO_REDUCE + 500
    claim, title = unit_rows(n, 3), unit_rows(n, 4)
    table = SemanticTable(claim, title)
    assert table.projection is not None and table.projection.shape == (384, REDUCED_DIM)
    assert table.search.shape == (n, REDUCED_DIM) and table.fitted_rows == n
    found = 0
    for row in range(0, n, 50):
        query = claim[row] + title[row]
        query /= np.linalg.norm(query)
        nearness = table.query_side(query[None])[0] @ table.search.T
        found += row in np.argsort(-nearness)[:30]
        exact_claim, exact_title = table.cosines(query, np.array([row]))
        assert abs(exact_claim[0] - query @ claim[row]) < 2e-3  # float16 storage
    assert found / len(range(0, n, 50)) >= 0.95


def test_the_projection_is_refitted_when_the_table_doubles():
    n = MIN_ROWS_TO_REDUCE
    table = SemanticTable(unit_rows(n, 5), unit_rows(n, 6))
    first = table.projection.copy()
    table.append(unit_rows(10, 7), unit_rows(10, 8))
    assert np.array_equal(table.projection, first) and table.fitted_rows == n
    assert table.search.shape == (n + 10, REDUCED_DIM)
    expected = table.reduce(table.claim[-10:], table.title[-10:])
    assert np.allclose(table.search[-10:], expected, atol=1e-6)
    table.append(unit_rows(n, 9), unit_rows(n, 10))
    assert table.fitted_rows == 2 * n + 10
    assert not np.allclose(table.projection, first)


def test_saved_index_keeps_the_projection(tmp_path):
    n = MIN_ROWS_TO_REDUCE + 10
    items = [FactCheckText(f"fc{i}", f"claim number {i}", f"title {i}") for i in range(n)]
    index = FactCheckIndex(items, SemanticTable(unit_rows(n, 11), unit_rows(n, 12)))
    index.save(tmp_path / "big.npz")
    loaded = FactCheckIndex.load(tmp_path / "big.npz")
    assert np.array_equal(loaded.semantic.projection, index.semantic.projection)
    assert np.array_equal(loaded.semantic.search, index.semantic.search)
    assert loaded.semantic.fitted_rows == index.semantic.fitted_rows == n
    assert loaded.items == items


def test_an_index_saved_with_another_projection_width_is_refitted_on_load(tmp_path, monkeypatch):
    """An index saved by a version that projected onto more components is searched with this
    version's width once loaded (the vectors are the same; only the projection is refitted)."""
    import claimdesk.matching.semantic as semantic

    n = MIN_ROWS_TO_REDUCE + 10
    items = [FactCheckText(f"fc{i}", f"claim number {i}", f"title {i}") for i in range(n)]
    monkeypatch.setattr(semantic, "REDUCED_DIM", 2 * REDUCED_DIM)
    wider = FactCheckIndex(items, SemanticTable(unit_rows(n, 13), unit_rows(n, 14)))
    assert wider.semantic.search.shape == (n, 2 * REDUCED_DIM)
    wider.save(tmp_path / "wide.npz")
    monkeypatch.setattr(semantic, "REDUCED_DIM", REDUCED_DIM)
    loaded = FactCheckIndex.load(tmp_path / "wide.npz")
    assert loaded.semantic.projection.shape == (384, REDUCED_DIM)
    assert loaded.semantic.search.shape == (n, REDUCED_DIM)
    assert np.array_equal(loaded.semantic.claim, wider.semantic.claim)
    assert loaded.semantic.refitted_saved
    loaded.save(tmp_path / "again.npz")
    assert not FactCheckIndex.load(tmp_path / "again.npz").semantic.refitted_saved
