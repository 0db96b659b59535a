"""Coded, expected errors.  Each message says what went wrong and what to do next.

The CLI prints ``message`` on stderr and exits 1 (never a traceback); usage
problems are click's own (exit 2).
"""

from __future__ import annotations


class QuotetrackError(Exception):
    """Base class: ``code`` (``Q0xx``) plus a message that names the next step."""

    code = "Q000"

    def __init__(self, message: str) -> None:
        super().__init__(f"{self.code}: {message}")
        self.detail = message
        self.message = f"{self.code}: {message}"

    def __reduce__(self) -> tuple[type[QuotetrackError], tuple[str]]:
        # Rebuilt from the bare message, so an error raised on a Dask worker keeps a
        # single code prefix when it reaches the client.
        return type(self), (self.detail,)


class InputError(QuotetrackError):
    """Input that cannot be read as text: binary, not UTF-8, too large, bad JSON."""

    code = "Q001"


class ModelUnavailable(QuotetrackError):
    """The Stanza models cannot be loaded (missing files, official models offline)."""

    code = "Q002"


class StoreError(QuotetrackError):
    """The store cannot be opened or written."""

    code = "Q003"


class MigrationRequired(QuotetrackError):
    """The store's schema is behind this version of quotetrack."""

    code = "Q004"


class SearchSyntaxError(QuotetrackError):
    """A full-text search expression the database cannot parse."""

    code = "Q005"


class NotFound(QuotetrackError):
    """An article, quote or speaker that the store does not hold."""

    code = "Q006"


class ClusterError(QuotetrackError):
    """A Dask cluster that cannot be reached, or that keeps losing a partition."""

    code = "Q007"
