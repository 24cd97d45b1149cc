"""Claim search on the database's own full-text index: PostgreSQL `tsvector` + GIN, SQLite FTS5.

What a search means, the same on both (migration 0009_claim_search builds the indexes):
- a claim matches when it holds every word typed (AND), in any order, case aside;
- the last word typed also matches as a prefix ("unemploy" finds "unemployment"), so results
  follow the typing;
- "words in quotes" must stand next to each other in that order, and so must the parts of one
  typed token the tokenizer cuts ("co-belligerent", "10,000");
- anything that is not a letter or a digit only separates words: quotes, `*`, `OR`, `NEAR`,
  parentheses or colons typed are never search syntax (`OR` is just the word "or").

The typed text becomes a list of terms in Python; each term's tokens are letters and digits
only, so what reaches the index's query language cannot carry its operators, and it is passed
as a bound parameter anyway.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from sqlalchemy import (
    ColumnElement,
    Integer,
    Select,
    bindparam,
    func,
    literal_column,
    select,
    text,
)

#: A token: a run of letters and digits (what FTS5's unicode61 and PostgreSQL's parser keep).
TOKEN = re.compile(r"[^\W_]+")
#: A quoted phrase, or a run of anything else but spaces and quotes.
PIECE = re.compile(r'"([^"]*)"?|([^\s"]+)')
#: Terms beyond this many are ignored (a pasted paragraph is not a search).
MAX_TERMS = 32


@dataclass(frozen=True)
class Term:
    """Tokens that must appear next to each other, in order; `prefix`: the last one may be the
    start of a longer word."""

    tokens: tuple[str, ...]
    prefix: bool = False


def parse(query: str) -> list[Term]:
    """The terms of a typed search (empty: nothing searchable was typed)."""
    terms: list[Term] = []
    open_ended = False
    for m in PIECE.finditer(query):
        phrase, word = m.groups()
        tokens = tuple(TOKEN.findall((phrase if phrase is not None else word).lower()))
        if tokens:
            terms.append(Term(tokens))
            open_ended = phrase is None
    if terms and open_ended:
        terms[-1] = Term(terms[-1].tokens, prefix=True)
    return terms[:MAX_TERMS]


def tsquery(terms: list[Term]) -> str:
    """PostgreSQL `to_tsquery` text: terms ANDed, a term's tokens in a phrase (`<->`)."""

    def one(term: Term) -> str:
        parts = [f"'{t}'" for t in term.tokens]
        if term.prefix:
            parts[-1] += ":*"
        return " <-> ".join(parts)

    return " & ".join(f"({one(t)})" for t in terms)


def fts5_query(terms: list[Term]) -> str:
    """SQLite FTS5 MATCH text: one quoted phrase per term (implicitly ANDed), `*` for a prefix."""
    return " ".join('"' + " ".join(t.tokens) + '"' + ("*" if t.prefix else "") for t in terms)


def claim_search_condition(dialect: str, query: str) -> ColumnElement[bool] | None:
    """A condition on `claims` that keeps the claims matching `query` (None: no search typed).

    `dialect` is the engine's dialect name. Typed text with no letter or digit in it matches
    nothing (a search was asked for; it cannot find anything).
    """
    from claimdesk.store.schema import ClaimRow

    if not query.strip():
        return None
    terms = parse(query)
    if not terms:
        return ClaimRow.id.is_(None)  # never true: ids are not null
    if dialect == "postgresql":
        vector: ColumnElement[str] = literal_column(f"claims.{SEARCH_COLUMN}")
        return vector.bool_op("@@")(
            func.to_tsquery(literal_column("'simple'::regconfig"), bindparam("tsq", tsquery(terms)))
        )
    if dialect == "sqlite":
        matching: Select[int] = (
            select(literal_column("rowid", Integer))
            .select_from(text(SEARCH_TABLE_PREFIX))
            .where(text(f"{SEARCH_TABLE_PREFIX} MATCH :fts").bindparams(fts=fts5_query(terms)))
        )
        return ClaimRow.id.in_(matching)
    # any other database: every term as a lower-cased substring (slow, but right)
    return _substring_condition(terms)


def _substring_condition(terms: list[Term]) -> ColumnElement[bool]:
    from sqlalchemy import and_

    from claimdesk.store.schema import ClaimRow

    lowered = func.lower(ClaimRow.text)
    return and_(*(lowered.contains(" ".join(t.tokens), autoescape=True) for t in terms))


#: What migration 0009 adds beside the models: the FTS5 table and its shadow tables (SQLite),
#: the tsvector column and its GIN index (PostgreSQL), and the claims order index (score
#: descending, then id), whose descending column Alembic's comparison does not read back.
SEARCH_TABLE_PREFIX = "claims_fts"
SEARCH_COLUMN = "search_vector"
SEARCH_INDEX = "ix_claims_search"
RANK_INDEX = "ix_claims_rank"


def outside_models(_obj: object, name: str | None, type_: str, *_args: object) -> bool:
    """Alembic `include_object`: False for the search index's own objects, which the models do
    not declare (they are the databases' own machinery), so comparing the schema with the models
    leaves them out."""
    if type_ == "table" and name and name.startswith(SEARCH_TABLE_PREFIX):
        return False
    return not (
        (type_ == "column" and name == SEARCH_COLUMN)
        or (type_ == "index" and name in (SEARCH_INDEX, RANK_INDEX))
    )
