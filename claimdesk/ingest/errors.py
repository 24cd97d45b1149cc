"""The one error type ingestion raises, worded for the person who uploaded the file."""

from __future__ import annotations


class IngestError(Exception):
    """A document could not be turned into an Article.

    `filename` names what the user gave us (a file name, a path or a URL) and `reason` is a
    short clause in plain words ("it is empty"); `str()` joins them into one sentence that can be
    shown as is, with no traceback or Python jargon.
    """

    def __init__(self, filename: str | None, reason: str, *, action: str = "read") -> None:
        self.filename = filename or "the document"
        self.reason = reason.strip().rstrip(".")
        self.action = action
        super().__init__(str(self))

    def __str__(self) -> str:
        name = self.filename
        if name not in ("the document", "the pasted text"):
            name = f"“{name}”"
        return f"Could not {self.action} {name}: {self.reason}."

    def __reduce__(self):  # keep pickling (multiprocessing, caches) working with kw-only args
        return (_rebuild, (self.filename, self.reason, self.action))


def _rebuild(filename: str, reason: str, action: str) -> IngestError:
    return IngestError(filename, reason, action=action)


def format_megabytes(n_bytes: int) -> str:
    """`25 MB`, `1.5 MB`, `0.00095 MB`: readable at any size a limit is set to."""
    mb = n_bytes / (1024 * 1024)
    if mb >= 10:
        text = f"{mb:.0f}"
    elif mb >= 0.1:
        text = f"{mb:.1f}".rstrip("0").rstrip(".")
    else:
        text = f"{mb:.2g}"
    return f"{text} MB"
