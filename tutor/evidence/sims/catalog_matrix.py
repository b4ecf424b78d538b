"""Declaration of the matrix-powers simulation (a 2 × 2 matrix typed in by hand). Like
`catalog`, imports nothing but the spec, so listings and validation read it without NumPy.
"""

from __future__ import annotations

from tutor.evidence.spec import EvidenceSpec, Param


def _entry(name: str, default: float, where: str) -> Param:
    return Param(name, "float", default, f"W's {where} entry", -10.0, 10.0)


MATRIX_SIMULATIONS: tuple[EvidenceSpec, ...] = (
    EvidenceSpec(
        name="matrix-powers",
        kind="simulation",
        title="Powers of a 2 × 2 matrix: ρ against σ_max",
        summary="‖Wᵏ‖₂ against ρ(W)ᵏ for W = [[a, b], [c, d]]: a non-normal W amplifies for a while even "
        "when every eigenvalue is inside the unit circle",
        target="tutor.evidence.sims.matrix_powers:run_matrix_powers",
        params=(
            _entry("a", 0.5, "top-left"),
            _entry("b", 3.0, "top-right"),
            _entry("c", 0.0, "bottom-left"),
            _entry("d", 0.5, "bottom-right"),
            Param("steps", "int", 20, "the highest power k", 1, 1_000),
        ),
        series=("norm", "rho_power"),
        scalars=("spectral_radius", "sigma_max", "top_right", "norm_last", "peak_norm", "peak_step",
                 "rho_power_last"),
        notes="No randomness: the seed changes nothing. top_right is the (1, 2) entry of W^steps; peak_step is "
        "the k ≥ 1 with the largest ‖Wᵏ‖₂. Gelfand: ‖Wᵏ‖^(1/k) → ρ(W).",
    ),
)
