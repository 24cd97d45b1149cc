"""Known fact-checks in the app: the import section of the Upload page, the claims filter and
table columns, and a claim's matches with Confirm / Reject.

Matches are read only (stored when articles are ingested and after an import); confirming or
rejecting one appends an event with the signed-in reviewer's name, like a review.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Any

import pandas as pd
import streamlit as st

from claimdesk import factchecks, settings
from claimdesk.factcheck_import import ImportResult, import_files
from claimdesk.store import factcheck_queries
from components import params
from components.auth import current_identity
from components.data import cached, store
from components.safe import md, safe_link
from components.tables import table

FILE_TYPES = ["json", "jsonld", "jsonl", "ndjson", "csv", "tsv", "html", "htm"]
OUTCOME_WORDS = {"added": "added", "duplicate": "nothing new", "failed": "failed"}


# ------------------------------------------------------------------------ Upload page
def import_section(*, key: str = "factchecks") -> None:
    """Upload fact-check files, import them (matching the stored claims after), show outcomes."""
    st.subheader("Known fact-checks")
    counts = cached(factcheck_queries.factcheck_counts)
    st.caption(
        f"{counts['factchecks']:,} fact-check(s) stored; {counts['matched_claims']:,} claim(s) "
        f"match one ({counts['confirmed']:,} match(es) confirmed). Claims are matched against "
        "them when articles are analysed and right after an import."
    )
    files = st.file_uploader(
        "Fact-check files: ClaimReview JSON-LD, fact-check pages (HTML), CSV, JSON Lines",
        type=FILE_TYPES,
        accept_multiple_files=True,
        key=f"{key}_files",
        help="CSV files need a claim column; rating, publisher, date, url and title are read "
        "when present. A file is imported whole or not at all.",
        max_upload_size=max(1, math.ceil(settings.limits().file_bytes / 2**20)),
    )
    if st.button("Import fact-checks", key=f"{key}_go"):
        if not files:
            st.warning("Choose one or more fact-check files first.")
        else:
            st.session_state[f"{key}_result"] = run_import([(f.name, f.getvalue()) for f in files])
            st.rerun()  # the counts above, and every page, read the new fact-checks
    result = st.session_state.get(f"{key}_result")
    if result is not None:
        import_outcome_table(result, key=key)


def run_import(files: list[tuple[str, bytes]]) -> ImportResult:
    """Imports the files for the signed-in reviewer, with a bar while claims are matched."""
    bar = st.progress(
        0.0,
        text=f"Importing {len(files):,} file(s) and indexing their new fact-checks for matching "
        "(about a minute per thousand)…",
    )

    def progress(done: int, total: int) -> None:
        bar.progress(done / max(total, 1), text=f"Matching claims: {done:,}/{total:,}")

    result = import_files(
        store(), files, imported_by=current_identity().reviewer, progress=progress
    )
    bar.empty()
    return result


def import_outcome_table(result: ImportResult, *, key: str) -> None:
    st.write(md(result.summary()))
    if result.match_error:
        st.warning(md(result.match_error))
    frame = pd.DataFrame(
        {
            "file": [o.name for o in result.outcomes],
            "outcome": [OUTCOME_WORDS.get(o.status, o.status) for o in result.outcomes],
            "added": [o.added for o in result.outcomes],
            "duplicates": [o.duplicates for o in result.outcomes],
            "details": [o.message for o in result.outcomes],
        }
    )
    table(frame, key=f"{key}_outcomes")


# ------------------------------------------------------------------------ Claims page
def fact_checked_filter(*, key: str = "f_factchecked") -> str:
    """The claims filter on known fact-checks (query parameter `fc`)."""
    choices = factcheck_queries.FACT_CHECKED_CHOICES
    return str(
        params.selectbox(
            "Known fact-checks",
            list(choices),
            param="fc",
            key=key,
            format_func=lambda c: choices.get(c, c),
        )
    )


def describe_match(row: dict[str, Any]) -> str:
    """'False · PolitiFact · 2023-05-02' (plain text: the caller escapes it for Markdown)."""
    parts = [row.get("rating") or "no rating", row.get("publisher") or "unknown publisher"]
    date = row.get("published_at")
    if date is not None and not (isinstance(date, float) and math.isnan(date)):
        parts.append(str(date)[:10])
    return " · ".join(str(p) for p in parts)


def with_factcheck_columns(df: pd.DataFrame) -> pd.DataFrame:
    """The claims page's frame with its closest known fact-check per claim: `fact_check`
    (rating · publisher · date, "confirmed" when a reviewer did) and `fact_check_url`."""
    out = df.copy()
    ids = tuple(int(i) for i in out["id"]) if not out.empty else ()
    matches = cached(factcheck_queries.matches_of_claims, ids) if ids else pd.DataFrame()
    best: dict[int, dict] = {}
    extra: dict[int, int] = {}
    for row in matches.to_dict("records") if not matches.empty else []:
        cid = int(row["claim_id"])
        if cid in best:
            extra[cid] = extra.get(cid, 0) + 1
        else:
            best[cid] = row
    texts, urls = [], []
    for cid in ids:
        row = best.get(cid)
        if row is None:
            texts.append("")
            urls.append(None)
            continue
        text = describe_match(row)
        if row["state"] == factchecks.CONFIRMED:
            text += " (confirmed)"
        if extra.get(cid):
            text += f" +{extra[cid]} more"
        texts.append(text)
        urls.append(safe_link(row.get("url")))
    out["fact_check"] = texts
    out["fact_check_url"] = urls
    return out


@dataclass(frozen=True)
class LinkDecision:
    claim_id: int
    factcheck_id: int
    state: str  # confirmed | rejected


def match_list(claim_id: int, matches: pd.DataFrame, *, key: str) -> LinkDecision | None:
    """A claim's known fact-checks, each with Confirm / Reject; returns the one clicked."""
    decision = None
    for row in matches.to_dict("records"):
        fid = int(row["factcheck_id"])
        with st.container(border=True):
            state = str(row["state"])
            who = f" by {row['reviewer']}" if row.get("reviewer") else ""
            st.markdown(
                f"**{md(describe_match(row))}** · match {float(row['score']):.2f} · "
                f"*{md(state + who)}*"
            )
            st.caption(md(row.get("title") or row["claim_reviewed"]))
            c1, c2, c3 = st.columns([3, 2, 2])
            link = safe_link(row.get("url"))
            if link:
                c1.link_button(
                    "Read the fact-check", link, icon=":material/open_in_new:", width="stretch"
                )
            if state != factchecks.CONFIRMED and c2.button(
                "Confirm", key=f"{key}_confirm_{claim_id}_{fid}", help="It checks this claim"
            ):
                decision = LinkDecision(claim_id, fid, factchecks.CONFIRMED)
            if state != factchecks.REJECTED and c3.button(
                "Reject", key=f"{key}_reject_{claim_id}_{fid}", help="It checks another claim"
            ):
                decision = LinkDecision(claim_id, fid, factchecks.REJECTED)
    return decision


def claim_factchecks(claim_id: int, *, key: str = "fc") -> None:
    """The claim panel's section: its matches, confirm or reject each (saved for the reviewer)."""
    shown = cached(factcheck_queries.matches_of_claims, (claim_id,), per_claim=None)
    rejected = cached(
        factcheck_queries.matches_of_claims,
        (claim_id,),
        states=(factchecks.REJECTED,),
        per_claim=None,
    )
    st.markdown(f"**Known fact-checks** ({len(shown)})")
    if shown.empty:
        st.caption("No stored fact-check matches this claim.")
    decision = match_list(claim_id, shown, key=key)
    if not rejected.empty:
        with st.expander(f"Rejected matches ({len(rejected)})"):
            decision = match_list(claim_id, rejected, key=f"{key}_rejected") or decision
    if decision is None:
        return
    try:
        factchecks.record_link_decision(
            store(),
            decision.claim_id,
            decision.factcheck_id,
            decision.state,
            current_identity().reviewer,
        )
    except factchecks.LinkError as exc:
        st.error(md(str(exc)))
        return
    st.toast(f"Match {md(decision.state)}.")
    st.rerun()
