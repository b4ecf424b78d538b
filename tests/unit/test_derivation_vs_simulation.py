"""The SymPy derivation of the step Jacobian and the NumPy simulation agree on numbers.

The derivation's explicit 3×3 Jacobian (with φ = tanh substituted) is evaluated at
seeded random weights and states, and compared with what the simulation's exact BPTT
computes: a backward pass from dL/dh_T = e_i returns row i of ∂h_T/∂h_{T−1}. Over several
steps, the product of derived step Jacobians has the spectral norm the simulation
reports in log space. A disagreement fails; nothing is skipped.
"""

from __future__ import annotations

import numpy as np
import sympy

from tutor.evidence.derivations.matrix import derive_jacobian_matrix, explicit_rnn, phi
from tutor.evidence.sims.jacobian import jacobian_log_norms
from tutor.evidence.sims.rnn import rnn_bptt

SIZE = 3


def derived_step_jacobian():
    """A NumPy function (W, h, c) -> J, from the derivation's formula with φ = tanh."""
    jacobian = derive_jacobian_matrix(SIZE).formulas["jacobian"].rhs
    rnn = explicit_rnn(SIZE)
    point = sympy.Dummy("p")
    concrete = jacobian.replace(
        lambda e: isinstance(e, sympy.Derivative) and e.expr.func == phi,
        lambda e: (1 - sympy.tanh(point) ** 2).subs(point, e.variables[0]),
    )
    concrete = concrete.subs(dict(zip(rnn["a"], rnn["pre_activation"])))
    symbols = [*rnn["W"], *rnn["h"], *rnn["c"]]
    function = sympy.lambdify(symbols, concrete, "numpy")
    return lambda W, h, c: np.array(function(*W.ravel(), *h, *c), dtype=float)


def test_one_step_jacobian_matches_the_simulation_backward_pass():
    rng = np.random.default_rng(7)
    jacobian_of = derived_step_jacobian()
    for _ in range(5):
        W = rng.normal(size=(SIZE, SIZE))
        W_xh = rng.normal(size=(SIZE, 2))
        b = rng.normal(size=SIZE)
        x = rng.normal(size=(1, 1, 2))
        h0 = rng.normal(size=(1, SIZE))
        rows = []
        for i in range(SIZE):
            result = rnn_bptt(W, W_xh, b, x, h0, np.eye(SIZE)[i], "tanh", weight_grads=False)
            rows.append(result.grad_hidden[0, 0])
        simulated = np.array(rows)
        derived = jacobian_of(W, h0[0], W_xh @ x[0, 0] + b)
        np.testing.assert_allclose(derived, simulated, rtol=1e-12, atol=1e-14)


def test_product_of_derived_jacobians_has_the_simulated_log_norm():
    rng = np.random.default_rng(11)
    jacobian_of = derived_step_jacobian()
    steps = 12
    W = rng.normal(size=(SIZE, SIZE)) * 0.8
    W_xh = rng.normal(size=(SIZE, 2))
    b = rng.normal(size=SIZE)
    x = rng.normal(size=(steps, 2))
    states = [rng.normal(size=SIZE)]
    pre_activations = []
    for t in range(steps):
        pre_activations.append(W @ states[-1] + W_xh @ x[t] + b)
        states.append(np.tanh(pre_activations[-1]))
    derivatives = 1 - np.tanh(np.array(pre_activations)) ** 2
    simulated = jacobian_log_norms(W, derivatives)
    product = np.eye(SIZE)
    for t in range(steps, 0, -1):
        product = product @ jacobian_of(W, states[t - 1], W_xh @ x[t - 1] + b)
        np.testing.assert_allclose(simulated[t - 1], np.log(np.linalg.norm(product, 2)), rtol=1e-10)
