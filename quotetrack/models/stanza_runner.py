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
        fits |= widened(saved, own, _vector_slot(self))
        self.model.load_state_dict(fits, strict=False)
        print(f"warm start from {path}: {len(fits)} of {len(own)} tensors", flush=True)

    trainer_cls.__init__ = init


def _vector_slot(trainer: Any) -> tuple[int, int] | None:
    """Where a model with word vectors has their input columns (start, width) that a
    model without them lacks: after the word embedding in the tagger, first in the
    parser; None without vectors."""
    args = trainer.model.args
    if not args.get("pretrain"):
        return None
    start = args["word_emb_dim"] if type(trainer).__module__.startswith(
        "stanza.models.pos") else 0
    return start, args["transformed_dim"]


def widened(saved: dict[str, Any], own: dict[str, Any],
            slot: tuple[int, int] | None) -> dict[str, Any]:
    """Saved input weights of a model without word vectors, widened to take them.

    A tensor whose last dimension is ``width`` short of the new one's (the first
    layer's input weights, the word-dropout replacement) gets zero columns at the
    slot (the replacement vector its new values), so the warm-started model
    computes what the old one did until training gives the vectors weight."""
    if slot is None:
        return {}
    start, width = slot
    out: dict[str, Any] = {}
    for key, old in saved.items():
        new = own.get(key)
        if new is None or new.dim() != old.dim() or new.shape[:-1] != old.shape[:-1] \
                or new.shape[-1] != old.shape[-1] + width:
            continue
        grown = new.clone() if new.dim() == 1 else new.new_zeros(new.shape)
        grown[..., :start] = old[..., :start]
        grown[..., start + width:] = old[..., start:]
        out[key] = grown
    return out


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
