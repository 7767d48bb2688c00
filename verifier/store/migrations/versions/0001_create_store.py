"""create the fact store

Revision ID: 0001
Revises:
Create Date: 2026-11-23 11:25:48.198576
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op
from sqlmodel.sql.sqltypes import AutoString, UTCDateTime

revision: str = "0001"
down_revision: str | None = None
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    """Apply this revision."""

    op.create_table(
        "attribute",
        sa.Column("name", AutoString(), nullable=False),
        sa.Column("kind", sa.String(), nullable=False),
        sa.Column("unit", AutoString(), nullable=True),
        sa.Column("temporal", sa.Boolean(), nullable=False),
        sa.Column("multi", sa.Boolean(), nullable=False),
        sa.Column("counts", AutoString(), nullable=True),
        sa.Column("phrases", sa.JSON(), nullable=False),
        sa.Column("id", AutoString(), nullable=False),
        sa.Column("origin", AutoString(), nullable=False),
        sa.Column("updated_at", UTCDateTime(), nullable=False),
        sa.PrimaryKeyConstraint("id"),
    )
    op.create_table(
        "entity",
        sa.Column("name", AutoString(), nullable=False),
        sa.Column("kind", AutoString(), nullable=False),
        sa.Column("aliases", sa.JSON(), nullable=False),
        sa.Column("id", AutoString(), nullable=False),
        sa.Column("origin", AutoString(), nullable=False),
        sa.Column("updated_at", UTCDateTime(), nullable=False),
        sa.PrimaryKeyConstraint("id"),
    )
    op.create_table(
        "source",
        sa.Column("title", AutoString(), nullable=False),
        sa.Column("publisher", AutoString(), nullable=False),
        sa.Column("published", AutoString(), nullable=True),
        sa.Column("url", AutoString(), nullable=True),
        sa.Column("language", AutoString(), nullable=False),
        sa.Column("tier", sa.String(), nullable=False),
        sa.Column("text_file", AutoString(), nullable=True),
        sa.Column("note", AutoString(), nullable=True),
        sa.Column("id", AutoString(), nullable=False),
        sa.Column("origin", AutoString(), nullable=False),
        sa.Column("updated_at", UTCDateTime(), nullable=False),
        sa.PrimaryKeyConstraint("id"),
    )
    op.create_table(
        "storestate",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("updated_at", UTCDateTime(), nullable=False),
        sa.PrimaryKeyConstraint("id"),
    )
    op.create_table(
        "fact",
        sa.Column("entity", AutoString(), nullable=False),
        sa.Column("attribute", AutoString(), nullable=False),
        sa.Column("object", AutoString(), nullable=True),
        sa.Column("value", sa.JSON(), nullable=False),
        sa.Column("qualifier", AutoString(), nullable=False),
        sa.Column("valid_from", AutoString(), nullable=True),
        sa.Column("valid_until", AutoString(), nullable=True),
        sa.Column("observed", AutoString(), nullable=True),
        sa.Column("complete", sa.Boolean(), nullable=True),
        sa.Column("statement", AutoString(), nullable=False),
        sa.Column("source", AutoString(), nullable=False),
        sa.Column("quote", AutoString(), nullable=True),
        sa.Column("quoted_from", AutoString(), nullable=True),
        sa.Column("note", AutoString(), nullable=True),
        sa.Column("id", AutoString(), nullable=False),
        sa.Column("origin", AutoString(), nullable=False),
        sa.Column("updated_at", UTCDateTime(), nullable=False),
        sa.ForeignKeyConstraint(
            ["attribute"],
            ["attribute.id"],
        ),
        sa.ForeignKeyConstraint(
            ["entity"],
            ["entity.id"],
        ),
        sa.ForeignKeyConstraint(
            ["object"],
            ["entity.id"],
        ),
        sa.ForeignKeyConstraint(
            ["quoted_from"],
            ["source.id"],
        ),
        sa.ForeignKeyConstraint(
            ["source"],
            ["source.id"],
        ),
        sa.PrimaryKeyConstraint("id"),
    )
    with op.batch_alter_table("fact", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_fact_attribute"), ["attribute"], unique=False)
        batch_op.create_index(batch_op.f("ix_fact_entity"), ["entity"], unique=False)
        batch_op.create_index(batch_op.f("ix_fact_source"), ["source"], unique=False)


def downgrade() -> None:
    """Revert this revision."""

    with op.batch_alter_table("fact", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_fact_source"))
        batch_op.drop_index(batch_op.f("ix_fact_entity"))
        batch_op.drop_index(batch_op.f("ix_fact_attribute"))

    op.drop_table("fact")
    op.drop_table("storestate")
    op.drop_table("source")
    op.drop_table("entity")
    op.drop_table("attribute")
