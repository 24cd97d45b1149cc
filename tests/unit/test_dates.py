"""Dates in claims: phrases read as rules, rules resolved against the article's date, the tense
of the clause, and what is not a date at all."""

from __future__ import annotations

import dataclasses
import datetime as dt

import pytest

from claimdesk.model import ClaimDate
from claimdesk.nlp.date_rules import (
    anchored,
    choose_anchor,
    find_dates,
    iso_at_precision,
    parse_rule,
    period_end,
    resolve,
    stated_date,
)

WED_2020_01_15 = dt.date(2020, 1, 15)
D = dt.date


def read(text: str, anchor: dt.date = WED_2020_01_15, tense: str = "") -> list[tuple[str, str]]:
    """(words, ISO value at its precision or "?") of each date found, resolved against anchor."""
    out = []
    for f in find_dates(text):
        rule = dataclasses.replace(f.rule, tense=tense) if f.rule.kind != "offset" else f.rule
        got = resolve(rule, anchor)
        out.append((text[f.start : f.end], iso_at_precision(*got) if got else "?"))
    return out


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("March 3, 2021", "2021-03-03"),
        ("Wednesday, March 3, 2021", "2021-03-03"),
        ("3 March 2021", "2021-03-03"),
        ("the 3rd of March, 2021", "2021-03-03"),
        ("Mar. 3, 2021", "2021-03-03"),
        ("2021-03-03", "2021-03-03"),
        ("12/30/2014", "2014-12-30"),  # only the US reading is a day
        ("30/12/2014", "2014-12-30"),  # only the day-first reading is a day
        ("September 2019", "2019-09"),
        ("Sept. 2019", "2019-09"),
        ("in 2019", "2019"),
        ("the year 2000", "2000"),
    ],
)
def test_absolute_dates_need_no_anchor(text, expected):
    [(_, value)] = read(text, anchor=None)  # type: ignore[arg-type]
    assert value == expected


@pytest.mark.parametrize(
    ("text", "tense", "expected"),
    [
        ("yesterday", "", "2020-01-14"),
        ("today", "", "2020-01-15"),
        ("tomorrow", "", "2020-01-16"),
        ("last night", "", "2020-01-14"),
        ("the day before yesterday", "", "2020-01-13"),
        ("three days ago", "", "2020-01-12"),
        ("two years ago", "", "2018"),
        ("a month ago", "", "2019-12"),
        ("last week", "", "2020-W02"),
        ("next week", "", "2020-W04"),
        ("earlier this month", "", "2020-01"),
        ("last month", "", "2019-12"),
        ("late last year", "", "2019"),
        ("earlier this year", "", "2020"),
        ("next year", "", "2021"),
        # a year boundary: the latest December before a January article is last year's
        ("last December", "", "2019-12"),
        ("in December", "past", "2019-12"),
        ("next January", "", "2021-01"),
        ("in March", "future", "2020-03"),
        ("this September", "", "2020-09"),
        ("in October last year", "past", "2019-10"),
        ("in October of next year", "", "2021-10"),
        ("last September", "past", "2019-09"),
        ("in January", "past", "2020-01"),  # the anchor's own month
        # weekdays: the anchor is a Wednesday
        ("on Monday", "past", "2020-01-13"),
        ("on Monday", "future", "2020-01-20"),
        ("on Wednesday", "past", "2020-01-15"),  # the same day, as wire copy writes it
        ("on Wednesday", "future", "2020-01-15"),
        ("last Wednesday", "", "2020-01-08"),
        ("next Monday", "", "2020-01-20"),
        ("last Friday", "", "2020-01-10"),
        ("Monday's attack", "past", "2020-01-13"),
        # a month and day without a year
        ("on Oct. 28", "past", "2019-10-28"),
        ("on Oct. 28", "future", "2020-10-28"),
        ("on Jan. 2", "", "2020-01-02"),  # the nearest
        ("on Dec. 30", "", "2019-12-30"),  # the nearest lies across the year boundary
        ("3 March", "past", "2019-03-03"),
        ("on Christmas Day", "past", "2019-12-25"),
        ("Monday, Jan. 20", "future", "2020-01-20"),  # the weekday agrees
    ],
)
def test_relative_dates_resolve_against_the_anchor(text, tense, expected):
    [(_, value)] = read(text, tense=tense)
    assert value == expected


@pytest.mark.parametrize(
    ("text", "tense"),
    [
        ("on Monday", ""),  # said or to come? the tense does not say
        ("on Wednesday", ""),  # even the anchor's own weekday: "open Wednesday" is a schedule
        ("in September", ""),  # last September or next?
        ("in January", ""),
        ("Thursday, Jan. 20", "future"),  # Jan. 20, 2020 is a Monday: the words disagree
    ],
)
def test_ambiguous_relative_dates_stay_unresolved(text, tense):
    [(_, value)] = read(text, tense=tense)
    assert value == "?"


def test_dates_at_the_calendars_edges_are_unresolved_not_errors():
    for text in ("yesterday", "last week", "last month", "two years ago", "on Monday"):
        [found] = find_dates(text)
        assert resolve(dataclasses.replace(found.rule, tense="past"), dt.date(1, 1, 1)) is None
    for text in ("tomorrow", "next week", "next month", "next year", "on Monday"):
        [found] = find_dates(text)
        rule = dataclasses.replace(found.rule, tense="future")
        assert resolve(rule, dt.date(9999, 12, 31)) is None
    bad = anchored(claim_date("2021-02-30"), WED_2020_01_15, "published")
    assert bad.value is None and bad.anchor is None


def test_a_relative_date_without_anchor_is_unresolved():
    [found] = find_dates("yesterday")
    assert resolve(found.rule, None) is None


@pytest.mark.parametrize(
    "text",
    [
        "He was 65 years old.",
        "a 65-year-old man",
        "aged 65",
        "open 24/7",
        "for three years",
        "in the 1990s",
        "in the '90s",
        "over the past year",
        "in the last year",  # a duration, not last year
        "several years ago",
        "every Monday",
        "on Mondays",
        "every September",
        "Prime Minister Theresa May said",
        "analyst Mark May",
        "pro-Ohio State while May, a former player",
        "open 3 to 9 p.m. Monday through Thursday",
        "Friday to Sunday",
        "the (January to March) quarter",
        "Cyber Monday sales",
        "he told BBC Radio 4's Today programme",
        "a report in USA Today",
        "talks sped up after May's chairman resigned",
        "since the Sept. 11 attacks",  # an event's name: its year is not written
        "before the Jan. 6 hearing",
        "2,000 years",
        "$2019",
        "03/04/2021",  # March 4 or 3 April
        "4/31/2020",  # no such day
        "We may win.",
        "They march on.",
    ],
)
def test_what_is_not_a_date_is_not_read(text):
    assert read(text) == []


def test_ranges_give_both_ends():
    assert read("between 2010 and 2015") == [("2010", "2010"), ("2015", "2015")]
    assert read("the 2014-15 season") == [("2014", "2014"), ("15", "2015")]


def test_the_words_of_a_date_are_its_span():
    assert [w for w, _ in read("Police said on Oct. 28 that it lost $5m last September.")] == [
        "Oct. 28",
        "last September",
    ]


def test_rules_survive_being_stored_as_text():
    for text, tense in [
        ("March 3, 2021", "past"),
        ("September 2019", ""),
        ("yesterday", ""),
        ("two weeks ago", ""),
        ("last Monday", "past"),
        ("in September", "future"),
        ("September last year", "past"),
        ("Monday, Oct. 28", "past"),
    ]:
        [found] = find_dates(text)
        rule = dataclasses.replace(found.rule, tense=tense)
        assert parse_rule(rule.text()) == rule
    assert parse_rule("not a rule") is None


def test_periods_end_where_their_precision_says():
    assert period_end(D(2019, 9, 1), "month") == D(2019, 9, 30)
    assert period_end(D(2020, 2, 1), "month") == D(2020, 2, 29)
    assert period_end(D(2019, 1, 1), "year") == D(2019, 12, 31)
    assert period_end(D(2020, 1, 6), "week") == D(2020, 1, 12)
    assert period_end(D(2020, 1, 6), "day") == D(2020, 1, 6)
    assert iso_at_precision(D(2020, 12, 28), "week") == "2020-W53"


def claim_date(rule: str, value: dt.date | None = None) -> ClaimDate:
    return ClaimDate(0, 5, "words", rule, value, None, "absolute" if value else None)


def test_anchored_keeps_absolute_dates_and_names_the_anchor_of_relative_ones():
    absolute = anchored(claim_date("2019@past", D(2019, 1, 1)), D(2020, 1, 15), "published")
    assert (absolute.value, absolute.precision, absolute.anchor) == (
        D(2019, 1, 1),
        "year",
        "absolute",
    )
    rel = anchored(claim_date("offset:day:-1"), D(2020, 1, 15), "ingested")
    assert (rel.value, rel.precision, rel.anchor) == (D(2020, 1, 14), "day", "ingested")
    unresolved = anchored(claim_date("weekday:1:"), D(2020, 1, 15), "published")
    assert (unresolved.value, unresolved.anchor, unresolved.precision) == (None, None, "day")


def test_the_anchor_is_the_publication_date_then_the_files_then_the_upload():
    today = D(2025, 6, 1)
    reported = [claim_date("2021-03-03@past", D(2021, 3, 3))]
    planned = [claim_date("2030@future", D(2030, 1, 1))]
    assert choose_anchor(D(2021, 3, 5), D(2013, 12, 23), today, reported) == (
        D(2021, 3, 5),
        "published",
    )
    assert choose_anchor(None, D(2021, 3, 4), today, reported) == (D(2021, 3, 4), "document")
    # a template's date, before what the text reports as done: the upload date instead
    assert choose_anchor(None, D(2013, 12, 23), today, reported) == (today, "ingested")
    # a date to come says nothing against the file's date
    assert choose_anchor(None, D(2021, 3, 4), today, planned) == (D(2021, 3, 4), "document")
    assert choose_anchor(None, D(2025, 7, 1), today, []) == (today, "ingested")  # in the future
    assert choose_anchor(None, None, today, reported) == (today, "ingested")


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Council approves budget\nPublished March 3, 2021\n\nThe council...", D(2021, 3, 3)),
        ("Title\nBy Jane Doe\nUpdated: 2021-03-04 10:32 GMT\nBody text.", D(2021, 3, 4)),
        ("Title\nWednesday 3 March 2021\nBody text.", D(2021, 3, 3)),
        ("Title\nUpdated 4 March 2021\nPublished 3 March 2021\nBody.", D(2021, 3, 3)),
        ("Title\nOn March 3, 2021, the council voted to close the bridge.\n", None),
        ("Title\nMarch 2021\nBody.", None),  # no day: not a publication date
        ("Title\n" + "Line\n" * 10 + "March 3, 2021\n", None),  # too far down
    ],
)
def test_a_publication_date_written_at_the_top_of_a_text(text, expected):
    assert stated_date(text) == expected


# -- the tense of the clause, from spaCy's parse ------------------------------------------


@pytest.fixture(scope="module")
def dates_of(nlp):
    from claimdesk.nlp.dates import dates_in_span, entity_spans

    def run(sentence: str, anchor: dt.date = WED_2020_01_15) -> list[tuple[str, str]]:
        doc = nlp(sentence)
        out = []
        for d in dates_in_span(doc, 0, len(sentence), entity_spans(doc)):
            r = anchored(d, anchor, "published")
            assert sentence[d.start : d.end] == d.text
            out.append((d.text, iso_at_precision(r.value, r.precision) if r.value else "?"))
        return out

    return run


def test_past_tense_puts_a_weekday_before_the_article(dates_of):
    assert dates_of("The minister resigned on Monday after the vote.") == [("Monday", "2020-01-13")]
    assert dates_of("The company has cut 500 jobs since Monday.") == [("Monday", "2020-01-13")]
    assert dates_of("Five people were killed on Monday, police said.") == [("Monday", "2020-01-13")]


def test_future_tense_puts_a_weekday_after_the_article(dates_of):
    assert dates_of("The minister will resign on Monday.") == [("Monday", "2020-01-20")]
    assert dates_of("The talks are going to resume on Monday.") == [("Monday", "2020-01-20")]


def test_without_a_clear_tense_a_weekday_is_left_unresolved(dates_of):
    assert dates_of("The minister would resign on Monday if the vote failed.") == [("Monday", "?")]
    assert dates_of("The vote is on Monday.") == [("Monday", "?")]
    assert dates_of("They agreed to meet on Monday.") == [("Monday", "?")]


def test_a_sentence_with_many_kinds_of_date(dates_of):
    got = dates_of(
        "Police said yesterday that the attack, which killed 12 people in 2019, happened "
        "last September, two years after the March 3, 2017 fire."
    )
    assert got == [
        ("yesterday", "2020-01-14"),
        ("2019", "2019"),
        ("last September", "2019-09"),
        ("March 3, 2017", "2017-03-03"),
    ]


def test_ages_and_durations_in_a_sentence_are_not_dates(dates_of):
    assert dates_of("The 65-year-old worked 24/7 for three years in the 1990s.") == []


def test_analysis_attaches_dates_to_claims_and_pieces_keep_their_offsets(nlp, monkeypatch):
    from claimdesk.nlp import pieces
    from claimdesk.nlp.pipeline import analyze_text

    sentence = (
        "The council voted on Monday to spend $4 million on flood defences, after the river "
        "burst its banks on Sept. 28, 2019, flooding 1,200 homes."
    )
    text = "\n\n".join(sentence.replace("1,200", n) for n in ("1,200", "1,350", "1,475"))
    whole = analyze_text(text, nlp=nlp)
    dated = [c for c in whole.claims if c.dates]
    assert dated, "no claim carries a date"
    for claim in dated:
        for d in claim.dates:
            assert text[d.start : d.end] == d.text
            assert claim.start <= d.start < d.end <= claim.end
    monkeypatch.setattr(
        "claimdesk.nlp.pipeline.piece_bounds",
        lambda t: pieces.piece_bounds(t, max_chars=len(sentence) + 10),
    )
    split = analyze_text(text, nlp=nlp)
    assert sorted((d.start, d.rule) for c in split.claims for d in c.dates) == sorted(
        (d.start, d.rule) for c in whole.claims for d in c.dates
    )
