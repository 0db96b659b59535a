"""The SQL store: the only package that imports SQLAlchemy.

``open_store(path_or_url)`` returns a ``Store`` (SQLite for a file path,
PostgreSQL for a ``postgresql://`` URL); ``upgrade``/``status`` manage the schema.
"""

from __future__ import annotations

from quotetrack.store.admin import SchemaStatus, status, upgrade
from quotetrack.store.store import Store, open_store

__all__ = ["SchemaStatus", "Store", "open_store", "status", "upgrade"]
