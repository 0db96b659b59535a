"""Schema administration for ``quotetrack db``: where a store stands, and upgrading it."""

from __future__ import annotations

from dataclasses import asdict, dataclass
from typing import Any

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
