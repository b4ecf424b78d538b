"""The vanilla RNN's BPTT against central finite differences and the known identities.

The reference forward pass here is written from the equation, independently of the
engine: h_t = φ(W_hh h_{t-1} + W_xh x_t + b), L = Σ_b g·h_T^(b).
"""

from __future__ import annotations

import numpy as np
import pytest
from finite_differences import central_difference, relative_error

from tutor.evidence.sims import rnn
from tutor.evidence.sims.activations import GAMMA, derivative_from_output
from tutor.evidence.sims.inits import orthogonal, recurrent_matrix, sigma_max, spectral_radius
from tutor.evidence.sims.jacobian import jacobian_log_norms
from tutor.evidence.sims.numerics import vector_norms
from tutor.evidence.sims.rnn import rnn_bptt, sequence_weight_grads

TOLERANCE = 1e-6
PHI = {
    "tanh": np.tanh,
    "sigmoid": lambda a: 1.0 / (1.0 + np.exp(-a)),
    "relu": lambda a: np.maximum(a, 0.0),
    "linear": lambda a: a,
}
# recurrent scales that keep every gradient of order one over a few steps
SCALES = {"tanh": 1.3, "sigmoid": 4.5, "relu": 1.4, "linear": 1.0}


def reference_loss(W_hh, W_xh, b, x, h0, g, activation, *, bump_step=None, bump=None):
    """L = Σ_b g·h_T, with `bump` added to the states h_{bump_step} after they are computed."""
    steps, batch, _ = x.shape
    h = np.broadcast_to(h0, (batch, len(b))).astype(float)
    if bump_step == 0:
        h = h + bump
    for t in range(1, steps + 1):
        h = PHI[activation](h @ W_hh.T + x[t - 1] @ W_xh.T + b)
        if bump_step == t:
            h = h + bump
    return float(np.sum(h @ g))




def small_problem(activation, seed=0, steps=6, batch=2, size=4, features=3):
    rng = np.random.default_rng(seed)
    W_hh = recurrent_matrix(rng, size, "spectral", SCALES[activation])
    W_xh = rng.standard_normal((size, features)) / np.sqrt(features)
    b = 0.3 * rng.standard_normal(size)
    x = rng.standard_normal((steps, batch, features))
    h0 = 0.5 * rng.standard_normal(size)
    g = rng.standard_normal(size)
    return W_hh, W_xh, b, x, h0, g


@pytest.mark.parametrize("activation", ["tanh", "sigmoid", "relu", "linear"])
def test_hidden_gradients_match_finite_differences(activation):
    W_hh, W_xh, b, x, h0, g = small_problem(activation)
    trace = rnn_bptt(W_hh, W_xh, b, x, h0, g, activation)
    steps, batch, size = x.shape[0], x.shape[1], len(b)
    for t in (0, 2, steps):
        numeric = central_difference(
            lambda d, t=t: reference_loss(W_hh, W_xh, b, x, h0, g, activation, bump_step=t, bump=d),
            (batch, size),
        )
        assert relative_error(numeric, trace.grad_hidden[t]) < TOLERANCE
        assert np.allclose(trace.grad_norms[t], np.linalg.norm(numeric, axis=1), rtol=1e-6)


@pytest.mark.parametrize("activation", ["tanh", "sigmoid", "relu", "linear"])
def test_weight_and_input_gradients_match_finite_differences(activation):
    W_hh, W_xh, b, x, h0, g = small_problem(activation, seed=1)
    trace = rnn_bptt(W_hh, W_xh, b, x, h0, g, activation)
    checks = {
        "W_hh": (trace.grad_W_hh, lambda d: reference_loss(W_hh + d, W_xh, b, x, h0, g, activation), W_hh.shape),
        "W_xh": (trace.grad_W_xh, lambda d: reference_loss(W_hh, W_xh + d, b, x, h0, g, activation), W_xh.shape),
        "b": (trace.grad_b, lambda d: reference_loss(W_hh, W_xh, b + d, x, h0, g, activation), b.shape),
        "x": (trace.grad_pre @ W_xh, lambda d: reference_loss(W_hh, W_xh, b, x + d, h0, g, activation), x.shape),
    }
    for name, (exact, loss_of, shape) in checks.items():
        assert relative_error(central_difference(loss_of, shape), exact) < TOLERANCE, name


def test_sweep_and_batch_agree_with_single_runs():
    W_hh, W_xh, b, x, h0, g = small_problem("tanh", steps=8, batch=3)
    stack = np.stack([0.5 * W_hh, W_hh, 2.0 * W_hh])
    swept = rnn_bptt(stack, W_xh, b, x, h0, g, "tanh")
    for index in range(3):
        alone = rnn_bptt(stack[index], W_xh, b, x, h0, g, "tanh")
        assert np.allclose(swept.grad_hidden[index], alone.grad_hidden, rtol=1e-12, atol=0)
        assert np.allclose(swept.grad_W_hh[index], alone.grad_W_hh, rtol=1e-12, atol=1e-300)
    first = rnn_bptt(W_hh, W_xh, b, x[:, :1], h0, g, "tanh")
    batched = rnn_bptt(W_hh, W_xh, b, x, h0, g, "tanh")
    assert np.allclose(first.grad_hidden[:, 0], batched.grad_hidden[:, 0], rtol=1e-12)
    single = sequence_weight_grads(batched, x, index=0)
    assert np.allclose(single[0], first.grad_W_hh, rtol=1e-12)
    assert np.allclose(single[1], first.grad_W_xh, rtol=1e-12)


def test_linear_orthogonal_preserves_the_gradient_norm_exactly():
    rng = np.random.default_rng(3)
    size, steps = 16, 200
    W_hh = orthogonal(rng, size)
    g = rng.standard_normal(size)
    g /= np.linalg.norm(g)
    x = rng.standard_normal((steps, 2, 3))
    trace = rnn_bptt(W_hh, rng.standard_normal((size, 3)), np.zeros(size), x, np.zeros(size), g, "linear")
    assert np.max(np.abs(trace.grad_norms - 1.0)) < 1e-12
    log_norms = jacobian_log_norms(W_hh, np.ones((steps, size)))
    assert np.max(np.abs(log_norms)) < 1e-12


@pytest.mark.parametrize("activation", ["tanh", "sigmoid", "relu", "linear"])
@pytest.mark.parametrize("init", ["spectral", "singular", "orthogonal"])
def test_jacobian_norm_obeys_the_gamma_sigma_bound(activation, init):
    rng = np.random.default_rng(4)
    size, steps = 8, 40
    W_hh = recurrent_matrix(rng, size, init, 1.7)
    x = rng.standard_normal((steps, 1, 3))
    trace = rnn_bptt(W_hh, rng.standard_normal((size, 3)), np.zeros(size), x, np.zeros(size),
                     np.ones(size), activation, weight_grads=False)
    log_norms = jacobian_log_norms(W_hh, derivative_from_output(activation, trace.hidden[1:, 0]))
    distance = steps - np.arange(steps + 1)
    bound = distance * np.log(GAMMA[activation] * sigma_max(W_hh))
    assert np.all(log_norms <= bound + 1e-10)


def test_jacobian_log_norms_match_the_explicit_product():
    rng = np.random.default_rng(5)
    size, steps = 6, 12
    W_hh = rng.standard_normal((size, size))
    slopes = rng.uniform(0.0, 1.0, (steps, size))
    product, expected = np.eye(size), [0.0]
    for t in range(steps, 0, -1):
        product = product @ np.diag(slopes[t - 1]) @ W_hh
        expected.append(np.log(np.linalg.norm(product, 2)))
    assert np.allclose(jacobian_log_norms(W_hh, slopes), expected[::-1], atol=1e-12)
    swept = jacobian_log_norms(np.stack([W_hh, 2 * W_hh]), np.stack([slopes, slopes]))
    assert np.allclose(swept[1], np.array(expected[::-1]) + np.log(2) * (steps - np.arange(steps + 1)))


def test_jacobian_log_norms_cannot_overflow_or_underflow():
    size, steps = 4, 3000
    growing = jacobian_log_norms(5.0 * np.eye(size), np.ones((steps, size)))
    shrinking = jacobian_log_norms(0.2 * np.eye(size), np.ones((steps, size)))
    distance = steps - np.arange(steps + 1)
    assert np.allclose(growing, distance * np.log(5.0), rtol=1e-12)
    assert np.allclose(shrinking, distance * np.log(0.2), rtol=1e-12)
    dead = jacobian_log_norms(np.eye(size), np.zeros((5, size)))
    assert dead[-1] == 0.0 and np.all(dead[:-1] == -np.inf)


@pytest.mark.parametrize("activation", ["tanh", "linear"])
def test_truncated_contributions_older_than_the_window_are_exactly_zero(activation):
    W_hh, W_xh, b, x, h0, g = small_problem(activation, steps=12, batch=2)
    window = 4
    full = rnn_bptt(W_hh, W_xh, b, x, h0, g, activation)
    cut = rnn_bptt(W_hh, W_xh, b, x, h0, g, activation, window=window)
    steps = x.shape[0]
    assert np.all(cut.grad_hidden[: steps - window] == 0.0)
    assert np.all(cut.grad_pre[: steps - window] == 0.0)
    assert np.array_equal(cut.grad_hidden[steps - window :], full.grad_hidden[steps - window :])
    recent = full.grad_pre[steps - window :]
    previous = full.hidden[steps - window : steps]  # h_{t-1} for t = T-k+1..T
    expected = np.einsum("tbi,tbj->ij", recent, previous)
    assert np.allclose(cut.grad_W_hh, expected, rtol=1e-12)


def test_overflow_is_reported_as_data_not_raised():
    rng = np.random.default_rng(6)
    size, steps = 8, 400
    W_hh = recurrent_matrix(rng, size, "spectral", 10.0)
    g = np.ones(size) / np.sqrt(size)
    x = rng.standard_normal((steps, 1, 2))
    with np.errstate(all="raise"):
        trace = rnn_bptt(W_hh, rng.standard_normal((size, 2)), np.zeros(size), x, np.zeros(size), g, "linear")
    norms = trace.grad_norms[:, 0]
    finite = np.isfinite(norms)
    assert not finite.all() and finite[-1]
    boundary = np.flatnonzero(~finite)[-1]
    assert finite[boundary + 1 :].all() and not finite[: boundary + 1].any()
    assert np.isfinite(jacobian_log_norms(W_hh, np.ones((steps, size)))).all()


def test_vector_norms_survive_huge_and_tiny_entries():
    values = np.array([[3e200, 4e200], [3e-200, 4e-200], [np.inf, 1.0], [np.nan, 1.0], [0.0, 0.0], [3.0, 4.0]])
    norms = vector_norms(values)
    assert norms[0] == pytest.approx(5e200, rel=1e-15)
    assert norms[1] == pytest.approx(5e-200, rel=1e-15)
    assert norms[2] == np.inf and np.isnan(norms[3]) and norms[4] == 0.0 and norms[5] == 5.0


@pytest.mark.parametrize("activation", ["tanh", "sigmoid", "relu", "linear"])
@pytest.mark.parametrize("window", [None, 5])
def test_sub_blocks_in_lockstep_give_the_same_numbers(activation, window, monkeypatch):
    W_hh, W_xh, b, x, h0, g = small_problem(activation, steps=19, batch=40)
    whole = rnn_bptt(W_hh, W_xh, b, x, h0, g, activation, window=window)
    monkeypatch.setattr(rnn, "SUB_ROWS", 8)  # 40 rows step as 5 sub-blocks of 8
    assert rnn.lockstep_parts(1, 40) == 5 and rnn.lockstep_parts(1, 42) == 6
    assert rnn.lockstep_parts(1, 97) == 1  # 97 is prime: no equal sub-blocks
    assert rnn.lockstep_parts(3, 40) == 1  # a sweep's models stack already
    parted = rnn_bptt(W_hh, W_xh, b, x, h0, g, activation, window=window)
    lean = rnn_bptt(W_hh, W_xh, b, x, h0, g, activation, window=window, threads=2, keep=False)
    assert np.array_equal(whole.hidden, parted.hidden)
    for name in ("grad_norms", "grad_hidden", "grad_pre", "grad_W_hh", "grad_W_xh", "grad_b"):
        np.testing.assert_allclose(getattr(parted, name), getattr(whole, name), rtol=1e-13, atol=1e-300)
    for name in ("grad_norms", "grad_W_hh", "grad_W_xh", "grad_b"):
        np.testing.assert_allclose(getattr(lean, name), getattr(whole, name), rtol=1e-13, atol=1e-300)


@pytest.mark.parametrize("init", ["spectral", "singular", "orthogonal", "identity"])
def test_inits_hit_their_target(init):
    matrix = recurrent_matrix(np.random.default_rng(7), 12, init, 1.7)
    measured = {"spectral": spectral_radius, "singular": sigma_max}.get(init, sigma_max)(matrix)
    assert measured == pytest.approx(1.7, rel=1e-12)
    if init in ("orthogonal", "identity"):
        assert np.allclose(np.linalg.svd(matrix, compute_uv=False), 1.7, rtol=1e-12)


@pytest.mark.parametrize("activation", ["tanh", "sigmoid", "relu", "linear"])
@pytest.mark.parametrize("window", [None, 5])
def test_threads_and_unkept_buffers_give_the_same_numbers(activation, window):
    W_hh, W_xh, b, x, h0, g = small_problem(activation, steps=9, batch=40)
    kept = rnn_bptt(W_hh, W_xh, b, x, h0, g, activation, window=window)
    lean = rnn_bptt(W_hh, W_xh, b, x, h0, g, activation, window=window, threads=3, keep=False)
    assert lean.grad_hidden is None and lean.grad_pre is None
    assert np.array_equal(kept.hidden, lean.hidden)
    assert np.array_equal(kept.grad_norms, lean.grad_norms)
    assert np.allclose(kept.grad_norms, np.linalg.norm(kept.grad_hidden, axis=-1), rtol=1e-14, atol=0)
    for name in ("grad_W_hh", "grad_W_xh", "grad_b"):
        assert np.allclose(getattr(kept, name), getattr(lean, name), rtol=1e-12, atol=1e-15)
