"""Every derivation in the catalog runs through the registry and renders: ordered steps
with words, a justification, Unicode (wrapped at 76 columns) and LaTeX, JSON-able
results, a one-line reading, and the declared scalars with their exact values."""

from __future__ import annotations

import json
from functools import cache
from typing import Any

import pytest

from tutor.evidence import registry
from tutor.evidence.derivations.printing import WRAP_COLUMNS
from tutor.evidence.result import Result

NINE = (
    "scalar-step",
    "jacobian-matrix",
    "bptt-chain",
    "activation-bounds",
    "norm-bound",
    "gated-paths",
    "clipping-rule",
    "residual-jacobian",
    "tbptt-paths",
)


def _every_params() -> list[tuple[str, dict[str, Any]]]:
    """Each derivation with each allowed value of its (single) parameter."""
    cases: list[tuple[str, dict[str, Any]]] = []
    for spec in registry.all_specs("derivation"):
        if not spec.params:
            cases.append((spec.name, {}))
            continue
        (param,) = spec.params
        values = param.choices if param.kind == "choice" else range(int(param.low), int(param.high) + 1)
        cases.extend((spec.name, {param.name: value}) for value in values)
    return cases


@cache
def _run(name: str, frozen: tuple[tuple[str, Any], ...]) -> Result:
    return registry.run(name, dict(frozen))


def run(name: str, params: dict[str, Any] | None = None) -> Result:
    return _run(name, tuple(sorted((params or {}).items())))


def test_the_catalog_declares_the_nine_derivations() -> None:
    assert tuple(spec.name for spec in registry.all_specs("derivation")) == NINE


@pytest.mark.parametrize(("name", "params"), _every_params())
def test_each_derivation_renders_readable_steps(name: str, params: dict[str, Any]) -> None:
    result = run(name, params)
    assert result.kind == "derivation" and result.name == name and result.seed is None
    assert len(result.steps) >= 2
    for step in result.steps:
        assert step.statement.strip() and step.justification.strip()
        assert step.unicode.strip() and step.latex.strip()
        assert step.expression is not None
        assert max(len(line) for line in step.unicode.splitlines()) <= WRAP_COLUMNS
        assert "Subs(" not in step.unicode and "Lambda(" not in step.unicode
    assert result.reading.strip() and "\n" not in result.reading
    data = json.loads(json.dumps(result.to_json_dict()))
    assert [s["latex"] for s in data["steps"]] == [s.latex for s in result.steps]
    declared = set(registry.get(name).scalars)
    assert set(result.scalars) <= declared


@pytest.mark.parametrize("name", NINE)
def test_default_run_has_every_declared_scalar(name: str) -> None:
    assert set(run(name).scalars) == set(registry.get(name).scalars)


@pytest.mark.parametrize(
    ("name", "params", "expected"),
    [
        ("scalar-step", {"activation": "tanh"}, {"max_abs_derivative_per_w": 1.0}),
        ("scalar-step", {"activation": "sigmoid"}, {"max_abs_derivative_per_w": 0.25}),
        (
            "activation-bounds",
            {},
            {
                "max_sigmoid_prime": 0.25,
                "argmax_sigmoid_prime": 0.0,
                "max_tanh_prime": 1.0,
                "argmax_tanh_prime": 0.0,
                "max_relu_prime": 1.0,
            },
        ),
        ("activation-bounds", {"activation": "relu"}, {"max_relu_prime": 1.0}),
        ("bptt-chain", {"span": 3}, {"paths_per_entry": 4.0, "weights_per_path": 3.0}),
        ("clipping-rule", {}, {"norm_after_over_tau": 1.0, "cosine_after_clipping": 1.0}),
        (
            "residual-jacobian",
            {},
            {"residual_product_small_blocks": 1.0, "plain_product_small_blocks": 0.0},
        ),
        ("tbptt-paths", {"window": 3}, {"paths_total": 5.0, "paths_kept": 3.0, "min_factors_dropped": 3.0}),
    ],
)
def test_exact_scalars(name: str, params: dict[str, Any], expected: dict[str, float]) -> None:
    assert run(name, params).scalars == expected


def test_norm_bound_example_scalars() -> None:
    scalars = run("norm-bound").scalars
    assert scalars["bound_limit_below_threshold"] == 0.0
    assert scalars["example_spectral_radius"] == 0.9
    assert scalars["example_sigma_max"] == pytest.approx(2.3136896945657, rel=1e-12)
    assert scalars["example_peak_step"] == 6.0
    assert scalars["example_peak_norm"] == pytest.approx(5.41837961214, rel=1e-10)


def test_jacobian_matrix_shows_both_layouts() -> None:
    latex = [step.latex for step in run("jacobian-matrix").steps]
    assert any(r"= W_{hh}^{T} \operatorname{diag}\left(\phi'\left(a_{k}\right)\right)" in s for s in latex)
    assert r"J_{k} = \operatorname{diag}\left(\phi'\left(a_{k}\right)\right) W_{hh}" in latex
    unicode = "\n".join(step.unicode for step in run("jacobian-matrix", {"size": 3}).steps)
    assert "Jₖ = diag(φ'(aₖ))⋅Wₕₕ" in unicode and "w₃₃⋅φ'(a₃)" in unicode


def test_scalar_step_reads_in_terms_of_the_new_state() -> None:
    tanh_steps = "\n".join(step.unicode for step in run("scalar-step", {"activation": "tanh"}).steps)
    assert "w⋅⎝1 - hₖ ⎠" in tanh_steps
    sigmoid_steps = [step.latex for step in run("scalar-step", {"activation": "sigmoid"}).steps]
    assert r"\frac{d}{d h_{k-1}} h_{k} = h_{k} w \left(1 - h_{k}\right)" in sigmoid_steps


def test_gated_paths_show_the_additive_terms() -> None:
    lstm = run("gated-paths", {"cell": "lstm"}).steps
    assert any(step.latex.endswith("= f_{t}") for step in lstm)
    gru = run("gated-paths", {"cell": "gru"}).steps
    assert any(step.latex.endswith("= 1 - z_{t}") for step in gru)


def test_long_sums_break_between_terms() -> None:
    chain = run("bptt-chain", {"span": 4}).steps
    wrapped = [s.unicode for s in chain if len(s.unicode.splitlines()) > 3]
    assert wrapped and all("↪" not in text for text in wrapped)
    continuation = [line for text in wrapped for line in text.splitlines() if line.startswith("     + ")]
    assert continuation


@pytest.mark.parametrize("name", NINE)
def test_cancellation_stops_a_derivation(name: str) -> None:
    with pytest.raises(registry.Cancelled):
        registry.run(name, should_cancel=lambda: True)
