"""Full-text search over quote text: the only dialect-specific query code.

Users type web-search syntax on both dialects: words (all must match), ``"a
phrase"``, ``OR`` between alternatives and ``-word`` to exclude.  PostgreSQL reads
that natively (``websearch_to_tsquery``); for SQLite it is rewritten into an FTS5
expression whose every word is a quoted string, so punctuation, ``AND``/``NEAR`` or
a stray quote mark can never break the query.  ``raw=True`` passes the text to the
engine's own syntax (FTS5 MATCH / ``to_tsquery``) and turns its parse errors into
SearchSyntaxError.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from sqlalchemy import Connection, text
from sqlalchemy.exc import DBAPIError

from quotetrack.errors import SearchSyntaxError

_TOKEN = re.compile(r'(-?)"([^"]*)"?|(\S+)')
_WORD = re.compile(r"\w")

SQLITE = """SELECT rowid FROM quotes_fts WHERE quotes_fts MATCH :q
            ORDER BY rank, rowid LIMIT :n"""
POSTGRES = """SELECT id FROM quotes
              WHERE to_tsvector('english', text) @@ {fn}('english', :q)
              ORDER BY ts_rank(to_tsvector('english', text), {fn}('english', :q)) DESC, id
              LIMIT :n"""


@dataclass(frozen=True, slots=True)
class Term:
    """A word or phrase of a web-search query; ``negated`` for ``-word``."""

    text: str
    negated: bool = False


def parse_websearch(query: str) -> list[list[Term]]:
    """Alternatives (split at ``OR``), each a list of terms that must all hold.

    Raises SearchSyntaxError for a query with no words, or an alternative that
    only excludes (``-word`` alone matches nothing useful).
    """
    groups: list[list[Term]] = [[]]
    for m in _TOKEN.finditer(query):
        sign, phrase, bare = m.groups()
        if bare == "OR":
            groups.append([])
            continue
        negated = bool(sign) or (bare or "").startswith("-")
        body = phrase if phrase is not None else (bare or "").lstrip("-")
        if _WORD.search(body):
            groups[-1].append(Term(" ".join(body.split()), negated))
    groups = [g for g in groups if g]
    if not groups:
        raise SearchSyntaxError(f"nothing to search for in {query!r}; give a word or"
                                ' a "quoted phrase"')
    if any(all(t.negated for t in g) for g in groups):
        raise SearchSyntaxError(f"{query!r} only excludes words; add a word to look for,"
                                " e.g. sanctions -oil")
    return groups


def _fts5_string(term: Term) -> str:
    return '"' + term.text.replace('"', '""') + '"'


def to_fts5(query: str) -> str:
    """The FTS5 MATCH expression of a web-search query (every term a quoted string)."""
    alternatives = []
    for group in parse_websearch(query):
        wanted = " AND ".join(_fts5_string(t) for t in group if not t.negated)
        unwanted = " OR ".join(_fts5_string(t) for t in group if t.negated)
        alternatives.append(f"({wanted})" + (f" NOT ({unwanted})" if unwanted else ""))
    return " OR ".join(f"({a})" for a in alternatives)


def match_ids(conn: Connection, query: str, limit: int, raw: bool = False) -> list[int]:
    """Ids of quotes matching ``query``, best first, at most ``limit``.

    Raises SearchSyntaxError when the expression cannot be parsed.
    """
    if conn.dialect.name == "sqlite":
        sql, q = SQLITE, query if raw else to_fts5(query)
    else:
        if not raw:
            parse_websearch(query)  # same checks as on SQLite
        sql, q = POSTGRES.format(fn="to_tsquery" if raw else "websearch_to_tsquery"), query
    try:
        return [row[0] for row in conn.execute(text(sql), {"q": q, "n": limit})]
    except DBAPIError as exc:
        if not _is_syntax_error(exc):
            raise
        reason = str(exc.orig).strip().splitlines()[0]
        hint = "; search without --raw to look for the words as typed" if raw else ""
        raise SearchSyntaxError(f"cannot read the search {query!r} ({reason}){hint}") from None


def _is_syntax_error(exc: DBAPIError) -> bool:
    message = str(exc.orig).lower()
    return any(s in message for s in ("fts5", "syntax error", "no such column",
                                      "unterminated string", "tsquery", "malformed"))
