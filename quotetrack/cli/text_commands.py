"""Commands that work on text alone, with no store: parse, extract, eval."""

from __future__ import annotations

import json
import sys
from typing import Any

import click

from quotetrack.cli import main
from quotetrack.cli.common import handle_errors, parser_config
from quotetrack.errors import InputError
from quotetrack.readers import Problem, read_paths
from quotetrack.records import Article
from quotetrack.render import emit, err, out


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


def _articles(files: tuple[str, ...]) -> tuple[list[Article], list[Problem]]:
    articles: list[Article] = []
    problems: list[Problem] = []
    for item in read_paths(files or ("-",)):
        (problems if isinstance(item, Problem) else articles).append(item)  # type: ignore[arg-type]
    return articles, problems


SCOPE = click.option(
    "--scope", type=click.Choice(["claims", "attributions"]), default="claims",
    show_default=True,
    help="claims: what people said or asserted; attributions: also beliefs, intentions "
         "and stances (PolNeAR's wider definition).")
QUOTE_COLUMNS = ("speaker", "kind", "text", "cue", "method", "role")


@main.command("extract")
@click.argument("files", nargs=-1)
@click.option("--format", "fmt", type=click.Choice(["jsonl", "json", "table"]),
              default="jsonl", show_default=True)
@click.option("--include-fragments", is_flag=True,
              help="Also report short quoted fragments with no cue (flagged 'fragment') "
                   "and quotes nested in a quotation (flagged 'nested').")
@SCOPE
@click.pass_context
@handle_errors
def extract_cmd(ctx: click.Context, files: tuple[str, ...], fmt: str,
                include_fragments: bool, scope: str) -> None:
    """Find quotes and their speakers in articles (.txt, .jsonl, .html, folders, -).

    \b
    Example:
      quotetrack extract fixtures/seed/seed-article.txt --format table
    """
    from quotetrack.pipeline import process_many

    articles, problems = _articles(files)
    for p in problems:
        if not p.reason.startswith("empty input"):
            err.print(f"[red]skipped[/] {p}")
    results = process_many(articles, parser_config(ctx), include_fragments,
                           scope)  # type: ignore[arg-type]
    collected = []
    for r in results:
        obj = {**r.as_dict(), **{k: v for k, v in (("url", r.article.url),
                                                    ("title", r.article.title)) if v}}
        if fmt == "jsonl":
            sys.stdout.write(json.dumps(obj, ensure_ascii=False) + "\n")
        elif fmt == "table":
            emit(obj["quotes"], "table", QUOTE_COLUMNS, title=f"{r.article.id}: "
                 f"{len(r.quotes)} quotes, {len(r.speakers)} speakers")
        else:
            collected.append(obj)
    if fmt == "json":
        sys.stdout.write(json.dumps(collected, ensure_ascii=False, indent=2) + "\n")
    if any(not p.reason.startswith("empty input") for p in problems):
        ctx.exit(1)


@main.command("eval")
@click.argument("gold", type=click.Path(exists=True, dir_okay=False))
@click.option("--overlap", type=click.FloatRange(0.0, 1.0), default=0.3, show_default=True,
              help="Share of a gold span a prediction must cover to match it.")
@click.option("--limit", type=int, help="Score only the first N documents.")
@click.option("--format", "fmt", type=click.Choice(["table", "json"]), default="table",
              show_default=True)
@SCOPE
@click.pass_context
@handle_errors
def eval_cmd(ctx: click.Context, gold: str, overlap: float, limit: int | None,
             fmt: str, scope: str) -> None:
    """Score extraction against gold quotes (JSONL: id, text, quotes).

    \b
    Example:
      quotetrack eval ../shared/eval/polnear/dev.jsonl --overlap 0.5
    """
    from quotetrack.evaluate import evaluate
    from quotetrack.pipeline import process_many

    docs = _gold_docs(gold, limit)
    articles = [Article(id=str(d.get("id", n)), text=d["text"]) for n, d in enumerate(docs)]
    results = process_many(articles, parser_config(ctx), False,
                           scope)  # type: ignore[arg-type]
    pairs = (([q.as_dict() for q in r.quotes], d.get("quotes", []))
             for r, d in zip(results, docs, strict=True))
    report = evaluate(pairs, overlap)
    if fmt == "json":
        sys.stdout.write(json.dumps(report, indent=2) + "\n")
        return
    rows = [{"kind": k, **v} for k, v in [("all", report["quotes"]), *report["by_kind"].items(),
                                          ("end-to-end", report["end_to_end"])]]
    emit(rows, "table", ("kind", "precision", "recall", "f1", "gold", "predicted"),
         title=f"{gold} (overlap {overlap})")
    out.print(f"speaker mention accuracy: {report['mention_accuracy']}   "
              f"canonical speaker accuracy: {report['speaker_accuracy']}")


def _gold_docs(path: str, limit: int | None) -> list[dict[str, Any]]:
    docs = []
    with open(path, encoding="utf-8") as fh:
        for n, line in enumerate(fh, 1):
            if not line.strip():
                continue
            try:
                doc = json.loads(line)
            except json.JSONDecodeError as exc:
                raise InputError(f"{path}:{n}: malformed JSON ({exc.msg})") from None
            if not isinstance(doc, dict) or not isinstance(doc.get("text"), str):
                raise InputError(f"{path}:{n}: a gold line needs 'text' and 'quotes'")
            docs.append(doc)
            if limit and len(docs) >= limit:
                break
    return docs
