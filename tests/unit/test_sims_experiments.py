"""Every registered simulation: runs with its defaults, exposes what its declaration
promises, says what the pack says it shows, and can be checked from its JSON alone."""

from __future__ import annotations

import json
import math

import numpy as np
import pytest

from tutor.evidence import registry
from tutor.evidence.registry import Cancelled
from tutor.evidence.spec import ParamError
from tutor.evidence.text import format_number, format_result
from tutor.packs.rules import expand_outputs as expand

FAST = [spec.name for spec in registry.all_specs("simulation") if spec.name != "adding-problem"]



@pytest.fixture(scope="module")
def defaults():
    return {name: registry.run(name, seed=0) for name in FAST}


@pytest.mark.parametrize("name", FAST)
def test_defaults_expose_every_declared_series_and_scalar(defaults, name):
    spec, result = registry.get(name), defaults[name]
    params = spec.resolve(None)
    assert set(expand(spec.scalars, params)) <= set(result.scalars)
    assert set(expand(spec.series, params)) <= set(result.all_series())
    assert all(isinstance(value, float) for value in result.scalars.values())
    assert result.reading and "\n" not in result.reading
    for series in result.all_series().values():
        assert len(series.x) == len(series.y)
        assert series.overflow_step is None and np.all(np.isfinite(series.y))
    json.dumps(result.to_json_dict(), allow_nan=False)


DETERMINISTIC = {"adam-scaling", "matrix-powers", "step-jacobian"}
"""Nothing random at their defaults: a hand-typed matrix, a noiseless gradient."""


@pytest.mark.parametrize("name", FAST)
def test_same_seed_same_numbers_other_seed_other_numbers(defaults, name):
    again = registry.run(name, seed=0).to_json_dict()
    assert again == defaults[name].to_json_dict()
    other = registry.run(name, seed=1).scalars
    assert (other == defaults[name].scalars) == (name in DETERMINISTIC)


def test_rnn_json_holds_everything_needed_to_check_it_elsewhere(defaults):
    document = json.loads(json.dumps(defaults["rnn"].to_json_dict()))
    inputs, params = document["inputs"], document["params"]
    steps, hidden, features = params["steps"], params["hidden"], params["input"]
    W_hh, W_xh, b = np.array(inputs["W_hh"]), np.array(inputs["W_xh"]), np.array(inputs["b"])
    x, h0, g = np.array(inputs["x"]), np.array(inputs["h0"]), np.array(inputs["dL_dhT"])
    assert W_hh.shape == (hidden, hidden) and W_xh.shape == (hidden, features)
    assert b.shape == (hidden,) and x.shape == (steps, features) and h0.shape == (hidden,)
    assert g.shape == (hidden,) and inputs["activation"] == "tanh" and "g·h_T" in inputs["loss"]
    # An independent check in column-vector form, as a learner would write it.
    states, slopes = [h0], []
    for t in range(1, steps + 1):
        states.append(np.tanh(W_hh @ states[-1] + W_xh @ x[t - 1] + b))
        slopes.append(1 - states[-1] ** 2)
    grads = [g]
    for t in range(steps, 0, -1):
        grads.append(W_hh.T @ (slopes[t - 1] * grads[-1]))
    expected = [np.linalg.norm(v) for v in grads[::-1]]
    assert len(document["outputs"]["grad_norms"]) == steps + 1
    assert np.allclose(document["outputs"]["grad_norms"], expected, rtol=1e-10)
    assert document["outputs"]["loss_first_sequence"] == pytest.approx(g @ states[-1], rel=1e-12)
    pre = np.array(grads[::-1][1:]) * np.array(slopes)
    assert np.allclose(document["outputs"]["grad_W_hh"], pre.T @ np.array(states[:-1]), rtol=1e-10)


def test_rnn_scalars_describe_its_matrix(defaults):
    result = defaults["rnn"]
    W_hh = result.inputs["W_hh"]
    assert result.scalars["spectral_radius"] == pytest.approx(1.0, rel=1e-12)
    assert result.scalars["sigma_max"] == pytest.approx(np.linalg.norm(W_hh, 2), rel=1e-12)
    assert result.scalars["gamma"] == 1.0 and result.scalars["overflow_step"] == -1.0
    assert result.scalars["first_over_last"] == pytest.approx(result.outputs["grad_norms"][0], rel=1e-12)


def test_an_exploding_rnn_reports_its_overflow_step():
    result = registry.run("rnn", {"activation": "linear", "scale": 3, "steps": 800}, seed=0)
    series = result.all_series()["grad_norm"]
    step = series.overflow_step
    assert step is not None and result.scalars["overflow_step"] == step
    assert np.all(np.isfinite(series.y[step + 1 :])) and not np.isfinite(series.y[step])
    assert result.scalars["first_over_last"] == math.inf
    assert np.all(np.isfinite(result.outputs["log10_jacobian_norms"]))
    assert f"overflow: ‖∂L/∂h_t‖ became inf/NaN at step {step}" in format_result(result)
    json.dumps(result.to_json_dict(), allow_nan=False)


def test_sweeps_and_comparisons_show_what_the_pack_teaches(defaults):
    sweep = defaults["spectral-sweep"].scalars
    ratios = [sweep[f"first_over_last[scale={s:g}]"] for s in (0.5, 0.9, 1.0, 1.1, 1.5)]
    assert ratios == sorted(ratios) and ratios[0] < 1e-15 and ratios[-1] > 1e8
    act = defaults["activations"].scalars
    assert act["first_over_last[sigmoid]"] < 1e-20 * act["first_over_last[tanh]"]
    inits = defaults["init-compare"].scalars
    assert inits["first_over_last[orthogonal]"] == pytest.approx(1.0, abs=1e-12)
    assert inits["sigma_max[gaussian]"] > 1.3 * inits["sigma_max[orthogonal]"]
    gated = defaults["gated-vs-vanilla"].scalars
    assert gated["first_over_last[vanilla]"] < 1e-15
    assert gated["first_over_last[lstm]"] > 1e-2 and gated["first_over_last[gru]"] > 1e-3
    paths = defaults["residual-attention"].scalars
    assert paths["first_over_last[plain]"] < 1e-12 < 1e-2 < paths["first_over_last[residual]"]
    assert paths["first_over_last[attention]"] > 1e-2


def test_clipping_bounds_every_update_and_keeps_the_loss_finite(defaults):
    scalars = defaults["clipping"].scalars
    assert scalars["max_norm_after"] <= 1.0 + 1e-12
    assert scalars["clipped_loss_finite"] == 1.0
    assert scalars["unclipped_loss_max"] > 1e6 * scalars["clipped_loss_max"]


def test_clipping_leaves_the_early_late_ratio_unchanged(defaults):
    scalars = defaults["clipping-vanishing"].scalars
    assert scalars["clip_factor"] < 1
    assert scalars["ratio_clipped"] == pytest.approx(scalars["ratio_unclipped"], rel=1e-12)
    assert scalars["ratio_unclipped"] < 1e-10


def test_truncation_zeroes_old_contributions_and_costs_k_over_t(defaults):
    result = defaults["truncated-bptt"]
    assert result.scalars["max_truncated_beyond_window"] == 0.0
    assert result.scalars["max_full_beyond_window"] > 0.0
    assert result.scalars["cost_ratio"] == pytest.approx(10 / 60)
    truncated = result.all_series()["truncated"].y
    assert np.all(truncated[: 60 - 10] == 0.0) and np.all(truncated[60 - 10 :] > 0.0)


def test_the_adding_problem_separates_lstm_from_vanilla():
    result = registry.run("adding-problem", seed=0)
    scalars = result.scalars
    assert scalars["lstm_final_loss"] < 0.1 * scalars["baseline_loss"]
    assert scalars["vanilla_final_loss"] > 0.9 * scalars["baseline_loss"]
    assert len(result.all_series()["lstm_loss"].y) == 300


def test_long_runs_stop_when_asked():
    calls = []

    def stop() -> bool:
        calls.append(1)
        return True

    with pytest.raises(Cancelled):
        registry.run("rnn", {"steps": 500}, should_cancel=stop)
    with pytest.raises(Cancelled):
        registry.run("adding-problem", {"iterations": 500}, should_cancel=stop)
    assert calls


def test_sizes_beyond_the_ranges_or_memory_are_refused_with_one_line():
    with pytest.raises(ParamError, match="above the maximum"):
        registry.run("rnn", {"steps": 10_001})
    with pytest.raises(ParamError, match="GiB") as caught:
        registry.run("rnn", {"steps": 10_000, "batch": 4_096, "hidden": 1_024})
    assert "\n" not in str(caught.value)


def test_format_result_reads_well(defaults):
    text = format_result(defaults["spectral-sweep"])
    assert text.splitlines()[0] == "Gradient norm vs time for a sweep of W_hh scales  [spectral-sweep]"
    assert "params: steps=60  hidden=32  activation=linear  init=spectral  scales=0.5,0.9,1,1.1,1.5" in text
    assert "seed: 0" in text and f"reading: {defaults['spectral-sweep'].reading}" in text
    assert "  first_over_last[scale=0.5]  3.53e-19" in text
    assert "overflow:" not in text


@pytest.mark.parametrize(
    ("value", "text"),
    [(0.9, "0.9"), (12.5, "12.5"), (1.234e-3, "1.2e-3"), (3.4e12, "3.4e12"), (1e-17, "1e-17"),
     (math.inf, "inf"), (math.nan, "nan"), (0.0, "0"), (-2.5e-5, "-2.5e-5")],
)
def test_format_number(value, text):
    assert format_number(value) == text


def test_catalog_and_text_import_no_numpy():
    import subprocess
    import sys

    code = (
        "import sys, tutor.evidence.sims.catalog, tutor.evidence.text, tutor.evidence.registry as r;"
        "r.all_specs('simulation');"
        "print(any(m == 'numpy' or m.startswith('numpy.') for m in sys.modules))"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert done.stdout.strip() == "False"
