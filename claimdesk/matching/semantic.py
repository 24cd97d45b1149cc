"""The fact-checks' embeddings, and the nearest ones to a text.

Each fact-check has two unit vectors, its claim's and its title's, kept as float16 (the
re-ranker reads them for a few dozen candidates per text; float16 halves their memory). Finding
the candidates means a pass over the whole table: it runs on one smaller float32 matrix, the
direction of claim + title projected onto its 64 principal components (on the table's own
vectors, re-fitted whenever the table has doubled); the cosines the re-ranker sees are the exact
ones. Why 64: the pass is a product of a few query rows with a tall, thin matrix, which BLAS
runs far below its peak; at 100,000 fact-checks and an article's 10 claims it took 10.6 ms
with 128 components and 4.7 ms with 64. Alone, the 30 nearest by 64 components hold a training
tweet's relevant fact-check less often than by 128 (92.5% against 96%; 96.8% exact), but the
candidates are those and BM25's 30 best together, and the matcher's results did not change:
MAP@5 on the training tweets 0.9133 with 64 and 0.9131 with 128 (dev 0.8849 and 0.8843, the
same 94 hits shown). In all 1.8 KB a fact-check (float32 claim and title vectors alone were
3 KB).
"""

from __future__ import annotations

import numpy as np

from claimdesk.matching.encoder import EMBEDDING_DIM, limited_blas_threads

REDUCED_DIM = 64
MIN_ROWS_TO_REDUCE = 1024  # below this, the full vectors are searched (cheap anyway)
FIT_SAMPLE = 20_000  # rows the principal components are computed from


class SemanticTable:
    """Claim and title embeddings of the fact-checks, row i = fact-check i."""

    def __init__(
        self,
        claim: np.ndarray | None = None,
        title: np.ndarray | None = None,
        projection: np.ndarray | None = None,
        fitted_rows: int = 0,
        search: np.ndarray | None = None,
    ) -> None:
        """A table from known vectors; `projection`, `fitted_rows` and `search` as saved by
        an index (`search` is recomputed when missing or of the wrong shape)."""
        empty = np.zeros((0, EMBEDDING_DIM), dtype=np.float16)
        self.claim = empty if claim is None else np.asarray(claim, dtype=np.float16)
        self.title = empty if title is None else np.asarray(title, dtype=np.float16)
        if len(self.claim) != len(self.title):
            raise ValueError(f"{len(self.claim)} claim vectors but {len(self.title)} titles")
        self.projection = projection  # (384, REDUCED_DIM) float32, or None: full vectors
        self.fitted_rows = fitted_rows
        self.refitted_saved = False
        if (
            self.projection is None
            or self.projection.shape[1] != REDUCED_DIM  # saved by a version with another width
            or len(self) >= 2 * max(fitted_rows, 1)
        ):
            self.refit()
            #: a saved projection was replaced: the file it came from is worth saving again
            self.refitted_saved = projection is not None
        elif search is not None and search.shape == (len(self), self.projection.shape[1]):
            self.search = np.asarray(search, dtype=np.float32)
        else:
            self.search = self.reduce(self.claim, self.title)

    def __len__(self) -> int:
        return len(self.claim)

    def combined(self, claim: np.ndarray, title: np.ndarray) -> np.ndarray:
        both = claim.astype(np.float32) + title.astype(np.float32)
        return both / np.maximum(np.linalg.norm(both, axis=1, keepdims=True), 1e-12)

    def reduce(self, claim: np.ndarray, title: np.ndarray) -> np.ndarray:
        both = self.combined(claim, title)
        return both if self.projection is None else both @ self.projection

    def refit(self) -> None:
        """Principal components of the combined vectors (or none for a small table)."""
        if len(self) < MIN_ROWS_TO_REDUCE:
            self.projection, self.fitted_rows = None, 0
        else:
            both = self.combined(self.claim, self.title)
            step = max(1, len(both) // FIT_SAMPLE)
            sample = both[::step]
            # under the matcher's BLAS thread limit like its other products: with the default
            # threads, on a host shared with other work, a 2,500-row SVD took 17 s, not 1.2 s
            with limited_blas_threads():
                _, _, components = np.linalg.svd(sample - sample.mean(axis=0), full_matrices=False)
            self.projection = np.ascontiguousarray(components[:REDUCED_DIM].T, dtype=np.float32)
            self.fitted_rows = len(self)
        self.search = np.ascontiguousarray(self.reduce(self.claim, self.title), dtype=np.float32)

    def append(self, claim: np.ndarray, title: np.ndarray) -> None:
        start = len(self)
        self.claim = np.concatenate([self.claim, claim.astype(np.float16)])
        self.title = np.concatenate([self.title, title.astype(np.float16)])
        if len(self) >= MIN_ROWS_TO_REDUCE and len(self) >= 2 * max(self.fitted_rows, 1):
            self.refit()
        else:
            fresh = self.reduce(self.claim[start:], self.title[start:])
            self.search = np.concatenate([self.search, fresh.astype(np.float32)])

    def replace(self, position: int, claim: np.ndarray, title: np.ndarray) -> None:
        self.claim[position] = claim
        self.title[position] = title
        rows = slice(position, position + 1)
        self.search[position] = self.reduce(self.claim[rows], self.title[rows])[0]

    def query_side(self, vectors: np.ndarray) -> np.ndarray:
        """Query embeddings in the space of `search`."""
        return vectors if self.projection is None else vectors @ self.projection

    def cosines(self, vector: np.ndarray, positions: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        """Exact cosines of one (unit) query vector with the claims and titles at `positions`."""
        claim = self.claim[positions].astype(np.float32) @ vector
        title = self.title[positions].astype(np.float32) @ vector
        return claim, title
