"""Quote extraction on texts written here and on the demo article."""

from __future__ import annotations

import json

import pytest
from spacy.tokens import Doc

from claimdesk.nlp.lexicons.cues import CueLexicon, load_lexicon
from claimdesk.nlp.quote_marks import find_quoted_spans, normalise_marks, strip_marks
from claimdesk.nlp.quote_speaker import is_plausible_speaker
from claimdesk.nlp.quotes import extract_quotes
from claimdesk.nlp.sources import resolve_sources


def _quotes(nlp, text):
    return extract_quotes(nlp(text))


def _covering(quotes, text, fragment):
    start = text.index(fragment)
    end = start + len(fragment)
    return [q for q in quotes if q.start <= start and end <= q.end]


# ----------------------------------------------------------------------------- quote marks


def test_apostrophes_are_not_quote_marks():
    text = "Don’t tell Clinton's aides it's over, the governor’s office said."
    assert find_quoted_spans(text) == []


def test_newswire_double_apostrophes_pair_up():
    text = "Mr. Lee said ``we will rebuild the port this year,'' and left the room."
    [span] = find_quoted_spans(text)
    assert text[span.start : span.end] == "``we will rebuild the port this year,''"
    assert strip_marks(text[span.start : span.end]) == "we will rebuild the port this year,"


def test_unbalanced_mark_stops_at_paragraph_end():
    text = (
        "The mayor said “the bridge will open in May and nobody should worry.\n\n"
        "The council met on Tuesday. It approved the budget without debate.\n\n"
        "“We are ready,” the treasurer said."
    )
    spans = find_quoted_spans(text)
    assert all("council met" not in text[s.start : s.end] for s in spans)
    assert any(text[s.start : s.end] == "“We are ready,”" for s in spans)


def test_paragraph_reopening_a_quote_continues_it():
    text = "“The first part of the statement runs on\n\n“and the second part ends here,” she said."
    first, second = find_quoted_spans(text)
    assert first.continues and not first.closed
    assert second.closed


def test_normalise_marks_makes_straight_quotes_curly():
    assert normalise_marks("He said \"yes\" and ''no''.") == "He said “yes” and ”no”."


# ----------------------------------------------------------------------------- direct quotes


def test_split_quote_around_the_speaker_is_one_quote(nlp):
    text = (
        "“The harbour is too shallow for the new ships,” Okafor said. “We will have to dredge "
        "it before winter.”\n\nThe port authority did not comment."
    )
    qs = _quotes(nlp, text)
    [q] = _covering(qs, text, "The harbour is too shallow")
    assert q.kind == "direct"
    assert "dredge it before winter" in q.text
    assert q.cue == "said"
    assert text[q.speaker_start : q.speaker_end] == "Okafor"


def test_straight_quotes_with_inverted_speaker(nlp):
    text = '"Prices will keep rising through the spring," said Maria Lopez, an economist.'
    [q] = _quotes(nlp, text)
    assert q.kind == "direct"
    assert text[q.speaker_start : q.speaker_end] == "Maria Lopez"


def test_quote_signed_with_a_dash_has_a_speaker(nlp):
    text = (
        "Residents gathered at noon.\n\n“We will not leave our homes for a parking lot.” —Ana Ruiz"
    )
    qs = _quotes(nlp, text)
    [q] = _covering(qs, text, "We will not leave")
    assert text[q.speaker_start : q.speaker_end] == "Ana Ruiz"


def test_floating_quote_inherits_the_previous_speaker(nlp):
    text = (
        "“The vote was rigged from the start,” Haddad told reporters on Monday.\n\n"
        "“Nobody in this town believes the official count.”"
    )
    qs = _quotes(nlp, text)
    [q] = _covering(qs, text, "Nobody in this town")
    assert q.kind == "direct" and q.speaker_start is None  # no mention in its own sentence


def test_scare_quotes_are_not_quotes(nlp):
    text = "The so-called “reform” package passed the senate after a long night."
    assert _quotes(nlp, text) == []


# ----------------------------------------------------------------------------- indirect speech


def test_said_that_gives_indirect_content_and_speaker(nlp):
    text = "Interior Minister Hana Novak said that the border would reopen next week."
    [q] = _quotes(nlp, text)
    assert q.kind == "indirect"
    assert q.text.endswith("the border would reopen next week")
    assert "Hana Novak" in text[q.speaker_start : q.speaker_end]


def test_according_to_excludes_the_attribution(nlp):
    text = "The dam was built without permits, according to the regional water board."
    [q] = _quotes(nlp, text)
    assert q.text == "The dam was built without permits"
    assert q.cue == "according to"
    assert text[q.speaker_start : q.speaker_end] == "the regional water board"


def test_trailing_said_and_told(nlp):
    text = (
        "The factory will close in March, the owner said. "
        "Jensen told the committee the numbers were wrong."
    )
    qs = _quotes(nlp, text)
    assert _covering(qs, text, "The factory will close in March")
    [q] = _covering(qs, text, "the numbers were wrong")
    assert text[q.speaker_start : q.speaker_end] == "Jensen"


def test_mixed_quote_contains_a_quoted_fragment(nlp):
    text = "Senator Alvarez said the proposal was “dead on arrival” in the chamber."
    [q] = _quotes(nlp, text)
    assert q.kind == "mixed"
    assert "“dead on arrival”" in q.text


def test_beliefs_and_reports_are_attributions(nlp):
    text = "A new poll shows that most voters oppose the tax. The Herald has learned the mayor resigned."
    qs = _quotes(nlp, text)
    assert _covering(qs, text, "most voters oppose the tax")
    assert _covering(qs, text, "the mayor resigned")


def test_nested_report_is_carried_by_the_outer_one(nlp):
    text = "The aide said the governor told donors that the plan was dead."
    qs = _quotes(nlp, text)
    assert len(qs) == 1
    assert text[qs[0].speaker_start : qs[0].speaker_end] == "The aide"


# ----------------------------------------------------------------------------- lexicon


def test_lexicon_can_be_extended_in_code_and_from_a_file(tmp_path):
    lex = CueLexicon()
    assert not lex.is_cue("harrumph")
    assert lex.extended(speech=["harrumph"]).is_cue("harrumph")
    path = tmp_path / "cues.json"
    path.write_text(json.dumps({"belief": ["intuit"]}), encoding="utf-8")
    assert "intuit" in load_lexicon(path).clause_verbs
    with pytest.raises(AttributeError):
        lex.extended(nonsense=["x"])


def test_extended_lexicon_finds_new_cues(nlp):
    text = "Ms. Park opined that the merger would fail."
    lex = CueLexicon(speech=frozenset({"say"}), belief=frozenset(), act=frozenset())
    assert extract_quotes(nlp(text), lexicon=lex) == []
    assert extract_quotes(nlp(text), lexicon=lex.extended(speech=["opine"]))


# ----------------------------------------------------------------------------- demo article


def test_demo_article_quotes(demo_doc, demo_text):
    qs = extract_quotes(demo_doc)
    [yu] = _covering(qs, demo_text, "When Wagner stayed away from Putin")
    assert yu.kind == "direct" and demo_text[yu.speaker_start : yu.speaker_end] == "Yu"
    [singh] = _covering(qs, demo_text, "those foreign troops will likely fight")
    assert singh.kind == "mixed"
    [view] = _covering(qs, demo_text, "Putin had chosen the Wagner Group")
    assert view.cue.lower().startswith("in yu")
    [they] = _covering(qs, demo_text, "would be a quid pro quo move")
    assert demo_text[they.speaker_start : they.speaker_end] == "they"
    assert len(qs) >= 14


# ----------------------------------------------------------------------------- broader cues


def test_communicative_acts_beyond_said(nlp):
    text = "Councillor Brandt lambasted the transit board for the fare increase."
    [q] = _quotes(nlp, text)
    assert "the transit board" in q.text
    assert text[q.speaker_start : q.speaker_end] == "Councillor Brandt"


def test_passive_with_agent_names_the_agent(nlp):
    text = "The harbour plan was endorsed by the chamber of commerce on Monday."
    [q] = _quotes(nlp, text)
    assert q.text == "The harbour plan"
    assert "chamber of commerce" in text[q.speaker_start : q.speaker_end]


def test_passive_without_agent_has_no_speaker(nlp):
    text = "It was reported that the ferry company would cut its winter routes."
    [q] = _quotes(nlp, text)
    assert q.text.endswith("the ferry company would cut its winter routes")
    assert q.speaker_start is None


def test_passive_of_a_non_reporting_verb_is_not_a_quote(nlp):
    text = "The bridge was supposed to open in May."
    assert _quotes(nlp, text) == []


def test_adjective_of_belief_takes_a_clause_and_a_holder(nlp):
    text = (
        "The mayor is confident that the budget will pass. It is unclear whether the vote is due."
        " Make sure the doors are locked."
    )
    qs = _quotes(nlp, text)
    [q] = _covering(qs, text, "the budget will pass")
    assert text[q.speaker_start : q.speaker_end] == "The mayor"
    # an expletive "it" and an imperative name no one who holds the belief
    assert _covering(qs, text, "whether the vote is due") == []
    assert _covering(qs, text, "the doors are locked") == []


def test_parenthetical_attribution_covers_the_whole_sentence(nlp):
    # a hand-made parse: the parser sometimes hangs "he said" on the fronted adverbial clause
    words = ["While", "rents", "rose", ",", "he", "said", ",", "wages", "fell", "."]
    heads = [2, 2, 8, 5, 5, 2, 5, 8, 8, 8]
    deps = ["mark", "nsubj", "advcl", "punct", "nsubj", "parataxis", "punct", "nsubj", "ROOT"]
    deps.append("punct")
    pos = ["SCONJ", "NOUN", "VERB", "PUNCT", "PRON", "VERB", "PUNCT", "NOUN", "VERB", "PUNCT"]
    tags = ["IN", "NNS", "VBD", ",", "PRP", "VBD", ",", "NNS", "VBD", "."]
    lemmas = ["while", "rent", "rise", ",", "he", "say", ",", "wage", "fall", "."]
    spaces = [True, True, False, True, True, False, True, True, False, False]
    doc = Doc(nlp.vocab, words=words, spaces=spaces, heads=heads, deps=deps, pos=pos, tags=tags)
    for t, lemma in zip(doc, lemmas, strict=True):
        t.lemma_ = lemma
    [q] = extract_quotes(doc)
    assert q.text.rstrip(".") == "While rents rose, he said, wages fell"
    assert doc.text[q.speaker_start : q.speaker_end] == "he"


def test_clause_continues_after_a_midsentence_attribution(nlp):
    text = "Farmers paid 9 percent, the ministry said in a statement, and traders paid 2 percent."
    qs = _quotes(nlp, text)
    [q] = _covering(qs, text, "Farmers paid 9 percent")
    assert "traders paid 2 percent" in q.text


# ----------------------------------------------------------------------------- layouts


def test_quoted_transcript_lines_take_their_label(nlp):
    text = (
        "The exchange went as follows:\n\n"
        '"HOST: Will the new stadium be finished before the season starts?\n\n'
        '"MORALES: We expect the roof to be closed by the end of August."'
    )
    qs = _quotes(nlp, text)
    [host] = _covering(qs, text, "Will the new stadium be finished")
    assert text[host.speaker_start : host.speaker_end] == "HOST"
    assert host.text.startswith("Will the new stadium")
    [mor] = _covering(qs, text, "We expect the roof")
    assert text[mor.speaker_start : mor.speaker_end] == "MORALES"


def test_said_colon_before_a_quoted_paragraph(nlp):
    text = (
        "Later in the evening the harbour master said:\n\n"
        "“We have never seen water this high in the old port, and we are asking everyone to "
        "stay away from the quays until Sunday.”"
    )
    qs = _quotes(nlp, text)
    [q] = _covering(qs, text, "We have never seen water this high")
    assert q.cue == "said"
    assert text[q.speaker_start : q.speaker_end] == "the harbour master"


def test_closing_mark_opening_a_paragraph_opens_the_quote():
    text = "Readers wrote in.\n”The park is a disgrace and nobody cares about it.” ― Ana Ruiz\n"
    [span] = find_quoted_spans(text)
    assert text[span.start : span.end].startswith("”The park is a disgrace")


def test_reporting_noun_with_a_topic(nlp):
    text = "The union has serious concerns about the new shift rota."
    qs = _quotes(nlp, text)
    [q] = _covering(qs, text, "the new shift rota")
    assert q.cue == "concerns about"
    assert text[q.speaker_start : q.speaker_end] == "The union"


def test_reporting_noun_takes_the_subject_of_its_verb(nlp):
    text = "The minister made the claim that exports had doubled."
    [q] = _quotes(nlp, text)
    assert q.text.endswith("exports had doubled")
    assert text[q.speaker_start : q.speaker_end] == "The minister"


def test_cue_in_a_relative_clause_reports_its_noun_phrase(nlp):
    text = "The council approved what the mayor called a fair compromise."
    qs = _quotes(nlp, text)
    [q] = _covering(qs, text, "what the mayor called a fair compromise")
    assert text[q.speaker_start : q.speaker_end] == "the mayor"


def test_relative_clause_with_a_speaking_antecedent_is_not_its_content(nlp):
    text = "Residents who said the water smelled odd met the engineers."
    qs = _quotes(nlp, text)
    assert not _covering(qs, text, "Residents who said the water smelled odd")
    [q] = _covering(qs, text, "the water smelled odd")
    assert text[q.speaker_start : q.speaker_end] == "who"


# ----------------------------------------------------------------------------- acts of saying


@pytest.mark.parametrize(
    "text",
    [
        # motion and other events
        "The airliner slammed into the sea minutes after take-off.",
        # agentless passives of verbs that are not verbs of saying
        "A body was found near the harbour on Tuesday.",
        "New features were added to the software in March.",
        "Pictures of the wreckage were broadcast on television.",
        # offering, supporting, seeking, wanting, planning, refusing
        "The tap room offers a small food menu of sandwiches.",
        "The grants support reading programs for young children.",
        "Marta Reyes plans to file the lawsuit on Thursday.",
        "The suit seeks unspecified damages for her injuries.",
        "The governor doesn't want to be seen as a spoiler.",
        "The minister declined to answer questions about the budget.",
        # imperatives, and the reader or the author holding a belief
        "Make sure your customers can find the checkout quickly.",
        "You know, the market was never easy for small shops.",
        "We believe the plan will work for every family.",
        "I think the council made the right decision.",
        # a question, a negated and a hypothetical report
        "Did the minister say that taxes would rise?",
        "The mayor did not say whether the bridge would close.",
        "If they tell you the price is final, leave the shop.",
        # a judgement over a verbless clause, and a belief nobody holds
        "Residents consider the new park a success.",
        "It is unclear whether the vote will take place.",
    ],
)
def test_no_act_of_saying_no_quote(nlp, text):
    assert _quotes(nlp, text) == []


@pytest.mark.parametrize(
    ("text", "content", "speaker"),
    [
        ("The council called for an inquiry into the collapse.", "an inquiry", "The council"),
        ("Officials believe that the dam will hold through the winter.", "the dam", "Officials"),
        ("The ministry issued a statement on the strike.", "a statement", "The ministry"),
        ("The union raised concerns about the new rota.", "concerns about", "The union"),
    ],
)
def test_communicative_acts_and_held_beliefs_are_quotes(nlp, text, content, speaker):
    [q] = _covering(_quotes(nlp, text), text, content)
    assert text[q.speaker_start : q.speaker_end] == speaker


def test_light_act_on_words_given_elsewhere_is_not_a_quote(nlp):
    text = "The senator made the comments on Friday during a visit to the port."
    assert _quotes(nlp, text) == []


def test_quoted_title_is_not_a_quote(nlp):
    text = 'The film "A Quiet Winter Story" opens in cinemas on Friday, the studio said.'
    qs = _quotes(nlp, text)
    assert all(q.kind != "direct" for q in qs)


def test_inserted_and_inverted_attributions(nlp):
    text = (
        "One of the most popular offerings so far, said the owners, is the six-pack deal. "
        "The motive, police said: jealousy."
    )
    qs = _quotes(nlp, text)
    [owners] = _covering(qs, text, "is the six-pack deal")
    assert text[owners.speaker_start : owners.speaker_end] == "the owners"
    [police] = _covering(qs, text, "jealousy")
    assert text[police.speaker_start : police.speaker_end] == "police"


def test_as_x_put_it_reports_the_clause(nlp):
    text = "Lobbyists are mounting a quiet campaign against the law, as the Herald put it."
    [q] = _quotes(nlp, text)
    assert q.text.startswith("Lobbyists are mounting")
    assert q.cue == "put it"


def test_according_to_reads_its_sentence(nlp):
    text = "The plane, according to radar data, climbed far too steeply before it fell."
    [q] = _quotes(nlp, text)
    assert "climbed far too steeply" in q.text
    assert text[q.speaker_start : q.speaker_end] == "radar data"
    author = "Prices rose by a tenth last year, according to our own tally."
    assert _quotes(nlp, author) == []


def test_quoted_as_saying_gives_the_quoted_person(nlp):
    text = "Local radio quoted the harbour master, Ines Duarte, as saying two boats sank."
    doc = nlp(text)
    [q] = extract_quotes(doc)
    resolve_sources(doc, [q])
    assert q.text == "two boats sank"
    assert text[q.speaker_start : q.speaker_end] == "the harbour master"
    assert q.speaker == "Ines Duarte"  # the name in apposition to the described speaker


def test_block_quotation_after_a_colon(nlp):
    text = (
        "The ambassador, Lena Varga, said:\n\n"
        "On behalf of my government I offer our deepest condolences to the families.\n\n"
        "The search resumed at dawn."
    )
    [q] = _quotes(nlp, text)
    assert q.text.startswith("On behalf of my government")
    assert "Lena Varga" in text[q.speaker_start : q.speaker_end] or text[
        q.speaker_start : q.speaker_end
    ].startswith("The ambassador")


def test_quote_that_lost_its_closing_mark():
    text = 'A spokesman said: "Every day in school counts. "It is clear the rules are working."'
    first, second = find_quoted_spans(text)
    assert text[first.start : first.end] == '"Every day in school counts.'
    assert text[second.start : second.end] == '"It is clear the rules are working."'


def test_labels_of_furniture_places_and_headings_are_not_speakers(nlp):
    text = (
        "SOURCE: Harbour authority figures for the last ten years.\n\n"
        "Connecticut: Drivers must clear snow from the roofs of their cars.\n\n"
        "Rising Waters Threaten Old Port: The tide reached a record height on Monday.\n\n"
        "Maria Delgado: The party needs to win back working families."
    )
    qs = _quotes(nlp, text)
    assert _covering(qs, text, "Harbour authority figures") == []
    assert _covering(qs, text, "Drivers must clear snow") == []
    assert _covering(qs, text, "The tide reached") == []
    [q] = _covering(qs, text, "The party needs to win")
    assert text[q.speaker_start : q.speaker_end] == "Maria Delgado"


def test_documents_report_findings_and_beliefs_take_an_object_clause(nlp):
    text = (
        "New polls show the mayor with a narrow lead. A majority of voters expect the mayor to "
        "win. Police found a body near the dock."
    )
    qs = _quotes(nlp, text)
    [poll] = _covering(qs, text, "the mayor with a narrow lead")
    assert text[poll.speaker_start : poll.speaker_end] == "New polls"
    [voters] = _covering(qs, text, "the mayor to win")
    assert text[voters.speaker_start : voters.speaker_end] == "A majority of voters"
    assert _covering(qs, text, "a body near the dock") == []  # police are not a document


def test_an_order_is_its_content_not_its_addressee(nlp):
    text = "The governor told her aides to prepare the evacuation. She spoke to reporters later."
    qs = _quotes(nlp, text)
    [q] = qs
    assert q.text.startswith("to prepare the evacuation")


def test_asking_someone_for_something_is_no_quote(nlp):
    text = (
        "One of the pilots asked air-traffic control for permission to climb to 38,000 feet. "
        "Reporters asked whether the search would go on overnight."
    )
    [q] = _quotes(nlp, text)
    assert q.text == "whether the search would go on overnight"


def test_the_us_is_a_country_not_the_first_person(nlp):
    text = "The US says it will let market forces set the dollar's strength."
    [q] = _quotes(nlp, text)
    assert text[q.speaker_start : q.speaker_end] == "The US"


def test_according_to_inside_a_report_stays_in_it(nlp):
    text = (
        "The group said the site, according to the watchdog, does not include criticism of "
        "the government."
    )
    [q] = _quotes(nlp, text)
    assert q.cue == "said"
    assert "according to the watchdog" in q.text


# ----------------------------------------------------------------------------- attributions
# after a quotation that ends its sentence


def test_next_sentence_leading_its_own_quote_does_not_attribute_the_one_before(nlp):
    text = (
        "The mayor says the harbour plan is “a gift to the developers.” "
        "She adds, “Who will pay for the new quays?”"
    )
    qs = _quotes(nlp, text)
    [first] = _covering(qs, text, "a gift to the developers")
    assert first.kind == "mixed" and first.cue == "says"
    assert "Who will pay" not in first.text
    assert text[first.speaker_start : first.speaker_end] == "The mayor"
    [second] = _covering(qs, text, "Who will pay for the new quays?")
    assert second.cue == "adds"


def test_verb_after_a_quote_reporting_a_clause_of_its_own_is_not_the_quotes(nlp):
    text = (
        "The police chief, Dana Okoro, said that the footage did not give "
        "“definitive evidence of a weapon,” but she said that the other videos "
        "“support what witnesses told us” about the night."
    )
    qs = _quotes(nlp, text)
    [first] = _covering(qs, text, "definitive evidence of a weapon")
    assert first.text.startswith("the footage did not give")
    assert "other videos" not in first.text
    [second] = _covering(qs, text, "support what witnesses told us")
    assert text[second.speaker_start : second.speaker_end] == "she"


def test_quote_that_ends_a_sentence_keeps_an_attribution_in_attribution_shape(nlp):
    text = "“Where is the money?” asked Councillor Ruth Amara. The meeting ended at noon."
    [q] = _quotes(nlp, text)
    assert q.cue == "asked"
    assert text[q.speaker_start : q.speaker_end] == "Councillor Ruth Amara"


def test_dash_glued_to_the_closing_mark_still_signs_the_quote(nlp):
    text = (
        "Readers wrote in.\n"
        "“The new bus lanes have made my commute twice as long as before.”― Ana Ruiz\n"
        "“Nobody asked the people who live here about any of this.” ― Tom Berg\n"
    )
    qs = _quotes(nlp, text)
    [ruiz] = _covering(qs, text, "The new bus lanes")
    assert text[ruiz.speaker_start : ruiz.speaker_end] == "Ana Ruiz"
    resolve_sources(nlp(text), [ruiz])
    assert ruiz.speaker == "Ana Ruiz"


def test_participle_of_saying_speaks_for_the_one_it_describes(nlp):
    text = (
        "The new ad uses footage of Maria Lopez asking, “Why are the clinics closing?” "
        "The forum was flooded with posts, including one saying that the vote was rigged."
    )
    qs = _quotes(nlp, text)
    [lopez] = _covering(qs, text, "Why are the clinics closing?")
    assert text[lopez.speaker_start : lopez.speaker_end] == "Maria Lopez"
    [post] = _covering(qs, text, "the vote was rigged")
    assert text[post.speaker_start : post.speaker_end] == "one"


def test_a_dash_is_never_a_speaker(nlp):
    # the tagger sometimes takes a dash for a noun and the parser makes it a subject
    doc = Doc(nlp.vocab, words=["―", "Lopez"], pos=["NOUN", "PROPN"])
    assert not is_plausible_speaker(doc[0])
    assert is_plausible_speaker(doc[1])


def test_act_content_runs_to_the_end_of_its_phrase_but_not_its_time(nlp):
    text = "Councillor Brandt cited complaints from dozens of residents on Tuesday."
    [q] = _quotes(nlp, text)
    assert q.text == "complaints from dozens of residents"
    assert text[q.speaker_start : q.speaker_end] == "Councillor Brandt"


def test_second_act_of_saying_joined_to_the_report_is_its_own_quote(nlp):
    text = (
        "The governor said she would veto the bill and warned against any attempt to revive it. "
        "The minister said he saw no reason for panic, arguing that prices had already fallen."
    )
    qs = _quotes(nlp, text)
    [veto] = _covering(qs, text, "she would veto the bill")
    assert "warned" not in veto.text
    [warn] = _covering(qs, text, "against any attempt to revive it")
    assert text[warn.speaker_start : warn.speaker_end] == "The governor"
    [panic] = _covering(qs, text, "he saw no reason for panic")
    assert "arguing" not in panic.text
    [prices] = _covering(qs, text, "that prices had already fallen")
    assert text[prices.speaker_start : prices.speaker_end] == "The minister"


def test_act_joined_to_a_report_about_someone_else_stays_in_the_report(nlp):
    text = "The aide said the company fired the manager and blamed him for the losses."
    [q] = _quotes(nlp, text)
    assert q.text.endswith("blamed him for the losses")
    assert text[q.speaker_start : q.speaker_end] == "The aide"


def test_act_on_a_pronoun_object_carries_no_words(nlp):
    text = "The council received the report in May and disclosed it to the press."
    assert _quotes(nlp, text) == []


def test_clause_of_saying_hung_on_the_addressee_or_as_an_adverbial(nlp):
    text = (
        "In Lisbon last week, she told a meeting of fishing leaders that few people understood "
        "the stakes better than they did. "
        "Okafor said after the vote he would not accept the result if it stood."
    )
    qs = _quotes(nlp, text)
    [told] = _covering(qs, text, "few people understood the stakes")
    assert text[told.speaker_start : told.speaker_end] == "she"
    [said] = _covering(qs, text, "he would not accept the result")
    assert text[said.speaker_start : said.speaker_end] == "Okafor"


def test_time_clause_after_said_is_not_what_was_said(nlp):
    text = "That was what the mayor said when she left the council in 2019."
    assert not _covering(_quotes(nlp, text), text, "she left the council")


@pytest.mark.parametrize(
    ("text", "content", "speaker"),
    [
        ("The minister made clear that the deal was off.", "the deal was off", "The minister"),
        ("Okafor made it plain that she would not resign.", "she would not resign", "Okafor"),
        (
            "Court filings show debts of $3 million at the plant.",
            "debts of $3 million",
            "Court filings",
        ),
    ],
)
def test_saying_plainly_and_documents_showing(nlp, text, content, speaker):
    [q] = _covering(_quotes(nlp, text), text, content)
    assert text[q.speaker_start : q.speaker_end] == speaker


def test_making_clear_without_a_clause_is_not_a_quote(nlp):
    assert _quotes(nlp, "The new signs made the route clear to visitors.") == []


def test_adverbial_clause_hung_on_the_verb_after_a_quote_does_not_take_it_away(nlp):
    # a hand-made parse: the parser sometimes makes the clause inside an "after" clause the
    # complement of the verb of saying
    words = ["“", "You", "should", "resign", ",", "”", "Warren", "told", "Stumpf", ","]
    words += ["after", "he", "admitted", "he", "failed", "."]
    heads = [7, 3, 3, 7, 3, 7, 7, 7, 7, 7, 12, 12, 14, 14, 7, 7]
    deps = ["punct", "nsubj", "aux", "ccomp", "punct", "punct", "nsubj", "ROOT", "dobj"]
    deps += ["punct", "mark", "nsubj", "advcl", "nsubj", "ccomp", "punct"]
    pos = ["PUNCT", "PRON", "AUX", "VERB", "PUNCT", "PUNCT", "PROPN", "VERB", "PROPN", "PUNCT"]
    pos += ["SCONJ", "PRON", "VERB", "PRON", "VERB", "PUNCT"]
    tags = ["``", "PRP", "MD", "VB", ",", "''", "NNP", "VBD", "NNP", ",", "IN", "PRP", "VBD"]
    tags += ["PRP", "VBD", "."]
    lemmas = ["“", "you", "should", "resign", ",", "”", "Warren", "tell", "Stumpf", ",", "after"]
    lemmas += ["he", "admit", "he", "fail", "."]
    spaces = [False, True, True, False, False, True, True, True, False, True, True, True, True]
    spaces += [True, False, False]
    doc = Doc(nlp.vocab, words=words, spaces=spaces, heads=heads, deps=deps, pos=pos, tags=tags)
    for t, lemma in zip(doc, lemmas, strict=True):
        t.lemma_ = lemma
    [q] = [q for q in extract_quotes(doc) if q.kind == "direct"]
    assert q.text == "“You should resign,”"
    assert doc.text[q.speaker_start : q.speaker_end] == "Warren"


def test_inserted_attribution_with_when_and_where_covers_its_sentence(nlp):
    text = (
        "These employees, Okafor explained earlier in the hearing, were “well paid” by any "
        "standard. The difference now, he told me on Friday, is that the plant is closed."
    )
    qs = _quotes(nlp, text)
    [paid] = _covering(qs, text, "These employees")
    assert "by any standard" in paid.text and "were “well paid”" in paid.text
    assert text[paid.speaker_start : paid.speaker_end] == "Okafor"
    [closed] = _covering(qs, text, "The difference now")
    assert "the plant is closed" in closed.text
    assert text[closed.speaker_start : closed.speaker_end] == "he"


def test_relative_clause_of_saying_is_not_an_inserted_attribution(nlp):
    text = (
        "The ceremony featured several singers, including Ana Ruiz, who joked of the hall, "
        "“I have never seen a room this big.”"
    )
    qs = _quotes(nlp, text)
    assert not _covering(qs, text, "The ceremony featured several singers")
    [q] = _covering(qs, text, "I have never seen a room this big.")
    assert q.kind == "direct"


def test_said_colon_before_the_quote_wins_over_the_next_sentence(nlp):
    text = (
        "Ms Brankin said: “We need to talk to the hospital and reflect on this.” "
        "Ms Ruiz has written to the minister about the case."
    )
    qs = _quotes(nlp, text)
    [q] = _covering(qs, text, "We need to talk to the hospital")
    assert text[q.speaker_start : q.speaker_end] == "Ms Brankin"


def test_quote_between_two_attributions_of_one_speaker_continues_the_first(nlp):
    text = (
        "She said: “The executive seemed to blame the hospital for the escape.”\n\n"
        "“But my understanding is that ministers had to approve every leave of absence.” "
        "She added: “I have written to the first minister today.”"
    )
    doc = nlp(text)
    qs = extract_quotes(doc)
    resolve_sources(doc, qs)
    [q] = _covering(qs, text, "But my understanding is")
    assert q.cue is None and q.speaker_start is None  # no attribution of its own
    assert "She added" not in q.text
    first = _covering(qs, text, "The executive seemed")[0]
    assert q.source is first.source


def test_participle_after_an_addressee_is_the_writers(nlp):
    text = "Ms Sturgeon has written to Mr McConnell asking for clarification on the move."
    [q] = _quotes(nlp, text)
    assert text[q.speaker_start : q.speaker_end] == "Ms Sturgeon"


def test_narrative_sentence_after_a_quote_does_not_attribute_it(nlp):
    text = (
        "The band's manager remembers their first concert.\n\n"
        "“In a way, they were doing exactly what they do now. Only badly.” "
        "They struggled to attract record company attention for years."
    )
    qs = _quotes(nlp, text)
    assert all(q.cue != "struggled" for q in qs)


def test_a_share_of_people_speaks(nlp):
    text = "Almost 50% of those questioned said they would trust the banks much less."
    [q] = _quotes(nlp, text)
    assert text[q.speaker_start : q.speaker_end].startswith("Almost 50%")


def test_of_two_parsed_subjects_the_person_speaks(nlp):
    text = 'Colin Asplin, Blackpool Hotel Association said: "We have tried very hard to keep them."'
    [q] = _quotes(nlp, text)
    assert text[q.speaker_start : q.speaker_end] == "Colin Asplin"


def test_reported_content_that_opens_a_quotation_runs_to_its_close(nlp):
    text = 'The mayor called the bridge a "good news story in an era when so few projects finish."'
    [q] = _quotes(nlp, text)
    assert q.text.endswith('finish."')
    assert q.kind == "mixed"


def test_name_opening_the_attribution_whatever_its_tag(nlp):
    text = (
        "The inquiry continues.\xa0\n“I will just make this promise to you: We will achieve "
        "justice in this case,” Tulsa police Chief Chuck Jordan said Monday."
    )
    [q] = _quotes(nlp, text)
    assert text[q.speaker_start : q.speaker_end] == "Tulsa police Chief Chuck Jordan"


def test_participle_after_an_attribution_takes_its_speaker(nlp):
    text = (
        '"The American people do not agree with Trump," Sanders said, suggesting a few '
        'questions, including, "Mr. Trump, do you really think that billionaires need a '
        'massive tax break?"'
    )
    qs = _quotes(nlp, text)
    [q] = _covering(qs, text, "do you really think that billionaires")
    assert text[q.speaker_start : q.speaker_end] == "Sanders"


@pytest.mark.parametrize(
    "text",
    [
        "Police are investigating an explosion that the mayor described as “an intentional act.”",
        'The senator acknowledged that there are still "some people" who feel that way, "but '
        'not among the vast majority."',
    ],
)
def test_content_never_ends_inside_a_quotation(nlp, text):
    qs = _quotes(nlp, text)
    assert qs
    for q in qs:
        assert q.text.count("“") == q.text.count("”") and q.text.count('"') % 2 == 0


def test_a_live_blog_time_stamp_is_no_part_of_the_quote(nlp):
    text = (
        "Our reporters have this wrap of the day's events:\n\n"
        "16.06 Flight KQ507 made a steep climb before it crashed, possibly pushing it beyond "
        "the Boeing 737's limits, according to radar data, a source close to the investigation "
        "has told Reuters.\n\nThe search continues."
    )
    quotes = extract_quotes(nlp(text))
    assert quotes, "the reported climb is a quote"
    for q in quotes:
        assert not q.text.startswith("16.06"), q.text
        assert text[q.start : q.end] == q.text


def test_words_before_a_colon_that_closes_the_line_lead_in_and_are_not_the_quote(nlp):
    listed = (
        "Neil Patel at QuickSprout suggested in Seven Quick Tests to Lift Sales 10% to test:"
        "\n\nBuy now vs free trial\n\nCard vs no card\n\nThen compare the results."
    )
    quotes = _quotes(nlp, listed)
    assert not _covering(quotes, listed, "Seven Quick Tests")
    assert not any("to test" in q.text for q in quotes)
    recommended = "The report recommended three changes:\n\nMore staff\n\nLonger hours"
    assert not _covering(_quotes(nlp, recommended), recommended, "three changes")
    # a colon inside the line, a clause or list after it: the act's words stay a quote
    inline = "The report recommended three changes: more staff, longer hours and better pay."
    assert _covering(_quotes(nlp, inline), inline, "more staff, longer hours")
    clause = "The minister suggested a compromise: both sides would withdraw by June."
    assert _covering(_quotes(nlp, clause), clause, "a compromise")


def test_speaker_hung_on_the_reported_clause_is_the_cues_subject(nlp):
    # the parser makes "agency" an apposition of "Russia" and leaves "said" without a subject
    text = "North Korea has sent 10,000 troops to Russia, South Korea's spy agency said on Tuesday."
    [q] = _quotes(nlp, text)
    assert q.text == "North Korea has sent 10,000 troops to Russia"
    assert q.speaker == "South Korea's spy agency"
    # an apposition inside the clause stays part of what was said when the cue has a subject
    inside = "Oil prices rose in Texas, the state with the most wells, analysts said on Monday."
    [q] = _quotes(nlp, inside)
    assert (q.text, q.speaker) == ("Oil prices rose in Texas, the state with the most wells",
                                   "analysts")  # fmt: skip
    # an apposition closed by its own comma does not run up to the cue: no speaker
    assert not _quotes(nlp, "Fighting spread to Kherson, a port city, said on Monday.")


def test_a_dateline_is_no_part_of_a_reported_clause(nlp):
    for text, said in (
        (
            "SEOUL - North Korea has sent 10,000 troops to Russia, the spy agency said on Tuesday.",
            "North Korea has sent 10,000 troops to Russia",
        ),
        (
            "WASHINGTON (Reuters) - The plant will close in March, the company said.",
            "The plant will close in March",
        ),
    ):
        [q] = _quotes(nlp, text)
        assert q.text == said
    # a capitalised opening that is no dateline stays
    plain = "NATO troops will stay until March, the alliance said."
    [q] = _quotes(nlp, plain)
    assert q.text == "NATO troops will stay until March"
