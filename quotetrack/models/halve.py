"""Store a Stanza model's float32 weights as float16, halving the file.

``python -m quotetrack.models.halve IN.pt OUT.pt``.  Stanza's loaders copy saved
tensors into freshly built float32 modules (``load_state_dict``), so a halved file
loads and runs unchanged; only the stored precision drops (about three decimal
digits, far below what changes a tag or an arc: measure with ``scoring``).
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any


def halve(obj: Any) -> Any:
    """``obj`` with every float32 tensor inside (dicts, lists, tuples) as float16."""
    import torch

    if isinstance(obj, torch.Tensor):
        return obj.half() if obj.dtype == torch.float32 else obj
    if isinstance(obj, dict):
        return {k: halve(v) for k, v in obj.items()}
    if isinstance(obj, (list, tuple)):
        return type(obj)(halve(v) for v in obj)
    return obj


def halve_file(src: Path, dest: Path) -> tuple[int, int]:
    """Write the halved copy of ``src`` to ``dest``; returns both sizes in bytes."""
    import torch

    state = torch.load(src, map_location="cpu", weights_only=False)
    for key in ("model", "optimizer"):
        if key == "optimizer":
            state.pop(key, None)  # a shipped model never resumes training
        elif key in state:
            state[key] = halve(state[key])
    torch.save(state, dest)
    return src.stat().st_size, dest.stat().st_size


if __name__ == "__main__":
    before, after = halve_file(Path(sys.argv[1]), Path(sys.argv[2]))
    print(f"{sys.argv[1]}: {before / 1e6:.1f} MB -> {sys.argv[2]}: {after / 1e6:.1f} MB")
