"""number each audit entry with the store version it made, and index the facts' other links

Workers follow writes by reading the audit entries since the version they indexed, instead
of reading the whole store again; deleting an entity or a source finds its facts by index.

Revision ID: 0004
Revises: 0003
Create Date: 2026-12-01 23:00:00.000000
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0004"
down_revision: str | None = "0003"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    """Apply this revision: one new column (empty for older entries) and three indexes."""

    with op.batch_alter_table("auditentry") as batch:
        batch.add_column(sa.Column("version", sa.Integer(), nullable=True))
        batch.create_index("ix_auditentry_version", ["version"])
    op.create_index("ix_fact_object", "fact", ["object"])
    op.create_index("ix_fact_quoted_from", "fact", ["quoted_from"])


def downgrade() -> None:
    """Revert this revision."""

    op.drop_index("ix_fact_quoted_from", table_name="fact")
    op.drop_index("ix_fact_object", table_name="fact")
    with op.batch_alter_table("auditentry") as batch:
        batch.drop_index("ix_auditentry_version")
        batch.drop_column("version")
