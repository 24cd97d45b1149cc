"""Page furniture by layout: headings, captions, credits, timestamps, contact lines."""

from __future__ import annotations

import pytest

from claimdesk.nlp.claim_layout import (
    CAPTION,
    CONTACT,
    CREDIT,
    HEADING,
    NO_WORDS,
    TIMESTAMP,
    LineContext,
    furniture_kind,
    leading_label_length,
    line_context,
)

ALONE = LineContext(alone_on_line=True)
IN_PARAGRAPH = LineContext(alone_on_line=False)


def _kind(text: str, where: LineContext = ALONE) -> str | None:
    words = [w for w in text.split() if any(c.isalnum() for c in w)]
    return furniture_kind(text, len(words), any(c.isalpha() for c in text), where)


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        ("Better Ways To Plan Your Garden", HEADING),
        ("LOCAL BUSINESS NEWS", HEADING),
        ("Mayor unveils plan for riverside park", HEADING),
        ("4. Keep Your Receipts", HEADING),
        ("14.32", NO_WORDS),
        ("09:15 GMT", TIMESTAMP),
        ("(10.05 am)", TIMESTAMP),
        ("2.", NO_WORDS),
        ("Photo: Maria Ortiz/City Herald", CREDIT),
        ("A firefighter sprays water on the barn. (AP Photo/Sam Hill)", CREDIT),
        (
            "Dana Price/for The Evening Courier Tom Bell and his dog Rex sit on the porch.",
            CREDIT,
        ),
        ("Crowds gather outside the stadium on Saturday. AFP/Getty Images", CREDIT),
        (
            "In this photo taken on May 2, farmers load sacks of rice onto a truck in Dhaka.",
            CAPTION,
        ),
        ("Ana Ruiz, left, and Bo Chen, right, hold the trophy after the final.", CAPTION),
        ("The new bridge is pictured here during its opening.", CAPTION),
        ("Floods sweep through the valley, in pictures", CAPTION),
        ("Email the reporter at pat.lee@example.com.", CONTACT),
        ("Reporter Pat Lee may be reached at pat.lee@example.com or on 555 0100.", CONTACT),
    ],
)
def test_furniture(text, kind):
    assert _kind(text) == kind


@pytest.mark.parametrize(
    "text",
    [
        "The council approved a budget of $4 million on Monday.",
        "Donors pledged $4bn to fight HIV/Aids in the region.",
        "The ship turned left, then headed for the harbour at 12.30.",
        "Unemployment fell to 4.1 percent in March.",
        # a long line without a full stop is a scraped paragraph, not a heading
        "Residents of the coastal town are holding a vigil tonight for the crew of the lost "
        "fishing boat and their families",
    ],
)
def test_running_text_is_not_furniture(text):
    assert _kind(text) is None


def test_unpunctuated_short_line_is_a_heading_only_when_alone_and_not_a_transcript():
    assert _kind("Mayor unveils plan for riverside park", IN_PARAGRAPH) is None
    spoken = LineContext(alone_on_line=True, transcript=True)
    assert _kind("And the rules tonight are simple", spoken) is None


def test_line_context():
    text = "Heading here\n\nThe body starts. It goes on.\nLast line"
    assert line_context(text, 0, 12).alone_on_line
    start = text.index("The body")
    assert not line_context(text, start, start + len("The body starts.")).alone_on_line
    last = text.index("Last")
    assert line_context(text, last, len(text)).alone_on_line


@pytest.mark.parametrize(
    ("text", "cut"),
    [
        ("13.08 The minister has arrived at the scene.", 6),
        ("09:41 GMT Rescuers found two more survivors.", 10),
        ("10.25 per cent of voters stayed at home.", 0),  # a number, not a clock time
        ("2.5 Million people live there.", 0),
        ("The 13.08 train was late.", 0),
    ],
)
def test_leading_timestamp(text, cut):
    assert leading_label_length(text) == cut


@pytest.mark.parametrize(
    ("text", "transcript", "cut"),
    [
        ("MAYOR LINDQVIST: We opened 3 shelters last winter.", True, 17),
        ("Q Will the shelters stay open?", True, 2),
        ("A: They will.", True, 3),
        ("MAYOR LINDQVIST: We opened 3 shelters last winter.", False, 0),  # not a transcript
        ("A man was hurt in the fire.", True, 0),  # "A" alone is the article
    ],
)
def test_speaker_label_cut_only_in_transcripts(text, transcript, cut):
    assert leading_label_length(text, transcript) == cut
