"""Claims: the ranked, filterable list and the review panel."""

from __future__ import annotations

import streamlit as st

from claimdesk import assignments, review
from claimdesk.store import queries
from components import frame, params
from components.assign_panel import assign_form, assignee_filter
from components.auth import current_identity
from components.claim_header import claim_header
from components.claim_table import claim_editor
from components.data import cached, store
from components.factcheck_panel import claim_factchecks, fact_checked_filter, with_factcheck_columns
from components.figure_conflicts import conflict_groups
from components.pickers import articles_filter
from components.review_panel import history_view, review_form
from components.safe import md
from components.tables import table

PAGE_SIZE = 50


def filters(statuses: list[str]) -> queries.ClaimFilter:
    opts = cached(queries.claim_filter_options)
    sources = dict(zip(opts["sources"]["id"], opts["sources"]["name"], strict=True))
    places = dict(zip(opts["places"]["id"], opts["places"]["name"], strict=True))
    with st.container(border=True):
        c1, c2, c3 = st.columns([2, 1, 1])
        search = params.text_input(
            "Search claims", param="q", key="f_search", placeholder="words in the claim"
        )
        with c1:
            article_ids = articles_filter(key="f_article")
        with c2:
            chosen_statuses = params.multiselect("Status", statuses, param="status", key="f_status")
        with c3:
            kinds = params.multiselect(
                "Kind", list(opts["kinds"]["kind"]), param="kind", key="f_kind"
            )
        c4, c5, c6 = st.columns([1, 1, 1])
        with c4:
            source_ids = params.multiselect(
                "Claimant",
                list(sources),
                param="source",
                key="f_source",
                format_func=lambda i: sources.get(i, str(i)),
            )
        with c5:
            place_ids = params.multiselect(
                "Place",
                list(places),
                param="place",
                key="f_place",
                format_func=lambda i: places.get(i, str(i)),
            )
        with c6:
            min_score = params.slider(
                "Minimum score", 0.0, 1.0, param="min", key="f_min", default=0.0, step=0.05
            )
        identity = current_identity()
        c7, c8, c9 = st.columns([1, 1, 1], vertical_alignment="bottom")
        with c7:
            fact_checked = fact_checked_filter()
        with c8:
            conflicts_only = params.toggle(
                "Only conflicting figures",
                param="conflicts",
                key="f_conflicts",
                help="Claims whose numbers disagree with another article's on the same quantity",
            )
        with c9:  # single-user mode: nobody to assign claims to
            assignee = assignee_filter(identity.email) if identity.team_mode else ""
    conflicting = cached(queries.figure_conflicts).claim_ids if conflicts_only else None
    return queries.ClaimFilter(
        article_ids=tuple(article_ids),
        statuses=tuple(chosen_statuses),
        source_ids=tuple(source_ids),
        place_ids=tuple(place_ids),
        kinds=tuple(kinds),
        min_score=float(min_score),
        search=search.strip(),
        claim_ids=None if conflicting is None else tuple(sorted(conflicting)),
        fact_checked=fact_checked,
        assignee=assignee,
    )


def save(claim_ids: list[int], status: str, note: str = "", evidence: str = "") -> bool:
    reviewer = current_identity().reviewer
    try:
        review.record_review(store(), claim_ids, status, reviewer, note, evidence)
    except review.ReviewError as exc:
        st.error(md(str(exc)))
        return False
    st.session_state["claims_editor_v"] = st.session_state.get("claims_editor_v", 0) + 1
    st.toast(f"Saved: {len(claim_ids):,} claim(s) marked {md(status)}.")
    return True


def save_assignment(claim_ids: list[int], assignee: str | None) -> bool:
    try:
        new = assignments.assign(store(), claim_ids, assignee, current_identity().reviewer)
    except assignments.AssignmentError as exc:
        st.error(md(str(exc)))
        return False
    st.session_state["claims_editor_v"] = st.session_state.get("claims_editor_v", 0) + 1
    who = md(assignee) if assignee else "nobody"
    st.toast(f"Assigned {len(new):,} claim(s) to {who}.")
    return True


def detail(claim_id: int, all_statuses: list[review.Status]) -> None:
    info = claim_header(claim_id, all_statuses, with_score=True)
    if info is None:
        return
    st.page_link(
        "pages/article.py",
        label="Open the article",
        icon=":material/article:",
        query_params={"article": str(info["article_id"]), "claim": str(claim_id)},
    )
    claim_factchecks(claim_id)
    st.markdown("**History**")
    history_view(cached(review.history, claim_id), cached(assignments.history, claim_id))
    if info["cluster_id"] is not None:
        others = cached(queries.cluster_members, int(info["cluster_id"]), claim_id)
        st.markdown(f"**Same claim in other articles** ({len(others)})")
        if others.empty:
            st.caption("No other article carries this claim yet.")
        else:
            table(others[["article", "status", "reviewer", "text"]], key="cluster_table")


def conflicts(claim_id: int) -> None:
    """The claim's figures next to the other articles' figures they disagree with."""
    groups = cached(queries.figure_conflicts).groups_of(claim_id)
    if not groups:
        return
    st.markdown("#### Conflicting figures")
    ids = tuple(dict.fromkeys(c for g in groups for c in g.claim_ids))
    conflict_groups(
        groups,
        cached(queries.claims_side_by_side, ids),
        cached(queries.claim_figures, ids),
        focus=claim_id,
    )


def open_one(df) -> list[int]:
    """A keyboard-friendly way to open one claim; follows the `claim` query parameter."""
    labels = {
        int(i): f"{sc:.2f} · {t[:200]}"
        for i, sc, t in zip(df["id"], df["score"], df["text"], strict=True)
    }
    wanted = params.int_param("claim")
    if wanted and wanted not in labels:
        info = cached(queries.claim_detail, wanted)
        if info:
            labels[wanted] = f"{info['score']:.2f} · {info['text'][:200]}"
    options = [0, *labels]
    chosen = params.selectbox(
        "Open a claim",
        options,
        param="claim",
        key="f_open_claim",
        format_func=lambda i: labels.get(i, "— choose a claim —"),
    )
    return [chosen] if chosen else []


def claims_page(f: queries.ClaimFilter, page_no: int):
    """Page `page_no` of the claims: after the last claim of the page before it when this
    session has seen that page (keyset: paging on stays fast deep into a million claims), else
    by offset (a page opened by its number or link)."""
    cursors: dict = st.session_state.setdefault("claims_cursors", {})
    after = cursors.get((f, page_no))
    if after is not None:
        df, total = cached(
            queries.claims_table, f, limit=PAGE_SIZE, after=after, count_cap=queries.COUNT_CAP
        )
    else:
        df, total = cached(
            queries.claims_table,
            f,
            limit=PAGE_SIZE,
            offset=(page_no - 1) * PAGE_SIZE,
            count_cap=queries.COUNT_CAP,
        )
    if len(df) == PAGE_SIZE:
        if len(cursors) > 200:  # a long session: keep the newest
            cursors.pop(next(iter(cursors)))
        cursors[(f, page_no + 1)] = (float(df["score"].iloc[-1]), int(df["id"].iloc[-1]))
    return df, total


def render() -> None:
    st.title("Claims")
    all_statuses = cached(review.statuses)
    labels = [s.label for s in all_statuses]
    f = filters(labels)
    page_no = max(params.int_param("page") or 1, 1)
    df, total = claims_page(f, page_no)
    if total == 0:
        if cached(queries.collection_counts)["claims"] == 0:
            st.info("No claims yet. Upload articles (or load the demo) on the Upload page.")
            st.page_link("pages/upload.py", label="Go to Upload", icon=":material/upload_file:")
        else:
            st.info("No claim matches these filters. Clear a filter or lower the minimum score.")
        return
    capped = total > queries.COUNT_CAP
    if capped:  # more than queries.COUNT_CAP: pages up to as many as the collection could fill
        pages = (cached(queries.collection_counts)["claims"] + PAGE_SIZE - 1) // PAGE_SIZE
    else:
        pages = (total + PAGE_SIZE - 1) // PAGE_SIZE
    df["conflict"] = df["id"].isin(cached(queries.figure_conflicts).claim_ids)
    st.caption(
        (f"More than {queries.COUNT_CAP:,} claims" if capped else f"{total:,} claim(s)")
        + ", ranked by check-worthiness. Tick rows to review them together, "
        "or change a status right in the table."
    )
    version = st.session_state.get("claims_editor_v", 0)
    df = with_factcheck_columns(df)
    team_mode = current_identity().team_mode
    events = claim_editor(
        df,
        labels,
        key=f"claims_editor_{version}_{hash(f) % 10**8}_{page_no}",
        with_assignee=team_mode,
    )
    if pages > 1:
        new_page = st.number_input(
            f"Page (of {queries.COUNT_CAP // PAGE_SIZE:,}+)" if capped else f"Page (of {pages:,})",
            1,
            pages,
            value=min(page_no, pages),
            key="f_page",
        )
        if new_page != page_no:
            st.query_params["page"] = str(new_page)
            st.rerun()

    if events.status_changes:
        by_status: dict[str, list[int]] = {}
        for cid, status in events.status_changes.items():
            by_status.setdefault(status, []).append(cid)
        if all(save(ids, status) for status, ids in by_status.items()):
            st.session_state["claims_focus"] = events.selected
            st.rerun()

    kept = st.session_state.pop("claims_focus", [])  # ticks kept across a save's rerun
    focus = events.selected or kept or open_one(df)
    if not focus:
        st.caption("Tick a claim (or open one above) to review it, see its history and copies.")
        return
    st.query_params["claim"] = str(focus[0])
    left, right = st.columns([3, 2])
    with left:
        detail(focus[0], all_statuses)
    with right:
        current = df.set_index("id")["status"].get(focus[0]) if len(focus) == 1 else None
        submitted = review_form(len(focus), all_statuses, current=current, key="review_form")
        if submitted and save(focus, submitted.status, submitted.note, submitted.evidence_url):
            st.session_state.pop("review_form_shown_for", None)  # redraw from the new status
            st.rerun()
        if team_mode:
            assigned_now = (
                cached(assignments.current_assignee, focus[0]) if len(focus) == 1 else None
            )
            me = current_identity().email
            done, assignee = assign_form(len(focus), me, assigned_now, key="assign_form")
            if done and save_assignment(focus, assignee):
                st.session_state["claims_focus"] = events.selected
                st.rerun()
    conflicts(focus[0])


frame.page(render)
