"""Word lists are kept in the form they are compared in.

The cue lexicon is compared with lemmas; an entry the pipeline never gives as a lemma ("eyes",
"data") silently never matches. Each single-word entry must come out as a lemma in at least one
ordinary sentence of its part of speech.
"""

from __future__ import annotations

import pytest
import spacy

from claimdesk.nlp.lexicons.cues import CueLexicon
from claimdesk.nlp.quotes import extract_quotes
from claimdesk.settings import spacy_model_name

TEMPLATES = {
    "NOUN": [
        "We discussed the {w} yesterday.",
        "The {w} was clear.",
        "The {w} were clear.",
        "In the {w} of critics, it failed.",
        "{W} to the team.",
    ],
    "VERB": ["They {w} it.", "She will {w} that it works.", "He {w}s that.", "They {w}ed it."],
    "ADJ": ["She is {w} that it works."],
}
GROUPS = {
    "speech": "VERB",
    "belief": "VERB",
    "act": "VERB",
    "light_acts": "VERB",
    "publishing": "VERB",
    "nouns": "NOUN",
    "speech_act_nouns": "NOUN",
    "view_nouns": "NOUN",
    "document_nouns": "NOUN",
    "adjectives": "ADJ",
}


@pytest.fixture(scope="module")
def stock_nlp():
    """spaCy's own pipeline (its own lemmatizer), the reference for what a lemma is."""
    return spacy.load(spacy_model_name())


def _is_lemma(nlp, word: str, pos: str) -> bool:
    texts = [t.format(w=word, W=word.capitalize()) for t in TEMPLATES[pos]]
    return any(
        tok.lemma_.lower() == word
        for doc in nlp.pipe(texts)
        for tok in doc
        if tok.lower_[:3] == word[:3]
    )


@pytest.mark.parametrize("group", sorted(GROUPS))
def test_every_cue_entry_is_a_lemma(stock_nlp, group):
    words = sorted(w for w in getattr(CueLexicon(), group) if " " not in w)
    not_lemmas = [w for w in words if not _is_lemma(stock_nlp, w, GROUPS[group])]
    assert not_lemmas == []


def test_a_plural_entry_is_caught(stock_nlp):
    assert not _is_lemma(stock_nlp, "eyes", "NOUN")
    assert _is_lemma(stock_nlp, "eye", "NOUN")


@pytest.mark.parametrize("noun", ["view", "eyes", "words"])
def test_in_the_eyes_of_is_a_view_like_in_the_view_of(nlp, noun):
    text = f"In the {noun} of the auditors, the council spent the reserve on salaries."
    quotes = extract_quotes(nlp(text))
    assert [(q.text, q.speaker) for q in quotes] == [
        ("the council spent the reserve on salaries.", "the auditors")
    ]


@pytest.mark.parametrize(
    "text",
    [
        "I will never forget the pain in their eyes and the sadness in their voices.",
        "He was a hero in the eyes of his children, who loved him.",
        "Next came the song See It In A Boy's Eyes, which reached number one.",
    ],
)
def test_eyes_that_are_only_eyes_are_no_view(nlp, text):
    assert extract_quotes(nlp(text)) == []
