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


def over_limit(field: str, found: str, limit_text: str) -> str:
    """The reason for a refusal at a limit of `claimdesk.settings.Limits`: what the input has,
    the limit, and the setting that raises it ("it has 5,000 pages, over the limit of 2,000
    pages (setting CLAIMDESK_MAX_PAGES)")."""
    from claimdesk.settings import LIMIT_SETTINGS

    return f"{found}, over the limit of {limit_text} (setting {LIMIT_SETTINGS[field]})"


def too_much_text(limit: int) -> str:
    """The reason for text over `Limits.text_chars` (reading stops there, so no total is known)."""
    from claimdesk.settings import LIMIT_SETTINGS

    return (
        f"it has more than {limit:,} characters of text, the most one article may have "
        f"(setting {LIMIT_SETTINGS['text_chars']})"
    )
