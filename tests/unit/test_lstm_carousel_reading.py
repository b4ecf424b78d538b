"""The carousel run (recurrent weights 0, forget gate open) says its setting instead of
calling the cut hidden path 'vanishing'."""

from __future__ import annotations

from tutor.evidence import registry


def test_the_isolated_cell_path_is_read_as_the_setting_not_as_vanishing() -> None:
    result = registry.run("lstm", {"scale": 0, "forget_bias": 10, "input_scale": 0, "steps": 50}, seed=0)
    assert 0.99 < result.scalars["first_over_last"] < 1.01
    assert result.scalars["hidden_first_over_last"] == 0
    assert "vanishing" not in result.reading
    assert result.reading.endswith("‖∂L/∂h_t‖ is 0 before the last step by construction: with the recurrent "
                                   "weights at 0 (scale = 0) the only path back in time is the cell path")


def test_with_recurrent_weights_the_hidden_path_is_read_from_the_run() -> None:
    result = registry.run("lstm", {"scale": 1.0, "steps": 30}, seed=0)
    assert "by construction" not in result.reading and "‖∂L/∂h_t‖ " in result.reading
