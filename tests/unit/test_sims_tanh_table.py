"""The RNN forward pass's tanh: the table against 40-digit decimal tanh, its special values,
and when `tanh_into` takes np.tanh instead."""

from __future__ import annotations

import decimal
import sys

import numpy as np
import pytest

from tutor.evidence.sims import tanh_table
from tutor.evidence.sims.tanh_table import SMALL, is_avx512_target, table_tanh_into, tanh_into


def exact_tanh(x: float) -> float:
    """tanh(x) correctly rounded (40 significant digits, then to float64)."""
    with decimal.localcontext() as context:
        context.prec = 40
        power = (2 * decimal.Decimal(abs(x))).exp()
        value = float((power - 1) / (power + 1))
    return value if x >= 0 else -value


def fast_tanh(values: np.ndarray, into=table_tanh_into) -> np.ndarray:
    out = np.empty_like(values)
    into(values.copy(), out, [np.empty_like(values) for _ in range(3)])
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
    got = fast_tanh(np.tile(special, 3))
    assert np.array_equal(got, np.tanh(np.tile(special, 3)), equal_nan=True)


@pytest.fixture
def without_avx512(monkeypatch):
    monkeypatch.setattr(tanh_table, "numpy_tanh_is_avx512", lambda: False)


@pytest.fixture
def with_avx512(monkeypatch):
    monkeypatch.setattr(tanh_table, "numpy_tanh_is_avx512", lambda: True)


def test_without_avx512_a_large_array_takes_the_table(without_avx512):
    big = 3 * np.random.default_rng(8).standard_normal(SMALL)
    assert np.array_equal(fast_tanh(big, tanh_into), fast_tanh(big))
    assert not np.array_equal(fast_tanh(big, tanh_into), np.tanh(big))  # the table's last-place differences


def test_a_small_array_is_np_tanh_exactly(without_avx512):
    """Below SMALL elements the table's 16 passes cost more than np.tanh's one (a hidden state
    of a few units, one sequence): np.tanh runs, so its result comes back bit for bit."""
    x = 3 * np.random.default_rng(7).standard_normal(SMALL - 1)
    assert np.array_equal(fast_tanh(x, tanh_into), np.tanh(x))


def test_with_avx512_every_array_is_np_tanh_exactly(with_avx512):
    big = 3 * np.random.default_rng(8).standard_normal((3, SMALL))
    assert np.array_equal(fast_tanh(big, tanh_into), np.tanh(big))


@pytest.mark.parametrize(("target", "avx512"), [
    ("X86_V4", True), ("AVX512_SKX", True), ("AVX512F", True),
    ("X86_V3", False), ("AVX2", False), ("baseline(X86_V2)", False), ("ASIMD", False), ("", False),
])
def test_avx512_kernel_names(target, avx512):
    assert is_avx512_target(target) is avx512


def test_numpy_without_introspection_takes_the_table(monkeypatch):
    monkeypatch.setitem(sys.modules, "numpy.lib.introspect", None)  # NumPy 1.x: the import fails
    tanh_table.numpy_tanh_is_avx512.cache_clear()
    try:
        assert tanh_table.numpy_tanh_is_avx512() is False
    finally:
        tanh_table.numpy_tanh_is_avx512.cache_clear()


def test_writes_into_a_strided_view_of_any_shape():
    rng = np.random.default_rng(6)
    x = 4 * rng.standard_normal((2, 150, 7))
    rows = np.zeros((2, 150, 10))
    table_tanh_into(x.copy(), rows[..., :7], [np.empty_like(x) for _ in range(3)])
    np.testing.assert_allclose(rows[..., :7], np.tanh(x), rtol=1e-15, atol=0)
    assert not rows[..., 7:].any()
