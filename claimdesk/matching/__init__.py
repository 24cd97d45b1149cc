"""Offline matching of claims against known fact-checks (issue 16).

    index = FactCheckIndex.build([FactCheckText("fc1", "claim text", "headline"), ...])
    index.save("data/factchecks.npz")            # later: FactCheckIndex.load(...)
    hits = index.search(["a claim from an article"], top=5)[0]
    shown = [h for h in hits if h.score >= index.threshold]

Lexical (BM25) and semantic (all-MiniLM-L6-v2, run in numpy) candidates, re-ranked by a small
logistic regression whose score is a calibrated probability. Importing this package is cheap:
the embedding model loads on the first `build`, `add` or `search`.
"""

from claimdesk.matching.index import FactCheckIndex
from claimdesk.matching.records import FactCheckText, MatchHit

__all__ = ["FactCheckIndex", "FactCheckText", "MatchHit"]
