"""Dates as news writes them, read as rules, and rules resolved against an anchor date.

"March 3, 2021" is absolute. "last September", "on Oct. 28", "yesterday", "on Monday" and
"earlier this month" are relative: they name a day, month or year only once the date they are
written from is known (the article's publication date, else the date of its file, else the day it
was uploaded). Reading and resolving are apart: a `DateRule` is what the words say ("the latest
September before the anchor's month"), read at analysis time without the anchor; `resolve` turns
it into a date once the anchor is known, and keeps stored rules re-resolvable.

Precision comes first: a wrong date on a timeline misleads more than a missing one. So
- ages, durations, decades and recurring days ("65 years old", "three years", "the 1990s",
  "24/7", "every Monday") are not dates and are not read;
- a weekday or a month without a direction ("on Monday", "in September") resolves only when the
  clause's tense says which side of the anchor it lies (past: the latest on or before the anchor,
  the anchor's own day or month included, as wire copy writes "on Monday" for today; future:
  the earliest on or after it); a month named alone must follow a preposition ("in May"), since
  "May" is also a name; spans of names ("Monday through Thursday") are schedules, not dates;
- a month and day without a year ("Oct. 28") takes the year the tense points to, else the
  nearest; a weekday written with it ("Monday, Oct. 28") must agree, else it stays unresolved;
- a numeric date resolves only when one reading is valid ("12/30/2014" but not "03/04/2021");
- a month and day used attributively ("the Sept. 11 attacks", "the Jan. 6 riot") name an event
  whose year the words do not give: not read.

This module needs no NLP (the tense and the date phrases come from claimdesk.nlp.dates), so the
ingest readers use it too, for a publication date written at the top of a text.
"""

from __future__ import annotations

import bisect
import calendar
import datetime as dt
import functools
import re
from dataclasses import dataclass, replace

from claimdesk.model import ClaimDate

#: How precise a resolved date is; `value` is always the first day of the period.
PRECISIONS = ("day", "week", "month", "year")
#: What a date was resolved against. "absolute" dates need no anchor.
ANCHORS = ("published", "document", "ingested", "absolute")
ANCHOR_WORDS = {
    "published": "as of the publication date",
    "document": "as of the file's date",
    "ingested": "as of the upload date",
    "absolute": "as written",
}

_MONTHS = {
    "january": 1, "jan": 1, "february": 2, "feb": 2, "march": 3, "mar": 3, "april": 4, "apr": 4,
    "may": 5, "june": 6, "jun": 6, "july": 7, "jul": 7, "august": 8, "aug": 8, "september": 9,
    "sept": 9, "sep": 9, "october": 10, "oct": 10, "november": 11, "nov": 11, "december": 12,
    "dec": 12,
}  # fmt: skip
_WEEKDAYS = {
    "monday": 1, "tuesday": 2, "wednesday": 3, "thursday": 4, "friday": 5, "saturday": 6,
    "sunday": 7,
}  # fmt: skip
_NUMBER_WORDS = {
    "a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
    "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "fifteen": 15, "twenty": 20,
    "thirty": 30,
}  # fmt: skip
#: Days named by a fixed month and day ("Christmas" alone is often the season, so not listed).
_HOLIDAYS = {
    "christmas day": (12, 25), "christmas eve": (12, 24), "boxing day": (12, 26),
    "new year's day": (1, 1), "new year's eve": (12, 31), "halloween": (10, 31),
    "valentine's day": (2, 14),
}  # fmt: skip

# Month names are written capitalised; a lower-case "may" or "march" is a verb.
_MONTH_FULL = (
    r"January|February|March|April|May|June|July|August|September|October|November|December"
)
_MONTH_ABBR = r"(?:Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept|Sep|Oct|Nov|Dec)\.?"
_MONTH = rf"(?P<month>{_MONTH_FULL}|{_MONTH_ABBR})"
_WEEKDAY_NAMES = r"Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday"
_OPT_WEEKDAY = rf"(?:(?P<wd>{_WEEKDAY_NAMES}),?\s+)?"
_DAY = r"(?P<day>3[01]|[12]\d|0?[1-9])(?:st|nd|rd|th)?"
_YEAR = r"(?P<year>1[89]\d\d|20\d\d)"
_NOT_MORE_DIGITS = r"(?![\d,]*\d)"
_NOT_YEARS = r"(?!\s*(?:-\s*)?(?:years?|yrs?|decades?)\b)(?!s\b|'s\b(?!\s+[a-z]))"

_ABSOLUTE_PATTERNS: list[tuple[str, re.Pattern[str]]] = [
    ("iso", re.compile(rf"\b{_YEAR}-(?P<m>0[1-9]|1[0-2])-(?P<d>0[1-9]|[12]\d|3[01])\b")),
    ("mdy", re.compile(rf"{_OPT_WEEKDAY}\b{_MONTH}\s+{_DAY}(?:\s*,\s*|\s+){_YEAR}\b")),
    (
        "dmy",
        re.compile(rf"{_OPT_WEEKDAY}\b(?:the\s+)?{_DAY}(?:\s+of)?\s+{_MONTH},?\s+{_YEAR}\b"),
    ),
    (
        "numeric",
        re.compile(r"(?<![\d/.])(?P<a>\d{1,2})([/.])(?P<b>\d{1,2})\2" + _YEAR + r"(?![\d/.]\d)"),
    ),
    ("my", re.compile(rf"\b{_MONTH},?\s+(?:of\s+)?{_YEAR}\b{_NOT_YEARS}")),
    ("md", re.compile(rf"{_OPT_WEEKDAY}\b{_MONTH}\s+{_DAY}\b{_NOT_MORE_DIGITS}(?!:)")),
    ("dm", re.compile(rf"{_OPT_WEEKDAY}\b(?:the\s+)?{_DAY}(?:\s+of)?\s+{_MONTH}\b")),
]
_RELATIVE_PATTERNS: list[tuple[str, re.Pattern[str]]] = [
    ("holiday", re.compile(r"(?i)\b(?P<name>" + "|".join(_HOLIDAYS) + r")\b")),
    (
        "day_before",
        re.compile(r"(?i)\b(?:the\s+)?day\s+(?P<which>before\s+yesterday|after\s+tomorrow)\b"),
    ),
    (
        "deictic",
        re.compile(
            r"(?i)\b(?P<word>yesterday|today|tomorrow|tonight|last\s+night"
            r"|this\s+(?:morning|afternoon|evening))\b(?!'s\s+(?:world|society|standards))"
        ),
    ),
    (
        "ago",
        re.compile(
            r"(?i)\b(?P<n>\d{1,3}|" + "|".join(_NUMBER_WORDS) + r")\s+"
            r"(?P<unit>day|week|month|year)s?\s+ago\b"
        ),
    ),
    (
        "month",
        re.compile(
            rf"(?:\b(?P<dir>[Ll]ast|[Nn]ext|[Tt]his)\s+)?\b(?P<month>{_MONTH_FULL})\b"
            r"(?:,?\s+(?:of\s+)?(?P<year_dir>last|this|next)\s+year\b)?"
        ),
    ),
    (
        "this_unit",
        re.compile(
            r"(?i)(?<!\bthe\s)\b(?:(?:earlier|later|early|late)\s+(?:in\s+)?)?"
            r"(?P<dir>this|last|next)\s+(?P<unit>week|month|year)\b"
        ),
    ),
    (
        "weekday",
        re.compile(rf"(?:\b(?P<dir>[Ll]ast|[Nn]ext|[Tt]his)\s+)?\b(?P<wd>{_WEEKDAY_NAMES})\b"),
    ),
    (
        "year_range",
        re.compile(rf"\b{_YEAR}\s*[-–—/]\s*(?P<to>1[89]\d\d|20\d\d|\d\d)\b(?![-–/]\d)"),
    ),
    ("year", re.compile(rf"(?<![\d$£€.,/-])\b{_YEAR}\b(?![.,]\d){_NOT_YEARS}")),
]
_EXPLICIT = {kind for kind, _ in _ABSOLUTE_PATTERNS}
#: Words before a month or weekday that make it part of a name ("Mark May", "Cyber Monday"),
#: unless they are one of these.
_LEAD_WORDS = {
    "on", "in", "last", "next", "this", "by", "since", "until", "till", "early", "late", "mid",
    "from", "through", "before", "after", "and", "or", "of", "to", "during", "between", "as",
    "at", "for", "that", "but", "then", "every",
}  # fmt: skip
#: A month or weekday after these recurs or is hypothetical: not one date.
_RECURRING = {"every", "each", "any", "most", "some", "other", "all"}
#: A month named alone is a date only after one of these ("in May", "since September", "late
#: December"): "May" is also a name ("while May, a former player, ...").
_MONTH_LEADS = {
    "in", "since", "by", "until", "till", "during", "early", "late", "mid", "before", "after",
    "from", "through", "of", "between", "and", "or", "to", "for", "last", "next", "this",
}  # fmt: skip
_MID = re.compile(r"(?i)\bmid-?\s*$")
#: "Monday through Thursday", "Friday to Sunday", "January-March": opening hours, schedules or
#: spans, not one day or month.
_RANGE_AFTER = re.compile(r"^\s*(?:through|thru|to|till|until|-|–|—)\s*(?:[A-Z][a-z]+)")
_RANGE_BEFORE = re.compile(r"(?:[A-Z][a-z]+)\s*(?:through|thru|to|till|until|-|–|—)\s*$")
#: A month and day after these name an event ("the Sept. 11 attacks"): its year is unknown.
_ATTRIBUTIVE = {"the", "a", "an", "this", "that", "these", "those", "its", "their", "his", "her"}
_WORD_BEFORE = re.compile(r"([A-Za-z][\w'’.-]*)[ \t]+$")


@dataclass(frozen=True)
class DateRule:
    """What a date phrase says, before an anchor is known.

    kind: date (absolute: year, month?, day?) | offset (n units from the anchor: unit day, week,
    month or year) | weekday | month | monthday. `direction` "last" / "next" / "this" is written
    ("last September"), and for a month also "last-year" / "this-year" / "next-year" ("October
    last year"); `tense` (past | future | "") is the clause's, read where it matters.
    `weekday` with a monthday is the weekday written with it, a check on the year.
    """

    kind: str
    year: int | None = None
    month: int | None = None
    day: int | None = None
    weekday: int | None = None
    unit: str | None = None
    n: int = 0
    direction: str = ""
    tense: str = ""

    @property
    def is_absolute(self) -> bool:
        return self.kind == "date"

    @property
    def precision(self) -> str:
        if self.kind == "date":
            return "day" if self.day else "month" if self.month else "year"
        if self.kind == "offset":
            return self.unit or "day"
        return "month" if self.kind == "month" else "day"

    def text(self) -> str:
        """A compact form to store, read back by `parse_rule`: "2021-03", "offset:day:-1",
        "weekday:1:last", "month:9:@past", "monthday:10-28:w1@future"."""
        if self.kind == "date":
            body = "-".join(
                f"{v:02d}" if i else f"{v:04d}"
                for i, v in enumerate((self.year, self.month, self.day))
                if v is not None
            )
        elif self.kind == "offset":
            body = f"offset:{self.unit}:{self.n:+d}"
        elif self.kind == "weekday":
            body = f"weekday:{self.weekday}:{self.direction}"
        elif self.kind == "month":
            body = f"month:{self.month}:{self.direction}"
        else:
            body = f"monthday:{self.month}-{self.day}:" + (
                f"w{self.weekday}" if self.weekday else ""
            )
        return f"{body}@{self.tense}" if self.tense else body


_RULE_TEXT = re.compile(
    r"^(?:(?P<date>\d{4}(?:-\d\d){0,2})|offset:(?P<unit>day|week|month|year):(?P<n>[+-]\d+)"
    r"|weekday:(?P<wd>[1-7]):(?P<wdir>last|next|this|)|month:(?P<m>\d{1,2}):(?P<mdir>(?:last|next|this)(?:-year)?|)"
    r"|monthday:(?P<md>\d{1,2}-\d{1,2}):(?:w(?P<mdw>[1-7]))?)(?:@(?P<tense>past|future))?$"
)


def parse_rule(text: str) -> DateRule | None:
    """The rule stored as `DateRule.text()`; None for text that is not one."""
    m = _RULE_TEXT.match(text or "")
    if not m:
        return None
    tense = m["tense"] or ""
    if m["date"]:
        parts = [int(p) for p in m["date"].split("-")]
        parts += [None] * (3 - len(parts))  # type: ignore[list-item]
        return DateRule("date", parts[0], parts[1], parts[2], tense=tense)
    if m["unit"]:
        return DateRule("offset", unit=m["unit"], n=int(m["n"]), tense=tense)
    if m["wd"]:
        return DateRule("weekday", weekday=int(m["wd"]), direction=m["wdir"], tense=tense)
    if m["m"]:
        return DateRule("month", month=int(m["m"]), direction=m["mdir"], tense=tense)
    month, day = (int(p) for p in m["md"].split("-"))
    weekday = int(m["mdw"]) if m["mdw"] else None
    return DateRule("monthday", month=month, day=day, weekday=weekday, tense=tense)


@dataclass(frozen=True)
class FoundDate:
    """A date phrase found in a text: its span and the rule it reads as (tense not yet set).

    `explicit`: written with a month name and a day or year, or as numbers with a year (a date
    whatever any NER says); the others count only where NER marks a date or time."""

    start: int
    end: int
    rule: DateRule
    explicit: bool = False


# -- reading ------------------------------------------------------------------------------


def _month(word: str) -> int:
    return _MONTHS[word.lower().rstrip(".")]


def _valid(year: int, month: int, day: int) -> bool:
    return 1 <= month <= 12 and 1 <= day <= calendar.monthrange(year, month)[1]


def _word_before(text: str, start: int) -> str:
    """The word right before `start` (only spaces between), else "" (after punctuation too)."""
    m = _WORD_BEFORE.search(text[max(0, start - 40) : start])
    return m.group(1) if m else ""


def _named(text: str, start: int) -> bool:
    """True when a capitalised word other than a lead word comes right before: a name."""
    before = _word_before(text, start)
    return bool(before) and before[0].isupper() and before.lower().rstrip(".") not in _LEAD_WORDS


@functools.lru_cache(maxsize=4)
def _names_pattern(names: str) -> re.Pattern[str]:
    return re.compile(rf"\b(?:{names})\b")


def _in_range(text: str, start: int, end: int, names: str) -> bool:
    """True when the name is one end of a span of names ("Monday through Thursday")."""
    after = _RANGE_AFTER.match(text[end : end + 20])
    before = _RANGE_BEFORE.search(text[max(0, start - 25) : start])
    words = _names_pattern(names)
    return bool(after and words.search(after.group())) or bool(
        before and words.search(before.group())
    )


def _month_alone_ok(text: str, start: int) -> bool:
    return bool(_MID.search(text[max(0, start - 6) : start])) or (
        _word_before(text, start).lower() in _MONTH_LEADS
    )


def _recurring(text: str, start: int) -> bool:
    return _word_before(text, start).lower() in _RECURRING


def _absolute(kind: str, m: re.Match[str]) -> DateRule | None:
    weekday = _WEEKDAYS[m["wd"].lower()] if "wd" in m.groupdict() and m["wd"] else None
    if kind == "iso":
        y, mo, d = int(m["year"]), int(m["m"]), int(m["d"])
        return DateRule("date", y, mo, d) if _valid(y, mo, d) else None
    if kind in ("mdy", "dmy"):
        y, mo, d = int(m["year"]), _month(m["month"]), int(m["day"])
        return DateRule("date", y, mo, d) if _valid(y, mo, d) else None
    if kind == "numeric":
        y, a, b = int(m["year"]), int(m["a"]), int(m["b"])
        readings = {(a, b), (b, a)}  # (month, day): US and day-first readings
        valid = [(mo, d) for mo, d in readings if _valid(y, mo, d)]
        return DateRule("date", y, valid[0][0], valid[0][1]) if len(valid) == 1 else None
    if kind == "my":
        return DateRule("date", int(m["year"]), _month(m["month"]))
    mo, d = _month(m["month"]), int(m["day"])
    if not _valid(2000, mo, d):  # 2000 is a leap year: Feb. 29 is a day
        return None
    return DateRule("monthday", month=mo, day=d, weekday=weekday)


def _relative(kind: str, m: re.Match[str], text: str) -> list[DateRule]:
    if kind == "holiday":
        mo, d = _HOLIDAYS[m["name"].lower().replace("’", "'")]
        return [DateRule("monthday", month=mo, day=d)]
    if kind == "day_before":
        return [DateRule("offset", unit="day", n=-2 if m["which"].lower().startswith("b") else 2)]
    if kind == "deictic":
        before = text[: m.start()].rstrip()
        if m["word"][0].isupper() and before and before[-1] not in ".!?\"“”‘'(:—-":
            return []  # a name inside a sentence: "Radio 4's Today programme", "USA Today"
        word = m["word"].lower().split()[0]
        n = {"yesterday": -1, "last": -1, "tomorrow": 1}.get(word, 0)
        return [DateRule("offset", unit="day", n=n)]
    if kind == "ago":
        n = int(m["n"]) if m["n"].isdigit() else _NUMBER_WORDS[m["n"].lower()]
        return [DateRule("offset", unit=m["unit"].lower(), n=-n)]
    if kind == "this_unit":
        n = {"this": 0, "last": -1, "next": 1}[m["dir"].lower()]
        return [DateRule("offset", unit=m["unit"].lower(), n=n)]
    if kind in ("weekday", "month"):
        at = m.start("dir") if m["dir"] else m.start(kind if kind == "month" else "wd")
        if _recurring(text, at) or (not m["dir"] and _named(text, at)):
            return []
        names = _WEEKDAY_NAMES if kind == "weekday" else _MONTH_FULL
        if _in_range(text, m.start(), m.end(), names):
            return []
        alone = kind == "month" and not m["dir"] and not m["year_dir"]
        if alone and (not _month_alone_ok(text, at) or text.startswith(("'s", "’s"), m.end())):
            return []  # "while May, ..." and "May's chairman" name someone
        direction = (m["dir"] or "").lower()
        if kind == "month" and m["year_dir"]:
            direction = f"{m['year_dir'].lower()}-year"  # "October last year"
        if kind == "weekday":
            return [DateRule("weekday", weekday=_WEEKDAYS[m["wd"].lower()], direction=direction)]
        return [DateRule("month", month=_month(m["month"]), direction=direction)]
    if kind == "year_range":
        first = int(m["year"])
        to = int(m["to"])
        if to < 100:  # "2014-15": the second year's last digits
            to = first - first % 100 + to
        if not 0 < to - first <= 30:
            return []
        return [DateRule("date", first), DateRule("date", to)]
    return [DateRule("date", int(m["year"]))]


def find_dates(text: str, *, explicit_only: bool = False) -> list[FoundDate]:
    """Date phrases in `text`, left to right, none overlapping another.

    `explicit_only`: only dates written with a month name and a day or year, or as numbers with a
    year (how dates are found in running text that no NER marked as a date)."""
    starts: list[int] = []  # spans already read, sorted and never overlapping
    ends: list[int] = []
    found: list[FoundDate] = []

    def free(a: int, b: int) -> bool:
        i = bisect.bisect_left(starts, b)  # spans from i on start at or after b
        return i == 0 or ends[i - 1] <= a

    def take(a: int, b: int) -> None:
        i = bisect.bisect_left(starts, a)
        starts.insert(i, a)
        ends.insert(i, b)

    patterns = _ABSOLUTE_PATTERNS if explicit_only else _ABSOLUTE_PATTERNS + _RELATIVE_PATTERNS
    for kind, pattern in patterns:
        for m in pattern.finditer(text):
            a, b = m.span()
            if not free(a, b):
                continue
            if kind in ("md", "dm") and _word_before(text, a).lower() in _ATTRIBUTIVE | _RECURRING:
                take(a, b)  # an event's name ("the Oct. 28 deadline"): not read
                continue
            if kind in ("md", "dm") and not m["wd"] and _named(text, a):
                continue
            explicit = kind in _EXPLICIT
            if explicit:
                rule = _absolute(kind, m)
                rules = [rule] if rule else []
            else:
                rules = _relative(kind, m, text)
            take(a, b)
            if kind == "year_range" and len(rules) == 2:
                found.append(FoundDate(a, m.end("year"), rules[0]))
                found.append(FoundDate(m.start("to"), b, rules[1]))
            else:
                found.extend(FoundDate(a, b, r, explicit) for r in rules)
    return sorted(found, key=lambda f: f.start)


# -- resolving ----------------------------------------------------------------------------


def _add_months(day: dt.date, n: int) -> dt.date:
    index = day.year * 12 + day.month - 1 + n
    return dt.date(index // 12, index % 12 + 1, 1)


def _pick_year(rule: DateRule, anchor: dt.date) -> dt.date | None:
    """The month and day's date in the year the tense points to (else the nearest one)."""
    assert rule.month and rule.day
    candidates = [
        dt.date(y, rule.month, rule.day)
        for y in (anchor.year - 1, anchor.year, anchor.year + 1)
        if _valid(y, rule.month, rule.day)
    ]
    if rule.weekday:
        candidates = [c for c in candidates if c.isoweekday() == rule.weekday]
    if rule.tense == "past":
        before = [c for c in candidates if c <= anchor]
        return before[-1] if before else None
    if rule.tense == "future":
        after = [c for c in candidates if c >= anchor]
        return after[0] if after else None
    by_distance = sorted(candidates, key=lambda c: abs((c - anchor).days))
    if not by_distance:
        return None
    if len(by_distance) > 1 and abs((by_distance[0] - anchor).days) == abs(
        (by_distance[1] - anchor).days
    ):
        return None  # as near on either side: no way to tell
    return by_distance[0]


def _weekday(rule: DateRule, anchor: dt.date) -> dt.date | None:
    assert rule.weekday
    back = (anchor.isoweekday() - rule.weekday) % 7  # days to the latest such day <= anchor
    ahead = (rule.weekday - anchor.isoweekday()) % 7
    if rule.direction == "last":
        return anchor - dt.timedelta(days=back or 7)
    if rule.direction == "next":
        return anchor + dt.timedelta(days=ahead or 7)
    if rule.tense == "past":
        return anchor - dt.timedelta(days=back)
    if rule.tense == "future":
        return anchor + dt.timedelta(days=ahead)
    return None  # said, or to come? Even the anchor's own weekday may be a schedule


def _month_of(rule: DateRule, anchor: dt.date) -> dt.date | None:
    assert rule.month
    m, am, year = rule.month, anchor.month, anchor.year
    if rule.direction == "last":
        return dt.date(year if m < am else year - 1, m, 1)
    if rule.direction == "next":
        return dt.date(year if m > am else year + 1, m, 1)
    if rule.direction == "this":
        return dt.date(year, m, 1)
    if rule.direction.endswith("-year"):
        return dt.date(year + {"last": -1, "this": 0, "next": 1}[rule.direction[:-5]], m, 1)
    if rule.tense == "past":
        return dt.date(year if m <= am else year - 1, m, 1)
    if rule.tense == "future":
        return dt.date(year if m >= am else year + 1, m, 1)
    return None


def _relative_value(rule: DateRule, anchor: dt.date) -> dt.date | None:
    if rule.kind == "offset":
        if rule.unit == "day":
            return anchor + dt.timedelta(days=rule.n)
        if rule.unit == "week":
            return anchor - dt.timedelta(days=anchor.weekday()) + dt.timedelta(weeks=rule.n)
        if rule.unit == "month":
            return _add_months(anchor, rule.n)
        return dt.date(anchor.year + rule.n, 1, 1)
    if rule.kind == "weekday":
        return _weekday(rule, anchor)
    if rule.kind == "month":
        return _month_of(rule, anchor)
    return _pick_year(rule, anchor)


def resolve(rule: DateRule, anchor: dt.date | None) -> tuple[dt.date, str] | None:
    """(first day of the period meant, precision), or None when the rule cannot be resolved
    against this anchor without guessing (or needs an anchor and has none)."""
    if rule.kind != "date" and anchor is None:
        return None
    value: dt.date | None
    try:
        if rule.kind == "date":
            value = dt.date(rule.year or 0, rule.month or 1, rule.day or 1)
        else:
            assert anchor is not None
            value = _relative_value(rule, anchor)
    except (OverflowError, ValueError):  # no such day, or an anchor at the calendar's edge
        return None
    if value is None or not dt.MINYEAR < value.year < dt.MAXYEAR:
        return None
    return value, rule.precision


def anchored(date: ClaimDate, anchor: dt.date | None, kind: str) -> ClaimDate:
    """The claim date resolved against `anchor` (of kind published | document | ingested); an
    absolute date keeps its value, a relative one that cannot be resolved stays unresolved."""
    rule = parse_rule(date.rule)
    if rule is None:
        return replace(date, value=None, anchor=None)
    got = resolve(rule, anchor)
    if got is None:
        return replace(date, value=None, precision=rule.precision, anchor=None)
    value, precision = got
    return replace(
        date, value=value, precision=precision, anchor="absolute" if rule.is_absolute else kind
    )


def latest_stated_past(dates: list[ClaimDate]) -> dt.date | None:
    """The latest absolute date the text reports in the past tense ("on March 3, 2021, the
    council voted"): the text was written on or after it."""
    days = []
    for d in dates:
        rule = parse_rule(d.rule)
        if rule is not None and rule.is_absolute and rule.tense == "past":
            got = resolve(rule, None)
            if got:
                days.append(got[0])
    return max(days) if days else None


def choose_anchor(
    published: dt.date | None,
    document: dt.date | None,
    ingested: dt.date,
    dates: list[ClaimDate],
) -> tuple[dt.date, str]:
    """The date relative dates are resolved against, and its kind.

    A stated publication date first. Else the file's own date (PDF or Word metadata), unless it
    is after the upload or before a date the text reports in the past tense (a template's date,
    a wrong clock); else the upload date."""
    if published is not None:
        return published, "published"
    if document is not None and document <= ingested + dt.timedelta(days=1):
        stated = latest_stated_past(dates)
        if stated is None or stated <= document:
            return document, "document"
    return ingested, "ingested"


def iso_at_precision(value: dt.date, precision: str) -> str:
    """ISO 8601 at the date's precision: "2021-03-03", "2020-W53", "2021-03", "2021"."""
    if precision == "year":
        return f"{value.year:04d}"
    if precision == "month":
        return f"{value.year:04d}-{value.month:02d}"
    if precision == "week":
        year, week, _ = value.isocalendar()
        return f"{year:04d}-W{week:02d}"
    return value.isoformat()


def period_end(value: dt.date, precision: str) -> dt.date:
    """The last day of the period that starts at `value`."""
    if precision == "year":
        return dt.date(value.year, 12, 31)
    if precision == "month":
        return _add_months(value, 1) - dt.timedelta(days=1)
    if precision == "week":
        return value + dt.timedelta(days=6)
    return value


# -- a publication date written at the top of a text -----------------------------------------

_STATED_LINE = re.compile(
    r"^\s*(?:(?:first\s+)?(?P<label>published|posted|updated|last\s+updated|date|dated)"
    r"(?:\s+on)?\s*[:\-–—]?\s*)?(?P<rest>.{6,80})$",
    re.IGNORECASE,
)
_TIME_TAIL = re.compile(
    r"^[\s,|·•–—-]*(?:at\s+)?(?:\d{1,2}[:.]\d\d(?:\s*[ap]\.?m\.?)?|\d{1,2}\s*[ap]\.?m\.?)?"
    r"(?:\s*(?:[A-Z]{2,4}|GMT[+-]?\d*|UTC[+-]?\d*))?[\s.]*$",
    re.IGNORECASE,
)


def stated_date(text: str, *, lines: int = 8) -> dt.date | None:
    """A publication date written on a line of its own near the top of a text ("Published
    March 3, 2021", "Updated: 2021-03-03 10:32 GMT", "Wednesday 3 March 2021"): a line that is a
    full date (day, month and year), with at most a label before it and a time after it. The
    first "Published"/"Posted" line wins over an "Updated" one."""
    best: tuple[int, dt.date] | None = None
    seen = 0
    for line in text[:4000].split("\n"):  # the top of the text only, however long it is
        if not line.strip():
            continue
        seen += 1
        if seen > lines:
            break
        m = _STATED_LINE.match(line)
        if not m or len(line) > 100:
            continue
        rest = m["rest"]
        found = find_dates(rest, explicit_only=True)
        if len(found) != 1 or found[0].rule.kind != "date" or not found[0].rule.day:
            continue
        f = found[0]
        if rest[: f.start].strip(" ,|·•–—-\t").lower() not in ("", "on"):
            continue
        if not _TIME_TAIL.match(rest[f.end :]):
            continue
        got = resolve(f.rule, None)
        if got is None:
            continue
        label = (m["label"] or "").lower()
        rank = 2 if "updated" in label else 1  # a publication date over a later update
        if best is None or rank < best[0]:
            best = (rank, got[0])
    return best[1] if best else None
