"""Parse speed: the previous release's pipeline settings against the new ones, on the
same PolNeAR dev articles in one run, one torch thread; and the accuracy of both.

``ParserConfig()`` is the new default (``--int8``: with the opt-in int8 layers, whose
parse depends on the batch); ``ParserConfig().previous_release()`` parses
as the previous release did (plain Stanza: no fast decoding, no int8 layers, the
tokenizer's saved batch).  Both parse the same articles, batch by batch in turns
(the order swapped every batch), so that load from other work on the machine falls
on both alike, three rounds over the articles by default (``--rounds``: load on this
shared machine comes and goes over minutes, and one round moved the ratio by about
a tenth from run to run); the ratio of their words per second is the figure that
counts.  The
CPU seconds of each Stanza processor are printed for both (where the time goes;
``python -m pyinstrument benchmarks/parse_speed.py --articles 10 --no-las`` gives
the call tree).  Then, unless ``--no-las``, each setting parses EWT test end to end
(raw text in, as ``quotetrack parse FILE --format conllu``), scored with Stanza's
CoNLL 2018 evaluator: the printed UPOS and LAS belong to the settings timed.

    .venv/bin/python benchmarks/parse_speed.py [--articles 40] [--rounds 3] [--no-las]
        [--ner-cost]
"""

from __future__ import annotations

import argparse
from dataclasses import replace
from pathlib import Path
from typing import Any

from _common import ROOT, SEED, Timing, machine, polnear, report, timed

from quotetrack.models.inference import forget_spellings, processor_clock
from quotetrack.models.scoring import score_parse
from quotetrack.parse import ParserConfig, load_pipeline, parse, parse_many
from quotetrack.records import ParsedDoc

EWT_TEST = ROOT.parent / "shared" / "ud" / "UD_English-EWT" / "en_ewt-ud-test.conllu.gz"
WARM_UP = "Warm up, he said."


def words_of(docs: list[ParsedDoc]) -> list[tuple[str, str, int, str]]:
    """Every word's text, UPOS, head and relation, in order (to compare two parses)."""
    return [(t.text, t.upos, t.head, t.deprel) for d in docs for t in d.tokens]


def agreement(old: list[tuple[str, str, int, str]],
              new: list[tuple[str, str, int, str]]) -> dict[str, float | None]:
    """Share of words on which the two parses agree (None when tokens differ)."""
    if [w[0] for w in old] != [w[0] for w in new]:
        return {"upos": None, "head_and_relation": None}
    same_pos = sum(a[1] == b[1] for a, b in zip(old, new, strict=True))
    same_arc = sum(a[2:] == b[2:] for a, b in zip(old, new, strict=True))
    return {"upos": round(same_pos / len(old), 4),
            "head_and_relation": round(same_arc / len(old), 4)}


def load(config: ParserConfig) -> float:
    """Seconds to build the pipeline of ``config`` (then one warm-up sentence)."""
    with timed() as took:
        load_pipeline(config)
    parse(WARM_UP, config)
    return took.wall


def race(texts: list[str], configs: dict[str, ParserConfig], chunk: int,
         rounds: int = 1) -> tuple[dict[str, Timing], dict[str, list[ParsedDoc]]]:
    """Parse ``texts`` with every config, ``chunk`` texts at a time, taking turns,
    ``rounds`` times over (the times summed; the parses of the first round kept).  Each
    round starts with no remembered spellings (``inference.forget_spellings``), as a
    fresh process would: a round must not read the words of the round before."""
    spent = {name: Timing() for name in configs}
    docs: dict[str, list[ParsedDoc]] = {name: [] for name in configs}
    names = list(configs)
    turn = 0
    for round_ in range(rounds):
        for config in configs.values():
            forget_spellings(load_pipeline(config))
        for start in range(0, len(texts), chunk):
            part = texts[start:start + chunk]
            for name in names if turn % 2 == 0 else names[::-1]:
                with timed() as took:
                    parsed = list(parse_many(part, configs[name]))
                spent[name].wall += took.wall
                spent[name].cpu += took.cpu
                if round_ == 0:
                    docs[name] += parsed
            turn += 1
    return spent, docs


def accuracy(configs: dict[str, ParserConfig], gold: Path) -> dict[str, dict[str, float]]:
    """EWT test end to end with each config: UPOS, LAS, sentences, words per second."""
    keep = ("Sentences", "UPOS", "UAS", "LAS", "words_per_second")
    out = {}
    for name, config in configs.items():
        scores = score_parse(config, gold)
        out[name] = {k: scores[k] for k in keep}
    return out


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--articles", type=int, default=40, help="PolNeAR dev articles")
    ap.add_argument("--models", default="compact")
    ap.add_argument("--gold", type=Path, default=EWT_TEST, help="gold CoNLL-U for the LAS")
    ap.add_argument("--no-las", action="store_true", help="skip the EWT test scores")
    ap.add_argument("--rounds", type=int, default=3,
                    help="times over the articles (load on a shared machine comes and goes)")
    ap.add_argument("--ner-cost", action="store_true",
                    help="also time the new settings without the NER model")
    ap.add_argument("--int8", action="store_true",
                    help="time the new settings with the opt-in int8 layers")
    args = ap.parse_args()
    new = ParserConfig(models=args.models, threads=1, quantize=args.int8)
    configs = {"previous": new.previous_release(), "new": new}
    with timed() as imports:
        import stanza  # noqa: F401  (imports counted apart from the model loads)
        import torch  # noqa: F401
    loads = {name: load(config) for name, config in configs.items()}

    seed_text = SEED.read_text(encoding="utf-8")
    seed, _ = race([seed_text], configs, 1)
    seed_words = len(parse(seed_text, new).tokens)
    articles = polnear(args.articles)
    texts = [a.text for a in articles]
    clocks = {name: processor_clock(load_pipeline(config)) for name, config in configs.items()}
    for clock in clocks.values():
        clock.update(dict.fromkeys(clock, 0.0))
    plain = replace(new, ner=False)  # --ner-cost: the new settings without NER, timed in
    if args.ner_cost:  # turns with the others (load on the machine comes and goes)
        load(plain)
    raced = {**configs, "no_ner": plain} if args.ner_cost else configs
    spent, docs = race(texts, raced, new.batch_docs, args.rounds)
    split = {name: {k: v / args.rounds for k, v in clock.items()}  # before other parses
             for name, clock in clocks.items()}
    words = {name: args.rounds * sum(len(d.tokens) for d in docs[name]) for name in configs}
    rate = {name: words[name] / spent[name].wall for name in configs}
    cpu_rate = {name: words[name] / spent[name].cpu for name in configs}
    agree = agreement(words_of(docs["previous"]), words_of(docs["new"]))
    ner_cost = spent["new"].wall / spent["no_ner"].wall if args.ner_cost else None
    ner_cost_cpu = spent["new"].cpu / spent["no_ner"].cpu if args.ner_cost else None
    scores = None if args.no_las else accuracy(configs, args.gold)

    figures = settings_figures(configs, loads, words, spent, rate, cpu_rate)
    for name, clock in split.items():
        figures[name]["cpu_s_by_processor"] = {
            **{k: round(v, 2) for k, v in clock.items()},
            "outside_stanza": round(spent[name].cpu / args.rounds - sum(clock.values()), 2)}
    figures = {
        "benchmark": "parse_speed", "models": new.label, "threads": 1,
        "batch_docs": new.batch_docs, "articles": len(articles), "rounds": args.rounds,
        "chars": sum(len(t) for t in texts), "imports_s": round(imports.wall, 2), **figures,
        "speedup": round(rate["new"] / rate["previous"], 3),
        "speedup_cpu": round(cpu_rate["new"] / cpu_rate["previous"], 3),
        "seed": {"words": seed_words, **{name: round(seed_words / seed[name].wall, 1)
                                          for name in configs}},
        "agreement": agree, "ewt_test": scores,
        "with_ner_over_without": None if ner_cost is None else round(ner_cost, 3),
        "with_ner_over_without_cpu": None if ner_cost_cpu is None else round(ner_cost_cpu, 3),
        **machine(),
    }
    report("parse speed, previous release's settings -> new (one thread)",
           summary(figures, configs, scores), figures)


def settings_figures(configs: dict[str, ParserConfig], loads: dict[str, float],
                     words: dict[str, int], spent: dict[str, Timing],
                     rate: dict[str, float], cpu_rate: dict[str, float]) -> dict[str, Any]:
    """The figures of each setting, keyed by its name."""
    return {name: {"fast": config.fast, "quantize": config.quantize,
                   "model_load_s": round(loads[name], 2), "words": words[name],
                   **spent[name].as_dict(), "words_per_s": round(rate[name], 1),
                   "words_per_cpu_s": round(cpu_rate[name], 1)}
            for name, config in configs.items()}


def summary(figures: dict[str, Any], configs: dict[str, ParserConfig],
            scores: dict[str, dict[str, float]] | None) -> list[str]:
    """The human lines of the report."""
    lines = []
    for name in configs:
        f = figures[name]
        lines.append(f"{name:>8}: {f['words']} words in {f['wall_s']:.1f} s ="
                     f" {f['words_per_s']:.0f} words/s ({f['words_per_cpu_s']:.0f} per CPU"
                     f" second), model load {f['model_load_s']:.2f} s")
    split = {name: figures[name]["cpu_s_by_processor"] for name in configs}
    lines.append("CPU s by processor, previous -> new: " + ", ".join(
        f"{k} {split['previous'][k]:.1f} -> {split['new'].get(k, 0.0):.1f}"
        for k in split["previous"]))
    agree = figures["agreement"]
    lines.append(f"new / previous = {figures['speedup']:.2f}x words/s"
                 f" ({figures['speedup_cpu']:.2f}x per CPU second) on {figures['articles']}"
                 f" PolNeAR dev articles; same UPOS on {agree['upos']} of the words, same"
                 f" head and relation on {agree['head_and_relation']} ({figures['rounds']}"
                 " rounds, batch by batch in turns; CPU s by processor per round)")
    seed = figures["seed"]
    lines.append(f"seed article ({seed['words']} words): {seed['previous']:.0f} ->"
                 f" {seed['new']:.0f} words/s")
    if figures["with_ner_over_without"] is not None:
        lines.append(f"new settings with NER / without = {figures['with_ner_over_without']:.2f}"
                     f" (CPU seconds: {figures['with_ner_over_without_cpu']:.2f})")
    for name, s in (scores or {}).items():
        lines.append(f"{name:>8}: EWT test end to end UPOS {100 * s['UPOS']:.2f}, LAS"
                     f" {100 * s['LAS']:.2f}, UAS {100 * s['UAS']:.2f}, sentences"
                     f" {100 * s['Sentences']:.2f} ({s['words_per_second']:.0f} words/s)")
    if scores:
        change = {k: 100 * (scores["new"][k] - scores["previous"][k]) for k in ("LAS", "UPOS")}
        lines.append(f"LAS change {change['LAS']:+.2f}, UPOS change {change['UPOS']:+.2f}"
                     " points (allowed: -0.30)")
    return lines


if __name__ == "__main__":
    main()
