"""Sentence boundaries from layout: headlines, bylines, lists, one sentence per line, `."`."""

from __future__ import annotations

import pytest

from claimdesk.nlp.sentences import COMPONENT_NAME


def _sents(nlp, text: str) -> list[str]:
    return [s.text.strip() for s in nlp(text).sents if s.text.strip()]


def test_component_runs_before_parser(nlp):
    names = nlp.pipe_names
    assert COMPONENT_NAME in names
    assert names.index(COMPONENT_NAME) < names.index("parser")


def test_headline_byline_and_body_are_separate(nlp):
    text = (
        "Flood waters reach record height in river town\n"
        "By Maria Gonzalez\n"
        "The river rose to 9.2 metres on Tuesday, the highest level since 1953."
    )
    assert _sents(nlp, text) == [
        "Flood waters reach record height in river town",
        "By Maria Gonzalez",
        "The river rose to 9.2 metres on Tuesday, the highest level since 1953.",
    ]


def test_bullet_list_items_are_sentences(nlp):
    text = (
        "The council approved three measures:\n"
        "- a new bus lane on Market Street\n"
        "- longer library hours\n"
        "• a ban on single-use plastic cups"
    )
    sents = _sents(nlp, text)
    assert sents[1:] == [
        "- a new bus lane on Market Street",
        "- longer library hours",
        "• a ban on single-use plastic cups",
    ]


def test_inline_bullets_keep_their_text(nlp):
    sents = _sents(nlp, "Key points • prices fell sharply • wages grew slowly")
    assert "• prices fell sharply" in sents
    assert "• wages grew slowly" in sents


@pytest.mark.parametrize("sep", ["\n", "\n\n", "\r\n"])
def test_one_sentence_per_line_without_periods(nlp, sep):
    lines = ["we lost the vote in the senate", "the budget passed anyway", "thank you all"]
    assert _sents(nlp, sep.join(lines)) == lines


def test_closing_quote_after_period_stays_with_its_sentence(nlp):
    text = 'The mayor said "We will rebuild the bridge." Work starts in May.'
    assert _sents(nlp, text) == [
        'The mayor said "We will rebuild the bridge."',
        "Work starts in May.",
    ]
    curly = "She told reporters: “The plant will close.” Nobody objected."
    assert _sents(nlp, curly)[0].endswith("close.”")
