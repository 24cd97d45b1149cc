"""BM25 (claimdesk.matching.lexical) on a small hand-made collection, checked against the
formula written out here, and the text clean-up before matching."""

from __future__ import annotations

import math

import numpy as np
import pytest

from claimdesk.matching.lexical import BM25Index, terms
from claimdesk.matching.normalise import has_words, normalise_text

DOCS = [
    "Vaccines cause autism in children",
    "The moon landing was filmed in a studio",
    "Drinking bleach cures the virus",
    "Children's vaccines contain microchips, vaccines say",
    "",
]


def bm25_by_hand(query: str, docs: list[str], k1: float = 1.2, b: float = 0.75) -> list[float]:
    tokenised = [terms(d) for d in docs]
    avg = sum(map(len, tokenised)) / len(tokenised)
    n = len(docs)
    scores = []
    for doc in tokenised:
        total = 0.0
        for q in set(terms(query)):
            df = sum(q in d for d in tokenised)
            tf = doc.count(q)
            if not df or not tf:
                continue
            idf = math.log(1 + (n - df + 0.5) / (df + 0.5))
            total += idf * tf * (k1 + 1) / (tf + k1 * (1 - b + b * len(doc) / avg))
        scores.append(total)
    return scores


def test_terms_drop_function_words_and_plural_endings():
    assert terms("The vaccines were given to Children's hospitals") == [
        "vaccine",
        "given",
        "children",
        "hospital",
    ]
    assert terms("") == [] and terms("😂 !!") == []
    assert terms("virus") == ["virus"]  # not "viru"


@pytest.mark.parametrize("query", ["vaccines autism", "moon studio", "bleach virus children"])
def test_scores_follow_the_bm25_formula(query):
    index = BM25Index()
    index.add(DOCS)
    assert np.allclose(index.scores(query), bm25_by_hand(query, DOCS), atol=1e-5)


def test_rare_term_ranks_its_document_first():
    index = BM25Index()
    index.add(DOCS)
    scores = index.scores("microchips in vaccines")
    assert int(np.argmax(scores)) == 3
    assert scores[1] == 0 and scores[4] == 0


def test_unknown_and_empty_queries_score_nothing():
    index = BM25Index()
    index.add(DOCS)
    for query in ("zebra quantum", "", "the of and", "🙂"):
        assert not index.scores(query).any()
    assert BM25Index().scores("vaccines").shape == (0,)


def test_adding_documents_updates_idf_and_replacing_changes_a_document():
    index = BM25Index()
    index.add(DOCS[:2])
    index.add(DOCS[2:])
    assert np.allclose(index.scores("vaccines autism"), bm25_by_hand("vaccines autism", DOCS))
    index.replace(1, "Vaccines were tested on the moon")
    index.rebuild()
    changed = [*DOCS[:1], "Vaccines were tested on the moon", *DOCS[2:]]
    assert np.allclose(index.scores("moon vaccines"), bm25_by_hand("moon vaccines", changed))


def test_tweet_clean_up():
    tweet = (
        "Obama banned the #PledgeOfAllegiance! https://t.co/AbC123 pic.twitter.com/xYz "
        "via @FoxNews — Jane Doe (@jane_doe99) January 6, 2020"
    )
    assert normalise_text(tweet) == (
        "Obama banned the Pledge Of Allegiance ! via Fox News — Jane Doe"
    )
    assert normalise_text(tweet, keep_author=False) == (
        "Obama banned the Pledge Of Allegiance ! via Fox News"
    )
    # a link glued to the trailer's dash, and HTML entities
    assert normalise_text("Read this https://t.co/x— Bob (@bob) May 1, 2017") == ("Read this — Bob")
    assert normalise_text("Tom &amp; Jerry") == "Tom & Jerry"
    assert normalise_text("") == "" and normalise_text("a — b") == "a — b"


def test_has_words():
    assert has_words("COVID 19") and has_words("5G")
    assert not has_words("") and not has_words("😂🔥 !!") and not has_words(" — ")


def test_saved_arrays_give_the_same_index():
    index = BM25Index()
    index.add(DOCS)
    index.replace(0, "Autism and vaccines again")
    index.rebuild()
    again = BM25Index.from_arrays(index.arrays())
    assert again is not None and len(again) == len(index)
    for query in ("vaccines autism", "moon studio", "nothing here"):
        assert np.array_equal(again.scores(query), index.scores(query))
    again.add(["A new document about the moon"])
    assert len(again) == len(DOCS) + 1 and again.scores("moon")[-1] > 0


def test_arrays_of_another_version_are_not_used():
    index = BM25Index()
    index.add(DOCS)
    arrays = index.arrays()
    arrays["bm25_params"] = np.array([1.2, 0.75, -1.0])
    assert BM25Index.from_arrays(arrays) is None


def test_clean_up_stays_linear_on_pathological_text():
    import time

    for text in (" " * 300_000 + "x", "— " * 100_000, "— abc " * 30_000 + "(@x)", "#" * 100_000):
        start = time.perf_counter()
        normalise_text(text)
        assert time.perf_counter() - start < 2.0, text[:10]
