"""The training command end to end on a few hundred sentences and a few steps."""

from __future__ import annotations

import json
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


@pytest.mark.skipif(not (UD / "UD_English-EWT").exists(), reason=f"no UD data at {UD}")
def test_train_command_end_to_end(tmp_path: Path) -> None:
    out = tmp_path / "out"
    cmd = [sys.executable, "-m", "quotetrack.models.train", "--ud-dir", str(UD),
           "--work-dir", str(tmp_path / "work"), "--out", str(out),
           "--limit-sentences", "200", "--steps", "tokenize=20", "--steps", "mwt=1",
           "--steps", "pos=4", "--steps", "depparse=4"]
    proc = subprocess.run(cmd, capture_output=True, text=True, timeout=900)
    assert proc.returncode == 0, proc.stderr[-3000:]
    for name in FILES.values():
        assert (out / name).stat().st_size > 1000
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
