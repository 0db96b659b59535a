"""quotetrack: who said what, where and when, from news text into SQL."""

from __future__ import annotations

# The one source of the package version (pyproject.toml reads it from here).
__version__ = "0.1.0"
EXTRACTOR_VERSION = "1"


def version_text() -> str:
    """What produced a result: the package, the extractor rules and the shipped models'
    build, e.g. ``quotetrack 0.1.0 (extractor 1, models compact-en build 3f0c2a9e41d7)``."""
    from quotetrack.models import COMPACT, compact_build

    return (f"quotetrack {__version__} (extractor {EXTRACTOR_VERSION},"
            f" models {COMPACT} build {compact_build()})")
