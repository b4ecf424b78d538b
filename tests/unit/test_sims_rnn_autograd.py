"""The engine's BPTT against PyTorch's autograd, in float64 (skipped without torch).

PyTorch is not a dependency; `pip install torch==2.13.0` (the benchmark's baseline) runs
this. The problem spans several of the backward pass's chunks and input groups (T = 21),
a batch cut into blocks on two threads and into sub-blocks stepping in lockstep, and the
lean path (keep=False) the benchmark times, so every code path of the engine meets an
independent reference.
"""

from __future__ import annotations

import numpy as np
import pytest

from tutor.evidence.sims import rnn
from tutor.evidence.sims.rnn import rnn_bptt

torch = pytest.importorskip("torch")

STEPS, BATCH, SIZE, FEATURES = 21, 40, 6, 3
SCALES = {"tanh": 1.3, "sigmoid": 4.5, "relu": 1.4, "linear": 0.9}


def problem(activation):
    rng = np.random.default_rng(7)
    W_hh = SCALES[activation] * rng.standard_normal((SIZE, SIZE)) / np.sqrt(SIZE)
    W_xh = rng.standard_normal((SIZE, FEATURES)) / np.sqrt(FEATURES)
    b = 0.3 * rng.standard_normal(SIZE)
    x = rng.standard_normal((STEPS, BATCH, FEATURES))
    h0 = 0.5 * rng.standard_normal(SIZE)
    g = rng.standard_normal(SIZE)
    return W_hh, W_xh, b, x, h0, g


def autograd(W_hh, W_xh, b, x, h0, g, activation):
    """∂L/∂h_t for t = 0..T and the weight gradients of L = Σ_b g·h_T, by torch."""
    phi = {"tanh": torch.tanh, "sigmoid": torch.sigmoid, "relu": torch.relu, "linear": lambda a: a}[activation]
    weights = [torch.tensor(w, requires_grad=True) for w in (W_hh, W_xh, b)]
    recurrent, inputs, bias = weights
    h = torch.tensor(np.broadcast_to(h0, (BATCH, SIZE)).copy(), requires_grad=True)
    states = [h]
    for step in torch.tensor(x).unbind(0):
        h = phi(h @ recurrent.T + step @ inputs.T + bias)
        h.retain_grad()
        states.append(h)
    (h @ torch.tensor(g)).sum().backward()
    grad_hidden = torch.stack([state.grad for state in states]).numpy()
    return grad_hidden, *(w.grad.numpy() for w in weights)


def close(engine, reference, axis=None):
    """‖engine − reference‖ ≤ 1e-9 ‖reference‖: along `axis` (per vector), or as a whole."""
    error = np.linalg.norm(engine - reference, axis=axis)
    return bool(np.all(error <= 1e-9 * np.linalg.norm(reference, axis=axis)))


@pytest.mark.parametrize("activation", ["tanh", "sigmoid", "relu", "linear"])
@pytest.mark.parametrize("sub_rows", [None, 8])
def test_gradients_agree_with_autograd(activation, sub_rows, monkeypatch):
    if sub_rows is not None:  # the batch (or each thread's block) steps as sub-blocks of 8 rows
        monkeypatch.setattr(rnn, "SUB_ROWS", sub_rows)
    args = problem(activation)
    grad_hidden, grad_W_hh, grad_W_xh, grad_b = autograd(*args, activation)
    kept = rnn_bptt(*args, activation)
    lean = rnn_bptt(*args, activation, threads=2, keep=False)
    norms = np.linalg.norm(grad_hidden, axis=-1)
    assert np.all(norms > 0)  # the gradient reaches h_0 in every sequence: every step counts
    assert close(kept.grad_hidden, grad_hidden, axis=-1)  # each ∂L/∂h_t to 1e-9 of its length
    for trace in (kept, lean):
        np.testing.assert_allclose(trace.grad_norms, norms, rtol=1e-9, atol=0)
        assert close(trace.grad_W_hh, grad_W_hh)
        assert close(trace.grad_W_xh, grad_W_xh)
        assert close(trace.grad_b, grad_b)
