"""Dates in a file's own metadata, told apart by what they mean.

A publication date is one the publisher stated: PRISM's `publicationDate` or `coverDate` in a
PDF's XMP packet (what publishing systems write). A file's creation date is not one: a web page
printed to PDF is created the day it is printed, and a Word file inherits its template's dates
(python-docx's own template says 2013-12-23). So the file's date is kept apart as
`document_date`, a weaker anchor for relative dates than a stated publication date, and checked
again against the text before it is used (claimdesk.nlp.date_rules.choose_anchor).
"""

from __future__ import annotations

import datetime as dt
import logging
from collections.abc import Iterator
from typing import Any

log = logging.getLogger(__name__)

#: Before this, a file date is a default (the 1970 Unix and 1980 DOS/zip epochs), not a date.
FILE_DATE_FLOOR = dt.date(1990, 1, 1)
PRISM_NAMESPACES = "http://prismstandard.org/namespaces/"
RDF = "http://www.w3.org/1999/02/22-rdf-syntax-ns#"
#: PRISM's names for the date a work was published (on line or in print), best first.
PRISM_PUBLISHED = ("publicationDate", "coverDate")


def plausible(value: dt.datetime | dt.date | None) -> dt.date | None:
    """The date of a metadata timestamp (in its own time zone), if it is not a default or in the
    future."""
    if value is None:
        return None
    day = value.date() if isinstance(value, dt.datetime) else value
    if day < FILE_DATE_FLOOR or day > dt.date.today() + dt.timedelta(days=1):
        return None
    return day


def _iso(text: str) -> dt.date | None:
    text = text.strip()
    try:
        if len(text) > 10:
            return plausible(dt.datetime.fromisoformat(text.replace("Z", "+00:00")))
        return plausible(dt.date.fromisoformat(text))
    except ValueError:
        return None


def _node_text(node: Any) -> str:
    if node.nodeType == node.ATTRIBUTE_NODE:
        return str(node.value)
    return "".join(c.data if c.nodeType == c.TEXT_NODE else _node_text(c) for c in node.childNodes)


def _xmp_values(root: Any, namespace_prefix: str, name: str) -> Iterator[str]:
    """Texts of every `name` element or attribute whose namespace starts with the prefix."""
    for desc in root.getElementsByTagNameNS(RDF, "Description"):
        for i in range(desc.attributes.length):
            attr = desc.attributes.item(i)
            if (attr.namespaceURI or "").startswith(namespace_prefix) and attr.localName == name:
                yield str(attr.value)
        for child in desc.getElementsByTagNameNS("*", name):
            if (child.namespaceURI or "").startswith(namespace_prefix):
                yield _node_text(child)


def pdf_dates(reader: Any) -> tuple[dt.date | None, dt.date | None]:
    """(stated publication date, date the PDF was made); each None when absent or implausible.

    Broken metadata never stops a PDF from being read: it only leaves the dates unknown."""
    published = made = None
    try:
        xmp = reader.xmp_metadata
        if xmp is not None:
            for name in PRISM_PUBLISHED:
                published = published or next(
                    filter(None, map(_iso, _xmp_values(xmp.rdf_root, PRISM_NAMESPACES, name))),
                    None,
                )
            made = plausible(xmp.xmp_create_date)
    except Exception:  # pypdf and xml.dom raise many kinds on a damaged XMP packet
        log.info("unreadable XMP metadata", exc_info=True)
    if made is None:
        try:
            info = reader.metadata
            made = plausible(info.creation_date) if info is not None else None
        except Exception:  # a malformed /CreationDate string
            log.info("unreadable /CreationDate", exc_info=True)
    return published, made


def docx_date(core_properties: Any) -> dt.date | None:
    """When a Word file was last saved (else created), per its core properties."""
    try:
        return plausible(core_properties.modified) or plausible(core_properties.created)
    except (ValueError, TypeError, AttributeError):
        return None
