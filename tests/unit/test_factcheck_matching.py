"""Claims matched to known fact-checks with the real matcher: when an article is ingested, after
an import, and through the index saved beside the database (reused, extended, rebuilt)."""

from __future__ import annotations

import json

import pytest
from sqlalchemy import select

from claimdesk import factcheck_matching as fm
from claimdesk import factchecks
from claimdesk.batch import ingest_batch, text_item
from claimdesk.factcheck_import import import_files
from claimdesk.factchecks import REJECTED, SUGGESTED
from claimdesk.matching import FactCheckIndex
from claimdesk.store import factcheck_queries, queries
from claimdesk.store.schema import ClaimFactCheckLinkRow
from tests.sample_records import TEXT, make_analysis

CLINICS = "https://checks.example/clinics"
COST = "https://checks.example/clinic-costs"
UNRELATED = [
    ("Drinking hot water every 15 minutes kills the coronavirus.", "https://checks.example/water"),
    ("The moon landing was filmed in a studio.", "https://checks.example/moon"),
    ("A shark swam down a flooded highway in Houston.", "https://checks.example/shark"),
]


def reviews(*pairs: tuple[str, str]) -> bytes:
    return json.dumps(
        [
            {
                "@type": "ClaimReview",
                "claimReviewed": claim,
                "url": url,
                "reviewRating": {"@type": "Rating", "alternateName": "Mostly false"},
                "author": {"@type": "Organization", "name": "Checks Desk"},
            }
            for claim, url in pairs
        ]
    ).encode()


#: Near-verbatim: these tests are about the wiring, not the matcher's recall (its own tests).
KNOWN = reviews(
    ("Mayor Ana Ruiz said the city will open 12 new clinics by 2027.", CLINICS), *UNRELATED
)
COST_CHECK = "The clinics in Springfield cost $40 million, according to the budget office."


@pytest.fixture(autouse=True)
def fresh_memory(monkeypatch, tmp_path):
    """Each test starts with no index in memory (only what is saved on disk counts), and keeps
    a PostgreSQL database's index in its own folder."""
    monkeypatch.setenv("CLAIMDESK_CACHE_DIR", str(tmp_path / "cache"))
    fm.forget_loaded_indexes()
    yield
    fm.forget_loaded_indexes()


def ingest_sample(store) -> list[int]:
    [outcome] = ingest_batch(
        store, [text_item(TEXT, "Clinics plan")], analyse=lambda texts: [make_analysis(texts[0])]
    )
    assert outcome.status == "added", outcome.message
    df, _ = queries.claims_table(store)
    return [int(i) for i in df.sort_values("start")["id"]]


def urls_matched(store, claim_id: int) -> list[str]:
    """The claim's matches, best first (which near-misses pass is the matcher's business; these
    tests check that its best answer is stored and shown, and that nothing unrelated is)."""
    return list(factcheck_queries.matches_of_claims(store, (claim_id,))["url"])


def link_events(store) -> list[tuple[int, int, str]]:
    with store.read() as s:
        rows = s.execute(
            select(
                ClaimFactCheckLinkRow.claim_id,
                ClaimFactCheckLinkRow.factcheck_id,
                ClaimFactCheckLinkRow.state,
            ).order_by(ClaimFactCheckLinkRow.id)
        )
        return [(int(c), int(f), str(st)) for c, f, st in rows]


def no_unrelated_match(store) -> None:
    urls = set(
        factcheck_queries.matches_of_claims(store, [c for c, _, _ in link_events(store)])["url"]
    )
    assert not urls & {u for _, u in UNRELATED}


def test_an_ingested_articles_claims_are_matched_to_stored_fact_checks(store):
    assert import_files(store, [("known.json", KNOWN)]).failed == 0
    [outcome] = ingest_batch(
        store, [text_item(TEXT, "Clinics plan")], analyse=lambda texts: [make_analysis(texts[0])]
    )
    events = link_events(store)
    n = len(events)
    assert n >= 1
    assert outcome.message == f"added; {n} known fact-check match{'es' if n > 1 else ''} suggested"
    df, _ = queries.claims_table(store)
    opening, _ = [int(i) for i in df.sort_values("start")["id"]]
    assert urls_matched(store, opening)[0] == CLINICS
    no_unrelated_match(store)
    event = factchecks.link_history(store, opening)[-1]
    assert event.state == SUGGESTED and event.reviewer is None
    assert event.score >= FactCheckIndex.load(saved_index(store)).threshold


def saved_index(store):
    home = fm.index_home(store.url)
    assert home is not None
    [folder] = [p for p in home.iterdir() if not p.name.startswith(".")]
    return folder / fm.INDEX_FILE


def test_an_import_matches_the_claims_already_stored(store):
    opening, cost = ingest_sample(store)  # no fact-checks yet: nothing to match
    assert urls_matched(store, opening) == []
    result = import_files(store, [("known.json", KNOWN)])
    assert result.match_error is None and result.matched == len(link_events(store)) >= 1
    assert urls_matched(store, opening)[0] == CLINICS
    before = link_events(store)
    more = import_files(store, [("costs.json", reviews((COST_CHECK, COST)))])
    [cost_id] = more.outcomes[0].new_ids
    after = link_events(store)
    assert after[: len(before)] == before  # earlier suggestions are left as they were
    new = after[len(before) :]
    assert more.matched == len(new) >= 1
    assert {f for _, f, _ in new} == {cost_id}  # only matches to the new fact-check
    assert (cost, cost_id, SUGGESTED) in new
    no_unrelated_match(store)


def test_a_rejected_match_is_not_suggested_again(store):
    opening, _ = ingest_sample(store)
    import_files(store, [("known.json", KNOWN)])
    matches = factcheck_queries.matches_of_claims(store, (opening,))
    fc_id = int(matches.loc[matches["url"] == CLINICS, "factcheck_id"].iloc[0])
    factchecks.record_link_decision(store, opening, fc_id, REJECTED, "Ana")
    assert fm.match_all_claims(store) == 0
    assert CLINICS not in urls_matched(store, opening)


def test_the_saved_index_is_reused_then_extended_not_rebuilt(store, monkeypatch):
    import_files(store, [("known.json", KNOWN)], match=False)
    first = fm.current_index(store)
    assert first is not None and len(first) == 4
    assert saved_index(store).exists()

    def no_build(*args, **kwargs):
        raise AssertionError("the whole index was embedded again")

    monkeypatch.setattr(FactCheckIndex, "build", no_build)
    fm.forget_loaded_indexes()  # as a new process would
    again = fm.current_index(store)
    assert again is not None and again is not first and len(again) == 4
    embedded: list[int] = []
    real_add = FactCheckIndex.add

    def counting_add(self, items):
        embedded.append(len(items))
        return real_add(self, items)

    monkeypatch.setattr(FactCheckIndex, "add", counting_add)
    import_files(store, [("costs.json", reviews((COST_CHECK, COST)))], match=False)
    fm.forget_loaded_indexes()
    extended = fm.current_index(store)
    assert extended is not None and len(extended) == 5
    assert embedded == [1]  # only the new fact-check
    assert len([p for p in fm.index_home(store.url).iterdir() if not p.name.startswith(".")]) <= 2


def test_a_stale_or_broken_saved_index_is_rebuilt(store):
    import_files(store, [("known.json", KNOWN)], match=False)
    fm.current_index(store)
    saved_index(store).write_bytes(b"not an index")
    fm.forget_loaded_indexes()
    index = fm.current_index(store)
    assert index is not None and len(index) == 4
    assert {it.claim for it in index.items} >= {c for c, _ in UNRELATED}


def test_no_fact_checks_means_no_matcher_at_all(store, monkeypatch):
    monkeypatch.setattr(FactCheckIndex, "build", lambda *a, **k: pytest.fail("built"))
    assert fm.current_index(store) is None
    ingest_sample(store)
    assert fm.match_all_claims(store) == 0


def test_a_matcher_failure_keeps_the_article_and_says_so(store, monkeypatch):
    import_files(store, [("known.json", KNOWN)], match=False)

    def broken(self, texts, top=5):
        raise MemoryError

    monkeypatch.setattr(FactCheckIndex, "search", broken)
    [outcome] = ingest_batch(
        store, [text_item(TEXT, "Clinics plan")], analyse=lambda texts: [make_analysis(texts[0])]
    )
    assert outcome.status == "added"
    assert outcome.message == "added; matching with known fact-checks failed (MemoryError)"
    result = import_files(store, [("costs.json", reviews((COST_CHECK, COST)))])
    assert result.outcomes[0].status == "added"
    assert "matching the claims against them failed (MemoryError)" in result.summary()


def test_the_index_lives_beside_sqlite_and_in_a_cache_folder_for_postgresql(monkeypatch, tmp_path):
    here = fm.index_home(f"sqlite:///{tmp_path / 'desk.sqlite'}")
    assert here is not None and here.parent == tmp_path
    assert here.name.startswith("factcheck-index-")
    assert fm.index_home("sqlite://") is None
    monkeypatch.setenv("CLAIMDESK_CACHE_DIR", str(tmp_path / "cache"))
    a = fm.index_home("postgresql+psycopg://u:secret@db/one")
    b = fm.index_home("postgresql+psycopg://u:other@db/one")
    c = fm.index_home("postgresql+psycopg://u:secret@db/two")
    assert a is not None and a.parent == tmp_path / "cache"
    assert a == b and a != c  # keyed by the database, not the password
    assert "secret" not in str(a)


def test_ingestion_does_not_index_a_large_unindexed_import(store, monkeypatch):
    import_files(store, [("known.json", KNOWN)], match=False)  # as `--no-match` leaves it
    monkeypatch.setattr(fm, "INGEST_MAX_NEW", 3)
    [outcome] = ingest_batch(
        store, [text_item(TEXT, "Clinics plan")], analyse=lambda texts: [make_analysis(texts[0])]
    )
    assert outcome.status == "added"
    assert outcome.message == (
        "added; not matched with known fact-checks: 4 known fact-checks are not indexed yet; "
        "run `python -m claimdesk factchecks match` (or import them in the app) to index them"
    )
    assert fm.match_all_claims(store) >= 1  # what the message says to run
    assert link_events(store)


def test_the_apps_worker_processes_match_with_the_saved_index(tmp_path):
    from claimdesk.batch import InputSpec
    from claimdesk.store.repo import Store
    from claimdesk.workers import IngestPool

    url = f"sqlite:///{tmp_path / 'pool.sqlite'}"
    store = Store(url)
    import_files(store, [("known.json", KNOWN)])  # indexes them, saved beside the database
    text = (
        "Mayor Ana Ruiz said the city will open 12 new clinics by 2027. "
        "Critics on the council doubt that the money is there."
    )
    with IngestPool(processes=1) as pool:
        [outcome] = pool.ingest(url, [InputSpec("text", "clinics", text=text)], chunk=1)
    assert outcome.status == "added" and "known fact-check match" in outcome.message
    df, _ = queries.claims_table(store)
    opening = int(df.loc[df["text"].str.contains("12 new clinics"), "id"].iloc[0])
    assert urls_matched(store, opening)[0] == CLINICS


def test_an_index_saved_with_an_older_projection_is_refitted_once_and_saved(store, monkeypatch):
    """A saved index whose projection has another width (saved by an older version) is
    refitted when loaded, and saved again so that the next process start does not refit."""
    import claimdesk.matching.semantic as semantic

    monkeypatch.setattr(semantic, "MIN_ROWS_TO_REDUCE", 2)  # 4 fact-checks: a projected table
    monkeypatch.setattr(semantic, "REDUCED_DIM", 3)
    import_files(store, [("known.json", KNOWN)], match=False)
    assert fm.current_index(store).semantic.search.shape == (4, 3)
    monkeypatch.setattr(semantic, "REDUCED_DIM", 2)
    fm.forget_loaded_indexes()  # a new process of the newer version
    assert fm.current_index(store).semantic.search.shape == (4, 2)
    again = FactCheckIndex.load(saved_index(store))
    assert again.semantic.search.shape == (4, 2) and not again.semantic.refitted_saved
