"""place keys of up to 300 characters and populations above 2**31: a place the gazetteer does not hold is keyed by its point
and its name ("pt:32.7767,-96.7970:kay bailey hutchison convention center, dallas"), which
passed the VARCHAR(64) column's length on PostgreSQL for long landmark names, so the whole
article failed to store there ("could not be stored (DataError)"). SQLite never enforced the
length; its column stays. Likewise a continent's population (Asia: 4.7 billion) passed
PostgreSQL's INTEGER: it becomes BIGINT (SQLite's INTEGER already holds 64 bits).

Revision ID: 0012
Revises: 0011
"""

import sqlalchemy as sa
from alembic import op

revision = "0012"
down_revision = "0011"
branch_labels = None
depends_on = None


def upgrade() -> None:
    if op.get_bind().dialect.name == "sqlite":
        return
    op.alter_column("places", "gazetteer_id", type_=sa.String(300), existing_type=sa.String(64))
    op.alter_column("places", "population", type_=sa.BigInteger(), existing_type=sa.Integer())


def downgrade() -> None:
    if op.get_bind().dialect.name == "sqlite":
        return
    op.alter_column(
        "places",
        "gazetteer_id",
        type_=sa.String(64),
        existing_type=sa.String(300),
        postgresql_using="left(gazetteer_id, 64)",
    )
    op.alter_column("places", "population", type_=sa.Integer(), existing_type=sa.BigInteger())
