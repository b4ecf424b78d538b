"""What the lab computes without a screen: parameter text, explanations, overlays, exports."""

from __future__ import annotations

import json
from datetime import UTC, datetime

import pytest
from hypothesis import given
from hypothesis import strategies as st

from tutor.cli import main
from tutor.evidence import registry
from tutor.evidence.explain import explain, verdict
from tutor.evidence.export import export_run
from tutor.evidence.overlay import difference, overlay
from tutor.evidence.result import Plot, Result, Series
from tutor.evidence.spec import Param

SCALE = Param("scale", "float", 1.0, "", 0.0, 10.0)
SCALES = Param("scales", "floats", (0.5,), "", 0.0, 10.0)


def test_format_writes_values_as_they_are_typed() -> None:
    assert SCALE.format(1.0) == "1"
    assert SCALE.format("4.59512") == "4.59512"
    assert SCALE.format(0.1 + 0.2) == "0.30000000000000004"
    assert Param("t", "float", 1.0, "", 1e-6, 1e6).format(1e-6) == "1e-06"
    assert SCALES.format(["0.5", "1.5"]) == "0.5, 1.5"
    assert SCALES.format(2) == "2"
    assert Param("on", "bool", False, "").format("yes") == "true"
    assert Param("steps", "int", 5, "", 1, 10).format(7) == "7"
    assert Param("act", "choice", "tanh", "", choices=("tanh", "relu")).format("relu") == "relu"


@given(st.floats(min_value=0.0, max_value=10.0))
def test_format_then_coerce_gives_the_same_float(value: float) -> None:
    assert SCALE.coerce(SCALE.format(value)) == value


@given(st.lists(st.floats(min_value=0.0, max_value=10.0), min_size=1, max_size=8))
def test_format_then_coerce_gives_the_same_floats(values: list[float]) -> None:
    assert SCALES.coerce(SCALES.format(values)) == tuple(values)


def rnn_result(product: float, ratio: float, *, steps: int = 20, overflow: float = -1.0,
               activation: str = "tanh") -> Result:
    return Result("rnn", "simulation", {"steps": steps, "activation": activation}, 0, "",
                  scalars={"gamma_sigma_max": product, "first_over_last": ratio, "overflow_step": overflow,
                           "spectral_radius": 1.2})


def test_the_rnn_explanation_states_the_bound_and_what_happened() -> None:
    assert explain(rnn_result(0.9, 1e-3)) == (
        "γ·σ_max = 0.9 < 1: each step shrinks the gradient by at least that factor, so it must vanish "
        "(bound 0.9^20 = 0.122). Here ‖∂L/∂h_0‖ / ‖∂L/∂h_T‖ vanished (×1e-3) over 20 steps."
    )
    assert explain(rnn_result(1.35, 0.5)) == (
        "γ·σ_max = 1.35 ≥ 1: the bound allows growth but does not force it. "
        "Here ‖∂L/∂h_0‖ / ‖∂L/∂h_T‖ shrank (×0.5) over 20 steps."
    )
    assert explain(rnn_result(1.35, float("inf"), overflow=12, activation="linear")) == (
        "γ·σ_max = 1.35 ≥ 1: the bound allows growth but does not force it; linear with ρ = 1.2 > 1, so "
        "growth is certain: the norm follows ρ^k. Here ‖∂L/∂h_0‖ / ‖∂L/∂h_T‖ overflowed to inf over 20 "
        "steps; the backward pass overflowed at step 12, where the curve stops."
    )


def test_the_rnn_explanation_separates_what_the_bound_allows_from_what_the_run_did() -> None:
    decaying = rnn_result(1.1, 0.02, activation="linear")
    decaying.scalars["spectral_radius"] = 0.95
    assert explain(decaying).startswith(
        "γ·σ_max = 1.1 ≥ 1: the bound allows growth but does not force it; linear with ρ = 0.95 < 1, so the "
        "norm decays like ρ^k in the long run. Here")
    saturated = rnn_result(3.0, 1e-9)
    saturated.scalars["mean_abs_slope"] = 0.21
    assert explain(saturated) == (
        "γ·σ_max = 3 ≥ 1: the bound allows growth but does not force it; what decides is saturation: this "
        "run's mean |φ′| is 0.21, against the bound γ = 1. Here ‖∂L/∂h_0‖ / ‖∂L/∂h_T‖ vanished (×1e-9) "
        "over 20 steps."
    )


def test_a_real_saturated_run_reports_its_mean_slope() -> None:
    from tutor.evidence.text import format_number as fmt

    result = registry.run("rnn", {"activation": "tanh", "scale": 3.0, "steps": 30}, seed=0)
    slope = result.scalars["mean_abs_slope"]
    assert 0 < slope < 1
    assert f"this run's mean |φ′| is {fmt(slope)}" in explain(result)


def test_explanations_fall_back_to_the_ratios_when_a_scalar_is_missing() -> None:
    bare = Result("rnn", "simulation", {"steps": 5}, 0, "", scalars={"first_over_last": 20.0})
    assert explain(bare) == "Here: the gradient exploded (×20)."
    other = Result("new-sim", "simulation", {}, 0, "",
                   scalars={"first_over_last[a]": 0.01, "first_over_last[b]": 1.0})
    assert explain(other) == "Here: a vanished (×0.01), b kept its size (×1)."
    assert explain(Result("new-sim", "simulation", {}, 0, "")) == ""


def test_verdicts_use_the_readings_thresholds() -> None:
    assert [verdict(r) for r in (0.099, 0.1, 0.5, 0.51, 1.96, 2.0, 4.79, 10.0, 10.01, float("nan"))] == [
        "vanished (×0.099)", "shrank (×0.1)", "shrank (×0.5)", "kept its size (×0.51)", "kept its size (×1.96)",
        "grew (×2)", "grew (×4.79)", "grew (×10)", "exploded (×10)", "undefined (0/0)"]


def test_every_simulation_has_an_explanation_of_its_own() -> None:
    from tutor.evidence.explain import _RULES

    assert set(_RULES) == {spec.name for spec in registry.all_specs("simulation")}


def run(params: dict, seed: int = 0, name: str = "rnn") -> Result:
    line = Series("grad_norm", [0, 1], [params.get("scale", 1.0), 1.0], label="‖g‖")
    return Result(name, "simulation", params, seed, "", plots=(Plot("t", "x", "y", (line,)),))


def test_pinned_runs_are_overlaid_with_labels_that_say_how_they_differ() -> None:
    current, first, second = run({"scale": 1.0, "steps": 5}), run({"scale": 0.5, "steps": 5}), run(
        {"scale": 1.0, "steps": 5}, seed=3)
    [plot] = overlay(current, [first, second, run({}, name="lstm")])
    assert [(s.name, s.display_label, list(s.y)) for s in plot.series] == [
        ("grad_norm", "‖g‖", [1.0, 1.0]),
        ("pin1:grad_norm", "#1 ‖g‖", [0.5, 1.0]),
        ("pin2:grad_norm", "#2 ‖g‖", [1.0, 1.0]),
    ]
    assert difference(first, current) == "scale=0.5"
    assert difference(second, current) == "seed 3"
    assert difference(current, current) == "same parameters"
    assert difference(run({"scales": (0.5, 1.25)}), run({"scales": (1.0,)})) == "scales=0.5,1.25"


def test_an_export_is_what_tutor_sim_prints(tmp_path, capsys: pytest.CaptureFixture[str]) -> None:
    params = {"steps": 10, "hidden": 4, "scale": 0.9}
    result = registry.run("rnn", params, seed=2)
    saved = export_run(result, tmp_path / "exports", datetime(2026, 3, 1, 9, 5, 7, tzinfo=UTC))
    assert saved.json_path == tmp_path / "exports" / "rnn-seed2-20260301-090507.json"
    assert main(["sim", "rnn", "--steps", "10", "--hidden", "4", "--scale", "0.9", "--seed", "2", "--json"]) == 0
    assert json.loads(saved.json_path.read_text()) == json.loads(capsys.readouterr().out)
    text = saved.text_path.read_text()
    assert text.startswith("Vanilla RNN, exact BPTT  [rnn]\nparams: steps=10")
    assert "Vanilla RNN: gradient norm back through time" in text and "\x1b[" not in text


def test_gated_explanations_follow_the_gate_that_keeps_the_path() -> None:
    lstm = Result("lstm", "simulation", {"steps": 10}, 0, "", scalars={"mean_forget_gate": 0.9,
                                                                      "first_over_last": 0.3})
    assert explain(lstm) == ("The cell path multiplies the gradient by f_t at each step: mean f = 0.9, so about "
                             "0.9^10 = 0.349 over 10 steps. Here it shrank (×0.3).")
    gru = Result("gru", "simulation", {"steps": 10}, 0, "", scalars={"mean_update_gate": 0.2,
                                                                    "first_over_last": 0.05})
    assert explain(gru) == ("The state path multiplies the gradient by 1 − z_t at each step (z near 0 keeps "
                            "h_t−1): mean z = 0.2, so about 0.8^10 = 0.107 over 10 steps. Here it vanished (×0.05).")
