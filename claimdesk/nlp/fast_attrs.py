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

import numpy as np
from spacy.attrs import DEP, IDS, LEMMA, MORPH, ORTH, POS, TAG
from spacy.matcher import Matcher
from spacy.pipeline import AttributeRuler
from spacy.tokens import Doc
from spacy.tokens._retokenize import set_token_attrs

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
        # several tokens, each with indexable tests and no operators ("there is", "gon na"):
        # matched on the columns, after the same first-token check
        sequences: list[tuple[int, int, list[dict[str, tuple[frozenset[int], bool]]]]] = []
        compiled: list[tuple[int, int, dict[str, tuple[frozenset[int], bool]]]] = []
        for rule_id, entry in enumerate(ruler.patterns):
            match_id = vocab.strings.add(str(rule_id))
            for pattern in entry["patterns"]:
                tests = self._compile(vocab, pattern, entry.get("index", 0))
                steps = [self._compile_token(vocab, spec) for spec in pattern]
                if tests is None and len(pattern) > 1 and all(st is not None for st in steps):
                    sequences.append((rule_id, match_id, steps))  # type: ignore[arg-type]
                    self.fallback.add(match_id, [pattern])
                elif tests is None:
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
        self.sequences = [
            (
                rule_id,
                match_id,
                [
                    [(self._column(a), vals, wanted) for a, (vals, wanted) in st.items()]
                    for st in steps
                ],
            )
            for rule_id, match_id, steps in sequences
        ]
        self.attr_ids = [IDS[a] for a in self.columns]
        self._memo: dict[tuple[int, ...], list[tuple[int, int]]] = {}
        self._regex_seen: dict[re.Pattern[str], tuple[set[int], set[int]]] = {}
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
        return FastAttributeMatch._compile_token(vocab, pattern[0])

    @staticmethod
    def _compile_token(
        vocab: Any,  # noqa: ANN401
        token_spec: dict,
    ) -> dict[str, tuple[frozenset[int], bool]] | None:
        """Equality / IN / NOT_IN tests of one token on indexable attributes, else None."""
        tests: dict[str, tuple[frozenset[int], bool]] = {}
        for attr, spec in token_spec.items():
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

    def distinct_rows(self, doc: Doc) -> tuple[list[list[int]], np.ndarray, np.ndarray]:
        """The distinct value rows of the tested columns, each token's row number, and the
        columns themselves (tokens x columns)."""
        arr = doc.to_array(self.attr_ids).reshape(len(doc), len(self.attr_ids))
        uniq, inverse = np.unique(arr, axis=0, return_inverse=True)
        return uniq.tolist(), inverse.reshape(-1), arr

    def rules_of_rows(self, rows: list[list[int]]) -> list[list[tuple[int, int]]]:
        """Per row, (rule id, match id) of the single-token rules it matches."""
        memo = self._memo  # the same (tag, lower, dep, space) recurs: decide it once
        if len(memo) > 200_000:
            memo.clear()
        out = []
        for row in rows:
            key = tuple(row)
            rules = memo.get(key)
            if rules is None:
                rules = memo[key] = self._rules_of(key)
            out.append(rules)
        return out

    def fallback_matches(self, doc: Doc, rows: list[list[int]], arr: np.ndarray) -> list[Match]:
        """Matches of the rules the index cannot decide (several tokens, regular expressions);
        `rows`: the doc's distinct rows, to skip rules whose first token cannot occur."""
        matches: list[Match] = []
        if not rows:
            return matches
        present = [set(col) for col in zip(*rows, strict=True)]
        for rule_id, match_id, steps in self.sequences:
            if all((not vals.isdisjoint(present[c])) or not wanted for c, vals, wanted in steps[0]):
                matches.extend(
                    (rule_id, match_id, s, s + len(steps)) for s in _sequence_starts(arr, steps)
                )
        strings = doc.vocab.strings
        for triggers, matcher in self.fallback_each:
            if not all(self._may_match(kind, arg, present, strings) for kind, arg in triggers):
                continue  # its first token cannot occur in this doc
            for m_id, s, e in matcher(doc, allow_missing=True, as_spans=False):
                matches.append((int(strings[m_id]), m_id, s, e))
        return matches

    def __call__(self, doc: Doc) -> list[Match]:
        if not len(doc):
            return []
        rows, inverse, arr = self.distinct_rows(doc)
        row_rules = self.rules_of_rows(rows)
        matches = [
            (rule_id, match_id, i, i + 1)
            for i, j in enumerate(inverse.tolist())
            for rule_id, match_id in row_rules[j]
        ]
        matches += self.fallback_matches(doc, rows, arr)
        matches.sort()
        return matches

    def _may_match(self, kind: str, arg: Any, present: list[set[int]], strings: Any) -> bool:  # noqa: ANN401
        col, test = arg
        if kind == "in":
            return not test.isdisjoint(present[col])
        # a regex: test each value once per process, then it is a set intersection
        seen, hits = self._regex_seen.setdefault(test, (set(), set()))
        if len(seen) > 500_000:
            seen.clear()
            hits.clear()
        for h in present[col] - seen:
            seen.add(h)
            if test.search(strings[h]):
                hits.add(h)
        return not hits.isdisjoint(present[col])


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


_COLUMNS = (POS, LEMMA, MORPH, TAG, DEP)
Winners = dict[int, tuple[int, Any]]  # attribute -> (rule id, value) of the rule that wins it


def _sequence_starts(arr: np.ndarray, steps: list[list[Test]]) -> list[int]:
    """Start tokens where step k's tests hold on token start + k, for every step."""
    n, length = len(arr), len(steps)
    if n < length:
        return []
    ok = np.ones(n - length + 1, dtype=bool)
    for k, tests in enumerate(steps):
        col_rows = arr[k : n - length + 1 + k]
        for c, vals, wanted in tests:
            hit = np.isin(col_rows[:, c], np.fromiter(vals, dtype=np.uint64, count=len(vals)))
            ok &= hit if wanted else ~hit
            if not ok.any():
                return []
    return np.flatnonzero(ok).tolist()


class AttributeWriter:
    """Writes what the ruler's matches set, as `AttributeRuler.set_annotations` would.

    spaCy applies each match in turn (rule order: a later rule overwrites an earlier one),
    building a Span and a Token for each of the ~1.3 matches per token. The result per token and
    attribute is the value of the highest-numbered rule that matched there. That is decided here
    once per distinct combination of the tested token values (memoised), corrected by the few
    multi-token matches, and the POS, LEMMA, MORPH, TAG and DEP columns are written in
    one `Doc.from_array`; any other attribute goes through spaCy's own `set_token_attrs`.
    A match whose `index` falls outside it is left to spaCy's method, which raises its error.
    """

    def __init__(self, ruler: AttributeRuler, matcher: FastAttributeMatch) -> None:
        self.ruler = ruler
        self.matcher = matcher
        self.attrs: list[dict[int, Any]] = list(ruler.attrs)
        self.indices: list[int] = list(ruler.indices)
        self._memo: dict[tuple[tuple[int, int], ...], tuple] = {}

    def _entry(self, rules: list[tuple[int, int]]) -> tuple:
        """(column values, column mask, has other attributes, winners) of a set of rules."""
        key = tuple(rules)
        got = self._memo.get(key)
        if got is None:
            winners: Winners = {}
            for rule_id, _ in sorted(rules):
                for attr, value in self.attrs[rule_id].items():
                    winners[attr] = (rule_id, value)
            got = self._memo[key] = self._pack(winners)
        return got

    @staticmethod
    def _pack(winners: Winners) -> tuple:
        values = tuple(winners[c][1] if c in winners else 0 for c in _COLUMNS)
        mask = tuple(c in winners for c in _COLUMNS)
        return values, mask, any(a not in _COLUMNS for a in winners), winners

    def __call__(self, doc: Doc) -> None:
        n = len(doc)
        if not n:
            return
        rows, inverse, arr = self.matcher.distinct_rows(doc)
        entries = [self._entry(rules) for rules in self.matcher.rules_of_rows(rows)]
        values = np.array([e[0] for e in entries], dtype=np.uint64)[inverse]
        mask = np.array([e[1] for e in entries], dtype=bool)[inverse]
        others = np.array([e[2] for e in entries], dtype=bool)[inverse]
        winners_of: dict[int, Winners] = {}  # tokens a multi-token match also writes to
        for rule_id, _, start, end in sorted(self.matcher.fallback_matches(doc, rows, arr)):
            index = self.indices[rule_id]
            t = start + index if index >= 0 else end + index
            if not start <= t < end:
                # spaCy's own method raises its error for this pattern
                self.ruler.set_annotations(doc, self.matcher(doc))
                return
            winners = winners_of.get(t) or dict(entries[inverse[t]][3])
            for attr, value in self.attrs[rule_id].items():
                if attr not in winners or winners[attr][0] <= rule_id:
                    winners[attr] = (rule_id, value)
            winners_of[t] = winners
        for t, winners in winners_of.items():
            v, m, o, _ = self._pack(winners)
            values[t], mask[t], others[t] = v, m, o
        cols = list(_COLUMNS)
        doc.from_array(cols, np.where(mask, values, doc.to_array(cols)))
        for i in np.flatnonzero(others).tolist():
            winners = winners_of.get(i) or entries[inverse[i]][3]
            set_token_attrs(doc[i], {a: v for a, (_, v) in winners.items() if a not in _COLUMNS})


def _attribute_ruler_call(self: Any, doc: Doc) -> Doc:  # noqa: ANN401 - a spaCy AttributeRuler
    """`AttributeRuler.__call__` writing through `AttributeWriter`."""
    try:
        self._claimdesk_writer(doc)
        return doc
    except Exception as e:  # noqa: BLE001 - spaCy's own error handling, as in the original
        return self.get_error_handler()(self.name, self, [doc], e)


def speed_up_attribute_ruler(ruler: AttributeRuler) -> Callable[[Doc], list[Match]]:
    """Installs the indexed matcher and the column-wise writer on this ruler instance;
    returns the original `match`."""
    original = ruler.match
    fast = FastAttributeMatch(ruler)
    ruler.match = fast  # type: ignore[method-assign]
    ruler._claimdesk_writer = AttributeWriter(ruler, fast)  # type: ignore[attr-defined]
    cls = type(ruler)
    if not getattr(cls, "_claimdesk_fast", False):
        ruler.__class__ = type(
            f"Indexed{cls.__name__}",
            (cls,),
            {"__call__": _attribute_ruler_call, "_claimdesk_fast": True},
        )
    return original
