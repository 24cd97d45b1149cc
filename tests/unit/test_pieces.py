"""Long texts are analysed in pieces and merged back with offsets into the whole text."""

from __future__ import annotations

import functools

from claimdesk.nlp import pipeline
from claimdesk.nlp.pieces import piece_bounds
from claimdesk.nlp.pipeline import analyze_doc, analyze_text, analyze_texts

PARAGRAPH = (
    "Mayor Ana Ruiz said on Monday that the city of Springfield will spend ${n} million on "
    'flood walls. "We cannot wait for another storm," Ruiz told reporters in Springfield.'
)


def long_text(paragraphs: int) -> str:
    return "\n\n".join(PARAGRAPH.replace("{n}", str(i + 10)) for i in range(paragraphs))


def test_piece_bounds_cover_the_text_and_cut_at_paragraphs():
    text = long_text(3000)  # about 520,000 characters
    bounds = piece_bounds(text, 100_000)
    assert bounds[0][0] == 0 and bounds[-1][1] == len(text)
    assert all(a[1] == b[0] for a, b in zip(bounds, bounds[1:], strict=False))
    assert all(0 < end - start <= 100_000 for start, end in bounds)
    assert all(text[end - 2 : end] == "\n\n" for _, end in bounds[:-1])
    assert piece_bounds("x" * 250, 100) == [(0, 100), (100, 200), (200, 250)]
    assert piece_bounds("", 100) == [(0, 0)]


def test_a_long_text_is_analysed_in_pieces_with_offsets_into_the_whole(nlp, monkeypatch):
    # pieces of 10,000 characters instead of 100,000: the same code on a tenth of the text
    monkeypatch.setattr(pipeline, "piece_bounds", functools.partial(piece_bounds, max_chars=10_000))
    text = long_text(130)  # about 22,500 characters: three pieces
    assert len(pipeline.piece_bounds(text)) == 3
    analysis = analyze_text(text, nlp=nlp)
    assert len(analysis.quotes) >= 2 * 130 * 0.9
    for q in analysis.quotes:
        assert text[q.start : q.end] == q.text
        if q.speaker_start is not None:
            assert text[q.speaker_start : q.speaker_end] in ("Ana Ruiz", "Ruiz", "Mayor Ana Ruiz")
    for c in analysis.claims:
        assert text[c.start : c.end] == c.text
        assert all(text[f.start : f.end] == f.text for f in c.figures)
    assert any(f.start > 20_000 for c in analysis.claims for f in c.figures)
    places = [m for m in analysis.places if m.place is not None]
    assert len(places) >= 2 * 130 * 0.9
    assert all(text[m.start : m.end] == m.surface for m in analysis.places)
    assert len({s.name for s in analysis.sources}) == len(analysis.sources)
    assert analysis.claims == sorted(analysis.claims, key=lambda c: (-c.score, c.start))
    last = max(analysis.quotes, key=lambda q: q.start)
    assert last.start > 20_000  # the last piece's quotes are there, moved to their place


def test_short_texts_are_analysed_as_one_doc(nlp):
    texts = [long_text(2), long_text(3)]
    for text, got in zip(texts, analyze_texts(texts, nlp=nlp), strict=True):
        assert got == analyze_doc(nlp(text))
