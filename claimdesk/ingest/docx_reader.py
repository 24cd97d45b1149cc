"""Word .docx files through python-docx, with a zip-bomb guard in front."""

from __future__ import annotations

import io
import zipfile
from dataclasses import dataclass

from claimdesk.ingest.errors import IngestError, format_megabytes

# A news article's document.xml is well under a few MB; 200 MB unpacked is already absurd.
MAX_UNCOMPRESSED_BYTES = 200 * 1024 * 1024
MAX_ZIP_ENTRIES = 10_000


@dataclass
class DocxContent:
    text: str
    title: str | None = None
    author: str | None = None


def check_zip_directory(
    data: bytes, *, filename: str | None, max_uncompressed: int = MAX_UNCOMPRESSED_BYTES
) -> None:
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
            f"it would unpack to {format_megabytes(total)}, more than the "
            f"{format_megabytes(max_uncompressed)} allowed for a Word file",
        )
    names = {info.filename for info in infos}
    if "word/document.xml" not in names:
        raise IngestError(filename, "it is not a Word document (no document body inside)")


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


def read_docx(
    data: bytes, *, filename: str | None, max_uncompressed: int = MAX_UNCOMPRESSED_BYTES
) -> DocxContent:
    check_zip_directory(data, filename=filename, max_uncompressed=max_uncompressed)
    import docx
    from docx.opc.exceptions import PackageNotFoundError

    try:
        document = docx.Document(io.BytesIO(data))
        lines = _paragraph_lines(document)
        props = document.core_properties
        title = (props.title or "").strip() or _styled_title(document)
        author = (props.author or "").strip() or None
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
    return DocxContent(text="\n".join(lines), title=title or None, author=author)
