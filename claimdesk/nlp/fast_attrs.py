"""A faster way to find the attribute ruler's matches, with exactly the same result.

spaCy's `attribute_ruler` (tag map to POS and morphology, plus lemma and POS exceptions) runs
a `Matcher` that tries all of its ~180 patterns at every token; that costs about as much as
the parser. Almost every pattern is one token with equality / IN / NOT_IN tests on TAG, LOWER,
DEP or IS_SPACE, so they can be indexed by the token's lower-case form or tag and checked with
a dict lookup. The remaining patterns (several tokens, regular expressions, a target index other
than 0) still go through a small `Matcher`. The ruler then applies the matches itself, in its
own order (later rules win), so the annotations are identical; tests/unit/test_fast_attrs.py
compares the two.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

from spacy.attrs import IDS, LEMMA, MORPH, ORTH, POS
from spacy.matcher import Matcher
from spacy.pipeline import AttributeRuler
from spacy.tokens import Doc

# Token attributes whose `Doc.to_array` value equals the pattern value's string hash (or bool)
_INDEXABLE = ("LOWER", "ORTH", "NORM", "TAG", "DEP", "IS_SPACE")
_BUCKET_ORDER = ("LOWER", "ORTH", "NORM", "TAG")

Test = tuple[int, frozenset[int], bool]  # (column, values, wanted: True = IN, False = NOT_IN)
Rule = tuple[int, int, tuple[Test, ...]]  # (rule id, match id, tests)
Match = tuple[int, int, int, int]  # what AttributeRuler.match returns
_LEMMA_ATTRS = [ORTH, POS, MORPH, LEMMA]


def _values(vocab: Any, spec: Any) -> tuple[frozenset[int], bool] | None:  # noqa: ANN401
    """The accepted values of one attribute test as hashes, or None when not indexable."""

    def h(v: Any) -> int:  # noqa: ANN401
        if isinstance(v, bool):
            return int(v)
        if isinstance(v, str):
            return vocab.strings.add(v) if v else 0
        raise TypeError(v)

    try:
        if isinstance(spec, dict):
            if set(spec) == {"IN"}:
                return frozenset(h(v) for v in spec["IN"]), True
            if set(spec) == {"NOT_IN"}:
                return frozenset(h(v) for v in spec["NOT_IN"]), False
            return None
        return frozenset((h(spec),)), True
    except TypeError:
        return None


class FastAttributeMatch:
    """Replaces `AttributeRuler.match` on one ruler instance (see module docstring)."""

    def __init__(self, ruler: AttributeRuler) -> None:
        vocab = ruler.vocab
        self.ruler = ruler
        self.columns: list[str] = []
        self.buckets: dict[tuple[int, int], list[Rule]] = {}
        self.always: list[Rule] = []
        self.fallback = Matcher(vocab)  # all the others, for counting and tests
        # each other pattern alone, with what its first token needs (checked per doc)
        self.fallback_each: list[tuple[list[tuple[str, Any]], Matcher]] = []
        compiled: list[tuple[int, int, dict[str, tuple[frozenset[int], bool]]]] = []
        for rule_id, entry in enumerate(ruler.patterns):
            match_id = vocab.strings.add(str(rule_id))
            for pattern in entry["patterns"]:
                tests = self._compile(vocab, pattern, entry.get("index", 0))
                if tests is None:
                    self.fallback.add(match_id, [pattern])
                    alone = Matcher(vocab)
                    alone.add(match_id, [pattern])
                    self.fallback_each.append((self._triggers(vocab, pattern[0]), alone))
                else:
                    compiled.append((rule_id, match_id, tests))
        for rule_id, match_id, tests in compiled:
            col = {a: self._column(a) for a in tests}
            bucket = next(
                (a for a in _BUCKET_ORDER if a in tests and tests[a][1]),
                None,
            )
            rest = tuple(
                (col[a], vals, wanted) for a, (vals, wanted) in tests.items() if a != bucket
            )
            rule = (rule_id, match_id, rest)
            if bucket is None:
                self.always.append(rule)
            else:
                for v in tests[bucket][0]:
                    self.buckets.setdefault((col[bucket], v), []).append(rule)
        self.attr_ids = [IDS[a] for a in self.columns]
        self._memo: dict[tuple[int, ...], list[tuple[int, int]]] = {}
        self.bucket_columns = sorted({c for c, _ in self.buckets})

    def _column(self, attr: str) -> int:
        if attr not in self.columns:
            self.columns.append(attr)
        return self.columns.index(attr)

    def _triggers(self, vocab: Any, first: dict) -> list[tuple[str, Any]]:  # noqa: ANN401
        """Necessary conditions on a doc for a pattern to match: a value its first token needs
        (`in`, a set of hashes of one column) or a regex its first token's text must match."""
        out: list[tuple[str, Any]] = []
        for attr, spec in first.items():
            if attr not in _INDEXABLE:
                continue
            if isinstance(spec, dict) and set(spec) == {"REGEX"} and attr in ("LOWER", "ORTH"):
                out.append(("regex", (self._column(attr), re.compile(spec["REGEX"]))))
                continue
            got = _values(vocab, spec)
            if got is not None and got[1]:
                out.append(("in", (self._column(attr), got[0])))
        return out

    @staticmethod
    def _compile(
        vocab: Any,  # noqa: ANN401
        pattern: list[dict],
        index: int,
    ) -> dict[str, tuple[frozenset[int], bool]] | None:
        if len(pattern) != 1 or index not in (0, -1):
            return None
        tests: dict[str, tuple[frozenset[int], bool]] = {}
        for attr, spec in pattern[0].items():
            if attr not in _INDEXABLE:
                return None
            got = _values(vocab, spec)
            if got is None:
                return None
            tests[attr] = got
        return tests

    def _rules_of(self, row: tuple[int, ...]) -> list[tuple[int, int]]:
        """(rule id, match id) of the single-token rules a token with these values matches."""
        found = [r for c in self.bucket_columns for r in self.buckets.get((c, row[c]), ())]
        return [
            (rule_id, match_id)
            for rule_id, match_id, tests in found + self.always
            if all((row[c] in vals) == wanted for c, vals, wanted in tests)
        ]

    def __call__(self, doc: Doc) -> list[Match]:
        matches: list[Match] = []
        if len(doc):
            rows = doc.to_array(self.attr_ids).tolist()
            if len(self.attr_ids) == 1:
                rows = [[v] for v in rows]
            memo = self._memo  # the same (tag, lower, dep, space) recurs: decide it once
            if len(memo) > 200_000:
                memo.clear()
            for i, row in enumerate(rows):
                key = tuple(row)
                rules = memo.get(key)
                if rules is None:
                    rules = memo[key] = self._rules_of(key)
                for rule_id, match_id in rules:
                    matches.append((rule_id, match_id, i, i + 1))
        if self.fallback_each and len(doc):
            present = [set(col) for col in zip(*rows, strict=True)]
            strings = doc.vocab.strings
            for triggers, matcher in self.fallback_each:
                if not all(self._may_match(kind, arg, present, strings) for kind, arg in triggers):
                    continue  # its first token cannot occur in this doc
                for m_id, s, e in matcher(doc, allow_missing=True, as_spans=False):
                    matches.append((int(strings[m_id]), m_id, s, e))
        matches.sort()
        return matches

    @staticmethod
    def _may_match(kind: str, arg: Any, present: list[set[int]], strings: Any) -> bool:  # noqa: ANN401
        col, test = arg
        if kind == "in":
            return not test.isdisjoint(present[col])
        return any(test.search(strings[h]) for h in present[col])


def _lemmatize_memoised(self: Any, doc: Doc) -> Doc:  # noqa: ANN401 - a spaCy Lemmatizer
    """`Lemmatizer.__call__` with the same lemmas, decided once per distinct (text, POS,
    morphology) instead of once per token.

    The rule lemmatizer is a pure function of those three (its own cache is keyed on them, but
    base forms skip that cache and every token pays a Python call). Lemmas already set (by the
    attribute ruler's exceptions) are kept, as the lemmatizer does without `overwrite`.
    """
    if self.overwrite or self.mode != "rule" or not self._validated or not len(doc):
        return super(type(self), self).__call__(doc)  # also validates the tables once
    rows = doc.to_array(_LEMMA_ATTRS)
    memo = self.__dict__.setdefault("_claimdesk_memo", {})
    if len(memo) > 500_000:
        memo.clear()
    strings = doc.vocab.strings
    changed = False
    for i, (orth, pos, morph, lemma) in enumerate(rows.tolist()):
        if lemma:
            continue
        key = (orth, pos, morph)
        got = memo.get(key)
        if got is None:
            got = memo[key] = strings.add(self.lemmatize(doc[i])[0])
        rows[i, 3] = got
        changed = True
    if changed:
        doc.from_array([LEMMA], rows[:, 3:4].copy())
    return doc


def speed_up_lemmatizer(lemmatizer: Any) -> None:  # noqa: ANN401 - a spaCy Lemmatizer
    """Makes this lemmatizer instance use `_lemmatize_memoised` (its pipe name is unchanged)."""
    cls = type(lemmatizer)
    if getattr(cls, "_claimdesk_fast", False):
        return
    lemmatizer.__class__ = type(
        f"Memoised{cls.__name__}",
        (cls,),
        {"__call__": _lemmatize_memoised, "_claimdesk_fast": True},
    )


def speed_up_attribute_ruler(ruler: AttributeRuler) -> Callable[[Doc], list[Match]]:
    """Installs the indexed matcher on this ruler instance; returns the original `match`."""
    original = ruler.match
    ruler.match = FastAttributeMatch(ruler)  # type: ignore[method-assign]
    return original
