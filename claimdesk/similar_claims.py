"""Clusters of the same claim worded slightly differently across articles.

`normalise_claim` folds what copy desks change (case, quote marks, dashes, "per cent" vs "%",
thousands separators, punctuation); `cluster_key` is a stable hash of that form, so verbatim
and near-verbatim copies share a key without any comparison. `ClusterIndex` joins reworded
copies: a new claim is compared (rapidfuzz) only with clusters that share one of its rarest
tokens or one of its numbers (blocking), so assigning n claims costs O(n*k) comparisons for
k candidates per claim, never all pairs. Claims whose numbers disagree are never merged:
"unemployment rose 5%" and "unemployment rose 7%" are different claims.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass, field

from rapidfuzz import fuzz

DEFAULT_THRESHOLD = 85.0
MAX_BLOCK_TOKENS = 4  # rarest tokens of a claim used to find candidates
MAX_CANDIDATES = 50
MAX_MEMBERS_COMPARED = 5

STOPWORDS = frozenset(
    [
        "a",
        "an",
        "the",
        "of",
        "to",
        "in",
        "on",
        "at",
        "for",
        "by",
        "with",
        "from",
        "and",
        "or",
        "but",
        "as",
        "is",
        "are",
        "was",
        "were",
        "be",
        "been",
        "being",
        "that",
        "this",
        "these",
        "those",
        "it",
        "its",
        "he",
        "she",
        "they",
        "them",
        "his",
        "her",
        "their",
        "we",
        "our",
        "you",
        "your",
        "i",
        "me",
        "my",
        "has",
        "have",
        "had",
        "do",
        "does",
        "did",
        "not",
        "no",
        "so",
        "than",
        "then",
        "there",
        "here",
        "which",
        "who",
        "whom",
        "whose",
        "what",
        "when",
        "where",
        "will",
        "would",
        "can",
        "could",
        "should",
        "may",
        "might",
        "must",
        "said",
        "says",
        "say",
        "also",
        "about",
        "into",
        "over",
        "after",
        "before",
        "while",
        "just",
        "very",
        "more",
        "most",
    ]
)

_QUOTES = str.maketrans(
    {
        "“": '"',
        "”": '"',
        "„": '"',
        "«": '"',
        "»": '"',
        "‘": "'",
        "’": "'",
        "–": "-",
        "—": "-",
        "−": "-",
    }
)
_NUM_SEP = re.compile(r"(?<=\d)[,\u202f\u00a0](?=\d{3}\b)")
_PERCENT = re.compile(r"\s*%|\bper\s*cent\b|\bpct\b", re.IGNORECASE)
_NON_WORD = re.compile(r"[^\w.%]+|(?<!\d)\.|\.(?!\d)")
_NUMBER = re.compile(r"^\d+(?:\.\d+)?$")


def normalise_claim(text: str) -> str:
    """Lower-case, punctuation-free, number-normalised form of a claim sentence."""
    s = unicodedata.normalize("NFKC", text).translate(_QUOTES).lower()
    s = _NUM_SEP.sub("", s)  # 10,000 -> 10000
    s = _PERCENT.sub(" percent", s)
    s = s.replace("'s ", " ").replace("'", "")
    s = _NON_WORD.sub(" ", s)
    return " ".join(s.split())


def cluster_key(text: str) -> str:
    """Stable 16-hex key of the normalised text (same key for trivially different copies)."""
    return hashlib.sha1(normalise_claim(text).encode("utf-8")).hexdigest()[:16]


def _tokens(norm: str) -> list[str]:
    return [t for t in norm.split() if t not in STOPWORDS and len(t) > 1 or _NUMBER.match(t)]


def _numbers(norm: str) -> frozenset[str]:
    return frozenset(t for t in norm.split() if _NUMBER.match(t))


def similarity(
    a: str, b: str, na: frozenset[str] | None = None, nb: frozenset[str] | None = None
) -> float:
    """0-100 similarity of two normalised claims; 0 when their numbers disagree.

    `na`, `nb`: the claims' numbers when the caller has them already.
    """
    na = _numbers(a) if na is None else na
    nb = _numbers(b) if nb is None else nb
    if na and nb and not (na & nb):
        return 0.0
    # token_set_ratio forgives added words ("officials said"); token_sort_ratio keeps a short
    # claim from matching every longer one that happens to contain its words.
    return 0.5 * fuzz.token_set_ratio(a, b) + 0.5 * fuzz.token_sort_ratio(a, b)


@dataclass
class _Cluster:
    key: str
    members: list[tuple[str, frozenset[str]]] = field(default_factory=list)  # (norm, numbers)


class ClusterIndex:
    """Incremental clustering with token/number blocking."""

    def __init__(self, threshold: float = DEFAULT_THRESHOLD) -> None:
        self.threshold = threshold
        self.clusters: dict[str, _Cluster] = {}
        self._postings: dict[str, set[str]] = {}  # token -> cluster keys
        self._df: dict[str, int] = {}

    def _index(self, key: str, norm: str) -> None:
        for t in set(_tokens(norm)):
            self._df[t] = self._df.get(t, 0) + 1
            self._postings.setdefault(t, set()).add(key)

    def add_existing(self, key: str, texts: Iterable[str]) -> None:
        cl = self.clusters.setdefault(key, _Cluster(key))
        for text in texts:
            norm = normalise_claim(text)
            cl.members.append((norm, _numbers(norm)))
            self._index(key, norm)

    def _candidates(self, norm: str) -> list[str]:
        toks = set(_tokens(norm))
        nums = [t for t in toks if _NUMBER.match(t)]
        rare = sorted((t for t in toks if t in self._postings), key=lambda t: self._df.get(t, 0))
        probe = list(dict.fromkeys(nums + rare[:MAX_BLOCK_TOKENS]))
        counts: dict[str, int] = {}
        for t in probe:
            for key in self._postings.get(t, ()):
                counts[key] = counts.get(key, 0) + 1
        ranked = sorted(counts, key=lambda k: -counts[k])
        return ranked[:MAX_CANDIDATES]

    def assign(self, text: str) -> str:
        """The key of the cluster `text` joins (a new one if nothing is similar enough)."""
        norm = normalise_claim(text)
        nums = _numbers(norm)
        own = hashlib.sha1(norm.encode("utf-8")).hexdigest()[:16]
        if own in self.clusters:
            key = own
        else:
            key, best = own, self.threshold
            for cand in self._candidates(norm):
                members = self.clusters[cand].members[:MAX_MEMBERS_COMPARED]
                s = max((similarity(norm, m, nums, mn) for m, mn in members), default=0.0)
                if s >= best:
                    key, best = cand, s
        cl = self.clusters.setdefault(key, _Cluster(key))
        cl.members.append((norm, nums))
        self._index(key, norm)
        return key


def assign_clusters(
    new: list[str],
    existing: dict[str, list[str]] | None = None,
    threshold: float = DEFAULT_THRESHOLD,
) -> list[str]:
    """Cluster keys for `new` claim texts, joining `existing` clusters (key -> member texts).

    New claims can also join each other. `existing` is not modified; use ClusterIndex to keep
    state across calls.
    """
    index = ClusterIndex(threshold)
    for key, texts in (existing or {}).items():
        index.add_existing(key, texts)
    return [index.assign(t) for t in new]
