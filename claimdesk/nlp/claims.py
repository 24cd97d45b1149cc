"""Check-worthy claims: every sentence scored, the ones above a threshold listed.

The score is a logistic regression (claimdesk/resources/claims_model.json, trained by
scripts/train_claims.py on ClaimBuster debate sentences) over the evidence a fact-checker looks
for (claimdesk.nlp.claim_features), followed by news-aware corrections the debate data cannot
teach: page furniture and credits ("contributed to this report", "Sign up for...") and verb-less
fragments (headlines, bylines, captions) are pushed down.

Calibration (why THRESHOLD is what it is): on debate text the model's out-of-fold F1 is best
near p = 0.5 (balanced class weights). News is denser in checkable statements than debate talk,
so the same cut keeps most news claims; the corrections above remove the news-specific false
positives instead of raising the cut. Sentences below the threshold are still scored
(`score_sentences`) so the app can show them on demand and rankings stay complete.
"""

from __future__ import annotations

import functools
import json
import math
from dataclasses import dataclass
from pathlib import Path

from spacy.tokens import Doc, Span

from claimdesk.clusters import cluster_key
from claimdesk.model import Claim, Quote
from claimdesk.nlp.claim_features import SentenceEvidence, sentence_evidence

MODEL_PATH = Path(__file__).resolve().parent.parent / "resources" / "claims_model.json"
THRESHOLD = 0.5

# Logit corrections for what debate transcripts never contain.
BOILERPLATE_PENALTY = 8.0
FRAGMENT_PENALTY = 1.5
SHORT_PENALTY = 2.0  # fewer than MIN_WORDS words: "Thank you.", "Not so."
MIN_WORDS = 4


@dataclass(frozen=True)
class ClaimModel:
    bias: float
    weights: dict[str, float]

    def logit(self, features: dict[str, float]) -> float:
        w = self.weights
        return self.bias + sum(w.get(k, 0.0) * v for k, v in features.items())


@functools.lru_cache(maxsize=2)
def load_model(path: str | None = None) -> ClaimModel:
    data = json.loads(Path(path or MODEL_PATH).read_text(encoding="utf-8"))
    return ClaimModel(
        bias=float(data["bias"]), weights={k: float(v) for k, v in data["weights"].items()}
    )


def _sigmoid(x: float) -> float:
    if x >= 0:
        return 1.0 / (1.0 + math.exp(-x))
    e = math.exp(x)
    return e / (1.0 + e)


def _trim(sent: Span) -> tuple[int, int] | None:
    """Character span of the sentence without surrounding whitespace; None when empty."""
    text = sent.text
    left = len(text) - len(text.lstrip())
    right = len(text.rstrip())
    if right <= left:
        return None
    return sent.start_char + left, sent.start_char + right


def claim_kind(ev: SentenceEvidence, reported: bool) -> str:
    """Full Fact-style kind; the first that applies in this order of checkability."""
    if (
        any(any(c.isdigit() for c in n) for n in ev.numbers)
        and (
            ev.features.get("f:num")
            or ev.features.get("f:pct")
            or ev.features.get("f:money")
            or ev.features.get("f:qty")
            or ev.features.get("f:digit")
        )
        and not _only_dates(ev)
    ):
        return "statistic"
    if ev.causal:
        return "causal"
    if ev.prediction:
        return "prediction"
    if ev.past_event:
        return "event"
    if ev.attribution or reported:
        return "attribution"
    return "other"


def _only_dates(ev: SentenceEvidence) -> bool:
    f = ev.features
    return bool(f.get("f:date")) and not any(
        f.get(k) for k in ("f:num", "f:pct", "f:money", "f:qty")
    )


def _speaker_for(start: int, end: int, quotes: list[Quote]) -> Quote | None:
    """The quote with a speaker that overlaps the sentence most, if any."""
    best, best_ov = None, 0
    for q in quotes:
        if not (q.speaker or q.source):
            continue
        ov = min(end, q.end) - max(start, q.start)
        if ov > best_ov:
            best, best_ov = q, ov
    return best


def score_sentence(sent: Span, model: ClaimModel | None = None) -> tuple[float, SentenceEvidence]:
    model = model or load_model()
    ev = sentence_evidence(sent)
    z = model.logit(ev.features)
    if ev.boilerplate:
        z -= BOILERPLATE_PENALTY
    if ev.fragment:
        z -= FRAGMENT_PENALTY
    words = sum(1 for t in sent if not (t.is_punct or t.is_space))
    if words < MIN_WORDS:
        z -= SHORT_PENALTY
    return _sigmoid(z), ev


def score_sentences(doc: Doc, quotes: list[Quote]) -> list[Claim]:
    """Every non-empty sentence as a Claim with its score, in document order."""
    model = load_model()
    out: list[Claim] = []
    for sent in doc.sents:
        span = _trim(sent)
        if span is None or not any(t.is_alpha or t.like_num for t in sent):
            continue
        start, end = span
        score, ev = score_sentence(sent, model)
        q = _speaker_for(start, end, quotes)
        claimant = "the author"
        if q is not None:
            claimant = q.speaker or (q.source.name if q.source else claimant)
        text = doc.text[start:end]
        out.append(
            Claim(
                start=start,
                end=end,
                text=text,
                score=round(score, 4),
                kind=claim_kind(ev, reported=q is not None),
                numbers=ev.numbers,
                entities=ev.entities,
                claimant=claimant,
                claimant_source=q.source if q is not None else None,
                cluster_key=cluster_key(text),
            )
        )
    return out


def extract_claims(doc: Doc, quotes: list[Quote], threshold: float = THRESHOLD) -> list[Claim]:
    """Sentences scoring at least `threshold`, most check-worthy first."""
    claims = [c for c in score_sentences(doc, quotes) if c.score >= threshold]
    claims.sort(key=lambda c: (-c.score, c.start))
    return claims
