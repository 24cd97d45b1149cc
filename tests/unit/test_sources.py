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
