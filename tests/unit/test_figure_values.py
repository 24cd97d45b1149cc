"""Numbers as written, read into values: words, scales, units, ranges, qualifiers; and what is
not an amount at all (claimdesk.nlp.figure_values)."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from claimdesk.nlp.figure_values import read_amount, read_amounts, read_date

M, BN = 10**6, 10**9


@pytest.mark.parametrize(
    ("text", "low", "high", "unit", "qualifier"),
    [
        # words to digits
        ("three", 3, 3, "", "exact"),
        ("twenty-five", 25, 25, "", "exact"),
        ("twenty five", 25, 25, "", "exact"),
        ("a dozen", 12, 12, "", "exact"),
        ("two dozen", 24, 24, "", "exact"),
        ("one hundred and twenty", 120, 120, "", "exact"),
        ("three thousand", 2500, 3500, "", "exact"),
        ("half a million", 450_000, 550_000, "", "exact"),
        # digits, separators, scales: rounded to the last digit written
        ("30", 30, 30, "", "exact"),
        ("1,200,000", 1_200_000, 1_200_000, "", "exact"),
        ("1.2 million", 1.15 * M, 1.25 * M, "", "exact"),
        ("nine million", 8.5 * M, 9.5 * M, "", "exact"),
        # money
        ("$3bn", 2.5 * BN, 3.5 * BN, "$", "exact"),
        ("$3 billion", 2.5 * BN, 3.5 * BN, "$", "exact"),
        ("$3-billion", 2.5 * BN, 3.5 * BN, "$", "exact"),
        ("£40m", 39.5 * M, 40.5 * M, "GBP", "exact"),
        ("€3.4 million", 3.35 * M, 3.45 * M, "EUR", "exact"),
        ("3.4 million euros", 3.35 * M, 3.45 * M, "EUR", "exact"),
        ("US$5m", 4.5 * M, 5.5 * M, "$", "exact"),
        ("USD 40 million", 39.5 * M, 40.5 * M, "$", "exact"),
        ("dollars 280bn", 279.5 * BN, 280.5 * BN, "$", "exact"),
        ("pounds 885m", 884.5 * M, 885.5 * M, "GBP", "exact"),
        ("$355,760", 355_760, 355_760, "$", "exact"),
        ("59.2 trillion rupiah", 59.15e12, 59.25e12, "IDR", "exact"),
        # percentages and points
        ("40%", 39.5, 40.5, "%", "exact"),
        ("40 percent", 39.5, 40.5, "%", "exact"),
        ("40 per cent", 39.5, 40.5, "%", "exact"),
        ("4.8 percent", 4.75, 4.85, "%", "exact"),
        ("5.2 percentage points", 5.15, 5.25, "pp", "exact"),
        # measures, in base units
        ("5 km", 4500, 5500, "m", "exact"),
        ("5 kilometres", 4500, 5500, "m", "exact"),
        ("17.30m", 17.295, 17.305, "m", "exact"),
        ("5,000 tonnes", 4_999_500, 5_000_500, "kg", "exact"),
        ("3.4 sq km", 3.35 * M, 3.45 * M, "m2", "exact"),
        # ranges
        ("between 10 and 15", 10, 15, "", "range"),
        ("10-15", 10, 15, "", "range"),
        ("10 to 15", 10, 15, "", "range"),
        ("two or three", 2, 3, "", "range"),
        ("10 to 15 million", 9.5 * M, 15.5 * M, "", "range"),
        ("between $1.2 and $1.5 million", 1.15 * M, 1.55 * M, "$", "range"),
        ("10%-15%", 9.5, 15.5, "%", "range"),
        # qualifiers: kept as words, the values stay what is written
        ("about 10,000", 10_000, 10_000, "", "about"),
        ("around 8,000", 8_000, 8_000, "", "about"),
        ("some 1,200", 1_200, 1_200, "", "about"),
        ("an estimated £1.2 million", 1.15 * M, 1.25 * M, "GBP", "about"),
        ("nearly 10,000", 10_000, 10_000, "", "almost"),
        ("almost 14,000", 14_000, 14_000, "", "almost"),
        ("more than 10,000", 10_000, 10_000, "", "more than"),
        ("over 500", 500, 500, "", "more than"),
        ("at least 30", 30, 30, "", "at least"),
        ("10,000 or more", 10_000, 10_000, "", "at least"),
        ("10,000-plus", 10_000, 10_000, "", "at least"),
        ("14+", 14, 14, "", "at least"),
        ("up to 40", 40, 40, "", "up to"),
        ("as many as 2,000", 2_000, 2_000, "", "up to"),
        ("as much as 30%", 29.5, 30.5, "%", "up to"),
        ("fewer than 50", 50, 50, "", "less than"),
        ("less than 100 metres", 99.5, 100.5, "m", "less than"),
        ("only three", 3, 3, "", "exact"),
        # vague plurals: their literal span
        ("dozens", 24, 120, "", "vague"),
        ("hundreds", 200, 1000, "", "vague"),
        ("tens of thousands", 20_000, 100_000, "", "vague"),
    ],
)
def test_amounts_are_read_into_values(text, low, high, unit, qualifier):
    a = read_amount(text)
    assert a is not None, text
    assert a.low == pytest.approx(low) and a.high == pytest.approx(high), (a.low, a.high)
    assert (a.unit, a.qualifier) == (unit, qualifier)


def test_scale_is_the_scale_word():
    assert read_amount("1.2 million").scale == M
    assert read_amount("$3bn").scale == BN
    assert read_amount("1,200,000").scale == 1


def test_the_same_amount_written_differently_reads_the_same():
    forms = ["1.2 million", "1,200,000", "1200000"]
    values = [read_amount(f) for f in forms]
    assert all(v is not None for v in values)
    assert all(v.low <= 1_200_000 <= v.high for v in values)
    assert read_amount("twenty-five").low == read_amount("25").low == 25
    assert read_amount("40 percent").low == read_amount("40%").low


@pytest.mark.parametrize(
    "text",
    [
        "the 3rd",
        "in the 1990s",
        "Flight QZ8501",
        "COVID-19",
        "an Airbus A320-200",
        "Su-24s",
        "a 2-1 decision",
        "won 6-4",
        "call 555-0123",
        "at 10:30",
        "at 8.20 a.m.",
        "24/7",
        "a two-state solution",
        "a 45-year-old man",
        "a 10,000-strong force",
        "No. 4 Ohio State",
        "aged 45",
        "7x more",
        "1) Deviled, 2) Scotch",
        "one in 13 pupils",
    ],
)
def test_what_is_not_an_amount(text):
    assert read_amounts(text) == [], text


def test_amounts_are_found_in_a_sentence_with_their_offsets():
    s = "Unemployment rose to 5.2% in March from 4.8 percent, while 10-15 firms cut about 3,000 jobs."
    found = read_amounts(s)
    assert [s[a.start : a.end] for a in found] == ["5.2%", "4.8 percent", "10-15", "about 3,000"]


def test_from_to_is_a_change_not_a_range():
    found = read_amounts("rose from 4.8 to 5.2 percent")
    assert [(a.low, a.high) for a in found][0] == (4.75, 4.85)
    assert len(found) == 2


def test_a_score_or_phone_number_is_not_a_range():
    assert read_amounts("the 3-2 win") == []
    assert read_amounts("ring 555-1234 now") == []


@pytest.mark.parametrize(
    ("text", "low", "high", "unit"),
    [
        ("December 30, 2014", dt.date(2014, 12, 30), dt.date(2014, 12, 30), "date"),
        ("30 December 2014", dt.date(2014, 12, 30), dt.date(2014, 12, 30), "date"),
        ("2014-12-30", dt.date(2014, 12, 30), dt.date(2014, 12, 30), "date"),
        ("March 2024", dt.date(2024, 3, 1), dt.date(2024, 3, 31), "date"),
        ("in 2008", dt.date(2008, 1, 1), dt.date(2008, 12, 31), "date"),
    ],
)
def test_calendar_dates_are_the_days_they_cover(text, low, high, unit):
    d = read_date(text)
    assert d is not None
    assert (d.low, d.high, d.unit) == (low.toordinal(), high.toordinal(), unit)


def test_dates_without_a_year_and_what_is_no_date():
    assert read_date("Dec. 28").unit == "month-day"
    assert read_date("Dec. 28").low == read_date("28 December").low == 1228
    for text in ("on Tuesday", "last year", "February 30", "the fourth quarter"):
        assert read_date(text) is None, text


@settings(max_examples=300, deadline=None)
@given(
    st.lists(
        st.sampled_from(
            ["10", "1,200", "3.5", "$", "£", "%", "-", "–", "to", "and", "or", "between", "about",
             "more", "than", "up", "million", "bn", "m", "km", "twenty", "-", "five", "a", "dozen",
             "hundreds", "of", "(", ")", ":", "/", "No.", "aged", "in", "from", "plus", "per",
             "cent", "troops", "x", "\n", "1990s", "3rd"]
        ),
        max_size=14,
    ),
    st.sampled_from([" ", ""]),
)  # fmt: skip
def test_any_mix_of_number_words_reads_without_error(words, sep):
    text = sep.join(words) if sep else " ".join(words).replace(" - ", "-")
    for a in read_amounts(text):
        assert 0 <= a.start < a.end <= len(text)
        assert a.low <= a.high
