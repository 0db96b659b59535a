"""Output formatting: rich tables on a terminal, JSON / JSONL / CSV for pipes.

Data goes to stdout; progress, warnings and errors go to stderr.  Rows are plain
dicts; nested values (lists, dicts) are JSON-encoded in CSV and joined in tables.

Tables take the terminal's width.  Sent to a pipe or a file, they take the width
they need instead (``show``): every column is at least as wide as its longest word
(``fit_words``), so a cell wraps only between words.  An empty listing prints
nothing on stdout for a table (``[]`` for JSON, the header for CSV) and says so on
stderr.
"""

from __future__ import annotations

import csv
import io
import json
import sys
from collections.abc import Iterable, Mapping, Sequence
from typing import Any

from rich.cells import cell_len
from rich.console import Console, RenderableType
from rich.errors import MarkupError
from rich.measure import Measurement
from rich.table import Table
from rich.text import Text

FORMATS = ("table", "json", "nl", "csv")
EMPTY = "Nothing matches."
PIPE_WIDTH = 100_000  # room to measure a renderable's natural width

out = Console(soft_wrap=False)
err = Console(stderr=True)


def _cell(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, list | tuple):
        return ", ".join(_cell(v) for v in value)
    if isinstance(value, dict):
        return str(value.get("text", json.dumps(value, ensure_ascii=False)))
    return str(value)


def table(rows: Sequence[Mapping[str, Any]], columns: Sequence[str],
          title: str | None = None) -> Table:
    """A rich Table of ``columns`` from ``rows`` (missing keys are blank)."""
    t = Table(title=title, show_lines=False, expand=False)
    for c in columns:
        t.add_column(c, overflow="fold", max_width=70 if c in ("text", "quote") else 30)
    for r in rows:
        t.add_row(*(Text(_cell(r.get(c))) for c in columns))  # Text: no markup in data
    return fit_words(t)


def _longest_word(cell: RenderableType | None) -> int:
    plain = cell.plain if isinstance(cell, Text) else ""
    if isinstance(cell, str):
        try:
            plain = Text.from_markup(cell).plain
        except MarkupError:
            plain = cell
    return max((cell_len(word) for word in plain.split()), default=0)


def fit_words(t: Table) -> Table:
    """``t`` with, off a terminal, every column at least as wide as its longest word
    (header included), so that ``show`` never breaks a word inside a column."""
    if out.is_terminal:
        return t
    for column in t.columns:
        longest = max([_longest_word(c) for c in column.cells] + [_longest_word(column.header)])
        column.min_width = max(column.min_width or 0, longest)
        if column.max_width is not None:
            column.max_width = max(column.max_width, longest)
    return t


def show(renderable: RenderableType) -> None:
    """Print to stdout: at the terminal's width, or off a terminal at the renderable's
    natural width (tables built by ``table``/``fit_words`` then wrap only at spaces)."""
    if out.is_terminal:
        out.print(renderable)
        return
    width = Measurement.get(out, out.options.update_width(PIPE_WIDTH), renderable).maximum
    Console(file=out.file, width=max(width, 1), soft_wrap=False).print(renderable)


def to_csv(rows: Iterable[Mapping[str, Any]], columns: Sequence[str]) -> str:
    """CSV text with a header; nested values JSON-encoded."""
    buf = io.StringIO()
    w = csv.writer(buf)
    w.writerow(columns)
    for r in rows:
        w.writerow([json.dumps(v, ensure_ascii=False) if isinstance(v, list | dict)
                    else ("" if v is None else v) for v in (r.get(c) for c in columns)])
    return buf.getvalue()


def emit(rows: Sequence[Mapping[str, Any]], fmt: str, columns: Sequence[str],
         title: str | None = None, empty: str = EMPTY) -> None:
    """Write rows to stdout in ``fmt``: table | json (a list) | nl (JSON lines) | csv.

    No rows: ``empty`` goes to stderr (``title: empty`` with a title), and a table
    prints nothing on stdout.
    """
    if not rows:
        err.print(f"{title}: {empty}" if title else empty, markup=False, highlight=False)
    if fmt == "json":
        sys.stdout.write(json.dumps(list(rows), ensure_ascii=False, indent=2) + "\n")
    elif fmt == "nl":
        for r in rows:
            sys.stdout.write(json.dumps(r, ensure_ascii=False) + "\n")
    elif fmt == "csv":
        sys.stdout.write(to_csv(rows, columns))
    elif rows:
        show(table(rows, columns, title))
