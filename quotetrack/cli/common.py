"""Shared click plumbing: error mapping and the output-format option."""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps
from typing import Any, TypeVar

import click

from quotetrack.errors import QuotetrackError
from quotetrack.render import FORMATS

F = TypeVar("F", bound=Callable[..., Any])


def handle_errors(fn: F) -> F:
    """Turn expected ``QuotetrackError``s into a one-line message and exit 1."""

    @wraps(fn)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        try:
            return fn(*args, **kwargs)
        except QuotetrackError as exc:
            raise click.ClickException(exc.message) from None

    return wrapper  # type: ignore[return-value]


LATE_OPTIONS = ("db", "models", "threads")


def _late_value(ctx: click.Context, param: click.Parameter, value: Any) -> Any:
    if value is not None and param.name:
        ctx.ensure_object(dict)[param.name] = value
    return value


def accept_late_options(group: click.Group, root: click.Group | None = None) -> None:
    """Let every command under ``group`` take the root's --db, --models and --threads
    after its own name too (``quotetrack ingest news.jsonl --db news.db``).

    Typed there, a value overrides the group's (and its environment variable) in
    ``ctx.obj``; a command with an option of the same name keeps its own.
    """
    root = root or group
    shared = [p for p in root.params if isinstance(p, click.Option) and p.name in LATE_OPTIONS]
    for command in group.commands.values():
        taken = {opt for p in command.params for opt in p.opts}
        for param in shared:
            if not taken & set(param.opts):
                command.params.append(click.Option(
                    param.opts, type=param.type, expose_value=False, callback=_late_value,
                    help=f"{param.help} Here or before the command."))
        if isinstance(command, click.Group):
            accept_late_options(command, root)


def format_option(default: str = "table", choices: tuple[str, ...] = FORMATS) -> Any:
    """``--format`` with the project's output formats."""
    return click.option("--format", "fmt", type=click.Choice(choices), default=default,
                        show_default=True, help="Output format.")


def parser_config(ctx: click.Context) -> Any:
    """The ParserConfig from the group's --models / --threads."""
    from quotetrack.parse import ParserConfig

    return ParserConfig.from_env(ctx.obj["models"], ctx.obj["threads"])


QUOTE_KINDS = ("direct", "mixed", "indirect")


def quote_filters(fn: F) -> F:
    """The options that select quotes, shared by ``quotes`` and ``export``:
    --speaker, --kind, --since, --until, --outlet, --stance, --negated/--said."""
    options = [
        click.option("--speaker", help="Speaker name or alias (surname alone works if unique)."),
        click.option("--kind", type=click.Choice(QUOTE_KINDS)),
        click.option("--since", help="Published on or after this date (YYYY-MM-DD)."),
        click.option("--until", help="Published on or before this date (YYYY-MM-DD)."),
        click.option("--outlet", help="Outlet, case-insensitive."),
        click.option("--stance", help="Stance label, case-insensitive."),
        click.option("--negated/--said", default=None,
                     help="Only quotes whose cue is negated (X did not say), or only the others."),
    ]
    for option in reversed(options):
        fn = option(fn)
    return fn
