"""Alembic environment for quotetrack (SQLite and PostgreSQL, one version tree).

quotetrack passes an open connection in ``config.attributes["connection"]`` (already
inside a transaction, so a whole upgrade commits or rolls back as one).  Run by hand
(``alembic upgrade head``), the database comes from QUOTETRACK_DB.
"""

from __future__ import annotations

import os
from logging.config import fileConfig
from typing import Any

from alembic import context
from sqlalchemy import Connection

from quotetrack.store.engine import make_engine, to_url
from quotetrack.store.schema import FULLTEXT_OBJECTS, Base

config = context.config
if config.config_file_name is not None and config.attributes.get("connection") is None:
    fileConfig(config.config_file_name)
target_metadata = Base.metadata


def include_object(obj: Any, name: str | None, type_: str, reflected: bool,
                   compare_to: Any) -> bool:
    """Hide the dialect-only full-text objects from autogenerate.

    SQLite's FTS5 table ``quotes_fts`` has shadow tables (``quotes_fts_data`` ...);
    PostgreSQL has the stored ``quotes.search_vector`` and its GIN index
    ``ix_quotes_fts``.  All are made by hand in the full-text migrations (0002,
    0006), so autogenerate must neither drop nor recreate them.
    """
    return not (name or "").startswith(FULLTEXT_OBJECTS)


def run(connection: Connection) -> None:
    """Run the migrations on ``connection``."""
    context.configure(
        connection=connection,
        target_metadata=target_metadata,
        # SQLite cannot ALTER most things; batch mode rebuilds the table instead
        # (https://alembic.sqlalchemy.org/en/latest/batch.html).  Plain ALTER elsewhere.
        render_as_batch=connection.dialect.name == "sqlite",
        include_object=include_object,
        compare_type=True,
    )
    with context.begin_transaction():
        context.run_migrations()


def run_online() -> None:
    """Use quotetrack's connection, or open QUOTETRACK_DB with quotetrack's settings."""
    connection = config.attributes.get("connection")
    if connection is not None:
        run(connection)
        return
    engine = make_engine(to_url(os.environ.get("QUOTETRACK_DB", "quotetrack.db")))
    with engine.connect() as conn:
        run(conn)
        conn.commit()
    engine.dispose()


if context.is_offline_mode():
    raise SystemExit("quotetrack migrations run online only: set QUOTETRACK_DB and run"
                     " alembic upgrade head")
run_online()
