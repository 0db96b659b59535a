"""Full-text search over quote text: the only dialect-specific query code.

Users type web-search syntax on both dialects: words (all must match), ``"a
phrase"``, ``OR`` between alternatives and ``-word`` to exclude.  Both dialects
parse it here first (``parse_websearch``), so they accept and refuse the same
queries; every term then becomes a quoted string, so punctuation, ``AND``/``NEAR``
or a stray quote mark can never break the query.  SQLite gets an FTS5 expression.
PostgreSQL gets one ``websearch_to_tsquery`` per alternative; an alternative left
with nothing to look for once English stop words are dropped (``after -oil``)
matches nothing there, as a lone stop word does, instead of scanning every quote.

Ranking: SQLite ranks every match by FTS5's bm25, which its index holds.
PostgreSQL's ``ts_rank`` must read each match's stored ``quotes.search_vector``
(migration 0006), a table row per match, which for a word in one quote of ten is
seconds at a million quotes; so it ranks the newest ``limit * RANKED_PER_RESULT``
matches (most recently stored first), which a word of any frequency reaches
quickly.  A query with fewer matches is ranked whole, as on SQLite.

``raw=True`` passes the text to the engine's own syntax (FTS5 MATCH / ``to_tsquery``)
and turns its parse errors into SearchSyntaxError; a raw expression that only
excludes (``!oil``, ``oil | !gas``) is refused on PostgreSQL as FTS5's grammar
refuses it on SQLite.
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
# The newest :k matches (the planner walks the primary key backwards for a common
# word, uses the GIN index for a rarer one), then the best :n of them.
POSTGRES = """WITH recent AS MATERIALIZED (
                SELECT id, search_vector FROM quotes WHERE search_vector @@ CAST(:q AS tsquery)
                ORDER BY id DESC LIMIT :k)
              SELECT id FROM recent
              ORDER BY ts_rank(search_vector, CAST(:q AS tsquery)) DESC, id LIMIT :n"""
RANKED_PER_RESULT = 5  # PostgreSQL ranks the newest limit * this many matches
# Each alternative as a tsquery, and the part of it a GIN index can search ('' or 'T':
# none, the alternative only excludes).
POSTGRES_TSQUERY = """SELECT CAST(q AS text), querytree(q)
                      FROM (SELECT {fn}('english', a) AS q
                            FROM unnest(CAST(:alternatives AS text[])) AS a) AS parsed"""


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


def to_websearch(query: str) -> list[str]:
    """Each alternative of a web-search query in ``websearch_to_tsquery`` syntax, every
    term a quoted phrase (``-"word"`` to exclude); the checks of ``parse_websearch``."""
    return [" ".join(("-" if t.negated else "") + '"' + t.text.replace('"', " ") + '"'
                     for t in group) for group in parse_websearch(query)]


def _postgres_tsquery(conn: Connection, query: str, raw: bool) -> str | None:
    """The tsquery text to search for; None when nothing can match.

    Web search drops the alternatives PostgreSQL leaves without a word to look for;
    a raw expression that only excludes raises SearchSyntaxError.
    """
    alternatives = [query] if raw else to_websearch(query)
    fn = "to_tsquery" if raw else "websearch_to_tsquery"
    parsed = conn.execute(text(POSTGRES_TSQUERY.format(fn=fn)),
                          {"alternatives": alternatives}).all()
    if raw and parsed[0][1] in ("", "T") and parsed[0][0]:
        raise SearchSyntaxError(f"{query!r} only excludes words (in an alternative at"
                                " least); add a word to look for, e.g. sanctions & !oil")
    kept = [tsquery for tsquery, indexable in parsed if indexable not in ("", "T")]
    return " | ".join(f"( {q} )" for q in kept) if kept else None


def _sqlite_ids(conn: Connection, query: str, limit: int, raw: bool) -> list[int]:
    q = query if raw else to_fts5(query)
    return [row[0] for row in conn.execute(text(SQLITE), {"q": q, "n": limit})]


def _postgres_ids(conn: Connection, query: str, limit: int, raw: bool) -> list[int]:
    q = _postgres_tsquery(conn, query, raw)
    if q is None:
        return []
    params = {"q": q, "n": limit, "k": limit * RANKED_PER_RESULT}
    return [row[0] for row in conn.execute(text(POSTGRES), params)]


def match_ids(conn: Connection, query: str, limit: int, raw: bool = False) -> list[int]:
    """Ids of quotes matching ``query``, best first, at most ``limit`` (PostgreSQL: the
    best of the newest ``limit * RANKED_PER_RESULT`` matches; see the module docstring).

    Raises SearchSyntaxError when the expression cannot be parsed, or only excludes.
    """
    find = _sqlite_ids if conn.dialect.name == "sqlite" else _postgres_ids
    try:
        return find(conn, query, limit, raw)
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
