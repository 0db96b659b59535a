"""GUM documents of chosen genres, as CoNLL-U text to add to a training split.

GUM's licence differs by genre (``# meta::genre``): only the openly licensed ones
(``ner_data.OPEN_GENRES``) may train a shipped model.  ``documents`` keeps the
documents of the genres asked for, whole (comments, paragraphs and multi-word tokens
as GUM has them), so that Stanza's data preparation reads them like the EWT split they
are appended to.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator

from quotetrack.models.ner_data import OPEN_GENRES


def _documents(conllu: str) -> Iterator[tuple[str, str]]:
    """(genre, CoNLL-U text) of each ``# newdoc`` document, in order."""
    doc: list[str] = []
    for line in conllu.splitlines():
        if line.startswith("# newdoc") and doc:
            yield _genre(doc), "\n".join(doc).strip("\n") + "\n\n"
            doc = []
        doc.append(line)
    if doc:
        yield _genre(doc), "\n".join(doc).strip("\n") + "\n\n"


def _genre(lines: list[str]) -> str:
    for line in lines:
        if line.startswith("# meta::genre = "):
            return line.split("= ", 1)[1].strip()
    return ""


def documents(conllu: str, genres: Iterable[str]) -> str:
    """The documents of ``genres`` in ``conllu`` (a GUM split), concatenated.

    Raises ``ValueError`` for a genre whose licence forbids a shipped model."""
    wanted = frozenset(genres)
    closed = wanted - OPEN_GENRES
    if closed:
        raise ValueError(f"GUM genres {sorted(closed)} may not train a shipped model;"
                         f" choose from {sorted(OPEN_GENRES)}")
    return "".join(text for genre, text in _documents(conllu) if genre in wanted)
