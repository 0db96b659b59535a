"""Human corrections: ``corrections`` and ``quote_originals``.

``corrections`` holds each reviewer's fix of one quote (speakers, kind, not a
quote; who, when, why; undone ones kept as history), anchored by article id and the
quote's offsets and text (``family``: the article's input id, which an edited
re-ingest stored as ``id~hash`` shares).  ``quote_originals`` keeps the extractor's own values of
every quote a correction changed, so that undoing restores them.  The corrected
values are written into ``quotes`` and ``quote_speakers`` themselves (method
``human``; a quote that is not one is removed), so ``v_quotes``,
``v_speaker_stats`` and full-text search show them without a change of their own.

Downgrading drops both tables: the corrected values stay in ``quotes``, but the
record of who made them, and the hidden quotes, are gone.

Revision ID: 0005_corrections
Revises: 0004
Create Date: 2026-12-01
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0005_corrections"
down_revision: str | None = "0004"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def _corrections() -> None:
    op.create_table(
        "corrections",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("article_id", sa.String(), nullable=False),
        sa.Column("family", sa.String(), nullable=False),
        sa.Column("quote_id", sa.Integer(), nullable=True),
        sa.Column("quote_start", sa.Integer(), nullable=False),
        sa.Column("quote_end", sa.Integer(), nullable=False),
        sa.Column("quote_text", sa.Text(), nullable=False),
        sa.Column("speakers", sa.JSON(), nullable=True),
        sa.Column("kind", sa.String(length=16), nullable=True),
        sa.Column("not_a_quote", sa.Boolean(), nullable=False),
        sa.Column("note", sa.Text(), nullable=True),
        sa.Column("created_by", sa.String(), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("undone_by", sa.String(), nullable=True),
        sa.Column("undone_at", sa.DateTime(), nullable=True),
        sa.CheckConstraint("kind IN ('direct', 'mixed', 'indirect')",
                           name="ck_corrections_kind"),
        sa.ForeignKeyConstraint(["quote_id"], ["quotes.id"], ondelete="SET NULL",
                                name="fk_corrections_quote_id_quotes"),
        sa.PrimaryKeyConstraint("id", name="pk_corrections"),
    )
    op.create_index("ix_corrections_family", "corrections", ["family"])
    op.create_index("ix_corrections_quote_id", "corrections", ["quote_id"])


def _originals() -> None:
    op.create_table(
        "quote_originals",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("article_id", sa.String(), nullable=False),
        sa.Column("quote_id", sa.Integer(), nullable=True),
        sa.Column("start", sa.Integer(), nullable=False),
        sa.Column("end", sa.Integer(), nullable=False),
        sa.Column("original", sa.JSON(), nullable=False),
        sa.ForeignKeyConstraint(["article_id"], ["articles.id"], ondelete="CASCADE",
                                name="fk_quote_originals_article_id_articles"),
        sa.ForeignKeyConstraint(["quote_id"], ["quotes.id"], ondelete="SET NULL",
                                name="fk_quote_originals_quote_id_quotes"),
        sa.PrimaryKeyConstraint("id", name="pk_quote_originals"),
        sa.UniqueConstraint("article_id", "start", "end",
                            name="uq_quote_originals_article_id_start_end"),
    )
    op.create_index("ix_quote_originals_article_id", "quote_originals", ["article_id"])
    op.create_index("ix_quote_originals_quote_id", "quote_originals", ["quote_id"])


def upgrade() -> None:
    _corrections()
    _originals()


def downgrade() -> None:
    op.drop_table("quote_originals")
    op.drop_table("corrections")
