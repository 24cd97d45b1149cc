"""Known fact-checks through the pages: import on the Upload page, the claims filter and
column, and confirming or rejecting a match in the claim panel (saved for the signed-in
reviewer)."""

from __future__ import annotations

import json

from claimdesk import factchecks
from claimdesk.factchecks import CONFIRMED, REJECTED, LinkHit
from claimdesk.store import factcheck_queries, queries
from tests.app import page_support
from tests.app.page_support import REVIEWER

demo_store = page_support.demo_store

TROOPS = {
    "@context": "https://schema.org",
    "@type": "ClaimReview",
    "url": "https://checks.example/north-korea-troops-kursk",
    "claimReviewed": "North Korean troops have moved into Russia's Kursk region.",
    "reviewRating": {"@type": "Rating", "alternateName": "True"},
    "author": {"@type": "Organization", "name": "Checks Desk"},
    "datePublished": "2024-10-30",
}
#: A match shown on a page is untrusted text: it must stay text.
HOSTILE = {
    **TROOPS,
    "url": "javascript:alert(1)",
    "claimReviewed": "North Korea has [the largest](https://evil.example) SOF *in the world*.",
    "reviewRating": {"@type": "Rating", "alternateName": "<b>Mostly</b> True"},
}


def no_exception(at) -> None:
    assert not at.exception, [e.message for e in at.exception]


def frame_with(at, column: str):
    for df in at.dataframe:
        if column in df.value.columns:
            return df.value
    raise AssertionError(f"no table with a {column!r} column")


def test_upload_page_imports_files_and_reports_each(make_app, app_db):
    at = make_app("pages/upload.py").run()
    no_exception(at)
    files = [
        ("troops.json", json.dumps([TROOPS]).encode(), "application/json"),
        ("broken.json", b'[{"@type": "ClaimReview", ', "application/json"),
        ("again.jsonld", json.dumps(TROOPS).encode(), "application/ld+json"),
    ]
    at.file_uploader(key="factchecks_files").set_value(files)
    at.button(key="factchecks_go").click()
    at.run()
    no_exception(at)
    table = frame_with(at, "duplicates")
    outcome = dict(zip(table["file"], table["outcome"], strict=True))
    assert outcome == {
        "troops.json": "added",
        "broken.json": "failed",
        "again.jsonld": "nothing new",
    }
    details = dict(zip(table["file"], table["details"], strict=True))
    assert "not valid JSON" in details["broken.json"]
    stored = factcheck_queries.factchecks_table(app_db)
    assert list(stored["url"]) == [TROOPS["url"]]
    assert "1 fact-check(s) stored" in " ".join(c.value for c in at.caption)


def test_the_import_button_without_files_says_what_to_do(make_app, app_db):
    at = make_app("pages/upload.py").run()
    at.button(key="factchecks_go").click()
    at.run()
    no_exception(at)
    assert any("fact-check files first" in w.value for w in at.warning)


def linked_demo(store, *objs) -> tuple[int, list[int]]:
    """The demo's first claim suggested to match each of these fact-checks (as a matcher would)."""
    out = factchecks.import_factcheck_file(store, "known.json", json.dumps(list(objs)).encode())
    df, _ = queries.claims_table(store)
    claim_id = int(df["id"].iloc[0])
    factchecks.suggest_links(
        store, [LinkHit(claim_id, f, 0.8 - i / 10) for i, f in enumerate(out.new_ids)]
    )
    return claim_id, out.new_ids


def test_claims_table_shows_the_closest_fact_check_and_filters_on_it(make_app, demo_store):
    claim_id, _ = linked_demo(demo_store, TROOPS)
    at = make_app("pages/claims.py").run()
    no_exception(at)
    shown = at.data_editor[0].value
    assert shown.loc[claim_id, "fact_check"] == "True · Checks Desk · 2024-10-30"
    assert shown.loc[claim_id, "fact_check_url"] == TROOPS["url"]
    assert (shown.drop(index=claim_id)["fact_check"] == "").all()
    at.selectbox(key="f_factchecked").set_value("any")
    at.run()
    no_exception(at)
    assert list(at.data_editor[0].value.index) == [claim_id]
    assert at.query_params["fc"] in ("any", ["any"])
    at.selectbox(key="f_factchecked").set_value("none")
    at.run()
    assert claim_id not in list(at.data_editor[0].value.index)
    assert len(at.data_editor[0].value) >= 1


def test_confirm_and_reject_a_match_in_the_claim_panel(make_app, demo_store):
    claim_id, (troops, other) = linked_demo(
        demo_store, TROOPS, {**TROOPS, "url": "https://checks.example/other", "claimReviewed": "x"}
    )
    at = make_app("pages/claims.py", claim=str(claim_id)).run()
    no_exception(at)
    assert any(m.value.startswith("**Known fact-checks** (2)") for m in at.markdown)
    at.button(key=f"fc_confirm_{claim_id}_{troops}").click()
    at.run()
    no_exception(at)
    at.button(key=f"fc_reject_{claim_id}_{other}").click()
    at.run()
    no_exception(at)
    events = factchecks.link_history(demo_store, claim_id)
    assert [(e.factcheck_id, e.state, e.reviewer) for e in events[:2]] == [
        (other, REJECTED, REVIEWER),
        (troops, CONFIRMED, REVIEWER),
    ]
    # the confirmed one is shown as such, with no Confirm button; the rejected one is folded away
    assert not [b for b in at.button if b.key == f"fc_confirm_{claim_id}_{troops}"]
    assert any(e.label == "Rejected matches (1)" for e in at.expander)
    assert at.data_editor[0].value.loc[claim_id, "fact_check"].endswith("(confirmed)")


def test_a_hostile_fact_check_is_shown_as_text(make_app, demo_store):
    claim_id, _ = linked_demo(demo_store, HOSTILE)
    at = make_app("pages/claims.py", claim=str(claim_id)).run()
    no_exception(at)
    texts = [m.value for m in [*at.markdown, *at.caption]]
    assert any("\\[the largest\\]" in t for t in texts)
    assert not any("](https://evil" in t for t in texts)
    assert not any("<b>" in t.replace("\\<", "") for t in texts)
    assert not at.link_button  # a javascript: address is never a link
    assert at.data_editor[0].value.loc[claim_id, "fact_check_url"] is None


def test_an_upload_matches_the_stored_claims_and_a_rerun_never_matches(
    make_app, demo_store, monkeypatch
):
    from claimdesk import factcheck_matching
    from claimdesk.matching import FactCheckIndex

    factcheck_matching.forget_loaded_indexes()
    df, _ = queries.claims_table(demo_store)
    claim_id, claim = int(df["id"].iloc[0]), str(df["text"].iloc[0])
    known = [
        {**TROOPS, "claimReviewed": claim, "url": "https://checks.example/demo-claim"},
        *(
            {**TROOPS, "claimReviewed": text, "url": f"https://checks.example/other-{i}"}
            for i, text in enumerate(
                [
                    "Drinking hot water every 15 minutes kills the coronavirus.",
                    "The moon landing was filmed in a studio.",
                    "A shark swam down a flooded highway in Houston.",
                ]
            )
        ),
    ]
    at = make_app("pages/upload.py").run()
    at.file_uploader(key="factchecks_files").set_value(
        [("known.json", json.dumps(known).encode(), "application/json")]
    )
    at.button(key="factchecks_go").click()
    at.run()
    no_exception(at)
    assert any("claim match(es) suggested" in page_support.shown(m.value) for m in at.markdown)
    matched = factcheck_queries.matches_of_claims(demo_store, (claim_id,))
    assert list(matched["url"])[0] == "https://checks.example/demo-claim"

    def refuse(*args, **kwargs):
        raise AssertionError("matching ran on a page rerun")

    factcheck_matching.forget_loaded_indexes()
    for name in ("build", "load", "add", "search"):
        monkeypatch.setattr(FactCheckIndex, name, refuse)
    at = make_app("pages/claims.py", claim=str(claim_id)).run()
    no_exception(at)
    at.run()
    no_exception(at)
    assert at.data_editor[0].value.loc[claim_id, "fact_check"].startswith("True · Checks Desk")


def test_the_export_page_follows_the_fact_check_filter(make_app, demo_store):
    claim_id, (fc_id,) = linked_demo(demo_store, TROOPS)
    factchecks.record_link_decision(demo_store, claim_id, fc_id, CONFIRMED, REVIEWER)
    at = make_app("pages/export.py", fc="confirmed").run()
    no_exception(at)
    said = " ".join(page_support.shown(m.value) for m in at.markdown)
    assert "known fact-checks: confirmed fact-check" in said
    assert at.page_link[0].proto.query_string == "fc=confirmed"
    assert any(c.value.startswith("1 claims") for c in at.caption)
