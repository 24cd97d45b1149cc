"""Conflicting figures side by side: the claims of a group next to each other, each with its
article, date, claimant and status, the figure highlighted in its sentence.

Claim texts are untrusted: the highlighted sentence is built from pieces escaped with `h`, every
other text goes through `md`.
"""

from __future__ import annotations

import pandas as pd
import streamlit as st

from claimdesk.conflicts import ConflictGroup
from components.safe import h, md

MAX_COLUMNS = 3
UNIT_WORDS = {"": "", "%": "per cent", "pp": "percentage points", "date": "date"}
UNIT_WORDS |= {"month-day": "date", "m": "metres", "m2": "square metres", "kg": "kilograms"}
MARK = "background:#ffd8a8;border-radius:3px;padding:0 2px;font-weight:600;"
AGREES = "background:#d3f9d8;border-radius:3px;padding:0 2px;"


def measured(group: ConflictGroup) -> str:
    """What the group's figures measure, in words: "troop · send · north korea; russia"."""
    unit, quantity, event, relation = (group.key.split("|") + ["", "", "", ""])[:4]
    what = [p for p in (quantity, UNIT_WORDS.get(unit, unit), event) if p]
    if relation:
        what.append(f"({relation})")
    return " · ".join(what) or "a figure"


def highlighted_claim_html(text: str, start: int, spans: list[tuple[int, int, bool]]) -> str:
    """The claim's text (it starts at `start` in its article) with the figures at article offsets
    `spans` (start, end, disagrees) marked; every piece escaped."""
    out, at = [], 0
    for a, b, disagrees in sorted(spans):
        a, b = a - start, b - start
        if a < at or b > len(text) or a >= b:
            continue
        style = MARK if disagrees else AGREES
        out.append(h(text[at:a]))
        out.append(f'<span style="{style}">{h(text[a:b])}</span>')
        at = b
    out.append(h(text[at:]))
    return f'<div style="line-height:1.6">{"".join(out)}</div>'


def conflict_groups(
    groups: list[ConflictGroup],
    claims: pd.DataFrame,
    figures: pd.DataFrame,
    *,
    focus: int | None = None,
) -> None:
    """Each group as a row of cards, one per claim, the claim `focus` first.

    `claims`: queries.claims_side_by_side of the groups' claims; `figures`: queries.claim_figures
    of the same claims."""
    by_id = claims.set_index("id") if not claims.empty else claims
    spans_of: dict[int, tuple[int, int]] = {}
    if not figures.empty:
        spans_of = {int(r.id): (int(r.start), int(r.end)) for r in figures.itertuples()}
    for group in groups:
        st.markdown(f"**{md(measured(group))}**")
        where = [group.subject, group.period.replace("date:", "") if group.period else ""]
        context = " · ".join(md(w) for w in where if w)
        n_articles = len({m.article_id for m in group.members})
        st.caption(f"{n_articles} articles · {context}" if context else f"{n_articles} articles")
        order = group.claim_ids
        if focus in order:
            order = [focus] + [c for c in order if c != focus]
        order = [c for c in order if c in by_id.index]
        for row_start in range(0, len(order), MAX_COLUMNS):
            row = order[row_start : row_start + MAX_COLUMNS]
            for column, claim_id in zip(st.columns(MAX_COLUMNS), row, strict=False):
                with column, st.container(border=True):
                    _card(group, claim_id, by_id.loc[claim_id], spans_of)


def _card(
    group: ConflictGroup,
    claim_id: int,
    claim: pd.Series,
    spans_of: dict[int, tuple[int, int]],
) -> None:
    mine = [m for m in group.members if m.claim_id == claim_id]
    disagrees = any(m.figure_id in group.conflicting for m in mine)
    values = ", ".join(md(m.text) for m in mine)
    st.markdown(f"{'⚠️ disagrees' if disagrees else '✓ agrees'} · **{values}**")
    spans = [(*spans_of[m.figure_id], m.figure_id in group.conflicting) for m in mine]
    st.html(highlighted_claim_html(str(claim["text"]), int(claim["start"]), spans))
    published = claim["published_at"]
    when = f" · {md(published)}" if pd.notna(published) and published else ""
    st.caption(
        f"*{md(claim['article'])}*{when} · claimed by **{md(claim['claimant'])}** · "
        f"{md(claim['status'])}"
    )
    st.page_link(
        "pages/article.py",
        label="Open the article",
        icon=":material/article:",
        query_params={"article": str(int(claim["article_id"])), "claim": str(claim_id)},
    )
