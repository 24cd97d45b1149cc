"""Toponym recognition and resolution: the demo article and small texts written here."""

from __future__ import annotations

import math

import pytest

from claimdesk.places.extract import extract_places


def km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    a, b, c, d = map(math.radians, (lat1, lon1, lat2, lon2))
    h = math.sin((c - a) / 2) ** 2 + math.cos(a) * math.cos(c) * math.sin((d - b) / 2) ** 2
    return 2 * 6371.0 * math.asin(math.sqrt(h))


@pytest.fixture(scope="module")
def demo_places(demo_doc):
    return extract_places(demo_doc)


def places(nlp, text):
    return extract_places(nlp(text))


def first(mentions, surface):
    return next(m for m in mentions if m.surface == surface)


def test_spans_sorted_inside_text_and_well_formed(demo_places, demo_text):
    starts = [m.start for m in demo_places]
    assert starts == sorted(starts)
    for m in demo_places:
        assert demo_text[m.start : m.end] == m.surface
        assert 0.0 <= m.confidence <= 1.0
        assert m.role in ("literal", "demonym")


def test_demo_vladivostok_despite_person_label(demo_doc, demo_places):
    assert any(e.text == "Vladivostok" for e in demo_doc.ents)
    v = first(demo_places, "Vladivostok")
    assert v.place is not None and km(v.place.lat, v.place.lon, 43.1, 131.9) < 30


def test_demo_kursk_region_is_the_oblast(demo_places):
    k = first(demo_places, "Kursk region")
    assert k.place.feature == "admin1" and k.place.country_code == "RU"
    assert km(k.place.lat, k.place.lon, 51.7, 36.2) < 100


def test_demo_regions_landmarks_and_washington(demo_places):
    assert all(
        m.place.gazetteer_id == "cur:korean-peninsula"
        for m in demo_places
        if m.surface == "Korean peninsula"
    )
    assert first(demo_places, "Blue House").place.country_code == "KR"
    for m in demo_places:
        if m.surface == "Washington":
            assert km(m.place.lat, m.place.lon, 38.9, -77.0) < 20  # DC, not the state
    us = first(demo_places, "U.S.")
    assert us.place.country_code == "US" and us.place.feature == "country"


def test_demo_vague_directions_are_not_places(demo_places):
    assert not any(m.surface in ("South", "North", "Western") for m in demo_places)


def test_paris_france_by_default(nlp):
    m = first(places(nlp, "Paris is the capital of France and its largest city."), "Paris")
    assert m.place.country_code == "FR"


def test_paris_texas_by_parent_pattern_and_by_context(nlp):
    m = first(places(nlp, "A tornado struck Paris, Texas, late on Sunday."), "Paris")
    assert m.place.country_code == "US"
    text = "Officials in Texas said the storm also damaged dozens of homes in Paris and in Dallas."
    m = first(places(nlp, text), "Paris")
    assert m.place.country_code == "US" and km(m.place.lat, m.place.lon, 33.66, -95.55) < 50


def test_georgia_country_or_state_by_context(nlp):
    text = (
        "Protesters marched through Tbilisi, accusing Georgia's government of drifting to Russia."
    )
    assert first(places(nlp, text), "Georgia").place.feature == "country"
    text = (
        "Voters in Atlanta and Savannah lined up early as Georgia counted ballots for the Senate."
    )
    g = first(places(nlp, text), "Georgia")
    assert g.place.feature == "admin1" and g.place.country_code == "US"


def test_comma_parent_pattern_picks_the_smaller_namesake(nlp):
    m = first(
        places(nlp, "He grew up in Springfield, Illinois, before moving away."), "Springfield"
    )
    assert km(m.place.lat, m.place.lon, 39.8, -89.65) < 30


def test_state_feature_word_and_abbreviation(nlp):
    ms = places(nlp, "Heavy rain hit Washington state and Oregon.")
    w = first(ms, "Washington state")
    assert w.place.feature == "admin1" and w.place.lon < -115
    m = first(places(nlp, "The plant in Fresno, Calif. closed last year."), "Fresno")
    assert m.place.country_code == "US"


def test_demonym_role(nlp):
    m = first(places(nlp, "Russian troops shelled the town overnight."), "Russian")
    assert m.role == "demonym" and m.place.country_code == "RU"


def test_country_abbreviations(nlp):
    ms = places(nlp, "The delegation flew from the U.S. to the UK and then back to the States.")
    assert [m.place.country_code for m in ms] == ["US", "GB", "US"]


def test_unknown_name_is_a_place_only_where_the_text_says_so(nlp):
    ms = places(nlp, "Refugees fled across the border into Qartavania, officials in Zembla said.")
    assert not any(m.surface in ("Qartavania", "Zembla") for m in ms)
    ms = places(nlp, "Refugees reached the town of Qartavania on Sunday.")
    m = first(ms, "Qartavania")
    assert m.place is None and m.confidence == 0.0 and m.role == "literal"


def test_person_names_are_not_places(nlp):
    ms = places(nlp, "Michael Jackson sang and later Jackson danced on the stage.")
    assert not any(m.surface == "Jackson" for m in ms)
    assert places(nlp, "") == []
