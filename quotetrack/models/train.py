"""Train the compact offline English models with Stanza's own training modules.

``python -m quotetrack.models.train --ud-dir ../shared/ud --out DIR`` prepares
UD English-EWT, trains tokenizer, mwt, pos, lemma and depparse on CPU (no word
vectors, no charlm), and the NER model on UNER-EWT and GUM's open genres
(``ner_data``), copies the six ``.pt`` files plus ``resources.json`` into
``--out`` and prints end-to-end dev and test scores.  Each stage may be capped in
minutes; the best checkpoint so far is kept.  Re-running resumes: finished stages
are skipped unless ``--force``; the parser resumes from Stanza's checkpoint and
the tagger warm-starts from its last best model (``--init-from`` seeds both from
an earlier model directory, such as the shipped one).
"""

from __future__ import annotations

import argparse
import gzip
import json
import os
import random
import shutil
import subprocess
import sys
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from quotetrack.models.ner_data import OPEN_GENRES

TREEBANK = "UD_English-EWT"
SHORT = "en_ewt"
FILES = {
    "tokenize": f"{SHORT}_nocharlm_tokenizer.pt",
    "mwt": f"{SHORT}_mwt_expander.pt",
    "pos": f"{SHORT}_nopretrain_tagger.pt",
    "lemma": f"{SHORT}_nocharlm_lemmatizer.pt",
    "depparse": f"{SHORT}_nopretrain_parser.pt",
    "ner": "en_compact_nertagger.pt",
}
STAGES = tuple(FILES)
# Stored as float16 by --half (Stanza loads them back into float32 modules).
HALVED = ("pos", "depparse", "ner")
# Tagger dropout and word dropout, below Stanza's 0.5 / 0.33: without word vectors or a
# charlm the tagger underfits at those (train UPOS 95.7; see the model card).
POS_DROPOUT = ("0.1", "0.05")
# Parser dropout and word dropout, below Stanza's 0.5 / 0.33 for the same reason (chosen
# by dev LAS over 0.2 / 0.1: model card).
DEP_DROPOUT = ("0.1", "0.05")
# NER dropout and word dropout (Stanza's defaults; see the model card for the runs).
NER_DROPOUT = ("0.5", "0.01")
# The shipped tokenizer: Stanza's hidden size and dropout.
TOK_SHAPE = ("64", "0.33")
# NER tagger LSTM and character LSTM hidden sizes: the shipped model's, smaller than
# the 200 / 100 of the model before it and cheaper to run (model card).
NER_SHAPE = ("160", "80")


@dataclass(frozen=True)
class Plan:
    """Everything one training run needs; paths are absolute."""

    ud_dir: Path
    work: Path
    out: Path
    stages: tuple[str, ...]
    limit: int | None
    steps: dict[str, int]
    minutes: float | None
    threads: int
    init_from: Path | None
    force: bool
    seed: int
    lr: dict[str, str]
    retag: bool = False
    average: int = 0
    dropout: tuple[str, str] = POS_DROPOUT
    half: bool = False
    dep_dropout: tuple[str, str] = DEP_DROPOUT
    ner_dropout: tuple[str, str] = NER_DROPOUT
    vectors: Path | None = None
    tok_shape: tuple[str, str] = TOK_SHAPE
    gum_genres: tuple[str, ...] = ()
    news_ner: Path | None = None  # the repository's fixtures/: its news NER gold
    ner_shape: tuple[str, str] = NER_SHAPE

    @property
    def udbase(self) -> Path:
        return self.work / "ud"

    @property
    def data(self) -> Path:
        return self.work / "data"

    def model(self, stage: str) -> Path:
        return self.work / "models" / stage / FILES[stage]


def _env(plan: Plan) -> dict[str, str]:
    env = dict(os.environ)
    threads = str(plan.threads)
    env.update(UDBASE=str(plan.udbase), DATA_ROOT=str(plan.data),
               OMP_NUM_THREADS=threads, MKL_NUM_THREADS=threads, PYTHONHASHSEED="0")
    return env


def _run(plan: Plan, args: Sequence[str], minutes: float | None = None) -> None:
    """Run a python module in a child process; a time cap stops it, keeping files."""
    cmd = [sys.executable, "-m", *args]
    print("+", " ".join(cmd), flush=True)
    timeout = minutes * 60 if minutes else None
    try:
        subprocess.run(cmd, env=_env(plan), check=True, timeout=timeout)
    except subprocess.TimeoutExpired:
        print(f"stopped by the {minutes}-minute cap; keeping the best model so far")


def _limited_conllu(src: Path, limit: int | None) -> str:
    text = gzip.open(src, "rt", encoding="utf-8").read()
    if limit is None:
        return text
    blocks = [b for b in text.split("\n\n") if b.strip()][:limit]
    return "\n\n".join(blocks) + "\n\n"


def raw_text(conllu: str) -> str:
    """The raw text of a CoNLL-U treebank: its ``# text`` lines, paragraphs apart."""
    out: list[str] = []
    for line in conllu.splitlines():
        if line.startswith("# newpar") and out:
            out.append("\n")
        elif line.startswith("# text = "):
            out.append(line[len("# text = "):] + " ")
    return "".join(out).strip() + "\n"


def prepare_ud(plan: Plan) -> None:
    """Gunzip (and optionally truncate) the EWT splits where Stanza looks for them,
    with the raw text of each split beside it (for end-to-end scoring)."""
    dest = plan.udbase / TREEBANK
    dest.mkdir(parents=True, exist_ok=True)
    for split in ("train", "dev", "test"):
        src = plan.ud_dir / TREEBANK / f"{SHORT}-ud-{split}.conllu.gz"
        if not src.exists():
            raise SystemExit(f"missing {src}: pass --ud-dir pointing at shared/ud")
        conllu = _limited_conllu(src, plan.limit)
        if split == "train" and plan.gum_genres:
            conllu = conllu.rstrip("\n") + "\n\n" + _gum_train(plan)
        (dest / src.name[:-3]).write_text(conllu, "utf-8")
        shipped_txt = src.with_name(f"{SHORT}-ud-{split}.txt")
        txt = shipped_txt.read_text("utf-8") if shipped_txt.exists() and plan.limit is None \
            else raw_text(conllu)
        (dest / f"{SHORT}-ud-{split}.txt").write_text(txt, "utf-8")


def _gum_train(plan: Plan) -> str:
    """GUM train's documents of ``--gum-genres``, to follow EWT train."""
    from quotetrack.models.gum_documents import documents

    src = plan.ud_dir / "UD_English-GUM" / "en_gum-ud-train.conllu.gz"
    return documents(gzip.open(src, "rt", encoding="utf-8").read(), plan.gum_genres)


def _prep(plan: Plan, stage: str) -> None:
    if stage == "ner":
        from quotetrack.models.ner_data import build

        print("ner data:", build(plan.ud_dir.parent, plan.data / "ner", plan.limit,
                                 fixtures=plan.news_ner), flush=True)
        return
    extra = {"lemma": ["--gold", "--no_lemma_classifier"], "depparse": ["--gold"]}
    name = "tokenizer" if stage == "tokenize" else stage
    module = f"stanza.utils.datasets.prepare_{name}_treebank"
    # The tokenizer prep augments punctuation at random: seed it for reproducibility.
    _run(plan, ["quotetrack.models.stanza_runner", "--seed", str(plan.seed),
                module, TREEBANK, *extra.get(stage, [])])


def _save_dir(plan: Plan, stage: str) -> str:
    return str(plan.model(stage).parent)


def _train_tokenize(plan: Plan) -> list[str]:
    steps = plan.steps["tokenize"]
    return ["stanza.utils.training.run_tokenizer", TREEBANK, "--no_charlm", "--force",
            "--steps", str(steps), "--eval_steps", str(max(steps // 5, 1)),
            "--save_dir", _save_dir(plan, "tokenize"),
            "--hidden_dim", plan.tok_shape[0], "--dropout", plan.tok_shape[1]]


def _train_mwt(plan: Plan) -> list[str]:
    return ["stanza.utils.training.run_mwt", TREEBANK, "--force",
            "--save_dir", _save_dir(plan, "mwt"), "--num_epoch", str(plan.steps["mwt"])]


def _train_lemma(plan: Plan) -> list[str]:
    return ["stanza.utils.training.run_lemma", TREEBANK, "--no_charlm", "--force",
            "--no_lemma_classifier", "--dict_only", "--save_dir", _save_dir(plan, "lemma")]


def _split(plan: Plan, stage: str, split: str) -> str:
    return str(plan.data / stage / f"{SHORT}.{split}.in.conllu")


def _vectors(vectors: Path | None) -> list[str]:
    """Stanza's word-vector arguments: the shared pretrain file, or none at all."""
    return ["--wordvec_pretrain_file", str(vectors)] if vectors else ["--no_pretrain"]


def _common(plan: Plan, stage: str, steps: int) -> list[str]:
    return ["--train_file", _split(plan, stage, "train"),
            "--eval_file", _split(plan, stage, "dev"),
            "--lang", "en", "--shorthand", SHORT, "--mode", "train",
            *_vectors(plan.vectors), "--save_name", FILES[stage], "--word_cutoff", "0",
            "--max_steps", str(steps), "--eval_interval", str(max(min(250, steps // 4), 1)),
            "--save_dir", _save_dir(plan, stage), "--seed", str(plan.seed)]


def _init(plan: Plan, stage: str) -> list[str]:
    """Warm start from this run's own last best model, else from --init-from."""
    own = plan.model(stage)
    if own.exists() and not plan.force:
        return ["--init-from", str(own)]
    if plan.init_from and (plan.init_from / FILES[stage]).exists():
        return ["--init-from", str(plan.init_from / FILES[stage])]
    return []


def _lr(plan: Plan, stage: str, default: str) -> list[str]:
    return ["--lr", plan.lr.get(stage, default)]


def _train_pos(plan: Plan) -> list[str]:
    dropout, word_dropout = plan.dropout
    return ["quotetrack.models.stanza_runner", "--fast-lstm", *_init(plan, "pos"),
            "stanza.models.tagger", *_common(plan, "pos", plan.steps["pos"]),
            "--share_hid", "--hidden_dim", "200", "--char_hidden_dim", "200",
            "--dropout", dropout, "--word_dropout", word_dropout,
            "--batch_size", "64", "--fix_eval_interval", *_lr(plan, "pos", "3e-3"),
            *(["--save_each"] if plan.average else [])]


def snapshots(plan: Plan, stage: str) -> list[Path]:
    """The checkpoints a ``--save_each`` run of ``stage`` saved, in step order
    (the starting weights, step 0, left out)."""
    model = plan.model(stage)
    found = model.parent.glob(f"{model.stem}_[0-9]*.pt")
    steps = sorted((int(p.stem.rsplit("_", 1)[1]), p) for p in found)
    return [p for step, p in steps if step > 0]


def average_last(plan: Plan, stage: str) -> None:
    """Replace the stage's model by the mean of its last ``--average`` snapshots."""
    from quotetrack.models.average import average_files

    chosen = snapshots(plan, stage)[-plan.average:]
    if not chosen:
        print(f"{stage}: no snapshots to average; keeping the best checkpoint")
        return
    average_files(chosen, plan.model(stage))
    print(f"{stage}: averaged {len(chosen)} snapshots ({chosen[0].name} .. "
          f"{chosen[-1].name}) into {plan.model(stage)}", flush=True)


def _train_depparse(plan: Plan) -> list[str]:
    # Predicted tags change the tag vocabularies, so a retagged run keeps its own
    # checkpoint and starts from the last parser's weights (shapes that still fit).
    name = "checkpoint-retag.pt" if plan.retag else "checkpoint.pt"
    resume = plan.model("depparse").parent / name
    init = [] if resume.exists() else _init(plan, "depparse")
    dropout, word_dropout = plan.dep_dropout
    return ["quotetrack.models.stanza_runner", "--fast-lstm", *init,
            "stanza.models.parser", *_common(plan, "depparse", plan.steps["depparse"]),
            "--hidden_dim", "200", "--char_hidden_dim", "100",
            "--deep_biaff_hidden_dim", "200", "--num_layers", "2", "--optim", "adam",
            *_lr(plan, "depparse", "2e-3"), "--beta2", "0.95", "--no_second_optim",
            "--batch_size", "1000", "--dropout", dropout, "--word_dropout", word_dropout,
            "--checkpoint_save_name", str(resume)]


def _train_ner(plan: Plan) -> list[str]:
    """BiLSTM-CRF over words and characters, no word vectors or charlm; Adam (SGD at
    Stanza's 0.1 had learnt next to nothing after 250 steps)."""
    data = plan.data / "ner"
    return ["quotetrack.models.stanza_runner", "--fast-lstm", "stanza.models.ner_tagger",
            "--train_file", str(data / "train.json"), "--eval_file", str(data / "dev.json"),
            "--shorthand", "en_compact", "--mode", "train", *_vectors(plan.vectors),
            "--word_emb_dim", "100", "--char_hidden_dim", plan.ner_shape[1],
            "--hidden_dim", plan.ner_shape[0],
            "--optim", "adam", *_lr(plan, "ner", "0.002"),
            "--dropout", plan.ner_dropout[0], "--word_dropout", plan.ner_dropout[1],
            "--max_steps", str(plan.steps["ner"]),
            "--eval_interval", str(max(min(200, plan.steps["ner"] // 4), 1)),
            "--max_steps_no_improve", "2500", "--save_dir", _save_dir(plan, "ner"),
            "--save_name", FILES["ner"], "--seed", str(plan.seed)]


TRAINERS = {"tokenize": _train_tokenize, "mwt": _train_mwt, "pos": _train_pos,
            "lemma": _train_lemma, "depparse": _train_depparse, "ner": _train_ner}
CAPPED = {"pos", "depparse", "tokenize", "ner"}


def retag_tagger(plan: Plan) -> Path | None:
    """The tagger whose predictions the parser trains on: this run's own, else the
    one in ``--init-from`` (a parser-only run on top of a shipped tagger)."""
    own = plan.model("pos")
    if own.exists():
        return own
    if plan.init_from and (plan.init_from / FILES["pos"]).exists():
        return plan.init_from / FILES["pos"]
    return None


def retag(plan: Plan) -> None:
    """Replace the parser's gold tags with this run's tagger's predictions, so the
    parser learns on the kind of tags it will see (as Stanza's own models do)."""
    tagger = retag_tagger(plan)
    if tagger is None:
        raise SystemExit(f"--retag needs a trained tagger at {plan.model('pos')}"
                         " or in --init-from")
    vectors = _vectors(plan.vectors if uses_vectors(tagger) else None)
    for split in ("train", "dev"):
        path = Path(_split(plan, "depparse", split))
        gold = path.with_name(path.name.replace(".in.", ".gold."))
        tagged = path.with_name(path.name.replace(".in.", ".tagged."))
        if not gold.exists():
            shutil.copyfile(path, gold)
        _run(plan, ["stanza.models.tagger", "--mode", "predict", "--eval_file", str(gold),
                    "--output_file", str(tagged), "--lang", "en", "--shorthand", SHORT,
                    *vectors, "--save_dir", str(tagger.parent),
                    "--save_name", tagger.name])
        path.write_text(merge_tags(gold.read_text("utf-8"), tagged.read_text("utf-8")),
                        "utf-8")


def uses_vectors(model: Path) -> bool:
    """Whether a saved Stanza model was trained with word vectors."""
    import torch

    saved = torch.load(model, map_location="cpu", weights_only=False)
    return bool(saved.get("config", {}).get("pretrain"))


def merge_tags(gold: str, tagged: str) -> str:
    """Gold CoNLL-U with UPOS, XPOS and FEATS taken from ``tagged`` (same words)."""
    def words(text: str) -> list[list[str]]:
        return [ln.split("\t") for ln in text.splitlines()
                if ln and not ln.startswith("#") and ln.split("\t")[0].isdigit()]

    predicted = iter(words(tagged))
    out = []
    for line in gold.splitlines():
        cols = line.split("\t")
        if line and not line.startswith("#") and cols[0].isdigit():
            cols[3:6] = next(predicted)[3:6]
        out.append("\t".join(cols))
    return "\n".join(out) + "\n"


def train_stage(plan: Plan, stage: str) -> None:
    """Prepare data for one stage and train it (resuming where that is possible)."""
    if plan.model(stage).exists() and stage not in CAPPED and not plan.force:
        print(f"{stage}: {plan.model(stage)} exists, skipped (use --force)")
        return
    _prep(plan, stage)
    if stage == "depparse" and plan.retag:
        retag(plan)
    plan.model(stage).parent.mkdir(parents=True, exist_ok=True)
    averaging = stage == "pos" and plan.average > 0
    if averaging:
        for old in snapshots(plan, stage):
            old.unlink()  # a resumed run numbers its steps from 0 again
    _run(plan, TRAINERS[stage](plan), plan.minutes if stage in CAPPED else None)
    if averaging:
        average_last(plan, stage)


def install(plan: Plan) -> None:
    """Copy every trained model (falling back to --init-from) into --out, halving
    the large ones' stored precision with ``--half``."""
    from quotetrack.models.halve import halve_file

    plan.out.mkdir(parents=True, exist_ok=True)
    for stage, name in FILES.items():
        src = plan.model(stage)
        if not src.exists() and plan.init_from:
            src = plan.init_from / name
        if not src.exists() or src.resolve() == (plan.out / name).resolve():
            continue
        if plan.half and stage in HALVED:
            halve_file(src, plan.out / name)
        else:
            shutil.copyfile(src, plan.out / name)
    if plan.vectors:  # the models trained with them read them beside themselves
        from quotetrack.models.word_vectors import halve
        from quotetrack.parse import VECTORS_FILE

        halve(plan.vectors, plan.out / VECTORS_FILE)
    (plan.out / "resources.json").write_text("{}\n", "utf-8")


def score(plan: Plan, split: str) -> dict[str, float]:
    """End-to-end scores of the models in --out on a split's raw text (CoNLL 2018)."""
    from quotetrack.models.scoring import score_raw_text

    gold = plan.udbase / TREEBANK / f"{SHORT}-ud-{split}.conllu"
    return score_raw_text(plan.out, gold, plan.threads)


def _parse_args(argv: Sequence[str] | None) -> Plan:
    ap = argparse.ArgumentParser(prog="python -m quotetrack.models.train",
                                 description=__doc__.split("\n\n")[0])
    ap.add_argument("--ud-dir", default="../shared/ud", type=Path)
    ap.add_argument("--work-dir", default="build/train", type=Path)
    ap.add_argument("--out", default="build/compact-en", type=Path)
    ap.add_argument("--stages", default=",".join(STAGES))
    ap.add_argument("--limit-sentences", type=int, help="use only the first N per split")
    ap.add_argument("--steps", action="append", default=[], metavar="STAGE=N",
                    help="tokenize/pos/depparse steps, mwt epochs")
    ap.add_argument("--lr", action="append", default=[], metavar="STAGE=LR",
                    help="learning rate of pos or depparse (e.g. lower it to fine-tune)")
    ap.add_argument("--minutes", type=float, help="wall-clock cap per capped stage")
    ap.add_argument("--threads", type=int, default=1)
    ap.add_argument("--init-from", type=Path, help="warm-start from this model dir")
    ap.add_argument("--force", action="store_true", help="retrain from scratch")
    ap.add_argument("--retag", action="store_true",
                    help="train the parser on tags predicted by this run's tagger")
    ap.add_argument("--average", type=int, default=0, metavar="N",
                    help="tagger: save every evaluation's weights and ship the mean"
                         " of the last N")
    ap.add_argument("--pos-dropout", default=",".join(POS_DROPOUT), metavar="D,W",
                    help="tagger dropout and word dropout")
    ap.add_argument("--dep-dropout", default=",".join(DEP_DROPOUT), metavar="D,W",
                    help="parser dropout and word dropout")
    ap.add_argument("--ner-dropout", default=",".join(NER_DROPOUT), metavar="D,W",
                    help="NER tagger dropout and word dropout")
    ap.add_argument("--tok-shape", default=",".join(TOK_SHAPE), metavar="H,D",
                    help="tokenizer hidden size and dropout")
    ap.add_argument("--ner-shape", default=",".join(NER_SHAPE), metavar="H,C",
                    help="NER tagger LSTM and character LSTM hidden sizes (160,80)")
    ap.add_argument("--gum-genres", default="", metavar="G1,G2",
                    help="append GUM train's documents of these open genres to EWT train")
    ap.add_argument("--vectors", type=Path, metavar="PRETRAIN.pt",
                    help="word vectors for the tagger, parser and NER (word_vectors)")
    ap.add_argument("--half", action="store_true",
                    help="store the tagger, parser and NER weights as float16")
    ap.add_argument("--news-ner", type=Path, metavar="FIXTURES",
                    help="add the team's news NER gold under FIXTURES/ner (ner_data)")
    ap.add_argument("--no-score", action="store_true")
    ap.add_argument("--seed", type=int, default=1234)
    a = ap.parse_args(argv)
    steps = {"tokenize": 3000, "mwt": 30, "pos": 6000, "depparse": 5000, "ner": 6000}
    for item in a.steps:
        key, _, value = item.partition("=")
        steps[key] = int(value)
    stages = tuple(s for s in a.stages.split(",") if s)
    unknown = set(stages) - set(STAGES)
    if unknown:
        ap.error(f"unknown stages {sorted(unknown)}; choose from {','.join(STAGES)}")
    lr = dict(item.partition("=")[::2] for item in a.lr)
    genres = tuple(g for g in a.gum_genres.split(",") if g)
    closed = sorted(set(genres) - OPEN_GENRES)
    if closed:
        ap.error(f"GUM genres {closed} may not train a shipped model; choose from "
                 f"{','.join(sorted(OPEN_GENRES))}")
    return Plan(a.ud_dir.resolve(), a.work_dir.resolve(), a.out.resolve(), stages,
                a.limit_sentences, steps, a.minutes, a.threads,
                a.init_from.resolve() if a.init_from else None, a.force, a.seed, lr,
                a.retag, a.average, _pair(ap, a.pos_dropout, "--pos-dropout"), a.half,
                _pair(ap, a.dep_dropout, "--dep-dropout"),
                _pair(ap, a.ner_dropout, "--ner-dropout"),
                a.vectors.resolve() if a.vectors else None,
                _pair(ap, a.tok_shape, "--tok-shape"), genres,
                a.news_ner.resolve() if a.news_ner else None,
                _pair(ap, a.ner_shape, "--ner-shape"))


def _pair(ap: argparse.ArgumentParser, text: str, flag: str) -> tuple[str, str]:
    parts = text.split(",")
    if len(parts) != 2 or not all(p.replace(".", "", 1).isdigit() for p in parts):
        ap.error(f"{flag} takes two numbers like 0.1,0.05, not {text!r}")
    return parts[0], parts[1]


def main(argv: Sequence[str] | None = None) -> dict[str, dict[str, float]]:
    """Run the plan; returns the dev/test scores it printed (empty with --no-score)."""
    plan = _parse_args(argv)
    random.seed(plan.seed)
    prepare_ud(plan)
    for stage in plan.stages:
        train_stage(plan, stage)
    install(plan)
    if "--no-score" in (argv or sys.argv):
        return {}
    scores = {split: score(plan, split) for split in ("dev", "test")}
    print(json.dumps(scores, indent=2))
    return scores


if __name__ == "__main__":
    main()
