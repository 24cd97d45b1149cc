"""BM25 over short texts, with numpy only.

An inverted index kept as flat arrays: for every term, the documents it occurs in and the term's
BM25 weight there (idf x saturated, length-normalised term frequency), so that scoring a query is
one `np.bincount` over the postings of its terms. Adding documents re-derives the arrays from the
per-document term counts (no text is re-read); that is cheap next to embedding them.
"""

from __future__ import annotations

import json
import re
from collections import Counter
from collections.abc import Mapping, Sequence
from functools import lru_cache

import numpy as np

WORD = re.compile(r"[^\W_]+(?:['’][^\W_]+)*")

# Function words; BM25's idf already discounts them, but dropping them keeps long queries from
# spreading their score over every document.
STOPWORD_TEXT = """a about above after again against all am an and any are as at be because been before being
    below between both but by can could did do does doing down during each few for from further
    had has have having he her here hers herself him himself his how i if in into is it its itself
    just me more most my myself no nor not now of off on once only or other our ours ourselves out
    over own same she should so some such than that the their theirs them themselves then there
    these they this those through to too under until up very was we were what when where which
    while who whom why will with would you your yours yourself yourselves s t don ll re ve d m"""
STOPWORDS = frozenset(STOPWORD_TEXT.split())


def stem(word: str) -> str:
    """A light English suffix strip (plural and possessive forms), enough to let "vaccines"
    meet "vaccine" without a stemmer's over-reach."""
    for suffix in ("'s", "’s"):
        if word.endswith(suffix):
            word = word[: -len(suffix)]
    if len(word) > 4 and word.endswith("ies"):
        return word[:-3] + "y"
    if len(word) > 3 and word.endswith("s") and not word.endswith(("ss", "us", "is")):
        return word[:-1]
    return word


@lru_cache(maxsize=500_000)
def term_of(word: str) -> str:
    """The index term of a word as written ("" for a function word); memoised: a table of
    100,000 fact-checks has 1.6 million words but about 60,000 distinct ones."""
    lower = word.lower()
    return "" if lower in STOPWORDS else stem(lower)


def terms(text: str) -> list[str]:
    """Lower-cased, lightly stemmed content words of a text."""
    return [t for t in map(term_of, WORD.findall(text or "")) if t]


#: Postings per document below which a query's scores are summed per touched document
#: (`BM25Index.positive_scores`).
SPARSE_RATIO = 8

LEXICAL_VERSION = 1  # bump when `terms` changes: saved indexes then re-read their texts


class BM25Index:
    """Okapi BM25 (k1, b) over documents given as texts; `scores(query)` over all documents.

    Each document's terms are kept as compressed rows (term ids and counts, document after
    document), not Python dicts: 100,000 fact-checks take ~20 MB instead of ~100 MB, and the
    arrays can be saved and loaded as they are (`arrays`, `from_arrays`)."""

    def __init__(self, k1: float = 1.2, b: float = 0.75) -> None:
        self.k1 = k1
        self.b = b
        self.vocabulary: dict[str, int] = {}
        self.doc_start = np.zeros(1, dtype=np.int64)  # document i: entries doc_start[i:i+2]
        self.doc_term = np.zeros(0, dtype=np.int32)
        self.doc_count = np.zeros(0, dtype=np.float32)
        self.postings_start = np.zeros(1, dtype=np.int64)
        self.postings_doc = np.zeros(0, dtype=np.int32)
        self.postings_weight = np.zeros(0, dtype=np.float32)
        self.idf = np.zeros(0, dtype=np.float32)

    def __len__(self) -> int:
        return len(self.doc_start) - 1

    def encode_docs(self, texts: Sequence[str]) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        """(entries per document, term ids, counts) of texts, growing the vocabulary."""
        sizes: list[int] = []
        ids: list[int] = []
        counts: list[int] = []
        for text in texts:
            row = self.count_terms(text, grow=True)
            sizes.append(len(row))
            ids.extend(row)
            counts.extend(row.values())
        return (
            np.array(sizes, dtype=np.int64),
            np.array(ids, dtype=np.int32),
            np.array(counts, dtype=np.float32),
        )

    def add(self, texts: Sequence[str]) -> None:
        sizes, ids, counts = self.encode_docs(texts)
        self.doc_start = np.concatenate([self.doc_start, self.doc_start[-1] + np.cumsum(sizes)])
        self.doc_term = np.concatenate([self.doc_term, ids])
        self.doc_count = np.concatenate([self.doc_count, counts])
        self.rebuild()

    def replace(self, position: int, text: str) -> None:
        """Change one document's text (the caller rebuilds after a run of replacements)."""
        _, ids, counts = self.encode_docs([text])
        lo, hi = self.doc_start[position], self.doc_start[position + 1]
        self.doc_term = np.concatenate([self.doc_term[:lo], ids, self.doc_term[hi:]])
        self.doc_count = np.concatenate([self.doc_count[:lo], counts, self.doc_count[hi:]])
        self.doc_start[position + 1 :] += len(ids) - (hi - lo)

    def doc_terms(self, position: int) -> np.ndarray:
        """Term ids of one document."""
        return self.doc_term[self.doc_start[position] : self.doc_start[position + 1]]

    def count_terms(self, text: str, grow: bool) -> dict[int, int]:
        counts: dict[int, int] = {}
        for term, n in Counter(terms(text)).items():
            term_id = self.vocabulary.get(term)
            if term_id is None:
                if not grow:
                    continue
                term_id = self.vocabulary[term] = len(self.vocabulary)
            counts[term_id] = n
        return counts

    def rebuild(self) -> None:
        """Re-derive the postings arrays and idf from the per-document term counts."""
        n_docs, n_terms = len(self), len(self.vocabulary)
        doc = np.repeat(np.arange(n_docs, dtype=np.int32), np.diff(self.doc_start))
        lengths = np.bincount(doc, weights=self.doc_count, minlength=n_docs).astype(np.float32)
        order = np.argsort(self.doc_term, kind="stable")
        doc, term, tf = doc[order], self.doc_term[order], self.doc_count[order]
        df = np.bincount(term, minlength=n_terms).astype(np.float32)
        self.postings_start = np.concatenate([[0], np.cumsum(df, dtype=np.int64)])
        # the BM25+ style idf that never goes negative (Lucene's)
        self.idf = np.log1p((n_docs - df + 0.5) / (df + 0.5)).astype(np.float32)
        avg = float(lengths.mean()) if n_docs and lengths.mean() > 0 else 1.0
        norm = self.k1 * (1.0 - self.b + self.b * lengths[doc] / avg)
        self.postings_doc = doc
        self.postings_weight = (self.idf[term] * tf * (self.k1 + 1.0) / (tf + norm)).astype(
            np.float32
        )

    def scores(self, query: str) -> np.ndarray:
        """BM25 score of every document for a query (float32, one per document)."""
        out = np.zeros(len(self), dtype=np.float32)
        scored, scores = self.positive_scores(query)
        out[scored] = scores
        return out

    def postings(self, query: str) -> tuple[np.ndarray, np.ndarray]:
        """The postings of a query's terms, term after term: (documents, weights x the term's
        count in the query)."""
        counts = self.count_terms(query, grow=False)
        if not counts or not len(self):
            return np.zeros(0, dtype=np.int32), np.zeros(0, dtype=np.float32)
        docs, weights = [], []
        for term_id, n in counts.items():
            lo, hi = self.postings_start[term_id], self.postings_start[term_id + 1]
            docs.append(self.postings_doc[lo:hi])
            weights.append(self.postings_weight[lo:hi] * n)
        return np.concatenate(docs), np.concatenate(weights)

    def positive_scores(self, query: str) -> tuple[np.ndarray, np.ndarray]:
        """(the documents the query scores above 0, ascending; their BM25 scores, float32).

        Most queries touch a small part of a large table: their postings are then summed per
        distinct document (a sort of the postings) instead of into an array of every document.
        Either way `np.bincount` adds each document's weights in the same order, so the sums are
        the same to the bit."""
        docs, weights = self.postings(query)
        if not len(docs):
            return np.zeros(0, dtype=np.int64), np.zeros(0, dtype=np.float32)
        if len(docs) * SPARSE_RATIO < len(self):
            scored, where = np.unique(docs, return_inverse=True)
            sums = np.bincount(where, weights=weights, minlength=len(scored))
        else:
            dense = np.bincount(docs, weights=weights, minlength=len(self))
            scored = np.flatnonzero(dense)
            sums = dense[scored]
        scores = sums.astype(np.float32)
        positive = scores > 0
        return scored[positive].astype(np.int64), scores[positive]

    def arrays(self) -> dict[str, np.ndarray]:
        """What `from_arrays` needs: the vocabulary (as JSON bytes) and the document rows."""
        words = json.dumps(list(self.vocabulary), ensure_ascii=False).encode("utf-8")
        return {
            "bm25_vocabulary": np.frombuffer(words, dtype=np.uint8),
            "bm25_doc_start": self.doc_start,
            "bm25_doc_term": self.doc_term,
            "bm25_doc_count": self.doc_count,
            "bm25_params": np.array([self.k1, self.b, LEXICAL_VERSION], dtype=np.float64),
        }

    @classmethod
    def from_arrays(cls, data: Mapping[str, np.ndarray]) -> BM25Index | None:
        """The index saved by `arrays`, or None when it was made by another version."""
        k1, b, version = (float(x) for x in data["bm25_params"])
        if int(version) != LEXICAL_VERSION:
            return None
        index = cls(k1, b)
        words = json.loads(data["bm25_vocabulary"].tobytes().decode("utf-8"))
        index.vocabulary = {word: i for i, word in enumerate(words)}
        index.doc_start = np.asarray(data["bm25_doc_start"], dtype=np.int64)
        index.doc_term = np.asarray(data["bm25_doc_term"], dtype=np.int32)
        index.doc_count = np.asarray(data["bm25_doc_count"], dtype=np.float32)
        index.rebuild()
        return index
