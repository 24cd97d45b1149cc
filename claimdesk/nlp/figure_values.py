"""Numbers as written in news text, read into values: "about 10,000", "$3bn", "between 10 and
15", "twenty-five", "a dozen", "1.2 million", "40%", "5 km", "more than 10,000".

`read_amounts(text)` finds every amount in a piece of text (a claim sentence) and reads it into
an `Amount`: the low and high values the words allow, in a base unit, with the unit, the scale
word and the qualifier. It works on the characters alone; which amounts are figures of a claim
(not a date, an age, a flight number) is decided with the parse, in claimdesk.nlp.figures.

Values and precision. `low` and `high` are what the number as written allows:
- a plain whole number of things or of money is exact: "30" is 30-30, "$35,000" is 35,000;
- a number written with decimals, a scale word, or a percentage or a measure is rounded to
  its last written digit: "1.2 million" is 1.15-1.25 million, "$3bn" 2.5-3.5 billion, "40%" is
  39.5-40.5 (half-open at the top: `conflicts` reads "$3bn" and "$4bn" as different);
- a range gives its two ends: "between 10 and 15", "10-15", "10 to 15", "two or three";
- vague plurals give their literal span: "hundreds" is 200-1,000, "dozens" 24-120.
The qualifier ("about", "more than", "up to", ...) is kept as a word, not folded into the
values: how far "about" stretches is a comparison's business (claimdesk.conflicts).

Not amounts, whatever their digits: ordinals ("3rd"), decades ("1990s"), codes glued to letters
or hyphens ("QZ8501", "COVID-19", "A320-200"), times ("10:30", "8.20 a.m."), scores and phone
numbers ("2-1", "555-0123"), hyphenated adjectives ("two-state", "45-year-old", "10,000-strong"),
numbers after "No." or "#", ages after "aged".
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from decimal import Decimal

#: qualifier -> the phrases that say it, lower-case words (longest phrases are tried first).
QUALIFIERS: dict[str, tuple[str, ...]] = {
    "more than": (
        "more than",
        "over",
        "above",
        "in excess of",
        "upwards of",
        "greater than",
        "just over",
        "well over",
        "higher than",
    ),
    "at least": ("at least", "no fewer than", "no less than", "a minimum of", "not less than"),
    "less than": ("less than", "fewer than", "under", "below", "just under", "lower than"),
    "up to": (
        "up to",
        "at most",
        "no more than",
        "not more than",
        "as many as",
        "as much as",
        "a maximum of",
        "as high as",
    ),
    "about": (
        "about",
        "around",
        "roughly",
        "approximately",
        "approx",
        "some",
        "an estimated",
        "estimated",
        "circa",
        "in the region of",
        "an average of",
        "on average",
    ),
    "almost": ("nearly", "almost", "close to", "just shy of", "not quite", "nearly all of"),
    "exact": ("exactly", "precisely", "only", "just", "a total of", "in all"),
}
#: Words after a number that qualify it ("10,000 or more").
POST_QUALIFIERS: dict[tuple[str, ...], str] = {
    ("or", "more"): "at least",
    ("and", "more"): "at least",
    ("or", "so"): "about",
    ("plus",): "at least",
    ("+",): "at least",
    ("or", "fewer"): "up to",
    ("or", "less"): "up to",
}
QUALIFIER_NAMES = (*QUALIFIERS, "range", "vague")

SMALL = {
    w: i
    for i, w in enumerate(
        [
            "zero",
            "one",
            "two",
            "three",
            "four",
            "five",
            "six",
            "seven",
            "eight",
            "nine",
            "ten",
            "eleven",
            "twelve",
            "thirteen",
            "fourteen",
            "fifteen",
            "sixteen",
            "seventeen",
            "eighteen",
            "nineteen",
        ]
    )
}
TENS = {
    w: 10 * i
    for i, w in enumerate(
        ["twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety"], 2
    )
}
BIG = {"thousand": 10**3, "million": 10**6, "billion": 10**9, "trillion": 10**12}
#: Scale abbreviations after digits ("3bn", "$40m", "1.2 mln"); "m" and "k" only with money.
SCALE_ABBREV = {"bn": 10**9, "mn": 10**6, "mln": 10**6, "bln": 10**9, "tn": 10**12, "trn": 10**12}
MONEY_ONLY_SCALE = {"m": 10**6, "k": 10**3, "b": 10**9}
#: Vague plurals: ("hundreds",) -> 100; ("tens", "of", "thousands") -> 10,000.
VAGUE_UNITS = {"dozens": 12, "scores": 20, "hundreds": 100, "thousands": 1000, "millions": 10**6}
VAGUE_UNITS["billions"] = 10**9

CURRENCY_SYMBOLS = {"$": "$", "£": "GBP", "€": "EUR", "¥": "¥", "₹": "INR"}
#: Letters written glued before "$": "US$", "A$" ...
DOLLAR_PREFIXES = {"us": "$", "a": "AUD", "au": "AUD", "c": "CAD", "ca": "CAD", "hk": "HKD"}
DOLLAR_PREFIXES |= {"nz": "NZD", "s": "SGD"}
CURRENCY_CODES = {c.lower(): c for c in ("USD", "EUR", "GBP", "JPY", "CNY", "INR", "CHF", "RUB")}
CURRENCY_CODES["usd"] = "$"
#: Currency words; before the number only in the style "dollars 280bn" (BBC archives).
CURRENCY_WORDS = {
    "dollars": "$",
    "dollar": "$",
    "euros": "EUR",
    "euro": "EUR",
    "yen": "JPY",
    "yuan": "CNY",
    "renminbi": "CNY",
    "rupees": "INR",
    "rupiah": "IDR",
    "roubles": "RUB",
    "rubles": "RUB",
    "francs": "CHF",
    "pesos": "MXN",
}
PREFIX_CURRENCY_WORDS = {"dollars": "$", "pounds": "GBP", "euros": "EUR"}
#: Percentages and points.
PERCENT_WORDS = {("%",), ("percent",), ("per", "cent"), ("pct",)}
POINT_WORDS = {("percentage", "points"), ("percentage", "point"), ("basis", "points")}
#: Measures: written unit -> (base unit, factor to the base unit).
MEASURES: dict[str, tuple[str, Decimal]] = {}
for _names, _base, _factor in (
    ("km kms kilometre kilometres kilometer kilometers", "m", "1000"),
    ("m metre metres meter meters", "m", "1"),
    ("cm centimetre centimetres centimeter centimeters", "m", "0.01"),
    ("mm millimetre millimetres millimeter millimeters", "m", "0.001"),
    ("mile miles mi", "m", "1609.344"),
    ("ft foot feet", "m", "0.3048"),
    ("kg kgs kilogram kilograms kilo kilos", "kg", "1"),
    ("g gram grams gramme grammes", "kg", "0.001"),
    ("tonne tonnes t", "kg", "1000"),
    ("lb lbs", "kg", "0.45359237"),
    ("ha hectare hectares", "m2", "10000"),
    ("acre acres", "m2", "4046.8564224"),
    ("km2 km²", "m2", "1000000"),
    ("litre litres liter liters l", "l", "1"),
    ("gallon gallons", "l", "3.785411784"),
    ("barrel barrels", "barrel", "1"),
    ("mph", "km/h", "1.609344"),
    ("kmh kph", "km/h", "1"),
    ("mw megawatt megawatts", "W", "1000000"),
    ("gw gigawatt gigawatts", "W", "1000000000"),
    ("kw kilowatt kilowatts", "W", "1000"),
):
    for _name in _names.split():
        MEASURES[_name] = (_base, Decimal(_factor))
#: Two-word measures ("square miles").
AREA_WORDS = {"square": "m2", "sq": "m2"}
#: Words after a number that make it a clock time.
TIME_WORDS = frozenset(
    ["a.m.", "p.m.", "am", "pm", "gmt", "bst", "utc", "est", "edt", "pst", "cet", "hrs", "o'clock"]
)
#: Words before a number that make it a name or an age ("No. 4", "aged 45").
ID_WORDS = frozenset(["no", "number", "nos", "#", "aged", "age", "ages", "ref", "room", "page"])
MONTHS = {
    m: i
    for i, names in enumerate(
        (
            "january jan",
            "february feb",
            "march mar",
            "april apr",
            "may",
            "june jun",
            "july jul",
            "august aug",
            "september sep sept",
            "october oct",
            "november nov",
            "december dec",
        ),
        1,
    )
    for m in names.split()
}

#: What may come before a capitalised number word that opens a sentence or a quotation.
_OPENERS = frozenset('.!?"“‘(:;—–-')
_LEX = re.compile(
    r"(?P<num>\d{1,3}(?:,\d{3})+(?!\d)(?:\.\d+)?|\d+(?:\.\d+)?)"
    r"|(?P<word>[^\W\d_]+(?:['’][^\W\d_]+)?)"
    r"|(?P<sym>[^\w\s])"
)


@dataclass(frozen=True)
class Amount:
    """One amount found in a text; `start`/`end` are offsets into that text."""

    start: int
    end: int
    low: float
    high: float
    unit: str = ""  # "" things counted; "%"; "pp"; a currency; a measure's base unit
    scale: float = 1.0  # the scale word's factor ("million": 1e6), 1 when there is none
    qualifier: str = "exact"  # one of QUALIFIER_NAMES


_MONEY_UNITS = frozenset(
    {*CURRENCY_SYMBOLS.values(), *DOLLAR_PREFIXES.values(), *CURRENCY_CODES.values()}
    | set(CURRENCY_WORDS.values())
    | set(PREFIX_CURRENCY_WORDS.values())
)


@dataclass(frozen=True)
class _Tok:
    kind: str  # num | word | sym
    text: str
    start: int
    end: int

    @property
    def lower(self) -> str:
        return self.text.lower()


def _lex(text: str) -> list[_Tok]:
    return [_Tok(m.lastgroup or "sym", m.group(), m.start(), m.end()) for m in _LEX.finditer(text)]


@dataclass
class _Core:
    """A number with its scale: value = digits * scale, precise to `step` (0: exact)."""

    first: int  # token indexes [first, last)
    last: int
    value: Decimal
    step: Decimal
    scale: int = 1
    pending_m: bool = False  # a glued or spaced "m"/"k"/"b": million with money, else metres
    pending_letter: str = ""
    words: bool = False


def _glued(toks: list[_Tok], i: int) -> bool:
    """Token i is written against the token before it (no space between)."""
    return 0 < i < len(toks) and toks[i - 1].end == toks[i].start


def _lower(toks: list[_Tok], i: int) -> str:
    return toks[i].lower if 0 <= i < len(toks) else ""


def _digits_core(toks: list[_Tok], i: int) -> _Core | None:
    t = toks[i]
    raw = t.text.replace(",", "")
    value = Decimal(raw)
    decimals = len(raw.split(".")[1]) if "." in raw else 0
    step = Decimal(1).scaleb(-decimals) if decimals else Decimal(0)
    core = _Core(i, i + 1, value, step)
    j = i + 1
    if j < len(toks) and _glued(toks, j) and toks[j].kind == "word":
        suffix = toks[j].lower
        if suffix in SCALE_ABBREV:
            _scale(core, SCALE_ABBREV[suffix], j)
        elif suffix in BIG:
            _scale(core, BIG[suffix], j)
        elif suffix in MONEY_ONLY_SCALE:
            core.pending_m, core.pending_letter, core.last = True, suffix, j + 1
            return core
        elif suffix not in MEASURES:
            return None  # "3rd", "1990s", "7x", "10am"
    return _more_scale(toks, core)


def _scale(core: _Core, factor: int, j: int) -> None:
    core.scale *= factor
    core.value *= factor
    core.step = (core.step or Decimal(1)) * factor
    core.last = j + 1


def _more_scale(toks: list[_Tok], core: _Core) -> _Core:
    """Scale words after the number: "1.2 million", "3 bn", "two hundred thousand"."""
    j = core.last
    while j < len(toks) and toks[j].kind == "word":
        w = toks[j].lower
        if w == "hundred" and core.scale == 1:
            _scale(core, 100, j)
        elif w in BIG and (core.scale == 1 or w == "thousand" and core.scale == 100):
            _scale(core, BIG[w], j)
        elif w in SCALE_ABBREV and core.scale == 1:
            _scale(core, SCALE_ABBREV[w], j)
        elif w in MONEY_ONLY_SCALE and core.scale == 1 and not core.pending_m:
            core.pending_m, core.pending_letter, core.last = True, w, j + 1
            break
        else:
            break
        j = core.last
    return core


def _words_core(toks: list[_Tok], i: int) -> _Core | None:
    """Number words: "twenty-five", "one hundred and twenty", "a dozen", "half a million"."""
    total, current, j, n = Decimal(0), Decimal(0), i, len(toks)
    scale, seen = 1, False
    w = _lower(toks, j)
    if w in ("a", "an") and _lower(toks, j + 1) in ({"hundred", "dozen"} | BIG.keys()):
        current, j, seen = Decimal(1), j + 1, True
    elif w == "half" and _lower(toks, j + 1) == "a" and _lower(toks, j + 2) in BIG:
        total = Decimal(BIG[_lower(toks, j + 2)]) / 2
        scale = BIG[_lower(toks, j + 2)]
        return _Core(i, j + 3, total, Decimal(scale) / 10, scale, words=True)
    last_kind = ""
    while j < n and toks[j].kind in ("word", "sym"):
        w = toks[j].lower
        if w in SMALL and last_kind in ("", "big", "hundred", "and", "tens-", "tens"):
            if last_kind in ("tens", "tens-") and not 0 < SMALL[w] < 10:
                break
            current += SMALL[w]
            last_kind = "small"
        elif w in TENS and last_kind in ("", "big", "hundred", "and"):
            current += TENS[w]
            last_kind = "tens"
        elif w == "-" and last_kind == "tens" and _glued(toks, j) and _glued(toks, j + 1):
            last_kind = "tens-"
        elif w == "hundred" and last_kind in ("small", "tens") or w == "hundred" and seen:
            current = (current or Decimal(1)) * 100
            scale = max(scale, 100)
            last_kind = "hundred"
        elif w in BIG and (last_kind in ("small", "tens", "hundred") or seen and not last_kind):
            total += (current or Decimal(1)) * BIG[w]
            current = Decimal(0)
            scale = max(scale, BIG[w])
            last_kind = "big"
        elif w == "dozen" and (last_kind in ("small", "tens") or seen and not last_kind):
            current = (current or Decimal(1)) * 12
            last_kind = "dozen"
        elif (
            w == "and"
            and last_kind in ("hundred", "big")
            and _lower(toks, j + 1) in (SMALL.keys() | TENS.keys())
        ):
            last_kind = "and"
        else:
            break
        seen = True
        j += 1
    if last_kind in ("", "and", "tens-"):
        return None
    if last_kind == "and":
        j -= 1
    value = total + current
    # "two million" is rounded to the million; "twenty-five" and "a dozen" are exact
    step = Decimal(scale) if last_kind == "big" else Decimal(0)
    core = _Core(i, j, value, step, scale if last_kind == "big" else 1, words=True)
    return _more_scale(toks, core)


def _core_at(toks: list[_Tok], i: int) -> _Core | None:
    t = toks[i]
    if t.kind == "num":
        return _digits_core(toks, i)
    if t.kind == "word" and (t.lower in SMALL or t.lower in TENS or t.lower in ("a", "an", "half")):
        if t.text[0].isupper() and i > 0 and toks[i - 1].text not in _OPENERS:
            return None  # "the Big Ten", "Apollo Eleven": a name
        return _words_core(toks, i)
    return None


def _match(toks: list[_Tok], j: int, words: tuple[str, ...]) -> bool:
    return all(_lower(toks, j + k) == w for k, w in enumerate(words))


#: Qualifier phrases by their last word: (name, words).
_QUALIFIERS_BY_LAST: dict[str, list[tuple[str, tuple[str, ...]]]] = {}
for _qname, _phrases in QUALIFIERS.items():
    for _phrase in _phrases:
        _words = tuple(_phrase.split())
        _QUALIFIERS_BY_LAST.setdefault(_words[-1], []).append((_qname, _words))


def _qualifier_before(toks: list[_Tok], k: int) -> tuple[str, int]:
    """The longest qualifier whose words end just before token k: (name, first token), or
    ("", k)."""
    best = ("", k)
    for name, words in _QUALIFIERS_BY_LAST.get(_lower(toks, k - 1), ()):
        start = k - len(words)
        if start >= 0 and _match(toks, start, words) and start < best[1]:
            best = (name, start)
    return best


def _currency_before(toks: list[_Tok], k: int) -> tuple[str, int]:
    """A currency written before token k: "$", "US$", "£", "USD", "dollars" (BBC style)."""
    if k < 1:
        return "", k
    t = toks[k - 1]
    if t.text in CURRENCY_SYMBOLS:
        if t.text == "$" and k >= 2 and _glued(toks, k - 1) and toks[k - 2].kind == "word":
            letters = toks[k - 2].lower
            if letters in DOLLAR_PREFIXES:
                return DOLLAR_PREFIXES[letters], k - 2
        return CURRENCY_SYMBOLS[t.text], k - 1
    if t.kind == "word" and t.lower in CURRENCY_CODES and t.text.isupper():
        return CURRENCY_CODES[t.lower], k - 1
    if t.kind == "word" and t.lower in PREFIX_CURRENCY_WORDS:
        return PREFIX_CURRENCY_WORDS[t.lower], k - 1
    return "", k


def _unit_after(toks: list[_Tok], j: int) -> tuple[str, Decimal, int]:
    """A unit written after the number: (unit, factor to the base unit, next token)."""
    w = _lower(toks, j)
    for words in PERCENT_WORDS:
        if _match(toks, j, words):
            return "%", Decimal(1), j + len(words)
    for words in POINT_WORDS:
        if _match(toks, j, words):
            factor = Decimal("0.01") if words[0] == "basis" else Decimal(1)
            return "pp", factor, j + len(words)
    if w in CURRENCY_WORDS:
        return CURRENCY_WORDS[w], Decimal(1), j + 1
    if w in CURRENCY_CODES and toks[j].text.isupper():
        return CURRENCY_CODES[w], Decimal(1), j + 1
    if w == "pounds" and _lower(toks, j + 1) == "sterling":
        return "GBP", Decimal(1), j + 2
    if w in AREA_WORDS and _lower(toks, j + 1) in MEASURES:
        base, factor = MEASURES[_lower(toks, j + 1)]
        if base == "m":
            return "m2", factor * factor, j + 2
    if w in MEASURES and (len(w) > 1 or _glued(toks, j)):  # "5 m" may be metres or millions
        base, factor = MEASURES[w]
        return base, factor, j + 1
    return "", Decimal(1), j


def _is_identifier(toks: list[_Tok], i: int) -> bool:
    """The number belongs to a name or code: glued to letters or to a hyphen after letters,
    after "No."/"#", between slashes, or next to a colon (times, scores, ratios)."""
    if _glued(toks, i):
        prev = toks[i - 1]
        if prev.kind in ("word", "num"):
            return True
        if prev.text in "-/:." and i >= 2 and _glued(toks, i - 1) and toks[i - 2].kind != "sym":
            return True
    if i >= 1 and toks[i - 1].lower in ID_WORDS:
        return True
    if i >= 2 and toks[i - 1].text == "." and toks[i - 2].lower in ("no", "nos"):
        return True
    nxt = toks[i + 1] if i + 1 < len(toks) else None
    if nxt is not None and nxt.text in ").:" and _glued(toks, i + 1) and _list_marker(toks, i):
        return True
    if nxt is not None and nxt.text in ":/" and _glued(toks, i + 1) and i + 2 < len(toks):
        return toks[i + 2].kind == "num" and _glued(toks, i + 2)
    return False


def _phone_like(toks: list[_Tok], i: int, k: int) -> bool:
    """ "555-0123", "555-1234", "020-7946-0958": digit groups joined by hyphens."""
    a, b = toks[i].text, toks[k].text
    if not (a.isdigit() and b.isdigit()):
        return False
    more = _lower(toks, k + 1) == "-" and k + 2 < len(toks) and toks[k + 2].kind == "num"
    return more or b.startswith("0") or a.startswith("0") or len(a) == 3 and len(b) == 4


def _list_marker(toks: list[_Tok], i: int) -> bool:
    """ "1) Deviled, 2) Scotch": a number closing a parenthesis nobody opened, or "1." opening a
    numbered line, numbers a list."""
    if toks[i + 1].text == ")":
        opened = sum(t.text == "(" for t in toks[:i]) - sum(t.text == ")" for t in toks[:i])
        return opened <= 0
    return i == 0 and toks[i + 1].text == "." and toks[i].kind == "num"


@dataclass
class _Read:
    first: int
    last: int
    low: Decimal
    high: Decimal
    unit: str
    scale: int
    qualifier: str


def _as_written(core: _Core, rounded: bool) -> tuple[Decimal, Decimal]:
    """The values a number allows at the precision it is written in (`rounded`: whole numbers
    of this unit are rounded too, as percentages and measures are)."""
    step = core.step if core.step else (Decimal(1) if rounded else Decimal(0))
    if not step:
        return core.value, core.value
    return core.value - step / 2, core.value + step / 2


def _read_at(toks: list[_Tok], i: int) -> tuple[_Read | None, int]:
    """The amount whose number starts at token i (None when it is not one), and where to go on."""
    if _is_identifier(toks, i):
        return None, i + 1
    core = _core_at(toks, i)
    if core is None:
        vague = _vague_at(toks, i)
        return (vague, vague.last) if vague else (None, i + 1)
    currency, first = _currency_before(toks, i)
    qualifier, first = _qualifier_before(toks, first)
    between = _lower(toks, first - 1) == "between"
    if between:
        first -= 1
    changes_from = _lower(toks, first - 1) == "from"
    second: _Core | None = None
    j = core.last
    if _lower(toks, j) in ("-", "–", "—"):  # a range, a score or code, or an adjective
        nxt = _lower(toks, j + 1)
        after = _core_at(toks, j + 1) if j + 1 < len(toks) else None
        if after is not None and (toks[j + 1].kind == "num") != core.words:
            if _phone_like(toks, i, j + 1):
                return None, j + 2
            second = after
        elif nxt in BIG or nxt in SCALE_ABBREV:
            _scale(core, BIG.get(nxt) or SCALE_ABBREV[nxt], j + 1)  # "$3-billion"
            j = core.last
        elif nxt != "plus" and _glued(toks, j) and _glued(toks, j + 1):
            return None, j + 2  # "two-state", "45-year-old", "10,000-strong", "A-1"
    unit, factor, j = _unit_after(toks, j)
    if second is None and _lower(toks, j) in ("to", "and", "or", "-", "–", "—"):
        second = _range_end(toks, core, j, between)
    if second is None and not unit and _lower(toks, j) == "in" and _is_ratio(toks, core, j + 1):
        return None, j + 2  # "one in 13 pupils": a ratio
    if second is not None:
        unit2, factor2, j2 = _unit_after(toks, second.last)
        if unit2:
            unit, factor = unit2, factor2
        j = j2
        if second.scale > 1 and core.scale == 1 and core.value < second.value:
            _scale(core, second.scale, core.last - 1)  # "10 to 15 million"
        if second.pending_m and not core.pending_m:
            core.pending_m, core.pending_letter = True, second.pending_letter
        if core.pending_m and not second.pending_m and second.scale == 1:
            second.pending_m, second.pending_letter = True, core.pending_letter
        if not second.value > core.value and not (core.pending_m and core.scale == 1):
            return None, j  # "2-1": a score; "555-0123": a phone number
        if changes_from:  # "from 10 to 15" is a change: two amounts
            second = None
            unit, factor, j = _unit_after(toks, core.last)
    if not currency and not unit and _lower(toks, j) in CURRENCY_WORDS:
        unit, j = CURRENCY_WORDS[_lower(toks, j)], j + 1
    if currency:
        unit = currency
    if core.pending_m:
        if unit in _MONEY_UNITS:
            for c in (core, second):
                if c is not None and c.pending_m:
                    _scale(c, MONEY_ONLY_SCALE[c.pending_letter], c.last - 1)
        elif core.pending_letter == "m" and not unit:
            unit, factor = "m", Decimal(1)  # "17.30m": metres
        else:
            return None, j
    if second is not None and not second.value > core.value:
        return None, j
    if _lower(toks, j) in TIME_WORDS or (
        _lower(toks, j) in ("a", "p") and _lower(toks, j + 1) == "." and _glued(toks, j + 1)
    ):
        return None, j + 1  # "8.20 a.m.", "10 pm"
    post = ""
    for words, name in POST_QUALIFIERS.items():
        skip = 1 if words == ("plus",) and _lower(toks, j) == "-" else 0
        if _match(toks, j + skip, words):
            post, j = name, j + skip + len(words)
            break
    rounded = unit != "" and unit not in _MONEY_UNITS
    low, high = _as_written(core, rounded)
    if second is not None:
        high = _as_written(second, rounded)[1]
        qualifier = "range" if qualifier in ("", "exact") else qualifier
    qualifier = post or qualifier or "exact"
    return _Read(first, j, low * factor, high * factor, unit, core.scale, qualifier), j


def _is_ratio(toks: list[_Tok], core: _Core, k: int) -> bool:
    """ "1 in 13", "one in four": a small count of a larger one (not "30 in 2020")."""
    other = _core_at(toks, k) if k < len(toks) else None
    return (
        other is not None
        and core.scale == 1
        and other.scale == 1
        and core.value < other.value < 1000
        and _lower(toks, other.last) != "%"
    )


def _range_end(toks: list[_Tok], core: _Core, j: int, between: bool) -> _Core | None:
    """The second number of "between 10 and 15", "10 to 15", "10%-15%", "two or three"."""
    word = _lower(toks, j)
    if word == "and" and not between or word == "to" and between:
        return None
    if word == "or" and _lower(toks, j + 1) in ("more", "so", "fewer", "less"):
        return None
    k = j + 1
    if _lower(toks, k) in CURRENCY_SYMBOLS:  # "between $1.2 and $1.5 million"
        k += 1
    second = _core_at(toks, k) if k < len(toks) else None
    if second is None or word == "or" and (toks[k].kind == "word") != core.words:
        return None
    return second


def _vague_at(toks: list[_Tok], i: int) -> _Read | None:
    """ "hundreds", "thousands", "tens of thousands", "dozens" (of something)."""
    w = _lower(toks, i)
    if w == "tens" or w == "hundreds" and _lower(toks, i + 2) in ("thousands", "millions"):
        if _lower(toks, i + 1) == "of" and _lower(toks, i + 2) in VAGUE_UNITS:
            unit = (10 if w == "tens" else 100) * VAGUE_UNITS[_lower(toks, i + 2)]
            return _Read(i, i + 3, Decimal(2 * unit), Decimal(10 * unit), "", unit, "vague")
        return None
    if w in VAGUE_UNITS and toks[i].text[:1].islower() or w in VAGUE_UNITS and i == 0:
        unit = VAGUE_UNITS[w]
        return _Read(i, i + 1, Decimal(2 * unit), Decimal(10 * unit), "", unit, "vague")
    return None


def read_amounts(text: str) -> list[Amount]:
    """Every amount in `text`, in order (see the module docstring for what counts)."""
    toks = _lex(text)
    out: list[Amount] = []
    i = 0
    while i < len(toks):
        if toks[i].kind == "sym" or (
            toks[i].kind == "word"
            and toks[i].lower not in SMALL
            and toks[i].lower not in TENS
            and toks[i].lower not in ("a", "an", "half", "tens")
            and toks[i].lower not in VAGUE_UNITS
        ):
            i += 1
            continue
        read, nxt = _read_at(toks, i)
        if read is not None:
            out.append(
                Amount(
                    start=toks[read.first].start,
                    end=toks[read.last - 1].end,
                    low=float(read.low),
                    high=float(read.high),
                    unit=read.unit,
                    scale=float(read.scale),
                    qualifier=read.qualifier,
                )
            )
        i = max(nxt, i + 1)
    return out


def read_amount(text: str) -> Amount | None:
    """The one amount `text` is (surrounding spaces aside), else None."""
    stripped = text.strip()
    found = read_amounts(stripped)
    if len(found) == 1 and found[0].start == 0 and found[0].end == len(stripped):
        return found[0]
    return None


# -- calendar dates ----------------------------------------------------------------------------

_DAY_MONTH = re.compile(
    r"^(?:the\s+)?(\d{1,2})(?:st|nd|rd|th)?\s+(?:of\s+)?([a-z]+)\.?(?:,?\s+(\d{4}))?$"
)
_MONTH_DAY = re.compile(r"^([a-z]+)\.?\s+(\d{1,2})(?:st|nd|rd|th)?(?:,?\s+(\d{4}))?$")
_MONTH_YEAR = re.compile(r"^([a-z]+)\.?,?\s+(?:of\s+)?(\d{4})$")
_YEAR = re.compile(r"^(?:in\s+)?(\d{4})$")
_ISO = re.compile(r"^(\d{4})-(\d{2})-(\d{2})$")


@dataclass(frozen=True)
class CalendarDate:
    """A date as written, as the days it covers: a day, a month or a year.

    Without a year ("Dec. 28") the days are counted within the year (`unit` "month-day":
    month * 100 + day), so two such dates compare with each other and nothing else."""

    low: float
    high: float
    unit: str  # "date" (proleptic Gregorian ordinal days) | "month-day"
    text: str


def read_date(text: str) -> CalendarDate | None:
    """An absolute date ("December 30, 2014", "30 Dec 2014", "Dec. 28", "March 2024", "2008",
    "2014-12-30"); None for anything relative ("on Tuesday", "last year") or unreadable."""
    s = " ".join(text.lower().replace("’", "'").split()).strip(" ,.")
    s = re.sub(r"^(?:on|in|since|by|until|from|of)\s+", "", s)
    try:
        if m := _ISO.match(s):
            d = dt.date(int(m[1]), int(m[2]), int(m[3]))
            return CalendarDate(d.toordinal(), d.toordinal(), "date", text)
        for pattern, order in ((_DAY_MONTH, "dmy"), (_MONTH_DAY, "mdy")):
            if m := pattern.match(s):
                day, month_name = (m[1], m[2]) if order == "dmy" else (m[2], m[1])
                month = MONTHS.get(month_name)
                if month is None:
                    return None
                if m[3]:
                    d = dt.date(int(m[3]), month, int(day))
                    return CalendarDate(d.toordinal(), d.toordinal(), "date", text)
                dt.date(2000, month, int(day))  # a real day of some year (29 Feb included)
                return CalendarDate(
                    month * 100 + int(day), month * 100 + int(day), "month-day", text
                )
        if m := _MONTH_YEAR.match(s):
            month = MONTHS.get(m[1])
            if month is None:
                return None
            first = dt.date(int(m[2]), month, 1)
            following = dt.date(first.year + first.month // 12, first.month % 12 + 1, 1)
            return CalendarDate(first.toordinal(), following.toordinal() - 1, "date", text)
        if m := _YEAR.match(s):
            year = int(m[1])
            if not 1000 <= year <= 2999:
                return None
            low, high = dt.date(year, 1, 1).toordinal(), dt.date(year, 12, 31).toordinal()
            return CalendarDate(low, high, "date", text)
    except ValueError:  # "February 30"
        return None
    return None
