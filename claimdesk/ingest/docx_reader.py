"""Word .docx files through python-docx, with guards in front that bound what parsing costs.

python-docx builds a DOM of the whole body, about twenty times the size of its XML. Before it
runs: the zip directory bounds the unpacked size (`Limits.unpacked_bytes`), and a streaming pass
over the body counts its text and elements, stopping at `Limits.text_chars`, so a small file that
unpacks to millions of paragraphs is refused in constant memory.
"""

from __future__ import annotations

import datetime as dt
import io
import zipfile
from dataclasses import dataclass

from lxml import etree

from claimdesk import settings
from claimdesk.ingest.errors import IngestError, format_megabytes, over_limit, too_much_text
from claimdesk.ingest.file_dates import docx_date

MAX_ZIP_ENTRIES = 10_000
BODY = "word/document.xml"
#: Elements allowed per character of the text limit: real documents carry a handful of
#: elements (runs, properties) per few words; empty paragraphs by the million carry none.
ELEMENTS_PER_TEXT_CHAR = 0.5


@dataclass
class DocxContent:
    text: str
    title: str | None = None
    author: str | None = None
    document_date: dt.date | None = None  # last saved (else created), from core properties


def check_zip_directory(data: bytes, *, filename: str | None, max_uncompressed: int) -> None:
    """Refuse archives that would unpack to more than the cap, from the sizes in the directory.

    The zip directory states each member's uncompressed size, and Python's zipfile stops
    reading a member at that size, so checking the directory bounds what opening can cost.
    """
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as zf:
            infos = zf.infolist()
    except (zipfile.BadZipFile, zipfile.LargeZipFile, OSError, ValueError, EOFError) as exc:
        raise IngestError(
            filename, "it is not a valid Word (.docx) file (the archive is damaged)"
        ) from exc
    if len(infos) > MAX_ZIP_ENTRIES:
        raise IngestError(filename, "the Word file has far too many parts to be a document")
    total = sum(max(info.file_size, 0) for info in infos)
    if total > max_uncompressed:
        raise IngestError(
            filename,
            over_limit(
                "unpacked_bytes",
                f"it would unpack to {format_megabytes(total)}",
                format_megabytes(max_uncompressed),
            ),
        )
    names = {info.filename for info in infos}
    if BODY not in names:
        raise IngestError(filename, "it is not a Word document (no document body inside)")


def check_body_size(data: bytes, *, filename: str | None, max_chars: int) -> None:
    """Streams the document body once, counting text characters and elements, and refuses it
    as soon as either passes what `max_chars` of text allows. Memory stays constant: each
    element is cleared once read."""
    max_elements = max(10_000, int(max_chars * ELEMENTS_PER_TEXT_CHAR))
    chars = elements = 0
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as zf, zf.open(BODY) as body:
            for _, elem in etree.iterparse(body, events=("end",), resolve_entities=False):
                elements += 1
                if elem.text:
                    chars += len(elem.text)
                if chars > max_chars:
                    raise IngestError(filename, too_much_text(max_chars))
                if elements > max_elements:
                    raise IngestError(
                        filename,
                        f"its body has more than {max_elements:,} parts for the text an article "
                        f"may have (setting {settings.LIMIT_SETTINGS['text_chars']})",
                    )
                elem.clear(keep_tail=True)
    except IngestError:
        raise
    except (etree.XMLSyntaxError, zipfile.BadZipFile, OSError, ValueError, EOFError) as exc:
        raise IngestError(filename, "the Word file is damaged and could not be opened") from exc


def _paragraph_lines(document) -> list[str]:
    """Body paragraphs and table rows in reading order (tables as tab-separated cells)."""
    from docx.table import Table

    lines: list[str] = []
    for block in document.iter_inner_content():
        if isinstance(block, Table):
            for row in block.rows:
                cells: list[str] = []
                for cell in row.cells:
                    value = " ".join(cell.text.split())
                    if value and (not cells or cells[-1] != value):  # merged cells repeat
                        cells.append(value)
                if cells:
                    lines.append("\t".join(cells))
        else:
            text = block.text
            if text.strip():
                lines.append(text.strip())
    return lines


def _styled_title(document) -> str | None:
    for para in document.paragraphs[:5]:
        style = (para.style.name if para.style is not None else "") or ""
        if style.lower() in ("title", "heading 1") and para.text.strip():
            return " ".join(para.text.split())
    return None


def read_docx(data: bytes, *, filename: str | None) -> DocxContent:
    limits = settings.limits()
    check_zip_directory(data, filename=filename, max_uncompressed=limits.unpacked_bytes)
    check_body_size(data, filename=filename, max_chars=limits.text_chars)
    import docx
    from docx.opc.exceptions import PackageNotFoundError

    try:
        document = docx.Document(io.BytesIO(data))
        lines = _paragraph_lines(document)
        props = document.core_properties
        title = (props.title or "").strip() or _styled_title(document)
        author = (props.author or "").strip() or None
        document_date = docx_date(props)
    except (
        PackageNotFoundError,
        zipfile.BadZipFile,
        KeyError,
        ValueError,
        OSError,
        AttributeError,
        TypeError,
    ) as exc:
        raise IngestError(filename, "the Word file is damaged and could not be opened") from exc
    except Exception as exc:  # lxml.etree.XMLSyntaxError and friends from broken XML parts
        if type(exc).__module__.startswith("lxml"):
            raise IngestError(filename, "the Word file is damaged and could not be opened") from exc
        raise
    return DocxContent(
        text="\n".join(lines), title=title or None, author=author, document_date=document_date
    )
