"""Declarations of the simulations of the advanced pack: the singular spectrum of the
Jacobian product, Lyapunov exponents, norm-preserving recurrences, normalisation through
depth and reduced precision. Like `catalog`, imports nothing but the spec, so listings and
validation read it without NumPy.
"""

from __future__ import annotations

from tutor.evidence.sims.catalog import ACTIVATIONS, MAX_HIDDEN, MAX_STEPS
from tutor.evidence.spec import EvidenceSpec, Param

_SIMS = "tutor.evidence.sims"


def _steps(default: int, maximum: int = MAX_STEPS) -> Param:
    return Param("steps", "int", default, "sequence length T (time steps)", 1, maximum)


def _hidden(default: int, maximum: int = MAX_HIDDEN) -> Param:
    return Param("hidden", "int", default, "hidden units n", 1, maximum)


_INPUT_SCALE = Param("input_scale", "float", 1.0, "standard deviation of the inputs x_t", 0.0, 10.0)

DYNAMICS_SIMULATIONS: tuple[EvidenceSpec, ...] = (
    EvidenceSpec(
        name="jacobian-spectrum",
        kind="simulation",
        title="Singular spectrum of the Jacobian product",
        summary="Largest, median and smallest singular value of ∂h_T/∂h_(T−k) against k, and the whole "
        "spectrum at k = T: dynamical isometry asks for all of them near 1, not only the norm",
        target=f"{_SIMS}.dynamics:run_jacobian_spectrum",
        params=(
            _steps(50, 2_000),
            _hidden(32, 256),
            Param("activation", "choice", "tanh", "nonlinearity φ", choices=ACTIVATIONS),
            Param("init", "choice", "orthogonal", "W_hh: Gaussian scaled to a spectral radius (spectral) or "
                  "a largest singular value (singular), orthogonal times a gain, or identity",
                  choices=("spectral", "singular", "orthogonal", "identity")),
            Param("scale", "float", 1.0, "spectral radius / largest singular value / gain of W_hh", 0.0, 10.0),
            _INPUT_SCALE,
        ),
        series=("sv_max", "sv_median", "sv_min", "spectrum"),
        scalars=("sv_max", "sv_median", "sv_min", "spread_decades", "mean_log_sv_per_step", "sigma_max_W",
                 "spectral_radius_W", "mean_abs_slope"),
        notes="sv_* scalars are the singular values of ∂h_T/∂h_0 = J_T ⋯ J_1 with J_t = diag(φ'(a_t)) W_hh; "
        "spread_decades = log10(sv_max / sv_min). One sequence, h_0 = 0, inputs N(0, input_scale²).",
    ),
    EvidenceSpec(
        name="lyapunov",
        kind="simulation",
        title="Largest Lyapunov exponent against the gain of W",
        summary="λ_max of h_t = φ(g·G h_(t−1) + x_t) for a sweep of gains g: negative is ordered (gradients "
        "vanish), positive chaotic (they explode); the crossing is the edge of chaos",
        target=f"{_SIMS}.dynamics:run_lyapunov",
        params=(
            _steps(400, 5_000),
            _hidden(64, 256),
            Param("activation", "choice", "tanh", "nonlinearity φ", choices=ACTIVATIONS),
            Param("scales", "floats", (0.5, 0.8, 0.9, 1.0, 1.1, 1.2, 1.5, 2.0, 3.0), "the gains g to sweep",
                  0.0, 10.0),
            Param("input_scale", "float", 0.1, "standard deviation of the driving input (per unit, × 1/√n)",
                  0.0, 10.0),
        ),
        series=("lyapunov",),
        scalars=("lyapunov[scale={scales}]", "edge_scale", "spectral_radius_G", "max_lyapunov", "min_lyapunov"),
        notes="G has entries N(0, 1/n); the same G, inputs and tangent vector for every gain. 100 burn-in steps "
        "are not counted. edge_scale is the first gain where λ_max turns non-negative (linear interpolation), "
        "-1 if it never does in the sweep. A tangent that dies exactly (W = 0, every ReLU off) has λ = −inf, "
        "reported as ln(2.2e-308) ≈ −708.",
    ),
    EvidenceSpec(
        name="unitary-rnn",
        kind="simulation",
        title="Norm-preserving recurrences over a long sequence",
        summary="‖∂L/∂h_t‖ through an orthogonal W, a Gaussian W with ρ = 1 and an LRU-style diagonal "
        "of radius r: only the orthogonal one keeps the norm exactly",
        target=f"{_SIMS}.dynamics:run_unitary_rnn",
        params=(
            _steps(1000, 10_000),
            _hidden(32, 256),
            Param("radius", "float", 0.999, "|λ| of the LRU diagonal's eigenvalues", 0.0, 1.5),
        ),
        series=("orthogonal", "gaussian", "lru"),
        scalars=("first_over_last[orthogonal]", "first_over_last[gaussian]", "first_over_last[lru]",
                 "max_deviation[orthogonal]", "sigma_max[gaussian]", "radius_to_the_T"),
        notes="Linear recurrences h_t = W h_(t−1) + U x_t, so ∂L/∂h_(t−1) = Wᴴ ∂L/∂h_t exactly; ‖∂L/∂h_T‖ = 1.",
    ),
)
