"""The review part of the ``Store`` API: correct one quote, undo, list, export gold.

``Store`` inherits it (``ReviewMixin``).  Each method is one transaction and
returns plain dicts (see ``store/corrections.py``).
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from quotetrack.store import corrections
from quotetrack.store.factcheck import FactCheckMixin


class ReviewMixin(FactCheckMixin):
    """Human corrections over the store (mixed into ``Store``)."""

    def correct(self, quote_id: int, speakers: Sequence[str] = (), not_a_quote: bool = False,
                kind: str | None = None, note: str | None = None,
                by: str | None = None) -> dict[str, Any]:
        """Record and apply a correction of one quote (speakers main first, kind, or
        not a quote); ``by`` defaults to the OS user.  Returns the correction."""
        return self._write(lambda s: corrections.describe(s, corrections.record(
            s, quote_id, speakers, not_a_quote, kind, note, by, config=self.variant_config)))

    def undo_correction(self, correction_id: int, by: str | None = None) -> dict[str, Any]:
        """Undo a correction (kept, marked undone); the quote gets the extractor's
        values back, or those of its other corrections."""
        return self._write(lambda s: corrections.describe(s, corrections.undo(
            s, correction_id, by, config=self.variant_config)))

    def corrections(self, include_undone: bool = False) -> list[dict[str, Any]]:
        """Every correction, oldest first; ``include_undone`` for the history too."""
        return self._read(lambda s: corrections.listing(s, include_undone))

    def gold_docs(self) -> list[dict[str, Any]]:
        """The corrected articles as gold documents for ``quotetrack eval``."""
        return self._read(corrections.gold)
