"""The ``quotetrack`` command line: thin click commands over the library.

Exit codes: 0 ok, 1 failure (a ``QuotetrackError``, printed without traceback),
2 usage.  Each command module registers its commands on ``main``.
"""

from __future__ import annotations

import click

from quotetrack import version_text


def _print_version(ctx: click.Context, _param: click.Parameter, value: bool) -> None:
    """``--version``: the package, extractor and model build, then exit."""
    if value and not ctx.resilient_parsing:
        click.echo(version_text())
        ctx.exit()


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.option("--version", is_flag=True, expose_value=False, is_eager=True,
              callback=_print_version,
              help="Show the package version, extractor version and model build, and exit.")
@click.option("--db", envvar="QUOTETRACK_DB", default="quotetrack.db", show_default=True,
              help="SQLite file path or postgresql:// URL (or QUOTETRACK_DB).")
@click.option("--models", envvar="QUOTETRACK_MODELS", default="compact", show_default=True,
              help="compact (shipped, offline), official (Stanza download) or a directory.")
@click.option("--threads", envvar="QUOTETRACK_THREADS", type=int, default=1,
              show_default=True, help="torch threads for parsing.")
@click.pass_context
def main(ctx: click.Context, db: str, models: str, threads: int) -> None:
    """Find who said what in news articles, and keep it in SQL.

    \b
    Example:
      quotetrack extract article.txt --format table
    """
    ctx.obj = {"db": db, "models": models, "threads": threads}


# Command modules register themselves on ``main``; imported last, as they import it.
from quotetrack.cli import (  # noqa: E402
    factcheck_commands,  # noqa: F401
    review_commands,  # noqa: F401
    store_commands,  # noqa: F401
    text_commands,  # noqa: F401
)

# After every command is registered: --db, --models, --threads after a command too.
from quotetrack.cli.common import accept_late_options  # noqa: E402

accept_late_options(main)
