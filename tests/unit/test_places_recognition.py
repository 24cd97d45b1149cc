"""Places the text puts on a map although the model labels them otherwise: parts of places
("off the coast of X"), the second of two listed places, lower-case directions before a
region."""

from __future__ import annotations

import pytest

from claimdesk.places.extract import extract_places


def pins(nlp, text):
    return {m.surface: m.place.name for m in extract_places(nlp(text)) if m.place is not None}


@pytest.mark.parametrize(
    "text, surface, name",
    [
        ("Divers pulled wreckage from the sea off the coast of Borneo on Tuesday.",
         "Borneo", "Borneo"),
        ("The search area lies between the island of Belitung, off Sumatra, and Borneo.",
         "Borneo", "Borneo"),
        ("Fighting raged on the outskirts of Aleppo.", "Aleppo", "Aleppo"),
        ("The airline is the biggest budget carrier in southeast Asia.",
         "southeast Asia", "Southeast Asia"),
        ("Storms hit south-east Asia and east Africa this week.",
         "south-east Asia", "Southeast Asia"),
        ("Storms hit south-east Asia and east Africa this week.", "east Africa", "East Africa"),
    ],
)  # fmt: skip
def test_places_the_text_locates(nlp, text, surface, name):
    assert pins(nlp, text).get(surface) == name


def test_lower_case_direction_before_a_city_is_no_town_of_that_name(nlp):
    got = pins(nlp, "The victim was taken to an east London hospital on Friday.")
    assert got.get("London") == "London" and "east London" not in got


def test_a_date_after_a_named_day_is_no_place(nlp):
    text = "The Easter Vigil Mass is on Holy Saturday, March 31, at the cathedral."
    assert "March" not in pins(nlp, text)
