"""What a file really is, from its first bytes (extensions lie).

Most kinds come from the `filetype` library's signatures (images, audio, video, archives,
programs, fonts, RTF). Three are decided here because `filetype` gets them wrong on inputs
this app receives (measured with files made by python-docx, reportlab and zipfile):
- PDF: a header after a little junk (allowed in the first 1 KB; some generators and mail
  gateways write it) is "unknown" to `filetype`, which looks at byte 0 only;
- Office and OpenDocument containers: `filetype` reads only the first few KB of a ZIP, so a
  .docx whose `word/` entries come after a large first entry is a plain "zip" to it; here the
  ZIP directory is read (without unpacking anything);
- old OLE2 Office files (.doc/.xls/.ppt) are not recognised by `filetype` at all.
"""

from __future__ import annotations

import io
import re
import zipfile

import filetype

_HTML_START = re.compile(
    rb"^\s*(?:<\?xml[^>]*>\s*)?(?:<!--.*?-->\s*)*<(?:!doctype\s+html|html|head|body|meta|title)\b",
    re.IGNORECASE | re.DOTALL,
)
_HTML_ANYWHERE = re.compile(rb"<(?:html|body|p|div|article|h1)\b[^>]*>", re.IGNORECASE)

_OLE2 = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_ARCHIVE_NAMES = {"gz": "gzip", "bz2": "bzip2", "xz": "xz", "7z": "7-Zip", "rar": "RAR", "tar": "tar",
                  "zst": "Zstandard", "lz": "lzip", "cab": "CAB", "ar": "ar"}  # fmt: skip
_PROGRAM_EXTENSIONS = frozenset({"elf", "exe", "dex", "class", "wasm", "macho"})

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
    "ole": "an old-style Office file (.doc/.xls/.ppt)",
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
    if data[:4] == b"PK\x03\x04" or data[:4] == b"PK\x05\x06":
        kind = _zip_kind(data)
        return kind, KIND_WORDS.get(kind, "a ZIP archive")
    if b"%PDF-" in data[:1024]:
        return "pdf", KIND_WORDS["pdf"]
    if data.startswith(_OLE2):
        return "ole", KIND_WORDS["ole"]
    return _by_signature(data)


def _by_signature(data: bytes) -> tuple[str, str]:
    guess = filetype.guess(data[:8192])
    if guess is None:
        return "unknown", "an unknown kind of file"
    ext, mime = guess.extension, guess.mime
    family = mime.split("/", 1)[0]
    if family in ("image", "video", "audio"):
        return family, f"{_a(ext.upper())} {family if family != 'audio' else 'audio file'}"
    if ext == "rtf":
        return "rtf", "an RTF document"
    if ext in _ARCHIVE_NAMES:
        return "archive", f"{_a(_ARCHIVE_NAMES[ext])} archive"
    if ext in _PROGRAM_EXTENSIONS:
        return "program", "a program file"
    if family == "font":
        return "font", "a font file"
    return "other", f"{_a(ext.upper())} file"


def _a(word: str) -> str:
    return f"an {word}" if word[:1].lower() in "aeiou" or word[:1] in "FHLMNRSX" else f"a {word}"


def looks_like_html(text: str) -> bool:
    """Markup at the start (doctype, <html>, <head>...) or structural tags in the first part."""
    raw = text[:4096].encode("utf-8", "ignore")
    return bool(_HTML_START.match(raw) or len(_HTML_ANYWHERE.findall(raw)) >= 2)
