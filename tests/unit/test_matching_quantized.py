"""The int8 query encoder (ONNX Runtime) and the ONNX writer it is built with.

The graph written without quantization must equal the numpy model (that proves the writer and
the graph); with int8 products its vectors must stay close to the exact ones, on the torch
reference texts and on news sentences written here."""

from __future__ import annotations

import json
import sys

import numpy as np
import pytest

from claimdesk.matching import FactCheckIndex, FactCheckText
from claimdesk.matching import quantized as quantized_module
from claimdesk.matching.encoder import default_encoder
from claimdesk.matching.normalise import has_words
from claimdesk.matching.onnx_proto import GraphBuilder, varint
from claimdesk.matching.quantized import (
    QuantizedMiniLMEncoder,
    default_query_encoder,
    quantize_columns,
)
from tests.unit.test_matching_encoder import REFERENCE, reference_vectors

ort = pytest.importorskip("onnxruntime")

NEWS = [
    "The ministry said 12,000 troops had crossed the border by Tuesday evening.",
    "Unemployment fell to 3.9% in March, the lowest rate since 2001, officials said.",
    "“We will not raise taxes on working families,” the governor told reporters in Albany.",
    "According to the World Health Organization, measles cases rose by 79% last year.",
    "A spokesperson for the airline declined to comment.",
    "The bridge, built in 1932, carries about 40,000 vehicles a day.",
    "Vaccines do not cause autism.",
    "Sen. Maria Lopez (D-Calif.) claimed the bill would cut drug prices in half by 2030, a "
    "figure the Congressional Budget Office disputed in a report released on Thursday, saying "
    "the savings would be closer to 20% over the decade.",
    "Police arrested three men.",
    "Is it true that drinking hot water cures the flu?",
]


@pytest.fixture(scope="module")
def reference() -> dict:
    return json.loads(REFERENCE.read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def exact_graph() -> QuantizedMiniLMEncoder:
    return QuantizedMiniLMEncoder(default_encoder(), quantized=frozenset())


@pytest.fixture(scope="module")
def int8() -> QuantizedMiniLMEncoder:
    return QuantizedMiniLMEncoder(default_encoder())


def test_varint_is_protobufs():
    assert varint(0) == b"\x00"
    assert varint(1) == b"\x01"
    assert varint(127) == b"\x7f"
    assert varint(128) == b"\x80\x01"
    assert varint(300) == b"\xac\x02"
    assert varint(-1) == b"\xff" * 9 + b"\x01"  # int64 -1: ten bytes


def test_a_small_written_graph_runs_in_onnx_runtime():
    g = GraphBuilder("small")
    x = g.input("x", np.dtype(np.float32), ["rows", 3])
    w = g.constant("w", np.array([[1, 0], [0, 2], [1, 1]], dtype=np.float32))
    b = g.constant("b", np.array([0.5, -1], dtype=np.float32))
    y = g.node("Gemm", [x, w, b], alpha=2.0)  # a float attribute
    y = g.node("Transpose", [y], perm=[1, 0])  # an int-list attribute
    g.node("Softmax", [y], axis=-1, output="y")  # an int attribute, a negative one
    g.output("y", np.dtype(np.float32), [2, "rows"])
    session = ort.InferenceSession(g.model(), providers=["CPUExecutionProvider"])
    x_value = np.array([[1, 2, 3], [0, -1, 4]], dtype=np.float32)
    (got,) = session.run(["y"], {"x": x_value})
    logits = (2 * (x_value @ np.array([[1, 0], [0, 2], [1, 1]])) + [0.5, -1]).T
    expected = np.exp(logits) / np.exp(logits).sum(axis=-1, keepdims=True)
    assert got.shape == (2, 2)
    assert np.allclose(got, expected, atol=1e-6)


def test_column_quantization_is_symmetric_and_within_half_a_step():
    rng = np.random.default_rng(0)
    w = rng.normal(size=(64, 16)).astype(np.float32)
    w[:, 3] = 0.0  # a dead unit
    w[:, 5] *= 100.0  # a loud one: its own scale
    q, scale = quantize_columns(w)
    assert q.dtype == np.int8 and scale.dtype == np.float32 and scale.shape == (16,)
    assert np.abs(q.astype(np.int32)).max() == 127
    assert scale[3] == 1.0 and not q[:, 3].any()
    assert np.all(np.abs(q * scale - w) <= scale / 2 + 1e-6)


def test_the_graph_without_quantization_equals_the_numpy_model(exact_graph):
    texts = NEWS + ["", "a"]
    got, expected = exact_graph.encode(texts), default_encoder().encode(texts)
    assert np.abs(got - expected).max() < 2e-6


def test_int8_vectors_stay_near_the_exact_ones(int8, reference):
    texts = [r["text"] for r in reference["records"]] + NEWS
    got = int8.encode(texts)
    assert np.allclose(np.linalg.norm(got, axis=1), 1.0, atol=1e-5)
    exact = default_encoder().encode(texts)
    cosines = (got * exact).sum(axis=1)
    # 0.975 for "" ([CLS] [SEP] alone), which a search never embeds (no words); 0.98 for emoji
    worded = np.array([has_words(t) for t in texts])
    assert cosines[worded].min() >= 0.978, dict(zip(texts, cosines.round(4), strict=True))
    assert cosines.min() > 0.97
    assert np.median(cosines) > 0.99
    n = len(reference["records"])
    torch = (got[:n] * reference_vectors(reference)).sum(axis=1)
    assert torch[worded[:n]].min() >= 0.978


def test_int8_keeps_paraphrases_nearer_than_unrelated_claims(int8):
    a, b, c = int8.encode(
        [
            "The ministry said 12,000 troops crossed the border on Tuesday.",
            "By Tuesday 12,000 soldiers had crossed the frontier, according to the ministry.",
            "Measles cases rose sharply last year.",
        ]
    )
    assert a @ b > a @ c + 0.3


def test_int8_encoder_handles_no_texts_and_a_text_alone_as_in_a_batch(int8):
    assert int8.encode([]).shape == (0, 384)
    batch = int8.encode(NEWS)
    alone = int8.encode([NEWS[7]])[0]
    assert np.abs(alone - batch[7]).max() < 1e-6


def test_index_search_embeds_its_queries_with_the_query_encoder(monkeypatch):
    calls: list[list[str]] = []

    class Counting:
        def __init__(self) -> None:
            self.exact = default_encoder()

        def encode(self, texts):
            calls.append(list(texts))
            return self.exact.encode(texts)

    monkeypatch.setattr(quantized_module, "_default", Counting())
    index = FactCheckIndex.build(
        [FactCheckText("f1", "Vaccines cause autism.", "Do vaccines cause autism?")]
    )
    assert calls == []  # the table is embedded with the exact model
    index.search(["Vaccines do not cause autism, doctors say."])
    index.embed(["Another claim about vaccines."])
    assert calls == [
        ["Vaccines do not cause autism, doctors say."],
        ["Another claim about vaccines."],
    ]


def test_without_onnx_runtime_queries_use_the_exact_model(monkeypatch, caplog):
    monkeypatch.setattr(quantized_module, "_default", None)
    monkeypatch.setitem(sys.modules, "onnxruntime", None)  # import fails
    with caplog.at_level("WARNING"):
        encoder = default_query_encoder()
    assert encoder is default_encoder()
    assert "using the exact model" in caplog.text
