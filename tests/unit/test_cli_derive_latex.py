"""`tutor derive NAME --latex`: a whole document that pdflatex compiles as printed."""

from __future__ import annotations

import itertools
import shutil
import subprocess

import pytest

from tests.unit.latex_check import latex_problems
from tutor.cli import main
from tutor.evidence import registry
from tutor.evidence.derivations.latex_document import prose_to_latex

DERIVATIONS = [spec.name for spec in registry.all_specs("derivation")]


def _document(name: str, capsys, *params: str) -> str:
    assert main(["derive", name, *params, "--latex"]) == 0
    captured = capsys.readouterr()
    assert captured.err == ""
    return captured.out


@pytest.mark.parametrize("name", DERIVATIONS)
def test_every_derivation_is_a_clean_document(name, capsys):
    document = _document(name, capsys)
    assert document.startswith("\\documentclass[11pt]{article}\n")
    assert document.endswith("\\end{enumerate}\n\\end{document}\n")
    assert f"\\section*{{{name}: " in document
    assert latex_problems(document) == []
    assert document.count("\\item ") == document.count("\\begin{stepformula}") == document.count("\\end{stepformula}") > 0


def _every_variant() -> list[tuple[str, dict]]:
    """Each derivation with every combination of its parameters' values."""
    variants = []
    for spec in registry.all_specs("derivation"):
        values = [
            [(param.name, value) for value in (param.choices or range(int(param.low), int(param.high) + 1))]
            for param in spec.params
        ]
        variants += [(spec.name, dict(combo)) for combo in itertools.product(*values)]
    return variants


@pytest.mark.parametrize(("name", "params"), _every_variant())
def test_every_variant_of_every_derivation_is_clean(name, params):
    from tutor.evidence.derivations.cache import run_cached
    from tutor.evidence.derivations.latex_document import latex_document

    result = run_cached(name, params)
    document = latex_document(result, registry.get(name).title)
    assert latex_problems(document) == []
    assert document.count("\\begin{stepformula}") == len(result.steps)


def test_parameters_are_shown_escaped(capsys):
    document = _document("activation-bounds", capsys, "--activation", "sigmoid")
    assert "\\textbf{Parameters:} activation = sigmoid\n" in document
    assert latex_problems(document) == []


@pytest.mark.parametrize(
    ("prose", "latex"),
    [
        ("definition: h_k = φ(a_k), a_k = w·h_{k−1} + u·x_k + b",
         r"definition: $h_{k} = \phi(a_{k})$, $a_{k} = w\cdot h_{k-1} + u\cdot x_{k} + b$"),
        ("Over T − t steps the factors multiply", r"Over $T - t$ steps the factors multiply"),
        ("‖diag(v)‖₂ = max|vᵢ| ≤ γ", r"$\|\operatorname{diag}(v)\|_{2} = \max |v_{i}| \leq \gamma$"),
        ("bounded by (γ|w|)^(T−t): it vanishes", r"bounded by $(\gamma|w|)^{T-t}$: it vanishes"),
        ("with d⁽ʲ⁾ᵢ and W_hhᵀ·diag(φ'(a))", r"with $d^{(j)}_{i}$ and $W_{hh}^{T}\cdot \operatorname{diag}(\phi'(a))$"),
        ("at a = 0; a 100% sure #1 & only_one {set}",
         r"at $a = 0$; a 100\% sure \#1 \& $only_{one}$ \{set\}"),
        ("drops every path — exactly the long ones …", r"drops every path --- exactly the long ones \ldots{}"),
        ("(ρ = 0.9 < 1 < σ_max ≈ 2.31 still vanishes)",
         r"$(\rho = 0.9 < 1 < \sigma_{\max } \approx 2.31$ still vanishes)"),
    ],
)
def test_prose_becomes_text_with_inline_math(prose, latex):
    assert prose_to_latex(prose) == latex
    assert latex_problems("\\begin{document}" + latex) == []


def test_the_check_catches_what_stops_pdflatex():
    assert latex_problems("\\begin{document} a_k and φ") == [
        "line 1: non-ASCII 'φ'",
        "line 1: unescaped '_' in text mode",
    ]
    assert latex_problems("\\begin{document} $x & y$ 50%") == [
        "line 1: '&' in inline math",
        "line 1: unescaped '%' in text mode",
    ]
    assert latex_problems("\\begin{document} $x") == ["math left open at the end: $"]


PDFLATEX = shutil.which("pdflatex")


@pytest.mark.skipif(PDFLATEX is None, reason="pdflatex is not installed: the engine-free check above still ran")
@pytest.mark.parametrize(
    ("name", "params"),
    [("scalar-step", []), ("jacobian-matrix", ["--size", "3"]), ("norm-bound", []), ("clipping-rule", []),
     ("gated-paths", ["--cell", "gru"])],
)
def test_pdflatex_compiles_it(name, params, capsys, tmp_path):
    (tmp_path / f"{name}.tex").write_text(_document(name, capsys, *params), encoding="ascii")
    done = subprocess.run(
        [PDFLATEX, "-interaction=nonstopmode", "-halt-on-error", f"{name}.tex"],
        cwd=tmp_path, capture_output=True, text=True, timeout=120, check=False,
    )
    assert done.returncode == 0, done.stdout[-2000:]
    assert (tmp_path / f"{name}.pdf").stat().st_size > 1000
    log = (tmp_path / f"{name}.log").read_text(encoding="latin-1")
    assert "Missing character" not in log and "Overfull \\hbox" not in log
