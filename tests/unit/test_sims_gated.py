"""LSTM and GRU BPTT against central finite differences and the gate identities.

The reference forward passes are written from the equations (PyTorch's gate order),
independently of the engine; `bump` perturbs a state node right after it is computed.
"""

from __future__ import annotations

import numpy as np
import pytest
from finite_differences import central_difference, relative_error

from tutor.evidence.sims.gru import GRUWeights, gru_bptt
from tutor.evidence.sims.lstm import LSTMWeights, lstm_bptt

TOLERANCE = 1e-6


def sigmoid(a):
    return 1.0 / (1.0 + np.exp(-a))


def lstm_loss(W_x, W_h, b, x, g, *, bump_h=None, bump_c=None):
    """L = Σ_b g·h_T; bump_h/bump_c = (t, delta) added to the node h_t / c_t."""
    steps, batch, _ = x.shape
    n = W_h.shape[1]
    h, c = np.zeros((batch, n)), np.zeros((batch, n))
    for t in range(0, steps + 1):
        if t > 0:
            z = x[t - 1] @ W_x.T + h @ W_h.T + b
            i, f, o = sigmoid(z[:, :n]), sigmoid(z[:, n : 2 * n]), sigmoid(z[:, 3 * n :])
            gg = np.tanh(z[:, 2 * n : 3 * n])
            c = f * c + i * gg
        if bump_c is not None and bump_c[0] == t:
            c = c + bump_c[1]
        if t > 0:
            h = o * np.tanh(c)
        if bump_h is not None and bump_h[0] == t:
            h = h + bump_h[1]
    return float(np.sum(h @ g))


def gru_loss(W_x, b_x, W_h, b_h, x, g, *, bump_h=None):
    steps, batch, _ = x.shape
    n = W_h.shape[1]
    h = np.zeros((batch, n))
    for t in range(0, steps + 1):
        if t > 0:
            xi, hh = x[t - 1] @ W_x.T + b_x, h @ W_h.T + b_h
            r = sigmoid(xi[:, :n] + hh[:, :n])
            z = sigmoid(xi[:, n : 2 * n] + hh[:, n : 2 * n])
            cand = np.tanh(xi[:, 2 * n :] + r * hh[:, 2 * n :])
            h = (1 - z) * h + z * cand
        if bump_h is not None and bump_h[0] == t:
            h = h + bump_h[1]
    return float(np.sum(h @ g))




def lstm_problem(seed=0, steps=5, batch=2, n=3, features=2):
    rng = np.random.default_rng(seed)
    W_x = rng.standard_normal((4 * n, features))
    W_h = rng.standard_normal((4 * n, n))
    b = rng.standard_normal(4 * n)
    b[n : 2 * n] += 1.5
    return W_x, W_h, b, rng.standard_normal((steps, batch, features)), rng.standard_normal(n)


def gru_problem(seed=0, steps=5, batch=2, n=3, features=2):
    rng = np.random.default_rng(seed)
    return (
        rng.standard_normal((3 * n, features)),
        rng.standard_normal(3 * n),
        rng.standard_normal((3 * n, n)),
        rng.standard_normal(3 * n),
        rng.standard_normal((steps, batch, features)),
        rng.standard_normal(n),
    )


def test_lstm_state_gradients_match_finite_differences():
    W_x, W_h, b, x, g = lstm_problem()
    trace = lstm_bptt(LSTMWeights(W_x, W_h, b), x, g)
    shape = (x.shape[1], W_h.shape[1])
    for t in (0, 2, x.shape[0]):
        numeric_h = central_difference(lambda d, t=t: lstm_loss(W_x, W_h, b, x, g, bump_h=(t, d)), shape)
        numeric_c = central_difference(lambda d, t=t: lstm_loss(W_x, W_h, b, x, g, bump_c=(t, d)), shape)
        assert relative_error(numeric_h, trace.grad_hidden[t]) < TOLERANCE
        assert relative_error(numeric_c, trace.grad_cell[t]) < TOLERANCE
        assert np.allclose(trace.cell_grad_norms[t], np.linalg.norm(numeric_c, axis=1), rtol=1e-6)


def test_lstm_weight_gradients_match_finite_differences():
    W_x, W_h, b, x, g = lstm_problem(seed=1)
    trace = lstm_bptt(LSTMWeights(W_x, W_h, b), x, g)
    checks = {
        "W_h": (trace.grad_W_h, lambda d: lstm_loss(W_x, W_h + d, b, x, g), W_h.shape),
        "W_x": (trace.grad_W_x, lambda d: lstm_loss(W_x + d, W_h, b, x, g), W_x.shape),
        "b": (trace.grad_b, lambda d: lstm_loss(W_x, W_h, b + d, x, g), b.shape),
    }
    for name, (exact, loss_of, shape) in checks.items():
        assert relative_error(central_difference(loss_of, shape), exact) < TOLERANCE, name


def test_gru_gradients_match_finite_differences():
    W_x, b_x, W_h, b_h, x, g = gru_problem()
    trace = gru_bptt(GRUWeights(W_x, b_x, W_h, b_h), x, g)
    shape = (x.shape[1], W_h.shape[1])
    for t in (0, 2, x.shape[0]):
        numeric = central_difference(lambda d, t=t: gru_loss(W_x, b_x, W_h, b_h, x, g, bump_h=(t, d)), shape)
        assert relative_error(numeric, trace.grad_hidden[t]) < TOLERANCE
    checks = {
        "W_h": (trace.grad_W_h, lambda d: gru_loss(W_x, b_x, W_h + d, b_h, x, g), W_h.shape),
        "b_h": (trace.grad_b_h, lambda d: gru_loss(W_x, b_x, W_h, b_h + d, x, g), b_h.shape),
        "W_x": (trace.grad_W_x, lambda d: gru_loss(W_x + d, b_x, W_h, b_h, x, g), W_x.shape),
        "b_x": (trace.grad_b_x, lambda d: gru_loss(W_x, b_x + d, W_h, b_h, x, g), b_x.shape),
    }
    for name, (exact, loss_of, shape) in checks.items():
        assert relative_error(central_difference(loss_of, shape), exact) < TOLERANCE, name


def test_lstm_cell_gradient_scales_exactly_by_the_forget_gate_without_recurrence():
    W_x, _, b, x, g = lstm_problem(seed=2, steps=30, batch=3, n=4)
    trace = lstm_bptt(LSTMWeights(W_x, np.zeros((16, 4)), b), x, g)
    forget = trace.forget_gates
    for t in range(30, 0, -1):
        assert np.array_equal(trace.grad_cell[t - 1], trace.grad_cell[t] * forget[t - 1])
    assert np.all(trace.grad_hidden[:-1] == 0.0)


def test_gru_hidden_gradient_scales_exactly_by_one_minus_the_update_gate_without_recurrence():
    W_x, b_x, _, _, x, g = gru_problem(seed=3, steps=20, n=4)
    trace = gru_bptt(GRUWeights(W_x, b_x, np.zeros((12, 4)), np.zeros(12)), x, g)
    for t in range(20, 0, -1):
        assert np.array_equal(trace.grad_hidden[t - 1], trace.grad_hidden[t] * (1.0 - trace.update_gates[t - 1]))


@pytest.mark.parametrize("model", ["lstm", "gru"])
def test_saturated_gates_do_not_raise(model):
    rng = np.random.default_rng(4)
    x = 1e3 * rng.standard_normal((50, 2, 3))
    with np.errstate(all="raise"):
        if model == "lstm":
            weights = LSTMWeights(rng.standard_normal((8, 3)), 50 * rng.standard_normal((8, 2)), np.zeros(8))
            trace = lstm_bptt(weights, x, np.ones(2))
            assert np.all(np.isfinite(trace.cell_grad_norms))
        else:
            weights = GRUWeights(rng.standard_normal((6, 3)), np.zeros(6), 50 * rng.standard_normal((6, 2)), np.zeros(6))
            trace = gru_bptt(weights, x, np.ones(2))
        assert np.all(np.isfinite(trace.hidden_grad_norms))
