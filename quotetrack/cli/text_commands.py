"""Commands that work on text alone, with no store: parse, extract, eval."""

from __future__ import annotations

import json
import sys

import click

from quotetrack.cli import main
from quotetrack.cli.common import handle_errors, parser_config
from quotetrack.errors import InputError
from quotetrack.readers import Problem, read_paths


@main.command("parse")
@click.argument("files", nargs=-1)
@click.option("--format", "fmt", type=click.Choice(["conllu", "json"]), default="conllu",
              show_default=True)
@click.pass_context
@handle_errors
def parse_cmd(ctx: click.Context, files: tuple[str, ...], fmt: str) -> None:
    """Print the dependency parse of raw text (FILE ... or - for stdin).

    \b
    Example:
      quotetrack parse article.txt --format conllu
    """
    from quotetrack.conllu import to_conllu, to_json
    from quotetrack.parse import parse_many

    articles = []
    for item in read_paths(files or ("-",)):
        if isinstance(item, Problem):
            if item.reason.startswith("empty input"):
                continue
            raise InputError(str(item))
        articles.append(item)
    docs = parse_many((a.text for a in articles), parser_config(ctx))
    for article, doc in zip(articles, docs, strict=True):
        if fmt == "conllu":
            sys.stdout.write(to_conllu(doc, article.id))
        else:
            sys.stdout.write(json.dumps(to_json(doc, article.id), ensure_ascii=False) + "\n")
