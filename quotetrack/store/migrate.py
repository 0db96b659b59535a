"""Schema versions through Alembic: find the migrations, check, upgrade.

The Alembic scripts ship inside the package as ``quotetrack/migrations`` (package data,
found through ``importlib.resources``).  In the source checkout that folder is a link to
the top-level ``migrations/``, the one copy developers edit and ``alembic.ini`` names.
"""

from __future__ import annotations

from pathlib import Path

from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import Connection, Engine, inspect, text

from quotetrack import packaged
from quotetrack.errors import MigrationRequired, StoreError
from quotetrack.store.engine import writer


def migrations_dir() -> Path:
    """The packaged Alembic script folder; StoreError if this installation lacks it."""
    folder = packaged.path("quotetrack", "migrations")
    if not (folder / "env.py").is_file():
        raise StoreError(f"this quotetrack has no migrations in {folder}; reinstall it"
                         " (pip install quotetrack, or pip install -e . in a checkout)")
    return folder


def alembic_config(connection: Connection | None = None) -> Config:
    """An Alembic Config for the packaged migrations, optionally bound to a connection."""
    cfg = Config()
    cfg.set_main_option("script_location", str(migrations_dir()))
    if connection is not None:
        cfg.attributes["connection"] = connection
    return cfg


def head() -> str:
    """The head revision this version of quotetrack expects."""
    heads = ScriptDirectory.from_config(alembic_config()).get_heads()
    if len(heads) != 1:
        raise StoreError(f"the migrations have {len(heads)} heads ({', '.join(heads)});"
                         " merge them with alembic merge")
    return heads[0]


def current(conn: Connection) -> str | None:
    """The revision a database is at (None: never migrated)."""
    return MigrationContext.configure(conn).get_current_revision()


def _lock(conn: Connection) -> None:
    """Serialise concurrent first opens (SQLite: BEGIN IMMEDIATE already holds the lock)."""
    if conn.dialect.name == "postgresql":
        conn.execute(text("SELECT pg_advisory_xact_lock(hashtext('quotetrack-migrate'))"))


def upgrade(engine: Engine, target: str = "head") -> tuple[str | None, str | None]:
    """Migrate to ``target`` in one transaction; returns (revision before, after)."""
    with writer(engine).begin() as conn:
        _lock(conn)
        before = current(conn)
        command.upgrade(alembic_config(conn), target)
        return before, current(conn)


def downgrade(engine: Engine, target: str) -> None:
    """Migrate down to ``target`` in one transaction (used by tests and by hand)."""
    with writer(engine).begin() as conn:
        _lock(conn)
        command.downgrade(alembic_config(conn), target)


def ensure_current(engine: Engine, where: str) -> None:
    """Migrate a new, empty store to head; refuse an old or foreign one.

    Raises MigrationRequired when the store is behind (the user runs
    ``quotetrack db upgrade``) and StoreError when it is ahead or not ours.
    """
    expected = head()
    with engine.connect() as conn:
        revision = current(conn)
        tables = set(inspect(conn).get_table_names())
    if revision == expected:
        return
    if revision is None and not tables - {"alembic_version"}:
        upgrade(engine)
        return
    if revision is None:
        raise StoreError(f"{where} has tables but is not a quotetrack store;"
                         " pass another --db")
    known = {s.revision for s in ScriptDirectory.from_config(alembic_config()).walk_revisions()}
    if revision in known:
        raise MigrationRequired(f"the store {where} is at schema {revision}, this quotetrack"
                                f" needs {expected}; back it up, then run"
                                " quotetrack db upgrade")
    raise StoreError(f"the store {where} is at schema {revision}, newer than this"
                     " quotetrack knows; upgrade quotetrack")
