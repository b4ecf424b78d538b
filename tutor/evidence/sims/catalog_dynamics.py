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
        sweep="scales",
        single_title="Largest Lyapunov exponent at one gain of W, {value}",
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
    EvidenceSpec(
        name="layernorm-depth",
        kind="simulation",
        title="Pre-LN against Post-LN residual stacks",
        summary="‖∂L/∂x_l‖ and the weight gradients layer by layer: Pre-LN keeps an identity path to every "
        "layer, Post-LN divides by a LayerNorm at each one",
        target=f"{_SIMS}.layernorm:run_layernorm_depth",
        params=(
            Param("depth", "int", 24, "residual layers L", 1, 500),
            _hidden(64, 512),
            Param("branch_scale", "float", 1.0, "s: W2 ~ N(0, s²/n), the size of each branch F_l", 0.0, 10.0),
        ),
        series=("pre_ln", "post_ln", "pre_ln_weights", "post_ln_weights"),
        scalars=("first_over_last[pre_ln]", "first_over_last[post_ln]", "last_over_first_weights[pre_ln]",
                 "last_over_first_weights[post_ln]", "last_weights[pre_ln]", "last_weights[post_ln]",
                 "output_grad[pre_ln]", "output_grad[post_ln]"),
        notes="F_l(u) = W2_l·relu(W1_l·u), W1 ~ N(0, 2/n); LN without gain or bias, ε = 1e-5; Pre-LN ends with "
        "a final LN. The loss is L = g·output with g a random unit vector. first_over_last is "
        "‖∂L/∂x_0‖/‖∂L/∂x_L‖; last_over_first_weights is ‖∂L/∂W2_L‖/‖∂L/∂W2_1‖; last_weights is ‖∂L/∂W2_L‖ "
        "and output_grad ‖∂L/∂x_L‖ (Xiong et al. 2020: Pre-LN's shrink like 1/√L with depth, Post-LN's do not).",
    ),
    EvidenceSpec(
        name="mixed-precision",
        kind="simulation",
        title="BPTT in float16, bfloat16 and float32 against float64",
        summary="Where reduced precision overflows (float16 above 65504) or flushes small gradients to 0, "
        "and what loss scaling changes",
        target=f"{_SIMS}.precision:run_mixed_precision",
        params=(
            _steps(100, 5_000),
            _hidden(32, 256),
            Param("activation", "choice", "linear", "nonlinearity φ", choices=ACTIVATIONS),
            Param("init", "choice", "orthogonal", "W_hh: Gaussian scaled to a spectral radius or a largest singular "
                  "value, or orthogonal times a gain", choices=("spectral", "singular", "orthogonal")),
            Param("scale", "float", 0.9, "spectral radius / largest singular value / gain of W_hh", 0.0, 10.0),
            Param("gradient_size", "float", 1e-3, "‖∂L/∂h_T‖, the size of the gradient arriving at the last step",
                  1e-30, 1e30),
            Param("loss_scale", "float", 1024.0, "S: the float16 pass starts from S·∂L/∂h_T and divides by S",
                  1.0, 1e12),
            _INPUT_SCALE,
        ),
        series=("float64", "float32", "bfloat16", "float16", "float16_scaled"),
        scalars=("reference_first", "lost_step[float16]", "lost_step[float16_scaled]", "lost_step[bfloat16]",
                 "lost_step[float32]", "zero_share[float16]", "zero_share[float16_scaled]",
                 "overflow_step[float16]", "overflow_step[float16_scaled]", "overflow_step[bfloat16]",
                 "overflow_step[float32]", "overflow_step[float64]", "zero_share[bfloat16]", "zero_share[float32]",
                 "first[float16]",
                 "first[float16_scaled]", "first[bfloat16]", "first[float32]"),
        notes="lost_step is the first t, going back from T, where a precision's ‖∂L/∂h_t‖ is off float64's by "
        "more than 50% (-1: never); zero_share is the share of entries of ∂L/∂h_0 that are exactly 0; "
        "overflow_step is where the norm became inf (-1: never). Norms are taken in float64.",
    ),
    EvidenceSpec(
        name="adding-baseline",
        kind="simulation",
        title="The adding problem's baselines",
        summary="MSE of the predictors that remember nothing (the mean: 1/6) or one of the two marked "
        "numbers (1/12), measured on drawn sequences: what a model must beat",
        target=f"{_SIMS}.baselines:run_adding_baseline",
        params=(
            _steps(100, 10_000),
            Param("batch", "int", 20_000, "sequences drawn", 1, 1_000_000),
        ),
        series=("mean", "one_value", "last_value"),
        scalars=("mse_mean", "mse_one_value", "mse_last_value", "mse_mean_formula", "mse_one_value_formula",
                 "target_mean"),
        notes="Values uniform on [0, 1], one marker in each half, target = the sum of the two marked values. "
        "The series are the running MSE over the first k sequences; *_formula are the exact expectations.",
    ),
    EvidenceSpec(
        name="copy-task",
        kind="simulation",
        title="The copy task's memoryless baseline",
        summary="Cross-entropy per step of the best predictor without memory, fitted on one batch and scored "
        "on another: length·ln(categories)/(T + 2·length), 10·ln 8/(T + 20) in the usual setting",
        target=f"{_SIMS}.baselines:run_copy_task",
        params=(
            _steps(100, 10_000),
            Param("length", "int", 10, "symbols to copy", 1, 100),
            Param("categories", "int", 8, "letters in the alphabet", 2, 64),
            Param("batch", "int", 4_000, "sequences per batch (fitted on one, scored on another)", 1, 100_000),
        ),
        series=("memoryless", "baseline"),
        scalars=("memoryless_loss", "baseline_formula", "recall_step_loss", "blank_step_loss", "sequence_steps"),
        notes="Targets are blank for T + length steps, then the symbols; the memoryless predictor is each "
        "position's symbol frequencies (pseudo-count 0.01). Losses are natural-log cross-entropies (nats).",
    ),
    EvidenceSpec(
        name="adam-scaling",
        kind="simulation",
        title="Adam's step against the gradient's size",
        summary="Adam divides by √v̂: gradients of very different sizes move their parameters equally far, "
        "until ε is reached, so a vanished gradient no longer shows in the updates",
        target=f"{_SIMS}.optim:run_adam_scaling",
        params=(
            Param("scales", "floats", (1.0, 1e-3, 1e-6, 1e-9), "gradient sizes, one parameter each", 1e-30, 1e6),
            Param("iterations", "int", 200, "Adam iterations", 1, 100_000),
            Param("eps", "float", 1e-8, "Adam's ε", 0.0, 1.0),
            Param("noise", "float", 0.0, "relative noise on each gradient (same draw for every scale)", 0.0, 100.0),
        ),
        series=("scale={scales}",),
        scalars=("adam_step[scale={scales}]", "sgd_step[scale={scales}]", "adam_step_spread", "gradient_spread"),
        notes="β₁ = 0.9, β₂ = 0.999, bias-corrected (Kingma and Ba 2015). Steps are in units of the learning "
        "rate; for a constant gradient s the step tends to s/(s + ε).",
    ),
)
