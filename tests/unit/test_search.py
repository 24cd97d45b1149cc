"""Claim search on the full-text indexes (PostgreSQL tsvector + GIN, SQLite FTS5): the same
claims found on both, whatever is typed."""

from __future__ import annotations

import pytest
from alembic import command
from sqlalchemy import delete, func, select, text

from claimdesk.model import Analysis, Claim
from claimdesk.store import queries
from claimdesk.store.engine import alembic_config
from claimdesk.store.schema import ArticleRow, ClaimRow
from claimdesk.store.search import Term, fts5_query, parse, tsquery
from tests.dbfixtures import truncate_pg
from tests.sample_records import make_article

CLAIMS = {
    "troops": ("North Korea sent 10,000 troops to Russia last year.", 0.9),
    "jobs": ("Unemployment rose to 7.2 percent in March.", 0.8),
    "hyphen": ("The co-belligerent deal was signed in Moscow.", 0.7),
    "cyrillic": ("Москва заявила о переброске 5000 солдат.", 0.6),
    "troops2": ("Officials said the troops (about 12,000) would stay.", 0.5),
    "or": ("Rebels or soldiers: who fired first?", 0.4),
    "cjk": ("東京都の人口は1400万人です。", 0.3),
    "tie": ("Troop numbers in Russia are disputed.", 0.9),
}


def add(store, key: str, text_: str, score: float) -> int:
    claim = Claim(0, len(text_), text_, score, "statistic")
    out = store.add_article(make_article(text_, key), Analysis(claims=[claim]))
    assert out.status == "added"
    with store.read() as s:
        return s.scalar(select(ClaimRow.id).where(ClaimRow.article_id == out.article_id))


def add_all(store) -> dict[str, int]:
    return {key: add(store, key, t, sc) for key, (t, sc) in CLAIMS.items()}


@pytest.fixture(scope="module", params=["sqlite", pytest.param("postgresql", marks=pytest.mark.pg)])
def searchable(request, tmp_path_factory):
    """One database per backend for the read-only tests: (store, {name: claim id})."""
    from claimdesk.store.repo import Store

    if request.param == "sqlite":
        url = f"sqlite:///{tmp_path_factory.mktemp('search') / 'claimdesk.sqlite'}"
    else:
        url = request.getfixturevalue("pg_database_url")
        Store(url)
        truncate_pg(url)
    store = Store(url)
    return store, add_all(store)


@pytest.fixture
def claims(store) -> dict[str, int]:
    return add_all(store)


def found(store, query: str) -> list[int]:
    df, total = queries.claims_table(store, queries.ClaimFilter(search=query))
    assert total == len(df)
    return list(df["id"])


def test_parse_ands_words_prefixes_the_last_and_keeps_phrases():
    assert parse('troops "North Korea" unemploy') == [
        Term(("troops",)),
        Term(("north", "korea")),
        Term(("unemploy",), prefix=True),
    ]
    assert parse("co-belligerent 10,000") == [
        Term(("co", "belligerent")),
        Term(("10", "000"), True),
    ]
    assert parse('"open phrase') == [Term(("open", "phrase"))]  # quoted: no prefix
    assert parse("*** () :* --") == []
    assert parse("") == []


def test_query_texts_hold_only_tokens_and_the_index_syntax():
    terms = parse("""it's (a) "b c" d* OR e:*""")
    assert tsquery(terms) == "('it' <-> 's') & ('a') & ('b' <-> 'c') & ('d') & ('or') & ('e':*)"
    assert fts5_query(terms) == '"it s" "a" "b c" "d" "or" "e"*'


def test_words_are_anded_in_any_order_and_case(searchable):
    store, claims = searchable
    assert found(store, "troops russia") == [claims["troops"]]
    assert found(store, "RUSSIA Troops") == [claims["troops"]]
    assert found(store, "troops unemployment") == []


def test_the_last_word_is_a_prefix_the_others_whole_words(searchable):
    store, claims = searchable
    assert found(store, "unemploy") == [claims["jobs"]]
    assert found(store, "unemploy rose") == []
    assert set(found(store, "troop")) == {claims["troops"], claims["troops2"], claims["tie"]}
    assert found(store, "troop russia") == [claims["tie"]]  # "troop" whole: not "troops"


def test_phrases_in_quotes_keep_their_order(searchable):
    store, claims = searchable
    assert found(store, '"troops to russia"') == [claims["troops"]]
    assert found(store, '"russia to troops"') == []
    assert found(store, '"troops to') == [claims["troops"]]  # an unclosed quote ends the text


def test_punctuated_tokens_match_as_written(searchable):
    store, claims = searchable
    assert found(store, "co-belligerent") == [claims["hyphen"]]
    assert found(store, "belligerent co") == [claims["hyphen"]]
    assert found(store, "10,000") == [claims["troops"]]
    assert found(store, "12,000") == [claims["troops2"]]


@pytest.mark.parametrize(
    "typed, expected",
    [
        ("troops*", {"troops", "troops2"}),
        ("(troops)", {"troops", "troops2"}),
        ('troops"', {"troops", "troops2"}),
        ("troops OR unemployment", set()),  # "or" is a word, not an operator
        ("rebels OR soldiers", {"or"}),
        ("NEAR(troops russia)", set()),
        ("troops:* & !russia | x", set()),
        ("-troops", {"troops", "troops2"}),
        ("'; DROP TABLE claims; --", set()),
        ("*", set()),
        ('""', set()),
        ("^ $ \\ %", set()),
    ],
)
def test_operators_typed_are_only_separators(searchable, typed, expected):
    store, claims = searchable
    assert set(found(store, typed)) == {claims[k] for k in expected}
    assert queries.collection_counts(store)["claims"] == len(CLAIMS)


def test_non_latin_scripts(searchable):
    store, claims = searchable
    assert found(store, "москва") == [claims["cyrillic"]]
    assert found(store, "МОСКВА солд") == [claims["cyrillic"]]
    assert found(store, "東京都") == [claims["cjk"]]


def test_matches_are_ranked_by_score_then_id_and_paged(searchable):
    store, claims = searchable
    ranked = found(store, "russia")
    assert ranked == [claims["troops"], claims["tie"]]  # tied at 0.9: lower id first
    first, total = queries.claims_table(store, queries.ClaimFilter(search="russia"), limit=1)
    second, _ = queries.claims_table(store, queries.ClaimFilter(search="russia"), limit=1, offset=1)
    assert total == 2 and [*first["id"], *second["id"]] == ranked


def test_the_index_follows_new_and_deleted_claims(store, claims):
    new = add(store, "late", "A late claim about troops in Kursk.", 0.95)
    assert found(store, "kursk") == [new]
    assert found(store, "troops")[0] == new
    with store.engine.begin() as conn:
        conn.execute(delete(ArticleRow).where(ArticleRow.title == "late"))
        conn.execute(delete(ClaimRow).where(ClaimRow.id == claims["jobs"]))
    assert found(store, "kursk") == []
    assert found(store, "unemployment") == []
    assert claims["troops"] in found(store, "troops")


def test_the_migration_indexes_claims_stored_before_it(db_url):
    """Down to 0008 (no index), a claim stored then, up again: it is found."""
    from claimdesk.store.repo import Store

    store = Store(db_url)
    cfg = alembic_config(db_url)
    with store.engine.begin() as conn:
        cfg.attributes["connection"] = conn
        command.downgrade(cfg, "0008")
    add(store, "before", "Inflation reached 9.1 percent before the index existed.", 0.5)
    with store.engine.begin() as conn:
        cfg.attributes["connection"] = conn
        command.upgrade(cfg, "head")
        if store.engine.dialect.name == "sqlite":
            # the FTS5 table holds exactly the claims
            n = conn.scalar(text("SELECT count(*) FROM claims_fts"))
            assert n == conn.scalar(select(func.count()).select_from(ClaimRow))
    assert len(found(store, "inflation")) == 1
