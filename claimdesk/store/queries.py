"""Read queries behind the dashboard. Aggregations run in SQL; results come back as DataFrames.

Every function takes a Store and plain arguments, so the app can cache them keyed on the
database's change counter.
"""

from __future__ import annotations

import datetime as dt
import json
import threading
from dataclasses import dataclass, field

import pandas as pd
from sqlalchemy import (
    ColumnElement,
    Date,
    Select,
    and_,
    bindparam,
    case,
    cast,
    distinct,
    func,
    literal,
    or_,
    select,
    tuple_,
)
from sqlalchemy.orm import aliased

from claimdesk import timeline_bins
from claimdesk.assignments import current_assignees
from claimdesk.conflicts import ConflictReport, FigureFact, find_conflicts
from claimdesk.review import UNREVIEWED, latest_review_ids
from claimdesk.store.aggregates import content_only
from claimdesk.store.factcheck_queries import fact_checked_condition
from claimdesk.store.frames import rows_frame
from claimdesk.store.repo import Store
from claimdesk.store.schema import (
    ArticleRow,
    ClaimDateRow,
    ClaimFigureRow,
    ClaimRow,
    PlaceMentionRow,
    PlaceRow,
    QuoteRow,
    ReviewRow,
    SourceRow,
    StatusRow,
)
from claimdesk.store.search import claim_search_condition


@dataclass(frozen=True)
class ClaimFilter:
    """What the claims table shows. Empty tuples mean "all"."""

    article_ids: tuple[int, ...] = ()
    statuses: tuple[str, ...] = ()
    source_ids: tuple[int, ...] = ()
    place_ids: tuple[int, ...] = ()
    kinds: tuple[str, ...] = ()
    min_score: float = 0.0
    search: str = ""
    cluster_ids: tuple[int, ...] = field(default=())
    claim_ids: tuple[int, ...] | None = None  # only these claims (None: no such restriction)
    fact_checked: str = ""  # a factcheck_queries.FACT_CHECKED_CHOICES key
    assignee: str = ""  # "": anyone's; UNASSIGNED: nobody's; else this member's e-mail


#: `ClaimFilter.assignee` for claims nobody is assigned to (e-mails always hold an "@").
UNASSIGNED = "none"


def _df(store: Store, stmt: Select) -> pd.DataFrame:
    with store.engine.connect() as conn:
        result = conn.execute(stmt)
        return rows_frame(result.fetchall(), list(result.keys()))


def _status_joined(stmt: Select) -> Select:
    """`stmt` with each claim's latest review and status, for aggregates over many claims (the
    latest reviews computed once, then joined)."""
    latest = latest_review_ids()
    return (
        stmt.outerjoin(latest, latest.c.claim_id == ClaimRow.id)
        .outerjoin(ReviewRow, ReviewRow.id == latest.c.review_id)
        .outerjoin(StatusRow, StatusRow.id == ReviewRow.status_id)
    )


def _status_of_rows(stmt: Select) -> Select:
    """`stmt` with each claim's latest review and status, for listings of a few claims: one
    probe of the (claim_id, id) review index per row. (Joined to the latest reviews of every
    claim, PostgreSQL may rescan them once per listed row.)"""
    latest_id = (
        select(func.max(LatestReview.id))
        .where(LatestReview.claim_id == ClaimRow.id)
        .correlate(ClaimRow)
        .scalar_subquery()
    )
    return stmt.outerjoin(ReviewRow, ReviewRow.id == latest_id).outerjoin(
        StatusRow, StatusRow.id == ReviewRow.status_id
    )


def _status_condition(statuses: tuple[str, ...]) -> ColumnElement[bool]:
    """Claims whose current status is one of `statuses`, decided from the reviews side: the
    reviewed claims with one of them, or (when "unreviewed" is asked for) every claim but the
    reviewed ones with another."""
    latest = latest_review_ids()
    labelled = (
        select(latest.c.claim_id)
        .join(ReviewRow, ReviewRow.id == latest.c.review_id)
        .join(StatusRow, StatusRow.id == ReviewRow.status_id)
    )
    if UNREVIEWED in statuses:
        return ClaimRow.id.not_in(labelled.where(StatusRow.label.not_in(statuses)))
    return ClaimRow.id.in_(labelled.where(StatusRow.label.in_(statuses)))


STATUS_LABEL = func.coalesce(StatusRow.label, literal(UNREVIEWED))
LatestReview = aliased(ReviewRow, name="latest_review")


def _claim_conditions(f: ClaimFilter, dialect: str) -> list:
    cond: list[ColumnElement[bool]] = []
    if f.article_ids:
        cond.append(ClaimRow.article_id.in_(f.article_ids))
    if f.statuses:
        cond.append(_status_condition(f.statuses))
    if f.source_ids:
        cond.append(ClaimRow.claimant_source_id.in_(f.source_ids))
    if f.kinds:
        cond.append(ClaimRow.kind.in_(f.kinds))
    if f.cluster_ids:
        cond.append(ClaimRow.cluster_id.in_(f.cluster_ids))
    if f.claim_ids is not None:  # ids written into the SQL: no limit on bound parameters
        cond.append(ClaimRow.id.in_(bindparam("claim_ids", f.claim_ids, literal_execute=True)))
    if f.min_score:
        cond.append(ClaimRow.score >= f.min_score)
    if (known := fact_checked_condition(f.fact_checked)) is not None:
        cond.append(known)
    if f.assignee == UNASSIGNED:
        cond.append(ClaimRow.id.not_in(select(current_assignees().c.claim_id)))
    elif f.assignee:
        now = current_assignees()
        cond.append(ClaimRow.id.in_(select(now.c.claim_id).where(now.c.assignee == f.assignee)))
    if (found := claim_search_condition(dialect, f.search)) is not None:
        cond.append(found)
    if f.place_ids:
        # Driven from the place's mentions to the claims of their article (both indexed); a
        # correlated EXISTS per claim made SQLite scan every mention of the place per claim.
        pm = aliased(PlaceMentionRow)
        cl = aliased(ClaimRow)
        cond.append(
            ClaimRow.id.in_(
                select(cl.id)
                .join(
                    pm,
                    and_(
                        pm.article_id == cl.article_id,
                        pm.start >= cl.start,
                        pm.end <= cl.end,
                    ),
                )
                .where(pm.place_id.in_(f.place_ids))
            )
        )
    return cond


def after_row(after: tuple[float, int]) -> ColumnElement[bool]:
    """Claims ranked after (score, id) in the claims order (score descending, then id): the
    keyset of a next page. `score <= s` lets the score index start there instead of walking
    (and dropping) every claim ranked before it, as an offset does."""
    score, claim_id = after
    return and_(ClaimRow.score <= score, or_(ClaimRow.score < score, ClaimRow.id > claim_id))


#: Matches of a filter the claims page counts at most (past it: "more than 5,000 claims").
COUNT_CAP = 5_000


def claims_table(
    store: Store,
    f: ClaimFilter = ClaimFilter(),
    *,
    limit: int = 200,
    offset: int = 0,
    after: tuple[float, int] | None = None,
    count_cap: int | None = None,
) -> tuple[pd.DataFrame, int]:
    """One page of claims (ranked by score, then id) and the total number matching the filter.

    `after`: the (score, id) of the last claim of the previous page; the page starts after it
    (keyset pagination: as fast on page 5,000 as on page 1), then `offset` more are skipped.
    `count_cap`: a filter's matches are counted up to `count_cap + 1` only (a total above
    `count_cap` means "more than that"): counting the 30,000 claims a common word matches
    costs more than finding the page of them a reader looks at.
    """
    cond = _claim_conditions(f, store.engine.dialect.name)
    base = select(ClaimRow.id, ClaimRow.score).select_from(ClaimRow)
    paged = [*cond, after_row(after)] if after is not None else cond
    with store.engine.connect() as conn:
        if not cond:  # every claim: the count is a content aggregate
            total = collection_counts(store)["claims"]
        elif f == ClaimFilter(statuses=f.statuses):  # statuses alone: counted from the reviews
            totals = _status_totals(store, collection_counts(store)["claims"])
            total = int(totals.loc[totals["status"].isin(f.statuses), "claims"].sum())
        else:  # a search counts its matches on the full-text index, then pages on the rank one
            matching = base.where(*cond)
            if count_cap is not None:
                matching = matching.limit(count_cap + 1)
            count = select(func.count()).select_from(matching.subquery())
            total = conn.scalar(count) or 0
        # the page's ids alone first (the rank index), then their rows
        ranked = base.where(*paged).order_by(ClaimRow.score.desc(), ClaimRow.id)
        page = [int(i) for i in conn.scalars(ranked.limit(limit).offset(offset))]
    assigned = current_assignees()
    stmt = _status_of_rows(
        select(
            ClaimRow.id,
            ClaimRow.score,
            ClaimRow.text,
            ClaimRow.claimant,
            ClaimRow.kind,
            ClaimRow.article_id,
            ArticleRow.title.label("article"),
            ArticleRow.url.label("article_url"),
            ArticleRow.publisher,
            ArticleRow.published_at,
            STATUS_LABEL.label("status"),
            ReviewRow.reviewer,
            ReviewRow.note,
            ReviewRow.evidence_url,
            ReviewRow.created_at.label("reviewed_at"),
            ClaimRow.cluster_id,
            ClaimRow.start,
            ClaimRow.end,
            ClaimRow.numbers,
            assigned.c.assignee,
        )
        .select_from(ClaimRow)
        .join(ArticleRow, ArticleRow.id == ClaimRow.article_id)
        .outerjoin(assigned, assigned.c.claim_id == ClaimRow.id)
    )
    stmt = stmt.order_by(ClaimRow.score.desc(), ClaimRow.id).where(ClaimRow.id.in_(page))
    df = _df(store, stmt)
    df.insert(df.columns.get_loc("start"), "cluster_articles", _cluster_sizes(store, df))
    df["places"] = _places_of_claims(store, df)
    df["numbers"] = df["numbers"].map(lambda s: ", ".join(json.loads(s)) if s else "")
    df["article"] = df["article"].fillna("(untitled)")
    return df, int(total)


def _cluster_sizes(store: Store, claims: pd.DataFrame) -> list[int]:
    """Articles carrying each listed claim's cluster, for this page's clusters only."""
    keys = {int(k) for k in claims["cluster_id"].dropna()} if not claims.empty else set()
    sizes: dict[int, int] = {}
    if keys:
        stmt = (
            select(ClaimRow.cluster_id, func.count(distinct(ClaimRow.article_id)))
            .where(ClaimRow.cluster_id.in_(keys))
            .group_by(ClaimRow.cluster_id)
        )
        with store.engine.connect() as conn:
            sizes = {int(k): int(n) for k, n in conn.execute(stmt) if k is not None}
    return [
        sizes.get(int(k), 1) if pd.notna(k) else 1
        for k in (claims["cluster_id"] if not claims.empty else [])
    ]


def _places_of_claims(store: Store, claims: pd.DataFrame) -> list[str]:
    if claims.empty:
        return []
    ids = [int(i) for i in claims["id"]]
    stmt = (
        select(ClaimRow.id, PlaceRow.name)
        .join(
            PlaceMentionRow,
            and_(
                PlaceMentionRow.article_id == ClaimRow.article_id,
                PlaceMentionRow.start >= ClaimRow.start,
                PlaceMentionRow.end <= ClaimRow.end,
                PlaceMentionRow.role == "literal",
            ),
        )
        .join(PlaceRow, PlaceRow.id == PlaceMentionRow.place_id)
        .where(ClaimRow.id.in_(ids))
        .order_by(PlaceMentionRow.start)
    )
    names: dict[int, list[str]] = {}
    with store.engine.connect() as conn:
        for cid, name in conn.execute(stmt):
            names.setdefault(cid, [])
            if name not in names[cid]:
                names[cid].append(name)
    return [", ".join(names.get(i, [])) for i in ids]


#: Articles a picker lists: the newest ones (any other is reached by its link or id).
ARTICLE_CHOICES = 1_000


@content_only
def claim_filter_options(store: Store) -> dict[str, pd.DataFrame]:
    """Choices for the claims page's filters: articles (the newest ARTICLE_CHOICES, oldest
    first), sources, places, kinds."""
    newest = (
        select(ArticleRow.id, ArticleRow.title)
        .order_by(ArticleRow.id.desc())
        .limit(ARTICLE_CHOICES)
        .subquery()
    )
    return {
        "articles": _df(store, select(newest).order_by(newest.c.id)),
        "sources": _df(
            store,
            select(SourceRow.id, SourceRow.name, func.count(ClaimRow.id).label("n"))
            .join(ClaimRow, ClaimRow.claimant_source_id == SourceRow.id)
            .group_by(SourceRow.id, SourceRow.name)
            .order_by(func.count(ClaimRow.id).desc()),
        ),
        "places": _df(
            store,
            select(PlaceRow.id, PlaceRow.name, func.count(PlaceMentionRow.id).label("n"))
            .join(PlaceMentionRow, PlaceMentionRow.place_id == PlaceRow.id)
            .where(PlaceMentionRow.role == "literal")
            .group_by(PlaceRow.id, PlaceRow.name)
            .order_by(func.count(PlaceMentionRow.id).desc()),
        ),
        "kinds": _df(store, select(ClaimRow.kind).distinct().order_by(ClaimRow.kind)),
    }


def claim_detail(store: Store, claim_id: int) -> dict | None:
    """The claim with its article's title, current status, last reviewer and assignee."""
    assigned = current_assignees()
    stmt = _status_of_rows(
        select(
            ClaimRow.id,
            ClaimRow.text,
            ClaimRow.score,
            ClaimRow.kind,
            ClaimRow.claimant,
            ClaimRow.article_id,
            ClaimRow.cluster_id,
            ClaimRow.start,
            ClaimRow.end,
            ArticleRow.title.label("article"),
            STATUS_LABEL.label("status"),
            ReviewRow.reviewer,
            assigned.c.assignee,
        )
        .select_from(ClaimRow)
        .join(ArticleRow, ArticleRow.id == ClaimRow.article_id)
        .outerjoin(assigned, assigned.c.claim_id == ClaimRow.id)
    ).where(ClaimRow.id == claim_id)
    df = _df(store, stmt)
    return None if df.empty else df.iloc[0].to_dict()


def cluster_members(
    store: Store, cluster_id: int, exclude_claim: int | None = None
) -> pd.DataFrame:
    """The other copies of a claim: same cluster, any article, with their current status."""
    stmt = _status_of_rows(
        select(
            ClaimRow.id,
            ClaimRow.text,
            ClaimRow.article_id,
            ArticleRow.title.label("article"),
            STATUS_LABEL.label("status"),
            ReviewRow.reviewer,
        )
        .select_from(ClaimRow)
        .join(ArticleRow, ArticleRow.id == ClaimRow.article_id)
    ).where(ClaimRow.cluster_id == cluster_id)
    if exclude_claim is not None:
        stmt = stmt.where(ClaimRow.id != exclude_claim)
    return _df(store, stmt.order_by(ClaimRow.article_id))


@content_only
def articles_table(store: Store, limit: int | None = None) -> pd.DataFrame:
    """Articles newest first with their claim and quote counts (the newest `limit` only).

    The counts are correlated subqueries on indexed columns, so only the listed rows pay.
    """
    n_claims = (
        select(func.count(ClaimRow.id))
        .where(ClaimRow.article_id == ArticleRow.id)
        .correlate(ArticleRow)
        .scalar_subquery()
    )
    n_quotes = (
        select(func.count(QuoteRow.id))
        .where(QuoteRow.article_id == ArticleRow.id)
        .correlate(ArticleRow)
        .scalar_subquery()
    )
    stmt = select(
        ArticleRow.id,
        ArticleRow.title,
        ArticleRow.publisher,
        ArticleRow.author,
        ArticleRow.published_at,
        ArticleRow.url,
        ArticleRow.lang,
        ArticleRow.analysed,
        ArticleRow.filename,
        ArticleRow.n_words.label("words"),
        n_claims.label("claims"),
        n_quotes.label("quotes"),
        ArticleRow.ingested_at,
        ArticleRow.ingested_by,
    ).order_by(ArticleRow.id.desc())
    if limit is not None:
        stmt = stmt.limit(limit)
    return _df(store, stmt)


def article_detail(store: Store, article_id: int) -> dict | None:
    """The article row with its claims (with status), quotes (with source) and place mentions."""
    with store.engine.connect() as conn:
        row = conn.execute(select(ArticleRow).where(ArticleRow.id == article_id)).mappings().first()
    if row is None:
        return None
    claims, _ = claims_table(store, ClaimFilter(article_ids=(article_id,)), limit=10_000)
    quotes = _df(
        store,
        select(
            QuoteRow.id,
            QuoteRow.start,
            QuoteRow.end,
            QuoteRow.kind,
            QuoteRow.cue,
            QuoteRow.speaker_start,
            QuoteRow.speaker_end,
            func.coalesce(SourceRow.name, QuoteRow.speaker_text).label("source"),
            SourceRow.kind.label("source_kind"),
        )
        .outerjoin(SourceRow, SourceRow.id == QuoteRow.source_id)
        .where(QuoteRow.article_id == article_id)
        .order_by(QuoteRow.start),
    )
    places = _df(
        store,
        select(
            PlaceMentionRow.start,
            PlaceMentionRow.end,
            PlaceMentionRow.surface,
            PlaceMentionRow.role,
            PlaceMentionRow.confidence,
            PlaceRow.id.label("place_id"),
            PlaceRow.name.label("place"),
            PlaceRow.country_code,
            PlaceRow.lat,
            PlaceRow.lon,
        )
        .outerjoin(PlaceRow, PlaceRow.id == PlaceMentionRow.place_id)
        .where(PlaceMentionRow.article_id == article_id)
        .order_by(PlaceMentionRow.start),
    )
    return {"article": dict(row), "claims": claims, "quotes": quotes, "places": places}


@content_only
def collection_counts(store: Store) -> dict[str, int]:
    """Articles, claims, quotes, distinct quoted sources and distinct literal places."""
    with store.engine.connect() as conn:
        return {
            "articles": conn.scalar(select(func.count()).select_from(ArticleRow)) or 0,
            "claims": conn.scalar(select(func.count()).select_from(ClaimRow)) or 0,
            "quotes": conn.scalar(select(func.count()).select_from(QuoteRow)) or 0,
            "sources": conn.scalar(select(func.count(distinct(QuoteRow.source_id)))) or 0,
            "places": conn.scalar(
                select(func.count(distinct(PlaceMentionRow.place_id))).where(
                    PlaceMentionRow.role == "literal"
                )
            )
            or 0,
        }


def overview(store: Store) -> dict:
    """Collection-wide counts, review progress, top sources and most-mentioned places."""
    counts = collection_counts(store)
    progress = _status_totals(store, counts["claims"])
    return {
        "counts": counts,
        "progress": progress,
        "top_sources": sources_summary(store).head(10),
        "top_places": places_summary(store, review_states=False).head(10),
    }


def _reviewed_status_counts(store: Store) -> dict[str, int]:
    """Reviewed claims by current status, read from the reviews (not from every claim); claims
    set back to "unreviewed" are left out (they count as unreviewed)."""
    latest = latest_review_ids()
    stmt = (
        select(StatusRow.label, func.count())
        .select_from(latest)
        .join(ReviewRow, ReviewRow.id == latest.c.review_id)
        .join(StatusRow, StatusRow.id == ReviewRow.status_id)
        .where(StatusRow.label != UNREVIEWED)
        .group_by(StatusRow.label)
    )
    with store.engine.connect() as conn:
        return {str(label): int(n) for label, n in conn.execute(stmt)}


def _status_totals(store: Store, n_claims: int) -> pd.DataFrame:
    """Claims by current status (columns status, claims): the reviewed ones counted from the
    reviews, the rest unreviewed; statuses no claim holds are left out."""
    reviewed = _reviewed_status_counts(store)
    rows = {UNREVIEWED: n_claims - sum(reviewed.values()), **reviewed}
    return pd.DataFrame(
        [(k, v) for k, v in rows.items() if v > 0], columns=["status", "claims"]
    ).astype({"claims": "int64"})


@content_only
def sources_summary(store: Store, article_id: int | None = None) -> pd.DataFrame:
    """Quotes per source, split direct / indirect / mixed, with kind and affiliation."""
    stmt = (
        select(
            SourceRow.id,
            SourceRow.name,
            SourceRow.kind,
            SourceRow.affiliation,
            func.sum(case((QuoteRow.kind == "direct", 1), else_=0)).label("direct"),
            func.sum(case((QuoteRow.kind == "indirect", 1), else_=0)).label("indirect"),
            func.sum(case((QuoteRow.kind == "mixed", 1), else_=0)).label("mixed"),
            func.count(QuoteRow.id).label("quotes"),
            func.count(distinct(QuoteRow.article_id)).label("articles"),
        )
        .join(QuoteRow, QuoteRow.source_id == SourceRow.id)
        .group_by(SourceRow.id, SourceRow.name, SourceRow.kind, SourceRow.affiliation)
        .order_by(func.count(QuoteRow.id).desc(), SourceRow.name)
    )
    if article_id is not None:
        stmt = stmt.where(QuoteRow.article_id == article_id)
    return _df(store, stmt)


@content_only
def quotes_of_source(
    store: Store,
    source_id: int,
    article_id: int | None = None,
    context_chars: int = 160,
    limit: int | None = None,
    after: tuple[int, int, int] | None = None,
) -> pd.DataFrame:
    """A source's quotes with their article and a window of surrounding text, in article and
    text order; `limit` rows after the quote keyed `after` (article_id, start, id) when given."""
    stmt = (
        select(
            QuoteRow.id,
            QuoteRow.text.label("quote"),
            QuoteRow.kind,
            QuoteRow.cue,
            QuoteRow.start,
            QuoteRow.end,
            QuoteRow.article_id,
            ArticleRow.title.label("article"),
            func.substr(
                ArticleRow.text,
                case(
                    (QuoteRow.start - context_chars < 1, 1),
                    else_=QuoteRow.start - context_chars + 1,
                ),
                QuoteRow.end - QuoteRow.start + 2 * context_chars,
            ).label("context"),
        )
        .join(ArticleRow, ArticleRow.id == QuoteRow.article_id)
        .where(QuoteRow.source_id == source_id)
    )
    if article_id is not None:
        stmt = stmt.where(QuoteRow.article_id == article_id)
    order = (QuoteRow.article_id, QuoteRow.start, QuoteRow.id)
    if after is not None:
        stmt = stmt.where(tuple_(*order) > tuple_(*after))
    stmt = stmt.order_by(*order)
    return _df(store, stmt if limit is None else stmt.limit(limit))


#: How a place's bubble is coloured from the statuses of the claims that mention it.
PLACE_STATE_ORDER = ("false", "disputed", "verified", "in progress", "inconclusive", "unreviewed")


def places_summary(
    store: Store, article_id: int | None = None, *, review_states: bool = True
) -> pd.DataFrame:
    """Resolved places with mention counts and the review state of the claims mentioning them.

    `review_states=False` skips the claim join (columns review_state and claims are left out).
    The counts are content aggregates; only the reviewed claims' part is read on each call.
    """
    places = place_counts(store, article_id)
    if not review_states:
        return places
    per_place = _place_claim_counts(store, article_id)
    reviewed = _place_reviewed_counts(store, article_id)
    if per_place.empty:
        places["review_state"] = "no claims"
        places["claims"] = 0
        return places
    # claims not reviewed: each place's claims less its reviewed ones
    done = reviewed.groupby("place_id")["n"].sum() if not reviewed.empty else pd.Series()
    unreviewed = per_place.set_index("place_id")["n"].sub(done, fill_value=0)
    unreviewed = unreviewed[unreviewed > 0]
    states = pd.concat(
        [
            reviewed,
            pd.DataFrame(
                {"place_id": unreviewed.index, "status": UNREVIEWED, "n": unreviewed.values}
            ),
        ],
        ignore_index=True,
    )
    # one pass over the (place, status) counts, not one DataFrame filter per place
    rank = {label: i for i, label in enumerate(PLACE_STATE_ORDER)}
    ranked = states.assign(rank=states["status"].map(rank).fillna(len(rank)))
    first = ranked.sort_values(["place_id", "rank"], kind="stable").drop_duplicates("place_id")
    places["review_state"] = (
        places["id"].map(first.set_index("place_id")["status"]).fillna("no claims")
    )
    places["claims"] = places["id"].map(per_place.set_index("place_id")["n"]).fillna(0).astype(int)
    return places


def _claims_at_places(stmt: Select, article_id: int | None) -> Select:
    """`stmt` over claims joined to the literal, resolved place mentions inside them."""
    return stmt.join(
        PlaceMentionRow,
        and_(
            ClaimRow.article_id == PlaceMentionRow.article_id,
            ClaimRow.start <= PlaceMentionRow.start,
            ClaimRow.end >= PlaceMentionRow.end,
        ),
    ).where(
        PlaceMentionRow.place_id.is_not(None),
        PlaceMentionRow.role == "literal",
        *([PlaceMentionRow.article_id == article_id] if article_id is not None else []),
    )


@content_only
def _place_claim_counts(store: Store, article_id: int | None) -> pd.DataFrame:
    """Claims mentioning each place (columns place_id, n)."""
    stmt = select(
        PlaceMentionRow.place_id, func.count(distinct(ClaimRow.id)).label("n")
    ).select_from(ClaimRow)
    return _df(store, _claims_at_places(stmt, article_id).group_by(PlaceMentionRow.place_id))


def _place_reviewed_counts(store: Store, article_id: int | None) -> pd.DataFrame:
    """Reviewed claims mentioning each place, by current status (columns place_id, status, n),
    driven from the reviews; claims set back to "unreviewed" are left out."""
    latest = latest_review_ids()
    stmt = (
        select(
            PlaceMentionRow.place_id,
            StatusRow.label.label("status"),
            func.count(distinct(ClaimRow.id)).label("n"),
        )
        .select_from(latest)
        .join(ReviewRow, ReviewRow.id == latest.c.review_id)
        .join(StatusRow, StatusRow.id == ReviewRow.status_id)
        .join(ClaimRow, ClaimRow.id == latest.c.claim_id)
    )
    stmt = _claims_at_places(stmt, article_id).where(StatusRow.label != UNREVIEWED)
    return _df(store, stmt.group_by(PlaceMentionRow.place_id, StatusRow.label))


@content_only
def place_counts(store: Store, article_id: int | None = None) -> pd.DataFrame:
    """Resolved places with their literal mentions and the articles mentioning them, most
    mentioned first."""
    stmt = (
        select(
            PlaceRow.id,
            PlaceRow.name,
            PlaceRow.lat,
            PlaceRow.lon,
            PlaceRow.country_code,
            PlaceRow.feature,
            PlaceRow.gazetteer_id,
            func.count(PlaceMentionRow.id).label("mentions"),
            func.count(distinct(PlaceMentionRow.article_id)).label("articles"),
        )
        .join(PlaceMentionRow, PlaceMentionRow.place_id == PlaceRow.id)
        .where(PlaceMentionRow.role == "literal")
        .group_by(
            PlaceRow.id,
            PlaceRow.name,
            PlaceRow.lat,
            PlaceRow.lon,
            PlaceRow.country_code,
            PlaceRow.feature,
            PlaceRow.gazetteer_id,
        )
        .order_by(func.count(PlaceMentionRow.id).desc())
    )
    if article_id is not None:
        stmt = stmt.where(PlaceMentionRow.article_id == article_id)
    return _df(store, stmt)


def place_mentions(
    store: Store,
    place_id: int,
    article_id: int | None = None,
    limit: int | None = None,
    after: tuple[int, int, int] | None = None,
) -> pd.DataFrame:
    """Where a place is mentioned, with the claim (if any) each mention sits in, in article and
    text order; `limit` rows after the mention keyed `after` (article_id, start, id) when given
    (a keyset page: a place named 50,000 times is read a page at a time)."""
    stmt = _status_of_rows(
        select(
            PlaceMentionRow.id,
            PlaceMentionRow.surface,
            PlaceMentionRow.article_id,
            ArticleRow.title.label("article"),
            PlaceMentionRow.start,
            PlaceMentionRow.confidence,
            ClaimRow.id.label("claim_id"),
            ClaimRow.text.label("claim"),
            STATUS_LABEL.label("status"),
        )
        .select_from(PlaceMentionRow)
        .join(ArticleRow, ArticleRow.id == PlaceMentionRow.article_id)
        .outerjoin(
            ClaimRow,
            and_(
                ClaimRow.article_id == PlaceMentionRow.article_id,
                ClaimRow.start <= PlaceMentionRow.start,
                ClaimRow.end >= PlaceMentionRow.end,
            ),
        )
    ).where(PlaceMentionRow.place_id == place_id)
    if article_id is not None:
        stmt = stmt.where(PlaceMentionRow.article_id == article_id)
    order = (PlaceMentionRow.article_id, PlaceMentionRow.start, PlaceMentionRow.id)
    if after is not None:
        stmt = stmt.where(tuple_(*order) > tuple_(*after))
    stmt = stmt.order_by(*order)
    return _df(store, stmt if limit is None else stmt.limit(limit))


@content_only
def place_mention_count(store: Store, place_id: int, article_id: int | None = None) -> int:
    """How many mentions `place_mentions` lists in all."""
    stmt = select(func.count()).where(PlaceMentionRow.place_id == place_id)
    if article_id is not None:
        stmt = stmt.where(PlaceMentionRow.article_id == article_id)
    with store.engine.connect() as conn:
        return int(conn.scalar(stmt) or 0)


@content_only
def place_claim_count(store: Store, place_id: int, article_id: int | None = None) -> int:
    """How many claims mention the place (what the claims page filtered on it lists)."""
    f = ClaimFilter(place_ids=(place_id,), article_ids=(article_id,) if article_id else ())
    stmt = select(func.count(ClaimRow.id)).where(*_claim_conditions(f, store.engine.dialect.name))
    with store.engine.connect() as conn:
        return int(conn.scalar(stmt) or 0)


@content_only
def place_surfaces(store: Store, place_id: int, article_id: int | None = None) -> list[str]:
    """The spellings a place is mentioned by (what a correction of it can name)."""
    stmt = select(PlaceMentionRow.surface).distinct().where(PlaceMentionRow.place_id == place_id)
    if article_id is not None:
        stmt = stmt.where(PlaceMentionRow.article_id == article_id)
    with store.engine.connect() as conn:
        return sorted(conn.scalars(stmt))


@content_only
def unresolved_toponyms(store: Store, article_id: int | None = None) -> pd.DataFrame:
    """Place names recognised but not resolved, most frequent first (optionally one article)."""
    stmt = (
        select(
            PlaceMentionRow.surface,
            func.count().label("mentions"),
            func.count(distinct(PlaceMentionRow.article_id)).label("articles"),
        )
        .where(PlaceMentionRow.place_id.is_(None), PlaceMentionRow.role == "literal")
        .group_by(PlaceMentionRow.surface)
        .order_by(func.count().desc(), PlaceMentionRow.surface)
    )
    if article_id is not None:
        stmt = stmt.where(PlaceMentionRow.article_id == article_id)
    return _df(store, stmt)


def claim_status_counts(store: Store, f: ClaimFilter = ClaimFilter()) -> pd.DataFrame:
    """How many claims matching the filter hold each current status (columns status, claims)."""
    if f == ClaimFilter():
        totals = _status_totals(store, collection_counts(store)["claims"])
        return totals.sort_values("status").reset_index(drop=True)
    stmt = (
        _status_joined(
            select(
                STATUS_LABEL.label("status"), func.count(ClaimRow.id).label("claims")
            ).select_from(ClaimRow)
        )
        .where(*_claim_conditions(f, store.engine.dialect.name))
        .group_by(STATUS_LABEL)
        .order_by(STATUS_LABEL)
    )
    return _df(store, stmt)


@content_only
def article_choices(store: Store, also: tuple[int, ...] = ()) -> pd.DataFrame:
    """Articles to pick from (id, title, publisher, published_at), newest first: the newest
    ARTICLE_CHOICES and the ones in `also` (say, the one a link opened)."""
    cols = (ArticleRow.id, ArticleRow.title, ArticleRow.publisher, ArticleRow.published_at)
    newest = _df(store, select(*cols).order_by(ArticleRow.id.desc()).limit(ARTICLE_CHOICES))
    wanted = sorted(set(also) - set(newest["id"]))
    if not wanted:
        return newest
    more = _df(store, select(*cols).where(ArticleRow.id.in_(wanted)))
    return pd.concat([newest, more], ignore_index=True).sort_values("id", ascending=False)


@content_only
def quote_totals(store: Store, article_id: int | None = None) -> dict[str, int]:
    """Quote counts: all, attributed to a source, by source kind, and by quote kind."""
    cond = [QuoteRow.article_id == article_id] if article_id is not None else []
    with store.engine.connect() as conn:
        total = conn.scalar(select(func.count(QuoteRow.id)).where(*cond)) or 0
        by_mode = dict(
            conn.execute(
                select(QuoteRow.kind, func.count(QuoteRow.id)).where(*cond).group_by(QuoteRow.kind)
            ).all()
        )
        by_source_kind = dict(
            conn.execute(
                select(SourceRow.kind, func.count(QuoteRow.id))
                .join(SourceRow, SourceRow.id == QuoteRow.source_id)
                .where(*cond)
                .group_by(SourceRow.kind)
            ).all()
        )
    out = {"quotes": int(total), "attributed": int(sum(by_source_kind.values()))}
    out.update({m: int(by_mode.get(m, 0)) for m in ("direct", "indirect", "mixed")})
    out.update({f"source_{k}": int(v) for k, v in by_source_kind.items()})
    return out


# -- dates claims speak of, and the timeline -------------------------------------------------

#: Most points the timeline draws (dates, and articles, each): the earliest ones in the range.
TIMELINE_POINTS = 5_000


def _dated_claims(f: ClaimFilter, dialect: str) -> Select:
    """Claim dates joined to their claim and article, under the claims filter."""
    stmt = (
        select(
            ClaimDateRow.id,
            ClaimDateRow.claim_id,
            ClaimDateRow.start,
            ClaimDateRow.end,
            ClaimDateRow.text,
            ClaimDateRow.rule,
            ClaimDateRow.value,
            ClaimDateRow.last_day,
            ClaimDateRow.precision,
            ClaimDateRow.anchor,
            ClaimRow.article_id,
            ArticleRow.published_at,
            ArticleRow.document_date,
            ArticleRow.ingested_at,
        )
        .select_from(ClaimDateRow)
        .join(ClaimRow, ClaimRow.id == ClaimDateRow.claim_id)
        .join(ArticleRow, ArticleRow.id == ClaimRow.article_id)
    )
    return stmt.where(*_claim_conditions(f, dialect))


def _as_of(df: pd.DataFrame) -> pd.Series:
    """The anchor date each relative date was resolved against (None for absolute ones)."""
    ingested = pd.to_datetime(df["ingested_at"]).dt.date
    by_anchor = {"published": df["published_at"], "document": df["document_date"]}
    out = pd.Series([None] * len(df), index=df.index, dtype=object)
    for kind, values in [*by_anchor.items(), ("ingested", ingested)]:
        mask = df["anchor"] == kind
        out[mask] = values[mask]
    return out


def claim_dates(
    store: Store, f: ClaimFilter = ClaimFilter(), claim_id: int | None = None
) -> pd.DataFrame:
    """Every date of the claims matching the filter (or of one claim), resolved or not, in text
    order, with the anchor date it was resolved against (`as_of`)."""
    stmt = _dated_claims(f, store.engine.dialect.name)
    if claim_id is not None:
        stmt = stmt.where(ClaimDateRow.claim_id == claim_id)
    df = _df(store, stmt.order_by(ClaimDateRow.claim_id, ClaimDateRow.start))
    df["as_of"] = _as_of(df) if not df.empty else []
    return df.drop(columns=["published_at", "document_date", "ingested_at"])


def _timeline_stmt(
    store: Store,
    f: ClaimFilter,
    date_from: dt.date | None,
    date_to: dt.date | None,
    anchors: tuple[str, ...],
) -> Select:
    """The resolved claim dates `timeline_dates` lists (before the claim and status columns)."""
    stmt = _dated_claims(f, store.engine.dialect.name).where(ClaimDateRow.value.is_not(None))
    if date_from is not None:
        stmt = stmt.where(ClaimDateRow.last_day >= date_from)
    if date_to is not None:
        stmt = stmt.where(ClaimDateRow.value <= date_to)
    if anchors:
        stmt = stmt.where(ClaimDateRow.anchor.in_(anchors))
    return stmt


def _timeline_count(
    store: Store,
    f: ClaimFilter,
    date_from: dt.date | None,
    date_to: dt.date | None,
    anchors: tuple[str, ...],
) -> int:
    stmt = _timeline_stmt(store, f, date_from, date_to, anchors)
    with store.engine.connect() as conn:
        return conn.scalar(select(func.count()).select_from(stmt.subquery())) or 0


#: The count without a status filter depends on content only.
_timeline_content_count = content_only(_timeline_count)


def timeline_dates(
    store: Store,
    f: ClaimFilter = ClaimFilter(),
    date_from: dt.date | None = None,
    date_to: dt.date | None = None,
    anchors: tuple[str, ...] = (),
    limit: int = TIMELINE_POINTS,
) -> tuple[pd.DataFrame, int]:
    """Resolved claim dates whose period meets [date_from, date_to], earliest first (at most
    `limit`), with the claim, its article and status; and how many there are in all."""
    count = _timeline_count if f.statuses else _timeline_content_count
    total = count(store, f, date_from, date_to, anchors)
    stmt = _timeline_stmt(store, f, date_from, date_to, anchors)
    stmt = _status_of_rows(stmt).add_columns(
        ClaimRow.text.label("claim"),
        ClaimRow.kind,
        ClaimRow.score,
        ArticleRow.title.label("article"),
        STATUS_LABEL.label("status"),
    )
    df = _df(store, stmt.order_by(ClaimDateRow.value, ClaimDateRow.id).limit(limit))
    df["as_of"] = _as_of(df) if not df.empty else []
    df["article"] = df["article"].fillna("(untitled)")
    return df.drop(columns=["published_at", "document_date", "ingested_at"]), int(total)


def _timeline_day_counts(
    store: Store,
    f: ClaimFilter,
    date_from: dt.date | None,
    date_to: dt.date | None,
    anchors: tuple[str, ...],
) -> pd.DataFrame:
    sub = _timeline_stmt(store, f, date_from, date_to, anchors).subquery()
    stmt = select(sub.c.value.label("day"), func.count().label("n")).group_by(sub.c.value)
    return _df(store, stmt.order_by(sub.c.value))


_timeline_content_day_counts = content_only(_timeline_day_counts)


def timeline_day_counts(
    store: Store,
    f: ClaimFilter = ClaimFilter(),
    date_from: dt.date | None = None,
    date_to: dt.date | None = None,
    anchors: tuple[str, ...] = (),
) -> pd.DataFrame:
    """How many resolved claim dates `timeline_dates` would list start on each day (columns
    day, n): what a timeline too dense for points draws, binned (claimdesk.timeline_bins)."""
    count = _timeline_day_counts if f.statuses else _timeline_content_day_counts
    return count(store, f, date_from, date_to, anchors)


def _article_day(store: Store) -> ColumnElement:
    """An article's timeline day: its publication date, else its file's date, else the day it
    was uploaded (one date column on both dialects)."""
    if store.engine.dialect.name == "sqlite":
        uploaded: ColumnElement = func.date(ArticleRow.ingested_at)
    else:
        uploaded = cast(ArticleRow.ingested_at, Date)
    return func.coalesce(ArticleRow.published_at, ArticleRow.document_date, uploaded)


@content_only
def timeline_article_day_counts(
    store: Store,
    article_ids: tuple[int, ...] = (),
    date_from: dt.date | None = None,
    date_to: dt.date | None = None,
) -> pd.DataFrame:
    """How many articles `timeline_articles` would list fall on each day (columns day, n)."""
    day = _article_day(store)
    stmt = select(day.label("day"), func.count().label("n")).group_by(day)
    if article_ids:
        stmt = stmt.where(ArticleRow.id.in_(article_ids))
    if date_from is not None:
        stmt = stmt.where(day >= date_from)
    if date_to is not None:
        stmt = stmt.where(day <= date_to)
    df = _df(store, stmt.order_by(day))
    df["day"] = [_day(v) for v in df["day"]]
    return df


def timeline_histogram(
    store: Store,
    f: ClaimFilter = ClaimFilter(),
    date_from: dt.date | None = None,
    date_to: dt.date | None = None,
    anchors: tuple[str, ...] = (),
) -> tuple[str, pd.DataFrame, pd.DataFrame]:
    """A timeline too dense for points: the unit (day, week, month or year) and the claim
    dates and the articles counted per period of it (frames first, last, n)."""
    claim_days = timeline_day_counts(store, f, date_from, date_to, anchors)
    article_days = timeline_article_day_counts(store, f.article_ids, date_from, date_to)
    unit = timeline_bins.choose_unit([*claim_days["day"], *article_days["day"]])
    return unit, timeline_bins.binned(claim_days, unit), timeline_bins.binned(article_days, unit)


@content_only
def timeline_articles(
    store: Store,
    article_ids: tuple[int, ...] = (),
    date_from: dt.date | None = None,
    date_to: dt.date | None = None,
) -> pd.DataFrame:
    """Articles on the timeline: `date` is the stated publication date, else the file's date,
    else the upload date, and `dated_by` says which (published | document | ingested)."""
    # the date as one sortable column (a date, else a timestamp: upload day and time), so the
    # range and the first TIMELINE_POINTS are chosen in SQL, not by reading every article
    when = func.coalesce(ArticleRow.published_at, ArticleRow.document_date, ArticleRow.ingested_at)
    stmt = select(
        ArticleRow.id,
        ArticleRow.title,
        ArticleRow.publisher,
        ArticleRow.published_at,
        ArticleRow.document_date,
        ArticleRow.ingested_at,
    )
    if article_ids:
        stmt = stmt.where(ArticleRow.id.in_(article_ids))
    if date_from is not None:
        stmt = stmt.where(when >= date_from)
    if date_to is not None:
        stmt = stmt.where(when < date_to + dt.timedelta(days=1))
    df = _df(store, stmt.order_by(when, ArticleRow.id).limit(TIMELINE_POINTS))
    ingested = pd.to_datetime(df["ingested_at"]).dt.date
    df["date"] = df["published_at"].where(
        df["published_at"].notna(), df["document_date"].where(df["document_date"].notna(), ingested)
    )
    df["dated_by"] = "ingested"
    df.loc[df["document_date"].notna(), "dated_by"] = "document"
    df.loc[df["published_at"].notna(), "dated_by"] = "published"
    df["title"] = df["title"].fillna("(untitled)")
    df = df.sort_values(["date", "id"], kind="stable")
    return df[["id", "title", "publisher", "date", "dated_by"]].reset_index(drop=True)


@content_only
def timeline_bounds(store: Store) -> tuple[dt.date, dt.date] | None:
    """The earliest and latest resolved claim date or article date (None: nothing dated)."""
    with store.engine.connect() as conn:
        lo, hi = conn.execute(
            select(func.min(ClaimDateRow.value), func.max(ClaimDateRow.last_day))
        ).one()
        a_lo, a_hi = conn.execute(
            select(
                func.min(func.coalesce(ArticleRow.published_at, ArticleRow.document_date)),
                func.max(func.coalesce(ArticleRow.published_at, ArticleRow.document_date)),
            )
        ).one()
        i_lo, i_hi = conn.execute(
            select(func.min(ArticleRow.ingested_at), func.max(ArticleRow.ingested_at))
        ).one()
    days = [_day(v) for v in (lo, hi, a_lo, a_hi, i_lo, i_hi) if v is not None]
    return (min(days), max(days)) if days else None


def _day(value: object) -> dt.date:
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    return dt.date.fromisoformat(str(value)[:10])


# -- figures and their conflicts -------------------------------------------------------------

_CONFLICTS: dict[str, tuple[tuple, ConflictReport]] = {}
_CONFLICTS_LOCK = threading.Lock()


def figure_facts(store: Store) -> list[FigureFact]:
    """Every stored figure that measures something recognisable, with its claim's article,
    cluster and publication date: what conflict detection reads."""
    stmt = (
        select(
            ClaimFigureRow.id,
            ClaimFigureRow.claim_id,
            ClaimRow.article_id,
            ClaimRow.cluster_id,
            ClaimFigureRow.low,
            ClaimFigureRow.high,
            ClaimFigureRow.unit,
            ClaimFigureRow.qualifier,
            ClaimFigureRow.key,
            ClaimFigureRow.subject,
            ClaimFigureRow.period,
            ArticleRow.published_at,
            ClaimFigureRow.text,
        )
        .join(ClaimRow, ClaimRow.id == ClaimFigureRow.claim_id)
        .join(ArticleRow, ArticleRow.id == ClaimRow.article_id)
        .where(ClaimFigureRow.key != "")
    )
    with store.engine.connect() as conn:
        return [FigureFact(*row) for row in conn.execute(stmt)]


def figure_conflicts(store: Store) -> ConflictReport:
    """Groups of figures that disagree across articles (claimdesk.conflicts).

    Kept per database until its content changes (the content counter, claimdesk.store.
    aggregates), so reviews (which change the counter the pages cache on) do not recompute it;
    shared, not copied: callers only read it."""
    stamp = (store.content_counter(),)
    url = str(store.url)
    with _CONFLICTS_LOCK:
        known = _CONFLICTS.get(url)
        if known is not None and known[0] == stamp:
            return known[1]
    report = find_conflicts(figure_facts(store))
    with _CONFLICTS_LOCK:
        _CONFLICTS[url] = (stamp, report)
    return report


def claim_figures(store: Store, claim_ids: tuple[int, ...]) -> pd.DataFrame:
    """The figures of these claims (offsets into their article's text)."""
    stmt = (
        select(
            ClaimFigureRow.id,
            ClaimFigureRow.claim_id,
            ClaimFigureRow.start,
            ClaimFigureRow.end,
            ClaimFigureRow.text,
            ClaimFigureRow.low,
            ClaimFigureRow.high,
            ClaimFigureRow.unit,
            ClaimFigureRow.qualifier,
            ClaimFigureRow.quantity,
            ClaimFigureRow.event,
            ClaimFigureRow.key,
        )
        .where(ClaimFigureRow.claim_id.in_(claim_ids))
        .order_by(ClaimFigureRow.claim_id, ClaimFigureRow.start)
    )
    return _df(store, stmt)


def claims_side_by_side(store: Store, claim_ids: tuple[int, ...]) -> pd.DataFrame:
    """These claims with their article (title, publisher, date), claimant and status, in the
    order asked: what the conflicting-figures view shows next to each other."""
    stmt = _status_of_rows(
        select(
            ClaimRow.id,
            ClaimRow.text,
            ClaimRow.start,
            ClaimRow.end,
            ClaimRow.claimant,
            ClaimRow.article_id,
            ArticleRow.title.label("article"),
            ArticleRow.publisher,
            ArticleRow.published_at,
            STATUS_LABEL.label("status"),
        )
        .select_from(ClaimRow)
        .join(ArticleRow, ArticleRow.id == ClaimRow.article_id)
    ).where(ClaimRow.id.in_(claim_ids))
    df = _df(store, stmt)
    order = {cid: i for i, cid in enumerate(claim_ids)}
    if not df.empty:
        df = df.sort_values("id", key=lambda ids: ids.map(order)).reset_index(drop=True)
        df["article"] = df["article"].fillna("(untitled)")
    return df
