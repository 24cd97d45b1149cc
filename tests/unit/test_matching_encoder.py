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

from claimdesk.matching.encoder import default_encoder, erfc_of_abs, gelu_inplace

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


def test_erfc_and_gelu_are_accurate_to_float32():
    x = np.linspace(0, 7, 20001)
    exact = np.array([math.erfc(v) for v in x])
    assert np.abs(erfc_of_abs(x, np.empty_like(x), np.empty_like(x)) - exact).max() < 2e-7
    scaled = erfc_of_abs(x, np.empty_like(x), np.empty_like(x), scale=0.5, times=3.0)
    assert np.abs(scaled - 3.0 * np.array([math.erfc(v / 2) for v in x])).max() < 6e-7
    g = np.linspace(-7, 7, 20001)
    exact_gelu = np.array([v * 0.5 * (1.0 + math.erf(v / math.sqrt(2.0))) for v in g])
    got = gelu_inplace(g.astype(np.float32).reshape(-1, 1).repeat(3, axis=1))
    assert np.abs(got - exact_gelu[:, None]).max() < 1e-6


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


# ---------------------------------------------------------------- the fast forward pass
NEWS = [
    "The minister said on Tuesday that 1,200 troops would leave the region by March.",
    "Police said the driver, 34, was arrested at the scene and charged with dangerous driving.",
    "According to the company, profits rose 12% to $4.5bn in the three months to September.",
    '"We will not stand by while our neighbours suffer," the president told reporters.',
    "Floods have displaced more than 40,000 people in the north of the country, the UN says.",
]


def plain_forward(encoder, texts: list[str]) -> np.ndarray:
    """The textbook BERT pass from the stored weights, text by text, in float64: unscaled
    queries, a max-shifted softmax, LayerNorm and GELU (math.erf) written out; mean pooling."""
    from safetensors.numpy import load_file

    from claimdesk.matching.encoder import model_dir

    w = {
        k: v.astype(np.float64)
        for k, v in load_file(str(model_dir() / "model.safetensors")).items()
    }
    gelu = np.vectorize(lambda v: v * 0.5 * (1.0 + math.erf(v / math.sqrt(2.0))))

    def norm(x, p):
        mu = x.mean(-1, keepdims=True)
        var = ((x - mu) ** 2).mean(-1, keepdims=True)
        return (x - mu) / np.sqrt(var + encoder.eps) * w[p + ".weight"] + w[p + ".bias"]

    def dense(x, p):
        return x @ w[p + ".weight"].T + w[p + ".bias"]

    out = []
    for ids in encoder.token_ids(texts):
        n = len(ids)
        x = (
            w["embeddings.word_embeddings.weight"][ids]
            + w["embeddings.position_embeddings.weight"][:n]
        )
        x = norm(x + w["embeddings.token_type_embeddings.weight"][0], "embeddings.LayerNorm")
        for i in range(6):
            p = f"encoder.layer.{i}."
            heads = [
                dense(x, p + f"attention.self.{m}").reshape(n, 12, 32).transpose(1, 0, 2)
                for m in ("query", "key", "value")
            ]
            s = heads[0] @ heads[1].transpose(0, 2, 1) / math.sqrt(32)
            s = np.exp(s - s.max(-1, keepdims=True))
            ctx = (s / s.sum(-1, keepdims=True)) @ heads[2]
            a = norm(
                dense(ctx.transpose(1, 0, 2).reshape(n, 384), p + "attention.output.dense") + x,
                p + "attention.output.LayerNorm",
            )
            f = dense(gelu(dense(a, p + "intermediate.dense")), p + "output.dense")
            x = norm(f + a, p + "output.LayerNorm")
        v = x.mean(0)
        out.append(v / np.linalg.norm(v))
    return np.array(out)


def test_fast_forward_pass_equals_the_textbook_one_on_real_text(reference):
    """The encoder folds the attention scale into its weights, exponentiates unshifted logits,
    normalises after the value product and works in place; on real sentences (the reference
    records and news sentences, batched together) it must give the plain pass's vectors."""
    encoder = default_encoder()
    texts = [r["text"] for r in reference["records"] if r["text"].strip()] + NEWS
    got = encoder.encode(texts)
    expected = plain_forward(encoder, texts)
    assert np.abs(got - expected).max() < 2e-6


@pytest.mark.parametrize(
    "scale, offset",
    [(1.0, 0.0), (40.0, 0.0), (1.0, 200.0), (1.0, -200.0), (1.0, -80.0)],
    ids=["text-like", "overflowing", "all-high", "all-underflowing", "near-underflow"],
)
def test_softmax_parts_equal_the_max_shifted_softmax(scale, offset):
    """Unshifted exponentials are used only where they neither overflow nor leave a row of
    zeros; logits beyond that (all of them above the limit, whole rows far below zero) take
    the shifted path. Padded keys (-1e9) get zero weight either way."""
    from claimdesk.matching.encoder import softmax_parts

    rng = np.random.default_rng(7)
    scores = (rng.standard_normal((3, 12, 9, 9)) * 4 * scale + offset).astype(np.float32)
    scores[0, :, :, 7:] = -1e9  # the first text is shorter: two padded keys
    weights, sums = softmax_parts(scores.copy())
    got = weights / sums
    shifted = np.exp(scores.astype(np.float64) - scores.max(-1, keepdims=True))
    expected = shifted / shifted.sum(-1, keepdims=True)
    assert np.isfinite(got).all()
    assert np.abs(got - expected).max() < 1e-6
    assert (got[0, :, :, 7:] == 0).all()
