"""BM25 over short texts, with numpy only.

An inverted index kept as flat arrays: for every term, the documents it occurs in and the term's
BM25 weight there (idf x saturated, length-normalised term frequency), so that scoring a query is
one `np.bincount` over the postings of its terms. Adding documents re-derives the arrays from the
per-document term counts (no text is re-read); that is cheap next to embedding them.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence
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


class BM25Index:
    """Okapi BM25 (k1, b) over documents given as texts; `scores(query)` over all documents."""

    def __init__(self, k1: float = 1.2, b: float = 0.75) -> None:
        self.k1 = k1
        self.b = b
        self.vocabulary: dict[str, int] = {}
        self.doc_terms: list[dict[int, int]] = []  # term id -> count, per document
        self.postings_start = np.zeros(1, dtype=np.int64)
        self.postings_doc = np.zeros(0, dtype=np.int32)
        self.postings_weight = np.zeros(0, dtype=np.float32)
        self.idf = np.zeros(0, dtype=np.float32)

    def __len__(self) -> int:
        return len(self.doc_terms)

    def add(self, texts: Sequence[str]) -> None:
        for text in texts:
            self.doc_terms.append(self.count_terms(text, grow=True))
        self.rebuild()

    def replace(self, position: int, text: str) -> None:
        """Change one document's text (the caller rebuilds after a run of replacements)."""
        self.doc_terms[position] = self.count_terms(text, grow=True)

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
        n_docs, n_terms = len(self.doc_terms), len(self.vocabulary)
        lengths = np.array([sum(d.values()) for d in self.doc_terms], dtype=np.float32)
        sizes = [len(d) for d in self.doc_terms]
        total = sum(sizes)
        doc = np.repeat(np.arange(n_docs, dtype=np.int32), sizes)
        term = np.fromiter((t for d in self.doc_terms for t in d), dtype=np.int64, count=total)
        tf = np.fromiter(
            (c for d in self.doc_terms for c in d.values()), dtype=np.float32, count=total
        )
        order = np.argsort(term, kind="stable")
        doc, term, tf = doc[order], term[order], tf[order]
        df = np.bincount(term, minlength=n_terms).astype(np.float32)
        self.postings_start = np.concatenate([[0], np.cumsum(df, dtype=np.int64)])
        # the BM25+ style idf that never goes negative (Lucene's)
        self.idf = np.log1p((n_docs - df + 0.5) / (df + 0.5)).astype(np.float32)
        avg = float(lengths.mean()) if n_docs and lengths.mean() > 0 else 1.0
        norm = self.k1 * (1.0 - self.b + self.b * lengths[doc] / avg) if total else tf
        self.postings_doc = doc
        self.postings_weight = (self.idf[term] * tf * (self.k1 + 1.0) / (tf + norm)).astype(
            np.float32
        )

    def scores(self, query: str) -> np.ndarray:
        """BM25 score of every document for a query (float32, one per document)."""
        counts = self.count_terms(query, grow=False)
        if not counts or not self.doc_terms:
            return np.zeros(len(self.doc_terms), dtype=np.float32)
        docs, weights = [], []
        for term_id, n in counts.items():
            lo, hi = self.postings_start[term_id], self.postings_start[term_id + 1]
            docs.append(self.postings_doc[lo:hi])
            weights.append(self.postings_weight[lo:hi] * n)
        return np.bincount(
            np.concatenate(docs), weights=np.concatenate(weights), minlength=len(self.doc_terms)
        ).astype(np.float32)

    def query_idf(self, query: str) -> dict[int, float]:
        """idf of each known term of a query, by term id."""
        return {t: float(self.idf[t]) for t in self.count_terms(query, grow=False)}
