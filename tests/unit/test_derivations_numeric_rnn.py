"""The RNN derivations agree with numbers: seeded random values put into each derived
formula are compared with central finite differences of an independent NumPy model.

A disagreement is a failing test. Derivations run once per module (functools.cache).
"""

from __future__ import annotations

from functools import cache

import numpy as np
import pytest
import sympy
from derivation_numbers import assert_close, derivative_fd, evaluate, jacobian_fd, sigmoid

from tutor.evidence.derivations.bounds import derive_activation_bounds
from tutor.evidence.derivations.chain import derive_bptt_chain
from tutor.evidence.derivations.matrix import derive_jacobian_matrix, phi
from tutor.evidence.derivations.norms import EXAMPLE_W, derive_norm_bound
from tutor.evidence.derivations.scalar import derive_scalar_step
from tutor.evidence.derivations.truncation import HORIZON, derive_tbptt_paths

SEEDS = range(5)
NUMPY_ACTIVATION = {"tanh": np.tanh, "sigmoid": sigmoid}

scalar_step = cache(derive_scalar_step)
jacobian_matrix = cache(derive_jacobian_matrix)
bptt_chain = cache(derive_bptt_chain)
activation_bounds = cache(derive_activation_bounds)
norm_bound = cache(derive_norm_bound)
tbptt_paths = cache(derive_tbptt_paths)


def _sympy_activation(name: str) -> sympy.Lambda:
    x = sympy.Dummy("x")
    return sympy.Lambda(x, sympy.tanh(x) if name == "tanh" else 1 / (1 + sympy.exp(-x)))


def _with_activation(expr: sympy.Basic, name: str) -> sympy.Basic:
    """Replace the unknown φ by a concrete activation and evaluate its derivatives."""
    return expr.replace(phi, _sympy_activation(name)).doit()


# -- scalar step ---------------------------------------------------------------------------


@pytest.mark.parametrize("activation", ["tanh", "sigmoid"])
@pytest.mark.parametrize("seed", SEEDS)
def test_scalar_step_formulas_match_finite_differences(activation: str, seed: int) -> None:
    rng = np.random.default_rng(seed)
    w, u, b, h_prev, x = rng.normal(size=5) * [1.5, 1.0, 0.5, 1.0, 1.0]
    act = NUMPY_ACTIVATION[activation]
    expected = derivative_fd(lambda h: act(w * h + u * x + b), h_prev)
    a_k = w * h_prev + u * x + b
    values = {"w": w, "u": u, "b": b, "h_k-1": h_prev, "x_k": x, "a_k": a_k, "h_k": act(a_k)}
    formulas = scalar_step(activation).formulas
    for name in ("direct_derivative", "chain_rule", "in_terms_of_state"):
        derived = evaluate(formulas[name].rhs, values)
        assert_close(derived, expected)


@pytest.mark.parametrize(("activation", "gamma"), [("tanh", 1.0), ("sigmoid", 0.25)])
def test_scalar_step_bound_is_the_largest_slope(activation: str, gamma: float) -> None:
    derivation = scalar_step(activation)
    assert derivation.scalars["max_abs_derivative_per_w"] == gamma
    grid = np.linspace(-6, 6, 1201)
    slopes = [derivative_fd(NUMPY_ACTIVATION[activation], a) for a in grid]
    assert max(slopes) == pytest.approx(gamma, rel=1e-7)
    for w, span in ((1.7, 3), (-0.6, 5)):
        bound = evaluate(derivation.formulas["span_bound"].rhs, {"w": w, "T": 2 + span, "t": 2})
        assert bound == pytest.approx((gamma * abs(w)) ** span, rel=1e-12)


# -- activation bounds ---------------------------------------------------------------------


@pytest.mark.parametrize("seed", SEEDS)
def test_activation_derivatives_match_finite_differences(seed: int) -> None:
    formulas = activation_bounds("all").formulas
    for a in np.random.default_rng(seed).normal(scale=3.0, size=4):
        values = {"a": a}
        assert_close(evaluate(formulas["sigmoid_prime"], values), derivative_fd(sigmoid, a))
        assert_close(evaluate(formulas["tanh_prime"], values), derivative_fd(np.tanh, a))
        relu = lambda z: max(z, 0.0)  # noqa: E731
        assert_close(evaluate(formulas["relu_prime"].rhs, values), derivative_fd(relu, a))


def test_activation_maxima_match_a_numerical_search() -> None:
    derivation = activation_bounds("all")
    grid = np.linspace(-8, 8, 16001)
    for name, function in (("sigmoid", sigmoid), ("tanh", np.tanh)):
        slopes = np.array([derivative_fd(function, a) for a in grid])
        assert derivation.scalars[f"max_{name}_prime"] == pytest.approx(slopes.max(), rel=1e-8)
        assert derivation.scalars[f"argmax_{name}_prime"] == pytest.approx(grid[slopes.argmax()], abs=1e-9)
    assert derivation.scalars == {
        "max_sigmoid_prime": 0.25,
        "argmax_sigmoid_prime": 0.0,
        "max_tanh_prime": 1.0,
        "argmax_tanh_prime": 0.0,
        "max_relu_prime": 1.0,
    }


# -- the step Jacobian ---------------------------------------------------------------------


def _random_rnn(size: int, seed: int) -> dict[str, np.ndarray]:
    rng = np.random.default_rng(seed)
    return {"W": rng.normal(size=(size, size)), "h": rng.normal(size=size), "c": rng.normal(size=size)}


@pytest.mark.parametrize("size", [2, 3])
@pytest.mark.parametrize("activation", ["tanh", "sigmoid"])
@pytest.mark.parametrize("seed", SEEDS)
def test_explicit_jacobian_matches_finite_differences(size: int, activation: str, seed: int) -> None:
    rnn = _random_rnn(size, seed)
    act = NUMPY_ACTIVATION[activation]
    expected = jacobian_fd(lambda h: act(rnn["W"] @ h + rnn["c"]), rnn["h"])
    pre = rnn["W"] @ rnn["h"] + rnn["c"]
    values = {f"w_{i + 1}{j + 1}": rnn["W"][i, j] for i in range(size) for j in range(size)}
    values |= {f"a_{i + 1}": pre[i] for i in range(size)}
    values |= {f"h_{i + 1}": rnn["h"][i] for i in range(size)}
    values |= {f"c_{i + 1}": rnn["c"][i] for i in range(size)}
    formulas = jacobian_matrix(size).formulas
    for name in ("jacobian",):
        derived = evaluate(_with_activation(formulas[name].rhs, activation), values)
        assert_close(derived, expected)
    factorised = _with_activation(formulas["factorised"].rhs.doit(), activation)
    assert_close(evaluate(factorised, values), expected)


def _evaluate_general(expr: sympy.Basic, activation: str, matrices: dict[str, np.ndarray]) -> np.ndarray:
    """Put concrete matrices into SymPy's n×n statement (MatrixSymbols of symbolic size n)."""
    expr = expr.replace(phi, _sympy_activation(activation))
    expr = expr.replace(
        lambda e: isinstance(e, sympy.Lambda), lambda e: sympy.Lambda(e.variables, e.expr.doit())
    )
    symbols = {m.name: m for m in expr.atoms(sympy.MatrixSymbol)}
    expr = expr.subs(symbols["W_hh"].shape[0], matrices["W_hh"].shape[0])
    symbols = {m.name: m for m in expr.atoms(sympy.MatrixSymbol)}
    concrete = {symbols[name]: sympy.ImmutableMatrix(value) for name, value in matrices.items()}
    return np.array(expr.xreplace(concrete).doit().as_explicit().evalf(), dtype=float)


@pytest.mark.parametrize("activation", ["tanh", "sigmoid"])
@pytest.mark.parametrize("seed", range(2))  # SymPy's matrix expressions are slow to evaluate
def test_general_statement_in_both_layouts_matches_numpy(activation: str, seed: int) -> None:
    rnn = _random_rnn(4, seed)  # n = 4: beyond the explicit 2×2 / 3×3 cases
    act = NUMPY_ACTIVATION[activation]
    numerator = jacobian_fd(lambda h: act(rnn["W"] @ h + rnn["c"]), rnn["h"])
    matrices = {"W_hh": rnn["W"], "a_k": (rnn["W"] @ rnn["h"] + rnn["c"]).reshape(-1, 1)}
    formulas = jacobian_matrix(2).formulas
    general_numerator = _evaluate_general(formulas["numerator"].rhs, activation, matrices)
    general_denominator = _evaluate_general(formulas["denominator"].rhs, activation, matrices)
    assert_close(general_numerator, numerator)
    assert_close(general_denominator, numerator.T)


# -- the BPTT chain ------------------------------------------------------------------------


def _run_rnn(W: np.ndarray, h: np.ndarray, offsets: np.ndarray) -> tuple[np.ndarray, list[np.ndarray]]:
    """h_k = tanh(W·h_{k−1} + c_k) for each row c_k of `offsets`; returns h_T and each a_k."""
    pre_activations = []
    for c in offsets:
        a = W @ h + c
        pre_activations.append(a)
        h = np.tanh(a)
    return h, pre_activations


@pytest.mark.parametrize("span", [1, 2, 3, 4])
@pytest.mark.parametrize("seed", SEEDS)
def test_chain_product_matches_finite_differences_of_the_unrolled_rnn(span: int, seed: int) -> None:
    rng = np.random.default_rng(seed)
    W, h_t, g = rng.normal(size=(2, 2)), rng.normal(size=2), rng.normal(size=2)
    offsets = rng.normal(size=(span, 2))
    expected = jacobian_fd(lambda h: _run_rnn(W, h, offsets)[0], h_t)
    _, pre = _run_rnn(W, h_t, offsets)
    values = {f"w_{i + 1}{j + 1}": W[i, j] for i in range(2) for j in range(2)}
    values |= {f"d^({j + 1})_{i + 1}": 1 - np.tanh(pre[j][i]) ** 2 for j in range(span) for i in range(2)}
    values |= {"g_1": g[0], "g_2": g[1]}
    derivation = bptt_chain(span)
    assert_close(evaluate(derivation.formulas["product"], values), expected)
    component = derivative_fd(lambda x: g @ _run_rnn(W, np.array([x, h_t[1]]), offsets)[0], h_t[0])
    derived = evaluate(derivation.formulas["gradient_component"].rhs, values)
    assert_close(derived, component)
    assert derivation.scalars == {"paths_per_entry": 2.0 ** (span - 1), "weights_per_path": float(span)}


@pytest.mark.parametrize("seed", SEEDS)
def test_scalar_chain_matches_a_one_unit_rnn(seed: int) -> None:
    rng = np.random.default_rng(seed)
    w, h_t, offsets = rng.normal(), rng.normal(), rng.normal(size=(3, 1))
    W = np.array([[w]])
    expected = jacobian_fd(lambda h: _run_rnn(W, h, offsets)[0], np.array([h_t]))[0, 0]
    _, pre = _run_rnn(W, np.array([h_t]), offsets)
    values = {"w": w} | {f"d^({j + 1})": 1 - np.tanh(pre[j][0]) ** 2 for j in range(3)}
    derived = evaluate(bptt_chain(3).formulas["scalar_chain"].rhs, values)
    assert_close(derived, expected)


# -- the norm bound ------------------------------------------------------------------------


def test_closed_form_power_matches_numpy_matrix_power() -> None:
    derivation = norm_bound()
    W = np.array(EXAMPLE_W, dtype=float)
    for k in (0, 1, 2, 7, 30):
        derived = evaluate(derivation.formulas["power"].rhs, {"k": k})
        np.testing.assert_allclose(derived, np.linalg.matrix_power(W, k), rtol=1e-12, atol=1e-14)


def test_non_normal_example_figures_match_numpy() -> None:
    scalars = norm_bound().scalars
    W = np.array(EXAMPLE_W, dtype=float)
    norms = [np.linalg.norm(np.linalg.matrix_power(W, k), 2) for k in range(1, 61)]
    assert scalars["example_spectral_radius"] == pytest.approx(max(abs(np.linalg.eigvals(W))), rel=1e-12)
    assert scalars["example_sigma_max"] == pytest.approx(np.linalg.norm(W, 2), rel=1e-12)
    assert scalars["example_peak_norm"] == pytest.approx(max(norms), rel=1e-12)
    assert scalars["example_peak_step"] == 1 + int(np.argmax(norms))
    assert scalars["example_spectral_radius"] < 1 < scalars["example_sigma_max"]
    assert norms[-1] < 0.05  # and the powers do vanish
    assert scalars["bound_limit_below_threshold"] == 0.0


@pytest.mark.parametrize("seed", SEEDS)
def test_norm_bound_holds_for_random_tanh_rnns(seed: int) -> None:
    rng = np.random.default_rng(seed)
    W, h, offsets = rng.normal(size=(6, 6)) / 2, rng.normal(size=6), rng.normal(size=(8, 6))
    bound = norm_bound().formulas["bound"].rhs
    for span in (1, 4, 8):
        product = jacobian_fd(lambda x, span=span: _run_rnn(W, x, offsets[:span])[0], h)
        limit = evaluate(bound, {"gamma": 1.0, "sigma_max": np.linalg.norm(W, 2), "T": span, "t": 0})
        assert np.linalg.norm(product, 2) <= limit * (1 + 1e-6)


# -- truncated BPTT ------------------------------------------------------------------------


def _scalar_run(w: float, h: float, inputs: np.ndarray, u: float, b: float) -> list[float]:
    states = [h]
    for x in inputs:
        states.append(float(np.tanh(w * states[-1] + u * x + b)))
    return states


@pytest.mark.parametrize("window", [1, 2, 3, 4])
@pytest.mark.parametrize("seed", SEEDS)
def test_full_and_truncated_sums_match_finite_differences(window: int, seed: int) -> None:
    rng = np.random.default_rng(seed)
    w, h0, u, b = rng.normal(size=4)
    inputs = rng.normal(size=HORIZON)
    states = _scalar_run(w, h0, inputs, u, b)
    values = {f"j_{s}": w * (1 - states[s] ** 2) for s in range(1, HORIZON + 1)}
    values |= {f"p_{s}": states[s - 1] * (1 - states[s] ** 2) for s in range(1, HORIZON + 1)}
    derivation = tbptt_paths(window)
    full = derivative_fd(lambda v: _scalar_run(v, h0, inputs, u, b)[-1], w)
    assert_close(evaluate(derivation.formulas["full"].rhs, values), full)
    start = HORIZON - window  # truncation: h_{T−k} is a constant, w acts only afterwards
    cut = derivative_fd(lambda v: _scalar_run(v, states[start], inputs[start:], u, b)[-1], w)
    assert_close(evaluate(derivation.formulas["truncated"].rhs, values), cut)
    assert derivation.scalars == {
        "paths_total": 5.0,
        "paths_kept": float(window),
        "min_factors_dropped": float(window),
    }


@pytest.mark.parametrize("seed", SEEDS)
def test_local_derivatives_of_the_truncation_model(seed: int) -> None:
    rng = np.random.default_rng(seed)
    w, h_prev, u, x, b = rng.normal(size=5)
    step = lambda v, h: np.tanh(v * h + u * x + b)  # noqa: E731
    h_s = step(w, h_prev)
    local_state, local_weight = tbptt_paths(2).steps[0].expression
    values = {"w": w, "h_s": h_s, "h_s-1": h_prev}
    assert_close(evaluate(local_state.rhs, values), derivative_fd(lambda h: step(w, h), h_prev))
    assert_close(evaluate(local_weight.rhs, values), derivative_fd(lambda v: step(v, h_prev), w))
