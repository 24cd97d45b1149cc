"""The records the matcher takes and gives."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class FactCheckText:
    """A known fact-check as the matcher sees it: the claim it checked and its headline."""

    id: str
    claim: str
    title: str = ""


@dataclass(frozen=True)
class MatchHit:
    """A fact-check found for a text; `score` is calibrated, roughly P(it verifies the text)."""

    id: str
    score: float
