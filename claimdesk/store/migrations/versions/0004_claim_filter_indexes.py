"""indexes for the claims page's claimant and kind choices

Revision ID: 0004
Revises: 0003
"""

from alembic import op

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_index("ix_claims_claimant_source", "claims", ["claimant_source_id"])
    op.create_index("ix_claims_kind", "claims", ["kind"])


def downgrade() -> None:
    op.drop_index("ix_claims_kind", table_name="claims")
    op.drop_index("ix_claims_claimant_source", table_name="claims")
