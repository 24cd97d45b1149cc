"""A parsed Doc's token attributes as plain Python columns, read once per document.

Every `token.lemma_` or `doc[i]` builds a Python object (a Token, then a string looked up in the
StringStore). Extractors that look at every token of every sentence pay that many times over;
`Doc.to_array` hands all the attribute ids over in one call, and the ids map to the same strings
through one cache shared by all documents (a string's id is a hash of the string, so the mapping
never depends on which pipeline made the Doc).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, fields
from typing import Any

import numpy as np
from spacy.attrs import (
    DEP,
    ENT_IOB,
    ENT_TYPE,
    HEAD,
    IDX,
    IS_ALPHA,
    IS_PUNCT,
    IS_SPACE,
    LEMMA,
    LIKE_NUM,
    LOWER,
    ORTH,
    POS,
    TAG,
)
from spacy.tokens import Doc

_ATTRS = [ORTH, LOWER, LEMMA, TAG, POS, DEP, ENT_TYPE, ENT_IOB, LIKE_NUM, IS_PUNCT, IS_SPACE]
_ATTRS += [IS_ALPHA, IDX, HEAD]
_IOB = ("", "I", "O", "B")  # Token.ent_iob_ for codes 0..3
_STRINGS: dict[int, str] = {}
_LOWERED: dict[int, str] = {}  # lemma id -> lower-case lemma
_DIGITS: dict[int, bool] = {}  # orth id -> whether the text holds a digit
_MAX_CACHED = 1_000_000


@dataclass(frozen=True, slots=True)
class TokenTable:
    """Column `k` of every list describes token `k` of `doc`; `head` holds absolute indices."""

    doc_text: str
    idx: list[int]
    text: list[str]
    lower: list[str]
    lemma: list[str]
    lemma_lower: list[str]
    tag: list[str]
    pos: list[str]
    dep: list[str]
    ent_type: list[str]
    ent_iob: list[str]
    like_num: list[bool]
    is_punct: list[bool]
    is_space: list[bool]
    is_alpha: list[bool]
    has_digit: list[bool]  # some character of the token's text is a digit
    head: list[int]

    def children(self, start: int, end: int) -> dict[int, list[int]]:
        """Dependents of each token in [start, end) that sit in that range (a sentence holds
        its whole tree), in document order."""
        out: dict[int, list[int]] = {}
        head = self.head
        for j in range(start, end):
            h = head[j]
            if h != j:
                out.setdefault(h, []).append(j)
        return out


def _through(cache: dict[int, Any], ids: list[int], make: Callable[[int], Any]) -> list[Any]:
    """`make(id)` for each id, computed once per distinct id in the process."""
    if len(cache) > _MAX_CACHED:
        cache.clear()
    out = list(map(cache.get, ids))
    if None in out:  # ids not seen before
        for k, v in enumerate(out):
            if v is None:
                h = ids[k]
                out[k] = cache[h] = make(h)
    return out


def has_digit(text: str) -> bool:
    """Some character of `text` is a digit (any script's, as `str.isdigit` says)."""
    return any(map(str.isdigit, text))


def strings_of(ids: list[int], strings: Any) -> list[str]:
    """The strings of these ids (hashes or symbols), through one cache for every document."""
    return _through(_STRINGS, ids, strings.__getitem__)


def token_table(doc: Doc) -> TokenTable:
    """The table of `doc` as it is annotated now (build it after the pipeline has run)."""
    n = len(doc)
    if n == 0:
        columns: dict[str, list] = {f.name: [] for f in fields(TokenTable) if f.name != "doc_text"}
        return TokenTable(doc_text=doc.text, **columns)
    arr = doc.to_array(_ATTRS)
    cols = arr[:, :8].T.tolist()  # ids of strings, and ENT_IOB codes
    orth, lower, lemma, tag, pos, dep, ent_type, iob = cols
    flags = arr[:, 8:12].astype(bool).T.tolist()
    like_num, punct, space, alpha = flags
    idx = arr[:, 12].tolist()
    # HEAD is a signed offset stored in an unsigned array: reinterpret it, then add the index.
    head = (arr[:, 13].view(np.int64) + np.arange(n, dtype=np.int64)).tolist()
    strings = doc.vocab.strings
    return TokenTable(
        doc_text=doc.text,
        idx=idx,
        text=strings_of(orth, strings),
        lower=strings_of(lower, strings),
        lemma=strings_of(lemma, strings),
        lemma_lower=_through(_LOWERED, lemma, lambda h: strings[h].lower()),
        has_digit=_through(_DIGITS, orth, lambda h: has_digit(strings[h])),
        tag=strings_of(tag, strings),
        pos=strings_of(pos, strings),
        dep=strings_of(dep, strings),
        ent_type=strings_of(ent_type, strings),
        ent_iob=list(map(_IOB.__getitem__, iob)),
        like_num=like_num,
        is_punct=punct,
        is_space=space,
        is_alpha=alpha,
        head=head,
    )
