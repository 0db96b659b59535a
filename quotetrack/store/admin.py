"""Schema administration for ``quotetrack db``: where a store stands, and upgrading it;
the database settings that bear on query speed, and refreshing the planner's view
after a bulk load."""

from __future__ import annotations

from dataclasses import asdict, dataclass
from typing import Any

from sqlalchemy import Connection, Engine, text
from sqlalchemy.exc import DBAPIError

from quotetrack.errors import StoreError
from quotetrack.store import migrate
from quotetrack.store.engine import describe, make_engine, to_url


@dataclass(frozen=True, slots=True)
class SchemaStatus:
    """A store's schema revision against the one this quotetrack expects."""

    store: str
    current: str | None
    head: str

    @property
    def up_to_date(self) -> bool:
        return self.current == self.head

    def as_dict(self) -> dict[str, Any]:
        return {**asdict(self), "up_to_date": self.up_to_date}


def status(location: str) -> SchemaStatus:
    """The schema revision of the store at ``location`` (None: empty or new)."""
    url = to_url(location)
    engine = make_engine(url)
    try:
        with engine.connect() as conn:
            return SchemaStatus(describe(url), migrate.current(conn), migrate.head())
    except DBAPIError as exc:
        raise StoreError(f"cannot open the store {describe(url)}: {exc.orig}") from None
    finally:
        engine.dispose()


def upgrade(location: str) -> tuple[str | None, SchemaStatus]:
    """Migrate the store at ``location`` to head; returns (revision before, status after)."""
    url = to_url(location)
    engine = make_engine(url)
    try:
        before, _ = migrate.upgrade(engine)
    except DBAPIError as exc:
        raise StoreError(f"cannot upgrade the store {describe(url)}: {exc.orig}") from None
    finally:
        engine.dispose()
    return before, status(location)


POSTGRES_SETTINGS = ("server_version", "shared_buffers", "work_mem", "effective_cache_size",
                     "maintenance_work_mem", "random_page_cost", "effective_io_concurrency",
                     "max_parallel_workers_per_gather", "jit", "default_statistics_target",
                     "autovacuum")
SQLITE_PRAGMAS = ("page_size", "cache_size", "mmap_size", "journal_mode", "synchronous")


def settings(conn: Connection) -> dict[str, str]:
    """The server settings a query-speed figure depends on, as the server reports
    them: PostgreSQL's ``SHOW`` values, or SQLite's version and pragmas."""
    if conn.dialect.name == "postgresql":
        return {name: str(conn.execute(text(f"SHOW {name}")).scalar())
                for name in POSTGRES_SETTINGS}
    out = {"sqlite_version": str(conn.execute(text("SELECT sqlite_version()")).scalar())}
    out.update({name: str(conn.execute(text(f"PRAGMA {name}")).scalar())
                for name in SQLITE_PRAGMAS})
    return out


def optimize(engine: Engine) -> None:
    """After a bulk load, give PostgreSQL's planner what autovacuum would in time:
    ``VACUUM (ANALYZE)`` refreshes the statistics that choose between plans (a common
    word or speaker against a rare one) and the visibility map that lets listings
    read indexes alone.  Needed at once after a bulk load, and on any server that
    runs with ``autovacuum = off``.  SQLite: nothing to do (its plans here need no
    statistics)."""
    if engine.dialect.name != "postgresql":
        return
    with engine.connect().execution_options(isolation_level="AUTOCOMMIT") as conn:
        conn.execute(text("VACUUM (ANALYZE)"))
