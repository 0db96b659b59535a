"""The training-time LSTM speed-up computes what Stanza's packed LSTM computes."""

from __future__ import annotations

import torch
from stanza.models.common.packed_lstm import PackedLSTM

from quotetrack.models import fast_lstm


def test_fast_lstm_matches_packed_lstm_forward_and_backward() -> None:
    torch.manual_seed(0)
    lstm = PackedLSTM(8, 6, 2, batch_first=True, bidirectional=True, pad=True)
    lstm.train()
    x = torch.randn(4, 7, 8, requires_grad=True)
    lengths = [7, 5, 3, 2]
    fast_lstm.install()  # only training mode with gradients takes the padded path
    fast, (h_fast, _) = lstm(x, lengths)
    fast.sum().backward()
    grad_fast = x.grad.clone()
    x.grad = None
    with torch.no_grad():  # eval path: the original implementation
        lstm.eval()
        ref, (h_ref, _) = lstm(x, lengths)
    lstm.train()
    mask = torch.arange(7).unsqueeze(0) < torch.tensor(lengths).unsqueeze(1)
    assert torch.allclose(fast[mask], ref[mask], atol=1e-5)
    assert torch.allclose(h_fast, h_ref, atol=1e-5)
    orig = fast_lstm._ORIGINAL
    slow, _ = orig(lstm, x, lengths)
    slow.sum().backward()
    assert torch.allclose(grad_fast, x.grad, atol=1e-5)
