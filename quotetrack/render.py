"""Output formatting: rich tables on a terminal, JSON / JSONL / CSV for pipes.

Data goes to stdout; progress, warnings and errors go to stderr.  Rows are plain
dicts; nested values (lists, dicts) are JSON-encoded in CSV and joined in tables.
"""

from __future__ import annotations

import csv
import io
import json
import sys
from collections.abc import Iterable, Mapping, Sequence
from typing import Any

from rich.console import Console
from rich.table import Table

FORMATS = ("table", "json", "nl", "csv")

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
        t.add_row(*(_cell(r.get(c)) for c in columns))
    return t


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
         title: str | None = None) -> None:
    """Write rows to stdout in ``fmt``: table | json (a list) | nl (JSON lines) | csv."""
    if fmt == "json":
        sys.stdout.write(json.dumps(list(rows), ensure_ascii=False, indent=2) + "\n")
    elif fmt == "nl":
        for r in rows:
            sys.stdout.write(json.dumps(r, ensure_ascii=False) + "\n")
    elif fmt == "csv":
        sys.stdout.write(to_csv(rows, columns))
    else:
        out.print(table(rows, columns, title))
