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
    EvidenceSpec(
        name="step-jacobian",
        kind="simulation",
        title="One step Jacobian in numbers, checked by finite differences",
        summary="diag(φ′(a))·W_hh for a 2-unit RNN at given pre-activations, against central finite differences "
        "of the step; ‖Jᵏ‖ if the same step repeated",
        target="tutor.evidence.sims.step_jacobian:run_step_jacobian",
        params=(
            Param("w11", "float", 0.5, "W_hh's top-left entry", -10.0, 10.0),
            Param("w12", "float", -0.3, "W_hh's top-right entry", -10.0, 10.0),
            Param("w21", "float", 0.8, "W_hh's bottom-left entry", -10.0, 10.0),
            Param("w22", "float", 0.2, "W_hh's bottom-right entry", -10.0, 10.0),
            Param("a1", "float", 0.0, "pre-activation of unit 1", -20.0, 20.0),
            Param("a2", "float", 0.5493061443340549, "pre-activation of unit 2 (atanh 0.5 by default)", -20.0, 20.0),
            Param("activation", "choice", "tanh", "nonlinearity φ", choices=("tanh", "sigmoid")),
            Param("steps", "int", 20, "how many times the step repeats in the plot", 1, 1_000),
        ),
        series=("norm",),
        scalars=("j11", "j12", "j21", "j22", "slope1", "slope2", "fd_max_error", "spectral_radius", "norm_last"),
        notes="No randomness: the seed changes nothing. j_ij is entry (i, j) of diag(φ′(a))·W_hh (row i scaled "
        "by unit i's slope); fd_max_error is the largest entry of |finite differences − formula|.",
    ),
)
