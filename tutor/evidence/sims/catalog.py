"""Declarations of every simulation: names, parameters with ranges, and outputs.

This is the contract between packs and the NumPy code in this package. Keep it free
of imports beyond `tutor.evidence.spec`: validation and listings read it without
loading NumPy.
"""

from __future__ import annotations

from tutor.evidence.spec import EvidenceSpec, Param

MAX_STEPS = 10_000
MAX_HIDDEN = 1_024
MAX_BATCH = 4_096
MAX_INPUT = 1_024

ACTIVATIONS = ("tanh", "sigmoid", "relu", "linear")
INITS = ("spectral", "singular", "orthogonal", "identity", "symmetric")


def _steps(default: int) -> Param:
    return Param("steps", "int", default, "sequence length T (time steps)", 1, MAX_STEPS)


def _hidden(default: int) -> Param:
    return Param("hidden", "int", default, "hidden units n", 1, MAX_HIDDEN)


def _batch(default: int) -> Param:
    return Param("batch", "int", default, "sequences in the batch", 1, MAX_BATCH)


def _input(default: int) -> Param:
    return Param("input", "int", default, "input features d", 1, MAX_INPUT)


def _activation(default: str) -> Param:
    return Param("activation", "choice", default, "nonlinearity φ", choices=ACTIVATIONS)


def _init(default: str) -> Param:
    return Param(
        "init",
        "choice",
        default,
        "W_hh initialisation: Gaussian scaled to a spectral radius (spectral) or to a "
        "largest singular value (singular), orthogonal times a gain, identity (IRNN), or a symmetric "
        "Gaussian scaled to a spectral radius (symmetric: ρ = σ_max, the normal case)",
        choices=INITS,
    )


def _scale(default: float) -> Param:
    return Param(
        "scale",
        "float",
        default,
        "target spectral radius / largest singular value / gain of W_hh (see init)",
        0.0,
        10.0,
    )


_INPUT_SCALE = Param("input_scale", "float", 1.0, "standard deviation of the inputs x_t", 0.0, 10.0)
_SIMS = "tutor.evidence.sims"
_RNN_RUN = (_steps(50), _hidden(32), _input(4), _batch(8), _activation("tanh"))
"""The vanilla RNN run's sizes and activation: `rnn` and `threshold-sweep` (which passes them on to
each `rnn` run it makes) declare them once, so their defaults cannot drift apart."""

SIMULATIONS: tuple[EvidenceSpec, ...] = (
    EvidenceSpec(
        name="rnn",
        kind="simulation",
        title="Vanilla RNN, exact BPTT",
        summary="Gradient norm ‖∂L/∂h_t‖ and Jacobian-product norm ‖∂h_T/∂h_t‖ per step",
        target=f"{_SIMS}.experiments:run_rnn",
        params=(
            *_RNN_RUN,
            _init("spectral"),
            _scale(1.0),
            _INPUT_SCALE,
        ),
        series=("grad_norm", "jacobian_norm"),
        scalars=(
            "spectral_radius",
            "sigma_max",
            "gamma",
            "gamma_sigma_max",
            "first_over_last",
            "overflow_step",
            "forward_overflow_step",
            "mean_abs_slope",
        ),
        notes="The loss is L = g·h_T with g a random unit vector (dL/dh_T = g). Series and "
        "outputs follow the first sequence of the batch. overflow_step is the step at which "
        "the backward pass first produced inf/NaN, -1 if it never did.",
    ),
    EvidenceSpec(
        name="lstm",
        kind="simulation",
        title="LSTM, exact BPTT",
        summary="‖∂L/∂c_t‖ and ‖∂L/∂h_t‖ per step, with the forget gate along the path",
        target=f"{_SIMS}.experiments:run_lstm",
        params=(
            _steps(50),
            _hidden(32),
            _input(4),
            _batch(8),
            _scale(1.0),
            Param("forget_bias", "float", 1.0, "bias of the forget gate", -10.0, 10.0),
            _INPUT_SCALE,
        ),
        series=("cell_grad_norm", "hidden_grad_norm", "forget_gate"),
        scalars=("mean_forget_gate", "first_over_last", "hidden_first_over_last", "overflow_step"),
        notes="first_over_last is ‖∂L/∂c_0‖/‖∂L/∂c_T‖ (the cell path); hidden_first_over_last "
        "is ‖∂L/∂h_0‖/‖∂L/∂h_T‖. Gates in torch.nn.LSTM's order (i, f, g, o).",
    ),
    EvidenceSpec(
        name="gru",
        kind="simulation",
        title="GRU, exact BPTT",
        summary="‖∂L/∂h_t‖ per step, with the update gate along the path",
        target=f"{_SIMS}.experiments:run_gru",
        params=(
            _steps(50),
            _hidden(32),
            _input(4),
            _batch(8),
            _scale(1.0),
            Param(
                "update_bias", "float", -1.0,
                "bias of the update gate z (Chung et al.: z near 0 keeps h_{t-1}; PyTorch swaps z and 1 − z)",
                -10.0, 10.0,
            ),
            _INPUT_SCALE,
        ),
        series=("hidden_grad_norm", "update_gate"),
        scalars=("mean_update_gate", "first_over_last", "overflow_step"),
    ),
    EvidenceSpec(
        name="threshold-sweep",
        kind="simulation",
        title="The threshold view: the gradient over T steps against the scale of W_hh",
        summary="The vanilla RNN over a range of σ_max around 1/γ: the run's ratio, the bound, "
        "and the mean |φ′| it realised",
        target=f"{_SIMS}.threshold:threshold_sweep",
        params=(
            *_RNN_RUN,
            Param("init", "choice", "singular", "W_hh scaled to a largest singular value (singular) or "
                  "orthogonal times a gain: either way the scale is σ_max, the bound's knob",
                  choices=("singular", "orthogonal")),
            _INPUT_SCALE,
            Param("reach", "float", 4.0, "sweep σ_max from 1/(reach·γ) to reach/γ", 1.1, 100.0),
            Param("points", "int", 21, "runs in the sweep", 3, 61),
        ),
        series=("ratio", "bound", "mean_slope", "gamma"),
        scalars=("gamma", "threshold", "crossing", "rho_at_crossing", "slope_at_crossing", "slope_at_threshold",
                 "slope_at_largest", "rho_at_largest", "smallest", "ratio_at_crossing"),
        notes="Each run is the `rnn` simulation at one scale with the same seed. crossing is the "
        "smallest σ_max whose gradient ratio over T steps reached 1 (-1 if none did, and so are the "
        "scalars at the crossing); slope_at_threshold is -1 when 1/γ lies outside the sweep.",
    ),
    EvidenceSpec(
        name="spectral-sweep",
        kind="simulation",
        title="Gradient norm vs time for a sweep of W_hh scales",
        sweep="scales",
        single_title="Gradient norm vs time at one W_hh scale, {value}",
        summary="One line per spectral radius (or largest singular value): decay below 1/γ, growth above",
        target=f"{_SIMS}.experiments:spectral_sweep",
        params=(
            _steps(60),
            _hidden(32),
            _activation("linear"),
            Param(
                "init", "choice", "spectral", "scale by spectral radius or largest singular value",
                choices=("spectral", "singular", "orthogonal"),
            ),
            Param("scales", "floats", (0.5, 0.9, 1.0, 1.1, 1.5), "the scales to sweep", 0.0, 10.0),
        ),
        series=("scale={scales}",),
        scalars=("first_over_last[scale={scales}]", "rho[scale={scales}]", "sigma_max[scale={scales}]"),
    ),
    EvidenceSpec(
        name="activations",
        kind="simulation",
        title="sigmoid vs tanh vs ReLU at the same weights",
        summary="Same W_hh and inputs, three nonlinearities: γ = 1/4, 1 and 1",
        target=f"{_SIMS}.experiments:compare_activations",
        params=(_steps(50), _hidden(32), _init("spectral"), _scale(1.0), _INPUT_SCALE),
        series=("sigmoid", "tanh", "relu"),
        scalars=("first_over_last[sigmoid]", "first_over_last[tanh]", "first_over_last[relu]"),
    ),
    EvidenceSpec(
        name="init-compare",
        kind="simulation",
        title="Orthogonal vs Gaussian initialisation",
        summary="Orthogonal W_hh (all singular values equal the gain) vs Gaussian with the same spectral radius",
        target=f"{_SIMS}.experiments:compare_inits",
        params=(_steps(100), _hidden(32), _activation("linear"), _scale(1.0)),
        series=("orthogonal", "gaussian"),
        scalars=(
            "first_over_last[orthogonal]",
            "first_over_last[gaussian]",
            "sigma_max[orthogonal]",
            "sigma_max[gaussian]",
        ),
    ),
    EvidenceSpec(
        name="clipping",
        kind="simulation",
        title="Gradient clipping by norm",
        summary="Norms before and after clipping, and a toy training run with and without it",
        target=f"{_SIMS}.remedies:clipping",
        params=(
            _steps(30),
            _hidden(16),
            _scale(3.0),
            Param("threshold", "float", 1.0, "clipping threshold τ", 1e-6, 1e6),
            Param("train_steps", "int", 40, "gradient steps of the toy training run", 1, 2_000),
            Param("learning_rate", "float", 0.5, "learning rate of the toy run", 1e-6, 10.0),
        ),
        series=("loss_unclipped", "loss_clipped", "norm_before", "norm_after"),
        scalars=("max_norm_after", "clipped_loss_finite", "unclipped_loss_max", "clipped_loss_max"),
        notes="Both runs start from the same tanh RNN and train side by side (full-batch gradient "
        "descent, task: remember the first input); clipped_loss_finite is 1 or 0; a run that "
        "overflows records inf/NaN and an overflow step.",
    ),
    EvidenceSpec(
        name="clipping-vanishing",
        kind="simulation",
        title="Clipping does not cure vanishing",
        summary="The ratio of early to late gradient norms is unchanged by clipping",
        target=f"{_SIMS}.remedies:clipping_vanishing",
        params=(
            _steps(50),
            _hidden(32),
            _scale(0.6),
            Param("threshold", "float", 1.0, "clipping threshold τ", 1e-6, 1e6),
        ),
        series=("unclipped", "clipped"),
        scalars=("ratio_unclipped", "ratio_clipped", "clip_factor", "grad_norm"),
        notes="The series are the per-step contributions to the gradient of (W_hh, W_xh, b), "
        "t = 1..T; the ratios are step 1 over step T.",
    ),
    EvidenceSpec(
        name="truncated-bptt",
        kind="simulation",
        title="Truncated BPTT with window k",
        summary="Contributions older than k steps are exactly zero; the cost grows with k",
        target=f"{_SIMS}.remedies:truncated_bptt",
        params=(
            _steps(60),
            _hidden(32),
            _scale(1.0),
            Param("window", "int", 10, "truncation window k", 1, MAX_STEPS),
        ),
        series=("full", "truncated"),
        scalars=("max_truncated_beyond_window", "cost_ratio", "max_full_beyond_window", "grad_cosine"),
        notes="cost_ratio is the backward pass's steps, k/T; grad_cosine compares the truncated "
        "and full ∂L/∂W_hh.",
    ),
    EvidenceSpec(
        name="gated-vs-vanilla",
        kind="simulation",
        title="LSTM and GRU vs a vanilla RNN over the same length",
        summary="The additive cell path keeps gradients alive where the vanilla RNN's vanish",
        target=f"{_SIMS}.remedies:gated_vs_vanilla",
        params=(
            _steps(100),
            _hidden(32),
            Param("forget_bias", "float", 3.0, "LSTM forget-gate bias", -10.0, 10.0),
        ),
        series=("vanilla", "lstm", "gru"),
        scalars=(
            "first_over_last[vanilla]",
            "first_over_last[lstm]",
            "first_over_last[gru]",
            "mean_forget_gate",
            "mean_update_gate",
        ),
        notes="All three series are ‖∂L/∂h_t‖ under the same inputs and loss; the GRU's "
        "update-gate bias is −forget_bias (its state is kept when z is near 0, h_t = (1 − z)·h_{t−1} + z·n).",
    ),
    EvidenceSpec(
        name="shared-vs-independent",
        kind="simulation",
        title="One shared W over T steps vs T independent layers",
        summary="Effective depth T; the shared matrix makes growth follow its spectrum",
        target=f"{_SIMS}.architectures:shared_vs_independent",
        params=(_steps(50), _hidden(32), _scale(1.0), _activation("linear")),
        series=("shared", "independent"),
        scalars=(
            "first_over_last[shared]",
            "first_over_last[independent]",
            "per_step[shared]",
            "per_step[independent]",
            "spectral_radius",
        ),
    ),
    EvidenceSpec(
        name="residual-attention",
        kind="simulation",
        title="Residual stack, plain stack, and attention's direct path",
        summary="I + ∂F/∂x keeps the product near 1; attention reaches any step in one hop",
        target=f"{_SIMS}.architectures:residual_attention",
        params=(_steps(50), _hidden(32), _scale(0.5)),
        series=("plain", "residual", "attention"),
        scalars=("first_over_last[plain]", "first_over_last[residual]", "first_over_last[attention]"),
        notes="plain and residual are ‖∂L/∂h_l‖ through tanh layers with independent W_l; "
        "attention is attention pooling with a fixed query over T+1 tokens, ‖∂L/∂x_s‖ per token.",
    ),
    EvidenceSpec(
        name="adding-problem",
        kind="simulation",
        title="Learning demo: the adding problem",
        summary="A small vanilla RNN fails at long T, while an LSTM usually learns it",
        target=f"{_SIMS}.adding:adding_problem",
        params=(
            _steps(50),
            _hidden(16),
            Param("iterations", "int", 300, "training iterations", 1, 20_000),
            _batch(32),
        ),
        series=("vanilla_loss", "lstm_loss", "baseline"),
        scalars=("vanilla_final_loss", "lstm_final_loss", "baseline_loss"),
        notes="The one simulation that trains networks: seconds, not milliseconds. Final "
        "losses are on 512 held-out sequences; the baseline predicts the mean.",
    ),
)
