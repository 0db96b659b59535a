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
