"""Terminal views for ``variants`` and ``conflicts``: word diffs and evidence tables."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from rich.console import Group
from rich.panel import Panel
from rich.table import Table
from rich.text import Text

from quotetrack.render import fit_words

STYLES = {"=": "", "-": "red strike", "+": "bold green"}


def diff_markup(ops: Sequence[Sequence[str]]) -> Text:
    """The word diff as rich Text: dropped words struck out in red, added in green."""
    out = Text()
    for n, (op, words) in enumerate(ops):
        out.append((" " if n else "") + words, style=STYLES[op])
    return out


def _said(row: Mapping[str, Any]) -> str:
    cue = row.get("cue") or ""
    return f"NOT {cue}" if row.get("negated") else cue


def variants_table(rows: Sequence[Mapping[str, Any]]) -> Table:
    """One line per appearance: date, outlet, speaker, cue, relation, wording diff."""
    table = Table(title=f"{len(rows)} appearance(s); differences against the first")
    table.add_column("quote", no_wrap=True)
    table.add_column("published", no_wrap=True)
    table.add_column("outlet", max_width=16, overflow="fold")
    table.add_column("speaker", max_width=20, overflow="fold")
    table.add_column("cue", max_width=12, overflow="fold")
    table.add_column("relation", no_wrap=True)
    table.add_column("wording", min_width=30, ratio=1, overflow="fold")
    table.add_column("url", max_width=24, overflow="fold")
    for r in rows:
        relation = "first" if r.get("first") else (r.get("relation") or "")
        table.add_row(str(r["quote_id"]), (r.get("published_at") or "")[:10],
                      r.get("outlet") or "", r.get("speaker") or "?", _said(r), relation,
                      diff_markup(r["ops"]), r.get("url") or r.get("article_id") or "")
    return fit_words(table)


def _evidence(rows: Sequence[Mapping[str, Any]]) -> Table:
    table = Table(show_edge=False, pad_edge=False)
    for column in ("published", "outlet", "speaker", "mention", "cue", "method", "article"):
        table.add_column(column, overflow="fold", max_width=30)
    for r in rows:
        table.add_row((r.get("published_at") or "")[:10], r.get("outlet") or "",
                      r.get("speaker") or "?", r.get("speaker_mention") or "", _said(r),
                      r.get("method") or "", r.get("url") or r.get("article_id") or "")
    return fit_words(table)


def conflict_panel(conflict: Mapping[str, Any]) -> Panel:
    """A conflict: the quote, who each group of outlets names, chains, evidence."""
    lines = Text(f"\u201c{conflict['quote']}\u201d\n", style="bold")
    for group in conflict["speakers"]:
        lines.append(f"  {' / '.join(group['speakers'])}: ", style="yellow")
        lines.append(f"{', '.join(group['outlets'])} ({group['appearances']})\n")
    for chain in conflict["chains"]:
        lines.append(f"  chain: {chain['speaker']} -> {chain['affiliate']}"
                     f" ({chain['source']})\n", style="dim")
    title = (f"cluster {conflict['cluster_id']}: {conflict['disagreeing_outlets']} of"
             f" {conflict['outlets']} outlet(s) disagree"
             + ("" if conflict["explicit"] else " (a side rests on a pronoun or carry-over)")
             + (": resolved, every side confirmed by a reviewer"
                if conflict.get("resolved") else ""))
    return Panel(Group(lines, _evidence(conflict["evidence"])), title=title)
