"""Shared fixtures.

Store fixtures run every test twice: on SQLite (a file in tmp_path) and on a real
PostgreSQL server (127.0.0.1:5432 as user postgres, or QUOTETRACK_TEST_PG_URL).
Each PostgreSQL test gets its own uniquely named database, copied from a migrated
template and dropped afterwards, so runs never collide.  Without a reachable server
the PostgreSQL cases are skipped with the reason shown.
"""

from __future__ import annotations

import os
import shutil
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest

PG_URL = os.environ.get("QUOTETRACK_TEST_PG_URL", "postgresql://postgres@127.0.0.1:5432/test")
DIALECTS = ["sqlite", "postgresql"]


def _pg_problem() -> str | None:
    try:
        import psycopg

        with psycopg.connect(PG_URL, connect_timeout=3):
            return None
    except Exception as exc:  # any failure means: no usable server
        return (f"no PostgreSQL server at {PG_URL} ({type(exc).__name__});"
                " start one or set QUOTETRACK_TEST_PG_URL")


def _pg_exec(sql: str) -> None:
    import psycopg

    with psycopg.connect(PG_URL, autocommit=True, connect_timeout=5) as conn:
        conn.execute(sql)  # type: ignore[arg-type]


def pg_url_for(name: str) -> str:
    """The URL of database ``name`` on the test server."""
    from sqlalchemy.engine import make_url

    return make_url(PG_URL).set(database=name).render_as_string(hide_password=False)


class PgDatabases:
    """Creates uniquely named databases on the test server and drops them all at the end."""

    def __init__(self) -> None:
        self.names: list[str] = []

    def create(self, template: str | None = None) -> str:
        name = f"qt_test_{uuid.uuid4().hex[:12]}"
        _pg_exec(f'CREATE DATABASE "{name}"' + (f' TEMPLATE "{template}"' if template else ""))
        self.names.append(name)
        return name

    def drop(self, name: str) -> None:
        _pg_exec(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        if name in self.names:
            self.names.remove(name)


@pytest.fixture(scope="session")
def pg() -> Iterator[PgDatabases]:
    """The PostgreSQL test server (skips when none is reachable)."""
    problem = _pg_problem()
    if problem:
        pytest.skip(problem)
    dbs = PgDatabases()
    yield dbs
    for name in list(dbs.names):
        dbs.drop(name)


@pytest.fixture(params=DIALECTS)
def dialect(request: pytest.FixtureRequest) -> str:
    """Each dialect in turn (the PostgreSQL case skips without a server)."""
    if request.param == "postgresql":
        request.getfixturevalue("pg")
    return str(request.param)


@pytest.fixture
def empty_db(dialect: str, tmp_path: Path, request: pytest.FixtureRequest) -> Iterator[str]:
    """The location of a new, empty, never migrated database."""
    if dialect == "sqlite":
        yield str(tmp_path / "empty.db")
        return
    dbs: PgDatabases = request.getfixturevalue("pg")
    name = dbs.create()
    yield pg_url_for(name)
    dbs.drop(name)


@pytest.fixture(scope="session")
def sqlite_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A SQLite store migrated to head, copied for each test (migrating is the slow part)."""
    from quotetrack.store import open_store

    path = tmp_path_factory.mktemp("template") / "template.db"
    open_store(str(path)).close()
    return path


@pytest.fixture(scope="session")
def pg_template(pg: PgDatabases) -> str:
    """A PostgreSQL database migrated to head, used as CREATE DATABASE ... TEMPLATE."""
    from quotetrack.store import open_store

    name = pg.create()
    open_store(pg_url_for(name)).close()
    return name


@pytest.fixture
def db(dialect: str, tmp_path: Path, request: pytest.FixtureRequest) -> Iterator[str]:
    """The location of a new store at the head schema (a file path or a URL)."""
    if dialect == "sqlite":
        target = tmp_path / "store.db"
        shutil.copy(request.getfixturevalue("sqlite_template"), target)
        yield str(target)
        return
    dbs: PgDatabases = request.getfixturevalue("pg")
    name = dbs.create(template=request.getfixturevalue("pg_template"))
    yield pg_url_for(name)
    dbs.drop(name)


@pytest.fixture
def store(db: str) -> Iterator[object]:
    """An open ``Store`` on a fresh database of each dialect."""
    from quotetrack.store import open_store

    opened = open_store(db)
    yield opened
    opened.close()
