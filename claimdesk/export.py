"""Exports of a filtered view: CSV, XLSX, JSON, ClaimReview JSON-LD and GeoJSON.

Spreadsheet exports neutralise cells that a spreadsheet would run as a formula (an article is
untrusted input): such a cell gets a leading apostrophe.
"""

from __future__ import annotations

import datetime as dt
import io
import json
from collections.abc import Iterable
from typing import Any

import pandas as pd

from claimdesk.export_formats import FORMATS
from claimdesk.factchecks import CONFIRMED
from claimdesk.nlp.date_rules import ANCHOR_WORDS, iso_at_precision
from claimdesk.store import factcheck_queries, queries
from claimdesk.store.repo import Store

EXPORT_COLUMNS = {
    "id": "claim_id",
    "text": "claim",
    "score": "score",
    "kind": "kind",
    "claimant": "claimant",
    "status": "status",
    "reviewer": "reviewer",
    "note": "note",
    "evidence_url": "evidence_url",
    "reviewed_at": "reviewed_at",
    "assignee": "assignee",
    "article_id": "article_id",
    "article": "article",
    "article_url": "article_url",
    "publisher": "publisher",
    "published_at": "published_at",
    "places": "places",
    "numbers": "numbers",
}
#: Statuses that carry a verdict and so go into ClaimReview.
UNRATED = {"unreviewed", "in progress"}
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def claims_frame(store: Store, f: queries.ClaimFilter = queries.ClaimFilter()) -> pd.DataFrame:
    """Every claim matching the filter, with review state and article, in export columns;
    `dates`: a list of the dates each claim speaks of (`date_records`); `fact_checks`: the known
    fact-checks a reviewer confirmed for it."""
    df, _ = queries.claims_table(store, f, limit=1_000_000)
    out = df[list(EXPORT_COLUMNS)].rename(columns=EXPORT_COLUMNS)
    by_claim = date_records(queries.claim_dates(store, f))
    out["dates"] = [by_claim.get(int(i), []) for i in out["claim_id"]]
    out["fact_checks"] = confirmed_factchecks_text(
        confirmed_factchecks(store, out["claim_id"]), out
    )
    return out


def date_records(dates: pd.DataFrame) -> dict[int, list[dict[str, Any]]]:
    """Each claim's dates: the words, the normalised value (ISO 8601 at its precision, `null`
    when not resolved), the period's first and last day, the anchor and the anchor's date."""
    out: dict[int, list[dict[str, Any]]] = {}
    for row in dates.to_dict("records"):
        value, precision = _jsonable(row["value"]), _jsonable(row["precision"])
        resolved = value is not None and precision
        out.setdefault(int(row["claim_id"]), []).append(
            {
                "text": row["text"],
                "value": iso_at_precision(row["value"], precision) if resolved else None,
                "precision": precision,
                "first_day": value,
                "last_day": _jsonable(row["last_day"]),
                "anchor": _jsonable(row["anchor"]) if resolved else None,
                "as_of": _jsonable(row["as_of"]) if resolved else None,
            }
        )
    return out


def date_summary(dates: list[dict[str, Any]]) -> tuple[str, str]:
    """A spreadsheet's two cells for a claim's dates: the values ("2019-09; 2021-03-03") and
    what each was read from ("last September = 2019-09, as of the publication date 2019-11-02")."""
    values = "; ".join(d["value"] for d in dates if d["value"])
    words = []
    for d in dates:
        if not d["value"]:
            words.append(f"{d['text']} = not resolved")
        elif d["anchor"] == "absolute":
            words.append(f"{d['text']} = {d['value']}")
        else:
            words.append(f"{d['text']} = {d['value']}, {ANCHOR_WORDS[d['anchor']]} {d['as_of']}")
    return values, "; ".join(words)


def _tabular(df: pd.DataFrame) -> pd.DataFrame:
    """The frame with its `dates` lists as two text columns (dates, dates_read_from)."""
    if "dates" not in df.columns:
        return df
    out = df.copy()
    cells = [date_summary(d) for d in out["dates"]]
    at = out.columns.get_loc("dates")
    out["dates"] = [c[0] for c in cells]
    out.insert(at + 1, "dates_read_from", [c[1] for c in cells])
    return out


def confirmed_factchecks(store: Store, claim_ids: Iterable[int]) -> dict[int, list[dict]]:
    """The known fact-checks a reviewer confirmed for each claim (rating, publisher, date, url)."""
    matches = factcheck_queries.matches_of_claims(
        store, [int(i) for i in claim_ids], states=(CONFIRMED,), per_claim=None
    )
    out: dict[int, list[dict]] = {}
    for row in matches.to_dict("records"):
        out.setdefault(int(row["claim_id"]), []).append(row)
    return out


def confirmed_factchecks_text(known: dict[int, list[dict]], df: pd.DataFrame) -> list[str]:
    """One cell per claim: "rating, publisher, date, url" of each confirmed fact-check."""
    cells = []
    for claim_id in df["claim_id"]:
        parts = [
            ", ".join(
                str(v)
                for v in (fc["rating"], fc["publisher"], _date(fc["published_at"]), fc["url"])
                if _jsonable(v)
            )
            or fc["claim_reviewed"]
            for fc in known.get(int(claim_id), [])
        ]
        cells.append(" | ".join(parts))
    return cells


def neutralise(value: Any) -> Any:
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    return value


def _safe(df: pd.DataFrame) -> pd.DataFrame:
    out = df.copy()
    for col in out.columns:
        if out[col].dtype == object or pd.api.types.is_string_dtype(out[col]):
            out[col] = out[col].map(neutralise)
    return out


def to_csv(df: pd.DataFrame) -> bytes:
    return _safe(_tabular(df)).to_csv(index=False).encode("utf-8-sig")


def to_xlsx(df: pd.DataFrame, sheet: str = "claims") -> bytes:
    buf = io.BytesIO()
    safe = _safe(_tabular(df))
    for col in safe.columns:  # Excel has no time zones
        if pd.api.types.is_datetime64_any_dtype(safe[col]):
            safe[col] = safe[col].dt.tz_localize(None) if safe[col].dt.tz else safe[col]
    with pd.ExcelWriter(buf, engine="openpyxl") as writer:
        safe.to_excel(writer, index=False, sheet_name=sheet)
    return buf.getvalue()


def _jsonable(value: Any) -> Any:
    if value is None or (isinstance(value, float) and pd.isna(value)):
        return None
    if isinstance(value, dt.datetime | dt.date | pd.Timestamp):
        return value.isoformat()
    if hasattr(value, "item"):  # numpy scalars
        return value.item()
    if isinstance(value, list):
        return [
            {k: _jsonable(v) for k, v in d.items()} if isinstance(d, dict) else d for d in value
        ]
    return value


def to_json(df: pd.DataFrame) -> bytes:
    records = [{k: _jsonable(v) for k, v in row.items()} for row in df.to_dict("records")]
    return json.dumps(records, ensure_ascii=False, indent=2).encode("utf-8")


def _date(value: Any) -> str | None:
    value = _jsonable(value)
    return str(value)[:10] if value else None


def claimreview_jsonld(
    df: pd.DataFrame, publisher: str = "ClaimDesk", known: dict[int, list[dict]] | None = None
) -> list[dict[str, Any]]:
    """schema.org ClaimReview objects for the reviewed claims (a verdict other than unrated);
    `known` fact-checks confirmed for a claim go in as the ClaimReviews it is based on."""
    reviews = []
    for row in df.to_dict("records"):
        if row["status"] in UNRATED:
            continue
        claimant = row["claimant"] or "the author"
        author_of_claim = (
            row.get("publisher") or "unknown" if claimant == "the author" else claimant
        )
        appearance: dict[str, Any] = {"@type": "CreativeWork", "headline": row["article"]}
        if _jsonable(row.get("article_url")):
            appearance["url"] = row["article_url"]
        if _date(row.get("published_at")):
            appearance["datePublished"] = _date(row["published_at"])
        review: dict[str, Any] = {
            "@context": "https://schema.org",
            "@type": "ClaimReview",
            "claimReviewed": row["claim"],
            "reviewRating": {
                "@type": "Rating",
                "alternateName": str(row["status"]).capitalize(),
            },
            "itemReviewed": {
                "@type": "Claim",
                "author": {
                    "@type": "Person" if " " in author_of_claim else "Organization",
                    "name": author_of_claim,
                },
                "appearance": [appearance],
            },
            "author": {"@type": "Person", "name": row["reviewer"]},
            "publisher": {"@type": "Organization", "name": publisher},
            "datePublished": _date(row["reviewed_at"]),
        }
        if _jsonable(row.get("note")):
            review["reviewBody"] = row["note"]
        if _jsonable(row.get("evidence_url")):
            review["citation"] = row["evidence_url"]
        coverage = [d["value"] for d in row.get("dates") or [] if d["value"]]
        if coverage:  # the time the claim is about, ISO 8601 at its precision
            claim_item = review["itemReviewed"]
            claim_item["temporalCoverage"] = coverage[0] if len(coverage) == 1 else coverage
        if known and known.get(int(row["claim_id"])):
            review["isBasedOn"] = [known_claimreview(fc) for fc in known[int(row["claim_id"])]]
        reviews.append(review)
    return reviews


def known_claimreview(fc: dict[str, Any]) -> dict[str, Any]:
    """A confirmed known fact-check as the ClaimReview its publisher would write."""
    out: dict[str, Any] = {"@type": "ClaimReview", "claimReviewed": fc["claim_reviewed"]}
    if _jsonable(fc.get("url")):
        out["url"] = fc["url"]
    if _jsonable(fc.get("title")):
        out["name"] = fc["title"]
    if _jsonable(fc.get("rating")):
        out["reviewRating"] = {"@type": "Rating", "alternateName": fc["rating"]}
    if _jsonable(fc.get("publisher")):
        out["publisher"] = {"@type": "Organization", "name": fc["publisher"]}
    if _date(fc.get("published_at")):
        out["datePublished"] = _date(fc["published_at"])
    return out


def to_claimreview(df: pd.DataFrame, known: dict[int, list[dict]] | None = None) -> bytes:
    reviews = claimreview_jsonld(df, known=known)
    return json.dumps(reviews, ensure_ascii=False, indent=2).encode("utf-8")


def places_geojson(places: pd.DataFrame) -> dict[str, Any]:
    features = [
        {
            "type": "Feature",
            "geometry": {"type": "Point", "coordinates": [float(r["lon"]), float(r["lat"])]},
            "properties": {
                "name": r["name"],
                "country_code": _jsonable(r.get("country_code")),
                "feature": _jsonable(r.get("feature")),
                "gazetteer_id": _jsonable(r.get("gazetteer_id")),
                "mentions": int(r["mentions"]),
                "articles": int(r["articles"]),
                "review_state": r.get("review_state"),
            },
        }
        for r in places.to_dict("records")
    ]
    return {"type": "FeatureCollection", "features": features}


def to_geojson(places: pd.DataFrame) -> bytes:
    return json.dumps(places_geojson(places), ensure_ascii=False, indent=2).encode("utf-8")


def geojson_bytes(store: Store, article_id: int | None = None) -> bytes:
    """The GeoJSON of the collection's places (or one article's), with their review states."""
    return to_geojson(queries.places_summary(store, article_id))


def export_bytes(store: Store, fmt: str, f: queries.ClaimFilter = queries.ClaimFilter()) -> bytes:
    """The export of `fmt` for the claims (or places) matching the filter."""
    if fmt == "geojson":
        return geojson_bytes(store)
    df = claims_frame(store, f)
    if fmt == "claimreview":
        return to_claimreview(df, confirmed_factchecks(store, df["claim_id"]))
    writers = {"csv": to_csv, "xlsx": to_xlsx, "json": to_json}
    if fmt not in writers:
        raise ValueError(f"unknown export format {fmt!r}; choose one of {', '.join(FORMATS)}")
    return writers[fmt](df)
