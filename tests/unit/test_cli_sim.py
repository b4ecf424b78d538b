"""`tutor sim`: the listing, every simulation from the command line, and the rnn JSON contract."""

from __future__ import annotations

import json

import numpy as np
import pytest

from tutor.cli import main
from tutor.evidence import registry

SIMULATIONS = [spec.name for spec in registry.all_specs("simulation")]
QUICK = {"adding-problem": ["--iterations", "5", "--steps", "10"]}


def test_list_shows_every_simulation_with_parameters(capsys):
    assert main(["sim", "--list"]) == 0
    out = capsys.readouterr().out
    assert len(SIMULATIONS) == 19
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
