"""add the vocabulary: the domain words the claim engine reads from the store

Revision ID: 0003
Revises: 0002
Create Date: 2026-12-01 17:00:00.000000
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op
from sqlmodel.sql.sqltypes import AutoString, UTCDateTime

revision: str = "0003"
down_revision: str | None = "0002"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    """Apply this revision: one new table, no existing row touched."""

    op.create_table(
        "vocabularylist",
        sa.Column("words", sa.JSON(), nullable=False),
        sa.Column("id", AutoString(), nullable=False),
        sa.Column("origin", AutoString(), nullable=False),
        sa.Column("updated_at", UTCDateTime(), nullable=False),
        sa.PrimaryKeyConstraint("id"),
    )


def downgrade() -> None:
    """Revert this revision."""

    op.drop_table("vocabularylist")
