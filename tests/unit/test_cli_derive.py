"""`tutor derive`: the listing, readable steps, LaTeX and JSON."""

from __future__ import annotations

import json

from tutor.cli import main
from tutor.evidence import registry


def test_list_names_all_nine(capsys):
    assert main(["derive", "--list"]) == 0
    out = capsys.readouterr().out
    names = [spec.name for spec in registry.all_specs("derivation")]
    assert len(names) == 9
    for name in names:
        assert f"\n{name}: " in "\n" + out


def test_steps_latex_and_json(capsys):
    assert main(["derive", "activation-bounds", "--activation", "sigmoid"]) == 0
    text = capsys.readouterr().out
    assert text.startswith("max σ' = 1/4 at a = 0")
    assert "1. Definition of σ." in text and "(chain rule (SymPy diff))" in text

    assert main(["derive", "scalar-step", "--latex"]) == 0
    latex = capsys.readouterr().out
    assert latex.startswith("\\documentclass") and "\\begin{enumerate}\n" in latex
    assert r"\frac{d}{d h_{k-1}} h_{k} = w \left(1 - \tanh^{2}" in latex

    assert main(["derive", "activation-bounds", "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["name"] == "activation-bounds"
    assert data["scalars"]["max_sigmoid_prime"] == 0.25
    assert data["scalars"]["max_tanh_prime"] == 1.0
    assert all(step["unicode"] and step["latex"] and step["justification"] for step in data["steps"])


def test_bad_parameter_is_one_line(capsys):
    assert main(["derive", "jacobian-matrix", "--size", "7"]) == 2
    assert capsys.readouterr().err == "tutor derive: jacobian-matrix: --size: 7 is above the maximum 3\n"
