"""seed review statuses and the change counter

Revision ID: 0002
Revises: 0001
"""

import sqlalchemy as sa
from alembic import op

from claimdesk.store.schema import SEED_STATUSES

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    statuses = sa.table(
        "statuses",
        sa.column("label", sa.String),
        sa.column("description", sa.Text),
        sa.column("color", sa.String),
        sa.column("is_final", sa.Boolean),
        sa.column("position", sa.Integer),
    )
    op.bulk_insert(
        statuses,
        [
            {"label": label, "description": desc, "color": color, "is_final": final, "position": i}
            for i, (label, desc, color, final) in enumerate(SEED_STATUSES)
        ],
    )
    counter = sa.table(
        "change_counter", sa.column("id", sa.Integer), sa.column("value", sa.Integer)
    )
    op.bulk_insert(counter, [{"id": 1, "value": 0}])


def downgrade() -> None:
    op.execute("DELETE FROM change_counter")
    op.execute("DELETE FROM statuses")
