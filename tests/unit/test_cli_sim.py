"""`tutor sim`: the listing, every simulation from the command line, and the rnn JSON contract."""

from __future__ import annotations

import json
import sys

import numpy as np
import pytest

from tutor.cli import main
from tutor.evidence import registry

SIMULATIONS = [spec.name for spec in registry.all_specs("simulation")]
QUICK = {"adding-problem": ["--iterations", "5", "--steps", "10"]}


def test_list_shows_every_simulation_with_parameters(capsys):
    assert main(["sim", "--list"]) == 0
    out = capsys.readouterr().out
    assert len(SIMULATIONS) == 24
    for name in SIMULATIONS:
        assert f"\n{name}: " in "\n" + out
    assert "--steps (1..10000; default 50): sequence length T (time steps)" in out


@pytest.mark.parametrize("name", SIMULATIONS)
def test_every_simulation_prints_a_summary_and_a_plot(name, capsys):
    assert main(["sim", name, *QUICK.get(name, []), "--width", "60", "--height", "12"]) == 0
    out = capsys.readouterr().out
    title = registry.get(name).title
    assert out.startswith(f"{title}  [{name}]\n")
    assert "\nreading: " in out
    assert "\nseed: 0\n" in out
    plot_rows = out.split("\n\n", 1)[1].splitlines()
    assert len(plot_rows) >= 10 and max(len(row) for row in plot_rows) <= 60


@pytest.mark.parametrize("name", SIMULATIONS)
def test_every_simulation_has_json(name, capsys):
    assert main(["sim", name, *QUICK.get(name, []), "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["name"] == name and data["kind"] == "simulation" and data["seed"] == 0
    assert data["plots"] and all(series["y"] for plot in data["plots"] for series in plot["series"])


def test_rnn_json_lets_anyone_recompute_the_gradient_norms(capsys):
    assert main(["sim", "rnn", "--steps", "12", "--hidden", "5", "--input", "3", "--batch", "2", "--json", "--seed", "4"]) == 0
    data = json.loads(capsys.readouterr().out)
    inputs = data["inputs"]
    W_hh, W_xh, b = np.array(inputs["W_hh"]), np.array(inputs["W_xh"]), np.array(inputs["b"])
    x, h0, g = np.array(inputs["x"]), np.array(inputs["h0"]), np.array(inputs["dL_dhT"])
    assert (W_hh.shape, W_xh.shape, b.shape, x.shape, h0.shape, g.shape) == ((5, 5), (5, 3), (5,), (12, 3), (5,), (5,))
    assert inputs["activation"] == "tanh"
    # An independent forward and backward pass in the column-vector convention of the notes.
    states = [h0]
    for t in range(12):
        states.append(np.tanh(W_hh @ states[-1] + W_xh @ x[t] + b))
    grad = g
    norms = [np.linalg.norm(grad)]
    for t in range(12, 0, -1):
        grad = W_hh.T @ (grad * (1 - states[t] ** 2))
        norms.append(np.linalg.norm(grad))
    expected = norms[::-1]
    assert len(data["outputs"]["grad_norms"]) == 13
    np.testing.assert_allclose(data["outputs"]["grad_norms"], expected, rtol=1e-12)


def test_overflow_is_reported_not_raised(capsys):
    assert main(["sim", "rnn", "--activation", "linear", "--scale", "10", "--steps", "400", "--no-plot"]) == 0
    out = capsys.readouterr().out
    assert "overflow" in out.lower()


def test_a_run_too_large_for_memory_is_one_sentence(capsys):
    assert main(["sim", "rnn", "--steps", "10000", "--hidden", "1024", "--batch", "4096"]) == 2
    captured = capsys.readouterr()
    assert captured.out == ""
    assert captured.err == (
        "tutor sim: rnn: this RNN run needs 938.7 GiB of buffers (limit 2 GiB); reduce steps, batch or hidden\n"
    )


def test_json_is_indented_at_a_terminal_and_one_line_in_a_pipe(capsys, monkeypatch):
    arguments = ["sim", "rnn", "--steps", "5", "--hidden", "2", "--input", "1", "--batch", "1", "--json"]
    assert main(arguments) == 0
    piped = capsys.readouterr().out
    assert piped.count("\n") == 1 and piped.startswith('{"name": "rnn", "kind": "simulation"')
    monkeypatch.setattr(sys.stdout, "isatty", lambda: True)
    assert main(arguments) == 0
    shown = capsys.readouterr().out
    assert shown.startswith('{\n  "name": "rnn",\n  "kind": "simulation",\n')
    assert json.loads(shown) == json.loads(piped)


def _tick_labels(plot_text: str) -> list[str]:
    """The labels under the x axis, right of where it starts (plotext may print the lowest
    y tick, `1e-1`, on that line too, left of the axis)."""
    lines = plot_text.splitlines()
    axis = next(index for index, line in enumerate(lines) if "└" in line)
    labels = lines[axis + 1].split()
    return labels[1:] if labels[0].startswith("1e") else labels


def test_time_steps_get_whole_number_ticks(capsys):
    assert main(["sim", "rnn", "--steps", "50", "--width", "78", "--height", "14"]) == 0
    assert _tick_labels(capsys.readouterr().out) == ["0", "10", "20", "30", "40", "50"]
    assert main(["sim", "rnn", "--steps", "5", "--width", "78", "--height", "14"]) == 0
    assert _tick_labels(capsys.readouterr().out) == ["0", "1", "2", "3", "4", "5"]
    assert main(["sim", "rnn", "--steps", "7", "--width", "78", "--height", "14"]) == 0
    assert _tick_labels(capsys.readouterr().out) == ["0", "2", "4", "6"]  # at most 7 ticks


def test_an_axis_of_fractions_keeps_fractional_ticks():
    from tutor.evidence.plot_text import render_plot
    from tutor.evidence.result import Plot, Series

    plot = Plot("gain", "gain", "y", (Series("a", [0.5, 1.0, 1.5, 2.0], [1.0, 2.0, 3.0, 4.0]),), log_y=False)
    assert _tick_labels(render_plot(plot, width=60, height=10)) == ["0.50", "0.88", "1.25", "1.62", "2.00"]
