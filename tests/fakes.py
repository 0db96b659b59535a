"""A stand-in for the NLP pipeline (not for the store): quotes found by a regex.

``Name said "text"`` becomes a direct quote by ``Name``.  Used where tests need many
articles fast, or a subprocess to kill; the real pipeline is tested in
test_cli_store.py.  Run as a script it ingests files into a store:

    python tests/fakes.py DB PATH...     (QT_FAKE_DELAY=seconds per article)
"""

from __future__ import annotations

import json
import os
import re
import sys
import time
from collections.abc import Iterable, Iterator
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from quotetrack.records import Article, ArticleResult, Cue, Quote, Span, Speaker  # noqa: E402

PATTERN = re.compile(r'(?P<who>(?:the )?[A-Z][\w.]*(?: [A-Z][\w.]*)*) (?P<cue>said|told|warned)'
                     r' "(?P<text>[^"]+)"')
LEMMAS = {"said": "say", "told": "tell", "warned": "warn"}
ORGS = ("White House", "Kremlin", "the White House", "the Kremlin")


def quote(m: re.Match[str]) -> Quote:
    """The Quote of one regex match (offsets into the article text)."""
    who = m.group("who")
    kind = "organization" if who in ORGS else "person"
    return Quote(
        start=m.start("text"), end=m.end("text"), text=m.group("text"), kind="direct",
        sentence=0, paragraph=0, speaker=who, speakers=(who,), speaker_kind=kind,
        speaker_mention=Span(m.start("who"), m.end("who"), who),
        cue=Cue(m.start("cue"), m.end("cue"), m.group("cue"), LEMMAS[m.group("cue")]),
        role=None, stance=None, method="fake-regex", confidence=0.9)


def result(article: Article) -> ArticleResult:
    """The ArticleResult the fake extractor gives for ``article``."""
    quotes = tuple(quote(m) for m in PATTERN.finditer(article.text))
    names = dict.fromkeys(q.speaker for q in quotes if q.speaker)
    speakers = tuple(Speaker(n, "organization" if n in ORGS else "person", (n,)) for n in names)
    return ArticleResult(article, quotes, speakers, model="fake", extractor_version="test")


def process_many(articles: Iterable[Article]) -> Iterator[ArticleResult]:
    """The fake pipeline: one result per article, optionally slowed by QT_FAKE_DELAY."""
    delay = float(os.environ.get("QT_FAKE_DELAY", "0"))
    for article in articles:
        time.sleep(delay)
        yield result(article)


SPEAKERS = ["Sergei Lavrov", "Lavrov", "Yuri Ushakov", "Donald Trump", "the White House",
            "Petro Poroshenko", "Hillary Clinton"]
TOPICS = ["sanctions", "peacekeepers", "elections", "pipelines", "talks"]


def article_record(n: int, tag: str = "") -> dict[str, str]:
    """A JSONL record for article ``n`` with two quotes by known speakers."""
    a, b = SPEAKERS[n % len(SPEAKERS)], SPEAKERS[(n + 3) % len(SPEAKERS)]
    topic = TOPICS[n % len(TOPICS)]
    text = (f'Report {tag}{n}. {a} said "the {topic} issue {n} matters." Later, {b} told'
            f' "we will discuss {topic} number {n}." Nothing else happened.')
    return {"id": f"a{tag}{n:04d}", "text": text, "outlet": ["RT", "NYT", "BBC"][n % 3],
            "published_at": f"2017-{1 + n % 12:02d}-{1 + n % 28:02d}", "url": f"https://x.test/{n}"}


def write_jsonl(path: Path, count: int, tag: str = "") -> Path:
    """Write ``count`` fake articles to ``path`` as JSONL; returns the path."""
    path.write_text("".join(json.dumps(article_record(n, tag)) + "\n" for n in range(count)),
                    encoding="utf-8")
    return path


if __name__ == "__main__":
    from quotetrack.ingest import ingest
    from quotetrack.store import open_store

    with open_store(sys.argv[1]) as store:
        summary = ingest(sys.argv[2:], store, process_many, batch_size=4)
    print(json.dumps({"stored": summary.stored, "skipped": summary.skipped}), flush=True)
    sys.exit(summary.exit_code)
