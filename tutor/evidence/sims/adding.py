"""The learning demo: the adding problem, where a vanilla RNN fails at long T and an LSTM learns.

Each sequence has T steps of two features: a value drawn from U(0, 1) and a marker that
is 1 at exactly two steps, one in each half of the sequence. The target is the sum of
the two marked values. Predicting the mean scores the variance of the target, 1/6:
that is the baseline a model has to beat to show it learned anything. The first
marker sits at least T/2 steps before the end, so its value only reaches the loss
through a gradient that survives T/2 steps or more.

Both models see the same batches, train with Adam and clipping by norm (so neither is
stopped by an explosion), and are scored on one held-out set. The only simulation that
trains for seconds rather than milliseconds.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import numpy as np

from tutor.evidence.result import Plot, Result, Series
from tutor.evidence.sims.numerics import check_cancel, ensure_affordable
from tutor.evidence.sims.report import fmt, series_of
from tutor.evidence.sims.training import Adam, LSTMRegressor, RNNRegressor, clip_factor, global_norm

Params = dict[str, Any]
Cancel = Callable[[], bool]

LEARNING_RATE = 0.03
CLIP_THRESHOLD = 1.0
FORGET_BIAS = 1.0
EVAL_SEQUENCES = 512


def adding_batch(rng: np.random.Generator, steps: int, batch: int) -> tuple[np.ndarray, np.ndarray]:
    """x (T, B, 2) of (value, marker) pairs and the targets y (B,)."""
    x = np.zeros((steps, batch, 2))
    x[:, :, 0] = rng.uniform(0.0, 1.0, (steps, batch))
    half = max(1, steps // 2)
    sequences = np.arange(batch)
    first = rng.integers(0, half, batch)
    second = rng.integers(half, steps, batch) if steps > 1 else first
    x[first, sequences, 1] = 1.0
    x[second, sequences, 1] = 1.0
    y = x[first, sequences, 0] + np.where(second != first, x[second, sequences, 0], 0.0)
    return x, y


def adding_problem(params: Params, seed: int, should_cancel: Cancel) -> Result:
    steps, hidden, iterations, batch = params["steps"], params["hidden"], params["iterations"], params["batch"]
    ensure_affordable(steps * max(batch, EVAL_SEQUENCES) * 14 * hidden, "this training run")
    rng = np.random.default_rng(seed)
    models: dict[str, RNNRegressor | LSTMRegressor] = {
        "vanilla": RNNRegressor.create(rng, hidden=hidden, features=2, scale=1.0, init="orthogonal"),
        "lstm": LSTMRegressor.create(rng, hidden=hidden, features=2, forget_bias=FORGET_BIAS),
    }
    optimisers = {name: Adam(LEARNING_RATE) for name in models}
    eval_x, eval_y = adding_batch(rng, steps, EVAL_SEQUENCES)
    curves = {name: np.full(iterations, np.nan) for name in models}
    for iteration in range(iterations):
        x, y = adding_batch(rng, steps, batch)
        for name, model in models.items():
            loss, grads = model.loss_and_grads(x, y)
            curves[name][iteration] = float(loss)
            factor = clip_factor(global_norm(grads), CLIP_THRESHOLD)
            optimisers[name].step(model.params, {k: g * factor for k, g in grads.items()})
        check_cancel(should_cancel, iteration)
    final = {name: float(model.loss(eval_x, eval_y)) for name, model in models.items()}
    baseline = float(np.var(eval_y))
    series = (
        series_of("vanilla_loss", curves["vanilla"], "vanilla RNN (tanh)", start=1, backward=False),
        series_of("lstm_loss", curves["lstm"], "LSTM", start=1, backward=False),
        Series("baseline", np.array([1, iterations]), np.array([baseline, baseline]),
               "baseline: predict the mean"),
    )
    reading = (
        f"after {iterations} iterations at T = {steps}, held-out loss: vanilla RNN "
        f"{fmt(final['vanilla'])}, LSTM {fmt(final['lstm'])}, baseline {fmt(baseline)} "
        f"(predicting the mean); {_verdict('vanilla RNN', final['vanilla'], baseline)}, "
        f"{_verdict('LSTM', final['lstm'], baseline)}"
    )
    return Result(
        name="adding-problem",
        kind="simulation",
        params=dict(params),
        seed=seed,
        reading=reading,
        scalars={
            "vanilla_final_loss": final["vanilla"],
            "lstm_final_loss": final["lstm"],
            "baseline_loss": baseline,
        },
        plots=(Plot("Adding problem: training loss", "iteration", "mean squared error", series),),
        inputs={
            "task": "x_t = (value ~ U(0,1), marker); exactly one marker in each half; "
            "y = sum of the two marked values; loss = mean squared error of v·h_T + c",
            "optimiser": f"Adam, learning rate {LEARNING_RATE}, clipping by global norm at "
            f"{CLIP_THRESHOLD}; LSTM forget bias {FORGET_BIAS}; vanilla W_hh orthogonal",
            "eval_sequences": EVAL_SEQUENCES,
        },
        outputs={"vanilla_loss": curves["vanilla"], "lstm_loss": curves["lstm"]},
    )


def _verdict(model: str, loss: float, baseline: float) -> str:
    if not np.isfinite(loss):
        return f"the {model} diverged"
    share = loss / baseline
    if share < 0.5:
        return f"the {model} learned ({fmt(100 * share)}% of the baseline)"
    if share < 1:
        return f"the {model} barely beat the baseline ({fmt(100 * share)}% of it)"
    return f"the {model} did not beat the baseline ({fmt(100 * share)}% of it)"
