"""Engines for SQLite (default, WAL + busy timeout) and PostgreSQL, and automatic migrations."""

from __future__ import annotations

import functools
import time
from collections.abc import Callable
from pathlib import Path
from typing import TypeVar

from alembic import command
from alembic.config import Config
from sqlalchemy import Engine, create_engine, event, text
from sqlalchemy.engine import make_url
from sqlalchemy.exc import OperationalError

MIGRATIONS = Path(__file__).resolve().parent / "migrations"
SQLITE_BUSY_MS = 30_000
#: libpq settings: a connection attempt to a server that does not answer gives up after 10 s,
#: and a connection whose peer vanished (a network cut, not a closed socket) is found dead
#: within about a minute, so a queue worker notices an outage and waits instead of hanging.
PG_CONNECT_ARGS = {
    "connect_timeout": 10,
    "keepalives": 1,
    "keepalives_idle": 30,
    "keepalives_interval": 10,
    "keepalives_count": 3,
}
T = TypeVar("T")


def make_engine(url: str) -> Engine:
    """An engine tuned for its backend.

    SQLite: WAL (readers never block the writer), a busy timeout, foreign keys on, and write
    transactions opened with BEGIN IMMEDIATE so two writers queue on the lock instead of failing
    when a read lock is upgraded. PostgreSQL: a small pool with pre-ping, fit for Streamlit's
    threads.
    """
    u = make_url(url)
    if u.get_backend_name() == "sqlite":
        if u.database and u.database != ":memory:":
            Path(u.database).parent.mkdir(parents=True, exist_ok=True)
        engine = create_engine(
            url, connect_args={"timeout": SQLITE_BUSY_MS / 1000, "check_same_thread": False}
        )

        @event.listens_for(engine, "connect")
        def _on_connect(dbapi_conn, _record) -> None:
            dbapi_conn.isolation_level = None  # we issue BEGIN ourselves
            cur = dbapi_conn.cursor()
            cur.execute("PRAGMA journal_mode=WAL")
            cur.execute(f"PRAGMA busy_timeout={SQLITE_BUSY_MS}")
            cur.execute("PRAGMA foreign_keys=ON")
            cur.execute("PRAGMA synchronous=NORMAL")
            cur.close()

        @event.listens_for(engine, "begin")
        def _on_begin(conn) -> None:
            mode = "IMMEDIATE" if conn.get_execution_options().get("write") else "DEFERRED"
            conn.exec_driver_sql(f"BEGIN {mode}")

        return engine
    return create_engine(
        url,
        pool_size=5,
        max_overflow=10,
        pool_pre_ping=True,
        pool_recycle=1800,
        connect_args=PG_CONNECT_ARGS if u.get_backend_name() == "postgresql" else {},
    )


def alembic_config(url: str | None = None) -> Config:
    cfg = Config()
    cfg.set_main_option("script_location", str(MIGRATIONS))
    if url:
        cfg.set_main_option("sqlalchemy.url", url)
    return cfg


def migrate(engine: Engine) -> None:
    """Brings the schema to the latest revision. Safe to call from several processes at once."""
    cfg = alembic_config()
    with engine.connect() as conn:
        if engine.dialect.name == "sqlite":
            # BEGIN IMMEDIATE: a second process starting on a new file waits for the first's
            # migrations instead of failing "database is locked" when its read of the version
            # would have to become a write
            conn = conn.execution_options(write=True)
        if engine.dialect.name == "postgresql":
            conn.execute(text("SELECT pg_advisory_lock(727274)"))
            conn.commit()
        try:
            with conn.begin():
                cfg.attributes["connection"] = conn
                command.upgrade(cfg, "head")
        finally:
            if engine.dialect.name == "postgresql":
                conn.execute(text("SELECT pg_advisory_unlock(727274)"))
                conn.commit()


def retry_locked(fn: Callable[[], T], attempts: int = 8, first_wait: float = 0.05) -> T:
    """Runs `fn`, retrying a bounded number of times while SQLite reports a lock."""
    wait = first_wait
    for attempt in range(attempts):
        try:
            return fn()
        except OperationalError as exc:
            locked = "locked" in str(exc).lower() or "busy" in str(exc).lower()
            if not locked or attempt == attempts - 1:
                raise
            time.sleep(wait)
            wait = min(wait * 2, 2.0)
    raise AssertionError("unreachable")


@functools.lru_cache(maxsize=8)
def cached_engine(url: str) -> Engine:
    engine = make_engine(url)
    migrate(engine)
    return engine
