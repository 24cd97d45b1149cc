"""Document ingestion: uploaded files, pasted text and URLs become `claimdesk.model.Article`.

Every reader returns normalised text (line endings "\\n", no control characters, NFC) that
offsets point into, plus the metadata the format carries, a content hash for deduplication
and a detected language. Anything unreadable raises `IngestError`, whose message is one
sentence for the end user.
"""

from claimdesk.ingest.documents import (
    SUPPORTED_EXTENSIONS,
    iter_input_paths,
    read_document,
    read_pasted_text,
    read_path,
)
from claimdesk.ingest.errors import IngestError
from claimdesk.ingest.fetch import fetch_url
from claimdesk.ingest.language import detect_language
from claimdesk.ingest.text_utils import content_hash, normalize_text

__all__ = [
    "SUPPORTED_EXTENSIONS",
    "IngestError",
    "content_hash",
    "detect_language",
    "fetch_url",
    "iter_input_paths",
    "normalize_text",
    "read_document",
    "read_pasted_text",
    "read_path",
]
