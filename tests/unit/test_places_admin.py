"""Place corrections: the place row, the override future ingests use, re-pointed mentions."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from claimdesk.model import Analysis, Place, PlaceMention
from claimdesk.places.admin import PlaceCorrectionError, correct_place, overrides, typed_place
from claimdesk.store import queries
from claimdesk.store.schema import PlaceMentionRow, PlaceOverrideRow, PlaceRow
from tests.sample_records import make_analysis, make_article

ILLINOIS = Place("Springfield", 39.80, -89.64, "US", "city", "gn:4250542", 4250542, 116000)
MISSOURI = Place("Springfield", 37.22, -93.30, "US", "city", "gn:4409896", 4409896, 169000)


def mention_places(store) -> list[tuple[str, str | None, str | None]]:
    with store.read() as s:
        rows = s.execute(
            select(PlaceMentionRow.surface, PlaceRow.gazetteer_id, PlaceRow.added_by)
            .outerjoin(PlaceRow, PlaceRow.id == PlaceMentionRow.place_id)
            .order_by(PlaceMentionRow.id)
        ).all()
    return [tuple(r) for r in rows]


def test_gazetteer_correction_repoints_mentions_and_records_override(store):
    store.add_article(make_article(), make_analysis())
    assert mention_places(store) == [("Springfield", "gn:4250542", None)]
    before = store.change_counter()

    n = correct_place(store, "springfield", MISSOURI, "Ana")

    assert n == 1
    assert store.change_counter() == before + 1  # through the one write path
    assert mention_places(store) == [("Springfield", "gn:4409896", None)]
    [o] = overrides(store)
    assert (o.surface_key, o.place, o.corrected_by) == ("springfield", "Springfield", "Ana")
    assert o.lat == pytest.approx(37.22)
    summary = queries.places_summary(store)
    assert list(summary["gazetteer_id"]) == ["gn:4409896"]


def test_future_ingest_uses_the_correction(store):
    store.add_article(make_article(), make_analysis())
    correct_place(store, "Springfield", MISSOURI, "Ana")
    text = "Flooding hit Springfield on Monday, officials said."
    start = text.index("Springfield")
    later = Analysis(places=[PlaceMention(start, start + 11, "Springfield", ILLINOIS, 0.7)])
    store.add_article(make_article(text, "Flood"), later)
    assert [gid for _, gid, _ in mention_places(store)] == ["gn:4409896", "gn:4409896"]


def test_typed_coordinates_make_a_reviewer_place_and_resolve_unresolved_names(store):
    text = "Talks were held in Xanadu Flats, near the border."
    start = text.index("Xanadu")
    unresolved = PlaceMention(start, start + len("Xanadu Flats"), "Xanadu Flats", None, 0.0)
    store.add_article(make_article(text, "Talks"), Analysis(places=[unresolved]))
    assert list(queries.unresolved_toponyms(store)["surface"]) == ["Xanadu Flats"]

    n = correct_place(store, "Xanadu Flats", typed_place("Xanadu Flats", 51.5, 36.1, "ru"), "Bo")

    assert n == 1
    assert queries.unresolved_toponyms(store).empty
    [(surface, gid, added_by)] = mention_places(store)
    assert gid.startswith("pt:51.5000,36.1000") and added_by == "Bo"
    summary = queries.places_summary(store)
    assert summary.loc[0, "country_code"] == "RU" and summary.loc[0, "mentions"] == 1


def test_correcting_again_updates_the_one_override(store):
    store.add_article(make_article(), make_analysis())
    correct_place(store, "Springfield", MISSOURI, "Ana")
    correct_place(store, "The Springfield", ILLINOIS, "Bo")  # same key: "the" is dropped
    with store.read() as s:
        rows = s.execute(select(PlaceOverrideRow.surface_key, PlaceOverrideRow.corrected_by)).all()
    assert [tuple(r) for r in rows] == [("springfield", "Bo")]
    assert mention_places(store)[0][1] == "gn:4250542"


def test_a_member_cannot_replace_another_members_correction(store):
    """Security review (SECURITY.md): in team mode only the author or an admin may replace a
    correction (it keeps no history); nothing changes when one is refused."""
    store.add_article(make_article(), make_analysis())
    correct_place(store, "Springfield", MISSOURI, "Ana <ana@desk.example>", replace_others=False)
    with pytest.raises(PlaceCorrectionError, match="corrected by Ana <ana@desk.example>; only"):
        correct_place(
            store, "The Springfield", ILLINOIS, "Bo <bo@desk.example>", replace_others=False
        )
    [o] = overrides(store)
    assert (o.corrected_by, mention_places(store)[0][1]) == ("Ana <ana@desk.example>", "gn:4409896")
    correct_place(store, "Springfield", ILLINOIS, "Ana <ana@desk.example>", replace_others=False)
    correct_place(store, "Springfield", MISSOURI, "Lea <lea@desk.example>")  # an admin
    [o] = overrides(store)
    assert (o.corrected_by, mention_places(store)[0][1]) == ("Lea <lea@desk.example>", "gn:4409896")


def test_other_names_are_left_alone(store):
    store.add_article(make_article(), make_analysis())
    assert correct_place(store, "Shelbyville", MISSOURI, "Ana") == 0
    assert mention_places(store) == [("Springfield", "gn:4250542", None)]


@pytest.mark.parametrize(
    ("surface", "place", "reviewer", "words"),
    [
        ("", MISSOURI, "Ana", "which place name"),
        ("Springfield", MISSOURI, " ", "reviewer"),
        ("Springfield", typed_place("X", 91.0, 0.0), "Ana", "latitude"),
        ("Springfield", typed_place("X", 0.0, -181.0), "Ana", "longitude"),
        ("Springfield", typed_place("X", float("nan"), 0.0), "Ana", "latitude"),
        ("Springfield", typed_place("  ", 1.0, 1.0), "Ana", "needs a name"),
        ("Springfield", typed_place("X", 1.0, 1.0, "USA"), "Ana", "two letters"),
    ],
)
def test_bad_corrections_are_refused_in_words(store, surface, place, reviewer, words):
    store.add_article(make_article(), make_analysis())
    before = store.change_counter()
    with pytest.raises(PlaceCorrectionError, match=words):
        correct_place(store, surface, place, reviewer)
    assert store.change_counter() == before
    assert overrides(store) == []
