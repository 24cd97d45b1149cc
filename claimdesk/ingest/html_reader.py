"""HTML pages: main text and metadata through trafilatura (no hand-written tag stripping)."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from claimdesk.ingest.errors import IngestError

# Less than this after extraction is navigation or a cookie banner, not an article.
_MIN_ARTICLE_CHARS = 80
_MIN_ARTICLE_WORDS = 12
_META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([\w.:-]+)""", re.IGNORECASE)


@dataclass
class HtmlContent:
    text: str
    title: str | None = None
    author: str | None = None
    publisher: str | None = None
    published_at: dt.date | None = None
    url: str | None = None
    lang: str | None = None


def declared_charset(data: bytes) -> str | None:
    """The `<meta charset>` (or http-equiv content-type) declared in the page head."""
    m = _META_CHARSET.search(data[:4096])
    return m.group(1).decode("ascii", "ignore") if m else None


def _parse_date(value: str | None) -> dt.date | None:
    if not value:
        return None
    try:
        return dt.date.fromisoformat(value[:10])
    except ValueError:
        return None


def _clean(value: str | None) -> str | None:
    if value is None:
        return None
    value = " ".join(str(value).split())
    return value or None


def _enough_text(text: str) -> bool:
    return len(text.strip()) >= _MIN_ARTICLE_CHARS and len(text.split()) >= _MIN_ARTICLE_WORDS


def extract_html(html: str, *, filename: str | None, url: str | None = None) -> HtmlContent:
    """Main text and metadata of one page; IngestError when there is no article body.

    trafilatura's default (balanced) extraction runs first; if it finds too little, a
    recall-oriented pass runs before giving up, since short news pages are sometimes
    discarded as boilerplate by the precise settings.
    """
    import trafilatura
    from trafilatura.settings import Document

    doc: Document | None = None
    for favor_recall in (False, True):
        try:
            got = trafilatura.bare_extraction(
                html,
                url=url,
                with_metadata=True,
                include_comments=False,
                include_tables=True,
                include_images=False,
                include_links=False,
                favor_recall=favor_recall,
                as_dict=False,
            )
        except Exception as exc:  # lxml/trafilatura raise many kinds on broken markup
            raise IngestError(filename, "the page could not be parsed as HTML") from exc
        doc = got if isinstance(got, Document) else None
        if doc is not None and _enough_text(doc.text or ""):
            break
    if doc is None or not _enough_text(doc.text or ""):
        raise IngestError(filename, "no article text found on the page")
    date = _parse_date(getattr(doc, "date", None))
    if date and date > dt.date.today():
        date = None
    return HtmlContent(
        text=doc.text or "",
        title=_clean(doc.title),
        author=_clean(doc.author),
        publisher=_clean(doc.sitename) or _clean(doc.hostname),
        published_at=date,
        url=_clean(doc.url) or url,
        lang=_clean(doc.language),
    )
