"""Gated cells, clipping and residual connections: the derived formulas agree with
finite differences of independent NumPy models at seeded random values."""

from __future__ import annotations

from functools import cache

import numpy as np
import pytest
import sympy
from derivation_numbers import assert_close, derivative_fd, evaluate, jacobian_fd, sigmoid

from tutor.evidence.derivations.functions import norm
from tutor.evidence.derivations.gated import derive_gated_paths
from tutor.evidence.derivations.remedies import derive_clipping_rule, derive_residual_jacobian

SEEDS = range(5)
gated_paths = cache(derive_gated_paths)
clipping_rule = cache(derive_clipping_rule)
residual_jacobian = cache(derive_residual_jacobian)


def _lstm_cell(c_prev, o_prev, x, p):  # noqa: ANN001, ANN202 - works for floats and arrays
    h = o_prev * np.tanh(c_prev)
    f = sigmoid(p["w_f"] * h + p["u_f"] * x + p["b_f"])
    i = sigmoid(p["w_i"] * h + p["u_i"] * x + p["b_i"])
    g = np.tanh(p["w_g"] * h + p["u_g"] * x + p["b_g"])
    return f * c_prev + i * g, (f, i, g)


def _gru_cell(h_prev, x, p):  # noqa: ANN001, ANN202
    z = sigmoid(p["w_z"] * h_prev + p["u_z"] * x + p["b_z"])
    r = sigmoid(p["w_r"] * h_prev + p["u_r"] * x + p["b_r"])
    n = np.tanh(p["w_n"] * (r * h_prev) + p["u_n"] * x + p["b_n"])
    return (1 - z) * h_prev + z * n, (z, r, n)


def _parameters(cell: str, rng: np.random.Generator) -> dict[str, float]:
    names = gated_paths(cell).formulas["model"]["inputs"]
    return {name: float(value) for name, value in zip(names, rng.normal(size=len(names)))}


@pytest.mark.parametrize("seed", SEEDS)
def test_lstm_cell_derivative_matches_finite_differences(seed: int) -> None:
    rng = np.random.default_rng(seed)
    p = _parameters("lstm", rng)
    c_prev, o_prev = rng.normal(), rng.uniform(0.1, 0.9)
    expected = derivative_fd(lambda c: _lstm_cell(c, o_prev, p["x"], p)[0], c_prev)
    _, (f, i, g) = _lstm_cell(c_prev, o_prev, p["x"], p)
    values = {**{f"{k}_t" if k == "x" else k: v for k, v in p.items()}, "c_t-1": c_prev, "o_t-1": o_prev}
    values |= {"f_t": f, "i_t": i, "g_t": g, "q": o_prev * (1 - np.tanh(c_prev) ** 2)}
    formulas = gated_paths("lstm").formulas
    assert_close(evaluate(formulas["derivative"], values), expected)
    for name in ("named_derivative", "gathered"):
        assert_close(evaluate(formulas[name].rhs, values), expected)


@pytest.mark.parametrize("seed", SEEDS)
def test_gru_cell_derivative_matches_finite_differences(seed: int) -> None:
    rng = np.random.default_rng(seed)
    p = _parameters("gru", rng)
    h_prev = rng.normal()
    expected = derivative_fd(lambda h: _gru_cell(h, p["x"], p)[0], h_prev)
    _, (z, r, n) = _gru_cell(h_prev, p["x"], p)
    values = {**{f"{k}_t" if k == "x" else k: v for k, v in p.items()}, "h_t-1": h_prev}
    values |= {"z_t": z, "r_t": r, "n_t": n}
    formulas = gated_paths("gru").formulas
    assert_close(evaluate(formulas["derivative"], values), expected)
    assert_close(evaluate(formulas["named_derivative"].rhs, values), expected)


@pytest.mark.parametrize("cell", ["lstm", "gru"])
@pytest.mark.parametrize("seed", SEEDS)
def test_additive_path_is_all_that_is_left_without_recurrent_gate_weights(cell: str, seed: int) -> None:
    rng = np.random.default_rng(seed)
    p = _parameters(cell, rng)
    p |= {name: 0.0 for name in (("w_f", "w_i", "w_g") if cell == "lstm" else ("w_z", "w_r", "w_n"))}
    units = rng.normal(size=2)
    if cell == "lstm":
        step = lambda c: _lstm_cell(c, 0.7, p["x"], p)[0]  # noqa: E731
        gate = _lstm_cell(units, 0.7, p["x"], p)[1][0]
        values = {"f_t": gate[0], "f_1": gate[0], "f_2": gate[1]}
    else:
        step = lambda h: _gru_cell(h, p["x"], p)[0]  # noqa: E731
        gate = _gru_cell(units, p["x"], p)[1][0]
        values = {"z_t": gate[0], "z_1": gate[0], "z_2": gate[1]}
    formulas = gated_paths(cell).formulas
    jacobian = jacobian_fd(step, units)  # two independent units: a diagonal Jacobian
    assert_close(evaluate(formulas["additive_path"].rhs, values), jacobian[0, 0])
    assert_close(evaluate(formulas["vector_path"].rhs, values), jacobian)


# -- clipping ------------------------------------------------------------------------------


@pytest.mark.parametrize("seed", SEEDS)
def test_clipping_formulas_match_numpy(seed: int) -> None:
    rng = np.random.default_rng(seed)
    g = rng.normal(size=3) * 10
    tau = float(np.linalg.norm(g)) * rng.uniform(0.05, 0.9)
    clipped = g * tau / np.linalg.norm(g)
    values = {"g_1": g[0], "g_2": g[1], "g_3": g[2], "tau": tau}
    formulas = clipping_rule().formulas
    np.testing.assert_allclose(evaluate(formulas["clipped"], values).ravel(), clipped, rtol=1e-12)
    assert evaluate(formulas["clipped_norm"].rhs, values) == pytest.approx(np.linalg.norm(clipped), rel=1e-12)
    cosine = clipped @ g / (np.linalg.norm(clipped) * np.linalg.norm(g))
    assert evaluate(formulas["cosine"].rhs, values) == pytest.approx(cosine, rel=1e-12)
    assert evaluate(formulas["ratio"].rhs, values) == pytest.approx(clipped[0] / clipped[1], rel=1e-12)
    assert clipping_rule().scalars == {"norm_after_over_tau": 1.0, "cosine_after_clipping": 1.0}


@pytest.mark.parametrize("seed", SEEDS)
def test_below_threshold_the_factor_is_at_least_one(seed: int) -> None:
    rng = np.random.default_rng(seed)
    length, margin = rng.uniform(0.1, 5.0), rng.uniform(0.0, 3.0)
    last = clipping_rule().steps[-1].expression
    norm_g = norm(sympy.Symbol("g"))
    values = {"tau": length + margin, "e": margin}
    lhs = evaluate(last.lhs.xreplace({norm_g: length}), values)
    rhs = evaluate(last.rhs.xreplace({norm_g: length}), values)
    assert lhs == pytest.approx(rhs, rel=1e-12) and rhs >= 0
    assert min(1.0, (length + margin) / length) == 1.0


# -- residual connections ------------------------------------------------------------------


@pytest.mark.parametrize("seed", SEEDS)
def test_residual_jacobian_matches_finite_differences(seed: int) -> None:
    rng = np.random.default_rng(seed)
    V, c, x = rng.normal(size=(2, 2)), rng.normal(size=2), rng.normal(size=2)
    expected = jacobian_fd(lambda v: v + np.tanh(V @ v + c), x)
    x1, x2 = sympy.symbols("x_1 x_2", real=True)
    concrete = {
        sympy.Function(f"F_{i + 1}"): sympy.Lambda((x1, x2), sympy.tanh(V[i, 0] * x1 + V[i, 1] * x2 + c[i]))
        for i in range(2)
    }
    jacobian = residual_jacobian().formulas["jacobian"].rhs
    for function, body in concrete.items():
        jacobian = jacobian.replace(function, body)
    derived = evaluate(jacobian.doit(), {"x_1": x[0], "x_2": x[1]})
    assert_close(derived, expected)


@pytest.mark.parametrize("seed", SEEDS)
def test_expanded_residual_stack_matches_the_numpy_product(seed: int) -> None:
    rng = np.random.default_rng(seed)
    blocks = {f"A_{depth}": rng.normal(size=(3, 3)) for depth in (1, 2, 3)}
    expected = np.eye(3)
    for depth in (1, 2, 3):  # block 1 acts first, so its factor is rightmost
        expected = (np.eye(3) + blocks[f"A_{depth}"]) @ expected
    stack = residual_jacobian().formulas["stack"].rhs
    symbols = {m.name: m for m in stack.atoms(sympy.MatrixSymbol)}
    stack = stack.subs(symbols["A_1"].shape[0], 3)
    symbols = {m.name: m for m in stack.atoms(sympy.MatrixSymbol)}
    concrete = stack.xreplace({symbols[name]: sympy.ImmutableMatrix(m) for name, m in blocks.items()})
    assert_close(np.array(concrete.doit().as_explicit(), dtype=float), expected, rtol=1e-12)


@pytest.mark.parametrize("seed", SEEDS)
def test_small_blocks_keep_the_residual_product_near_one(seed: int) -> None:
    slopes = np.random.default_rng(seed).normal(size=3)
    formulas = residual_jacobian().formulas
    for epsilon in (1e-2, 1e-3):
        values = {"epsilon": epsilon} | {f"b_{i + 1}": s for i, s in enumerate(slopes)}
        residual = float(np.prod(1 + epsilon * slopes))
        assert evaluate(formulas["residual_series"].lhs, values) == pytest.approx(residual, rel=1e-12)
        first_order = evaluate(formulas["residual_series"].rhs.removeO(), values)
        assert abs(residual - first_order) <= 3 * (epsilon * np.abs(slopes).max()) ** 2
        plain = evaluate(formulas["plain_product"].rhs, values)
        assert plain == pytest.approx(float(np.prod(epsilon * slopes)), rel=1e-12)
    assert residual_jacobian().scalars == {
        "residual_product_small_blocks": 1.0,
        "plain_product_small_blocks": 0.0,
    }
