"""Speaker resolution: names, pronouns, titles, kinds and affiliations."""

from __future__ import annotations

from claimdesk.nlp.quotes import extract_quotes
from claimdesk.nlp.sources import resolve_sources


def _run(nlp, text):
    doc = nlp(text)
    quotes = extract_quotes(doc)
    return quotes, resolve_sources(doc, quotes)


def _quote(quotes, text, fragment):
    start = text.index(fragment)
    [q] = [q for q in quotes if q.start <= start < q.end]
    return q


def test_surname_resolves_to_the_full_name(nlp):
    text = (
        "Rafael Ortega, a historian at the University of Lisbon, said the archive was "
        "incomplete. The letters were probably burned in 1755, Ortega said."
    )
    quotes, sources = _run(nlp, text)
    q = _quote(quotes, text, "The letters were probably burned")
    assert q.speaker == "Rafael Ortega"
    [src] = sources
    assert src.kind == "expert"
    assert src.affiliation == "University of Lisbon"


def test_pronoun_picks_the_compatible_of_two_speakers(nlp):
    text = (
        "Maria Keller said the plant would close. Mr. Tom Baxter said the union would strike. "
        "She added that the workers would be paid until June."
    )
    quotes, _ = _run(nlp, text)
    q = _quote(quotes, text, "the workers would be paid")
    assert text[q.speaker_start : q.speaker_end] == "She"
    assert q.speaker == "Maria Keller"


def test_pronoun_without_gender_cue_takes_the_most_recent_speaker(nlp):
    text = (
        "Nadia Petrova said the talks failed. Kofi Mensah said they would resume. "
        "He said the delay was deliberate."
    )
    quotes, _ = _run(nlp, text)
    q = _quote(quotes, text, "the delay was deliberate")
    assert text[q.speaker_start : q.speaker_end] == "He"
    assert q.speaker == "Kofi Mensah"


def test_title_resolves_to_the_named_holder(nlp):
    text = (
        "Finnish Prime Minister Aino Virtanen said on Monday that taxes would fall. "
        "Spending will be cut in every ministry, the minister said."
    )
    quotes, sources = _run(nlp, text)
    q = _quote(quotes, text, "Spending will be cut")
    assert q.speaker == "Aino Virtanen"
    [src] = sources
    assert src.kind == "official"


def test_relative_pronoun_resolves_to_its_antecedent(nlp):
    text = "The plan was opposed by Senator Greta Holm, who said it would cost billions."
    quotes, _ = _run(nlp, text)
    q = _quote(quotes, text, "it would cost billions")
    assert text[q.speaker_start : q.speaker_end] == "who"
    assert q.speaker == "Greta Holm"


def test_floating_quote_gets_the_previous_speaker_name(nlp):
    text = (
        "“The vote was rigged from the start,” Samir Haddad told reporters on Monday.\n\n"
        "“Nobody in this town believes the official count.”"
    )
    quotes, _ = _run(nlp, text)
    assert _quote(quotes, text, "Nobody in this town").speaker == "Samir Haddad"


def test_anonymous_and_media_kinds(nlp):
    text = (
        "The ceasefire is collapsing, sources familiar with the talks said. "
        "The Daily Courier reported that the army had withdrawn."
    )
    quotes, sources = _run(nlp, text)
    kinds = {s.name: s.kind for s in sources}
    assert kinds[_quote(quotes, text, "The ceasefire").speaker] == "anonymous"
    assert kinds[_quote(quotes, text, "the army had withdrawn").speaker] == "media"


def test_demo_article_speakers(demo_doc, demo_text):
    quotes = extract_quotes(demo_doc)
    sources = resolve_sources(demo_doc, quotes)
    by_name = {s.name: s for s in sources}
    yu = _quote(quotes, demo_text, "When Wagner stayed away")
    assert yu.speaker == "Miles Yu" and demo_text[yu.speaker_start : yu.speaker_end] == "Yu"
    assert _quote(quotes, demo_text, "Various necessary measures").speaker == "Yoon Suk Yeol"
    assert _quote(quotes, demo_text, "quid pro quo move").speaker == "experts"
    assert by_name["Miles Yu"].kind == "expert"
    assert "Hudson Institute" in by_name["Miles Yu"].affiliation
    assert (by_name["Sabrina Singh"].kind, by_name["Sabrina Singh"].affiliation) == (
        "official",
        "Pentagon",
    )
    assert by_name["Yoon Suk Yeol"].kind == "official"
    assert by_name["experts"].kind == "anonymous"
    assert by_name["Choun Daily"].kind == "media"
    assert by_name["South Korean Ministry of Defense"].kind == "agency"
    assert by_name["Kim Taewoo"].kind == "expert"
    # "Yu", "he" and "Miles Yu" are one source
    assert sum(1 for s in sources if "Yu" in s.name.split()) == 1


def test_colon_quote_belongs_to_the_speaker_named_before_the_colon(nlp):
    text = (
        "The storm flooded the harbour on Monday. Mayor Ana Ruiz visited the docks with the "
        'fire chief, Tom Becker. Ruiz told local radio: "We have never seen water this high."'
    )
    quotes, _ = _run(nlp, text)
    q = _quote(quotes, text, "We have never seen water")
    assert text[q.speaker_start : q.speaker_end] == "Ruiz"
    assert q.speaker == "Ana Ruiz"


def test_pronoun_goes_to_a_person_just_seen_speaking_without_a_quote(nlp):
    # "has been speaking": a verb of speaking with no reported content still makes a speaker,
    # nearer than the correspondent quoted two paragraphs up
    text = (
        "David Millward, our correspondent, explains the most likely cause:\n\n"
        "The pitot tubes may have frozen at altitude.\n\n"
        "Tony Fernandes, the airline's chief, has been speaking at the airport about the search.\n\n"
        '"The weather is not looking good for the next two days," he told reporters.'
    )
    quotes, _ = _run(nlp, text)
    assert _quote(quotes, text, "The weather is not looking").speaker == "Tony Fernandes"
    # someone merely acting in that sentence is no speaker: the last speaker keeps the pronoun
    text = (
        "Ms. Maria Keller said the talks had failed.\n\nOmar Haddad has been driving to the border."
        '\n\n"Nobody will sign this week," she told reporters.'
    )
    quotes, _ = _run(nlp, text)
    assert _quote(quotes, text, "Nobody will sign").speaker == "Maria Keller"


def test_pronoun_goes_to_the_speaking_person_not_the_last_mentioned_actor(nlp):
    text = (
        "Tom Reed said the dam was safe. The board later sacked the engineer, Carlos Ortiz, "
        "over the tests. He added that the reservoir would be refilled in May."
    )
    quotes, _ = _run(nlp, text)
    q = _quote(quotes, text, "the reservoir would be refilled")
    assert text[q.speaker_start : q.speaker_end] == "He"
    assert q.speaker == "Tom Reed"


def test_full_name_title_and_surname_are_one_source_with_one_kind(nlp):
    # the tagger takes these names for an organisation and a place; the text says otherwise
    text = (
        "Nadia Petrova, who chairs the board, said the deal was fair. "
        '"We paid a fair price," Ms Petrova said. Petrova added that the vote was unanimous.'
    )
    quotes, sources = _run(nlp, text)
    assert {q.speaker for q in quotes} == {"Nadia Petrova"}
    [src] = sources
    assert src.name == "Nadia Petrova" and src.kind == "person"


def test_hyphenated_title_stays_whole(nlp):
    text = (
        "Redbridge co-chairman Mark Stone said the deal was fair. The co-chairman added that "
        'the board agreed. "We paid the market price," said the co-chairman of Redbridge, '
        "Mark Stone."
    )
    quotes, sources = _run(nlp, text)
    mentions = [text[q.speaker_start : q.speaker_end] for q in quotes]
    assert mentions[1] == "The co-chairman"
    assert all(not m.endswith("co") for m in mentions)
    assert {q.speaker for q in quotes} == {"Mark Stone"}
    [src] = sources
    assert src.kind == "official"  # a chairman, whatever the prefix


def test_described_speaker_takes_the_name_in_apposition(nlp):
    text = (
        "The minister visited the flooded town. Her deputy, Piotr Nowak, told reporters: "
        '"We have never seen the river this high."'
    )
    quotes, sources = _run(nlp, text)
    [q] = quotes
    assert q.speaker == "Piotr Nowak"
    assert sources[0].kind == "official"  # a deputy


def test_gender_of_a_name_from_the_pronoun_that_follows_it(nlp):
    text = (
        "Robin Hale said the water was rising before he left the bridge. Yuki Tanaka watched "
        'the flood, but she was not hurt.\n\n"Any one of us could have drowned," she said.'
    )
    quotes, _ = _run(nlp, text)
    q = _quote(quotes, text, "Any one of us")
    assert q.speaker == "Yuki Tanaka"


def test_inverted_quoted_as_saying_after_a_quotation(nlp):
    text = (
        'Ines Cruz was arrested on Friday. "I do not regret it," local newspapers quote Cruz '
        "as saying."
    )
    quotes, _ = _run(nlp, text)
    q = _quote(quotes, text, "I do not regret it")
    assert q.speaker == "Ines Cruz"


def test_pronoun_goes_to_the_person_named_last_not_first_named_last(nlp):
    text = (
        "Natalie Guercio went to the club with friends. The alleged attacker, Rodolfo Lopez, "
        "fled the scene. Guercio saw the attack but was not hurt.\n\n"
        '"Any one of us could have been a victim," she said.'
    )
    quotes, _ = _run(nlp, text)
    q = _quote(quotes, text, "Any one of us")
    assert q.speaker == "Natalie Guercio"


def test_pronoun_skips_a_club_the_tagger_took_for_a_person(nlp):
    # the tagger labels "Aston Villa" PERSON here; coordinated with a place it reads as a club
    text = (
        "Rovers have made a bid for Robbie Savage, the Wales midfielder. His recent displays "
        "against West Brom and Aston Villa impressed the fans. "
        '"The crowd gave me a massive standing ovation when I came off," he said.'
    )
    quotes, _ = _run(nlp, text)
    assert _quote(quotes, text, "The crowd gave me").speaker == "Robbie Savage"


def test_organisation_tokens_read_the_whole_document(nlp):
    from spacy.tokens import Span

    from claimdesk.nlp.sources import organisation_tokens

    doc = nlp(
        "Labour won. Labour lost. Labour said it would appeal. Alex Ferguson left. Ferguson won."
    )
    doc.ents = [
        Span(doc, 0, 1, "ORG"),
        Span(doc, 3, 4, "ORG"),
        Span(doc, 6, 7, "PERSON"),  # tagged a person once, a body twice: a body
        Span(doc, 12, 14, "PERSON"),
        Span(doc, 16, 17, "PERSON"),  # the surname of a person named in full: a person
    ]
    assert [doc[i].text for i in sorted(organisation_tokens(doc))] == ["Labour"]


def test_pronoun_goes_to_the_subject_brought_in_by_its_own_sentence(nlp):
    text = (
        "“The harbour will be dredged by March,” said Sarah Jones, the port director. "
        "Councillor Maria Lopez scolded her: “Nobody believes that date any more,” she said."
    )
    quotes, _ = _run(nlp, text)
    assert _quote(quotes, text, "Nobody believes that date").speaker == "Maria Lopez"


def test_a_name_inside_the_quote_is_not_the_speaker(nlp):
    text = (
        "“We need more buses,” said Maria Lopez, the transport councillor. "
        "“If Tom Becker is elected, the depot will close,” she said."
    )
    quotes, _ = _run(nlp, text)
    assert _quote(quotes, text, "the depot will close").speaker == "Maria Lopez"


def test_a_subject_the_quote_talks_about_is_not_its_speaker(nlp):
    text = (
        "“We need more buses,” said Maria Lopez, the transport councillor. "
        "Sarah Jones, her deputy, has left the council “I think Sarah’s decision is about the "
        "hours we keep,” she said."
    )
    quotes, _ = _run(nlp, text)
    assert _quote(quotes, text, "the hours we keep").speaker == "Maria Lopez"


def test_pronoun_prefers_the_main_subject_over_a_name_in_a_reported_clause(nlp):
    text = (
        "Coach Tom Becker will discipline his striker after all. The club initially defended "
        "the player, saying Mark Hill overreacted. He said: “I should set the record straight "
        "by conceding that the dismissal was right.”"
    )
    quotes, _ = _run(nlp, text)
    assert _quote(quotes, text, "set the record straight").speaker == "Tom Becker"


def test_a_name_modifying_a_common_noun_is_not_a_subject(nlp):
    text = (
        "“They go for epic films,” said analyst Tim Dams. While he said the Oscar voting panel "
        "was not biased, he thought a documentary could never win. “It is a misjudgement,” he said."
    )
    quotes, _ = _run(nlp, text)
    assert _quote(quotes, text, "It is a misjudgement").speaker == "Tim Dams"
    assert _quote(quotes, text, "a documentary could never win").speaker == "Tim Dams"


def test_an_object_pronoun_after_a_name_does_not_give_its_gender(nlp):
    from claimdesk.nlp.sources import build_registry

    doc = nlp("Senator Kim Okafor scolded him for the delay. Jo Lind said she was tired.")
    reg = build_registry(doc)
    assert reg["okafor"][0].gender is None
    assert reg["lind"][0].gender == "f"


def test_a_name_described_with_a_gendered_word_is_a_person_for_pronouns(nlp):
    text = (
        "“The fund has failed us,” said Mayor Tom Becker. “The rules are wrong,” said flood "
        "widow Terry Strada. She continued, “All we ask for is a hearing in a courtroom.”"
    )
    quotes, _ = _run(nlp, text)
    assert _quote(quotes, text, "All we ask for").speaker == "Terry Strada"


def test_a_possessive_that_owns_nothing_is_a_firm_or_publication_not_a_person(nlp):
    """'According to Jane's,' names the publication (the tagger calls "Jane" a person); a
    possessive that owns something ('Jane's mother', 'Jane's Defence Weekly') is left as it
    was, and so is a name the tagger already reads as a firm ('Moody's')."""
    cases = {
        "According to Jane’s, the islands’ air defences include four jets.": "Jane’s",
        "The painting sold for $4 million, according to Christie's.": "Christie's",
        "According to Moody's, the bank lost $2 billion in May.": "Moody's",
        "According to Jane's Defence Weekly, the jets are forty years old.": (
            "Jane's Defence Weekly"
        ),
    }
    for text, name in cases.items():
        quotes, sources = _run(nlp, text)
        [q] = quotes
        assert q.speaker == name, text
        assert text[q.speaker_start : q.speaker_end] == name, text
        assert q.source.kind != "person", text
    text = "According to Jane's mother, the family left the city in May."
    [q], _ = _run(nlp, text)
    assert q.speaker == "Jane's mother"


def test_two_descriptions_and_a_name_are_one_person(nlp):
    """'record holder and BBC pundit Jonathan Edwards' is one person described twice (the
    parser joins a description and the person with "and"): one source, named, with one kind,
    and the surname later is the same source."""
    text = (
        "Former sprint champion and television pundit Jane Okafor believes the relay team can "
        'win in May. "They are ready," Okafor said.'
    )
    quotes, sources = _run(nlp, text)
    assert [q.speaker for q in quotes] == ["Jane Okafor", "Jane Okafor"]
    [src] = sources
    assert src.name == "Jane Okafor" and src.kind == "person"


def test_initials_before_a_surname_make_a_person(nlp):
    """'J.C. Chandor' is a person even where the tagger calls the name an organisation; the
    surname alone later is the same source."""
    text = (
        "The film is J.C. Chandor’s third feature. Chandor asked his leading man to choose a "
        'year the character had lived through. "We wanted a real past," Chandor said.'
    )
    quotes, sources = _run(nlp, text)
    assert quotes and {q.speaker for q in quotes} == {"J.C. Chandor"}
    [src] = sources
    assert src.kind == "person"


def test_a_pronoun_after_an_unnamed_source_is_that_source_not_a_reporter_named_before(nlp):
    text = (
        "Jonathan Pearl in Pangkal and Tom Phelps in Surabaya have this wrap of the day:\n\n"
        "The jet made an unusually steep climb before it crashed, according to radar data, "
        "a source close to the investigation has told Reuters.\n\n"
        '"So far, the numbers taken by the radar are unbelievably high," he said.\n\n'
        "The source, who declined to be named, added that more information was needed."
    )
    quotes, sources = _run(nlp, text)
    for fragment in ("So far, the numbers", "more information was needed"):
        q = _quote(quotes, text, fragment)
        assert q.speaker == "a source close to the investigation", fragment
    assert [s.name for s in sources] == ["a source close to the investigation"]
    assert sources[0].kind == "anonymous"
