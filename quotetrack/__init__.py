"""quotetrack: who said what, where and when, from news text into SQL."""

from __future__ import annotations

__version__ = "0.1.0"
EXTRACTOR_VERSION = "1"
