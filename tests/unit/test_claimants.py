"""Who claims a sentence: the named speaker of a reported statement, else the author."""

from __future__ import annotations

from claimdesk.model import Quote
from claimdesk.nlp.claimants import AUTHOR, claimant_for, speaker_name
from claimdesk.nlp.quotes import extract_quotes
from claimdesk.nlp.sources import resolve_sources


def _claimant(nlp, text, fragment):
    doc = nlp(text)
    quotes = extract_quotes(doc)
    resolve_sources(doc, quotes)
    at = text.index(fragment)
    sent = next(s for s in doc.sents if s.start_char <= at < s.end_char)
    return claimant_for(sent.start_char, sent.end_char, quotes, sent)


def test_reported_statement_is_claimed_by_its_speaker(nlp):
    text = "Engineer Lisa Moreau said the bridge was unsafe for lorries."
    who = _claimant(nlp, text, "the bridge was unsafe")
    assert who.name == "Lisa Moreau"
    assert who.quote is not None


def test_reported_act_is_claimed_by_the_author(nlp):
    # the sentence is the author's account of what the council did, not the council's claim
    text = "The city council criticized the mayor for the delay to the new bridge."
    who = _claimant(nlp, text, "criticized the mayor")
    assert who.name == AUTHOR and who.quote is None


def test_unresolved_pronoun_is_never_a_claimant(nlp):
    text = "He said the bridge would cost twice the budget."
    assert _claimant(nlp, text, "twice the budget").name == AUTHOR


def test_relative_pronoun_gives_way_to_its_antecedent(nlp):
    text = "Residents, who said the water smelled of diesel, met the engineers on Friday."
    who = _claimant(nlp, text, "smelled of diesel")
    assert who.name == "Residents"


def test_datelines_and_time_stamps_are_not_names():
    dateline = Quote(0, 10, "x", "indirect", cue=":", speaker="PORTLAND")
    assert speaker_name(dateline) is None
    stamped = Quote(0, 10, "x", "indirect", cue="said", speaker="14.07 An Indonesian official")
    assert speaker_name(stamped) == "An Indonesian official"
    assert speaker_name(Quote(0, 10, "x", "indirect", cue="said", speaker="who")) is None
