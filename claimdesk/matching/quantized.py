"""The query-side encoder: MiniLM with its feed-forward products in 8-bit integers, run by ONNX
Runtime.

Matching an article's claims is one forward pass of the model per claim, and the model was
about 90% of a match; its float32 products already ran at this CPU's peak in numpy. Two-thirds
of the model's arithmetic is in the two feed-forward products of each layer: here their weights
are quantized per output column (symmetric int8, scale = the column's largest |w| / 127), and
ONNX Runtime's DynamicQuantizeMatMul quantizes the activations per call and multiplies in
integers. Attention, the other products, LayerNorm and GELU stay float32.

Only the claims' (queries') vectors are made this way; the fact-checks' table is embedded once
with the exact float32 model (claimdesk.matching.encoder), so its saved indexes stay valid. On
news sentences the int8 vectors are within cosine 0.98 of the exact ones (typically 0.995), and
the matcher's results on the training and dev tweets stay the same but for a few ranks (figures
in benchmarks/README.md, "Third pass"); tests/unit/test_matching_quantized.py checks both, and
that the same graph without quantization equals the numpy model.

The graph is written at load time from the weights the numpy model holds (onnx_proto.py): no
model file beyond the vendored one. Without onnxruntime, or if it cannot run the graph, the
exact encoder is used instead (`default_query_encoder`).
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Sequence
from typing import Any, Protocol

import numpy as np

from claimdesk.matching.encoder import EncoderLayer, MiniLMEncoder, default_encoder
from claimdesk.matching.onnx_proto import GraphBuilder

log = logging.getLogger(__name__)

#: The products computed in int8 (the rest in float32): "qkv", "attn_out", "ffn_in", "ffn_out".
QUANTIZED = frozenset({"qkv", "attn_out", "ffn_in", "ffn_out"})
INT8_MAX = 127.0


class TextEncoder(Protocol):
    def encode(self, texts: Sequence[str]) -> np.ndarray: ...


def quantize_columns(weights: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """(int8 weights, float32 scale per column) with weights ~ int8 * scale, symmetric, so that
    no zero point is needed; an all-zero column gets scale 1."""
    scale = np.abs(weights).max(axis=0) / np.float32(INT8_MAX)
    scale = np.where(scale > 0, scale, np.float32(1.0)).astype(np.float32)
    q = np.clip(np.rint(weights / scale), -INT8_MAX, INT8_MAX).astype(np.int8)
    return q, scale


class MiniLMGraph:
    """Writes the transformer layers of a MiniLMEncoder as an ONNX graph: input `tokens` (the
    embeddings after their LayerNorm, one text: (tokens, hidden)), output `pooled` (the mean of
    the last layer's token vectors, (hidden,)); normalising is left to the caller."""

    def __init__(self, model: MiniLMEncoder, quantized: frozenset[str]) -> None:
        self.model = model
        self.quantized = quantized
        self.g = GraphBuilder("minilm-layers")

    def build(self) -> bytes:
        g, hidden = self.g, self.model.hidden
        heads, head_dim = self.model.heads, hidden // self.model.heads
        self.split_heads = g.constant("split_heads", np.array([-1, heads, head_dim], np.int64))
        self.merge_heads = g.constant("merge_heads", np.array([-1, hidden], np.int64))
        self.thirds = g.constant("thirds", np.array([hidden] * 3, np.int64))
        x = g.input("tokens", np.dtype(np.float32), ["tokens", hidden])
        for i, layer in enumerate(self.model.layers):
            x = self.block(x, layer, f"l{i}")
        g.node("ReduceMean", [x, g.constant("token_axis", np.array([0], np.int64))],
               output="pooled", keepdims=0)  # fmt: skip
        g.output("pooled", np.dtype(np.float32), [hidden])
        return g.model()

    def dense(self, x: str, w: np.ndarray, b: np.ndarray, name: str, role: str) -> str:
        """x @ w + b, in int8 when `role` is quantized."""
        g = self.g
        bias = g.constant(f"{name}_b", b.astype(np.float32))
        if role in self.quantized:
            q, scale = quantize_columns(w)
            return g.node(
                "DynamicQuantizeMatMul",
                [x, g.constant(f"{name}_q", q), g.constant(f"{name}_s", scale), "", bias],
                domain="com.microsoft",
            )
        return g.node("Gemm", [x, g.constant(f"{name}_w", w.astype(np.float32)), bias])

    def block(self, x: str, layer: EncoderLayer, p: str) -> str:
        """One post-LayerNorm BERT layer, as MiniLMEncoder.block computes it (the query
        projection comes pre-scaled from EncoderLayer)."""
        g = self.g
        qkv = self.dense(x, layer.qkv_w, layer.qkv_b, f"{p}_qkv", "qkv")
        q, k, v = g.node_outputs(
            "Split", [qkv, self.thirds], [f"{p}_q", f"{p}_k", f"{p}_v"], axis=1
        )

        def heads(t: str, perm: list[int]) -> str:
            return g.node("Transpose", [g.node("Reshape", [t, self.split_heads])], perm=perm)

        scores = g.node("MatMul", [heads(q, [1, 0, 2]), heads(k, [1, 2, 0])])  # (heads, t, t)
        weights = g.node("Softmax", [scores], axis=-1)
        context = g.node("MatMul", [weights, heads(v, [1, 0, 2])])  # (heads, t, head_dim)
        merged = g.node(
            "Reshape", [g.node("Transpose", [context], perm=[1, 0, 2]), self.merge_heads]
        )
        attended = self.dense(merged, layer.attn_out_w, layer.attn_out_b, f"{p}_ao", "attn_out")
        h = self.norm(g.node("Add", [attended, x]), layer.attn_ln_w, layer.attn_ln_b, f"{p}_ln1")
        inner = self.dense(h, layer.ffn_in_w, layer.ffn_in_b, f"{p}_fi", "ffn_in")
        inner = g.node("Gelu", [inner])  # exact (erf) GELU: opset 20's default
        out = self.dense(inner, layer.ffn_out_w, layer.ffn_out_b, f"{p}_fo", "ffn_out")
        return self.norm(g.node("Add", [out, h]), layer.ffn_ln_w, layer.ffn_ln_b, f"{p}_ln2")

    def norm(self, x: str, w: np.ndarray, b: np.ndarray, name: str) -> str:
        g = self.g
        return g.node(
            "LayerNormalization",
            [x, g.constant(f"{name}_w", w), g.constant(f"{name}_b", b)],
            axis=-1,
            epsilon=float(self.model.eps),
        )


class QuantizedMiniLMEncoder:
    """`encode(texts)` -> (n, 384) unit vectors, like MiniLMEncoder.encode, with the layers run
    by ONNX Runtime (see the module docstring). Tokenizer and embeddings are `model`'s."""

    def __init__(
        self, model: MiniLMEncoder | None = None, quantized: frozenset[str] = QUANTIZED
    ) -> None:
        import onnxruntime as ort

        from claimdesk.settings import matching_threads

        self.model = model or default_encoder()
        self.quantized = quantized
        options = ort.SessionOptions()
        options.intra_op_num_threads = matching_threads()
        options.inter_op_num_threads = 1
        options.execution_mode = ort.ExecutionMode.ORT_SEQUENTIAL
        options.graph_optimization_level = ort.GraphOptimizationLevel.ORT_ENABLE_ALL
        options.log_severity_level = 3  # errors only: no notes about unused initializers
        graph = MiniLMGraph(self.model, quantized).build()
        self.session: Any = ort.InferenceSession(graph, options, providers=["CPUExecutionProvider"])

    def encode(self, texts: Sequence[str]) -> np.ndarray:
        """Unit-length embeddings, one row per text; one run per text (no padding: a batch of
        short and long texts pays for its real tokens only)."""
        out = np.zeros((len(texts), self.model.hidden), dtype=np.float32)
        for row, ids in enumerate(self.model.token_ids(texts)):
            tokens = self.model.input_vectors(np.asarray(ids, dtype=np.int64), np.arange(len(ids)))
            (pooled,) = self.session.run(["pooled"], {"tokens": tokens})
            out[row] = pooled / max(float(np.linalg.norm(pooled)), 1e-12)
        return out


_default: TextEncoder | None = None
_default_lock = threading.Lock()


def default_query_encoder() -> TextEncoder:
    """The process-wide query encoder: the int8 one, or the exact one when ONNX Runtime is
    missing or cannot run the graph (said once in the log)."""
    global _default
    with _default_lock:
        if _default is None:
            try:
                _default = QuantizedMiniLMEncoder()
            except Exception as exc:  # an absent or incompatible onnxruntime: stay exact
                log.warning("int8 query encoder unavailable (%s); using the exact model", exc)
                _default = default_encoder()
        return _default
