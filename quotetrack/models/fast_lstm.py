"""Training-time speed-up for Stanza's ``PackedLSTM`` on CPU.

PyTorch differentiates an ``nn.LSTM`` over a ``PackedSequence`` one time step at a
time on CPU, so backward costs O(max_len x tokens).  During training only, this
module runs the same ``nn.LSTM`` parameters on padded tensors with the fused
kernel.  The backward direction reads each sequence reversed *within its own
length*, so outputs at real positions equal the packed computation.  Parameters
and saved files are untouched: inference uses unmodified Stanza.

Contract: ``h_n`` is exact; ``c_n`` is exact only for full-length sequences (the
tagger, parser and char model discard final cell states).
"""

from __future__ import annotations

from typing import Any

import torch
from torch import nn
from torch.nn import functional as F
from torch.nn.utils.rnn import PackedSequence, pack_padded_sequence, pad_packed_sequence

_ORIGINAL: Any = None


def _flip_index(lengths: torch.Tensor, steps: int) -> torch.Tensor:
    """Index that reverses each row within its length and leaves padding in place."""
    pos = torch.arange(steps).unsqueeze(0)
    last = lengths.unsqueeze(1) - 1
    return torch.where(pos <= last, last - pos, pos)


def _take(x: torch.Tensor, index: torch.Tensor) -> torch.Tensor:
    return torch.gather(x, 1, index.unsqueeze(2).expand_as(x))


def _run_direction(
    lstm: nn.LSTM, k: int, x: torch.Tensor, state: tuple[torch.Tensor, torch.Tensor]
) -> tuple[torch.Tensor, torch.Tensor]:
    weights = [getattr(lstm, name) for name in lstm._all_weights[k]]
    out, _, cell = torch._VF.lstm(
        x, state, weights, lstm.bias, 1, 0.0, True, False, True
    )
    return out, cell


def _padded_forward(
    lstm: nn.LSTM, x: torch.Tensor, lengths: torch.Tensor, hx: Any
) -> tuple[torch.Tensor, torch.Tensor, torch.Tensor]:
    batch, steps, _ = x.shape
    dirs = 2 if lstm.bidirectional else 1
    shape = (lstm.num_layers * dirs, batch, lstm.hidden_size)
    h0, c0 = hx if hx is not None else (x.new_zeros(shape), x.new_zeros(shape))
    flip = _flip_index(lengths, steps)
    rows = torch.arange(batch)
    finals_h: list[torch.Tensor] = []
    finals_c: list[torch.Tensor] = []
    layer = x
    for depth in range(lstm.num_layers):
        if depth and lstm.dropout:
            layer = F.dropout(layer, lstm.dropout, training=True)
        outs = []
        for d in range(dirs):
            k = depth * dirs + d
            inp = _take(layer, flip) if d else layer
            state = (h0[k : k + 1].contiguous(), c0[k : k + 1].contiguous())
            out, cell = _run_direction(lstm, k, inp, state)
            finals_h.append(out[rows, lengths - 1].unsqueeze(0))
            finals_c.append(cell)
            outs.append(_take(out, flip) if d else out)
        layer = torch.cat(outs, 2)
    return layer, torch.cat(finals_h), torch.cat(finals_c)


def _forward(self: Any, input: Any, lengths: Any, hx: Any = None) -> Any:
    lstm = self.lstm
    if not (isinstance(lstm, nn.LSTM) and self.training and torch.is_grad_enabled()):
        return _ORIGINAL(self, input, lengths, hx)
    if not isinstance(input, PackedSequence):
        input = pack_padded_sequence(input, lengths, batch_first=self.batch_first)
    order, restore = input.sorted_indices, input.unsorted_indices
    x, lens = pad_packed_sequence(PackedSequence(input.data, input.batch_sizes), True)
    if hx is not None and order is not None:
        hx = (hx[0].index_select(1, order), hx[1].index_select(1, order))
    out, h_n, c_n = _padded_forward(lstm, x, lens, hx)
    packed = pack_padded_sequence(out, lens, batch_first=True)
    result = PackedSequence(packed.data, packed.batch_sizes, order, restore)
    if restore is not None:
        h_n, c_n = h_n.index_select(1, restore), c_n.index_select(1, restore)
    if self.pad:
        return pad_packed_sequence(result, batch_first=self.batch_first)[0], (h_n, c_n)
    return result, (h_n, c_n)


def install() -> None:
    """Swap ``PackedLSTM.forward`` for the padded training path (idempotent)."""
    global _ORIGINAL
    from stanza.models.common import packed_lstm

    if _ORIGINAL is None:
        _ORIGINAL = packed_lstm.PackedLSTM.forward
        packed_lstm.PackedLSTM.forward = _forward
