"""The symmetric initialisation: a normal W_hh (ρ = σ_max), so a linear RNN's Jacobian
product over k steps has norm exactly ρᵏ, as the linear-growth-rate question says."""

from __future__ import annotations

import numpy as np
import pytest

from tutor.evidence import registry
from tutor.evidence.sims.inits import recurrent_matrix


@pytest.mark.parametrize("seed", [0, 1, 2])
def test_a_linear_rnn_with_symmetric_w_grows_by_exactly_rho_to_the_k(seed):
    result = registry.run("rnn", {"activation": "linear", "init": "symmetric", "scale": 1.1, "steps": 50}, seed=seed)
    W = np.asarray(result.inputs["W_hh"])
    assert np.array_equal(W, W.T)
    eigenvalues = np.linalg.eigvalsh(W)  # an independent route: symmetric eigensolver, explicit power
    assert max(abs(eigenvalues)) == pytest.approx(1.1, rel=1e-12)
    independent = np.linalg.norm(np.linalg.matrix_power(W.T, 50), 2)
    assert independent == pytest.approx(1.1**50, rel=1e-9)
    jacobian = result.all_series()["jacobian_norm"]
    assert float(jacobian.y[0]) == pytest.approx(independent, rel=1e-9)
    assert result.scalars["sigma_max"] == pytest.approx(result.scalars["spectral_radius"], rel=1e-12)


def test_symmetric_differs_from_the_non_normal_gaussian_of_the_same_radius():
    rng = np.random.default_rng(0)
    gaussian = recurrent_matrix(rng, 32, "spectral", 1.1)
    assert np.linalg.norm(gaussian, 2) > 1.5  # non-normal: σ_max well above ρ = 1.1
    symmetric = recurrent_matrix(np.random.default_rng(0), 32, "symmetric", 1.1)
    assert np.linalg.norm(symmetric, 2) == pytest.approx(1.1, rel=1e-12)
