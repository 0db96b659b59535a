"""The training command end to end on a few hundred sentences and a few steps."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from quotetrack.models.train import FILES, raw_text

UD = Path(__file__).resolve().parents[2] / "shared" / "ud"


def test_train_raw_text_from_conllu() -> None:
    conllu = ("# newpar\n# text = Hello there.\n1\tHello\n\n# text = Bye.\n1\tBye\n\n"
              "# newpar\n# text = New para.\n1\tNew\n")
    assert raw_text(conllu) == "Hello there. Bye. \nNew para.\n"


SLOW = pytest.mark.skipif(not os.environ.get("QUOTETRACK_SLOW_TESTS"),
                          reason="QUOTETRACK_SLOW_TESTS=1 trains all six stages and scores them")


@pytest.mark.skipif(not (UD / "UD_English-EWT").exists(), reason=f"no UD data at {UD}")
def test_train_command_small_stages(tmp_path: Path) -> None:
    """The fast sample: data preparation and a few steps of the quick stages (mwt,
    dictionary lemmatizer, NER) through the real command; ships what they trained."""
    out = tmp_path / "out"
    cmd = [sys.executable, "-m", "quotetrack.models.train", "--ud-dir", str(UD),
           "--work-dir", str(tmp_path / "work"), "--out", str(out), "--stages",
           "mwt,lemma,ner", "--limit-sentences", "100", "--steps", "mwt=1",
           "--steps", "ner=4", "--half", "--no-score"]
    proc = subprocess.run(cmd, capture_output=True, text=True, timeout=600)
    assert proc.returncode == 0, proc.stderr[-3000:]
    for stage in ("mwt", "lemma", "ner"):
        assert (out / FILES[stage]).stat().st_size > 1000
    assert "ner data: {'train': 100" in proc.stdout


@SLOW
@pytest.mark.skipif(not (UD / "UD_English-EWT").exists(), reason=f"no UD data at {UD}")
def test_train_command_end_to_end(tmp_path: Path) -> None:
    out = tmp_path / "out"
    cmd = [sys.executable, "-m", "quotetrack.models.train", "--ud-dir", str(UD),
           "--work-dir", str(tmp_path / "work"), "--out", str(out),
           "--limit-sentences", "200", "--steps", "tokenize=20", "--steps", "mwt=1",
           "--steps", "pos=4", "--steps", "depparse=4", "--steps", "ner=4", "--average", "2"]
    proc = subprocess.run(cmd, capture_output=True, text=True, timeout=900)
    assert proc.returncode == 0, proc.stderr[-3000:]
    for name in FILES.values():
        assert (out / name).stat().st_size > 1000
    assert "pos: averaged 2 snapshots" in proc.stdout
    scores = json.loads(proc.stdout[proc.stdout.rindex("{\n  \"dev\""):])
    for split in ("dev", "test"):
        assert 0.0 <= scores[split]["Tokens"] <= 1.0
        assert 0.0 <= scores[split]["LAS"] <= scores[split]["UAS"] <= 1.0
    # A second run resumes: finished stages are skipped, the parser resumes.
    again = subprocess.run(cmd + ["--stages", "mwt,lemma", "--no-score"],
                           capture_output=True, text=True, timeout=300)
    assert again.returncode == 0 and "exists, skipped" in again.stdout


def test_train_retag_tagger_falls_back_to_init_from(tmp_path: Path) -> None:
    from quotetrack.models import train

    shipped = tmp_path / "shipped"
    shipped.mkdir()
    (shipped / train.FILES["pos"]).write_bytes(b"x")
    plan = train._parse_args(["--work-dir", str(tmp_path / "w"), "--init-from", str(shipped),
                              "--retag", "--stages", "depparse"])
    assert train.retag_tagger(plan) == (shipped / train.FILES["pos"]).resolve()
    own = plan.model("pos")
    own.parent.mkdir(parents=True)
    own.write_bytes(b"y")
    assert train.retag_tagger(plan) == own


def test_train_averages_the_last_snapshots_in_step_order(tmp_path: Path) -> None:
    import torch

    from quotetrack.models import train

    plan = train._parse_args(["--work-dir", str(tmp_path), "--average", "2"])
    model = plan.model("pos")
    model.parent.mkdir(parents=True)
    for step in (0, 200, 400, 1000, 1200):
        torch.save({"model": {"w": torch.full((1,), float(step))}},
                   model.with_name(f"{model.stem}_{step:05d}.pt"))
    assert [p.name[-9:-3] for p in train.snapshots(plan, "pos")] == \
        ["_00200", "_00400", "_01000", "_01200"]
    train.average_last(plan, "pos")
    assert torch.load(model, weights_only=False)["model"]["w"].item() == 1100.0


@pytest.mark.parametrize("flag", ["--pos-dropout", "--dep-dropout", "--ner-dropout",
                                  "--tok-shape", "--ner-shape"])
@pytest.mark.parametrize("bad", ["0.3", "a,b", "0.3,0.1,0.2"])
def test_train_rejects_malformed_dropout(flag: str, bad: str) -> None:
    from quotetrack.models import train

    with pytest.raises(SystemExit) as exit_info:
        train._parse_args([flag, bad])
    assert exit_info.value.code == 2


def test_train_parser_dropout_reaches_stanza() -> None:
    from quotetrack.models import train

    plan = train._parse_args(["--dep-dropout", "0.15,0.05", "--stages", "depparse"])
    args = train._train_depparse(plan)
    assert args[args.index("--dropout") + 1] == "0.15"
    assert args[args.index("--word_dropout") + 1] == "0.05"


def test_train_ner_dropout_reaches_stanza() -> None:
    from quotetrack.models import train

    plan = train._parse_args(["--ner-dropout", "0.3,0.1", "--stages", "ner"])
    args = train._train_ner(plan)
    assert args[args.index("--dropout") + 1] == "0.3"
    assert args[args.index("--word_dropout") + 1] == "0.1"


def test_train_ner_shape_reaches_stanza_and_defaults_to_the_shipped_models() -> None:
    from quotetrack.models import train

    args = train._train_ner(train._parse_args(["--stages", "ner"]))
    assert (args[args.index("--hidden_dim") + 1], args[args.index("--char_hidden_dim") + 1]
            ) == ("160", "80")
    args = train._train_ner(train._parse_args(["--ner-shape", "128,64", "--stages", "ner"]))
    assert (args[args.index("--hidden_dim") + 1], args[args.index("--char_hidden_dim") + 1]
            ) == ("128", "64")


def test_train_tokenizer_shape_reaches_stanza() -> None:
    from quotetrack.models import train

    args = train._train_tokenize(train._parse_args(["--stages", "tokenize"]))
    assert args[args.index("--hidden_dim") + 1] == "64"  # the shipped tokenizer's
    assert args[args.index("--dropout") + 1] == "0.33"
    plan = train._parse_args(["--tok-shape", "128,0.15", "--stages", "tokenize"])
    args = train._train_tokenize(plan)
    assert args[args.index("--hidden_dim") + 1] == "128"
    assert args[args.index("--dropout") + 1] == "0.15"


def test_train_refuses_gum_genres_that_may_not_train_a_shipped_model() -> None:
    from quotetrack.models import train

    with pytest.raises(SystemExit) as exit_info:
        train._parse_args(["--gum-genres", "news,fiction"])
    assert exit_info.value.code == 2


@pytest.mark.skipif(not (UD / "UD_English-GUM").exists(), reason=f"no UD data at {UD}")
def test_train_gum_genres_follow_ewt_train_only(tmp_path: Path) -> None:
    from quotetrack.models import train

    plan = train._parse_args(["--ud-dir", str(UD), "--work-dir", str(tmp_path),
                              "--limit-sentences", "3", "--gum-genres", "news,voyage"])
    train.prepare_ud(plan)
    folder = tmp_path / "ud" / train.TREEBANK
    trained = (folder / "en_ewt-ud-train.conllu").read_text("utf-8")
    genres = {line.split("= ", 1)[1] for line in trained.splitlines()
              if line.startswith("# meta::genre = ")}
    assert genres == {"news", "voyage"}
    assert trained.count("# sent_id") > 3  # EWT's three, then the GUM documents
    assert "# meta::genre" not in (folder / "en_ewt-ud-dev.conllu").read_text("utf-8")


@pytest.mark.parametrize("stage", ["pos", "depparse", "ner"])
def test_train_word_vectors_reach_stanza(stage: str, tmp_path: Path) -> None:
    from quotetrack.models import train

    trainer = {"pos": train._train_pos, "depparse": train._train_depparse,
               "ner": train._train_ner}[stage]
    plain = trainer(train._parse_args(["--stages", stage]))
    assert "--no_pretrain" in plain and "--wordvec_pretrain_file" not in plain
    vectors = tmp_path / "v.pt"
    args = trainer(train._parse_args(["--stages", stage, "--vectors", str(vectors)]))
    assert args[args.index("--wordvec_pretrain_file") + 1] == str(vectors.resolve())
    assert "--no_pretrain" not in args
