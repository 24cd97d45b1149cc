"""covering indexes for claim / place-mention range joins

Revision ID: 0003
Revises: 0002
"""

from alembic import op

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_index("ix_claims_article_span", "claims", ["article_id", "start", "end"])
    op.create_index(
        "ix_place_mentions_place_span",
        "place_mentions",
        ["place_id", "role", "article_id", "start", "end"],
    )


def downgrade() -> None:
    op.drop_index("ix_place_mentions_place_span", table_name="place_mentions")
    op.drop_index("ix_claims_article_span", table_name="claims")
