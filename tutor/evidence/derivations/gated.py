"""Why gated cells keep gradients alive: the additive path through LSTM and GRU cells.

For a scalar cell SymPy differentiates the whole update with respect to the previous
state. One term has no weight and no φ' in it — f_t for the LSTM cell state, 1 − z_t for
the GRU hidden state — and every other term passes through a gate and carries one of
the gates' recurrent weights. With n units the weight-free term is diag(f_t) (or
diag(1 − z_t)): a product of them does not shrink when the gates stay near 1 (or 0).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from sympy import Derivative, Matrix, Product, Subs, Symbol, collect, diag, diff, tanh

from tutor.evidence.derivations.functions import sigma
from tutor.evidence.derivations.steps import Derivation, equation, never, require_zero
from tutor.evidence.result import Result

VECTOR_UNITS = 2


def _symbols(names: str) -> list[Symbol]:
    return [Symbol(name, real=True) for name in names.split()]


def _gate(weight: Any, hidden: Any, input_weight: Any, x: Any, bias: Any) -> Any:
    return weight * hidden + input_weight * x + bias


def lstm_cell() -> dict[str, Any]:
    """A scalar LSTM step for the cell state, with h_{t−1} = o_{t−1}·tanh(c_{t−1})."""
    c_prev, o_prev, x = _symbols("c_t-1 o_t-1 x_t")
    w_f, w_i, w_g, u_f, u_i, u_g, b_f, b_i, b_g = _symbols("w_f w_i w_g u_f u_i u_g b_f b_i b_g")
    h_prev = o_prev * tanh(c_prev)
    forget = sigma(_gate(w_f, h_prev, u_f, x, b_f))
    write = sigma(_gate(w_i, h_prev, u_i, x, b_i))
    candidate = tanh(_gate(w_g, h_prev, u_g, x, b_g))
    f_t, i_t, g_t = _symbols("f_t i_t g_t")
    return {
        "previous": c_prev,
        "output_gate": o_prev,
        "h_prev": h_prev,
        "state": forget * c_prev + write * candidate,
        "shape": f_t * c_prev + i_t * g_t,
        "names": {forget: f_t, write: i_t, candidate: g_t},
        "gate_weights": (w_f, w_i, w_g),
        "path": f_t,
        "inputs": dict(zip(("x", "w_f", "w_i", "w_g", "u_f", "u_i", "u_g", "b_f", "b_i", "b_g"),
                           (x, w_f, w_i, w_g, u_f, u_i, u_g, b_f, b_i, b_g))),
    }


def gru_cell() -> dict[str, Any]:
    """A scalar GRU step, h_t = (1 − z_t)·h_{t−1} + z_t·n_t (the convention of Chung et al.)."""
    h_prev, x = _symbols("h_t-1 x_t")
    w_z, w_r, w_n, u_z, u_r, u_n, b_z, b_r, b_n = _symbols("w_z w_r w_n u_z u_r u_n b_z b_r b_n")
    update = sigma(_gate(w_z, h_prev, u_z, x, b_z))
    reset = sigma(_gate(w_r, h_prev, u_r, x, b_r))
    candidate = tanh(_gate(w_n, reset * h_prev, u_n, x, b_n))
    z_t, r_t, n_t = _symbols("z_t r_t n_t")
    return {
        "previous": h_prev,
        "state": (1 - update) * h_prev + update * candidate,
        "shape": (1 - z_t) * h_prev + z_t * n_t,
        "names": {update: z_t, reset: r_t, candidate: n_t},
        "gate_weights": (w_z, w_r, w_n),
        "path": 1 - z_t,
        "inputs": dict(zip(("x", "w_z", "w_r", "w_n", "u_z", "u_r", "u_n", "b_z", "b_r", "b_n"),
                           (x, w_z, w_r, w_n, u_z, u_r, u_n, b_z, b_r, b_n))),
    }


def derive_gated_paths(cell: str, should_cancel: Callable[[], bool] = never) -> Derivation:
    """∂c_t/∂c_{t−1} = f_t + gate terms (LSTM) or ∂h_t/∂h_{t−1} = (1 − z_t) + gate terms (GRU)."""
    derivation = Derivation(should_cancel)
    model = lstm_cell() if cell == "lstm" else gru_cell()
    letter = "c" if cell == "lstm" else "h"
    current, previous = Symbol(f"{letter}_t"), model["previous"]
    derivation.remember("model", model)
    derivation.step(
        "The LSTM cell update: forget part of the old cell, write a new candidate."
        if cell == "lstm"
        else "The GRU update (Chung et al. 2014; PyTorch swaps the roles of z and 1 − z).",
        equation(current, model["shape"]),
        "definition; "
        + ("f_t, i_t are sigmoid gates, g_t a tanh candidate" if cell == "lstm"
           else "z_t, r_t are sigmoid gates, n_t the tanh candidate"),
    )
    derivation.step(
        "Every gate reads the previous hidden state"
        + (", which is h_{t−1} = o_{t−1}·tanh(c_{t−1})." if cell == "lstm" else "."),
        equation(current, model["state"]),
        "gates written out: σ(w·h_{t−1} + u·x_t + b)",
    )
    derivative = diff(model["state"], previous)
    derivation.remember("derivative", derivative)
    named = derivation.step(
        f"SymPy differentiates the whole update with respect to {letter}_{{t−1}}; "
        "the gate values are named back.",
        equation(Derivative(current, previous), derivative.xreplace(model["names"])),
        "chain rule, σ' = σ·(1 − σ) and tanh' = 1 − tanh² (activation-bounds)",
        name="named_derivative",
    ).rhs
    if cell == "lstm":
        named = _factor_through_hidden_state(derivation, model, current, named)
    weights_off = {weight: 0 for weight in model["gate_weights"]}
    direct = named.subs(weights_off)
    require_zero(direct - model["path"], "the weight-free term is the additive path")
    derivation.step(
        "The term with no recurrent gate weight in it: the additive path.",
        equation(Subs(Derivative(current, previous), *zip(*weights_off.items())), direct),
        "set the gates' recurrent weights to 0: every other term vanishes",
        name="additive_path",
    )
    _vector_and_product(derivation, cell, letter)
    derivation.reading = (
        "∂c_t/∂c_{t−1} = diag(f_t) + gate terms: with forget gates near 1 the cell path "
        "carries gradients over many steps without a W_hh or φ' factor."
        if cell == "lstm"
        else "∂h_t/∂h_{t−1} = diag(1 − z_t) + gate terms: with update gates near 0 the "
        "hidden state passes gradients through almost unchanged."
    )
    return derivation


def _factor_through_hidden_state(
    derivation: Derivation, model: dict[str, Any], current: Any, named: Any
) -> Any:
    """Show that every gate term reaches c_{t−1} through h_{t−1}: one common factor."""
    c_prev, o_prev = model["previous"], model["output_gate"]
    bridge = derivation.step(
        "The gates see c_{t−1} only through h_{t−1}.",
        equation(Derivative(Symbol("h_t-1"), c_prev), diff(model["h_prev"], c_prev)),
        "derivative of o_{t−1}·tanh(c_{t−1})",
    ).rhs
    q = Symbol("q")
    gathered = collect(named.subs(o_prev, q * o_prev / bridge), q)
    return derivation.step(
        "Gather that factor, q = ∂h_{t−1}/∂c_{t−1}: the forget gate plus gate terms times q.",
        equation(Derivative(current, c_prev), gathered),
        "substitute o_{t−1} = q/(1 − tanh²(c_{t−1})), collect in q",
        name="gathered",
    ).rhs


def _vector_and_product(derivation: Derivation, cell: str, letter: str) -> None:
    """The n-unit direct path is diagonal, and a product of diagonals is entrywise."""
    previous = Matrix(_symbols(" ".join(f"{letter}_{i + 1}" for i in range(VECTOR_UNITS))))
    gate_letter = "f" if cell == "lstm" else "z"
    gates = _symbols(" ".join(f"{gate_letter}_{i + 1}" for i in range(VECTOR_UNITS)))
    keep = [g if cell == "lstm" else 1 - g for g in gates]
    written = Matrix(_symbols(" ".join(f"v_{i + 1}" for i in range(VECTOR_UNITS))))
    state = diag(*keep) * previous + written  # gates held fixed: the direct path only
    jacobian = state.jacobian(previous)
    derivation.step(
        f"With {VECTOR_UNITS} units (gates held fixed), the direct path is diagonal: each unit "
        "keeps its own memory.",
        equation(Symbol(f"J_{letter}"), jacobian),
        "SymPy jacobian of the elementwise update",
        name="vector_path",
    )
    k, t, T = (Symbol(name, integer=True) for name in ("k", "t", "T"))
    kept = Symbol("f") if cell == "lstm" else 1 - Symbol("z")
    across = Product(kept, (k, t + 1, T))
    derivation.step(
        "Along the direct path over T − t steps the factors multiply with no W_hh and no φ'; "
        "with a constant gate value the product is a power that is 1 when the gate is "
        + ("fully open (f = 1)." if cell == "lstm" else "closed (z = 0)."),
        equation(across, across.doit()),
        "SymPy Product of a constant factor",
    )


def gated_paths(params: dict[str, Any], seed: int, should_cancel: Callable[[], bool]) -> Result:
    """Registry target for `gated-paths`."""
    return derive_gated_paths(params["cell"], should_cancel).to_result("gated-paths", params)
