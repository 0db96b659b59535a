"""Fact-checking commands: variants, conflicts, export, affiliate, browse.

Thin: each opens the store (``--db``), calls one library function and renders the
rows (rich on a terminal, JSON / JSON lines / CSV for pipes).
"""

from __future__ import annotations

import json
import sys
from typing import IO, Any

import click

from quotetrack import render
from quotetrack.cli import main
from quotetrack.cli.common import handle_errors, quote_filters
from quotetrack.cli.store_commands import fmt_option, opened

VARIANT_COLUMNS = ["quote_id", "cluster_id", "first", "relation", "similarity",
                   "published_at", "outlet", "url", "speaker", "cue", "negated", "stance",
                   "article_id", "text", "diff"]
CONFLICT_COLUMNS = ["cluster_id", "explicit", "resolved", "disagreeing_outlets", "outlets",
                    "quote_id", "published_at", "outlet", "speaker", "speaker_mention", "cue",
                    "negated", "method", "url", "article_id", "text"]
EXPORT_FORMATS = ("jsonl", "csv", "claimreview")


@main.command("variants")
@click.argument("text", required=False)
@click.option("--quote", "quote_id", type=int, help="A stored quote id instead of TEXT.")
@click.option("--relink", is_flag=True,
              help="Rebuild every variant cluster from the stored quotes and exit.")
@click.option("--threshold", type=click.FloatRange(0.5, 1.0),
              help="Similarity for near-equal wording (default 0.85 or"
                   " QUOTETRACK_VARIANT_THRESHOLD); applies to --relink.")
@fmt_option()
@click.pass_context
@handle_errors
def variants_cmd(ctx: click.Context, text: str | None, quote_id: int | None, relink: bool,
                 threshold: float | None, fmt: str) -> None:
    """Every appearance of a quote across articles, earliest first, with its wording
    differences against the first appearance (truncations, words changed).

    TEXT is matched like a stored quote (case, punctuation and quote marks ignored;
    a fragment finds the quote it is cut from).

    \b
    Example:
      quotetrack variants "we will not accept any deal"
      quotetrack variants --quote 42 --format json
      quotetrack variants --relink --threshold 0.9
    """
    if relink:
        _relink(ctx, threshold)
        return
    if (text is None) == (quote_id is None):
        raise click.UsageError("give TEXT or --quote ID (one of them)")
    from quotetrack.export import with_diffs

    with opened(ctx) as store:
        rows = with_diffs(store.variants(text=text, quote_id=quote_id))
    if fmt == "table":
        from quotetrack.cli.factcheck_view import variants_table

        render.show(variants_table(rows))
    else:
        render.emit([{k: v for k, v in r.items() if k != "ops"} for r in rows], fmt,
                    VARIANT_COLUMNS)


def _relink(ctx: click.Context, threshold: float | None) -> None:
    from quotetrack.wording import VariantConfig

    def progress(n: int, total: int) -> None:
        if render.err.is_terminal and (n % 100 == 0 or n == total):
            render.err.print(f"linked {n}/{total} articles", end="\r")

    with opened(ctx) as store:
        done = store.relink_variants(VariantConfig.from_env(threshold), progress)
    click.echo(f"relinked {done['articles']} articles: {done['clusters']} variant clusters")


@main.command("conflicts")
@click.option("--limit", type=click.IntRange(min=0), default=20, show_default=True,
              help="0 for all.")
@click.option("--explicit", is_flag=True,
              help="Only conflicts where every side names its speaker outright (no"
                   " pronoun or carried-over speaker).")
@fmt_option()
@click.pass_context
@handle_errors
def conflicts_cmd(ctx: click.Context, limit: int, explicit: bool, fmt: str) -> None:
    """Quotes that different articles attribute to different speakers, most
    disagreeing outlets first, with the evidence of each appearance.

    A spokesman and the organisation he speaks for (a role such as "Kremlin
    spokesman", or one quote naming both) are a chain, not a conflict; so are a
    shorter and a fuller name (Khan, Sadiq Khan).  Conflicts where every side names
    its speaker outright (not by a pronoun) come first; conflicts whose every side
    a reviewer confirmed (quotetrack correct) are marked resolved and come last.

    \b
    Example:
      quotetrack conflicts --limit 5
      quotetrack conflicts --format csv > conflicts.csv
    """
    with opened(ctx) as store:
        found = store.conflicts(limit or None, explicit)
    if fmt == "table":
        from quotetrack.cli.factcheck_view import conflict_panel

        for conflict in found:
            render.show(conflict_panel(conflict))
        render.err.print(f"{len(found)} conflict(s)")
    elif fmt in ("json", "nl"):
        render.emit(found, fmt, [])
    else:
        render.emit([{k: c[k] for k in CONFLICT_COLUMNS[:5]} | e
                     for c in found for e in c["evidence"]], fmt, CONFLICT_COLUMNS)


@main.command("export")
@click.option("--format", "fmt", type=click.Choice(EXPORT_FORMATS), default="jsonl",
              show_default=True,
              help="jsonl / csv: one record per quote; claimreview: schema.org Claim"
                   " JSON-LD, one per statement.")
@quote_filters
@click.option("--limit", type=click.IntRange(min=0), default=0, help="0 for all.")
@click.option("-o", "--output", type=click.File("w", encoding="utf-8"), default="-",
              help="File to write (default stdout).")
@click.pass_context
@handle_errors
def export_cmd(ctx: click.Context, /, fmt: str, output: IO[str], limit: int,
               **filters: Any) -> None:
    """Export quotes for fact-checkers: JSON lines, CSV, or schema.org Claim records
    (JSON-LD, with author, datePublished, every appearance and the first one),
    ready for a ClaimReview to point at with itemReviewed.

    \b
    Example:
      quotetrack export --format claimreview --speaker Lavrov -o claims.json
      quotetrack export --format csv --since 2017-01-01 > quotes.csv
    """
    from quotetrack import export

    with opened(ctx) as store:
        rows = store.export_rows(limit=limit or None, **filters)
        if fmt == "claimreview":
            clusters = store.clusters(sorted({r["cluster_id"] for r in rows
                                              if r["cluster_id"]}))
            output.write(json.dumps(export.claims(rows, clusters), ensure_ascii=False,
                                    indent=2) + "\n")
            return
    flat = [export.flat(r) for r in rows]
    if fmt == "csv":
        output.write(render.to_csv(flat, export.EXPORT_COLUMNS))
    else:
        output.writelines(json.dumps(r, ensure_ascii=False) + "\n" for r in flat)


@main.command("affiliate")
@click.argument("speaker")
@click.argument("affiliate")
@click.pass_context
@handle_errors
def affiliate_cmd(ctx: click.Context, speaker: str, affiliate: str) -> None:
    """Record that SPEAKER speaks for AFFILIATE (a spokesman for an organisation), so
    quotes given to either are a chain in conflicts, not a conflict.

    \b
    Example:
      quotetrack affiliate "Dmitry Peskov" Kremlin
    """
    with opened(ctx) as store:
        done = store.affiliate(speaker, affiliate)
    state = "recorded" if done["added"] else "already known"
    click.echo(f"{done['speaker']} speaks for {done['affiliate']}: {state}")


@main.command("browse")
@click.option("--host", default="127.0.0.1", show_default=True)
@click.option("--port", type=click.IntRange(0, 65535), default=8001, show_default=True,
              help="0 picks a free port.")
@click.option("--get", "get_path", metavar="PATH",
              help="Answer one request (e.g. /store/quotes.json?_search=sanctions) and exit.")
@click.pass_context
@handle_errors
def browse_cmd(ctx: click.Context, host: str, port: int, get_path: str | None) -> None:
    """Browse a SQLite store in Datasette, read-only, with full-text search over quotes
    (needs the extra: pip install 'quotetrack[browse]').  PostgreSQL is refused.

    \b
    Example:
      quotetrack --db news.db browse --port 8001
    """
    from quotetrack.browse import serve

    sys.exit(serve(ctx.obj["db"], host, port, get_path))
