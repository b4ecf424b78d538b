"""tanh_into (the RNN forward pass's tanh) against 40-digit decimal tanh, and its special values."""

from __future__ import annotations

import decimal

import numpy as np

from tutor.evidence.sims.tanh_table import SMALL, tanh_into


def exact_tanh(x: float) -> float:
    """tanh(x) correctly rounded (40 significant digits, then to float64)."""
    with decimal.localcontext() as context:
        context.prec = 40
        power = (2 * decimal.Decimal(abs(x))).exp()
        value = float((power - 1) / (power + 1))
    return value if x >= 0 else -value


def fast_tanh(values: np.ndarray) -> np.ndarray:
    out = np.empty_like(values)
    tanh_into(values.copy(), out, [np.empty_like(values) for _ in range(3)])
    return out


def test_within_three_units_in_the_last_place_from_tiny_to_saturated():
    rng = np.random.default_rng(5)
    x = np.exp(rng.uniform(np.log(1e-6), np.log(25.0), 4000)) * rng.choice([-1.0, 1.0], 4000)
    exact = np.array([exact_tanh(value) for value in x])
    ulps = np.abs(fast_tanh(x) - exact) / np.spacing(np.abs(exact))
    assert ulps.max() <= 3 and ulps.mean() < 0.6


def test_grid_points_and_halfway_points_between_them():
    # k·c exactly (b = 0) and (k + ½)·c (b = ±c/2, the largest reduced argument)
    x = np.concatenate([np.arange(-5120, 5121) / 256, (np.arange(-5120, 5120) + 0.5) / 256])
    exact = np.array([exact_tanh(value) for value in x[::7]])
    ulps = np.abs(fast_tanh(x)[::7] - exact) / np.spacing(np.maximum(np.abs(exact), 1e-300))
    assert ulps.max() <= 3


def test_special_values():
    special = np.array([np.inf, -np.inf, np.nan, 0.0, 1e-310, -5e-324, 1e-20, 19.5, -20.0, 37.0, 1e300, -1e300])
    x = np.tile(special, SMALL // len(special) + 1)  # enough elements to take the table's path
    got = fast_tanh(x)
    assert np.array_equal(got, np.tanh(x), equal_nan=True)


def test_a_small_array_is_np_tanh_exactly():
    """Below SMALL elements the table's 16 passes cost more than np.tanh's one (a hidden state
    of a few units, one sequence): np.tanh runs, so its result comes back bit for bit."""
    x = 3 * np.random.default_rng(7).standard_normal(SMALL - 1)
    assert np.array_equal(fast_tanh(x), np.tanh(x))
    big = np.concatenate([x, x])
    assert not np.array_equal(fast_tanh(big), np.tanh(big))  # the table's last-place differences


def test_writes_into_a_strided_view_of_any_shape():
    rng = np.random.default_rng(6)
    x = 4 * rng.standard_normal((2, 150, 7))
    rows = np.zeros((2, 150, 10))
    tanh_into(x.copy(), rows[..., :7], [np.empty_like(x) for _ in range(3)])
    np.testing.assert_allclose(rows[..., :7], np.tanh(x), rtol=1e-15, atol=0)
    assert not rows[..., 7:].any()
