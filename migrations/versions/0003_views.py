"""Reporting views: ``v_quotes`` and ``v_speaker_stats``.

``v_quotes`` has one flat row per quote and speaker (a quote with two speakers gives
two rows, ``speaker_position`` 0 and 1; an unattributed quote one row with a NULL
speaker).  ``month`` is ``YYYY-MM`` of ``published_at`` (NULL when undated); it is
the only dialect-specific expression.  Offsets are ``quote_start``/``quote_end`` so
reporting SQL never has to quote the keyword ``end``.

``v_speaker_stats`` has one row per speaker: quotes, articles, outlets, counts by
kind, first and last publication date quoted.

Revision ID: 0003
Revises: 0002
Create Date: 2026-11-27
"""

from __future__ import annotations

from collections.abc import Sequence

from alembic import op

revision: str = "0003"
down_revision: str | None = "0002"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

MONTH = {"sqlite": "strftime('%Y-%m', a.published_at)",
         "postgresql": "to_char(a.published_at, 'YYYY-MM')"}

V_QUOTES = """
CREATE VIEW v_quotes AS
SELECT q.id AS quote_id, q.article_id, a.title, a.url, a.outlet, a.published_at,
       {month} AS month, qs.position AS speaker_position, s.id AS speaker_id,
       s.name AS speaker, s.kind AS speaker_kind, q.kind, q.text, q.cue_text, q.cue_lemma,
       q.negated, q.stance, q.role, q.method, q.confidence,
       q.start AS quote_start, q."end" AS quote_end
FROM quotes AS q
JOIN articles AS a ON a.id = q.article_id
LEFT JOIN quote_speakers AS qs ON qs.quote_id = q.id
LEFT JOIN speakers AS s ON s.id = qs.speaker_id
"""

V_SPEAKER_STATS = """
CREATE VIEW v_speaker_stats AS
SELECT s.id AS speaker_id, s.name AS speaker, s.kind,
       COUNT(q.id) AS quotes, COUNT(DISTINCT q.article_id) AS articles,
       COUNT(DISTINCT a.outlet) AS outlets,
       SUM(CASE WHEN q.kind = 'direct' THEN 1 ELSE 0 END) AS direct,
       SUM(CASE WHEN q.kind = 'mixed' THEN 1 ELSE 0 END) AS mixed,
       SUM(CASE WHEN q.kind = 'indirect' THEN 1 ELSE 0 END) AS indirect,
       MIN(a.published_at) AS first_quoted, MAX(a.published_at) AS last_quoted
FROM speakers AS s
LEFT JOIN quote_speakers AS qs ON qs.speaker_id = s.id
LEFT JOIN quotes AS q ON q.id = qs.quote_id
LEFT JOIN articles AS a ON a.id = q.article_id
GROUP BY s.id, s.name, s.kind
"""


def upgrade() -> None:
    month = MONTH[op.get_bind().dialect.name]
    op.execute(V_QUOTES.format(month=month))
    op.execute(V_SPEAKER_STATS)


def downgrade() -> None:
    op.execute("DROP VIEW v_speaker_stats")
    op.execute("DROP VIEW v_quotes")
