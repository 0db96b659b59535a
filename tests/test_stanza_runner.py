"""The training runner hands every argument after MODULE to the module untouched."""

from __future__ import annotations

import runpy
import sys

import pytest

from quotetrack.models import stanza_runner


def test_module_keeps_its_own_seed(monkeypatch: pytest.MonkeyPatch) -> None:
    seen: list[list[str]] = []
    monkeypatch.setattr(runpy, "run_module", lambda *a, **k: seen.append(list(sys.argv)))
    monkeypatch.setattr(sys, "argv", list(sys.argv))
    stanza_runner.main(["--seed", "5", "some.module", "--seed", "9", "--lr", "1e-3"])
    assert seen == [["some.module", "--seed", "9", "--lr", "1e-3"]]


def test_warm_start_widens_input_weights_for_word_vectors() -> None:
    import torch

    old = {"lstm.weight_ih_l0": torch.tensor([[1.0, 2.0, 3.0]]),
           "drop_replacement": torch.tensor([1.0, 2.0, 3.0]),
           "out.weight": torch.ones(2, 3)}
    own = {"lstm.weight_ih_l0": torch.full((1, 5), 9.0),
           "drop_replacement": torch.full((5,), 7.0), "out.weight": torch.ones(2, 4)}
    got = stanza_runner.widened(old, own, (1, 2))
    assert got["lstm.weight_ih_l0"].tolist() == [[1.0, 0.0, 0.0, 2.0, 3.0]]
    assert got["drop_replacement"].tolist() == [1.0, 7.0, 7.0, 2.0, 3.0]
    assert "out.weight" not in got  # one column wider is no slot of width 2
    assert stanza_runner.widened(old, own, None) == {}
