"""known fact-checks and their links to claims (append-only suggestion/decision events)

Revision ID: 0008
Revises: 0007
"""

import sqlalchemy as sa
from alembic import op

revision = "0008"
down_revision = "0007"
branch_labels = None
depends_on = None


def _identity() -> sa.types.TypeEngine:
    """Who did something: TEXT, as schema.IdentityText (VARCHAR(200) on SQLite, see 0005)."""
    return sa.String(200) if op.get_bind().dialect.name == "sqlite" else sa.Text()


def upgrade() -> None:
    op.create_table(
        "factchecks",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("claim_reviewed", sa.Text(), nullable=False),
        sa.Column("rating", sa.Text(), nullable=True),
        sa.Column("publisher", sa.Text(), nullable=True),
        sa.Column("url", sa.Text(), nullable=True),
        sa.Column("published_at", sa.Date(), nullable=True),
        sa.Column("source_file", sa.Text(), nullable=True),
        sa.Column("title", sa.Text(), nullable=True),
        sa.Column("claim_key", sa.String(length=64), nullable=False),
        sa.Column("imported_by", _identity(), nullable=True),
        sa.Column("imported_at", sa.DateTime(), nullable=False),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("url"),
    )
    op.create_index("ix_factchecks_claim_key", "factchecks", ["claim_key"])
    op.create_table(
        "claim_factcheck_links",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("claim_id", sa.Integer(), nullable=False),
        sa.Column("factcheck_id", sa.Integer(), nullable=False),
        sa.Column("score", sa.Float(), nullable=False),
        sa.Column("state", sa.String(length=10), nullable=False),
        sa.Column("reviewer", _identity(), nullable=True),
        sa.Column(
            "created_at",
            sa.DateTime(),
            server_default=sa.text("(CURRENT_TIMESTAMP)"),
            nullable=False,
        ),
        sa.ForeignKeyConstraint(["claim_id"], ["claims.id"], ondelete="CASCADE"),
        sa.ForeignKeyConstraint(["factcheck_id"], ["factchecks.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id"),
    )
    op.create_index(
        "ix_claim_factcheck_links_claim",
        "claim_factcheck_links",
        ["claim_id", "factcheck_id", "id"],
    )
    op.create_index("ix_claim_factcheck_links_factcheck", "claim_factcheck_links", ["factcheck_id"])


def downgrade() -> None:
    op.drop_index("ix_claim_factcheck_links_factcheck", table_name="claim_factcheck_links")
    op.drop_index("ix_claim_factcheck_links_claim", table_name="claim_factcheck_links")
    op.drop_table("claim_factcheck_links")
    op.drop_index("ix_factchecks_claim_key", table_name="factchecks")
    op.drop_table("factchecks")
