"""add past fact checks (ClaimReview) and their own version counter

Reviews are pointers to other fact-checkers' verdicts, kept apart from the sourced facts;
importing them bumps their own counter, so the facts' index is not rebuilt for them.

Revision ID: 0005
Revises: 0004
Create Date: 2026-12-02 03:00:00.000000
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op
from sqlmodel.sql.sqltypes import AutoString, UTCDateTime

revision: str = "0005"
down_revision: str | None = "0004"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    """Apply this revision: two new tables, no existing row touched."""

    op.create_table(
        "review",
        sa.Column("claim", AutoString(), nullable=False),
        sa.Column("rating", AutoString(), nullable=True),
        sa.Column("verdict", AutoString(), nullable=False),
        sa.Column("title", AutoString(), nullable=True),
        sa.Column("summary", AutoString(), nullable=True),
        sa.Column("url", AutoString(), nullable=True),
        sa.Column("publisher", AutoString(), nullable=True),
        sa.Column("author", AutoString(), nullable=True),
        sa.Column("published", AutoString(), nullable=True),
        sa.Column("language", AutoString(), nullable=True),
        sa.Column("id", AutoString(), nullable=False),
        sa.Column("origin", AutoString(), nullable=False),
        sa.Column("imported_at", UTCDateTime(), nullable=False),
        sa.Column("seq", sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint("id"),
    )
    op.create_index("ix_review_url", "review", ["url"])
    op.create_index("ix_review_seq", "review", ["seq"])
    op.create_table(
        "reviewstate",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint("id"),
    )


def downgrade() -> None:
    """Revert this revision."""

    op.drop_table("reviewstate")
    op.drop_index("ix_review_seq", table_name="review")
    op.drop_index("ix_review_url", table_name="review")
    op.drop_table("review")
