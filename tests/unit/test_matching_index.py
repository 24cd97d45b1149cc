"""FactCheckIndex: search ordering, incremental add, save/load, odd inputs, and the
`python -m claimdesk match` command."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest

from claimdesk.matching import FactCheckIndex, FactCheckText, MatchHit
from claimdesk.matching.encoder import default_encoder

ROOT = Path(__file__).resolve().parents[2]

FACT_CHECKS = [
    FactCheckText(
        "fc-pledge",
        "President Obama signed an executive order banning the Pledge of Allegiance in schools.",
        "Did Obama Ban the Pledge of Allegiance?",
    ),
    FactCheckText(
        "fc-water",
        "Drinking hot water every 15 minutes kills the coronavirus.",
        "Does Drinking Hot Water Kill COVID-19?",
    ),
    FactCheckText(
        "fc-shark",
        "A photograph shows a shark swimming on a flooded highway after a hurricane.",
        "Shark Swimming on a Flooded Highway?",
    ),
    FactCheckText(
        "fc-moon",
        "The 1969 moon landing was staged in a film studio.",
        "Was the Moon Landing Faked?",
    ),
    FactCheckText(
        "fc-5g",
        "5G mobile networks spread the coronavirus.",
        "Do 5G Networks Spread COVID-19?",
    ),
    FactCheckText(
        "fc-pizza",
        "A pizza restaurant in Washington hid a child trafficking ring in its basement.",
        "Is a Pizzeria the Center of a Trafficking Ring?",
    ),
]


class CountingEncoder:
    """The real encoder, counting the texts it is asked to embed."""

    def __init__(self) -> None:
        self.inner = default_encoder()
        self.texts: list[str] = []

    def encode(self, texts):
        self.texts.extend(texts)
        return self.inner.encode(texts)


@pytest.fixture(scope="module")
def index() -> FactCheckIndex:
    return FactCheckIndex.build(FACT_CHECKS)


def test_search_puts_the_matching_fact_check_first(index):
    queries = [
        "BREAKING: Obama just banned the pledge of allegiance in our schools!! https://t.co/x1",
        "my aunt says hot water kills covid if you drink it every 15 min",
        "5G towers are spreading the virus, wake up — Some One (@someone) March 3, 2020",
        "Neil Armstrong never walked on the moon, it was all shot in a studio",
    ]
    results = index.search(queries, top=3)
    assert [hits[0].id for hits in results] == ["fc-pledge", "fc-water", "fc-5g", "fc-moon"]
    for hits in results:
        assert len(hits) == 3 and all(isinstance(h, MatchHit) for h in hits)
        scores = [h.score for h in hits]
        assert scores == sorted(scores, reverse=True)
        assert all(0.0 <= s <= 1.0 for s in scores)
        assert len({h.id for h in hits}) == 3
    # a clear paraphrase is shown to analysts, the runners-up are not
    assert results[0][0].score >= index.threshold > results[0][1].score


def test_unrelated_text_gets_no_hit_above_the_threshold(index):
    hits = index.search(["The central bank raised interest rates by a quarter point."])[0]
    assert hits and hits[0].score < index.threshold


def test_threshold_is_a_calibrated_cut():
    assert 0.0 < FactCheckIndex().threshold < 1.0


def test_odd_inputs(index):
    long_text = "Obama banned the Pledge of Allegiance in schools. " * 400  # far over 256 tokens
    results = index.search(["", "   ", "😂😂🔥", "https://t.co/abc pic.twitter.com/x", long_text])
    assert results[:4] == [[], [], [], []]
    assert results[4][0].id == "fc-pledge"
    assert index.search(["Obama pledge"], top=0) == [[]]
    assert index.search([]) == []
    assert index.search(["Obama pledge"], top=50)[0][0].id == "fc-pledge"  # top > table size
    assert len(index.search(["Obama pledge"], top=50)[0]) == len(FACT_CHECKS)


def test_empty_index():
    empty = FactCheckIndex.build([])
    assert len(empty) == 0
    assert empty.search(["anything at all", ""]) == [[], []]


def test_add_embeds_only_new_or_changed_fact_checks():
    encoder = CountingEncoder()
    index = FactCheckIndex.build(FACT_CHECKS[:4], encoder=encoder)  # type: ignore[arg-type]
    assert len(encoder.texts) == 8  # claim and title of each
    before = index.semantic.claim.copy()
    assert index.search(["5G networks spread the coronavirus"])[0][0].id != "fc-5g"

    encoder.texts.clear()
    index.add([FACT_CHECKS[0], FACT_CHECKS[4]])  # one already there, unchanged
    assert encoder.texts == [FACT_CHECKS[4].claim, FACT_CHECKS[4].title]
    assert index.search(["5G networks spread the coronavirus"])[0][0].id == "fc-5g"
    assert np.array_equal(index.semantic.claim[:4], before)
    assert len(index) == 5

    encoder.texts.clear()
    changed = FactCheckText("fc-moon", "Bananas are radioactive enough to harm you.", "Bananas?")
    index.add([changed])
    assert encoder.texts == [changed.claim, changed.title]
    assert len(index) == 5
    hits = index.search(["are bananas radioactive"])[0]
    assert hits[0].id == "fc-moon"
    assert index.search(["the moon landing was filmed in a studio"])[0][0].id != "fc-moon"


def test_save_load_round_trip(index, tmp_path):
    path = tmp_path / "sub" / "factchecks.npz"
    index.save(path)
    loaded = FactCheckIndex.load(path)
    assert loaded.items == index.items
    assert np.array_equal(loaded.semantic.claim, index.semantic.claim)
    assert np.array_equal(loaded.semantic.title, index.semantic.title)
    queries = ["Obama banned the pledge", "sharks on the highway in the flood", ""]
    assert loaded.search(queries) == index.search(queries)
    loaded.add([FactCheckText("fc-new", "Eating carrots lets you see in the dark.", "Carrots?")])
    loaded.save(path)
    again = FactCheckIndex.load(path)
    assert len(again) == len(FACT_CHECKS) + 1
    assert again.search(["carrots improve night vision"])[0][0].id == "fc-new"


def test_load_refuses_what_is_not_an_index(tmp_path):
    junk = tmp_path / "junk.npz"
    junk.write_bytes(b"not a zip file")
    with pytest.raises(ValueError, match="not a fact-check index"):
        FactCheckIndex.load(junk)
    with pytest.raises(ValueError, match="not a fact-check index"):
        FactCheckIndex.load(tmp_path / "missing.npz")
    other = tmp_path / "other.npz"
    np.savez(other, something=np.zeros(3))
    with pytest.raises(ValueError, match="not a fact-check index"):
        FactCheckIndex.load(other)


def test_index_made_by_another_model_must_be_rebuilt(index, tmp_path, monkeypatch):
    path = tmp_path / "old.npz"
    index.save(path)
    monkeypatch.setattr(
        "claimdesk.matching.index.encoder_signature", lambda: "some other model, normalised"
    )
    with pytest.raises(ValueError, match="build the index again"):
        FactCheckIndex.load(path)


def test_duplicate_ids_in_one_add_keep_the_last():
    index = FactCheckIndex.build(
        [FACT_CHECKS[0], FactCheckText("fc-pledge", "Cats can see ghosts.", "Ghost cats?")]
    )
    assert len(index) == 1 and index.items[0].claim == "Cats can see ghosts."


def test_encoder_is_not_loaded_by_importing_the_package():
    code = (
        "import sys, claimdesk.matching, claimdesk.cli; "
        "print('safetensors' in sys.modules, 'tokenizers' in sys.modules)"
    )
    out = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True)
    assert out.stdout.split() == ["False", "False"], out.stderr


def test_cli_match(tmp_path):
    queries = tmp_path / "queries.jsonl"
    factchecks = tmp_path / "fc.jsonl"
    out = tmp_path / "out" / "matches.jsonl"
    queries.write_text(
        json.dumps({"id": "q1", "text": "Obama banned the pledge of allegiance!"})
        + "\n{broken json\n"
        + json.dumps({"id": "q2", "text": ""})
        + "\n"
        + json.dumps({"id": "q3", "text": "5G spreads covid 🤬"})
        + "\n",
        encoding="utf-8",
    )
    rows = [{"id": f.id, "claim": f.claim, "title": f.title} for f in FACT_CHECKS]
    factchecks.write_text(
        "\n".join(json.dumps(r) for r in rows) + '\n{"title": "no id"}\n', encoding="utf-8"
    )
    saved = tmp_path / "index.npz"
    args = [str(queries), "--factchecks", str(factchecks), "-o", str(out), "--top", "3"]
    for _ in range(2):  # the second run reuses the saved index
        done = subprocess.run(
            [sys.executable, "-m", "claimdesk", "match", *args, "--index", str(saved)],
            cwd=ROOT,
            capture_output=True,
            text=True,
            timeout=300,
        )
        assert done.returncode == 0, done.stderr
        assert "queries.jsonl:2: not JSON" in done.stderr
        assert "fc.jsonl:7: needs `id` and `claim`" in done.stderr
        assert "matched 3 texts against 6 fact-checks" in done.stderr
        records = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
        assert [r["id"] for r in records] == ["q1", "q2", "q3"]
        assert [m["id"] for m in records[0]["matches"]][0] == "fc-pledge"
        assert len(records[0]["matches"]) == 3
        assert records[1]["matches"] == []
        assert records[2]["matches"][0]["id"] == "fc-5g"
        assert saved.exists()


def test_cli_match_missing_file_is_a_clear_message(tmp_path):
    done = subprocess.run(
        [
            sys.executable,
            "-m",
            "claimdesk",
            "match",
            str(tmp_path / "nope.jsonl"),
            "--factchecks",
            str(tmp_path / "nope2.jsonl"),
            "-o",
            str(tmp_path / "o.jsonl"),
        ],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == 2
    assert "Traceback" not in done.stderr
    assert "nope.jsonl: no such file" in done.stderr


def test_cli_match_refuses_a_broken_saved_index(tmp_path):
    queries = tmp_path / "q.jsonl"
    queries.write_text('{"id": 1, "text": "x"}\n', encoding="utf-8")
    broken = tmp_path / "index.npz"
    broken.write_bytes(b"garbage")
    done = subprocess.run(
        [
            sys.executable,
            "-m",
            "claimdesk",
            "match",
            str(queries),
            "--factchecks",
            str(queries),
            "-o",
            str(tmp_path / "o.jsonl"),
            "--index",
            str(broken),
        ],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == 2
    assert "Traceback" not in done.stderr
    assert "not a fact-check index" in done.stderr


def test_stored_vectors_match_again_without_the_model(index):
    texts = ["Obama banned the pledge of allegiance", "", "5G spreads the virus", "🙂"]
    stored = index.embed(texts)
    assert stored.shape == (4, 384) and stored.dtype == np.float16
    assert not stored[1].any() and not stored[3].any()
    counting = CountingEncoder()
    again = FactCheckIndex(index.items, index.semantic, encoder=counting)  # type: ignore[arg-type]
    fresh = index.search(texts, top=3)
    reused = again.search(texts, top=3, vectors=stored)
    assert counting.texts == []  # the model did not run
    assert [[h.id for h in hits] for hits in reused] == [[h.id for h in hits] for hits in fresh]
    for a, b in zip(reused, fresh, strict=True):
        assert all(abs(x.score - y.score) < 1e-3 for x, y in zip(a, b, strict=True))
    with pytest.raises(ValueError, match="vectors of shape"):
        index.search(texts, vectors=stored[:2])


def test_fact_check_without_a_title_is_compared_through_its_claim():
    index = FactCheckIndex.build(
        [
            FactCheckText("no-title", "Eating carrots lets you see in the dark.", ""),
            FactCheckText("no-claim", "", "Can Goldfish Remember Only Three Seconds?"),
            FACT_CHECKS[0],
        ]
    )
    assert np.allclose(index.semantic.claim[0], index.semantic.title[0], atol=1e-3)
    assert np.allclose(index.semantic.claim[1], index.semantic.title[1], atol=1e-3)
    assert index.search(["carrots give you night vision"])[0][0].id == "no-title"
    assert index.search(["goldfish have a three second memory"])[0][0].id == "no-claim"


def test_ids_are_strings():
    index = FactCheckIndex.build([FactCheckText(7, "Cats can see ghosts.", "Ghost cats?")])  # type: ignore[arg-type]
    index.add([FactCheckText(7, "Cats can see ghosts.", "Ghost cats?")])  # type: ignore[arg-type]
    assert len(index) == 1 and index.items[0].id == "7"
    assert index.search(["can cats see ghosts"])[0][0].id == "7"


SMALL_TABLE = [
    FactCheckText("nk", "North Korea has sent 12,000 troops to Russia.", "Has North Korea sent 12,000 troops to Russia?"),
    FactCheckText("moon", "The 1969 moon landing was staged.", "Was the moon landing staged?"),
    FactCheckText("bridge", "The new bridge cost taxpayers $2 billion.", "Did the bridge cost $2 billion?"),
    FactCheckText("chips", "Covid vaccines contain microchips.", "Do vaccines contain microchips?"),
]  # fmt: skip


@pytest.mark.parametrize(
    "text",
    [
        "Moscow has not commented on the reports.",
        "Ukrainian officials said the first units reached the Kursk region on Monday.",
        "The troops arrived in Vladivostok last week and began training near the border.",
    ],
)
def test_a_small_table_shows_no_hit_for_a_text_about_something_else(text):
    """In a table of four, the best of unrelated fact-checks wins the re-ranker's relative
    features by a wide margin; the absolute similarity floor keeps it from being shown."""
    index = FactCheckIndex.build(SMALL_TABLE)
    (best,) = index.search([text], top=1)[0]
    assert best.score < index.threshold


def test_a_small_table_still_shows_the_fact_check_of_the_claim():
    index = FactCheckIndex.build(SMALL_TABLE)
    text = "KYIV - North Korea has sent 12,000 troops to Russia, Ukrainian officials said."
    (best,) = index.search([text], top=1)[0]
    assert best.id == "nk" and best.score >= index.threshold
