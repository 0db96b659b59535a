"""Commands over the SQL store: ingest, who-said, quotes, speakers, show, report, db.

Each command opens the store named by ``--db`` / QUOTETRACK_DB, calls one library
function and hands its rows to ``render``.  No SQL here.
"""

from __future__ import annotations

import json
import sys
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from typing import TYPE_CHECKING, Any, TypeVar, cast

import click
from rich.markup import escape
from rich.progress import (
    BarColumn,
    MofNCompleteColumn,
    Progress,
    SpinnerColumn,
    TextColumn,
    TimeElapsedColumn,
)

from quotetrack import render
from quotetrack.cli import main
from quotetrack.cli.common import format_option, handle_errors, parser_config, quote_filters
from quotetrack.cli.show_view import article_view
from quotetrack.distributed import PARALLEL_FROM, PARALLEL_FROM_ENV
from quotetrack.readers import MAX_BYTES, Problem

if TYPE_CHECKING:
    from quotetrack.ingest import IngestSummary
    from quotetrack.records import Article, ArticleResult
    from quotetrack.store import Store

QUOTE_COLUMNS = ["id", "speaker", "text", "kind", "cue", "negated", "method", "confidence",
                 "article_id", "url", "title", "published_at", "start", "end"]
QUOTE_TABLE = ["id", "speaker", "text", "kind", "cue", "outlet", "published_at", "article_id"]
REVIEW_TABLE = ["id", "speaker", "text", "kind", "cue", "method", "confidence", "article_id"]
FIRST_COLUMNS = ["appearances", "first_published_at", "first_outlet", "first_url",
                 "first_quote_id"]
F = TypeVar("F", bound=Callable[..., Any])


def fmt_option() -> Callable[[F], F]:
    """The shared ``--format`` option, typed for mypy."""
    return cast(Callable[[F], F], format_option())


@contextmanager
def opened(ctx: click.Context, create: bool = False) -> Iterator[Store]:
    """The store of ``--db``, closed afterwards; only ``ingest`` creates a missing one."""
    from quotetrack.store import open_store

    store = open_store(ctx.obj["db"], create=create)
    try:
        yield store
    finally:
        store.close()


def quote_rows(rows: list[dict[str, Any]], fmt: str, first: bool = False,
               review: bool = False) -> None:
    """Emit quote rows: a short table on screen (a negated cue shown as ``NOT say``),
    every field otherwise; ``first``: with the FIRST_COLUMNS too; ``review``: the
    table shows method and confidence instead of outlet and date."""
    if fmt == "table":
        rows = [r | {"cue": f"NOT {r['cue']}"} if r.get("negated") else r for r in rows]
    columns = (REVIEW_TABLE if review else QUOTE_TABLE) if fmt == "table" else QUOTE_COLUMNS
    if first:
        columns = columns + (FIRST_COLUMNS[:3] if fmt == "table" else FIRST_COLUMNS)
    render.emit(rows, fmt, columns, empty="No quotes match.")


def with_first(store: Store, rows: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Quote rows with their first appearance (FIRST_COLUMNS): the earliest article
    carrying the same statement, the quote's own when it has no variants."""
    firsts = store.first_appearances([r["id"] for r in rows])
    out = []
    for r in rows:
        found = firsts[r["id"]]
        first = found["first"]
        out.append(r | {"appearances": found["appearances"],
                        "first_published_at": first["published_at"],
                        "first_outlet": first["outlet"], "first_url": first["url"],
                        "first_quote_id": first["quote_id"]})
    return out


def extractor(ctx: click.Context) -> Callable[[list[Article]], Iterable[ArticleResult]]:
    """The real pipeline, loaded on the first batch (bad input never loads the models)."""

    def run(batch: list[Article]) -> Iterable[ArticleResult]:
        from quotetrack.pipeline import process_many

        return process_many(batch, parser_config(ctx))

    return run


def run_ingest(ctx: click.Context, store: Store, paths: tuple[str, ...], workers: int | None,
               scheduler: str | None, **options: Any) -> IngestSummary:
    """Serial ingest, or on Dask when ``workers`` or ``scheduler`` is given (with
    ``workers``, a short input is parsed here all the same, and a note says so)."""
    if workers is None and scheduler is None:
        from quotetrack.ingest import ingest

        return ingest(paths, store, extractor(ctx), **options)
    from quotetrack.distributed import ingest_on_dask

    return ingest_on_dask(paths, store, parser_config(ctx), workers=workers,
                          scheduler=scheduler, on_note=_note, **options)


def _note(text: str) -> None:
    render.err.print(f"note: {escape(text)}", soft_wrap=True)


def _progress(silent: bool) -> Progress:
    return Progress(SpinnerColumn(), TextColumn("{task.description}"), BarColumn(),
                    MofNCompleteColumn(), TimeElapsedColumn(), console=render.err,
                    disable=silent or not render.err.is_terminal, transient=True)


class _Workers(click.ParamType[int, object]):
    """``--workers``: a count of at least 1, or ``auto`` (the cores this process may use)."""

    name = "N|auto"

    def convert(self, value: object, param: click.Parameter | None,
                ctx: click.Context | None) -> int:
        if isinstance(value, int):
            return value
        if str(value).strip().lower() == "auto":
            return usable_cores()
        try:
            count = int(str(value))
        except ValueError:
            self.fail(f"{value!r} is neither a number nor auto", param, ctx)
        if count < 1:
            self.fail(f"{count} is below 1", param, ctx)
        return count


def usable_cores() -> int:
    """How many cores this process may run on (its CPU affinity where the OS says)."""
    import os

    try:
        return max(len(os.sched_getaffinity(0)), 1)
    except AttributeError:  # no affinity on this OS
        return max(os.cpu_count() or 1, 1)


@main.command("ingest")
@click.argument("paths", nargs=-1)
@click.option("--max-bytes", type=click.IntRange(min=1), default=MAX_BYTES,
              show_default=True, help="Refuse input files larger than this.")
@click.option("--batch-size", type=click.IntRange(min=1), default=16, show_default=True,
              help="Articles parsed together.")
@click.option("--silent", is_flag=True, help="No progress bar.")
@click.option("--workers", type=_Workers(),
              help="Parse in N processes (auto: one per core this process may use):"
                   " this one and N-1 local Dask workers (quotetrack[dask]); fewer"
                   f" than {PARALLEL_FROM_ENV} ({PARALLEL_FROM}) new articles are"
                   " parsed here alone.")
@click.option("--scheduler", metavar="tcp://HOST:PORT",
              help="Parse on a running Dask cluster; needs a PostgreSQL --db.")
@fmt_option()
@click.pass_context
@handle_errors
def ingest_cmd(ctx: click.Context, paths: tuple[str, ...], max_bytes: int,
               batch_size: int, silent: bool, workers: int | None, scheduler: str | None,
               fmt: str) -> None:
    """Extract quotes from articles and store them (PATH ... or - for stdin).

    Reads .txt, .jsonl (id, url, title, outlet, published_at, text), .html and
    folders.  Articles already stored (same text) are skipped before parsing; a bad
    file or line (empty text, a date that is not a date) is reported and the rest
    goes on; an id held by another text is stored as ID~HASH and reported; exit code
    1 if anything was reported.

    With --workers N, N processes parse in parallel, this one among them (a short
    input is parsed here alone, where a cluster would not pay); with --scheduler, the
    workers of a running Dask cluster do (see "Scaling out" in the README).  Either
    way this process stores the results, in input order.

    \b
    Example:
      quotetrack ingest articles.jsonl pages/ --db news.db
      quotetrack --db postgresql://localhost/news ingest --workers 2 articles.jsonl
      quotetrack ingest --workers auto archive/
    """
    if not paths and sys.stdin.isatty():
        raise click.UsageError("give files or folders to ingest, or - to read stdin")
    if workers and scheduler:
        raise click.UsageError("give --workers or --scheduler, not both")
    if scheduler:
        from quotetrack.distributed import require_shared_store

        require_shared_store(ctx.obj["db"])
    with opened(ctx, create=True) as store, _progress(silent) as bar:
        task = bar.add_task("ingesting", total=None)

        def on_progress(status: str, name: str) -> None:
            bar.update(task, advance=1, description=f"{status} {name[:40]}")

        def on_problem(problem: Problem) -> None:
            render.err.print(f"[red]error[/red]: {escape(str(problem))}", soft_wrap=True)

        try:
            summary = run_ingest(ctx, store, paths or ("-",), workers, scheduler,
                                 on_problem=on_problem, on_progress=on_progress,
                                 max_bytes=max_bytes, batch_size=batch_size)
        except KeyboardInterrupt:
            render.err.print("interrupted: what was stored stays; run the same"
                             " command again to continue")
            sys.exit(130)
    render.emit(summary.as_rows(), fmt, ["status", "count"], title="ingest")
    if summary.exit_code:
        raise click.ClickException(ingest_verdict(summary))


def ingest_verdict(summary: IngestSummary) -> str:
    """The closing line of an ingest that reported problems."""
    parts = ([f"{summary.failed} input(s) could not be read or stored"] if summary.failed
             else []) + ([f"{summary.renamed} article id(s) were taken and stored under a"
                          " new id"] if summary.renamed else [])
    return "; ".join(parts) + " (see above); everything else was stored"


@main.command("who-said")
@click.argument("text")
@click.option("--limit", type=click.IntRange(min=1), default=20, show_default=True)
@click.option("--raw", is_flag=True,
              help="Pass TEXT to the database's own search syntax (FTS5 / to_tsquery).")
@click.option("--first", is_flag=True,
              help="Add each quote's first appearance (earliest article with its variants).")
@fmt_option()
@click.pass_context
@handle_errors
def who_said_cmd(ctx: click.Context, text: str, limit: int, raw: bool, first: bool,
                 fmt: str) -> None:
    """Who said TEXT? Full-text search over every stored quote, best match first.

    Words must all appear (stemmed: sanction finds sanctions); "a phrase" in
    quotes, OR between alternatives, -word to exclude.

    \b
    Example:
      quotetrack who-said '"frozen conflict" OR peacekeepers' --format json
    """
    with opened(ctx) as store:
        rows = store.who_said(text, limit=limit, raw=raw)
        quote_rows(with_first(store, rows) if first else rows, fmt, first)


@main.command("quotes")
@quote_filters
@click.option("--first", is_flag=True,
              help="Add each quote's first appearance (earliest article with its variants).")
@click.option("--limit", type=click.IntRange(min=0), default=100, show_default=True,
              help="0 for all.")
@click.option("--max-confidence", type=click.FloatRange(0.0, 1.0),
              help="Only quotes attributed with at most this confidence (to review).")
@click.option("--sort", type=click.Choice(["date", "confidence"]), default="date",
              show_default=True, help="confidence: the least confident first.")
@fmt_option()
@click.pass_context
@handle_errors
def quotes_cmd(ctx: click.Context, speaker: str | None, kind: str | None, since: str | None,
               until: str | None, outlet: str | None, stance: str | None,
               negated: bool | None, first: bool, limit: int, max_confidence: float | None,
               sort: str, fmt: str) -> None:
    """List stored quotes, oldest first, filtered by speaker, kind, date, outlet, stance
    or confidence (--max-confidence, --sort confidence: a reviewer's queue).

    \b
    Example:
      quotetrack quotes --speaker Lavrov --since 2017-03-01 --format csv
      quotetrack quotes --max-confidence 0.6 --sort confidence
    """
    review = max_confidence is not None or sort == "confidence"
    with opened(ctx) as store:
        rows = store.quotes(speaker=speaker, kind=kind, since=since, until=until,
                            outlet=outlet, stance=stance, limit=limit or None,
                            negated=negated, max_confidence=max_confidence, order=sort)
        quote_rows(with_first(store, rows) if first else rows, fmt, first, review)


@main.group("speakers", invoke_without_command=True)
@click.option("--limit", type=click.IntRange(min=0), default=0, help="0 for all.")
@fmt_option()
@click.pass_context
@handle_errors
def speakers_cmd(ctx: click.Context, limit: int, fmt: str) -> None:
    """List speakers with kind, aliases and quote count; or merge / rename them.

    \b
    Example:
      quotetrack speakers --format json
      quotetrack speakers merge "Sergei Lavrov" "Sergey Lavrov"
    """
    if ctx.invoked_subcommand is None:
        with opened(ctx) as store:
            render.emit(store.speakers(limit or None), fmt,
                        ["name", "kind", "quotes", "aliases"], empty="No speakers stored.")


@speakers_cmd.command("merge")
@click.argument("keep")
@click.argument("other")
@click.pass_context
@handle_errors
def merge_cmd(ctx: click.Context, keep: str, other: str) -> None:
    """Merge speaker OTHER into KEEP: quotes and aliases move, KEEP's name stays.

    \b
    Example:
      quotetrack speakers merge "Donald Trump" "Trump"
    """
    with opened(ctx) as store:
        row = store.merge_speakers(keep, other)
    click.echo(f"merged {other!r} into {row['name']!r} (speaker {row['id']})")


@speakers_cmd.command("rename")
@click.argument("old")
@click.argument("new")
@click.pass_context
@handle_errors
def rename_cmd(ctx: click.Context, old: str, new: str) -> None:
    """Rename speaker OLD to NEW; OLD stays an alias, so future articles still match.

    \b
    Example:
      quotetrack speakers rename "Pres. Trump" "Donald Trump"
    """
    with opened(ctx) as store:
        row = store.rename_speaker(old, new)
    click.echo(f"renamed {old!r} to {row['name']!r} (speaker {row['id']})")


@main.command("show")
@click.argument("article_id")
@fmt_option()
@click.pass_context
@handle_errors
def show_cmd(ctx: click.Context, article_id: str, fmt: str) -> None:
    """Show a stored article with each quote highlighted and its speaker.

    --format json prints one object {article, quotes}; nl and csv print the quotes.

    \b
    Example:
      quotetrack show seed-article
    """
    with opened(ctx) as store:
        found = store.show(article_id)
    if fmt == "table":
        render.out.print(article_view(found["article"], found["quotes"]))
        quote_rows(found["quotes"], fmt)
    elif fmt == "json":
        click.echo(json.dumps(found, ensure_ascii=False, indent=2))
    else:
        quote_rows(found["quotes"], fmt)


REPORT_TABLES = {"by_month": ["speaker", "month", "quotes"], "top_cues": ["cue", "quotes"],
                 "attribution": ["kind", "quotes", "unattributed", "share"]}


@main.command("report")
@click.option("--top", type=click.IntRange(min=1), default=20, show_default=True,
              help="How many cue verbs.")
@fmt_option()
@click.pass_context
@handle_errors
def report_cmd(ctx: click.Context, top: int, fmt: str) -> None:
    """Quotes per speaker per month, top cue verbs, and the unattributed share.

    --format json prints one object of three lists; nl and csv print rows with a
    "section" field.

    \b
    Example:
      quotetrack report --format json
    """
    with opened(ctx) as store:
        sections = store.report(top_cues=top)
    if fmt == "json":
        click.echo(json.dumps(sections, ensure_ascii=False, indent=2))
    elif fmt == "table":
        for name, columns in REPORT_TABLES.items():
            render.emit(sections[name], fmt, columns, title=name.replace("_", " "))
    else:
        rows = [{"section": n, **r} for n, rs in sections.items() for r in rs]
        columns = ["section", *dict.fromkeys(c for cs in REPORT_TABLES.values() for c in cs)]
        render.emit(rows, fmt, columns)


@main.group("db")
def db_cmd() -> None:
    """The store's schema: show its version or upgrade it.

    \b
    Example:
      quotetrack db current --db news.db
    """


@db_cmd.command("upgrade")
@click.pass_context
@handle_errors
def db_upgrade_cmd(ctx: click.Context) -> None:
    """Migrate the store to the schema this quotetrack needs (back it up first).

    \b
    Example:
      quotetrack --db news.db db upgrade
    """
    from quotetrack.store import upgrade

    before, after = upgrade(ctx.obj["db"])
    if before == after.current:
        click.echo(f"{after.store} is already at schema {after.current}")
    else:
        click.echo(f"{after.store} upgraded from schema {before or 'empty'} to {after.current}")


@db_cmd.command("current")
@fmt_option()
@click.pass_context
@handle_errors
def db_current_cmd(ctx: click.Context, fmt: str) -> None:
    """Show the store's schema revision and the one this quotetrack expects.

    \b
    Example:
      quotetrack db current
    """
    from quotetrack.store import status

    render.emit([status(ctx.obj["db"]).as_dict()], fmt,
                ["store", "current", "head", "up_to_date"])
