"""Readings never state something their own run contradicts: a power written with a base that
rounds to 1, 'roughly preserved' next to ×4.79, a dot that 'ends', a 'sweep' of one value."""

from __future__ import annotations

import math

from tutor.evidence import registry
from tutor.evidence.explain import explain
from tutor.evidence.plot_layout import layout_plot, legend_text
from tutor.evidence.result import Plot, Result, Series
from tutor.evidence.sims.report import change_phrase
from tutor.evidence.text import format_result, power_text


def test_a_power_shows_its_base_with_the_digits_that_make_the_arithmetic_hold() -> None:
    assert power_text(0.99996, 50) == ("0.99996", "0.998")
    assert power_text(0.9, 10) == ("0.9", "0.349")
    assert power_text(1.0, 50) == ("1", "1")
    lstm = Result("lstm", "simulation", {"steps": 50}, 0, "",
                  scalars={"mean_forget_gate": 0.99996, "first_over_last": 0.998})
    assert explain(lstm) == ("The cell path multiplies the gradient by f_t at each step: mean f = 0.99996, so "
                             "about 0.99996^50 = 0.998 over 50 steps. Here it kept its size (×0.998).")
    gru = Result("gru", "simulation", {"steps": 50}, 0, "",
                 scalars={"mean_update_gate": 4e-5, "first_over_last": 0.998})
    assert "mean z = 4e-5, so about 0.99996^50 = 0.998 over 50 steps" in explain(gru)


def test_the_rnn_bound_is_written_so_its_own_arithmetic_holds() -> None:
    rnn = Result("rnn", "simulation", {"steps": 2000, "activation": "tanh"}, 0, "",
                 scalars={"gamma_sigma_max": 0.9995, "first_over_last": 1e-3})
    assert explain(rnn).startswith("γ·σ_max = 0.9995 < 1: each step shrinks the gradient by at least that "
                                   "factor, so it must vanish (bound 0.9995^2000 = 0.368).")


def test_a_change_is_called_preserved_only_within_a_factor_of_two() -> None:
    assert change_phrase(4.79, 50) == "grows to 4.79 × its size over 50 steps (growing, not yet exploding)"
    assert change_phrase(0.3, 50) == "shrinks to 0.3 × its size over 50 steps (shrinking, not yet vanishing)"
    assert change_phrase(1.2, 50) == "grows to 1.2 × its size over 50 steps (roughly preserved)"
    assert change_phrase(0.05, 50) == "shrinks to 0.05 × its size over 50 steps (vanishing)"
    assert change_phrase(20.0, 50) == "grows to 20 × its size over 50 steps (exploding)"


def test_a_line_drawn_as_one_dot_does_not_end_anywhere() -> None:
    overflowed = Series("grad", list(range(6)), [math.inf] * 5 + [1.0], "‖∂L/∂h_t‖", overflow_step=4)
    underflowed = Series("tiny", list(range(4)), [0.0, 0.0, 0.0, 1.0], "tiny")
    plot = Plot("g", "time step t", "norm", (overflowed, underflowed), distance_label="steps back, T − t")
    layout = layout_plot(plot, rows=10)
    assert [line.legend for line in layout.lines] == [
        "‖∂L/∂h_t‖: one point only, 1; the rest overflowed",
        "tiny: one point only, 1; the rest is 0, below any log axis",
    ]
    assert [line.end_label for line in layout.lines] == ["", ""]
    assert legend_text(layout, 200).startswith("⠤⠤ ‖∂L/∂h_t‖: one point only, 1; the rest overflowed   •• tiny")


def test_a_sweep_of_one_value_is_not_titled_a_sweep() -> None:
    spec = registry.get("spectral-sweep")
    assert spec.title_for({"scales": (0.5,)}) == "Gradient norm vs time at one W_hh scale, 0.5"
    assert spec.title_for({"scales": (0.5, 0.9)}) == "Gradient norm vs time for a sweep of W_hh scales"
    assert registry.get("lyapunov").title_for({"scales": (1.5,)}) == (
        "Largest Lyapunov exponent at one gain of W, 1.5")
    result = registry.run("spectral-sweep", {"scales": (0.5,), "steps": 10, "hidden": 4}, seed=0)
    assert format_result(result).startswith("Gradient norm vs time at one W_hh scale, 0.5  [spectral-sweep]")


def test_every_sweep_names_a_parameter_of_its_simulation() -> None:
    for spec in registry.all_specs("simulation"):
        if spec.sweep:
            assert spec.param(spec.sweep) is not None, spec.name
            assert "{value}" in spec.single_title, spec.name
