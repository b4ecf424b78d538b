"""The threshold view's core: the scales around 1/γ, where a linear run crosses (at ρ ≈ 1) and
a saturating one does not (past 1/γ), and which run the lab's sweep key turns into it."""

from __future__ import annotations

import math

import pytest

from tutor.evidence import registry
from tutor.evidence.overlay import norm_bound, with_references
from tutor.evidence.sims.threshold import NEVER, sweep_scales
from tutor.evidence.sweeps import sweep_for


def test_the_scales_are_spaced_in_log_with_the_threshold_in_the_middle() -> None:
    scales = sweep_scales(gamma=0.25, reach=4.0, points=5)
    assert scales == pytest.approx([1.0, 2.0, 4.0, 8.0, 16.0])


def test_a_linear_orthogonal_run_crosses_at_the_threshold_where_rho_is_one() -> None:
    result = registry.run("threshold-sweep", {"activation": "linear", "init": "orthogonal", "steps": 30,
                                              "hidden": 8, "points": 9}, seed=0)
    assert result.scalars["crossing"] == pytest.approx(1.0)  # orthogonal: ρ = σ_max = the gain
    assert result.scalars["rho_at_crossing"] == pytest.approx(1.0)
    assert result.scalars["slope_at_threshold"] == 1.0
    ratio, bound = result.plots[0].series
    assert [float(x) for x in ratio.x] == pytest.approx(sweep_scales(1.0, 4.0, 9))
    assert list(bound.y) == pytest.approx([x**30 for x in ratio.x])  # (γσ_max)^T with γ = 1
    assert bound.dashed and result.plots[0].guides == ((1.0, "1/γ = 1: below it vanishing is certain"),)
    assert "the matrix decides" in result.reading


def test_a_saturating_run_that_never_grows_says_saturation_decided() -> None:
    result = registry.run("threshold-sweep", {"activation": "sigmoid", "steps": 40, "hidden": 8, "reach": 2.0,
                                              "points": 5, "input_scale": 3.0}, seed=0)
    assert result.scalars["crossing"] == NEVER and result.scalars["rho_at_crossing"] == NEVER
    assert result.scalars["slope_at_largest"] < result.scalars["slope_at_threshold"] < 0.25
    assert "never held its gradient's size over 40 steps" in result.reading
    assert "the units saturate" in result.reading and "saturation, not the bound, decides" in result.reading


def test_the_sweep_of_an_rnn_run_keeps_its_settings_and_nothing_else_is_swept() -> None:
    params = registry.get("rnn").resolve({"steps": 80, "activation": "sigmoid", "init": "identity", "hidden": 16})
    name, swept = sweep_for("rnn", params)  # type: ignore[misc]
    assert name == "threshold-sweep"
    assert (swept["steps"], swept["activation"], swept["hidden"]) == (80, "sigmoid", 16)
    assert swept["init"] == "singular"  # identity has no scale to sweep: the sweep's own default
    assert sweep_for("rnn", {**params, "init": "spectral"})[1]["init"] == "singular"  # type: ignore[index]
    assert sweep_for("lstm", {}) is None


def test_the_lab_adds_the_norm_bound_to_an_rnn_plot_and_past_floats_it_is_inf() -> None:
    run = registry.run("rnn", {"activation": "linear", "init": "orthogonal", "scale": 9.0, "steps": 400}, seed=0)
    bound = norm_bound(run)
    assert bound.y[-1] == pytest.approx(float(run.all_series()["grad_norm"].y[-1]))
    assert bound.y[-2] == pytest.approx(9.0 * bound.y[-1])
    assert math.isinf(bound.y[0])  # 9^400 passes the float range: not drawn, no crash
    plots = with_references(run, run.plots)
    assert [s.name for s in plots[0].series] == ["grad_norm", "jacobian_norm", "bound"]
    lstm = registry.run("lstm", {"steps": 10}, seed=0)
    assert with_references(lstm, lstm.plots) == lstm.plots


@pytest.mark.parametrize(("params", "cause"), [
    ({"activation": "linear", "reach": 1.5, "points": 5}, "the matrix decides"),  # a linear unit never saturates
    ({"activation": "relu", "reach": 1.1, "points": 3}, "switched off"),
])
def test_the_reading_names_what_decided_without_blaming_saturation_where_there_is_none(params, cause) -> None:
    result = registry.run("threshold-sweep", {"steps": 30, "hidden": 8, **params}, seed=0)
    assert cause in result.reading and "saturat" not in result.reading


def test_a_threshold_outside_the_sweep_is_said_and_not_interpolated() -> None:
    """With reach close to 1 and few points the sweep still spans 1/γ; a sweep that does not
    (possible only through its own scale range) gets no made-up slope at 1/γ."""
    result = registry.run("threshold-sweep", {"steps": 20, "hidden": 8, "reach": 1.1, "points": 3}, seed=0)
    assert result.scalars["slope_at_threshold"] != NEVER  # 1/γ is the middle scale
    from tutor.evidence.explain_dynamics import threshold

    text = threshold({"activation": "tanh"}, {**result.scalars, "crossing": NEVER})
    assert text.startswith("Left of the line at 1/γ = 1")
