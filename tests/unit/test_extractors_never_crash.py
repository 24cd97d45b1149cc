"""Property tests: over arbitrary text the extractors never raise, and every span they return
lies inside the text and matches the substring it claims to be."""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from claimdesk.model import Analysis
from claimdesk.nlp.pipeline import analyze_doc

QUOTE_MARKS = ['"', "“", "”", "‘", "’", "''", "``", "«", "»", "'", "„", "‹", "›"]
WORDS = [
    "said",
    "told",
    "according",
    "to",
    "President",
    "Yu",
    "he",
    "she",
    "they",
    "Moscow",
    "Kursk",
    "region",
    "the",
    "Paris",
    "Texas",
    "42",
    "percent",
    "$3 million",
    "—",
    "-",
    ",",
    ".",
    "?",
    "!",
    ":",
    ";",
    "(",
    ")",
    "\n",
    "\n\n",
    "Ms.",
    "Dr.",
    "U.S.",
    "e.g.",
    "•",
    "*",
    "<script>",
    "&amp;",
    "😀",
    "ﬁ",
    "\u200b",
    "\t",
    "Mr",
    "Smith",
    "warned",
    "in",
    "view",
]

fragments = st.one_of(
    st.sampled_from(WORDS),
    st.sampled_from(QUOTE_MARKS),
    st.text(min_size=1, max_size=12),
)
documents = st.lists(fragments, min_size=0, max_size=120).map(" ".join)
unicode_soup = st.text(max_size=400)
long_sentence = st.integers(min_value=300, max_value=1500).map(
    lambda n: "The minister said that " + " and ".join(f"item {i} rose" for i in range(n)) + "."
)


def check_spans(text: str, a: Analysis) -> None:
    n = len(text)
    for q in a.quotes:
        assert 0 <= q.start < q.end <= n
        assert q.text == text[q.start : q.end]
        if q.speaker_start is not None:
            assert 0 <= q.speaker_start < q.speaker_end <= n
    for c in a.claims:
        assert 0 <= c.start < c.end <= n
        assert c.text == text[c.start : c.end]
        assert 0.0 <= c.score <= 1.0
    for m in a.places:
        assert 0 <= m.start < m.end <= n
        assert m.surface == text[m.start : m.end]
        assert 0.0 <= m.confidence <= 1.0


SETTINGS = settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@SETTINGS
@given(text=documents)
def test_quote_marks_and_news_words_in_any_order(nlp, text):
    check_spans(text, analyze_doc(nlp(text)))


@SETTINGS
@given(text=unicode_soup)
def test_arbitrary_unicode(nlp, text):
    check_spans(text, analyze_doc(nlp(text)))


@settings(max_examples=5, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(text=long_sentence)
def test_very_long_sentences(nlp, text):
    check_spans(text, analyze_doc(nlp(text)))


def test_unbalanced_marks_in_a_real_shape(nlp):
    text = (
        "“We will not leave, said the mayor.\n\n"
        "The council met on Monday. Critics said the plan costs $4 million.\n\n"
        "‘It is over,’ she added. ''Nothing more`` to say."
    )
    a = analyze_doc(nlp(text))
    check_spans(text, a)
    assert not any(q.start < text.index("The council") < q.end for q in a.quotes)
