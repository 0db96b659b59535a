"""Input formats -> ``Article`` records (the only module that knows file formats).

``.txt`` (one article, id = file stem), ``.jsonl`` (one article per line: ``id``,
``text`` and optional ``url``, ``title``, ``outlet``, ``published_at``; other
fields kept in ``meta``), ``.html``/``.htm`` (main text via trafilatura), folders
(recursively, sorted) and ``-`` for stdin.  Unreadable input never raises from the
iterators: it is yielded as a ``Problem`` naming file, line and reason, so a
caller can report it and carry on.

Every article comes out normalised by ``clean_text`` (its text and its string
fields), before anything hashes, parses or stores it, so every offset indexes the
text as stored and both store dialects see the same characters.  An article whose
text is blank once cleaned (``is_blank``), or whose ``published_at`` is not a date,
is a Problem.
"""

from __future__ import annotations

import hashlib
import json
import re
import sys
import unicodedata
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any, BinaryIO

from quotetrack.dates import parse_date
from quotetrack.errors import InputError
from quotetrack.records import Article

MAX_BYTES = 5_000_000
SUFFIXES = (".txt", ".jsonl", ".html", ".htm")
KNOWN_FIELDS = ("id", "text", "url", "title", "outlet", "published_at")
MAX_KEY = 200  # characters of an id or outlet (indexed columns; PostgreSQL caps index rows)
# C0 and C1 control characters except tab and newline, and lone surrogates (JSON's
# "\ud800" escapes): PostgreSQL refuses NUL and surrogates cannot be encoded.
_UNSTORABLE = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\ud800-\udfff]")


@dataclass(frozen=True, slots=True)
class Problem:
    """Input that could not become an article: where it was and why."""

    source: str
    line: int | None
    reason: str

    def __str__(self) -> str:
        where = f"{self.source}:{self.line}" if self.line else self.source
        return f"{where}: {self.reason}"


def decode(data: bytes, source: str, limit: int = MAX_BYTES) -> str:
    """Bytes -> text, refusing binary, non-UTF-8 and oversized input (InputError)."""
    if len(data) > limit:
        raise InputError(f"{len(data):,} bytes, over the {limit:,}-byte limit;"
                         " split it or raise --max-bytes")
    if b"\x00" in data:
        raise InputError("looks binary (NUL bytes); pass text, JSONL or HTML")
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise InputError(f"not UTF-8 (byte {exc.start}); convert it, e.g."
                         " with iconv -t utf-8") from None
    controls = sum(1 for c in text[:4096] if ord(c) < 32 and c not in "\n\r\t\f")
    if controls > 8:
        raise InputError(f"looks binary ({controls} control characters);"
                         " pass text, JSONL or HTML")
    return text.replace("\r\n", "\n")


def clean_text(text: str) -> str:
    """Text as stored: line ends become ``\\n``; NUL, every other control character
    (tab and newline kept) and lone surrogates are removed.  Idempotent."""
    return _UNSTORABLE.sub("", text.replace("\r\n", "\n").replace("\r", "\n"))


def is_blank(text: str) -> bool:
    """Nothing to read: only whitespace and invisible format characters (RTL marks,
    zero-width spaces, byte-order marks)."""
    return all(c.isspace() or unicodedata.category(c) == "Cf" for c in text)


def is_clean(text: str) -> bool:
    """Whether ``text`` is unchanged by ``clean_text`` (what the store accepts)."""
    return "\r" not in text and _UNSTORABLE.search(text) is None


def text_hash(text: str) -> str:
    """Stable SHA-256 of the article text, the store's duplicate key."""
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def _field(value: Any) -> str | None:
    """An optional field as clean text; None when missing or blank."""
    text = clean_text(str(value)).strip() if value is not None else ""
    return text or None


def _checked(text: str, published_at: str | None) -> str:
    """``text`` cleaned; InputError when it is empty or the date is not a date."""
    text = clean_text(text)
    if is_blank(text):
        raise InputError("empty text: nothing to extract")
    if published_at is not None and parse_date(published_at) is None:
        raise InputError(f"published_at {published_at[:40]!r} is not a date; write it as"
                         " ISO 8601 (2017-03-01) or RFC 2822 and ingest again")
    return text


def _article(fields: dict[str, Any], default_id: str, source: str, n: int) -> Article:
    text = fields.get("text")
    if not isinstance(text, str):
        raise InputError("malformed JSON line: no string field 'text'")
    meta = {k: v for k, v in fields.items() if k not in KNOWN_FIELDS}
    opt = {k: _field(fields.get(k)) for k in ("url", "title", "outlet", "published_at")}
    long = [k for k in ("id", "outlet") if len(_field(fields.get(k)) or "") > MAX_KEY]
    if long:
        raise InputError(f"{long[0]} longer than {MAX_KEY} characters")
    return Article(id=_field(fields.get("id") or None) or default_id,
                   text=_checked(text, opt["published_at"]), meta=meta, source=source,
                   line=n, **opt)


def jsonl_line(line: str, source: str, n: int) -> Article | Problem:
    """The article of JSONL line ``n`` (1-based), or the Problem with it."""
    try:
        fields = json.loads(line)
    except (ValueError, RecursionError) as exc:  # JSONDecodeError, too many digits or levels
        return Problem(source, n, f"malformed JSON line: {exc}")
    if not isinstance(fields, dict):
        return Problem(source, n, "malformed JSON line: a line must be a JSON object")
    try:
        return _article(fields, f"{Path(source).stem}-{n}", source, n)
    except InputError as exc:
        return Problem(source, n, exc.detail)


def parse_jsonl(text: str, source: str) -> Iterator[Article | Problem]:
    """One article per non-blank line; a bad line is a Problem, the rest go on."""
    for n, line in enumerate(text.split("\n"), 1):
        if line.strip():
            yield jsonl_line(line, source, n)


def _bounded_lines(handle: BinaryIO, limit: int) -> Iterator[bytes]:
    """Lines of ``handle``; one longer than ``limit`` comes back cut (and is skipped)."""
    while raw := handle.readline(limit + 1):
        if len(raw) > limit and not raw.endswith(b"\n"):
            while (rest := handle.readline(limit + 1)) and not rest.endswith(b"\n"):
                pass
        yield raw


def read_jsonl_file(path: str, limit: int = MAX_BYTES) -> Iterator[Article | Problem]:
    """A JSONL file line by line, so memory holds one line whatever the file's size.

    Each line is checked as ``decode`` checks a file (at most ``limit`` bytes, UTF-8,
    not binary) and becomes an Article or a Problem; when the first line is not
    text at all, the whole file is one Problem.
    """
    try:
        handle = open(path, "rb")
    except OSError as exc:
        yield Problem(path, None, f"cannot read: {exc.strerror or exc}")
        return
    with handle:
        for n, raw in enumerate(_bounded_lines(handle, limit), 1):
            try:
                line = decode(raw, path, limit)
            except InputError as exc:
                if n == 1 and "over the" not in exc.detail:
                    yield Problem(path, None, exc.detail)
                    return
                yield Problem(path, n, f"malformed JSON line: {exc.detail}")
                continue
            if line.strip():
                yield jsonl_line(line, path, n)


def html_to_text(html: str, source: str) -> str:
    """Main article text of an HTML page (trafilatura); InputError if none found."""
    try:
        import trafilatura
    except ImportError:
        raise InputError("reading HTML needs trafilatura;"
                         " pip install 'quotetrack[html]'") from None
    text = trafilatura.extract(html, include_comments=False)
    if not text:
        raise InputError("no article text found in the HTML")
    return str(text)


def read_bytes(data: bytes, source: str, suffix: str,
               limit: int = MAX_BYTES) -> Iterator[Article | Problem]:
    """Articles from one file's bytes; every failure becomes a Problem."""
    stem = "stdin" if source == "<stdin>" else Path(source).stem
    try:
        text = decode(data, source, limit if suffix != ".jsonl" else limit * 1000)
        if suffix == ".jsonl":
            yield from parse_jsonl(text, source)
            return
        if suffix in (".html", ".htm"):
            text = html_to_text(text, source)
        text = clean_text(text)
        if is_blank(text):
            yield Problem(source, None, "empty input: nothing to read")
            return
        yield Article(id=stem, text=text, source=source)
    except InputError as exc:
        yield Problem(source, None, exc.detail)


def expand(paths: Iterable[str]) -> Iterator[str]:
    """Paths with folders replaced by their readable files, recursively and sorted."""
    for p in paths:
        path = Path(p)
        if p != "-" and path.is_dir():
            yield from (str(f) for f in sorted(path.rglob("*"))
                        if f.is_file() and f.suffix.lower() in SUFFIXES)
        else:
            yield p


def read_paths(paths: Iterable[str], limit: int = MAX_BYTES) -> Iterator[Article | Problem]:
    """Articles (or Problems) from files, folders and ``-`` (stdin, text or JSONL)."""
    for p in expand(paths):
        if p == "-":
            data = sys.stdin.buffer.read()
            suffix = ".jsonl" if data.lstrip()[:1] == b"{" else ".txt"
            yield from read_bytes(data, "<stdin>", suffix, limit)
            continue
        if Path(p).suffix.lower() == ".jsonl":
            yield from read_jsonl_file(p, limit)
            continue
        try:
            data = Path(p).read_bytes()
        except OSError as exc:
            yield Problem(p, None, f"cannot read: {exc.strerror or exc}")
            continue
        yield from read_bytes(data, p, Path(p).suffix.lower(), limit)
