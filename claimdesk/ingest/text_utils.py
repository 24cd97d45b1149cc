"""Text normalisation, content hashing and decoding bytes of unknown encoding."""

from __future__ import annotations

import codecs
import hashlib
import re
import unicodedata

# Line-ish separators turned into "\n"; other C0/C1 controls (but \n and \t) are dropped.
_LINE_BREAKS = re.compile(r"\r\n|\r|\u2028|\u2029|\x85|\x0b|\x0c")
_CONTROLS = re.compile(r"[\x00-\x08\x0e-\x1f\x7f-\x84\x86-\x9f\ufeff\ufffe]")
_TRAILING_WS = re.compile(r"[ \t\u00a0]+$", re.MULTILINE)
_MANY_BLANK_LINES = re.compile(r"\n{3,}")
_ANY_WS = re.compile(r"\s+")


def normalize_text(text: str) -> str:
    """The text as the user will see it, and as offsets will point into it.

    Line endings become "\\n", NULs and other control characters except newline and tab are
    removed, the text is NFC-composed, trailing spaces on each line and runs of more than one
    blank line are trimmed. Paragraphs are not reflowed.
    """
    text = _LINE_BREAKS.sub("\n", text)
    text = _CONTROLS.sub("", text)
    text = unicodedata.normalize("NFC", text)
    text = _TRAILING_WS.sub("", text)
    text = _MANY_BLANK_LINES.sub("\n\n", text)
    return text.strip("\n ")


def content_hash(text: str) -> str:
    """sha256 of the normalised text with all whitespace runs collapsed (case is kept).

    The same content uploaded twice (a .txt re-saved with CRLF, extra blank lines, different
    trailing spaces) gets the same hash, so it is stored as one article.
    """
    canonical = _ANY_WS.sub(" ", normalize_text(text)).strip()
    return hashlib.sha256(canonical.encode("utf-8")).hexdigest()


# ---------------------------------------------------------------- decoding
_BOMS: tuple[tuple[bytes, str], ...] = (
    (codecs.BOM_UTF32_LE, "utf-32-le"),  # before UTF-16 LE: it starts with the same two bytes
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)

# Non-ASCII characters that are common in Western European text saved as Windows-1252.
_WESTERN_EXTRA = set("“”‘’„‚–—…€•™©®°§£¥¢«»·×÷±¼½¾¹²³ªº¿¡\u00a0\u00ad")


def _bom_encoding(data: bytes) -> tuple[str, int] | None:
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            return encoding, len(bom)
    return None


def _bomless_utf16(data: bytes) -> str | None:
    """UTF-16 without a BOM shows as NULs in every other byte for Latin text."""
    sample = data[:4000]
    if len(sample) < 4:
        return None
    even, odd = sample[0::2], sample[1::2]
    even_nul = even.count(0) / len(even)
    odd_nul = odd.count(0) / len(odd)
    if odd_nul > 0.3 and even_nul < 0.05:
        return "utf-16-le"
    if even_nul > 0.3 and odd_nul < 0.05:
        return "utf-16-be"
    return None


def _plausible_cp1252(text: str) -> bool:
    """Windows-1252 decodes any byte string; accept it only when the result reads as Western.

    Text in another 8-bit code page (Cyrillic cp1251, Greek, ...) decodes to a soup of
    accented letters; real Western text has mostly ASCII letters and only the common extras.
    """
    letters = [c for c in text if c.isalpha()]
    if not letters:
        return False
    non_ascii = [c for c in letters if not c.isascii()]
    if len(non_ascii) > 0.3 * len(letters):
        return False
    odd = [c for c in text if not c.isascii() and not c.isalpha() and c not in _WESTERN_EXTRA]
    return len(odd) <= max(2, len(text) // 500)


def looks_like_text(text: str) -> bool:
    """False for binary junk that happened to decode: many controls or replacement chars."""
    if not text:
        return False
    sample = text[:20000]
    bad = sum(
        1
        for c in sample
        if c == "\ufffd" or (unicodedata.category(c) == "Cc" and c not in "\n\r\t\x0c")
    )
    return bad <= len(sample) * 0.01


def decode_bytes(data: bytes, declared: str | None = None) -> str | None:
    """Decode text of unknown encoding; None when the bytes are not text.

    Order: a byte-order mark; an encoding declared by the container (HTTP header, HTML meta);
    strict UTF-8; BOM-less UTF-16; Windows-1252 when the result reads as Western text;
    charset-normalizer's best guess.
    """
    bom = _bom_encoding(data)
    if bom:
        encoding, skip = bom
        try:
            text = data[skip:].decode(encoding)
        except UnicodeDecodeError:
            return None
        return text if looks_like_text(text) or not text else None

    # Strict UTF-8 first: a page declared as Latin-1 that decodes as UTF-8 is almost always
    # UTF-8 in fact. Latin-1 declarations mean Windows-1252, as in browsers.
    candidates: list[str] = ["utf-8"]
    if declared:
        try:
            name = codecs.lookup(declared.strip().strip("\"'")).name
        except LookupError:
            name = None
        if name in ("latin-1", "iso8859-1", "ascii"):
            name = "cp1252"
        if name and name not in candidates:
            candidates.append(name)
    utf16 = _bomless_utf16(data)
    if utf16:
        candidates.insert(0, utf16)
    elif b"\x00" in data[:4000]:
        return None  # NULs in a non-UTF-16 file: binary
    for encoding in candidates:
        try:
            text = data.decode(encoding)
        except (UnicodeDecodeError, LookupError):
            continue
        if looks_like_text(text):
            return text
    try:
        cp1252: str | None = data.decode("cp1252")
    except UnicodeDecodeError:
        cp1252 = None
    if cp1252 is not None and _plausible_cp1252(cp1252) and looks_like_text(cp1252):
        return cp1252
    try:
        from charset_normalizer import from_bytes
    except ImportError:  # pragma: no cover - installed with the project
        return None
    best = from_bytes(data).best()
    if best is None:
        return None
    text = str(best)
    return text if looks_like_text(text) else None
