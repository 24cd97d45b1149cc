"""Dispatch: bytes (with a file name) or pasted text to an Article."""

from __future__ import annotations

import datetime as dt
import os
from collections.abc import Iterable, Iterator
from pathlib import Path

from claimdesk import settings
from claimdesk.ingest.errors import IngestError, format_megabytes, too_much_text
from claimdesk.ingest.language import detect_language
from claimdesk.ingest.plaintext import guess_text_meta, markdown_to_text
from claimdesk.ingest.sniff import looks_like_html, sniff
from claimdesk.ingest.text_utils import content_hash, decode_bytes, normalize_text
from claimdesk.model import Article
from claimdesk.nlp.date_rules import stated_date

TEXT_EXTENSIONS = {".txt", ".text"}
MARKDOWN_EXTENSIONS = {".md", ".markdown", ".mdown", ".mkd"}
HTML_EXTENSIONS = {".html", ".htm", ".xhtml"}
PDF_EXTENSIONS = {".pdf"}
DOCX_EXTENSIONS = {".docx"}
SUPPORTED_EXTENSIONS = (
    TEXT_EXTENSIONS | MARKDOWN_EXTENSIONS | HTML_EXTENSIONS | PDF_EXTENSIONS | DOCX_EXTENSIONS
)
# Formats people will try; each gets a sentence saying what to do instead.
_UNSUPPORTED_ADVICE = {
    "ole": "old-style Office files (.doc) are not supported; save it as .docx or PDF",
    "rtf": "RTF files are not supported; save it as .docx, PDF or plain text",
    "image": "it is an image; OCR is needed to read text from images",
    "odf": "OpenDocument files are not supported; save it as .docx or PDF",
}


def _kind_for_extension(filename: str) -> str | None:
    ext = os.path.splitext(filename)[1].lower()
    if ext in TEXT_EXTENSIONS:
        return "text"
    if ext in MARKDOWN_EXTENSIONS:
        return "markdown"
    if ext in HTML_EXTENSIONS:
        return "html"
    if ext in PDF_EXTENSIONS:
        return "pdf"
    if ext in DOCX_EXTENSIONS:
        return "docx"
    return None


def check_size(filename: str | None, size: int, max_bytes: int | None) -> None:
    limit = settings.max_upload_bytes() if max_bytes is None else max_bytes
    if size > limit:
        raise IngestError(
            filename,
            f"it is {format_megabytes(size)}, over the {format_megabytes(limit)} size limit",
        )


def check_text_length(filename: str | None, text: str) -> None:
    """Refuses text over `Limits.text_chars` (checked before any normalising or analysis)."""
    limit = settings.limits().text_chars
    if len(text) > limit:
        raise IngestError(filename, too_much_text(limit))


def _not_a(filename: str, expected: str, sniffed_words: str | None) -> IngestError:
    hint = f" (it looks like {sniffed_words})" if sniffed_words else ""
    return IngestError(filename, f"it is not {expected}{hint}")


def build_article(
    text: str,
    *,
    filename: str | None,
    title: str | None = None,
    author: str | None = None,
    publisher: str | None = None,
    published_at=None,
    document_date=None,
    url: str | None = None,
    lang: str | None = None,
    empty_reason: str = "it contains no text",
) -> Article:
    """Normalise the text, fill gaps in the metadata from the text, hash, detect language."""
    check_text_length(filename, text)
    text = normalize_text(text)
    if not text.strip():
        raise IngestError(filename, empty_reason)
    guessed = guess_text_meta(text)
    detected = detect_language(text)
    if published_at is None:  # a date line at the top: "Published March 3, 2021"
        stated = stated_date(text)
        published_at = stated if stated and stated <= dt.date.today() else None
    return Article(
        text=text,
        content_hash=content_hash(text),
        title=title or guessed.title,
        author=author or guessed.author,
        publisher=publisher or guessed.publisher,
        published_at=published_at,
        document_date=document_date,
        url=url,
        lang=detected or (lang.split("-")[0].lower() if lang else None),
        filename=filename,
    )


def _read_text(filename: str, data: bytes, *, markdown: bool, charset: str | None) -> Article:
    text = decode_bytes(data, charset)
    if text is None:
        raise IngestError(filename, "it is not a text file (it contains binary data)")
    if markdown:
        text = markdown_to_text(text)
    return build_article(text, filename=filename, empty_reason="the file is empty (no text)")


def _read_html(
    filename: str, data: bytes, *, charset: str | None, url: str | None, strict: bool
) -> Article:
    from claimdesk.ingest.html_reader import declared_charset, extract_html

    html = decode_bytes(data, charset or declared_charset(data))
    if html is None:
        raise IngestError(filename, "it is not an HTML page (it contains binary data)")
    if not looks_like_html(html):
        if strict:
            raise IngestError(filename, "it is not an HTML page (no HTML markup found)")
        return build_article(html, filename=filename, url=url)
    content = extract_html(html, filename=filename, url=url)
    return build_article(
        content.text,
        filename=filename,
        title=content.title,
        author=content.author,
        publisher=content.publisher,
        published_at=content.published_at,
        url=url or content.url,
        lang=content.lang,
        empty_reason="no article text found on the page",
    )


def _read_pdf(filename: str, data: bytes, url: str | None) -> Article:
    from claimdesk.ingest.pdf_reader import read_pdf

    content = read_pdf(data, filename=filename)
    return build_article(
        content.text,
        filename=filename,
        title=content.title,
        author=content.author,
        published_at=content.published_at,
        document_date=content.document_date,
        url=url,
    )


def _read_docx(filename: str, data: bytes, url: str | None) -> Article:
    from claimdesk.ingest.docx_reader import read_docx

    content = read_docx(data, filename=filename)
    return build_article(
        content.text,
        filename=filename,
        title=content.title,
        author=content.author,
        document_date=content.document_date,
        url=url,
        empty_reason="the Word document contains no text",
    )


def read_bytes(
    filename: str,
    data: bytes,
    *,
    kind: str | None = None,
    charset: str | None = None,
    url: str | None = None,
    max_bytes: int | None = None,
) -> Article:
    """read_document with hints from a transport (HTTP content type and charset, final URL)."""
    check_size(filename, len(data), max_bytes)
    if not data.strip():
        raise IngestError(filename, "the file is empty")
    expected = kind or _kind_for_extension(filename)
    sniffed, sniffed_words = sniff(data)
    known = sniffed != "unknown"

    if expected == "pdf":
        if sniffed != "pdf":
            raise _not_a(filename, "a PDF file", sniffed_words if known else None)
        return _read_pdf(filename, data, url)
    if expected == "docx":
        if sniffed == "ole":
            raise IngestError(filename, _UNSUPPORTED_ADVICE["ole"])
        if sniffed not in ("docx", "zip"):  # a damaged zip is judged by the docx reader
            raise _not_a(filename, "a Word (.docx) file", sniffed_words if known else None)
        return _read_docx(filename, data, url)
    if expected in ("html", "text", "markdown") and known:
        what = "an HTML page" if expected == "html" else "a text file"
        raise _not_a(filename, what, sniffed_words)
    if expected == "html":
        return _read_html(filename, data, charset=charset, url=url, strict=False)
    if expected in ("text", "markdown"):
        return _read_text(filename, data, markdown=expected == "markdown", charset=charset)

    # Unknown extension: trust the content.
    if sniffed == "pdf":
        return _read_pdf(filename, data, url)
    if sniffed == "docx":
        return _read_docx(filename, data, url)
    if sniffed in _UNSUPPORTED_ADVICE:
        raise IngestError(filename, _UNSUPPORTED_ADVICE[sniffed])
    if known:
        raise IngestError(filename, f"this kind of file is not supported (it is {sniffed_words})")
    text = decode_bytes(data, charset)
    if text is None:
        raise IngestError(filename, "it is not a readable document (it contains binary data)")
    if looks_like_html(text):
        return _read_html(filename, data, charset=charset, url=url, strict=True)
    return build_article(text, filename=filename, url=url, empty_reason="the file is empty")


def read_document(filename: str, data: bytes, *, max_bytes: int | None = None) -> Article:
    """Read an uploaded file: dispatch on extension, checked against the content itself.

    `max_bytes` defaults to `settings.max_upload_bytes()`. Raises IngestError with a sentence
    fit for the user on anything that is not a readable document.
    """
    name = os.path.basename(filename.replace("\\", "/")) or filename  # Windows paths too
    return read_bytes(name, data, max_bytes=max_bytes)


def read_pasted_text(text: str, title: str | None = None) -> Article:
    """An Article from text pasted into the app (title guessed from the first line if absent)."""
    name = "the pasted text"
    check_size(name, len(text.encode("utf-8", "surrogatepass")), None)
    try:
        article = build_article(text or "", filename=None, empty_reason="it is empty")
    except IngestError as exc:
        raise IngestError(name, exc.reason) from exc
    if title and title.strip():
        article.title = " ".join(title.split())
    return article


def iter_input_paths(paths: Iterable[str | Path]) -> Iterator[Path]:
    """Files named directly, and supported documents found recursively in folders.

    Hidden files and folders (".name") and Office lock files ("~$name") are skipped; inside
    folders only supported extensions are yielded, in sorted order.
    """
    for raw in paths:
        path = Path(raw)
        if path.is_dir():
            for child in sorted(path.rglob("*")):
                rel = child.relative_to(path)
                if any(part.startswith((".", "~$")) for part in rel.parts):
                    continue
                if child.is_file() and child.suffix.lower() in SUPPORTED_EXTENSIONS:
                    yield child
        elif path.is_file():
            if not path.name.startswith((".", "~$")):
                yield path
        else:
            raise IngestError(str(path), "no such file or folder")


def read_path(path: str | Path, *, max_bytes: int | None = None) -> Article:
    """Read a file from disk (size checked before reading it into memory)."""
    path = Path(path)
    try:
        size = path.stat().st_size
        check_size(path.name, size, max_bytes)
        data = path.read_bytes()
    except FileNotFoundError as exc:
        raise IngestError(str(path), "no such file") from exc
    except IsADirectoryError as exc:
        raise IngestError(str(path), "it is a folder, not a file") from exc
    except PermissionError as exc:
        raise IngestError(str(path), "permission denied") from exc
    return read_document(path.name, data, max_bytes=max_bytes)
