"""Transcript layout, and what it means for quotes and claimants, on texts written here."""

from __future__ import annotations

from claimdesk.nlp.claimants import AUTHOR, claimant_for
from claimdesk.nlp.quotes import extract_quotes
from claimdesk.nlp.sources import resolve_sources
from claimdesk.nlp.transcript import read_layout

PRESS_CONFERENCE = """Governor: Helen Marsh

THE GOVERNOR: Good morning. I think the new bridge will open in May, and I hope the weather holds.

We believe the budget is sound.

Q Governor, do you believe that the tolls will rise next year?

THE GOVERNOR: No. I told the council that tolls would stay flat. The mayor said yesterday that the city would pay for the lights.

Q: And the rail link?

THE GOVERNOR: The engineers think it can wait. Thank you all.
"""


def _run(nlp, text):
    doc = nlp(text)
    quotes = extract_quotes(doc)
    resolve_sources(doc, quotes)
    return doc, quotes


def _covering(quotes, text, fragment):
    start = text.index(fragment)
    return [q for q in quotes if q.start <= start < q.end]


def test_press_conference_turns_labels_and_header_speaker():
    layout = read_layout(PRESS_CONFERENCE)
    assert layout.kind == "turns"
    assert layout.header_speaker == "Helen Marsh"
    labels = [(t.label, t.speaker, t.is_question) for t in layout.turns]
    assert labels == [
        ("THE GOVERNOR", "Helen Marsh", False),
        ("Q", None, True),
        ("THE GOVERNOR", "Helen Marsh", False),
        ("Q", None, True),
        ("THE GOVERNOR", "Helen Marsh", False),
    ]
    # a paragraph without a label continues the turn before it
    turn = layout.turn_at(PRESS_CONFERENCE.index("We believe the budget"))
    assert turn is not None and turn.label == "THE GOVERNOR"
    assert layout.turn_at(PRESS_CONFERENCE.index("do you believe")).is_question
    assert layout.turn_at(0) is None  # the header


def test_list_of_one_off_labels_is_not_a_transcript():
    text = (
        "New state laws this year:\n\n"
        "Connecticut: Drivers must clear snow from car roofs.\n\n"
        "Delaware: Schools must teach financial literacy.\n\n"
        "Oregon: Pharmacists may prescribe birth control.\n\n"
        "Texas: Sales tax holidays now cover water-saving products.\n\n"
        "SOURCE: State legislatures.\n"
    )
    assert not read_layout(text).is_transcript


def test_speech_written_one_sentence_a_line_is_one_turn():
    lines = [f"We will build road number {k} before the winter comes." for k in range(40)]
    layout = read_layout("\n".join(lines))
    assert layout.kind == "lines"
    [turn] = layout.turns
    assert turn.speaker is None and turn.label is None


def test_prose_is_not_a_transcript():
    text = "The mayor said the bridge would open in May. Critics said it was late.\n" * 3
    layout = read_layout(text)
    assert layout.kind == "prose" and layout.turn_at(5) is None


def test_in_a_transcript_only_third_party_reports_are_quotes(nlp):
    text = PRESS_CONFERENCE
    _, quotes = _run(nlp, text)
    # the speaker's own first-person talk and beliefs, and the turn labels, are not quotes
    assert _covering(quotes, text, "the new bridge will open in May") == []
    assert _covering(quotes, text, "the budget is sound") == []
    assert _covering(quotes, text, "tolls would stay flat") == []
    # the reporters' questions are not quotes
    assert _covering(quotes, text, "the tolls will rise next year") == []
    # what the speaker reports others to think is the speaker's account, not their statement
    assert _covering(quotes, text, "it can wait") == []
    # a third party the speaker reports as saying something is a quote
    [mayor] = _covering(quotes, text, "the city would pay for the lights")
    assert text[mayor.speaker_start : mayor.speaker_end] == "The mayor"
    assert len(quotes) == 1


def test_transcript_sentence_is_claimed_by_the_turn_speaker(nlp):
    text = PRESS_CONFERENCE
    doc, quotes = _run(nlp, text)

    def claimant(fragment):
        at = text.index(fragment)
        sent = next(s for s in doc.sents if s.start_char <= at < s.end_char)
        return claimant_for(sent.start_char, sent.end_char, quotes, sent, read_layout(text))

    own = claimant("tolls would stay flat")
    assert own.name == "Helen Marsh"
    assert own.source is not None and own.source.kind == "official"
    assert claimant("the city would pay for the lights").name == "The mayor"
    assert claimant("do you believe that the tolls").name == AUTHOR
