"""Run one Stanza training module in this process, with project-side options.

Usage: ``python -m quotetrack.models.stanza_runner [--threads N] [--fast-lstm]
[--init-from MODEL.pt] [--seed N] MODULE [ARGS...]``.  ``--init-from`` warm-starts a tagger
or parser built from scratch with the weights of an earlier model of the same
shape (the vocabularies come from the same treebank, so they line up); it is how
a stopped tagger run resumes, since Stanza's tagger keeps no optimizer checkpoint.
"""

from __future__ import annotations

import argparse
import runpy
import sys
from typing import Any


def _warm_start(trainer_cls: Any, path: str) -> None:
    import torch

    original = trainer_cls.__init__

    def init(self: Any, *args: Any, **kwargs: Any) -> None:
        original(self, *args, **kwargs)
        if kwargs.get("model_file") or kwargs.get("model") is not None:
            return  # loading a finished model, not building one to train
        saved = torch.load(path, map_location="cpu", weights_only=False)["model"]
        own = self.model.state_dict()
        # Same treebank, same vocabularies: every tensor lines up.  On other data
        # (a truncated test run) only the tensors whose shapes agree are taken.
        fits = {k: v for k, v in saved.items() if k in own and own[k].shape == v.shape}
        self.model.load_state_dict(fits, strict=False)
        print(f"warm start from {path}: {len(fits)} of {len(own)} tensors", flush=True)

    trainer_cls.__init__ = init


def main(argv: list[str] | None = None) -> None:
    """Parse runner options, patch Stanza, then run MODULE as ``__main__``."""
    ap = argparse.ArgumentParser(prog="stanza_runner")
    ap.add_argument("--threads", type=int, default=1)
    ap.add_argument("--fast-lstm", action="store_true")
    ap.add_argument("--init-from")
    ap.add_argument("--seed", type=int)
    ap.add_argument("module")
    # Everything after MODULE is the module's own (its --seed is not ours).
    ap.add_argument("rest", nargs=argparse.REMAINDER)
    opts = ap.parse_args(argv)
    rest = opts.rest
    import random

    import torch

    torch.set_num_threads(opts.threads)
    if opts.seed is not None:
        random.seed(opts.seed)
    if opts.fast_lstm:
        from quotetrack.models.fast_lstm import install

        install()
    if opts.init_from:
        from stanza.models.depparse import trainer as dep
        from stanza.models.pos import trainer as pos

        for cls in (pos.Trainer, dep.Trainer):
            _warm_start(cls, opts.init_from)
    sys.argv = [opts.module, *rest]
    runpy.run_module(opts.module, run_name="__main__", alter_sys=True)


if __name__ == "__main__":
    main()
