"""Which same-named place the article means: parents, nearness, lists, offices, the states and
countries the article names, famous places by default, villages and small counties."""

from __future__ import annotations

import math

import pytest

from claimdesk.places.extract import extract_places


def km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    a, b, c, d = map(math.radians, (lat1, lon1, lat2, lon2))
    h = math.sin((c - a) / 2) ** 2 + math.cos(a) * math.cos(c) * math.sin((d - b) / 2) ** 2
    return 2 * 6371.0 * math.asin(math.sqrt(h))


def resolved(nlp, text, surface):
    """Every mention written `surface`, as (country code, feature, lat, lon)."""
    out = [
        (m.place.country_code, m.place.feature, m.place.lat, m.place.lon)
        for m in extract_places(nlp(text))
        if m.surface == surface and m.place is not None
    ]
    assert out, f"{surface!r} not resolved in {text!r}"
    return out


@pytest.mark.parametrize(
    "text, surface, cc, lat, lon",
    [
        # a village below the population cut, read through its province ("Man.")
        ("She was born in Churchill, Man., and a Churchill doctor saved her.",
         "Churchill", "CA", 58.77, -94.17),
        # "X, south of Y": X in the state of Y
        ("He was stabbed at a house in Edmonton, south of Cairns, last year.",
         "Edmonton", "AU", -17.02, 145.74),
        # a village of a state the article names
        ("Kentucky police arrested a woman from McKee on Friday after the break-ins.",
         "McKee", "US", 37.43, -83.99),
        ("Her brother lives in Detroit, Texas, near the Red River.",
         "Detroit", "US", 33.66, -95.27),
    ],
)  # fmt: skip
def test_parents_nearness_and_named_states_pick_the_small_place(nlp, text, surface, cc, lat, lon):
    for got_cc, _, got_lat, got_lon in resolved(nlp, text, surface):
        assert got_cc == cc and km(got_lat, got_lon, lat, lon) < 30


def test_famous_place_wins_when_its_country_is_named_too(nlp):
    text = (
        "Dr. Smith of Georgetown, Kentucky, was in France on a family trip. A gunman opened "
        "fire on police in Paris on Thursday."
    )
    assert resolved(nlp, text, "Paris")[0][0] == "FR"


def test_small_place_wins_when_only_its_state_is_named(nlp):
    text = "Farmers from across Kentucky came to the fair in Paris on Saturday."
    cc, _, lat, lon = resolved(nlp, text, "Paris")[0]
    assert cc == "US" and km(lat, lon, 38.21, -84.25) < 30


def test_famous_city_without_any_context(nlp):
    assert resolved(nlp, "She moved to Paris in 2010.", "Paris")[0][0] == "FR"


def test_a_state_that_is_most_of_its_country_does_not_pull_its_towns(nlp):
    text = "In Washington, diplomats left the embassy, England's officials said."
    cc, _, lat, lon = resolved(nlp, text, "Washington")[0]
    assert cc == "US" and km(lat, lon, 38.9, -77.04) < 30


def test_wales_is_the_country_not_a_town(nlp):
    text = "The number of officers in England and Wales has fallen by 19% since 2010."
    assert resolved(nlp, text, "Wales")[0][:2] == ("GB", "admin1")


@pytest.mark.parametrize(
    "text, surface",
    [
        ("Tech firms avoid western states such as California or Washington because of costs.",
         "Washington"),
        ("We looked from the borders of Montana and Wyoming to the Gulf.", "Wyoming"),
    ],
)  # fmt: skip
def test_listed_with_states_is_a_state(nlp, text, surface):
    assert resolved(nlp, text, surface)[0][:2] == ("US", "admin1")


def test_listed_with_countries_is_a_country(nlp):
    text = "Azerbaijan puts pressure on Georgia and Armenia over the border."
    assert resolved(nlp, text, "Georgia")[0][:2] == ("GE", "country")


def test_regionless_dateline_of_a_famous_city(nlp):
    text = "WASHINGTON (RNS) - Evangelical leaders in North Carolina praised the release."
    cc, _, lat, lon = resolved(nlp, text, "WASHINGTON")[0]
    assert cc == "US" and km(lat, lon, 38.9, -77.04) < 30


def test_office_after_a_name_tells_state_from_city(nlp):
    assert resolved(nlp, "Former New York Gov. Mario Cuomo died.", "New York")[0][1] == "admin1"
    assert resolved(nlp, "New York Mayor Eric Adams spoke.", "New York")[0][1] == "city"


def test_state_name_is_not_its_big_city(nlp):
    text = "Her husband, Leonard of Ada, Oklahoma, survives her."
    assert resolved(nlp, text, "Oklahoma")[0][:2] == ("US", "admin1")


@pytest.mark.parametrize(
    "text, surface, lat, lon",
    [
        ("The family picked a farm in Monroe County in northeast Missouri.",
         "Monroe County", 39.5, -92.0),
        ("A Metcalfe County man was arrested after a shooting in Kentucky.",
         "Metcalfe County", 37.0, -85.6),
        ("The Walker County (Ga.) Sheriff's Office is looking for two inmates.",
         "Walker County", 34.7, -85.3),
    ],
)  # fmt: skip
def test_small_counties_and_their_states(nlp, text, surface, lat, lon):
    cc, feature, got_lat, got_lon = resolved(nlp, text, surface)[0]
    assert (cc, feature) == ("US", "admin2") and km(got_lat, got_lon, lat, lon) < 60


def test_state_abbreviation_after_a_city_is_the_state_not_a_town(nlp):
    text = "HELENA, Mont. (AP) - The state and the prison company are at an impasse."
    assert resolved(nlp, text, "Mont.")[0][:2] == ("US", "admin1")


@pytest.mark.parametrize(
    "text, surface, lat, lon",
    [
        ("Doctors in Newcastle developed the treatment, the UK regulator said.",
         "Newcastle", 54.97, -1.61),
        ("Trudeau spoke to reporters in Quebec City on Friday.", "Quebec City", 46.81, -71.21),
        ("She told a press conference in Cork city today that talks failed.",
         "Cork city", 51.9, -8.47),
        ("The boy was born in Ludwigshafen to Iraqi parents.", "Ludwigshafen", 49.48, 8.44),
    ],
)  # fmt: skip
def test_short_forms_of_town_names(nlp, text, surface, lat, lon):
    _, _, got_lat, got_lon = resolved(nlp, text, surface)[0]
    assert km(got_lat, got_lon, lat, lon) < 30


def test_republic_of_is_no_state_hint(nlp):
    text = "Officials in the Republic of Georgia said the border with Armenia was mined."
    assert resolved(nlp, text, "Georgia")[0][:2] == ("GE", "country")


def test_english_towns_without_other_context(nlp):
    text = "A job I did in Plymouth was underpaid to an equivalent one in Exeter by 75p an hour."
    assert [r[0] for r in resolved(nlp, text, "Plymouth") + resolved(nlp, text, "Exeter")] == [
        "GB",
        "GB",
    ]


def test_possessive_city_places_its_district(nlp):
    text = "After years in Rochester, New York, he starred in London's West End."
    assert resolved(nlp, text, "West End")[0][0] == "GB"


@pytest.mark.parametrize(
    "text, surface, lat, lon",
    [
        ("Droughts hit Southern Europe and North Africa this summer.", "Southern Europe", 41, 15),
        ("Rainfall in Southern Africa was below average.", "Southern Africa", -25, 25),
    ],
)  # fmt: skip
def test_sub_regions_of_continents(nlp, text, surface, lat, lon):
    _, feature, got_lat, got_lon = resolved(nlp, text, surface)[0]
    assert feature == "region" and km(got_lat, got_lon, lat, lon) < 100
