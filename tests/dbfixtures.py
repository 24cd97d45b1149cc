"""Database fixtures: a fresh SQLite file, or a fresh PostgreSQL database created for the run.

PostgreSQL tests read CLAIMDESK_TEST_PG_URL (e.g. postgresql+psycopg://postgres@127.0.0.1:5432/test).
Unset on a laptop: they are skipped with that reason. `.ci/run` sets it, and sets
CLAIMDESK_REQUIRE_PG=1 so that an unreachable server fails the run instead of skipping.
"""

from __future__ import annotations

import os
import uuid
from collections.abc import Iterator
from contextlib import contextmanager

import pytest
from sqlalchemy import create_engine, text
from sqlalchemy.engine import make_url

PG_ENV = "CLAIMDESK_TEST_PG_URL"


def pg_admin_url() -> str | None:
    return os.environ.get(PG_ENV) or None


@contextmanager
def fresh_pg_database() -> Iterator[str]:
    """A new PostgreSQL database (its URL), dropped afterwards; skips (fails under
    CLAIMDESK_REQUIRE_PG) when no server is configured or reachable."""
    admin = pg_admin_url()
    if not admin:
        if os.environ.get("CLAIMDESK_REQUIRE_PG"):
            pytest.fail(f"{PG_ENV} is not set but CLAIMDESK_REQUIRE_PG is")
        pytest.skip(
            f"PostgreSQL tests need {PG_ENV} (e.g. postgresql+psycopg://postgres@127.0.0.1:5432/test)"
        )
    name = f"claimdesk_test_{uuid.uuid4().hex[:10]}"
    engine = create_engine(admin, isolation_level="AUTOCOMMIT")
    try:
        with engine.connect() as conn:
            conn.execute(text(f'CREATE DATABASE "{name}"'))
    except Exception as exc:  # server down: a failure in CI, a skip on a laptop
        if os.environ.get("CLAIMDESK_REQUIRE_PG"):
            pytest.fail(f"cannot reach PostgreSQL at {admin}: {exc}")
        pytest.skip(f"cannot reach PostgreSQL at {admin}: {exc}")
    url = make_url(admin).set(database=name).render_as_string(hide_password=False)
    try:
        yield url
    finally:
        from claimdesk.store.engine import cached_engine

        cached_engine.cache_clear()
        with engine.connect() as conn:
            conn.execute(
                text(
                    "SELECT pg_terminate_backend(pid) FROM pg_stat_activity "
                    "WHERE datname = :n AND pid <> pg_backend_pid()"
                ),
                {"n": name},
            )
            conn.execute(text(f'DROP DATABASE IF EXISTS "{name}"'))
        engine.dispose()


@pytest.fixture(scope="session")
def pg_database_url() -> Iterator[str]:
    """A fresh PostgreSQL database for this test run, dropped afterwards."""
    with fresh_pg_database() as url:
        yield url


def truncate_pg(url: str) -> None:
    """Empties every table of a migrated PostgreSQL database."""
    engine = create_engine(url)
    with engine.begin() as conn:
        conn.execute(
            text(
                "TRUNCATE articles, claims, quotes, sources, places, place_mentions, reviews, "
                "claim_clusters, place_overrides, users, factchecks, claim_factcheck_links, claim_dates, "
                "claim_figures, assignments, ingest_jobs "
                "RESTART IDENTITY CASCADE"
            )
        )
        # emptied under the app's feet: what was kept per counter value must not be reused
        conn.execute(text("UPDATE change_counter SET value = value + 1"))
    engine.dispose()


@pytest.fixture(params=["sqlite", pytest.param("postgresql", marks=pytest.mark.pg)])
def db_url(request, tmp_path) -> Iterator[str]:
    """Both backends, each test on an empty database."""
    if request.param == "sqlite":
        yield f"sqlite:///{tmp_path / 'claimdesk.sqlite'}"
        return
    url = request.getfixturevalue("pg_database_url")
    from claimdesk.store.repo import Store

    Store(url)  # migrated
    truncate_pg(url)
    yield url


@pytest.fixture
def store(db_url):
    from claimdesk.store.repo import Store

    return Store(db_url)


@pytest.fixture
def sqlite_store(tmp_path):
    from claimdesk.store.repo import Store

    return Store(f"sqlite:///{tmp_path / 'claimdesk.sqlite'}")
