"""Central finite differences for the simulation gradient tests (float64, step 1e-6)."""

from __future__ import annotations

import numpy as np

EPS = 1e-6


def central_difference(loss_of, shape):
    """∂loss/∂(perturbation) entry by entry: loss_of(delta) takes an array of `shape`."""
    grad = np.zeros(shape)
    for index in np.ndindex(*shape):
        delta = np.zeros(shape)
        delta[index] = EPS
        grad[index] = (loss_of(delta) - loss_of(-delta)) / (2 * EPS)
    return grad


def relative_error(approx, exact):
    return np.linalg.norm(approx - exact) / np.linalg.norm(exact)
