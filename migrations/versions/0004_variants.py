"""Quote variants, their blocking keys, speaker affiliations, and the ``v_variants`` view.

``variant_clusters`` / ``quote_variants``: quotes that are one statement in several
articles, each cluster with its first appearance.  ``quote_keys``: the blocking
index that finds variant candidates (``wording.blocking_keys``).
``speaker_affiliations``: speaker -> the organisation or person they speak for
(chains, not conflicts).  ``v_variants``: one row per clustered quote with its
outlet, date, URL, main speaker and whether it is the cluster's first appearance.

Upgrading a store that already holds quotes leaves the new tables empty: run
``quotetrack variants --relink`` to link the stored quotes.

Revision ID: 0004
Revises: 0003
Create Date: 2026-11-27
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0004"
down_revision: str | None = "0003"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

V_VARIANTS = """
CREATE VIEW v_variants AS
SELECT v.cluster_id, v.quote_id, v.relation, v.similarity, v.matched_quote_id,
       CASE WHEN c.first_quote_id = v.quote_id THEN 1 ELSE 0 END AS is_first,
       c.first_quote_id, q.article_id, a.outlet, a.url, a.title, a.published_at,
       s.name AS speaker, q.cue_text, q.negated, q.stance, q.text
FROM quote_variants AS v
JOIN variant_clusters AS c ON c.id = v.cluster_id
JOIN quotes AS q ON q.id = v.quote_id
JOIN articles AS a ON a.id = q.article_id
LEFT JOIN quote_speakers AS qs ON qs.quote_id = q.id AND qs.position = 0
LEFT JOIN speakers AS s ON s.id = qs.speaker_id
"""


def _clusters() -> None:
    op.create_table(
        "variant_clusters",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("first_quote_id", sa.Integer(), nullable=True),
        sa.ForeignKeyConstraint(["first_quote_id"], ["quotes.id"], ondelete="SET NULL",
                                name="fk_variant_clusters_first_quote_id_quotes"),
        sa.PrimaryKeyConstraint("id", name="pk_variant_clusters"),
    )
    op.create_index("ix_variant_clusters_first_quote_id", "variant_clusters",
                    ["first_quote_id"])
    op.create_table(
        "quote_variants",
        sa.Column("quote_id", sa.Integer(), nullable=False),
        sa.Column("cluster_id", sa.Integer(), nullable=False),
        sa.Column("matched_quote_id", sa.Integer(), nullable=True),
        sa.Column("relation", sa.String(length=16), nullable=False),
        sa.Column("similarity", sa.Float(), nullable=False),
        sa.CheckConstraint("relation IN ('exact', 'truncated', 'extended', 'similar')",
                           name="ck_quote_variants_relation"),
        sa.ForeignKeyConstraint(["cluster_id"], ["variant_clusters.id"], ondelete="CASCADE",
                                name="fk_quote_variants_cluster_id_variant_clusters"),
        sa.ForeignKeyConstraint(["matched_quote_id"], ["quotes.id"], ondelete="SET NULL",
                                name="fk_quote_variants_matched_quote_id_quotes"),
        sa.ForeignKeyConstraint(["quote_id"], ["quotes.id"], ondelete="CASCADE",
                                name="fk_quote_variants_quote_id_quotes"),
        sa.PrimaryKeyConstraint("quote_id", name="pk_quote_variants"),
    )
    op.create_index("ix_quote_variants_cluster_id", "quote_variants", ["cluster_id"])


def _keys() -> None:
    op.create_table(
        "quote_keys",
        sa.Column("key", sa.String(length=24), nullable=False),
        sa.Column("quote_id", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(["quote_id"], ["quotes.id"], ondelete="CASCADE",
                                name="fk_quote_keys_quote_id_quotes"),
        sa.PrimaryKeyConstraint("key", "quote_id", name="pk_quote_keys"),
    )
    op.create_index("ix_quote_keys_quote_id", "quote_keys", ["quote_id"])


def _affiliations() -> None:
    op.create_table(
        "speaker_affiliations",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("speaker_key", sa.String(), nullable=False),
        sa.Column("affiliate_key", sa.String(), nullable=False),
        sa.Column("affiliate_text", sa.String(), nullable=False),
        sa.Column("source", sa.String(length=16), nullable=False),
        sa.Column("role", sa.Text(), nullable=True),
        sa.Column("quote_id", sa.Integer(), nullable=True),
        sa.CheckConstraint("source IN ('role', 'co-speaker', 'manual')",
                           name="ck_speaker_affiliations_source"),
        sa.ForeignKeyConstraint(["quote_id"], ["quotes.id"], ondelete="SET NULL",
                                name="fk_speaker_affiliations_quote_id_quotes"),
        sa.PrimaryKeyConstraint("id", name="pk_speaker_affiliations"),
        sa.UniqueConstraint("speaker_key", "affiliate_key",
                            name="uq_speaker_affiliations_speaker_key_affiliate_key"),
    )
    op.create_index("ix_speaker_affiliations_speaker_key", "speaker_affiliations",
                    ["speaker_key"])
    op.create_index("ix_speaker_affiliations_affiliate_key", "speaker_affiliations",
                    ["affiliate_key"])


def upgrade() -> None:
    _clusters()
    _keys()
    _affiliations()
    op.execute(V_VARIANTS)


def downgrade() -> None:
    op.execute("DROP VIEW v_variants")
    op.drop_table("speaker_affiliations")
    op.drop_table("quote_keys")
    op.drop_table("quote_variants")
    op.drop_table("variant_clusters")
