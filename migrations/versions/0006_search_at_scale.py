"""Search and listings at scale: a stored ``tsvector`` on PostgreSQL, listing indexes.

PostgreSQL: ``quotes.search_vector`` is ``to_tsvector('english', text)`` as a
generated (``STORED``) column, so the database keeps it current on every insert and
update and ranking reads it instead of recomputing it per row; the GIN index
``ix_quotes_fts`` moves from the expression to that column.  SQLite keeps its FTS5
table (0002) unchanged.

Both dialects: indexes from which the "one speaker's quotes in a date window"
listing finds its quote ids without reading a table row (``queries.quotes``), on
either path it takes.  Walking dates: ``articles (published_at, id)`` (articles in
listing order), ``quotes (article_id, start, id)`` (an article's quotes in text
order); starting from the speaker: ``quote_speakers (speaker_id, quote_id)``, then
``quotes (id, article_id, start)`` and ``articles (id, published_at)``.  The first
three replace the single-column indexes they start with, and serve every lookup
those did.

Downgrading restores 0005 exactly: the expression index on PostgreSQL and the
single-column indexes; no row changes (the vector is derived from ``text``).

Revision ID: 0006_search_at_scale
Revises: 0005_corrections
Create Date: 2026-12-02
"""

from __future__ import annotations

from collections.abc import Sequence

from alembic import op

revision: str = "0006_search_at_scale"
down_revision: str | None = "0005_corrections"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

# (table, columns before (none: a new index), columns after)
INDEXES: tuple[tuple[str, tuple[str, ...], tuple[str, ...]], ...] = (
    ("articles", ("published_at",), ("published_at", "id")),
    ("quotes", ("article_id",), ("article_id", "start", "id")),
    ("quote_speakers", ("speaker_id",), ("speaker_id", "quote_id")),
    ("quotes", (), ("id", "article_id", "start")),
    ("articles", (), ("id", "published_at")),
)
POSTGRES_UP = (
    """ALTER TABLE quotes ADD COLUMN search_vector tsvector
       GENERATED ALWAYS AS (to_tsvector('english', text)) STORED""",
    "DROP INDEX ix_quotes_fts",
    "SET LOCAL maintenance_work_mem = '256MB'",  # a GIN build over many rows
    "CREATE INDEX ix_quotes_fts ON quotes USING gin (search_vector)",
)
POSTGRES_DOWN = (
    "DROP INDEX ix_quotes_fts",
    "ALTER TABLE quotes DROP COLUMN search_vector",
    "SET LOCAL maintenance_work_mem = '256MB'",
    "CREATE INDEX ix_quotes_fts ON quotes USING gin (to_tsvector('english', text))",
)


def _name(table: str, columns: Sequence[str]) -> str:
    return f"ix_{table}_{'_'.join(columns)}"


def _swap_indexes(up: bool) -> None:
    for table, before, after in INDEXES:
        old, new = (before, after) if up else (after, before)
        if new:
            op.create_index(_name(table, new), table, list(new))
        if old:
            op.drop_index(_name(table, old), table_name=table)


def upgrade() -> None:
    if op.get_bind().dialect.name == "postgresql":
        for sql in POSTGRES_UP:
            op.execute(sql)
    _swap_indexes(up=True)


def downgrade() -> None:
    _swap_indexes(up=False)
    if op.get_bind().dialect.name == "postgresql":
        for sql in POSTGRES_DOWN:
            op.execute(sql)
