"""Alembic environment: runs on the connection the Store hands over (see store.engine.migrate)."""

from alembic import context
from sqlalchemy import create_engine

from claimdesk.store.schema import Base
from claimdesk.store.search import outside_models

config = context.config
target_metadata = Base.metadata


def run() -> None:
    connection = config.attributes.get("connection")
    if connection is not None:
        context.configure(
            connection=connection,
            target_metadata=target_metadata,
            render_as_batch=True,
            include_object=outside_models,
        )
        with context.begin_transaction():
            context.run_migrations()
        return
    engine = create_engine(config.get_main_option("sqlalchemy.url") or "")
    with engine.connect() as conn:
        context.configure(
            connection=conn,
            target_metadata=target_metadata,
            render_as_batch=True,
            include_object=outside_models,
        )
        with context.begin_transaction():
            context.run_migrations()


run()
