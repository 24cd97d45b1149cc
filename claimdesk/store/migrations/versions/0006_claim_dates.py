"""dates claims speak of, and the date of an article's file

`claim_dates`: each date phrase of a claim with its rule and, once resolved, its value,
last day, precision and the anchor it was resolved against (published, document, ingested, absolute).
`articles.document_date`: the file's own date from PDF or Word metadata, an anchor for relative
dates when no publication date is stated.

Revision ID: 0006
Revises: 0005
"""

import sqlalchemy as sa
from alembic import op

revision = "0006"
down_revision = "0005"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.add_column("articles", sa.Column("document_date", sa.Date(), nullable=True))
    op.create_table(
        "claim_dates",
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
        sa.Column("rule", sa.String(40), nullable=False),
        sa.Column("value", sa.Date(), nullable=True),
        sa.Column("last_day", sa.Date(), nullable=True),
        sa.Column("precision", sa.String(8), nullable=True),
        sa.Column("anchor", sa.String(10), nullable=True),
    )
    op.create_index("ix_claim_dates_claim", "claim_dates", ["claim_id"])
    op.create_index("ix_claim_dates_value", "claim_dates", ["value"])


def downgrade() -> None:
    op.drop_index("ix_claim_dates_value", table_name="claim_dates")
    op.drop_index("ix_claim_dates_claim", table_name="claim_dates")
    op.drop_table("claim_dates")
    # ALTER TABLE ... DROP COLUMN, also on SQLite (3.35+): a batch rebuild of `articles` would
    # cascade into every claim (see 0005)
    op.drop_column("articles", "document_date")
