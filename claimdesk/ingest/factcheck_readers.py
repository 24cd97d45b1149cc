"""Known fact-checks from files: schema.org ClaimReview JSON-LD, CSV and JSON Lines.

Fact-checkers publish ClaimReview as JSON-LD: one object, an array, a `@graph`, or embedded in
their pages as `<script type="application/ld+json">`. ClaimDesk's own ClaimReview export reads
back the same way. CSV files need a claim column; the other columns are recognised by their
usual names. JSON Lines files carry one object per line (a ClaimReview or a flat record with
`claim` and optionally `title`, `rating`, `publisher`, `date`, `url`).

A file that cannot be read at all raises `IngestError` (one sentence for the user); a record
without a usable claim is skipped and named in `FactCheckFile.skipped`, and the rest is kept.
"""

from __future__ import annotations

import csv
import datetime as dt
import html
import io
import json
import re
import unicodedata
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit, urlunsplit

from claimdesk import settings
from claimdesk.ingest.errors import IngestError, format_megabytes, over_limit
from claimdesk.ingest.sniff import looks_like_html, sniff
from claimdesk.ingest.text_utils import decode_bytes

#: File name endings the importer reads (the content decides the format; these are offered).
FACTCHECK_EXTENSIONS = (".json", ".jsonld", ".jsonl", ".ndjson", ".csv", ".tsv", ".html", ".htm")
MAX_CLAIM_CHARS = 2_000  # a longer "claim" is an article body, not a claim
MAX_FIELD_CHARS = 500  # rating, publisher, title: longer values are cut
MAX_URL_CHARS = 2_000
MAX_SKIPPED_SHOWN = 5

#: Column (or flat JSON key) names for each field, compared case-, space- and dash-blind.
FIELD_NAMES: dict[str, tuple[str, ...]] = {
    "claim": (
        "claim",
        "claim_reviewed",
        "claimreviewed",
        "claim_text",
        "statement",
        "claim_statement",
    ),
    "rating": (
        "rating",
        "verdict",
        "textual_rating",
        "textualrating",
        "review_rating",
        "ruling",
        "label",
        "alternate_name",
    ),
    "publisher": (
        "publisher",
        "fact_checker",
        "factchecker",
        "organisation",
        "organization",
        "site",
        "source",
        "author",
    ),
    "date": (
        "date",
        "published_at",
        "date_published",
        "datepublished",
        "review_date",
        "reviewdate",
        "published",
        "date_reviewed",
    ),
    "url": ("url", "link", "review_url", "fact_check_url", "factcheck_url", "href"),
    "title": ("title", "headline", "name", "review_title"),
}
_WS = re.compile(r"\s+")
_CONTROLS = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u200b\ufeff]")
_CDATA_EDGES = re.compile(
    r"^\s*(?://|/\*)?\s*<!\[CDATA\[(?:\s*\*/)?|(?://|/\*)?\s*\]\]>(?:\s*\*/)?\s*$"
)


@dataclass(frozen=True)
class FactCheckRecord:
    """One known fact-check: what claim it rated, how, by whom, when, and where it lives."""

    claim_reviewed: str
    rating: str | None = None
    publisher: str | None = None
    url: str | None = None
    published_at: dt.date | None = None
    title: str | None = None


@dataclass
class FactCheckFile:
    """What a file held: its usable records and the ones skipped, each with its reason."""

    name: str
    format: str  # "ClaimReview JSON-LD", "CSV", "JSON Lines", ...
    records: list[FactCheckRecord] = field(default_factory=list)
    skipped: list[str] = field(default_factory=list)

    def skipped_summary(self) -> str:
        """The skipped records in one line ("2 records skipped: record 3: no claim; …")."""
        if not self.skipped:
            return ""
        shown = "; ".join(self.skipped[:MAX_SKIPPED_SHOWN])
        more = len(self.skipped) - MAX_SKIPPED_SHOWN
        tail = f"; and {more:,} more" if more > 0 else ""
        n = len(self.skipped)
        return f"{n:,} record{'s' if n != 1 else ''} skipped: {shown}{tail}"


# ------------------------------------------------------------------------ entry points
def read_factcheck_path(path: Path) -> FactCheckFile:
    """`read_factchecks` of a file on disk (IngestError when it is missing or unreadable)."""
    try:
        size = path.stat().st_size
        limit = settings.limits().file_bytes
        if size > limit:
            raise IngestError(
                str(path),
                over_limit(
                    "file_bytes", f"it is {format_megabytes(size)}", format_megabytes(limit)
                ),
            )
        data = path.read_bytes()
    except FileNotFoundError:
        raise IngestError(str(path), "no such file") from None
    except IsADirectoryError:
        raise IngestError(str(path), "it is a folder, not a file") from None
    except OSError as exc:
        raise IngestError(str(path), f"it cannot be opened ({exc.strerror or 'error'})") from None
    return read_factchecks(str(path), data)


def read_factchecks(name: str, data: bytes) -> FactCheckFile:
    """The fact-checks in a file's bytes; the format is read from the content, not the name."""
    limit = settings.limits().file_bytes
    if len(data) > limit:
        raise IngestError(
            name,
            over_limit(
                "file_bytes", f"it is {format_megabytes(len(data))}", format_megabytes(limit)
            ),
        )
    if not data.strip():
        raise IngestError(name, "it is empty")
    kind, words = sniff(data)
    if kind != "unknown":
        raise IngestError(
            name, f"it is {words}; fact-checks are read from JSON-LD, JSON Lines, CSV or HTML"
        )
    text = decode_bytes(data)
    if text is None:
        raise IngestError(name, "it is not text")
    text = text.lstrip("\ufeff")
    stripped = text.lstrip()
    suffix = Path(name).suffix.lower()
    if stripped.startswith(("{", "[")):
        if suffix in (".jsonl", ".ndjson") or _several_json_lines(stripped):
            return _read_json_lines(name, text)
        return _read_json(name, text)
    if stripped.startswith("<") or looks_like_html(text):
        return _read_html(name, text)
    return _read_csv(name, text, tab=suffix == ".tsv")


# ------------------------------------------------------------------------ JSON and JSON-LD
def _read_json(name: str, text: str) -> FactCheckFile:
    try:
        value = json.loads(text)
    except json.JSONDecodeError as exc:
        raise IngestError(
            name, f"it is not valid JSON ({exc.msg} at line {exc.lineno}, column {exc.colno})"
        ) from None
    except RecursionError:
        raise IngestError(name, "its JSON is nested too deeply to read") from None
    out = FactCheckFile(name, "ClaimReview JSON-LD")
    reviews = list(find_claim_reviews(value))
    if reviews:
        for i, obj in enumerate(reviews, 1):
            _keep(out, claim_review_record(obj), f"ClaimReview {i}")
    elif isinstance(value, Mapping) and isinstance(value.get("claims"), list):
        out.format = "Fact Check Tools JSON"
        for i, claim in enumerate(value["claims"], 1):
            for j, rec in enumerate(_fact_check_tools_records(claim), 1):
                _keep(out, rec, f"claim {i} review {j}")
    else:
        rows = value if isinstance(value, list) else [value]
        out.format = "JSON"
        for i, row in enumerate(rows, 1):
            _keep(out, flat_record(row) if isinstance(row, Mapping) else None, f"record {i}")
        if not out.records:
            raise IngestError(name, "it holds no ClaimReview and no record with a claim")
    if not out.records:
        raise IngestError(name, f"none of its records could be used ({out.skipped_summary()})")
    return out


def _several_json_lines(text: str) -> bool:
    """True for JSON Lines: the first two non-empty lines are each a whole JSON value."""
    lines = [line for line in text.splitlines()[:50] if line.strip()][:2]
    if len(lines) < 2:
        return False
    try:
        for line in lines:
            json.loads(line)
    except (json.JSONDecodeError, RecursionError):
        return False
    return True


def _read_json_lines(name: str, text: str) -> FactCheckFile:
    out = FactCheckFile(name, "JSON Lines")
    for n, line in enumerate(text.splitlines(), 1):
        if not line.strip():
            continue
        try:
            value = json.loads(line)
        except json.JSONDecodeError as exc:
            out.skipped.append(f"line {n}: not JSON ({exc.msg})")
            continue
        except RecursionError:
            out.skipped.append(f"line {n}: nested too deeply")
            continue
        reviews = list(find_claim_reviews(value))
        if reviews:
            for obj in reviews:
                _keep(out, claim_review_record(obj), f"line {n}")
        else:
            rec = flat_record(value) if isinstance(value, Mapping) else None
            _keep(out, rec, f"line {n}")
    if not out.records:
        if not out.skipped:
            raise IngestError(name, "it has no records")
        raise IngestError(name, f"none of its lines could be used ({out.skipped_summary()})")
    return out


def _read_html(name: str, text: str) -> FactCheckFile:
    out = FactCheckFile(name, "ClaimReview in a web page")
    blocks = json_ld_blocks(text)
    if not blocks:
        raise IngestError(name, 'the page has no JSON-LD (<script type="application/ld+json">)')
    found = 0
    for b, block in enumerate(blocks, 1):
        value = _json_ld_value(block)
        if value is None:
            out.skipped.append(f"JSON-LD block {b}: not valid JSON")
            continue
        for obj in find_claim_reviews(value):
            found += 1
            _keep(out, claim_review_record(obj), f"ClaimReview {found}")
    if not out.records:
        if found == 0 and len(out.skipped) < len(blocks):
            raise IngestError(name, "the page's JSON-LD holds no ClaimReview")
        raise IngestError(
            name, f"no ClaimReview on the page could be used ({out.skipped_summary()})"
        )
    return out


def json_ld_blocks(page: str) -> list[str]:
    """The text of each `<script type="application/ld+json">` of a page, in order."""
    import lxml.html
    from lxml.etree import ParserError

    try:
        root = lxml.html.document_fromstring(page)
    except (ParserError, ValueError):
        return []
    blocks = []
    for script in root.iter("script"):
        kind = (script.get("type") or "").split(";")[0].strip().lower()
        if kind == "application/ld+json" and script.text and script.text.strip():
            blocks.append(script.text)
    return blocks


def _json_ld_value(block: str) -> Any:
    """A JSON-LD block's value (CDATA wrappers and HTML-escaped JSON are read too); None if
    it is not JSON."""
    block = _CDATA_EDGES.sub("", block)
    for candidate in (block, html.unescape(block)):
        try:
            return json.loads(candidate)
        except (json.JSONDecodeError, RecursionError):
            continue
    return None


def find_claim_reviews(value: Any, depth: int = 0) -> Iterator[Mapping[str, Any]]:
    """Every ClaimReview object in a JSON-LD value: top level, arrays, `@graph`, or nested in
    another object (a page's `mainEntity`, `hasPart`, …). A ClaimReview's own parts are not
    searched: the reviews it is based on belong to it."""
    if depth > 20:
        return
    if isinstance(value, list):
        for item in value:
            yield from find_claim_reviews(item, depth + 1)
    elif isinstance(value, Mapping):
        if _is_claim_review(value):
            yield value
            return
        for child in value.values():
            if isinstance(child, list | Mapping):
                yield from find_claim_reviews(child, depth + 1)


def _is_claim_review(obj: Mapping[str, Any]) -> bool:
    types = obj.get("@type", obj.get("type"))
    names = types if isinstance(types, list) else [types]
    return any(isinstance(t, str) and t.rsplit("/", 1)[-1] == "ClaimReview" for t in names)


def claim_review_record(obj: Mapping[str, Any]) -> FactCheckRecord | None:
    """A schema.org ClaimReview as a record; None when it names no claim."""
    item = _first_mapping(obj.get("itemReviewed"))
    claim = _text(obj.get("claimReviewed"))
    if not claim and item is not None:
        claim = _text(item.get("text")) or _text(item.get("name"))
    if not claim:
        return None
    rating_obj = _first_mapping(obj.get("reviewRating"))
    rating = None
    if rating_obj is not None:
        rating = _text(rating_obj.get("alternateName")) or _text(rating_obj.get("name"))
        if not rating and rating_obj.get("ratingValue") not in (None, ""):
            best = rating_obj.get("bestRating")
            rating = f"{rating_obj['ratingValue']}" + (f"/{best}" if best not in (None, "") else "")
    elif isinstance(obj.get("reviewRating"), str):
        rating = _text(obj["reviewRating"])
    url = _url(obj.get("url"))
    if url is None and isinstance(obj.get("@id"), str):
        url = _url(obj["@id"])
    return FactCheckRecord(
        claim_reviewed=claim,
        rating=_short(rating),
        publisher=_short(_name(obj.get("publisher")) or _name(obj.get("author"))),
        url=url,
        published_at=parse_date(obj.get("datePublished") or obj.get("dateCreated")),
        title=_short(_text(obj.get("headline")) or _text(obj.get("name"))),
    )


def _fact_check_tools_records(claim: Any) -> Iterator[FactCheckRecord | None]:
    """Google Fact Check Tools' `claims[]` (text, claimReview[] with publisher, url, rating)."""
    if not isinstance(claim, Mapping):
        yield None
        return
    text = _text(claim.get("text"))
    reviews = claim.get("claimReview")
    if not isinstance(reviews, list) or not reviews:
        yield FactCheckRecord(text) if text else None
        return
    for review in reviews:
        if not isinstance(review, Mapping) or not text:
            yield None
            continue
        yield FactCheckRecord(
            claim_reviewed=text,
            rating=_short(_text(review.get("textualRating"))),
            publisher=_short(_name(review.get("publisher"))),
            url=_url(review.get("url")),
            published_at=parse_date(review.get("reviewDate")),
            title=_short(_text(review.get("title"))),
        )


def flat_record(row: Mapping[str, Any]) -> FactCheckRecord | None:
    """A flat record (a CSV row, a JSON object) whose keys use the usual names of each field."""
    by_key = {_key(k): v for k, v in row.items() if isinstance(k, str)}

    def get(field_name: str) -> Any:
        for alias in FIELD_NAMES[field_name]:
            value = by_key.get(alias)
            if value not in (None, ""):
                return value
        return None

    claim = _text(get("claim"))
    if not claim:
        return None
    return FactCheckRecord(
        claim_reviewed=claim,
        rating=_short(_name(get("rating"))),
        publisher=_short(_name(get("publisher"))),
        url=_url(get("url")),
        published_at=parse_date(get("date")),
        title=_short(_text(get("title"))),
    )


# ------------------------------------------------------------------------ CSV
def _read_csv(name: str, text: str, *, tab: bool) -> FactCheckFile:
    sample = text[:20_000]
    try:
        delimiter = "\t" if tab else csv.Sniffer().sniff(sample, delimiters=",;\t|").delimiter
    except csv.Error:
        delimiter = ","
    reader = csv.DictReader(io.StringIO(text, newline=""), delimiter=delimiter)
    try:
        header = reader.fieldnames or []
    except csv.Error as exc:
        raise IngestError(name, f"it is not a readable CSV file ({exc})") from None
    keys = {_key(h) for h in header if h}
    if not keys & set(FIELD_NAMES["claim"]):
        expected = ", ".join(FIELD_NAMES["claim"][:3])
        got = ", ".join(h for h in header[:6] if h) or "none"
        raise IngestError(
            name, f"it has no claim column (expected one of {expected}; its columns: {got})"
        )
    out = FactCheckFile(name, "CSV")
    try:
        for n, row in enumerate(reader, 2):
            _keep(out, flat_record({k: v for k, v in row.items() if k}), f"row {n}")
    except csv.Error as exc:
        raise IngestError(name, f"it is not a readable CSV file ({exc})") from None
    if not out.records:
        if not out.skipped:
            raise IngestError(name, "it has a header but no rows")
        raise IngestError(name, f"none of its rows could be used ({out.skipped_summary()})")
    return out


# ------------------------------------------------------------------------ values
def _keep(out: FactCheckFile, record: FactCheckRecord | None, where: str) -> None:
    if record is None:
        out.skipped.append(f"{where}: no claim text")
    elif len(record.claim_reviewed) > MAX_CLAIM_CHARS:
        out.skipped.append(f"{where}: the claim is over {MAX_CLAIM_CHARS:,} characters")
    else:
        out.records.append(record)


def _key(name: str) -> str:
    return re.sub(r"[\s\-.]+", "_", name.strip().lower()).strip("_")


def _text(value: Any) -> str | None:
    """A clean one-line string (entities decoded, controls dropped, spaces collapsed)."""
    if isinstance(value, list):
        value = next((v for v in value if isinstance(v, str | int | float)), None)
    if isinstance(value, bool) or not isinstance(value, str | int | float):
        return None
    s = html.unescape(str(value)) if "&" in str(value) else str(value)
    s = unicodedata.normalize("NFC", _CONTROLS.sub("", s))
    s = _WS.sub(" ", s).strip()
    return s or None


def _short(value: str | None) -> str | None:
    if value is None:
        return None
    return value if len(value) <= MAX_FIELD_CHARS else value[: MAX_FIELD_CHARS - 1] + "…"


def _first_mapping(value: Any) -> Mapping[str, Any] | None:
    if isinstance(value, list):
        value = next((v for v in value if isinstance(v, Mapping)), None)
    return value if isinstance(value, Mapping) else None


def _name(value: Any) -> str | None:
    """The name of an Organization/Person (or a plain string)."""
    obj = _first_mapping(value)
    if obj is not None:
        return _text(obj.get("name")) or _text(obj.get("alternateName")) or _site(obj.get("url"))
    return _text(value)


def _site(value: Any) -> str | None:
    url = _url(value)
    return urlsplit(url).netloc.removeprefix("www.") if url else None


def _url(value: Any) -> str | None:
    """A normalised http(s) address (scheme and host lower-case, no fragment), else None."""
    if isinstance(value, list):
        value = next((v for v in value if isinstance(v, str)), None)
    if not isinstance(value, str):
        return None
    value = value.strip()
    if not value or len(value) > MAX_URL_CHARS:
        return None
    try:
        parts = urlsplit(value)
    except ValueError:
        return None
    if parts.scheme.lower() not in ("http", "https") or not parts.netloc or " " in value:
        return None
    path = parts.path.rstrip("/") if parts.path not in ("", "/") else ""
    return urlunsplit((parts.scheme.lower(), parts.netloc.lower(), path, parts.query, ""))


def normalise_url(value: str | None) -> str | None:
    """The address as stored and compared (`https://Example.org/a/#x` -> `https://example.org/a`)."""
    return _url(value)


def parse_date(value: Any) -> dt.date | None:
    """A date from ISO text (a time and zone may follow) or a common written form; else None."""
    text = _text(value)
    if not text:
        return None
    day: dt.date | None = None
    try:
        day = dt.date.fromisoformat(text[:10])
    except ValueError:
        try:
            from dateutil import parser as date_parser

            day = date_parser.parse(text, default=dt.datetime(2000, 1, 1)).date()
        except (ValueError, OverflowError, TypeError):
            return None
    return day if 1900 <= day.year <= 2100 else None
