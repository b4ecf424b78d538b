"""`tutor sim gru --json` states the convention the code computes: h_t = (1 − z)·h_{t−1} + z·n."""

from __future__ import annotations

import json

import numpy as np

from tutor.cli import main
from tutor.evidence.sims.gru import GRUWeights, gru_bptt


def sigmoid(a):
    return 1 / (1 + np.exp(-a))


def test_the_json_convention_is_the_update_the_code_makes(capsys):
    assert main(["sim", "gru", "--steps", "3", "--json"]) == 0
    inputs = json.loads(capsys.readouterr().out)["inputs"]
    assert inputs["convention"].startswith("blocks (r, z, n) = torch.nn.GRU's order; h_t = (1 - z)*h_{t-1} + z*n ")
    weights = GRUWeights(*(np.asarray(inputs[key], dtype=float) for key in ("W_x", "b_x", "W_h", "b_h")))
    x = np.asarray(inputs["x"], dtype=float)[:, None, :]
    run = gru_bptt(weights, x, np.zeros((1, weights.size)))
    n, h = weights.size, np.zeros(weights.size)
    for step in range(x.shape[0]):  # the convention, written out by hand
        pre_x = weights.W_x @ x[step, 0] + weights.b_x
        pre_h = weights.W_h @ h + weights.b_h
        r = sigmoid(pre_x[:n] + pre_h[:n])
        z = sigmoid(pre_x[n:2 * n] + pre_h[n:2 * n])
        candidate = np.tanh(pre_x[2 * n:] + r * pre_h[2 * n:])
        h = (1 - z) * h + z * candidate
        np.testing.assert_allclose(run.hidden[step + 1, 0], h, rtol=1e-12, atol=1e-14)


def test_the_gated_vs_vanilla_note_gives_the_update_bias_its_sign():
    from tutor.evidence.registry import get

    assert "update-gate bias is −forget_bias" in get("gated-vs-vanilla").notes
