"""The built gazetteer artefact: loading, lookups, aliases, demonyms, search."""

from __future__ import annotations

import gzip
import pickle
import time

import pytest

from claimdesk.places.gazetteer import RESOURCE, Gazetteer, get_gazetteer
from claimdesk.places.normalize import norm


@pytest.fixture(scope="module")
def gaz() -> Gazetteer:
    return get_gazetteer()


def test_norm_folds_case_accents_dots_and_articles():
    assert norm("U.S.") == "us"
    assert norm("Zürich") == "zurich"
    assert norm("the Netherlands") == "netherlands"
    assert norm("Guinea-Bissau") == "guinea bissau"
    assert norm("Russia’s") == "russia"


def test_artefact_is_small_and_loads_fast():
    assert RESOURCE.stat().st_size < 10_000_000
    t0 = time.perf_counter()
    with gzip.open(RESOURCE, "rb") as f:
        g = Gazetteer(pickle.load(f))
    assert time.perf_counter() - t0 < 2.0  # about 0.4 s; slack for a busy shared machine
    assert len(g) > 100_000


def test_singleton(gaz):
    assert get_gazetteer() is gaz


def test_candidates_cover_city_and_admin_and_country(gaz):
    paris = gaz.candidates("Paris")
    assert any(p.country_code == "FR" and p.feature == "city" for p in paris)
    assert any(p.country_code == "US" and p.feature == "city" for p in paris)
    georgia = {(p.feature, p.country_code) for p in gaz.candidates("Georgia")}
    assert ("country", "GE") in georgia and ("admin1", "US") in georgia
    kursk = {(p.feature, p.country_code) for p in gaz.candidates("Kursk")}
    assert ("admin1", "RU") in kursk and ("city", "RU") in kursk


def test_geonames_ids_and_by_id(gaz):
    v = gaz.candidates("Vladivostok")[0]
    assert v.geonameid == 2013348 and v.gazetteer_id == "gn:2013348"
    assert gaz.by_id("gn:2013348").name == "Vladivostok"
    assert gaz.by_id("2013348").name == "Vladivostok"
    assert gaz.by_id("gn:0") is None
    russia = [p for p in gaz.candidates("Russia") if p.feature == "country"][0]
    assert russia.geonameid == 2017370


def test_country_aliases(gaz):
    for alias in ("U.S.", "US", "USA", "the States", "America"):
        assert gaz.candidates(alias)[0].country_code == "US", alias
    for alias in ("UK", "Britain", "United Kingdom"):
        assert gaz.candidates(alias)[0].country_code == "GB", alias


def test_curated_regions_and_landmarks(gaz):
    peninsula = gaz.candidates("Korean peninsula")[0]
    assert peninsula.feature == "region" and peninsula.gazetteer_id == "cur:korean-peninsula"
    blue = gaz.candidates("Blue House")[0]
    assert blue.feature == "landmark" and blue.country_code == "KR"
    assert gaz.by_id("cur:crimea").name == "Crimea"


def test_demonyms(gaz):
    assert gaz.names[gaz.demonym_id("Russian")] == "Russia"
    assert gaz.cc[gaz.demonym_id("Ukrainians")] == "UA"
    assert gaz.cc[gaz.demonym_id("North Korean")] == "KP"
    assert gaz.demonym_id("Table") is None


def test_search_prefix_most_prominent_first(gaz):
    res = gaz.search("Vladiv")
    assert res and res[0].name == "Vladivostok"
    res = gaz.search("london", limit=3)
    assert len(res) == 3 and res[0].country_code == "GB"
    assert gaz.search("") == []


def test_small_counties_by_full_name_only(gaz):
    assert [gaz.feature[i] for i in gaz.ids("Metcalfe County")] == ["admin2"]
    assert all(gaz.feature[i] != "admin2" for i in gaz.ids("Metcalfe"))


def test_villages_are_a_separate_index(gaz):
    churchill_mb = [i for i in gaz.minor[norm("Churchill")] if gaz.cc[i] == "CA"]
    assert churchill_mb and all(i not in gaz.ids("Churchill") for i in churchill_mb)
    assert gaz.feature[churchill_mb[0]] == "city" and gaz.pop[churchill_mb[0]] < 1000


def test_country_like_states_and_chief_cities(gaz):
    assert "GB.ENG" in gaz.country_like_admin1 and "GB.SCT" not in gaz.country_like_admin1
    zurich = [i for i in gaz.ids("Zurich") if gaz.feature[i] == "city"]
    assert zurich and zurich[0] in gaz.chief_cities
    quebec = [i for i in gaz.ids("Quebec") if gaz.feature[i] == "city"]
    assert quebec and quebec[0] not in gaz.chief_cities  # Montreal is Quebec's chief city
