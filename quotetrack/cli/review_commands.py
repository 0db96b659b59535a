"""Review commands: correct one quote, list or undo corrections, export them as gold.

Thin: each opens the store (``--db``), calls one ``Store`` method
(``store/review.py``) and renders its rows.
"""

from __future__ import annotations

import json
import sys
from typing import Any

import click

from quotetrack import render
from quotetrack.cli import main
from quotetrack.cli.common import QUOTE_KINDS, handle_errors
from quotetrack.cli.store_commands import fmt_option, opened

CORRECTION_COLUMNS = ["id", "quote_id", "article_id", "start", "end", "text", "change",
                      "speakers", "kind", "not_a_quote", "was_speaker", "was_kind",
                      "was_method", "note", "by", "at", "status", "undone_by", "undone_at"]
CORRECTION_TABLE = ["id", "quote_id", "article_id", "text", "change", "was_speaker", "note",
                    "by", "at"]


def _said(row: dict[str, Any]) -> str:
    return (f"correction {row['id']} on quote {row['quote_id'] or '(hidden)'} in"
            f" {row['article_id']}: {row['change']} (by {row['by']})")


@main.command("correct")
@click.argument("quote_id", type=int)
@click.option("--speaker", "speakers", multiple=True, metavar="NAME",
              help="The right speaker; repeat for several, main speaker first.")
@click.option("--not-a-quote", is_flag=True,
              help="Not a quote: drop it from listings, exports and views.")
@click.option("--kind", type=click.Choice(QUOTE_KINDS), help="The right kind.")
@click.option("--note", help="Why: kept with the correction.")
@click.option("--by", help="Who corrects (default: the OS user).")
@fmt_option()
@click.pass_context
@handle_errors
def correct_cmd(ctx: click.Context, quote_id: int, speakers: tuple[str, ...],
                not_a_quote: bool, kind: str | None, note: str | None, by: str | None,
                fmt: str) -> None:
    """Correct one stored quote: its speaker(s), its kind, or that it is not a quote.

    A name the store does not know becomes a new speaker.  The correction is kept
    with who made it, when and why; it wins in every query, export and view (method
    "human"), and it holds when the article is ingested again, edited or not, and
    through variants --relink and speakers merge/rename.  Undo it with quotetrack
    corrections --undo ID.

    \b
    Example:
      quotetrack correct 42 --speaker "Sergei Lavrov" --note "TASS transcript"
      quotetrack correct 43 --not-a-quote --by factdesk
    """
    if not (speakers or not_a_quote or kind):
        raise click.UsageError("say what to correct: --speaker NAME, --kind KIND or"
                               " --not-a-quote")
    with opened(ctx) as store:
        row = store.correct(quote_id, speakers, not_a_quote, kind, note, by)
    if fmt == "table":
        click.echo(_said(row))
    else:
        render.emit([row], fmt, CORRECTION_COLUMNS)


@main.command("corrections")
@click.option("--undo", "undo_id", type=int, metavar="ID",
              help="Undo correction ID (it stays listed with --all).")
@click.option("--by", help="Who undoes (default: the OS user).")
@click.option("--all", "include_undone", is_flag=True, help="Undone corrections too.")
@click.option("--format", "fmt", type=click.Choice(["table", "json", "nl", "csv", "gold"]),
              default="table", show_default=True,
              help="gold: the corrected articles as eval documents (JSON lines).")
@click.pass_context
@handle_errors
def corrections_cmd(ctx: click.Context, undo_id: int | None, by: str | None,
                    include_undone: bool, fmt: str) -> None:
    """List the corrections reviewers made, undo one, or export them as gold data.

    --format gold writes one document per corrected article in the eval schema
    (id, text, quotes with the corrected values; quotes marked not a quote left
    out), so quotetrack eval scores the extractor against your own reviewers.

    \b
    Example:
      quotetrack corrections
      quotetrack corrections --undo 3
      quotetrack corrections --format gold > gold.jsonl && quotetrack eval gold.jsonl
    """
    with opened(ctx) as store:
        if undo_id is not None:
            row = store.undo_correction(undo_id, by)
            click.echo(f"undid correction {row['id']} ({row['change']}) on quote"
                       f" {row['quote_id'] or '(hidden)'} in {row['article_id']}")
            return
        if fmt == "gold":
            docs = store.gold_docs()
            sys.stdout.writelines(json.dumps(d, ensure_ascii=False) + "\n" for d in docs)
            render.err.print(f"{len(docs)} corrected article(s)")
            return
        rows = store.corrections(include_undone)
    columns = CORRECTION_TABLE + (["status"] if include_undone else [])
    render.emit(rows, fmt, columns if fmt == "table" else CORRECTION_COLUMNS,
                empty="No corrections yet; make one with quotetrack correct QUOTE_ID.")
