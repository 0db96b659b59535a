"""The ``show`` view: an article's text with each quote highlighted and its speaker."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from rich.console import Group
from rich.panel import Panel
from rich.text import Text

STYLES = {"direct": "bold yellow", "mixed": "magenta", "indirect": "cyan"}


def highlighted(text: str, quotes: Sequence[Mapping[str, Any]]) -> Text:
    """``text`` with quote spans styled by kind and ``[n speaker]`` after each quote."""
    body = Text(text)
    for q in quotes:
        body.stylize(STYLES.get(q["kind"], "bold"), q["start"], q["end"])
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
