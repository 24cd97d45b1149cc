"""INSERT … ON CONFLICT DO NOTHING on either backend, so concurrent writers never trip on a
unique key (the one place that knows the two SQL dialects' insert statements)."""

from __future__ import annotations

from typing import Any

from sqlalchemy.dialects.postgresql import insert as pg_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert
from sqlalchemy.orm import Session


def _insert_for(session: Session):
    return pg_insert if session.get_bind().dialect.name == "postgresql" else sqlite_insert


def insert_ignore(session: Session, table: Any, values: dict, key: str) -> None:
    """One row, unless a row with the same `key` exists."""
    stmt = _insert_for(session)(table).values(**values).on_conflict_do_nothing(index_elements=[key])
    session.execute(stmt)


def insert_ignore_many(session: Session, table: Any, rows: list[dict], key: str) -> None:
    """`insert_ignore` for many rows in one executemany statement."""
    if not rows:
        return
    stmt = _insert_for(session)(table.__table__).on_conflict_do_nothing(index_elements=[key])
    session.connection().execute(stmt, rows)
