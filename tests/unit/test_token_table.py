"""The token table must hold exactly what the Token objects say, column by column."""

from __future__ import annotations

import pytest

from claimdesk.nlp.token_table import token_table

TEXTS = (
    "“We will not retreat,” said Gen. Oleksandr Syrskyi in Kyiv on Tuesday.\n\n"
    "  Prices rose 4.5% in 2023 — the most since 1991 — according to the ministry.\n"
    "Zürich's mayor, née Müller, didn't say whether 3,400 jobs were cut.\t\tOK?",
    "",
    "   \n\n  ",
)


@pytest.mark.parametrize("text", TEXTS)
def test_columns_match_the_tokens(nlp, text):
    doc = nlp(text)
    tt = token_table(doc)
    assert tt.doc_text == doc.text
    for name, read in (
        ("idx", lambda t: t.idx),
        ("text", lambda t: t.text),
        ("lower", lambda t: t.lower_),
        ("lemma", lambda t: t.lemma_),
        ("tag", lambda t: t.tag_),
        ("pos", lambda t: t.pos_),
        ("dep", lambda t: t.dep_),
        ("ent_type", lambda t: t.ent_type_),
        ("ent_iob", lambda t: t.ent_iob_),
        ("like_num", lambda t: t.like_num),
        ("is_punct", lambda t: t.is_punct),
        ("is_space", lambda t: t.is_space),
        ("is_alpha", lambda t: t.is_alpha),
        ("lemma_lower", lambda t: t.lemma_.lower()),
        ("has_digit", lambda t: any(c.isdigit() for c in t.text)),
        ("head", lambda t: t.head.i),
    ):
        assert getattr(tt, name) == [read(t) for t in doc], name


def test_children_are_the_dependents_within_each_sentence(nlp):
    doc = nlp(TEXTS[0])
    tt = token_table(doc)
    for sent in doc.sents:
        kids = tt.children(sent.start, sent.end)
        for t in sent:
            assert kids.get(t.i, []) == sorted(c.i for c in t.children)
