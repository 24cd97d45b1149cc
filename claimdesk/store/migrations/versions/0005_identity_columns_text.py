"""reviewer identities stored whole: "Name <e-mail>" columns become TEXT

A display name (up to 80 characters) with an e-mail address (up to 320) did not fit the
VARCHAR(200) columns on PostgreSQL, so every review and upload of such a member failed. SQLite
never enforces VARCHAR lengths, and rebuilding its tables (Alembic's batch mode) would drop and
re-create `articles`, which with foreign keys on cascades into every claim: SQLite keeps its
columns, and the models say so (`schema.IdentityText`).

Revision ID: 0005
Revises: 0004
"""

import sqlalchemy as sa
from alembic import op

revision = "0005"
down_revision = "0004"
branch_labels = None
depends_on = None

#: (table, column, nullable) of every column that records who did something.
IDENTITY_COLUMNS = [
    ("articles", "ingested_by", True),
    ("places", "added_by", True),
    ("reviews", "reviewer", False),
    ("place_overrides", "corrected_by", False),
]


def upgrade() -> None:
    if op.get_bind().dialect.name == "sqlite":
        return
    for table, column, nullable in IDENTITY_COLUMNS:
        op.alter_column(
            table, column, type_=sa.Text(), existing_type=sa.String(200), existing_nullable=nullable
        )


def downgrade() -> None:
    if op.get_bind().dialect.name == "sqlite":
        return
    for table, column, nullable in IDENTITY_COLUMNS:
        op.alter_column(
            table,
            column,
            type_=sa.String(200),
            existing_type=sa.Text(),
            existing_nullable=nullable,
            postgresql_using=f"left({column}, 200)",
        )
