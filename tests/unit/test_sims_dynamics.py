"""The advanced pack's dynamics simulations against independent computations: products of
Jacobians multiplied out and decomposed directly, the linear Lyapunov exponent log ρ, powers
of the transposed matrix."""

from __future__ import annotations

import math

import numpy as np
import pytest

from tutor.evidence.registry import run
from tutor.evidence.sims.dynamics import edge_of_chaos


def direct_product(W: np.ndarray, W_xh: np.ndarray, x: np.ndarray, activation) -> np.ndarray:
    """J_T ⋯ J_1 multiplied out, from a forward pass written here."""
    h = np.zeros(W.shape[0])
    product = np.eye(W.shape[0])
    for x_t in x:
        h = W @ h + W_xh @ x_t
        if activation is not None:
            h = activation(h)
        slope = 1 - h**2 if activation is np.tanh else np.ones_like(h)
        product = (slope[:, None] * W) @ product
    return product


@pytest.mark.parametrize("init", ["orthogonal", "spectral", "singular"])
def test_the_spectrum_is_that_of_the_product_multiplied_out(init: str) -> None:
    result = run("jacobian-spectrum", {"steps": 12, "hidden": 6, "init": init, "scale": 1.3}, seed=4)
    inputs = result.inputs
    singular = np.linalg.svd(direct_product(inputs["W_hh"], inputs["W_xh"], inputs["x"], np.tanh), compute_uv=False)
    assert result.scalars["sv_max"] == pytest.approx(singular[0], rel=1e-9)
    assert result.scalars["sv_median"] == pytest.approx(np.median(singular), rel=1e-9)
    # small singular values are known only to rounding times the largest, in both computations
    assert np.allclose(result.all_series()["spectrum"].y, singular, rtol=1e-7, atol=1e-12 * singular[0])


def test_a_well_conditioned_product_has_the_exact_spread() -> None:
    result = run("jacobian-spectrum", {"steps": 12, "hidden": 6, "init": "orthogonal", "scale": 1.0,
                                       "input_scale": 0.5}, seed=3)
    inputs = result.inputs
    singular = np.linalg.svd(direct_product(inputs["W_hh"], inputs["W_xh"], inputs["x"], np.tanh), compute_uv=False)
    assert 0.1 < result.scalars["spread_decades"] < 8  # conditioning well inside float64
    assert result.scalars["sv_min"] == pytest.approx(singular[-1], rel=1e-8, abs=0)
    assert result.scalars["spread_decades"] == pytest.approx(math.log10(singular[0] / singular[-1]), rel=1e-8)


def test_a_linear_orthogonal_rnn_is_an_exact_isometry() -> None:
    result = run("jacobian-spectrum", {"steps": 200, "hidden": 16, "activation": "linear", "init": "orthogonal",
                                       "scale": 1.0}, seed=0)
    assert result.scalars["spread_decades"] < 1e-10
    assert result.scalars["sv_max"] == pytest.approx(1.0, abs=1e-10)
    assert result.scalars["sv_min"] == pytest.approx(1.0, abs=1e-10)


def test_saturating_tanh_spreads_the_spectrum_of_an_orthogonal_rnn() -> None:
    result = run("jacobian-spectrum", {"steps": 50, "hidden": 32}, seed=0)
    assert result.scalars["spread_decades"] > 5
    assert result.scalars["sigma_max_W"] == pytest.approx(1.0, abs=1e-12)


def test_the_linear_lyapunov_exponent_is_the_log_of_the_spectral_radius() -> None:
    gains = (0.5, 1.0, 1.7)
    result = run("lyapunov", {"steps": 3000, "hidden": 12, "activation": "linear", "scales": gains,
                              "input_scale": 0.0}, seed=2)
    G = result.inputs["G"]
    for gain in gains:
        expected = math.log(np.max(np.abs(np.linalg.eigvals(gain * G))))
        assert result.scalars[f"lyapunov[scale={gain:g}]"] == pytest.approx(expected, abs=5e-3)
    rho = np.max(np.abs(np.linalg.eigvals(G)))
    exact = [math.log(gain * rho) for gain in gains]
    index = next(i for i in range(1, len(gains)) if exact[i - 1] < 0 <= exact[i])
    (g0, g1), (l0, l1) = gains[index - 1:index + 1], exact[index - 1:index + 1]
    assert result.scalars["edge_scale"] == pytest.approx(g0 + (g1 - g0) * -l0 / (l1 - l0), abs=0.01)


def test_tanh_networks_cross_into_chaos_near_a_gain_of_one() -> None:
    result = run("lyapunov", {}, seed=0)
    assert result.scalars["lyapunov[scale=0.5]"] < -0.5
    assert result.scalars["lyapunov[scale=3]"] > 0.1
    assert 0.9 < result.scalars["edge_scale"] < 1.5


@pytest.mark.parametrize(
    ("gains", "exponents", "edge"),
    [((0.5, 1.0, 2.0), (-1.0, -0.5, 0.5), 1.5), ((1.0, 2.0), (-1.0, -2.0), -1.0),
     ((2.0, 1.0), (1.0, -1.0), 1.5), ((1.0, 2.0), (-math.inf, 1.0), -1.0)],
)
def test_the_edge_of_chaos_is_the_first_upward_crossing(gains, exponents, edge) -> None:
    found = edge_of_chaos(np.array(gains), np.array(exponents))
    assert found == pytest.approx(edge)


def test_norm_preserving_recurrences_against_matrix_powers() -> None:
    steps = 300
    result = run("unitary-rnn", {"steps": steps, "hidden": 10, "radius": 0.99}, seed=1)
    series = result.all_series()
    assert result.scalars["max_deviation[orthogonal]"] < 1e-12
    assert result.scalars["first_over_last[lru]"] == pytest.approx(0.99**steps, rel=1e-10)
    gaussian = result.inputs["gaussian"]
    g_first = series["gaussian"].y
    # ‖(Wᵀ)^k g‖ for k = T − t with the same unit g (its norm at t = T is 1)
    assert g_first[-1] == pytest.approx(1.0)
    ratio = result.scalars["first_over_last[gaussian]"]
    assert ratio == pytest.approx(g_first[0])
    assert np.max(np.abs(np.linalg.eigvals(gaussian))) == pytest.approx(1.0)
    assert np.linalg.norm(np.linalg.matrix_power(gaussian.T, steps), 2) >= ratio
