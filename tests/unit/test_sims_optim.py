"""Adam's step against the closed form for a constant gradient and a scalar Adam written here."""

from __future__ import annotations

import math

import numpy as np
import pytest

from tutor.evidence.registry import run


def scalar_adam(gradients: list[float], eps: float, beta1: float = 0.9, beta2: float = 0.999) -> list[float]:
    """Kingma and Ba's Algorithm 1 for one parameter, in plain floats."""
    m = v = 0.0
    steps = []
    for t, g in enumerate(gradients, start=1):
        m = beta1 * m + (1 - beta1) * g
        v = beta2 * v + (1 - beta2) * g * g
        steps.append((m / (1 - beta1**t)) / (math.sqrt(v / (1 - beta2**t)) + eps))
    return steps


@pytest.mark.parametrize("scale", [1.0, 1e-3, 1e-6, 1e-9])
def test_a_constant_gradient_steps_s_over_s_plus_eps(scale: float) -> None:
    result = run("adam-scaling", {"scales": [scale], "iterations": 50, "eps": 1e-8}, seed=0)
    assert result.scalars[f"adam_step[scale={scale:g}]"] == pytest.approx(scale / (scale + 1e-8), rel=1e-9)
    assert result.scalars[f"sgd_step[scale={scale:g}]"] == pytest.approx(scale, rel=1e-12)


def test_noisy_steps_match_a_scalar_adam() -> None:
    result = run("adam-scaling", {"scales": [1e-4, 2.0], "iterations": 120, "eps": 1e-8, "noise": 2.0}, seed=7)
    noise = np.random.default_rng(7).standard_normal(120)
    for scale in (1e-4, 2.0):
        expected = scalar_adam([scale * (1 + 2.0 * n) for n in noise], 1e-8)
        drawn = result.all_series()[f"scale={scale:g}"].y
        assert np.allclose(drawn, np.abs(expected), rtol=1e-9)


def test_gradients_a_million_apart_move_their_parameters_alike() -> None:
    result = run("adam-scaling", {"scales": [1.0, 1e-6], "iterations": 200}, seed=0)
    assert result.scalars["gradient_spread"] == pytest.approx(1e6)
    assert result.scalars["adam_step_spread"] < 1.02


def test_the_explanation_gives_both_spreads() -> None:
    from tutor.evidence.explain import explain

    text = explain(run("adam-scaling", {"scales": [1.0, 1e-6], "iterations": 200}, seed=0))
    assert text.startswith("Adam divides each step by √v̂, so gradients 1e6× apart in size move their "
                           "parameters only 1.01× apart")
