"""The numpy all-MiniLM-L6-v2 encoder against the reference torch implementation.

tests/data/minilm_reference.json holds embeddings computed once by transformers' BertModel with
sentence-transformers' pooling (scripts/make_minilm_reference.py, run in a scratch venv with
torch); the numpy forward pass must reproduce them."""

from __future__ import annotations

import base64
import json
import math
import threading
from pathlib import Path

import numpy as np
import pytest

from claimdesk.matching.encoder import default_encoder, erf

REFERENCE = Path(__file__).resolve().parents[1] / "data" / "minilm_reference.json"


@pytest.fixture(scope="module")
def reference() -> dict:
    return json.loads(REFERENCE.read_text(encoding="utf-8"))


def reference_vectors(reference: dict) -> np.ndarray:
    return np.stack(
        [
            np.frombuffer(base64.b64decode(r["embedding_f32_base64"]), dtype="<f4")
            for r in reference["records"]
        ]
    )


def test_numpy_encoder_matches_the_torch_reference(reference):
    encoder = default_encoder()
    texts = [r["text"] for r in reference["records"]]
    assert len(texts) >= 20
    expected = reference_vectors(reference)
    got = encoder.encode(texts)  # one call: texts of very different lengths padded together
    cosines = (got * expected).sum(axis=1)
    assert cosines.min() >= 1 - 1e-4, dict(zip(texts, cosines.round(6), strict=True))
    # the reference ran on the original float32 weights, these are stored as float16: 3e-4 at
    # most (measured), against 2.6e-7 with float32 weights
    assert np.abs(got - expected).max() < 1e-3
    assert np.allclose(np.linalg.norm(got, axis=1), 1.0, atol=1e-5)


def test_each_text_alone_gives_the_same_vector_as_in_a_batch(reference):
    encoder = default_encoder()
    texts = [r["text"] for r in reference["records"]]
    batch = encoder.encode(texts)
    for i in (0, 7, 13, len(texts) - 1):
        alone = encoder.encode([texts[i]])[0]
        assert np.abs(alone - batch[i]).max() < 1e-5, texts[i][:40]


def test_tokens_are_those_of_the_reference_tokenizer(reference):
    encoder = default_encoder()
    for record in reference["records"]:
        assert encoder.token_ids([record["text"]])[0] == record["token_ids"], record["text"][:40]


def test_long_text_is_truncated_to_the_model_maximum(reference):
    encoder = default_encoder()
    long_text = max((r["text"] for r in reference["records"]), key=len)
    assert encoder.max_seq_length == reference["max_seq_length"] == 256
    assert len(encoder.token_ids([long_text])[0]) == 256
    much_longer = encoder.encode([long_text * 20])[0]
    assert np.abs(much_longer - encoder.encode([long_text])[0]).max() < 1e-5  # same 256 tokens


def test_paraphrases_are_closer_than_unrelated_sentences():
    a, b, c = default_encoder().encode(
        [
            "Obama banned the Pledge of Allegiance in schools.",
            "President Obama signed an order outlawing the Pledge of Allegiance in schools.",
            "A shark was photographed swimming on a flooded highway.",
        ]
    )
    assert a @ b > 0.7 > 0.2 > a @ c


def test_empty_batch():
    assert default_encoder().encode([]).shape == (0, 384)


def test_erf_is_accurate_to_float32():
    x = np.linspace(-7, 7, 20001)
    exact = np.array([math.erf(v) for v in x])
    assert np.abs(erf(x) - exact).max() < 2e-7
    assert np.abs(erf(x.astype(np.float32)) - exact).max() < 1e-6


def test_blas_thread_limit_holds_inside_and_is_restored_after_concurrent_use(monkeypatch):
    from threadpoolctl import threadpool_info

    from claimdesk.matching.encoder import limited_blas_threads

    def blas_threads() -> list[int]:
        return [i["num_threads"] for i in threadpool_info() if i["user_api"] == "blas"]

    before = blas_threads()
    monkeypatch.setenv("CLAIMDESK_MATCHING_THREADS", "1")
    with limited_blas_threads():
        assert set(blas_threads()) == {1}
    assert blas_threads() == before
    encoder = default_encoder()
    errors: list[BaseException] = []

    def work() -> None:
        try:
            for _ in range(5):
                encoder.encode(["a sentence to embed", "and another one, a little longer"])
        except BaseException as exc:  # reported below
            errors.append(exc)

    workers = [threading.Thread(target=work) for _ in range(4)]
    for w in workers:
        w.start()
    for w in workers:
        w.join()
    assert not errors
    assert blas_threads() == before
