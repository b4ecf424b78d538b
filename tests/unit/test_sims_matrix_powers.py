"""matrix-powers: exact powers of a hand-typed 2 × 2 matrix against closed forms."""

from __future__ import annotations

import math

import pytest

from tutor.evidence import registry


@pytest.mark.parametrize(("lam", "s", "k"), [(0.5, 3.0, 4), (0.8, 5.0, 6), (0.9, 2.0, 30)])
def test_a_jordan_block_matches_its_closed_forms(lam: float, s: float, k: int) -> None:
    result = registry.run("matrix-powers", {"a": lam, "b": s, "c": 0, "d": lam, "steps": k}, seed=0)
    scalars = result.scalars
    assert scalars["top_right"] == pytest.approx(k * s * lam ** (k - 1), rel=1e-12)
    assert scalars["spectral_radius"] == pytest.approx(lam, rel=1e-12)
    assert scalars["sigma_max"] == pytest.approx((s + math.sqrt(s * s + 4 * lam * lam)) / 2, rel=1e-12)
    assert scalars["rho_power_last"] == pytest.approx(lam**k, rel=1e-12)
    assert scalars["peak_norm"] > 1 > scalars["rho_power_last"]


def test_a_symmetric_matrix_has_norm_equal_to_rho_to_the_k() -> None:
    result = registry.run("matrix-powers", {"a": 1.1, "b": 0.2, "c": 0.2, "d": 0.5, "steps": 25}, seed=3)
    rho = result.scalars["spectral_radius"]
    [norms, rho_powers] = result.plots[0].series
    assert list(norms.x) == list(range(26))
    for norm, power in zip(norms.y, rho_powers.y):
        assert norm == pytest.approx(power, rel=1e-10)
    assert result.scalars["peak_step"] == 25 and result.scalars["norm_last"] == pytest.approx(rho**25, rel=1e-10)


def test_overflow_is_data_not_a_crash() -> None:
    result = registry.run("matrix-powers", {"a": 10, "b": 10, "c": 10, "d": 10, "steps": 1000}, seed=0)
    assert result.scalars["norm_last"] == math.inf and result.plots[0].series[0].overflow_step is not None


def test_the_lab_explains_a_non_normal_transient() -> None:
    from tutor.evidence.explain import explain

    result = registry.run("matrix-powers", {"a": 0.5, "b": 3, "c": 0, "d": 0.5, "steps": 20}, seed=0)
    assert explain(result) == (
        "ρ(W) = 0.5 decides where ‖Wᵏ‖ ends up (‖Wᵏ‖^(1/k) → ρ): the powers decay in the end, yet over 20 steps "
        "‖Wᵏ‖ first grows to 3.08 (at k = 1): σ_max = 3.08 > 1 allows amplification that the eigenvalues do "
        "not show, because W is non-normal."
    )
