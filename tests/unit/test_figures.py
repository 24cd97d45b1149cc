"""Figures read from parsed claim sentences: which numbers are figures, what they count, in which
event, about which named things, when (claimdesk.nlp.figures)."""

from __future__ import annotations

import pytest

from claimdesk.nlp.figures import claim_figures
from claimdesk.nlp.pipeline import analyze_text
from claimdesk.nlp.token_table import token_table


def figures_of(nlp, sentence: str):
    doc = nlp(sentence)
    found = claim_figures(doc, 0, len(sentence), token_table(doc))
    for f in found:
        assert sentence[f.start : f.end] == f.text
    return found


def one(nlp, sentence: str, text: str):
    matches = [f for f in figures_of(nlp, sentence) if f.text == text]
    assert len(matches) == 1, [f.text for f in figures_of(nlp, sentence)]
    return matches[0]


def test_troops_sent_count_troops_in_the_sending(nlp):
    f = one(
        nlp,
        "North Korea has sent 10,000 troops to Russia, South Korea's spy agency said.",
        "10,000",
    )
    assert (f.low, f.high, f.unit, f.qualifier) == (10_000, 10_000, "", "exact")
    assert (f.quantity, f.event) == ("troop", "send")
    assert f.subject == "north korea; russia"  # the spy agency is who says it, not what
    assert f.key == "|troop|send|"


def test_synonyms_and_qualifiers_keep_the_same_key(nlp):
    a = one(nlp, "North Korea has deployed about 12,000 soldiers to Russia.", "about 12,000")
    assert a.key == "|troop|send|" and a.qualifier == "about"
    assert a.subject == "north korea; russia"


def test_killed_and_wounded_are_different_quantities(nlp):
    s = "The bomb killed 30 people and wounded 45 in Kabul."
    killed, wounded = one(nlp, s, "30"), one(nlp, s, "45")
    assert killed.event == "kill" and wounded.event == "wound"
    assert killed.key != wounded.key


def test_a_percentage_measures_its_subject_and_keeps_its_preposition(nlp):
    s = "Unemployment rose to 5.2% in March, from 4.8 percent a year earlier."
    level, before = one(nlp, s, "5.2%"), one(nlp, s, "4.8 percent")
    assert level.unit == "%" and level.quantity == "unemployment" and level.event == "rise"
    assert level.key == "%|unemployment|rise|to"
    assert before.key == "%|unemployment|rise|from"
    assert "march" in level.period


def test_money_measures_what_costs_it_and_a_plan_is_marked(nlp):
    f = one(nlp, "The new bridge will cost $3bn, the council said.", "$3bn")
    assert (f.unit, f.quantity, f.event) == ("$", "bridge", "may cost")
    assert f.low == 2.5e9 and f.high == 3.5e9 and f.scale == 1e9


def test_the_subject_of_an_actor_is_not_what_is_measured(nlp):
    f = one(nlp, "Police seized $3m in cash in Lagos.", "$3m")
    assert f.quantity == ""  # police are who seized it, not what $3m measures
    assert f.subject == "lagos"


def test_a_count_of_a_count_wrapper_counts_the_noun_after_of(nlp):
    f = one(nlp, "The number of refugees reached 40,000 in Poland.", "40,000")
    assert f.quantity == "refugee"


def test_times_of_the_clause_are_its_period(nlp):
    f = one(nlp, "In 2023, Germany admitted 300,000 migrants.", "300,000")
    assert f.quantity == "migrant" and f.subject == "germany"
    assert f.period.startswith("date:")


@pytest.mark.parametrize(
    "sentence",
    [
        "A 45-year-old man from Leeds was arrested on Tuesday.",
        "Isaac and Chastian, 37, used their Julliard School training.",
        "Flight 8501 lost contact with air traffic control.",
        "He finished third in the 2024 race.",
        "For details call 555-0123 before Friday.",
        "The talks lasted three years and ended in 2019.",
        "The Big Ten had no team in the playoff.",
        "At 16.06 the minister arrived in Jakarta.",
        "One of the victims was a teacher.",
    ],
)
def test_ages_years_names_phones_and_durations_are_not_figures(nlp, sentence):
    counted = [f for f in figures_of(nlp, sentence) if f.unit not in ("date", "month-day")]
    assert counted == [], [(f.text, f.key) for f in counted]


def test_a_calendar_date_is_a_figure_of_the_event_it_dates(nlp):
    f = one(nlp, "The plane crashed into the Java Sea on December 28, 2014.", "December 28, 2014")
    assert f.unit == "date" and f.low == f.high
    assert f.event == "crash"


def test_a_bare_number_after_a_weak_verb_has_no_key(nlp):
    f = one(nlp, "The figure was 30.", "30")
    assert f.key == ""


def test_a_range_and_a_vague_plural(nlp):
    r = one(nlp, "Between 10 and 15 soldiers died in the attack on Bakhmut.", "Between 10 and 15")
    assert (r.low, r.high, r.qualifier, r.quantity, r.event) == (10, 15, "range", "troop", "kill")
    v = one(nlp, "Thousands of protesters marched through Paris.", "Thousands")
    assert v.qualifier == "vague" and v.quantity == "protester"


def test_the_pipeline_attaches_figures_to_listed_claims():
    text = (
        "North Korea has sent 10,000 troops to Russia, South Korea's spy agency said on "
        "Wednesday. The weather was mild."
    )
    analysis = analyze_text(text)
    [claim] = [c for c in analysis.claims if "troops" in c.text]
    assert [f.text for f in claim.figures] == ["10,000"]
    assert all(text[f.start : f.end] == f.text for f in claim.figures)


def test_a_headline_participle_is_the_event(nlp):
    f = one(nlp, "30 killed in Kabul blast on Tuesday.", "30")
    assert f.key == "||kill|" and f.subject == "kabul" and f.period == "tuesday"


@pytest.mark.parametrize(
    "dateline", ["SEOUL - ", "LONDON (Reuters) - ", "KYIV, Ukraine (AP) — ", "Moscow (Reuters) - "]
)
def test_a_dateline_is_not_what_a_figure_is_about(nlp, dateline):
    sentence = f"{dateline}North Korea has sent 10,000 troops to Russia, officials said."
    (figure,) = [f for f in figures_of(nlp, sentence) if f.text == "10,000"]
    assert figure.subject == "north korea; russia"
