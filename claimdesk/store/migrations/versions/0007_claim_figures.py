"""claim_figures: the numbers each claim states, normalised, indexed by what they measure

Revision ID: 0007
Revises: 0006
"""

import sqlalchemy as sa
from alembic import op

revision = "0007"
down_revision = "0006"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "claim_figures",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column(
            "claim_id",
            sa.Integer(),
            sa.ForeignKey("claims.id", ondelete="CASCADE"),
            nullable=False,
        ),
        sa.Column("start", sa.Integer(), nullable=False),
        sa.Column("end", sa.Integer(), nullable=False),
        sa.Column("text", sa.Text(), nullable=False),
        sa.Column("low", sa.Float(), nullable=False),
        sa.Column("high", sa.Float(), nullable=False),
        sa.Column("unit", sa.String(16), nullable=False),
        sa.Column("scale", sa.Float(), nullable=False),
        sa.Column("qualifier", sa.String(16), nullable=False),
        sa.Column("quantity", sa.Text(), nullable=False),
        sa.Column("event", sa.Text(), nullable=False),
        sa.Column("key", sa.String(300), nullable=False),
        sa.Column("subject", sa.Text(), nullable=False),
        sa.Column("period", sa.Text(), nullable=False),
    )
    op.create_index("ix_claim_figures_claim", "claim_figures", ["claim_id"])
    op.create_index("ix_claim_figures_key", "claim_figures", ["key"])


def downgrade() -> None:
    op.drop_index("ix_claim_figures_key", table_name="claim_figures")
    op.drop_index("ix_claim_figures_claim", table_name="claim_figures")
    op.drop_table("claim_figures")
