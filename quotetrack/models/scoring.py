"""End-to-end scoring of a model directory: raw text in, CoNLL 2018 scores out.

Uses Stanza's own evaluator (``stanza.models.common.utils.ud_scores``) against the
gold CoNLL-U file, exactly as ``quotetrack parse FILE --format conllu`` would be
scored by hand.
"""

from __future__ import annotations

import tempfile
import time
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from quotetrack.parse import ParserConfig

METRICS = ("Tokens", "Sentences", "Words", "UPOS", "XPOS", "UFeats", "AllTags", "Lemmas",
           "UAS", "LAS", "CLAS")


def raw_text_for(gold: Path) -> Path:
    """The raw ``.txt`` next to a gold ``.conllu`` or ``.conllu.gz`` (UD's layout)."""
    return (gold.with_suffix("") if gold.suffix == ".gz" else gold).with_suffix(".txt")


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
    from quotetrack.parse import ParserConfig

    return score_parse(ParserConfig(models=str(model_dir), threads=threads), gold, text)


def score_parse(config: ParserConfig, gold: Path, text: Path | None = None) -> dict[str, float]:
    """Parse the raw text of ``gold`` (``.conllu`` or ``.conllu.gz``; the raw text is
    ``text`` or the ``.txt`` beside it) with ``config``, as ``quotetrack parse FILE
    --format conllu`` does, and score it; plus ``words_per_second`` (load excluded)."""
    from quotetrack.conllu import to_conllu
    from quotetrack.parse import load_pipeline, parse_many

    with tempfile.TemporaryDirectory() as tmp:
        plain = unzipped(gold, Path(tmp))
        load_pipeline(config)
        raw = (text or raw_text_for(gold)).read_text("utf-8")
        started = time.perf_counter()
        doc = next(parse_many([raw], config))
        elapsed = time.perf_counter() - started
        system = Path(tmp) / "system.conllu"
        system.write_text(to_conllu(doc, "t"), "utf-8")
        scores = score_conllu(plain, system)
    scores["words_per_second"] = round(len(doc.tokens) / elapsed, 1)
    return scores


def unzipped(gold: Path, folder: Path) -> Path:
    """``gold`` itself, or for ``X.conllu.gz`` a plain copy ``folder/X.conllu``."""
    if gold.suffix != ".gz":
        return gold
    import gzip
    import shutil

    plain = folder / gold.stem
    with gzip.open(gold) as packed, plain.open("wb") as out:
        shutil.copyfileobj(packed, out)
    return plain


def main(argv: list[str] | None = None) -> None:
    """``python -m quotetrack.models.scoring GOLD.conllu[.gz] SYSTEM.conllu``: print the
    CoNLL 2018 F1 scores of SYSTEM (for example ``quotetrack parse`` output) as JSON."""
    import argparse
    import json

    ap = argparse.ArgumentParser(prog="python -m quotetrack.models.scoring")
    ap.add_argument("gold", type=Path)
    ap.add_argument("system", type=Path)
    a = ap.parse_args(argv)
    with tempfile.TemporaryDirectory() as tmp:
        print(json.dumps(score_conllu(unzipped(a.gold, Path(tmp)), a.system), indent=2))


if __name__ == "__main__":
    main()
