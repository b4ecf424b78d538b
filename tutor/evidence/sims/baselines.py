"""The numbers a long-memory benchmark's model has to beat, measured on the task's own data.

A model that reports "loss 0.17 on the adding problem" has learned nothing: predicting the
mean already gets 1/6. These simulations draw the benchmarks' data and score the best
predictors that use *no* memory of the informative inputs, so the baselines are numbers of
a run, not folklore; the closed forms sit beside them as scalars so a question can claim
both and a test can hold one against the other.

Adding problem (Hochreiter and Schmidhuber 1997; the form of Le et al. 2015 and Arjovsky et
al. 2016): T values uniform on [0, 1], two of them marked (one in each half); the target is
the sum of the two marked values. Predicting the mean 1 scores Var(u₁ + u₂) = 2/12 = 1/6;
remembering one of the two values and guessing the other scores Var(u) = 1/12.

Copy task (Hochreiter and Schmidhuber 1997; Arjovsky et al. 2016): `length` symbols drawn
from `categories` (8) letters, T − 1 blanks, a delimiter, then `length` blanks while the model
must output the symbols again; T + 2·length steps in all, output blank until the last
`length`. A memoryless model can only output blanks and then a uniform guess: its mean
cross-entropy per step is length·ln(categories) / (T + 2·length), 10·ln 8 / (T + 20) in the
usual setting.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import numpy as np

from tutor.evidence.result import Plot, Result, Series
from tutor.evidence.sims.numerics import check_cancel, ensure_affordable
from tutor.evidence.sims.report import fmt

Params = dict[str, Any]
Cancel = Callable[[], bool]
PSEUDO_COUNT = 0.01


def adding_data(rng: np.random.Generator, steps: int, batch: int) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """(values (batch, T), marker positions (batch, 2), targets (batch,)): one marker per half."""
    values = rng.uniform(0.0, 1.0, size=(batch, steps))
    half = max(1, steps // 2)
    first = rng.integers(0, half, size=batch)
    second = rng.integers(half, steps, size=batch) if steps > 1 else first
    markers = np.stack([first, second], axis=1)
    rows = np.arange(batch)
    targets = values[rows, first] + values[rows, second]
    return values, markers, targets


def run_adding_baseline(params: Params, seed: int, should_cancel: Cancel) -> Result:
    """MSE of the memoryless predictors of the adding problem, against the sample size."""
    steps, batch = params["steps"], params["batch"]
    ensure_affordable(steps * batch, "this adding-problem sample")
    rng = np.random.default_rng(seed)
    values, markers, targets = adding_data(rng, steps, batch)
    check_cancel(should_cancel, 0)
    first_value = values[np.arange(batch), markers[:, 0]]
    errors = {
        "mean": (targets - 1.0) ** 2,
        "one_value": (targets - (first_value + 0.5)) ** 2,
        "last_value": (targets - (values[:, -1] + 0.5)) ** 2,
    }
    sizes = np.unique(np.geomspace(1, batch, num=min(batch, 60)).astype(int))
    labels = {
        "mean": "predict the mean 1 (no memory)",
        "one_value": "remember one marked value, guess the other",
        "last_value": "use the last input only",
    }
    series = tuple(
        Series(name, sizes, np.cumsum(error)[sizes - 1] / sizes, labels[name]) for name, error in errors.items()
    )
    plot = Plot("Adding problem: what a model must beat", "sequences scored", "mean squared error", series,
                log_y=False)
    scalars = {
        "mse_mean": float(errors["mean"].mean()),
        "mse_one_value": float(errors["one_value"].mean()),
        "mse_last_value": float(errors["last_value"].mean()),
        "mse_mean_formula": 1 / 6,
        "mse_one_value_formula": 1 / 12,
        "target_mean": float(targets.mean()),
    }
    reading = (
        f"Over {batch} sequences of length {steps}: predicting the mean scores MSE {fmt(scalars['mse_mean'])} "
        f"(1/6 = {fmt(1 / 6)}), remembering one of the two numbers {fmt(scalars['mse_one_value'])} "
        f"(1/12 = {fmt(1 / 12)}); a model has learned the task only well below these."
    )
    return Result("adding-baseline", "simulation", dict(params), seed, reading, scalars, (plot,))


def copy_data(rng: np.random.Generator, steps: int, length: int, categories: int, batch: int) -> np.ndarray:
    """Target symbols of a copy-task batch, (batch, T + 2·length): 0 is blank, 1..categories the letters."""
    total = steps + 2 * length
    targets = np.zeros((batch, total), dtype=np.int64)
    targets[:, total - length:] = rng.integers(1, categories + 1, size=(batch, length))
    return targets


def memoryless_probabilities(targets: np.ndarray, categories: int) -> np.ndarray:
    """The best predictor that ignores the input: each position's symbol frequencies in a
    training batch, shape (T + 2·length, categories + 1). A pseudo-count of 1/100 keeps unseen
    symbols off log 0 without charging the blank steps more than a rounding error."""
    counts = np.full((targets.shape[1], categories + 1), PSEUDO_COUNT)
    for symbol in range(categories + 1):
        counts[:, symbol] += (targets == symbol).sum(axis=0)
    probabilities: np.ndarray = counts / counts.sum(axis=1, keepdims=True)
    return probabilities


def run_copy_task(params: Params, seed: int, should_cancel: Cancel) -> Result:
    """Per-step cross-entropy of the memoryless predictor, fitted on one batch, scored on another."""
    steps, length, categories, batch = params["steps"], params["length"], params["categories"], params["batch"]
    total = steps + 2 * length
    ensure_affordable(2 * batch * total * (categories + 1), "this copy-task sample")
    rng = np.random.default_rng(seed)
    probabilities = memoryless_probabilities(copy_data(rng, steps, length, categories, batch), categories)
    check_cancel(should_cancel, 0)
    held_out = copy_data(rng, steps, length, categories, batch)
    positions = np.arange(total)
    losses = -np.log(probabilities[positions, held_out]).mean(axis=0)
    formula = length * np.log(categories) / total
    plot = Plot(
        "Copy task: the memoryless baseline",
        "output step",
        "cross-entropy (nats)",
        (
            Series("memoryless", positions + 1, losses, "memoryless predictor, per step"),
            Series("baseline", np.array([1, total]), np.array([formula, formula]),
                   f"mean over the sequence: {length}·ln {categories} / (T + {2 * length})"),
        ),
        log_y=False,
    )
    scalars = {
        "memoryless_loss": float(losses.mean()),
        "baseline_formula": float(formula),
        "recall_step_loss": float(losses[total - length:].mean()),
        "blank_step_loss": float(losses[: total - length].mean()),
        "sequence_steps": float(total),
    }
    reading = (
        f"T = {steps}: a model without memory outputs blanks, then guesses among {categories} letters "
        f"(ln {categories} = {fmt(np.log(categories))} nats per recalled symbol); averaged over all {total} "
        f"steps that is {fmt(scalars['memoryless_loss'])} on held-out data, the formula "
        f"{length}·ln {categories}/(T + {2 * length}) = {fmt(formula)}."
    )
    return Result("copy-task", "simulation", dict(params), seed, reading, scalars, (plot,))
