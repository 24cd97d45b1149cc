"""ingest_jobs: inputs of batches queued for distributed ingestion, with their progress

Revision ID: 0010
Revises: 0009
"""

import sqlalchemy as sa
from alembic import op

revision = "0010"
down_revision = "0009"
branch_labels = None
depends_on = None


def _identity() -> sa.types.TypeEngine:
    """Who did something: TEXT, as schema.IdentityText (VARCHAR(200) on SQLite, see 0005)."""
    return sa.String(200) if op.get_bind().dialect.name == "sqlite" else sa.Text()


def upgrade() -> None:
    op.create_table(
        "ingest_jobs",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("batch_id", sa.String(length=32), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("kind", sa.String(length=8), nullable=False),
        sa.Column("name", sa.Text(), nullable=False),
        sa.Column("title", sa.Text(), nullable=True),
        sa.Column("payload", sa.LargeBinary(), nullable=True),
        sa.Column("allow_private", sa.Boolean(), nullable=False),
        sa.Column("ingested_by", _identity(), nullable=True),
        sa.Column("state", sa.String(length=10), nullable=False),
        sa.Column("outcome", sa.String(length=10), nullable=True),
        sa.Column("message", sa.Text(), nullable=True),
        sa.Column(
            "article_id",
            sa.Integer(),
            sa.ForeignKey("articles.id", ondelete="SET NULL"),
            nullable=True,
        ),
        sa.Column("attempts", sa.Integer(), nullable=False),
        sa.Column("worker", sa.String(length=200), nullable=True),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("started_at", sa.DateTime(), nullable=True),
        sa.Column("finished_at", sa.DateTime(), nullable=True),
    )
    op.create_index("ix_ingest_jobs_batch_state", "ingest_jobs", ["batch_id", "state", "outcome"])
    op.create_index("ix_ingest_jobs_position", "ingest_jobs", ["position", "id"])


def downgrade() -> None:
    op.drop_index("ix_ingest_jobs_position", table_name="ingest_jobs")
    op.drop_index("ix_ingest_jobs_batch_state", table_name="ingest_jobs")
    op.drop_table("ingest_jobs")
