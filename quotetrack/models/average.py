"""Average the weights of several checkpoints of one Stanza training run.

``python -m quotetrack.models.average OUT.pt IN.pt [IN.pt ...]`` writes a model whose
floating-point tensors are the mean of the inputs' (stochastic weight averaging over
the snapshots a run saved with ``--save_each``).  Vocabulary and configuration come
from the last input.  All inputs must come from the same run or the same starting
weights, so that their tensors have the same names and shapes; otherwise it exits 2.
"""

from __future__ import annotations

import argparse
from collections.abc import Sequence
from pathlib import Path
from typing import Any


class Mismatch(ValueError):
    """The checkpoints do not share one architecture."""


def average_state(states: Sequence[dict[str, Any]]) -> dict[str, Any]:
    """Tensor-wise mean of ``states``; non-float tensors are taken from the last one.

    Raises :class:`Mismatch` when the states differ in tensor names or shapes.
    """
    if not states:
        raise Mismatch("nothing to average")
    last = states[-1]
    if any(set(s) != set(last) for s in states):
        raise Mismatch("checkpoints hold different tensors")
    out: dict[str, Any] = {}
    for name, tensor in last.items():
        group = [s[name] for s in states]
        if any(t.shape != tensor.shape for t in group):
            raise Mismatch(f"tensor {name!r} differs between checkpoints")
        out[name] = sum(group) / len(group) \
            if tensor.is_floating_point() else tensor
    return out


def average_files(inputs: Sequence[Path], output: Path) -> None:
    """Write to ``output`` the checkpoint of ``inputs[-1]`` with averaged weights."""
    import torch

    saved = [torch.load(p, map_location="cpu", weights_only=False) for p in inputs]
    merged: dict[str, Any] = dict(saved[-1])
    merged["model"] = average_state([s["model"] for s in saved])
    output.parent.mkdir(parents=True, exist_ok=True)
    torch.save(merged, output)


def main(argv: Sequence[str] | None = None) -> None:
    """Command line: ``OUT IN [IN ...]``."""
    ap = argparse.ArgumentParser(prog="python -m quotetrack.models.average",
                                 description=__doc__.split("\n\n")[0])
    ap.add_argument("output", type=Path)
    ap.add_argument("inputs", type=Path, nargs="+")
    a = ap.parse_args(argv)
    try:
        average_files(a.inputs, a.output)
    except Mismatch as err:
        ap.exit(2, f"cannot average: {err}\n")
    print(f"averaged {len(a.inputs)} checkpoints into {a.output}")


if __name__ == "__main__":
    main()
