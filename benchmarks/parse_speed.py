"""Parse speed: model load time, and words per second on the seed article and on
PolNeAR dev articles, one torch thread, Stanza bulk batches; the same articles are
parsed again without the NER model, and the ratio printed (the cost of entities).

    .venv/bin/python benchmarks/parse_speed.py [--articles 40] [--batch-docs 16]
"""

from __future__ import annotations

import argparse
import time
from dataclasses import replace

from _common import SEED, machine, polnear, report, timed

from quotetrack.parse import ParserConfig, load_pipeline, parse, parse_many


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--articles", type=int, default=40, help="PolNeAR dev articles")
    ap.add_argument("--batch-docs", type=int, default=ParserConfig().batch_docs)
    ap.add_argument("--models", default="compact")
    args = ap.parse_args()
    config = ParserConfig(models=args.models, threads=1, batch_docs=args.batch_docs)

    started = time.perf_counter()
    import stanza  # noqa: F401  (imports counted apart from the model load)
    import torch  # noqa: F401

    imports_s = time.perf_counter() - started
    with timed() as load:
        load_pipeline(config)
    parse("Warm up, he said.", config)

    seed_text = SEED.read_text(encoding="utf-8")
    with timed() as seed:
        seed_words = len(parse(seed_text, config).tokens)
    articles = polnear(args.articles)
    with timed() as bulk:
        words = sum(len(d.tokens) for d in parse_many((a.text for a in articles), config))
    chars = sum(len(a.text) for a in articles)
    plain = replace(config, ner=False)
    load_pipeline(plain)
    parse("Warm up, he said.", plain)
    with timed() as no_ner:
        sum(len(d.tokens) for d in parse_many((a.text for a in articles), plain))
    ner_cost = bulk.wall / no_ner.wall

    figures = {
        "benchmark": "parse_speed", "models": config.label, "threads": 1,
        "batch_docs": config.batch_docs, "imports_s": round(imports_s, 2),
        "model_load_s": round(load.wall, 2),
        "seed": {"words": seed_words, **seed.as_dict(),
                 "words_per_s": round(seed_words / seed.wall, 1)},
        "polnear_dev": {"articles": len(articles), "chars": chars, "words": words,
                        **bulk.as_dict(), "words_per_s": round(words / bulk.wall, 1),
                        "words_per_cpu_s": round(words / bulk.cpu, 1),
                        "articles_per_s": round(len(articles) / bulk.wall, 3),
                        "without_ner_s": round(no_ner.wall, 2),
                        "with_ner_over_without": round(ner_cost, 3)},
        **machine(),
    }
    report("parse speed (one thread)", [
        f"imports {imports_s:.1f} s, model load {load.wall:.2f} s ({config.label})",
        f"seed article: {seed_words} words in {seed.wall:.2f} s"
        f" = {seed_words / seed.wall:.0f} words/s",
        f"{len(articles)} PolNeAR dev articles: {words} words in {bulk.wall:.1f} s"
        f" = {words / bulk.wall:.0f} words/s ({words / bulk.cpu:.0f} per CPU second),"
        f" batches of {config.batch_docs}",
        f"the same articles without the NER model: {no_ner.wall:.1f} s;"
        f" with NER / without = {ner_cost:.2f}",
    ], figures)


if __name__ == "__main__":
    main()
