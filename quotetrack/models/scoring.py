"""End-to-end scoring of a model directory: raw text in, CoNLL 2018 scores out.

Uses Stanza's own evaluator (``stanza.models.common.utils.ud_scores``) against the
gold CoNLL-U file, exactly as ``quotetrack parse FILE --format conllu`` would be
scored by hand.
"""

from __future__ import annotations

import tempfile
import time
from pathlib import Path

METRICS = ("Tokens", "Sentences", "Words", "UPOS", "XPOS", "UFeats", "AllTags", "Lemmas",
           "UAS", "LAS", "CLAS")


def raw_text_for(gold: Path) -> Path:
    """The raw ``.txt`` next to a gold ``.conllu`` (UD's layout)."""
    return gold.with_suffix(".txt")


def score_conllu(gold: Path, system: Path) -> dict[str, float]:
    """F1 of every CoNLL 2018 metric of ``system`` against ``gold`` (0..1)."""
    from stanza.models.common.utils import ud_scores

    scores = ud_scores(str(gold), str(system))
    return {m: round(scores[m].f1, 4) for m in METRICS if m in scores}


def score_raw_text(model_dir: Path, gold: Path, threads: int = 1,
                   text: Path | None = None) -> dict[str, float]:
    """Parse the raw text of ``gold`` with the models in ``model_dir`` and score it.

    Also reports ``words_per_second`` of the parse (load time excluded).
    """
    from quotetrack.conllu import to_conllu
    from quotetrack.parse import ParserConfig, load_pipeline, parse_many

    config = ParserConfig(models=str(model_dir), threads=threads)
    load_pipeline(config)
    raw = (text or raw_text_for(gold)).read_text("utf-8")
    started = time.perf_counter()
    doc = next(parse_many([raw], config))
    elapsed = time.perf_counter() - started
    with tempfile.TemporaryDirectory() as tmp:
        system = Path(tmp) / "system.conllu"
        system.write_text(to_conllu(doc, "t"), "utf-8")
        scores = score_conllu(gold, system)
    scores["words_per_second"] = round(len(doc.tokens) / elapsed, 1)
    return scores


def main(argv: list[str] | None = None) -> None:
    """``python -m quotetrack.models.scoring GOLD.conllu[.gz] SYSTEM.conllu``: print the
    CoNLL 2018 F1 scores of SYSTEM (for example ``quotetrack parse`` output) as JSON."""
    import argparse
    import gzip
    import json

    ap = argparse.ArgumentParser(prog="python -m quotetrack.models.scoring")
    ap.add_argument("gold", type=Path)
    ap.add_argument("system", type=Path)
    a = ap.parse_args(argv)
    gold = a.gold
    with tempfile.TemporaryDirectory() as tmp:
        if gold.suffix == ".gz":
            plain = Path(tmp) / gold.stem
            plain.write_bytes(gzip.open(gold).read())
            gold = plain
        print(json.dumps(score_conllu(gold, a.system), indent=2))


if __name__ == "__main__":
    main()
