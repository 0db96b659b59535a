"""Store locations -> SQLAlchemy engines, with the connection settings each dialect needs.

A plain path (``quotetrack.db``) or ``sqlite:///path`` means SQLite; a
``postgresql://`` (or ``postgres://``) URL means PostgreSQL through psycopg 3.

SQLite connections run in WAL mode (readers never wait for the writer) with a busy
timeout, foreign keys on, and explicit ``BEGIN``: pysqlite's own implicit
transactions would start lazily at the first write, so two writers could each read
and then deadlock upgrading to a write lock.  Engines made with ``writer()`` begin
with ``BEGIN IMMEDIATE`` instead, taking the write lock up front and waiting for it
within the busy timeout.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from sqlalchemy import Engine, create_engine, event
from sqlalchemy.engine import URL, Connection, make_url
from sqlalchemy.exc import ArgumentError

from quotetrack.errors import StoreError

BUSY_TIMEOUT_S = 30
WRITE_OPTION = "quotetrack_write"


def to_url(location: str) -> URL:
    """The SQLAlchemy URL for a path or URL; StoreError for an unknown scheme."""
    if "://" not in location:
        path = Path(location).expanduser()
        if not path.parent.is_dir():
            raise StoreError(f"no folder {path.parent} for the store {location};"
                             " create it first or pass another --db")
        return URL.create("sqlite", database=str(path))
    try:
        url = make_url(location)
    except ArgumentError:
        raise StoreError(f"cannot read the store URL {location!r}; pass a file path"
                         " or postgresql://user@host/dbname") from None
    if url.drivername in ("postgresql", "postgres", "postgresql+psycopg"):
        return url.set(drivername="postgresql+psycopg")
    if url.drivername == "sqlite" and url.database:
        return url
    raise StoreError(f"unsupported store {url.drivername!r}: use a file path (SQLite)"
                     " or a postgresql:// URL")


def describe(url: URL) -> str:
    """The URL as safe to print (password hidden; SQLite as its path)."""
    if url.get_backend_name() == "sqlite":
        return str(url.database)
    return url.render_as_string(hide_password=True)


def _sqlite_connect(dbapi_conn: Any, _record: Any) -> None:
    dbapi_conn.isolation_level = None  # we emit BEGIN ourselves (see module docstring)
    cur = dbapi_conn.cursor()
    cur.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_S * 1000}")
    cur.execute("PRAGMA journal_mode = WAL")
    cur.execute("PRAGMA synchronous = NORMAL")
    cur.execute("PRAGMA foreign_keys = ON")
    cur.close()


def _sqlite_begin(conn: Connection) -> None:
    immediate = conn.get_execution_options().get(WRITE_OPTION, False)
    conn.exec_driver_sql("BEGIN IMMEDIATE" if immediate else "BEGIN")


def make_engine(url: URL) -> Engine:
    """An engine for ``url`` with the dialect's connection settings applied."""
    if url.get_backend_name() == "sqlite":
        engine = create_engine(url, connect_args={"timeout": BUSY_TIMEOUT_S})
        event.listen(engine, "connect", _sqlite_connect)
        event.listen(engine, "begin", _sqlite_begin)
        return engine
    # prepare_threshold=None: psycopg never turns a repeated query into a server-side
    # prepared statement, whose cached generic plan could ignore the values (a common
    # word and a rare one need different plans; see search.py and queries.py).
    return create_engine(url, pool_pre_ping=True,
                         connect_args={"connect_timeout": 10, "prepare_threshold": None})


def writer(engine: Engine) -> Engine:
    """The same engine (shared pool) marked for write transactions."""
    return engine.execution_options(**{WRITE_OPTION: True})
