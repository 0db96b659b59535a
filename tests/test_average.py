"""Checkpoint averaging: mean of float tensors, refusal on mismatched shapes."""

from __future__ import annotations

from pathlib import Path

import pytest
import torch

from quotetrack.models.average import Mismatch, average_files, average_state, main


def test_average_state_means_floats_and_keeps_last_integers() -> None:
    a = {"w": torch.tensor([1.0, 3.0]), "n": torch.tensor([1])}
    b = {"w": torch.tensor([3.0, 5.0]), "n": torch.tensor([7])}
    out = average_state([a, b])
    assert torch.equal(out["w"], torch.tensor([2.0, 4.0]))
    assert torch.equal(out["n"], torch.tensor([7]))
    assert torch.equal(a["w"], torch.tensor([1.0, 3.0]))  # inputs untouched


@pytest.mark.parametrize("other", [{"w": torch.zeros(3)}, {"v": torch.zeros(2)},
                                   {"w": torch.zeros(2), "extra": torch.zeros(1)}])
def test_average_state_refuses_different_architectures(other: dict[str, torch.Tensor]) -> None:
    with pytest.raises(Mismatch):
        average_state([other, {"w": torch.zeros(2)}])


def test_average_files_keeps_vocab_and_config_of_the_last(tmp_path: Path) -> None:
    paths = []
    for i, value in enumerate((0.0, 2.0, 4.0)):
        path = tmp_path / f"m{i}.pt"
        torch.save({"model": {"w": torch.full((2,), value)}, "config": {"step": i}}, path)
        paths.append(path)
    average_files(paths, tmp_path / "avg" / "m.pt")
    saved = torch.load(tmp_path / "avg" / "m.pt", weights_only=False)
    assert torch.equal(saved["model"]["w"], torch.full((2,), 2.0))
    assert saved["config"] == {"step": 2}


def test_average_cli_exits_2_on_mismatch(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    torch.save({"model": {"w": torch.zeros(2)}}, tmp_path / "a.pt")
    torch.save({"model": {"w": torch.zeros(3)}}, tmp_path / "b.pt")
    with pytest.raises(SystemExit) as exit_info:
        main([str(tmp_path / "out.pt"), str(tmp_path / "a.pt"), str(tmp_path / "b.pt")])
    assert exit_info.value.code == 2
    assert "differs" in capsys.readouterr().err
    assert not (tmp_path / "out.pt").exists()
