"""The benchmarks' baselines against computations made here: the exact expectations by
numerical integration and by the entropy of the task's output distribution, and Monte Carlo
error bars for the drawn samples."""

from __future__ import annotations

import math

import numpy as np
import pytest

from tutor.evidence.registry import run
from tutor.evidence.sims.baselines import adding_data, copy_data


def test_the_mean_predictor_scores_the_variance_of_a_sum_of_two_uniforms() -> None:
    # Var(u1 + u2) by integrating the triangular density of the sum on a fine grid
    s = np.linspace(0.0, 2.0, 200_001)
    density = np.where(s <= 1, s, 2 - s)
    variance = np.trapezoid((s - 1.0) ** 2 * density, s)
    assert variance == pytest.approx(1 / 6, rel=1e-8)
    result = run("adding-baseline", {"steps": 50, "batch": 40_000}, seed=3)
    # a mean of 40,000 squared errors: standard error sqrt(Var((S-1)^2)/n), Var = E(S-1)^4 - (1/6)^2
    fourth = np.trapezoid((s - 1.0) ** 4 * density, s)
    error_bar = 4 * math.sqrt((fourth - variance**2) / 40_000)
    assert abs(result.scalars["mse_mean"] - variance) < error_bar
    assert result.scalars["mse_mean_formula"] == 1 / 6


def test_remembering_one_value_halves_the_error() -> None:
    result = run("adding-baseline", {"steps": 50, "batch": 40_000}, seed=5)
    # the other value is uniform: its variance 1/12, error bar from E(u - 1/2)^4 = 1/80
    error_bar = 4 * math.sqrt((1 / 80 - (1 / 12) ** 2) / 40_000)
    assert abs(result.scalars["mse_one_value"] - 1 / 12) < error_bar
    assert result.scalars["mse_one_value"] < result.scalars["mse_mean"] / 1.8


def test_adding_sequences_mark_one_value_in_each_half() -> None:
    values, markers, targets = adding_data(np.random.default_rng(0), steps=10, batch=500)
    assert values.shape == (500, 10)
    assert np.all(markers[:, 0] < 5) and np.all(markers[:, 1] >= 5)
    rows = np.arange(500)
    assert np.array_equal(targets, values[rows, markers[:, 0]] + values[rows, markers[:, 1]])


def test_the_running_mse_ends_at_the_whole_sample_mean() -> None:
    result = run("adding-baseline", {"steps": 20, "batch": 1_000}, seed=1)
    mean = result.all_series()["mean"]
    assert mean.x[-1] == 1_000
    assert mean.y[-1] == pytest.approx(result.scalars["mse_mean"], rel=1e-12)


@pytest.mark.parametrize(("steps", "length", "categories"), [(100, 10, 8), (500, 10, 8), (30, 5, 4)])
def test_the_copy_baseline_is_the_entropy_of_the_recalled_symbols(steps: int, length: int, categories: int) -> None:
    # entropy of the output sequence given no memory: 0 per blank step, ln(categories) per recalled symbol
    entropies = [0.0] * (steps + length) + [math.log(categories)] * length
    exact = sum(entropies) / len(entropies)
    result = run("copy-task", {"steps": steps, "length": length, "categories": categories, "batch": 4_000}, seed=2)
    assert result.scalars["baseline_formula"] == pytest.approx(exact, rel=1e-12)
    # fitted frequencies on 4,000 sequences: above the entropy by about (K-1)/(2n) per recalled step
    assert exact <= result.scalars["memoryless_loss"] < exact * 1.002
    assert result.scalars["sequence_steps"] == steps + 2 * length


def test_the_usual_copy_setting_is_ten_log_eight_over_t_plus_twenty() -> None:
    result = run("copy-task", {"steps": 100}, seed=0)
    assert result.scalars["baseline_formula"] == pytest.approx(10 * math.log(8) / 120, rel=1e-12)
    assert result.scalars["recall_step_loss"] == pytest.approx(math.log(8), rel=2e-3)
    assert result.scalars["blank_step_loss"] < 1e-4


def test_copy_targets_are_blank_until_the_recall_window() -> None:
    targets = copy_data(np.random.default_rng(0), steps=7, length=3, categories=8, batch=50)
    assert targets.shape == (50, 7 + 6)
    assert np.all(targets[:, :10] == 0)
    assert np.all((targets[:, 10:] >= 1) & (targets[:, 10:] <= 8))


def test_an_unaffordable_copy_task_is_refused_in_one_line() -> None:
    from tutor.evidence.spec import ParamError

    with pytest.raises(ParamError, match="^this copy-task sample needs .* GiB"):
        run("copy-task", {"steps": 10_000, "length": 100, "categories": 64, "batch": 100_000}, seed=0)


def test_the_explanations_state_the_runs_own_numbers() -> None:
    from tutor.evidence.explain import explain

    copy = explain(run("copy-task", {"steps": 100}, seed=0))
    assert "10·ln 8/(T + 20) = 0.173 at T = 100" in copy
    adding = explain(run("adding-baseline", {"steps": 50, "batch": 1000}, seed=0))
    assert adding.startswith("Predicting the mean (1) scores the target's variance, 2·1/12 = 1/6; this sample gives 0.")
