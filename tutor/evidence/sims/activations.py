"""The four nonlinearities φ of the vanilla RNN, applied in place, and φ' from the output.

BPTT needs φ'(a_t) at every step. All four activations let us compute it from the
output h_t = φ(a_t) alone (tanh' = 1 − h², σ' = h(1 − h), ReLU' = [h > 0],
linear' = 1), so the forward pass stores only h_t and never the pre-activations.
Everything works in place on preallocated buffers: the BPTT loop allocates nothing.
"""

from __future__ import annotations

import numpy as np

from tutor.evidence.sims.bounds import ACTIVATIONS, GAMMA

__all__ = ["ACTIVATIONS", "GAMMA", "apply", "check_activation", "derivative_from_output"]


def check_activation(name: str) -> None:
    if name not in GAMMA:
        raise ValueError(f"unknown activation '{name}' (known: {', '.join(ACTIVATIONS)})")


def apply(name: str, values: np.ndarray, out: np.ndarray | None = None) -> None:
    """Write φ(values) into `out` (into `values` itself when `out` is None).

    The sigmoid uses σ(a) = ½(1 + tanh(a/2)): NumPy has no sigmoid ufunc, and
    1/(1 + e^(−a)) would overflow e^(−a) for very negative a. Like 1 − σ(a) for
    a > 37 in any float64 code, σ(a) rounds to 0 for a < −38 here.
    """
    target = values if out is None else out
    if name == "tanh":
        np.tanh(values, out=target)
    elif name == "sigmoid":
        np.multiply(values, 0.5, out=target)
        np.tanh(target, out=target)
        np.multiply(target, 0.5, out=target)
        np.add(target, 0.5, out=target)
    elif name == "relu":
        np.maximum(values, 0.0, out=target)
    elif name == "linear":
        if target is not values:
            np.copyto(target, values)
    else:
        check_activation(name)


def derivative_from_output(name: str, outputs: np.ndarray, out: np.ndarray | None = None) -> np.ndarray:
    """φ'(a) computed from h = φ(a), written into `out` (allocated when None).

    ReLU'(0) is taken as 0, matching `h > 0`. The linear derivative is 1 even
    where the forward pass overflowed: the backward pass does not depend on h.
    """
    if out is None:
        out = np.empty_like(outputs)
    if name == "tanh":
        np.multiply(outputs, outputs, out=out)
        np.subtract(1.0, out, out=out)
    elif name == "sigmoid":
        np.subtract(1.0, outputs, out=out)
        np.multiply(out, outputs, out=out)
    elif name == "relu":
        np.greater(outputs, 0.0, out=out)
    elif name == "linear":
        out[...] = 1.0
    else:
        check_activation(name)
    return out
