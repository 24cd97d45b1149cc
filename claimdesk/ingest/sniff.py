"""What a file really is, from its first bytes (extensions lie)."""

from __future__ import annotations

import io
import re
import zipfile

_HTML_START = re.compile(
    rb"^\s*(?:<\?xml[^>]*>\s*)?(?:<!--.*?-->\s*)*<(?:!doctype\s+html|html|head|body|meta|title)\b",
    re.IGNORECASE | re.DOTALL,
)
_HTML_ANYWHERE = re.compile(rb"<(?:html|body|p|div|article|h1)\b[^>]*>", re.IGNORECASE)

# (magic bytes, kind, words for the user)
_MAGIC: tuple[tuple[bytes, str, str], ...] = (
    (b"%PDF-", "pdf", "a PDF document"),
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", "ole", "an old-style Office file (.doc/.xls/.ppt)"),
    (b"{\\rtf", "rtf", "an RTF document"),
    (b"\x89PNG\r\n\x1a\n", "image", "a PNG image"),
    (b"\xff\xd8\xff", "image", "a JPEG image"),
    (b"GIF87a", "image", "a GIF image"),
    (b"GIF89a", "image", "a GIF image"),
    (b"II*\x00", "image", "a TIFF image"),
    (b"MM\x00*", "image", "a TIFF image"),
    (b"\x1f\x8b", "archive", "a gzip archive"),
    (b"7z\xbc\xaf\x27\x1c", "archive", "a 7-Zip archive"),
    (b"Rar!", "archive", "a RAR archive"),
    (b"\x7fELF", "program", "a program file"),
)

KIND_WORDS = {
    "pdf": "a PDF document",
    "docx": "a Word document",
    "html": "an HTML page",
    "text": "a text file",
    "zip": "a ZIP archive",
    "xlsx": "an Excel workbook",
    "pptx": "a PowerPoint presentation",
    "odf": "an OpenDocument file",
    "epub": "an EPUB e-book",
}


def _zip_kind(data: bytes) -> str:
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as zf:
            infos = {info.filename: info for info in zf.infolist()}
            names = set(infos)
            mimetype = ""
            if "mimetype" in infos and infos["mimetype"].file_size < 200:  # never unpack much
                mimetype = zf.read("mimetype").decode("ascii", "replace")
    except (zipfile.BadZipFile, OSError, ValueError, KeyError, EOFError):
        return "zip"
    if any(n.startswith("word/") for n in names):
        return "docx"
    if any(n.startswith("xl/") for n in names):
        return "xlsx"
    if any(n.startswith("ppt/") for n in names):
        return "pptx"
    if "epub" in mimetype:
        return "epub"
    if "opendocument" in mimetype:
        return "odf"
    return "zip"


def sniff(data: bytes) -> tuple[str, str]:
    """(kind, words) from content: kind is pdf, docx, html, zip, image, ... or "unknown"."""
    head = data[:16]
    if data[:4] == b"PK\x03\x04" or data[:4] == b"PK\x05\x06":
        kind = _zip_kind(data)
        return kind, KIND_WORDS.get(kind, "a ZIP archive")
    # A PDF header may follow a little junk (some generators); the spec allows 1 KB.
    if b"%PDF-" in data[:1024]:
        return "pdf", "a PDF document"
    for magic, kind, words in _MAGIC:
        if head.startswith(magic):
            return kind, words
    return "unknown", "an unknown kind of file"


def looks_like_html(text: str) -> bool:
    """Markup at the start (doctype, <html>, <head>...) or structural tags in the first part."""
    raw = text[:4096].encode("utf-8", "ignore")
    return bool(_HTML_START.match(raw) or len(_HTML_ANYWHERE.findall(raw)) >= 2)
