"""The indexed attribute-ruler matcher must find exactly what spaCy's Matcher finds."""

from __future__ import annotations

import pytest

from claimdesk.nlp.fast_attrs import FastAttributeMatch

# Exceptions the ruler handles with multi-token, regex and DEP/IS_SPACE patterns
TRICKY = (
    "We're gonna see y'all tomorrow, ain't it? Let's go now. C'mon, nothin' gets got here.\n\n"
    "There is a dog and there are cats, but that was not what she had said to them.  \n"
    "The mayor, who has been in office, didn't say whether those plans were final."
)


@pytest.fixture(scope="module")
def ruler(nlp):
    return nlp.get_pipe("attribute_ruler")


def _parsed(nlp, text):
    with nlp.select_pipes(disable=["attribute_ruler", "lemmatizer", "ner"]):
        return nlp(text)


def _original_matches(ruler, doc):
    return sorted(
        (int(ruler.vocab.strings[m]), m, s, e)
        for m, s, e in ruler.matcher(doc, allow_missing=True, as_spans=False)
    )


@pytest.mark.parametrize("which", ["tricky", "demo"])
def test_same_matches_as_the_matcher(nlp, ruler, demo_text, which):
    doc = _parsed(nlp, TRICKY if which == "tricky" else demo_text)
    expected = _original_matches(ruler, doc)
    assert expected  # the comparison means something only if there are matches
    assert FastAttributeMatch(ruler)(doc) == expected


def test_most_patterns_are_indexed_and_the_rest_fall_back(ruler):
    fast = FastAttributeMatch(ruler)
    assert 0 < len(fast.fallback) < len(ruler.patterns) // 4
    assert fast.buckets


def test_installed_ruler_gives_the_same_annotations(nlp):
    import spacy

    from claimdesk.settings import spacy_model_name

    plain = spacy.load(spacy_model_name(), exclude=["ner"])
    ours = nlp(TRICKY)
    ref = plain(TRICKY)
    assert [(t.pos_, str(t.morph), t.lemma_) for t in ours] == [
        (t.pos_, str(t.morph), t.lemma_) for t in ref
    ]
    assert isinstance(nlp.get_pipe("attribute_ruler").match, FastAttributeMatch)


def test_empty_doc(nlp, ruler):
    assert FastAttributeMatch(ruler)(nlp.make_doc("")) == []


def test_memoised_lemmatizer_gives_spacys_lemmas(nlp, demo_text):
    import spacy

    from claimdesk.nlp.fast_attrs import speed_up_lemmatizer
    from claimdesk.settings import spacy_model_name

    plain = spacy.load(spacy_model_name(), exclude=["ner"])
    text = TRICKY + "\n\n" + demo_text
    expected = [t.lemma_ for t in plain(text)]
    lem = plain.get_pipe("lemmatizer")
    speed_up_lemmatizer(lem)
    assert type(lem).__name__.startswith("Memoised")
    assert [t.lemma_ for t in plain(text)] == expected  # the first call validates the tables
    assert [t.lemma_ for t in plain(text)] == expected  # memoised from here on
    assert lem._claimdesk_memo
    assert type(nlp.get_pipe("lemmatizer")).__name__.startswith("Memoised")


def _blank_ruler_pipeline(patterns):
    import spacy

    nlp = spacy.blank("en")
    ruler = nlp.add_pipe("attribute_ruler")
    ruler.add_patterns(patterns)
    return nlp, ruler


CUSTOM_PATTERNS = [
    {"patterns": [[{"LOWER": "the"}]], "attrs": {"POS": "DET", "MORPH": "Definite=Def"}},
    {"patterns": [[{"LOWER": {"IN": ["dog", "cat"]}}]], "attrs": {"POS": "NOUN", "LEMMA": "pet"}},
    # a later rule overrides an earlier one on the same token
    {"patterns": [[{"LOWER": "dog"}]], "attrs": {"LEMMA": "hound", "TAG": "NN"}},
    # several tokens, the target not the first one
    {
        "patterns": [[{"LOWER": "there"}, {"LOWER": {"IN": ["is", "are"]}}]],
        "attrs": {"POS": "AUX"},
        "index": 1,
    },
    # a regex (spaCy's own matcher) and a negative index
    {
        "patterns": [[{"LOWER": {"REGEX": "^y'?$"}}, {"LOWER": "all"}]],
        "attrs": {"LEMMA": "you"},
        "index": -2,
    },
    {"patterns": [[{"IS_SPACE": True}]], "attrs": {"POS": "SPACE", "DEP": "dep"}},
    {
        "patterns": [[{"LOWER": {"NOT_IN": ["the", "dog"]}, "IS_SPACE": False}]],
        "attrs": {"MORPH": "Foo=Bar"},
    },
]


def test_writer_sets_what_spacy_sets_for_any_rules():
    from claimdesk.nlp.fast_attrs import speed_up_attribute_ruler

    text = "The dog and the cat.  There is y'all there are   the DOG\n\nthere"
    plain_nlp, _ = _blank_ruler_pipeline(CUSTOM_PATTERNS)
    fast_nlp, ruler = _blank_ruler_pipeline(CUSTOM_PATTERNS)
    speed_up_attribute_ruler(ruler)
    assert type(ruler).__name__.startswith("Indexed")

    def sig(doc):
        return [(t.pos_, str(t.morph), t.lemma_, t.tag_, t.dep_) for t in doc]

    expected, got = sig(plain_nlp(text)), sig(fast_nlp(text))
    assert got == expected
    assert {"hound", "you"} <= {lemma for _, _, lemma, _, _ in got}
    assert sig(fast_nlp("")) == []


def test_writer_raises_spacys_error_for_an_index_outside_the_match():
    from claimdesk.nlp.fast_attrs import speed_up_attribute_ruler

    bad = [{"patterns": [[{"LOWER": "a"}, {"LOWER": "b"}]], "attrs": {"POS": "X"}, "index": 3}]
    plain_nlp, _ = _blank_ruler_pipeline(bad)
    fast_nlp, ruler = _blank_ruler_pipeline(bad)
    speed_up_attribute_ruler(ruler)
    with pytest.raises(ValueError) as plain_err:
        plain_nlp("a b")
    with pytest.raises(ValueError) as fast_err:
        fast_nlp("a b")
    assert str(fast_err.value) == str(plain_err.value)
