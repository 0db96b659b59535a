"""Full-text search over quote text, one arrangement per dialect.

SQLite: an external-content FTS5 table ``quotes_fts`` over ``quotes.text`` kept current
by the ``quotes_ai/_ad/_au`` triggers (the sqlite-utils layout, which Datasette
detects: it looks for ``content="quotes"``).  PostgreSQL: a GIN index on the
expression ``to_tsvector('english', text)``, queried with ``websearch_to_tsquery``.
Both stem English words (porter / the english configuration).  Upgrading a store
that already holds quotes indexes them.

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-27
"""

from __future__ import annotations

from collections.abc import Sequence

from alembic import op

revision: str = "0002"
down_revision: str | None = "0001"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

SQLITE_UP = (
    """CREATE VIRTUAL TABLE quotes_fts USING fts5(text, content="quotes",
       content_rowid="id", tokenize="porter unicode61 remove_diacritics 2")""",
    """CREATE TRIGGER quotes_ai AFTER INSERT ON quotes BEGIN
         INSERT INTO quotes_fts (rowid, text) VALUES (new.id, new.text);
       END""",
    """CREATE TRIGGER quotes_ad AFTER DELETE ON quotes BEGIN
         INSERT INTO quotes_fts (quotes_fts, rowid, text) VALUES ('delete', old.id, old.text);
       END""",
    """CREATE TRIGGER quotes_au AFTER UPDATE ON quotes BEGIN
         INSERT INTO quotes_fts (quotes_fts, rowid, text) VALUES ('delete', old.id, old.text);
         INSERT INTO quotes_fts (rowid, text) VALUES (new.id, new.text);
       END""",
    "INSERT INTO quotes_fts (quotes_fts) VALUES ('rebuild')",
)
SQLITE_DOWN = ("DROP TRIGGER quotes_au", "DROP TRIGGER quotes_ad", "DROP TRIGGER quotes_ai",
               "DROP TABLE quotes_fts")
POSTGRES_UP = ("CREATE INDEX ix_quotes_fts ON quotes USING gin (to_tsvector('english', text))",)
POSTGRES_DOWN = ("DROP INDEX ix_quotes_fts",)


def _run(statements: Sequence[str]) -> None:
    for sql in statements:
        op.execute(sql)


def upgrade() -> None:
    sqlite = op.get_bind().dialect.name == "sqlite"
    _run(SQLITE_UP if sqlite else POSTGRES_UP)


def downgrade() -> None:
    sqlite = op.get_bind().dialect.name == "sqlite"
    _run(SQLITE_DOWN if sqlite else POSTGRES_DOWN)
