"""claim assignments: append-only events (claim, assignee or none, by whom, when)

Revision ID: 0011
Revises: 0010
"""

import sqlalchemy as sa
from alembic import op

revision = "0011"
down_revision = "0010"
branch_labels = None
depends_on = None


def _identity() -> sa.types.TypeEngine:
    """Who did something: TEXT, as schema.IdentityText (VARCHAR(200) on SQLite, see 0005)."""
    return sa.String(200) if op.get_bind().dialect.name == "sqlite" else sa.Text()


def upgrade() -> None:
    op.create_table(
        "assignments",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("claim_id", sa.Integer(), nullable=False),
        sa.Column("assignee", sa.String(length=320), nullable=True),
        sa.Column("assigned_by", _identity(), nullable=False),
        sa.Column(
            "created_at",
            sa.DateTime(),
            server_default=sa.text("(CURRENT_TIMESTAMP)"),
            nullable=False,
        ),
        sa.ForeignKeyConstraint(["claim_id"], ["claims.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id"),
    )
    op.create_index("ix_assignments_claim", "assignments", ["claim_id", "id"])


def downgrade() -> None:
    op.drop_index("ix_assignments_claim", table_name="assignments")
    op.drop_table("assignments")
