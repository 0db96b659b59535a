"""Input formats -> ``Article`` records (the only module that knows file formats).

``.txt`` (one article, id = file stem), ``.jsonl`` (one article per line: ``id``,
``text`` and optional ``url``, ``title``, ``outlet``, ``published_at``; other
fields kept in ``meta``), ``.html``/``.htm`` (main text via trafilatura), folders
(recursively, sorted) and ``-`` for stdin.  Unreadable input never raises from the
iterators: it is yielded as a ``Problem`` naming file, line and reason, so a
caller can report it and carry on.
"""

from __future__ import annotations

import hashlib
import json
import sys
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any, BinaryIO

from quotetrack.errors import InputError
from quotetrack.records import Article

MAX_BYTES = 5_000_000
SUFFIXES = (".txt", ".jsonl", ".html", ".htm")
KNOWN_FIELDS = ("id", "text", "url", "title", "outlet", "published_at")


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


def text_hash(text: str) -> str:
    """Stable SHA-256 of the article text, the store's duplicate key."""
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def _article(fields: dict[str, Any], default_id: str) -> Article:
    text = fields.get("text")
    if not isinstance(text, str):
        raise InputError("no string field 'text'")
    meta = {k: v for k, v in fields.items() if k not in KNOWN_FIELDS}
    opt = {k: (str(fields[k]) if fields.get(k) is not None else None)
           for k in ("url", "title", "outlet", "published_at")}
    return Article(id=str(fields.get("id") or default_id), text=text, meta=meta, **opt)


def jsonl_line(line: str, source: str, n: int) -> Article | Problem:
    """The article of JSONL line ``n`` (1-based), or the Problem with it."""
    try:
        fields = json.loads(line)
        if not isinstance(fields, dict):
            raise InputError("a line must be a JSON object")
        return _article(fields, f"{Path(source).stem}-{n}")
    except (json.JSONDecodeError, InputError) as exc:
        return Problem(source, n, f"malformed JSON line: {getattr(exc, 'detail', exc)}")


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
        if not text.strip():
            yield Problem(source, None, "empty input: nothing to read")
            return
        yield Article(id=stem, text=text)
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
