"""The ``show`` view: an article's text with each quote highlighted and its speaker."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from rich.console import Group
from rich.panel import Panel
from rich.text import Text

STYLES = {"direct": "bold yellow", "mixed": "magenta", "indirect": "cyan"}


PIECES = " \u2026 "


def pieces(text: str, q: Mapping[str, Any]) -> list[tuple[int, int]]:
    """The character spans of a quote's own words: each piece of a statement in pieces
    (its ``text`` joins them with `` … ``), found in order within its extent; the
    whole extent when a piece is not found there (a corrected text)."""
    start, end = int(q["start"]), int(q["end"])
    parts = str(q.get("text") or "").split(PIECES)
    if len(parts) < 2:
        return [(start, end)]
    out, pos = [], start
    for part in parts:
        at = text.find(part, pos, end)
        if at < 0:
            return [(start, end)]
        out.append((at, at + len(part)))
        pos = at + len(part)
    return out


def highlighted(text: str, quotes: Sequence[Mapping[str, Any]]) -> Text:
    """``text`` with each quote's pieces styled by kind and ``[n speaker]`` after each
    quote."""
    body = Text(text)
    for q in quotes:
        for a, b in pieces(text, q):
            body.stylize(STYLES.get(q["kind"], "bold"), a, b)
    out, pos = Text(), 0
    marks = sorted((q["end"], n, q["speaker"]) for n, q in enumerate(quotes, 1))
    for end, n, speaker in marks:
        out.append_text(body[pos:end])
        out.append(f" [{n} {speaker or '?'}]", style="dim green")
        pos = end
    out.append_text(body[pos:])
    return out


def article_view(article: Mapping[str, Any], quotes: Sequence[Mapping[str, Any]]) -> Panel:
    """A panel: title line, outlet, date and URL, then the highlighted text."""
    facts = " · ".join(str(article[k]) for k in ("outlet", "published_at", "url")
                       if article.get(k))
    header = Text(f"{article.get('title') or article['id']}\n", style="bold")
    header.append(f"{facts}\n" if facts else "", style="dim")
    return Panel(Group(header, highlighted(article["text"], quotes)),
                 title=f"{article['id']}: {len(quotes)} quotes")
