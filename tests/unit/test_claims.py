"""Check-worthiness scoring, claim kinds, numbers/entities and claimants."""

from __future__ import annotations

import math

import pytest

from claimdesk.model import Quote, Source
from claimdesk.nlp.claim_features import sentence_evidence, sentence_features
from claimdesk.nlp.claims import (
    NEWS,
    extract_claims,
    load_model,
    score_sentences,
)
from claimdesk.nlp.transcript import read_layout


def _one(nlp, text: str, quotes: list[Quote] | None = None):
    claims = score_sentences(nlp(text), quotes or [])
    assert len(claims) == 1, [c.text for c in claims]
    return claims[0]


STATISTIC = "Unemployment in Ohio fell to 4.1 percent in March, the lowest rate since 2000."
OPINION = "I think this is a wonderful town with lovely people."
QUESTION = "What do you want to do about it?"


def test_statistic_outscores_opinion_and_question(nlp):
    stat = _one(nlp, STATISTIC).score
    assert stat > 0.8
    assert stat > _one(nlp, OPINION).score + 0.3
    assert stat > _one(nlp, QUESTION).score + 0.3
    cut = load_model().threshold
    assert _one(nlp, OPINION).score < cut
    assert _one(nlp, QUESTION).score < cut


@pytest.mark.parametrize(
    "text",
    [
        "Rachel Moore contributed to this report.",
        "Sign up for our morning newsletter to get the 5 biggest stories of 2024.",
        "Click here to read more about the 2,000 new homes.",
    ],
)
def test_boilerplate_scores_low(nlp, text):
    assert _one(nlp, text).score < 0.05


def test_scores_in_unit_interval_and_model_threshold_calibrated():
    m = load_model()
    assert 0.3 <= m.threshold <= 0.8
    assert len(m.weights) > 100


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        (STATISTIC, "statistic"),
        ("The company will close its plant in Detroit next year.", "prediction"),
        ("The outbreak spread because the city closed its only clinic.", "causal"),
        ("The Senate passed the infrastructure bill on Tuesday.", "event"),
        ("Nice to see you all.", "other"),
    ],
)
def test_kinds(nlp, text, kind):
    assert _one(nlp, text).kind == kind


def test_numbers_and_entities(nlp):
    c = _one(nlp, "Germany spent $4.5 billion on 300 wind turbines built by Siemens in 2022.")
    assert "$4.5 billion" in c.numbers
    assert "300" in c.numbers
    assert "2022" in c.numbers
    assert "Germany" in c.entities and "Siemens" in c.entities
    assert not set(c.numbers) & set(c.entities)


def test_span_is_trimmed_sentence(nlp):
    text = "  The bridge cost $40 million to build in 1998.  \n\nWe loved it."
    claims = score_sentences(nlp(text), [])
    first = claims[0]
    assert first.text == "The bridge cost $40 million to build in 1998."
    assert text[first.start : first.end] == first.text
    listed = extract_claims(nlp(text), [], threshold=0.0)
    assert [c.text for c in listed] == [c.text for c in sorted(claims, key=lambda c: -c.score)]


def test_claimant_is_quote_speaker_else_author(nlp):
    text = (
        "The port handled 12 million containers last year. "
        "Imports from Asia doubled in 2023, said Dana Whitfield, the port director."
    )
    doc = nlp(text)
    q_start = text.index("Imports")
    q_end = text.index(", said")
    source = Source(name="Dana Whitfield", kind="official")
    quote = Quote(
        start=q_start,
        end=q_end,
        text=text[q_start:q_end],
        kind="indirect",
        cue="said",
        speaker="Dana Whitfield",
        source=source,
    )
    claims = score_sentences(doc, [quote])
    assert [c.claimant for c in claims] == ["the author", "Dana Whitfield"]
    assert claims[1].claimant_source is source
    # Without the quote, the same sentence is the author's.
    assert score_sentences(doc, [])[1].claimant == "the author"


def test_direct_quotation_of_opinion_ranks_below_reported_fact(nlp):
    text = (
        "Officials said the dam released 2 million cubic metres of water on Friday. "
        "“It is a sad day for everyone here,” said Tom Reyes."
    )
    fact, quote = score_sentences(nlp(text), [])
    assert fact.score > quote.score


def test_extract_claims_ranked_and_thresholded(nlp):
    text = f"{STATISTIC} {OPINION} {QUESTION} Mark Ellis contributed to this report."
    claims = extract_claims(nlp(text), [])
    assert [c.text for c in claims] == [STATISTIC]
    assert extract_claims(nlp(text), [], threshold=0.0)[0].text == STATISTIC


def test_demo_article_top_claims(demo_doc):
    claims = extract_claims(demo_doc, [])
    assert 5 <= len(claims) <= 20
    scores = [c.score for c in claims]
    assert scores == sorted(scores, reverse=True)
    top = claims[:5]
    # The article's strongest claims carry numbers or dates.
    assert all(c.numbers for c in top)
    assert any("10,000" in c.text for c in top)
    assert any(c.kind == "statistic" for c in top)
    assert not any("contributed to this report" in c.text for c in claims)
    # A direct quotation of an analyst's view ranks below every claim carrying a number.
    view = [c for c in score_sentences(demo_doc, []) if c.text.startswith("“Pyongyang is keen")]
    assert len(view) == 1
    assert view[0].score < min(c.score for c in claims if c.numbers)


TURNS = [
    "Thank you.",
    "Thank you very much.",
    "It is great to be back here tonight.",
    "What a crowd.",
    "So many friends in this room.",
]


def _transcript(middle: str) -> str:
    lines = [TURNS[i % len(TURNS)] for i in range(40)]
    lines.insert(20, middle)
    return "\n".join(lines)


def _is_transcript(text: str) -> bool:
    return read_layout(text).is_transcript


def test_is_transcript_by_layout(demo_text):
    assert _is_transcript(_transcript("We won the vote."))
    assert not _is_transcript(demo_text)
    prose = " ".join(["The council met on Monday to discuss the budget for next year."] * 3)
    assert not _is_transcript("\n\n".join([prose] * 40))  # long paragraphs, not turns
    assert not _is_transcript("\n".join(["Short line."] * 10))  # too few lines to tell


def test_press_conference_with_speaker_labels_is_a_transcript(nlp):
    turns = [
        "MAYOR LINDQVIST: Good morning. I opened 3 new shelters last winter.",
        "Q Mayor, how many people slept outside in January?",
        "MAYOR LINDQVIST: About 400, half as many as the year before.",
        "Q And the budget?",
        "MAYOR LINDQVIST: We spent $2 million on the shelters.",
    ]
    text = "\n\n".join(turns)
    assert _is_transcript(text)
    assert not _is_transcript(text.replace("MAYOR LINDQVIST: ", "").replace("Q ", ""))
    claims = score_sentences(nlp(text), [])
    # the speaker label is not part of the claim
    assert "We spent $2 million on the shelters." in {c.text for c in claims}
    assert not any(c.text.startswith(("MAYOR", "Q ")) for c in claims)


def test_transcript_skips_news_register_corrections(nlp):
    sent = "The governor opposes the school funding bill and blames the teachers union."
    in_transcript = [c for c in score_sentences(nlp(_transcript(sent)), []) if c.text == sent]
    in_prose = score_sentences(nlp(f"Lawmakers returned to the capitol. {sent}"), [])[-1]
    assert in_prose.text == sent and len(in_transcript) == 1
    # No number, date or past deed: news prose marks it unspecific; a spoken turn is judged by
    # the model alone.
    assert in_transcript[0].score > in_prose.score + 0.1


def test_transcript_ranks_record_claim_above_small_talk(nlp):
    claim = "We created 5 million new jobs since 2017, more than any other country."
    claims = extract_claims(nlp(_transcript(claim)), [])
    assert claims and claims[0].text == claim


@pytest.mark.parametrize(
    ("text", "feature", "present"),
    [
        ("We created 5 million jobs last year.", "f:we_did", True),
        ("I have cut taxes for every family.", "f:we_did", True),
        ("I said we would win.", "f:we_did", False),
        ("They created 5 million jobs last year.", "f:we_did", False),
        ("Exports grew by more than 40 percent.", "f:compar_num", True),
        ("Exports grew faster than imports.", "f:compar_num", False),
        ("The state built 300 bridges.", "f:num_noun", True),
        ("The state built bridges in 1998.", "f:year", True),
    ],
)
def test_claim_features(nlp, text, feature, present):
    assert (feature in sentence_features(nlp(text)[:])) is present


def test_surface_ngrams_keep_inflection_and_fold_digits(nlp):
    f = sentence_features(nlp("Jobs doubled to 4,500 in Ohio.")[:])
    assert "r:jobs" in f and "r:doubled" in f and "r:to_<d>" in f
    assert not any(k.startswith("r:4") for k in f)


ABOUT = (
    "About Harbor Freightways: Harbor Freightways operates 40 depots in 12 states and employs "
    "3,000 people."
)


def test_repeated_paragraph_listed_once(nlp):
    text = (
        "Harbor Freightways said on Tuesday it would buy its rival Coastline Cargo for "
        "$1.2 billion.\n\n"
        f"{ABOUT}\n\n"
        "The deal was approved by both boards in March and values Coastline at 14 times "
        "its 2023 earnings.\n\n"
        f"{ABOUT}\n"
    )
    scored = [c for c in score_sentences(nlp(text), []) if c.text == ABOUT]
    assert len(scored) == 2  # both copies are scored ...
    listed = [c.text for c in extract_claims(nlp(text), [])]
    assert listed.count(ABOUT) == 1  # ... and listed once
    assert len(listed) == len(set(listed))


LAYOUT_ARTICLE = (
    "Flood Defences Tested\n\n"
    "Jo Kemp/for The River Gazette Volunteers stack 2,000 sandbags along the quay on "
    "Sunday, March 3.\n\n"
    "In this photo released by the council, pumps drain 40 homes on Mill Lane in 2024.\n\n"
    "The council spent $3.4 million on new flood barriers in 2023, twice its 2022 budget.\n\n"
    "Photo: Sam Reed/River Gazette\n"
)


def test_captions_credits_and_headings_not_listed(nlp):
    listed = [c.text for c in extract_claims(nlp(LAYOUT_ARTICLE), [])]
    assert listed == [
        "The council spent $3.4 million on new flood barriers in 2023, twice its 2022 budget."
    ]
    scored = {c.text: c for c in score_sentences(nlp(LAYOUT_ARTICLE), [])}
    assert scored["Flood Defences Tested"].score < 0.01
    assert scored["Photo: Sam Reed/River Gazette"].kind == "other"


def test_live_blog_timestamps_are_not_claims(nlp):
    text = (
        "16.40\n\n"
        "Rescue teams have pulled 23 people from the collapsed building, the fire service "
        "said.\n\n"
        "15.55 Fire chief Ann Cole said 120 firefighters were working at the site.\n"
    )
    claims = score_sentences(nlp(text), [])
    stamps = [c for c in claims if c.text.startswith(("16.40", "15.55"))]
    # a time on its own (however the parser splits it) is furniture; an entry loses its time
    assert {c.text for c in stamps} <= {"16.40", "15.55"}
    assert all(c.score < 0.01 and c.kind == "other" for c in stamps)
    listed = {c.text for c in extract_claims(nlp(text), [])}
    assert not listed & {"16.40", "15.55"}
    entry = [c for c in claims if "firefighters" in c.text]
    assert entry[0].text == "Fire chief Ann Cole said 120 firefighters were working at the site."
    assert text[entry[0].start : entry[0].end] == entry[0].text
    assert "15.55" not in entry[0].numbers


def test_statistic_ranks_above_opinion_in_a_speech(nlp):
    stat = "Since 2019 the state has added 240,000 manufacturing jobs, a rise of 9 percent."
    opinion = "Our workers are the best workers in the world and I love them."
    lines = [TURNS[i % len(TURNS)] for i in range(40)]
    lines[10], lines[30] = opinion, stat
    scored = {c.text: c.score for c in score_sentences(nlp("\n".join(lines)), [])}
    assert scored[stat] > load_model().threshold > scored[opinion]


@pytest.mark.parametrize(
    ("text", "flag", "value"),
    [
        ("Police have arrested the driver.", "past_deed", True),
        ("The missing boat was found near the coast.", "past_deed", True),
        ("Oddly, a cargo plane from Lagos skidded off and overshot the runway.", "past_deed", True),
        ("I went to the party and met the mayor.", "past_deed", False),  # personal experience
        ("She said it was late.", "past_deed", False),
        ("He cautioned that the inquiry was at an early stage.", "past_deed", False),
        ("The study found that coffee helps.", "past_deed", False),
        ("The festival will open on Friday.", "foretells", True),
        ("The suit, which will be filed on Thursday, seeks damages.", "foretells", False),
        ("I saw two officers and rolled down my window.", "personal", True),
        ("I think the council will approve it.", "personal", True),
        ("The officers told me the road was closed.", "personal", False),
        ("Test your site search before launch.", "instruction", True),
        ("Instead of waiting, focus on the 10 biggest accounts.", "instruction", True),
        ("We tested 10 sites.", "instruction", False),
        ("Critics argue that the plan will fail.", "opinion_frame", True),
        ("The pilots were still arguing when the plane hit the water.", "opinion_frame", False),
        ("They said the bridge was closed.", "opinion_frame", False),
    ],
)
def test_sentence_evidence_flags(nlp, text, flag, value):
    assert getattr(sentence_evidence(nlp(text)[:]), flag) is value


def test_news_anchor_and_register_corrections(nlp):
    def score(sentence: str) -> float:
        return score_sentences(nlp(f"The storm hit the coast overnight. {sentence}"), [])[-1].score

    deed = score("Rescuers pulled three fishermen from the sea near the harbour.")
    assert deed > score("Rescuers hope to reach the fishermen near the harbour.")
    assert deed > score("Rescuers will search for the fishermen near the harbour.")
    assert deed > score("Search for the fishermen near the harbour before dark.")
    assert deed > score("I pulled three fishermen from the sea near the harbour.")


def test_expert_view_ranks_below_the_same_statement_by_an_official(nlp):
    text = "The dam can hold 40 million cubic metres of water, said Lena Ortiz."
    doc = nlp(text)
    end = text.index(", said")

    def quote(kind: str) -> Quote:
        source = Source(name="Lena Ortiz", kind=kind)
        return Quote(0, end, text[:end], "indirect", "said", "Lena Ortiz", source=source)

    def logit(kind: str) -> float:
        p = score_sentences(doc, [quote(kind)])[0].score
        return math.log(p / (1 - p))

    # a named expert's statement is a view, like "experts say": the opinion-frame correction
    assert logit("official") - logit("expert") == pytest.approx(NEWS.opinion_frame, abs=0.01)


def test_a_view_of_a_past_deed_is_not_listed_as_the_deed_is(nlp):
    """A deed reported as done is checkable without a figure; an analyst's reading of what was
    done is a view, and a view without a figure is not listed."""
    from claimdesk.nlp.pipeline import analyze_doc

    text = (
        "The army withdrew its troops from the border town of Halden last week.\n\n"
        "In the view of analyst Tomas Berg, the defence ministry had chosen the state railway "
        "company, a national monopoly, as its main instrument for moving troops abroad."
    )
    listed = {c.text[:20] for c in analyze_doc(nlp(text)).claims}
    assert listed == {"The army withdrew it"}


def test_a_reporters_question_in_a_press_conference_is_not_a_claim(nlp):
    """In a labelled transcript the speaker's statements are claims; a reporter's question,
    even one that carries a figure, is not a claim anyone made."""
    from claimdesk.nlp.pipeline import analyze_doc

    text = "\n\n".join(
        [
            "MAYOR LINDQVIST: Good morning. We opened 3 new shelters last winter.",
            "Q Mayor, the audit says you spent $4 million on consultants in 2023. Is that right?",
            "MAYOR LINDQVIST: We spent $2 million on the shelters and nothing on consultants.",
            "Q Thank you, Mayor. Will the shelters stay open in March?",
            "MAYOR LINDQVIST: They will. The city council approved 12 more beds on Tuesday.",
        ]
    )
    listed = [c.text for c in analyze_doc(nlp(text)).claims]
    assert any("$2 million" in t for t in listed)
    assert not any("consultants in 2023" in t or t.startswith("Thank you") for t in listed)
