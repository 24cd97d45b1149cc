"""Check-worthy claims: every sentence scored, the ones above a threshold listed.

The score is a logistic regression (claimdesk/resources/claims_model.json, trained by
scripts/train_claims.py on ClaimBuster and CheckThat 2019 debate and speech sentences) over the
evidence a fact-checker looks for (claimdesk.nlp.claim_features), followed by corrections the
training data cannot teach (`NewsAdjustments`, `corrected_logit`): page furniture told by layout
(claimdesk.nlp.claim_layout: headings, captions, credits, timestamps, contact lines) and by
wording ("contributed to this report", "Sign up for..."), verb-less fragments and instructions
in every genre; quoted opinion, views, statements about the future, the writer's own experience
and unanchored statements in news prose.

Calibration: the listing threshold is the model's out-of-fold F1-optimal cut on ClaimBuster
(stored in the model file as cv.best_f1_threshold; the shipped bias is ClaimBuster's, the
inclusive sense of check-worthy). The debate model over-fires on news, where nearly every
sentence is long and full of names; rather than raising the cut by an arbitrary amount, the
corrections lower the logit for what fact-checkers skip in news, so the same cut applies to both.
Transcripts (`is_transcript`: one short turn or sentence per line, or paragraphs opening with
speaker labels) are the genre the model was trained on: the news-register corrections describe
how journalists write, so only the layout-independent ones apply there.
Listing: `extract_claims` lists the sentences at or above the cut, a repeated sentence once
(boilerplate blocks, a repeated standfirst). `score_sentences` scores every sentence, but the
pipeline, the store and the app keep only the listed claims: nothing below the cut is shown, and
the evaluation output (`python -m claimdesk analyze`) lists exactly what the app would list.
"""

from __future__ import annotations

import functools
import json
import math
import re
from dataclasses import dataclass
from itertools import repeat
from operator import mul
from pathlib import Path

from spacy.tokens import Doc, Span

from claimdesk.model import Claim, Quote
from claimdesk.nlp.claim_features import SentenceEvidence, sentence_evidence
from claimdesk.nlp.claim_layout import (
    furniture_kind,
    leading_label_length,
    line_context,
)
from claimdesk.nlp.claimants import claimant_for
from claimdesk.nlp.token_table import TokenTable, token_table
from claimdesk.nlp.transcript import Layout, read_layout
from claimdesk.similar_claims import cluster_key

MODEL_PATH = Path(__file__).resolve().parent.parent / "resources" / "claims_model.json"
DEFAULT_THRESHOLD = 0.5  # used when the model file carries no CV-calibrated cut


@dataclass(frozen=True)
class NewsAdjustments:
    """Logit corrections applied after the debate-trained model.

    Each encodes a fact-checking convention the debate data cannot teach. In every genre:
    - page furniture and credits are never claims;
    - verb-less fragments (headlines, bylines, captions) and very short lines state nothing;
    - an instruction ("Test your prices every month.") asks, it does not assert, whatever
      numbers it carries.
    In news prose only (how journalists write):
    - journalists quote opinion and colour, and paraphrase facts: a sentence that is mostly a
      direct quotation is less often the checkable statement;
    - a view ("in X's view", "experts say", "X argues that") is an opinion about facts;
    - a statement about the future ("The festival will open on Friday.") announces or
      predicts; it cannot be checked yet;
    - the writer's own experience or stance ("I saw two officers", "I think it will") is
      personal (a speaker's "I" in a debate, by contrast, is the claim: transcripts keep it);
    - a statement anchored neither by a number, amount, date or time nor by a past deed
      ("the minister resigned", "the plane was found") is less specific, so less checkable.
    """

    boilerplate: float = 8.0
    fragment: float = 1.5
    short: float = 2.0
    instruction: float = 2.0
    quoted: float = 2.0
    opinion_frame: float = 2.0
    future: float = 1.0
    personal: float = 1.5
    unspecific: float = 1.5
    min_words: int = 4
    quoted_share: float = 0.6


NEWS = NewsAdjustments()
_QUOTE_MARK_OR_LINE = re.compile('[“”"\n]')


@dataclass(frozen=True)
class CheckWorthinessModel:
    bias: float
    weights: dict[str, float]
    threshold: float = DEFAULT_THRESHOLD

    def logit(self, features: dict[str, float]) -> float:
        # weight * value summed in the features' order, without a Python-level loop
        weights = map(self.weights.get, features.keys(), repeat(0.0))
        return self.bias + sum(map(mul, weights, features.values()))


@functools.lru_cache(maxsize=2)
def load_model(path: str | None = None) -> CheckWorthinessModel:
    data = json.loads(Path(path or MODEL_PATH).read_text(encoding="utf-8"))
    cut = (data.get("cv") or {}).get("best_f1_threshold", DEFAULT_THRESHOLD)
    return CheckWorthinessModel(
        bias=float(data["bias"]),
        weights={k: float(v) for k, v in data["weights"].items()},
        threshold=float(cut),
    )


def _sigmoid(x: float) -> float:
    if x >= 0:
        return 1.0 / (1.0 + math.exp(-x))
    e = math.exp(x)
    return e / (1.0 + e)


def _trim(full: str, start: int, end: int) -> tuple[int, int] | None:
    """Character span of `full[start:end]` without surrounding whitespace; None when empty."""
    text = full[start:end]
    left = len(text) - len(text.lstrip())
    right = len(text.rstrip())
    if right <= left:
        return None
    return start + left, start + right


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
    if ev.boilerplate:
        return "other"
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


def quoted_intervals(text: str, quotes: list[Quote] | None = None) -> list[tuple[int, int]]:
    """Character intervals inside direct quotation marks.

    Curly marks pair “ with the next ”; straight marks pair within a paragraph, so one stray
    mark never swallows the rest of the document. Direct quotes from the quote extractor are
    added when given.
    """
    out: list[tuple[int, int]] = []
    open_curly: int | None = None
    open_straight: int | None = None
    for m in _QUOTE_MARK_OR_LINE.finditer(text):
        ch, i = m.group(), m.start()
        if ch == "\n":  # a paragraph ends: a curly quote still open runs to its end
            if open_curly is not None:
                out.append((open_curly, i))
            open_curly = open_straight = None
        elif ch == "“":
            open_curly = i
        elif ch == "”":
            if open_curly is not None:
                out.append((open_curly, i + 1))
                open_curly = None
        elif open_straight is None:
            open_straight = i
        else:
            out.append((open_straight, i + 1))
            open_straight = None
    if open_curly is not None:
        out.append((open_curly, len(text)))
    for q in quotes or []:
        if q.kind == "direct":
            out.append((q.start, q.end))
    return out


def _share_inside(start: int, end: int, intervals: list[tuple[int, int]]) -> float:
    if end <= start:
        return 0.0
    covered = [False] * (end - start)
    for a, b in intervals:
        for i in range(max(a, start), min(b, end)):
            covered[i - start] = True
    return sum(covered) / (end - start)


def corrected_logit(
    z: float,
    ev: SentenceEvidence,
    quoted_share: float = 0.0,
    furniture: str | None = None,
    transcript: bool = False,
    expert_view: bool = False,
    news: NewsAdjustments = NEWS,
) -> float:
    """The model's logit `z` with the corrections the training data cannot teach.

    `furniture`: the kind of page furniture the sentence is (claim_layout), if any.
    `transcript` drops the news-register corrections (quoted, opinion frame, unspecific).
    `expert_view`: the sentence reports what an expert or analyst says (its claimant's source
    kind), a named version of "experts say".
    """
    if ev.boilerplate or furniture:
        z -= news.boilerplate
    if ev.fragment:
        z -= news.fragment
    if ev.words < news.min_words:
        z -= news.short
    if ev.instruction:
        z -= news.instruction
    if transcript:
        return z
    if quoted_share >= news.quoted_share:
        z -= news.quoted
    view = ev.opinion_frame or expert_view
    if view:
        z -= news.opinion_frame
    if ev.foretells:
        z -= news.future
    if ev.personal:
        z -= news.personal
    # a deed reported as done is checkable without a figure; someone's view of one is not
    if not (ev.specific or ((ev.past_event or ev.past_deed) and not view)):
        z -= news.unspecific
    return z


@dataclass
class SentenceReading:
    """One sentence as the scorer sees it: its span, evidence and where it sits on the page."""

    start: int
    end: int
    sent: Span  # the parsed sentence (without a line's speaker label or time stamp)
    evidence: SentenceEvidence
    quoted_share: float
    furniture: str | None


def _ents_by_sentence(doc: Doc, sentences: list[Span]) -> list[list[Span]]:
    """Each sentence's entities, in one pass over the document's entities."""
    groups: list[list[Span]] = [[] for _ in sentences]
    ents = list(doc.ents)
    i = 0
    for k, sent in enumerate(sentences):
        while i < len(ents) and ents[i].start < sent.start:
            i += 1
        j = i
        while j < len(ents) and ents[j].end <= sent.end:
            groups[k].append(ents[j])
            j += 1
        i = j
    return groups


def _after_line_label(
    sent: Span, ents: list[Span], full: str, start: int, tt: TokenTable, transcript: bool
) -> tuple[Span, list[Span], int]:
    """The sentence without a label opening its line (a clock time "13.08 The minister ...",
    a speaker "THE PRESIDENT: I have ..."): (span, entities, start character); the sentence
    itself when there is none."""
    if start and full[start - 1] != "\n":
        return sent, ents, start
    cut = start + leading_label_length(full[start : start + 60], transcript)
    if cut == start:
        return sent, ents, start
    k = sent.start
    while k < sent.end and tt.idx[k] < cut:
        k += 1
    if k >= sent.end:
        return sent, ents, start
    return sent.doc[k : sent.end], [e for e in ents if e.start >= k], tt.idx[k]


def read_sentences(
    doc: Doc, quotes: list[Quote], tt: TokenTable, layout: Layout
) -> list[SentenceReading]:
    """Every sentence with words in it, in document order, read once for scoring."""
    full = tt.doc_text  # Doc.text is rebuilt from the tokens on every access: read it once
    alpha, like_num = tt.is_alpha, tt.like_num
    inside = quoted_intervals(full, quotes)
    transcript = layout.is_transcript
    out: list[SentenceReading] = []
    sentences = list(doc.sents)
    for sent, ents in zip(sentences, _ents_by_sentence(doc, sentences), strict=True):
        span = _trim(full, sent.start_char, sent.end_char)
        if span is None or not any(alpha[i] or like_num[i] for i in range(sent.start, sent.end)):
            continue
        start, end = span
        where = line_context(full, start, end, transcript)
        sent, ents, start = _after_line_label(sent, ents, full, start, tt, transcript)
        ev = sentence_evidence(sent, ents, tt)
        has_word = True in alpha[sent.start : sent.end]
        near = [(a, b) for a, b in inside if a < end and b > start]
        furniture = furniture_kind(full[start:end], ev.words, has_word, where)
        turn = layout.turn_at(start) if transcript else None
        if furniture is None and turn is not None and turn.is_question:
            furniture = "question"  # a reporter's question in a transcript: not a claim made
        out.append(
            SentenceReading(
                start=start,
                end=end,
                sent=sent,
                evidence=ev,
                quoted_share=_share_inside(start, end, near),
                furniture=furniture,
            )
        )
    return out


def score_sentences(
    doc: Doc,
    quotes: list[Quote],
    table: TokenTable | None = None,
    layout: Layout | None = None,
) -> list[Claim]:
    """Every non-empty sentence as a Claim with its score, in document order."""
    model = load_model()
    tt = table if table is not None else token_table(doc)
    full = tt.doc_text
    layout = layout if layout is not None else read_layout(full)
    transcript = layout.is_transcript
    out: list[Claim] = []
    for r in read_sentences(doc, quotes, tt, layout):
        ev = r.evidence
        who = claimant_for(r.start, r.end, quotes, r.sent, layout)
        expert = who.source is not None and who.source.kind == "expert"
        z = model.logit(ev.features)
        z = corrected_logit(z, ev, r.quoted_share, r.furniture, transcript, expert)
        out.append(
            Claim(
                start=r.start,
                end=r.end,
                text=full[r.start : r.end],
                score=round(_sigmoid(z), 4),
                kind="other" if r.furniture else claim_kind(ev, reported=who.quote is not None),
                numbers=ev.numbers,
                entities=ev.entities,
                claimant=who.name,
                claimant_source=who.source,
            )
        )
    return out


def extract_claims(
    doc: Doc,
    quotes: list[Quote],
    threshold: float | None = None,
    table: TokenTable | None = None,
    layout: Layout | None = None,
) -> list[Claim]:
    """Sentences scoring at least `threshold` (default: the model's), most check-worthy first.

    `table`, `layout`: the document's token table and layout, when the caller has read them
    for other extractors."""
    cut = load_model().threshold if threshold is None else threshold
    ranked = sorted(
        (c for c in score_sentences(doc, quotes, table, layout) if c.score >= cut),
        key=lambda c: (-c.score, c.start),
    )
    claims: list[Claim] = []
    seen: set[str] = set()
    for c in ranked:  # only listed claims need a key: hashing every sentence is wasted work
        key = cluster_key(c.text)
        if key not in seen:  # a repeated sentence (boilerplate, standfirst) once
            seen.add(key)
            claims.append(c)
    return claims
