"""PDF files with a text layer, through pypdf."""

from __future__ import annotations

import datetime as dt
import io
import re
from dataclasses import dataclass

from claimdesk import settings
from claimdesk.ingest.errors import IngestError, over_limit, too_much_text
from claimdesk.ingest.file_dates import pdf_dates

# Fewer letters than this in the whole file means the pages are pictures of text.
_MIN_TEXT_LETTERS = 20
# A line that ends mid-sentence followed by one starting in lower case is a soft wrap.
_SOFT_WRAP = re.compile(r"(?<=[\w,’”)])[ \t]*\n(?=[a-zà-ÿ(])")


@dataclass
class PdfContent:
    text: str
    title: str | None = None
    author: str | None = None
    published_at: dt.date | None = None  # stated in the XMP metadata (PRISM publication date)
    document_date: dt.date | None = None  # when the PDF was made (XMP or /CreationDate)


def unwrap_lines(text: str) -> str:
    """Join soft-wrapped lines of PDF layout back into the paragraph they belong to.

    pypdf emits one line per printed line. Joining only where the next line starts in lower
    case keeps headings, list items and paragraph breaks as they are.
    """
    return _SOFT_WRAP.sub(" ", text)


def _meta(value: object) -> str | None:
    if value is None:
        return None
    text = " ".join(str(value).split())
    return text or None


def _page_texts(reader, filename: str | None) -> list[str]:
    """Each page's text, refusing at the page limit before extracting any page and at the
    character limit as soon as the pages read so far pass it (extraction is the costly part)."""
    limits = settings.limits()
    n_pages = len(reader.pages)
    if n_pages > limits.pages:
        raise IngestError(
            filename,
            over_limit("pages", f"it has {n_pages:,} pages", f"{limits.pages:,} pages"),
        )
    texts: list[str] = []
    total = 0
    for page in reader.pages:
        text = page.extract_text() or ""
        total += len(text)
        if total > limits.text_chars:
            raise IngestError(filename, too_much_text(limits.text_chars))
        texts.append(text)
    return texts


def read_pdf(data: bytes, *, filename: str | None) -> PdfContent:
    from pypdf import PdfReader
    from pypdf.errors import DependencyError, FileNotDecryptedError, PdfReadError

    try:
        reader = PdfReader(io.BytesIO(data), strict=False)
        if reader.is_encrypted:
            try:
                ok = reader.decrypt("")  # many PDFs only restrict printing/copying
            except (DependencyError, NotImplementedError) as exc:
                raise IngestError(
                    filename, "it is encrypted in a way that cannot be opened here"
                ) from exc
            if not ok:
                raise IngestError(
                    filename,
                    "it is password-protected; remove the password (print or export it "
                    "to a new PDF) and upload it again",
                )
        pages = _page_texts(reader, filename)
        info = reader.metadata
        published_at, document_date = pdf_dates(reader)
    except IngestError:
        raise
    except FileNotDecryptedError as exc:
        raise IngestError(filename, "it is password-protected") from exc
    except (
        PdfReadError,
        ValueError,
        KeyError,
        TypeError,
        AttributeError,
        IndexError,
        AssertionError,
        OSError,
        RecursionError,
        ZeroDivisionError,
    ) as exc:
        # pypdf raises a wide range of errors on broken files; all mean the same to a user.
        raise IngestError(
            filename, "the PDF is damaged or incomplete (was the download cut short?)"
        ) from exc
    if not reader.pages:
        raise IngestError(filename, "the PDF has no pages")
    text = "\n\n".join(unwrap_lines(p.strip("\n")) for p in pages if p.strip())
    if sum(c.isalpha() for c in text) < _MIN_TEXT_LETTERS:
        raise IngestError(filename, "the PDF has no text layer (scanned?); OCR is needed")
    title = author = None
    if info is not None:
        title, author = _meta(info.title), _meta(info.author)
    if title and title.lower().startswith(("untitled", "microsoft word", "anonymous")):
        title = None
    return PdfContent(
        text=text,
        title=title,
        author=author,
        published_at=published_at,
        document_date=document_date,
    )
