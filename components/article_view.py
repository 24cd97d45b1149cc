"""An article's text with its claims, quotes, speakers and places highlighted.

The article is untrusted input: every piece of its text (and every name or label shown in a
tooltip) goes through `components.safe.h` before it is placed in HTML, so `<script>`,
`<img onerror>` or `javascript:` in an article show up as text.
"""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd
import streamlit as st

from claimdesk.review import Status
from components.review_panel import status_badge
from components.safe import h, md, safe_link
from components.tables import table

#: Layer -> (label in the legend, CSS). Later layers are drawn on top of earlier ones.
LAYERS = {
    "claim": ("Claim", "background:#fff3bf;"),
    "focus": ("Claim you came from", "background:#ffd43b;"),
    "quote": ("Quote", "border-bottom:2px solid #1e88e5;"),
    "speaker": ("Speaker", "font-weight:600;color:#6a1b9a;"),
    "place": ("Place", "color:#2e7d32;border-bottom:1px dotted #2e7d32;"),
    "unresolved": ("Place not resolved", "color:#b71c1c;border-bottom:1px dotted #b71c1c;"),
}
STYLE = (
    "<style>"
    ".cd-article{line-height:1.7;font-size:1rem;white-space:normal;}"
    + "".join(f".cd-{name}{{{css}}}" for name, (_, css) in LAYERS.items())
    + ".cd-legend span{padding:1px 6px;margin-right:8px;border-radius:3px;}"
    "</style>"
)


@dataclass(frozen=True)
class Span:
    start: int
    end: int
    layer: str
    note: str  # tooltip text, unescaped


def spans_of(
    claims: pd.DataFrame,
    quotes: pd.DataFrame,
    places: pd.DataFrame,
    *,
    focus_claim: int | None = None,
) -> list[Span]:
    """The highlight spans of an article's extractions (article_detail's frames)."""
    out: list[Span] = []
    for c in claims.to_dict("records"):
        layer = "focus" if focus_claim is not None and int(c["id"]) == focus_claim else "claim"
        note = f"Claim · {c['status']} · score {float(c['score']):.2f} · by {c['claimant']}"
        out.append(Span(int(c["start"]), int(c["end"]), layer, note))
    for q in quotes.to_dict("records"):
        who = q["source"] if isinstance(q["source"], str) and q["source"] else "unknown speaker"
        out.append(Span(int(q["start"]), int(q["end"]), "quote", f"Quote ({q['kind']}) · {who}"))
        if pd.notna(q["speaker_start"]) and pd.notna(q["speaker_end"]):
            out.append(
                Span(int(q["speaker_start"]), int(q["speaker_end"]), "speaker", f"Speaker: {who}")
            )
    for p in places.to_dict("records"):
        if p["role"] != "literal":
            continue
        if isinstance(p["place"], str) and p["place"]:
            note = f"Place: {p['place']} ({p['country_code'] or '—'})"
            out.append(Span(int(p["start"]), int(p["end"]), "place", note))
        else:
            out.append(Span(int(p["start"]), int(p["end"]), "unresolved", "Place not resolved"))
    return out


def highlighted_html(text: str, spans: list[Span]) -> str:
    """The text cut at every span boundary; each piece escaped, wrapped in its layers' classes."""
    n = len(text)
    spans = [s for s in spans if 0 <= s.start < s.end <= n and s.layer in LAYERS]
    cuts = sorted({0, n, *(s.start for s in spans), *(s.end for s in spans)})
    order = list(LAYERS)
    parts: list[str] = []
    for a, b in zip(cuts, cuts[1:], strict=False):
        piece = h(text[a:b]).replace("\n", "<br>")
        active = [s for s in spans if s.start <= a and s.end >= b]
        if not active:
            parts.append(piece)
            continue
        layers = sorted({s.layer for s in active}, key=order.index)
        classes = " ".join(f"cd-{layer}" for layer in layers)
        notes = " | ".join(dict.fromkeys(s.note for s in active))
        parts.append(f'<span class="{classes}" title="{h(notes)}">{piece}</span>')
    return f'<div class="cd-article">{"".join(parts)}</div>'


def legend_html(present: set[str]) -> str:
    chips = "".join(
        f'<span class="cd-{name}">{h(label)}</span>'
        for name, (label, _) in LAYERS.items()
        if name in present
    )
    return f'<div class="cd-legend">{chips}</div>'


def article_text(text: str, spans: list[Span]) -> None:
    """Legend and highlighted text, as escaped HTML."""
    st.html(STYLE + legend_html({s.layer for s in spans}) + highlighted_html(text, spans))


def metadata(article: dict) -> None:
    """Title, byline and provenance; every value shown as text."""
    st.title(md(article.get("title") or f"Article #{article['id']}"))
    byline = [
        article.get("publisher"),
        article.get("author") and f"by {article['author']}",
        article.get("published_at") and str(article["published_at"]),
        article.get("lang") and f"language {article['lang']}",
        f"{int(article.get('n_words') or 0):,} words",
    ]
    st.caption(" · ".join(md(b) for b in byline if b))
    added = f"Added {str(article.get('ingested_at') or '')[:16]}"
    if article.get("ingested_by"):
        added += f" by {article['ingested_by']}"
    if article.get("filename"):
        added += f" from {article['filename']}"
    st.caption(md(added))
    url = safe_link(article.get("url"))
    if url:
        st.link_button("Open the original", url)
    elif article.get("url"):
        st.caption(f"Source address (not a web link): {md(article['url'])}")
    if not article.get("analysed"):
        st.warning("This article was stored but not analysed (it does not look English).")


def claims_beside(claims: pd.DataFrame, statuses: list[Status], *, focus: int | None) -> None:
    """The article's claims in reading order, each with its status and a link to review it."""
    if claims.empty:
        st.caption("No check-worthy claim was found in this article.")
        return
    for c in claims.sort_values("start").to_dict("records"):
        with st.container(border=True):
            mark = "➤ " if focus is not None and int(c["id"]) == focus else ""
            st.markdown(
                f"{mark}{status_badge(c['status'], statuses)} · score {float(c['score']):.2f} · "
                f"{md(c['claimant'])}"
            )
            st.markdown(md(c["text"]))
            st.page_link(
                "pages/claims.py",
                label="Review",
                icon=":material/fact_check:",
                query_params={"claim": str(int(c["id"])), "article": str(int(c["article_id"]))},
            )


def quotes_table(quotes: pd.DataFrame, text: str, *, key: str) -> None:
    frame = pd.DataFrame(
        {
            "source": quotes["source"].fillna("(unknown)"),
            "kind": quotes["source_kind"].fillna(""),
            "quote": [
                text[int(s) : int(e)] for s, e in zip(quotes["start"], quotes["end"], strict=True)
            ],
            "mode": quotes["kind"],
            "cue": quotes["cue"].fillna(""),
        }
    )
    table(frame, key=key)


def places_table(places: pd.DataFrame, *, key: str) -> None:
    frame = places[places["role"] == "literal"]
    st.dataframe(
        pd.DataFrame(
            {
                "written": frame["surface"],
                "resolved to": frame["place"].fillna("(not resolved)"),
                "country": frame["country_code"].fillna(""),
                "lat": frame["lat"],
                "lon": frame["lon"],
            }
        ),
        hide_index=True,
        width="stretch",
        key=key,
    )
