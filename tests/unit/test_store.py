"""Storage: one transaction per article, dedup, shared sources and places, migrations."""

from __future__ import annotations

from dataclasses import replace

import pytest
from sqlalchemy import func, select, text

from claimdesk.model import Place, Quote
from claimdesk.store import queries
from claimdesk.store.engine import alembic_config
from claimdesk.store.schema import ArticleRow, Base, ClaimRow, PlaceMentionRow, QuoteRow, SourceRow
from tests.sample_records import TEXT, make_analysis, make_article


def count(store, table) -> int:
    with store.read() as s:
        return s.scalar(select(func.count()).select_from(table))


def test_add_article_stores_everything_in_one_go(store):
    out = store.add_article(make_article(), make_analysis(), ingested_by="ana")
    assert out.status == "added" and out.article_id
    assert (out.n_claims, out.n_quotes, out.n_places) == (2, 2, 1)
    assert count(store, ArticleRow) == 1
    assert count(store, ClaimRow) == 2
    assert count(store, QuoteRow) == 2
    assert count(store, PlaceMentionRow) == 1
    detail = queries.article_detail(store, out.article_id)
    assert detail["article"]["ingested_by"] == "ana"
    assert set(detail["quotes"]["source"]) == {"Ana Ruiz", "the budget office"}


def test_same_content_twice_is_one_article(store):
    first = store.add_article(make_article(), make_analysis())
    again = store.add_article(make_article(title="Other name"), make_analysis())
    assert again.status == "duplicate"
    assert again.article_id == first.article_id
    assert "already stored" in again.message and "Clinics plan" in again.message
    assert count(store, ArticleRow) == 1
    assert count(store, ClaimRow) == 2


def test_failure_after_the_article_row_leaves_nothing_behind(store):
    analysis = make_analysis()
    broken = Quote(0, 5, None, "direct")  # text is NOT NULL: fails after the article row
    analysis.quotes.append(broken)
    before = store.change_counter()
    with pytest.raises(Exception):  # noqa: B017 - any database error
        store.add_article(make_article(), analysis)
    assert count(store, ArticleRow) == 0
    assert count(store, ClaimRow) == 0
    assert count(store, QuoteRow) == 0
    assert count(store, SourceRow) == 0
    assert store.change_counter() == before
    # and the same article goes in cleanly afterwards
    assert store.add_article(make_article(), make_analysis()).status == "added"


def test_sources_and_places_are_shared_across_articles(store):
    store.add_article(make_article(), make_analysis())
    other_text = TEXT.replace("12 new clinics", "15 new clinics")
    store.add_article(make_article(other_text, "Clinics plan 2"), make_analysis(other_text))
    assert count(store, SourceRow) == 2
    summary = queries.sources_summary(store)
    ruiz = summary[summary["name"] == "Ana Ruiz"].iloc[0]
    assert ruiz["quotes"] == 2 and ruiz["articles"] == 2 and ruiz["kind"] == "official"
    places = queries.places_summary(store)
    assert places.iloc[0]["name"] == "Springfield" and places.iloc[0]["mentions"] == 2


def test_long_place_keys_and_continent_populations_are_stored(store):
    # a place outside the gazetteer is keyed by its point and name: once longer than 64
    # characters, PostgreSQL refused the whole article, as it did a population over 2**31
    analysis = make_analysis()
    hall = Place(
        "Kay Bailey Hutchison Convention Center, Dallas", 32.7745, -96.8003, "US", "landmark"
    )
    mention = replace(analysis.places[0], place=hall)
    out = store.add_article(make_article(), replace(analysis, places=[mention]))
    assert out.status == "added" and out.n_places == 1
    assert list(queries.places_summary(store)["name"]) == [hall.name]


def test_claims_table_filters_and_pages(store):
    a = store.add_article(make_article(), make_analysis())
    df, total = queries.claims_table(store)
    assert total == 2 and list(df["score"]) == sorted(df["score"], reverse=True)
    assert set(df["status"]) == {"unreviewed"}
    assert df.iloc[1]["places"] == "Springfield"
    df, total = queries.claims_table(store, queries.ClaimFilter(search="MILLION"))
    assert total == 1 and "$40 million" in df.iloc[0]["text"]
    df, total = queries.claims_table(store, queries.ClaimFilter(kinds=("prediction",)))
    assert total == 1 and df.iloc[0]["claimant"] == "Ana Ruiz"
    pid = int(queries.places_summary(store).iloc[0]["id"])
    df, total = queries.claims_table(store, queries.ClaimFilter(place_ids=(pid,)))
    assert total == 1 and df.iloc[0]["kind"] == "statistic"
    df, total = queries.claims_table(store, queries.ClaimFilter(article_ids=(a.article_id + 99,)))
    assert total == 0 and df.empty
    df, total = queries.claims_table(store, limit=1, offset=1)
    assert total == 2 and len(df) == 1 and df.iloc[0]["score"] == pytest.approx(0.85)


def test_search_pages_by_score_and_counts_every_match(store):
    for k in range(3):  # six claims, all with "clinic" in their text, scores tied in threes
        text = TEXT + f" Note {k}."
        store.add_article(make_article(text), make_analysis(text))
    everything, total = queries.claims_table(store, queries.ClaimFilter(search="clinic"))
    assert total == 6 and len(everything) == 6
    ranked = sorted(
        zip(everything["score"], everything["id"], strict=True), key=lambda r: (-r[0], r[1])
    )
    assert list(everything["id"]) == [i for _, i in ranked]  # score first, then id
    pages = [
        queries.claims_table(store, queries.ClaimFilter(search="CLINIC"), limit=4, offset=o)
        for o in (0, 4, 8)
    ]
    assert [t for _, t in pages] == [6, 6, 6]  # past the last match the count still holds
    assert [len(df) for df, _ in pages] == [4, 2, 0]
    assert list(pages[0][0]["id"]) + list(pages[1][0]["id"]) == list(everything["id"])
    none, total = queries.claims_table(store, queries.ClaimFilter(search="no such words"))
    assert total == 0 and none.empty


def test_unanalysed_article_is_stored_without_extractions(store):
    art = replace(
        make_article("Der Bürgermeister sagte, die Stadt baue zwölf Kliniken."), lang="de"
    )
    out = store.add_article(art, None)
    assert out.status == "added"
    assert count(store, ClaimRow) == 0
    row = queries.articles_table(store).iloc[0]
    assert not bool(row["analysed"]) and row["lang"] == "de"


def test_migrations_match_the_models(store):
    from alembic.autogenerate import compare_metadata
    from alembic.migration import MigrationContext

    from claimdesk.store.search import outside_models

    with store.engine.connect() as conn:
        context = MigrationContext.configure(conn, opts={"include_object": outside_models})
        diff = compare_metadata(context, Base.metadata)
    assert diff == []
    assert alembic_config().get_main_option("script_location").endswith("migrations")


def test_sqlite_runs_in_wal_mode_with_busy_timeout(sqlite_store):
    with sqlite_store.engine.connect() as conn:
        assert conn.execute(text("PRAGMA journal_mode")).scalar() == "wal"
        assert conn.execute(text("PRAGMA busy_timeout")).scalar() >= 5000


def test_reworded_claim_in_another_article_joins_the_same_cluster(store):
    from claimdesk.model import Analysis, Claim

    def article_with(text: str, title: str):
        claim = Claim(0, len(text), text, 0.9, "statistic")
        return make_article(text, title), Analysis(claims=[claim])

    a = store.add_article(
        *article_with("Unemployment rose to 7.2 percent in March, the office said.", "A")
    )
    b = store.add_article(
        *article_with("Unemployment rose to 7.2% in March, the statistics office said.", "B")
    )
    c = store.add_article(*article_with("Unemployment fell to 6.1 percent in April.", "C"))
    table, _ = queries.claims_table(store)
    by_article = dict(zip(table["article_id"], table["cluster_id"], strict=True))
    assert by_article[a.article_id] == by_article[b.article_id]
    assert by_article[c.article_id] != by_article[a.article_id]
    assert set(table["cluster_articles"]) == {2, 1}
    copies = queries.cluster_members(store, int(by_article[a.article_id]))
    assert set(copies["article_id"]) == {a.article_id, b.article_id}


def test_processes_opening_a_new_sqlite_file_at_once_all_migrate_it(tmp_path):
    # the second process waits for the first's migrations (BEGIN IMMEDIATE) instead of failing
    # "database is locked" when its read of the schema version would have to become a write
    import subprocess
    import sys

    url = f"sqlite:///{tmp_path / 'new.sqlite'}"
    code = "import sys; from claimdesk.store.repo import Store; Store(sys.argv[1])"
    procs = [
        subprocess.Popen([sys.executable, "-c", code, url], stderr=subprocess.PIPE, text=True)
        for _ in range(3)
    ]
    errors = [p.communicate()[1] for p in procs]
    assert [p.returncode for p in procs] == [0, 0, 0], errors
