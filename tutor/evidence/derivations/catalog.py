"""Declarations of every SymPy derivation: names, parameters and the scalars claims can use.

Free of SymPy: the code is named by `target` and imported only when a derivation runs.
"""

from __future__ import annotations

from tutor.evidence.spec import EvidenceSpec, Param

_MODULE = "tutor.evidence.derivations.library"

DERIVATIONS: tuple[EvidenceSpec, ...] = (
    EvidenceSpec(
        name="scalar-step",
        kind="derivation",
        title="One step of a scalar RNN",
        summary="∂h_k/∂h_{k-1} of φ(w·h_{k-1} + u·x_k + b) for tanh and sigmoid",
        target=f"{_MODULE}:scalar_step",
        params=(Param("activation", "choice", "tanh", "nonlinearity φ", choices=("tanh", "sigmoid")),),
        scalars=("max_abs_derivative_per_w",),
    ),
    EvidenceSpec(
        name="jacobian-matrix",
        kind="derivation",
        title="The step Jacobian of a matrix RNN",
        summary="diag(φ'(a_k))·W_hh from symbolic 2×2 / 3×3 entries, and both layout conventions",
        target=f"{_MODULE}:jacobian_matrix",
        params=(Param("size", "int", 2, "hidden size n (2 or 3)", 2, 3),),
    ),
    EvidenceSpec(
        name="bptt-chain",
        kind="derivation",
        title="The BPTT chain of Jacobians",
        summary="∂L/∂h_t as the product of step Jacobians, expanded for T − t = 3",
        target=f"{_MODULE}:bptt_chain",
        params=(Param("span", "int", 3, "number of steps T − t", 1, 4),),
        scalars=("paths_per_entry", "weights_per_path"),
    ),
    EvidenceSpec(
        name="activation-bounds",
        kind="derivation",
        title="Derivative bounds of sigmoid, tanh and ReLU",
        summary="max σ' = 1/4 and max tanh' = 1 at a = 0; ReLU' is 0 or 1",
        target=f"{_MODULE}:activation_bounds",
        params=(
            Param(
                "activation", "choice", "all", "which activation",
                choices=("all", "sigmoid", "tanh", "relu"),
            ),
        ),
        scalars=(
            "max_sigmoid_prime",
            "max_tanh_prime",
            "argmax_sigmoid_prime",
            "argmax_tanh_prime",
            "max_relu_prime",
        ),
        notes="Scalars exist for the activations derived: all of them with activation=all.",
    ),
    EvidenceSpec(
        name="norm-bound",
        kind="derivation",
        title="The norm bound on the Jacobian product and its limits",
        summary="‖∏J‖ ≤ (γ‖W_hh‖₂)^(T−t); vanishing is guaranteed below 1/γ, exploding only possible above",
        target=f"{_MODULE}:norm_bound",
        scalars=(
            "bound_limit_below_threshold",
            "example_spectral_radius",
            "example_sigma_max",
            "example_peak_norm",
            "example_peak_step",
        ),
    ),
    EvidenceSpec(
        name="gated-paths",
        kind="derivation",
        title="Gradient paths through LSTM and GRU cells",
        summary="∂c_t/∂c_{t−1} = diag(f_t) + gate terms; the GRU's (1 − z_t) path",
        target=f"{_MODULE}:gated_paths",
        params=(Param("cell", "choice", "lstm", "which cell", choices=("lstm", "gru")),),
    ),
    EvidenceSpec(
        name="clipping-rule",
        kind="derivation",
        title="Gradient clipping by norm",
        summary="After g ← (τ/‖g‖)·g the norm is τ and the direction is unchanged",
        target=f"{_MODULE}:clipping_rule",
        scalars=("norm_after_over_tau", "cosine_after_clipping"),
    ),
    EvidenceSpec(
        name="residual-jacobian",
        kind="derivation",
        title="The Jacobian of a residual connection",
        summary="∂(x + F(x))/∂x = I + ∂F/∂x, and why a product of such factors does not shrink",
        target=f"{_MODULE}:residual_jacobian",
        scalars=("residual_product_small_blocks", "plain_product_small_blocks"),
    ),
    EvidenceSpec(
        name="tbptt-paths",
        kind="derivation",
        title="Truncated BPTT as a sum over paths",
        summary="The gradient as a sum over paths, cut at window k",
        target=f"{_MODULE}:tbptt_paths",
        params=(Param("window", "int", 2, "truncation window k", 1, 4),),
        scalars=("paths_total", "paths_kept", "min_factors_dropped"),
    ),
)
