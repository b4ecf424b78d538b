"""Random problems the experiments run on: weights, inputs and the loss gradient.

Every draw comes from the generator passed in, in a fixed order, so a seed fixes the
whole problem. The loss of every gradient experiment is L = g·h_T with g a random unit
vector: then ∂L/∂h_T = g has norm 1 and ‖∂L/∂h_t‖ is the norm of gᵀ ∂h_T/∂h_t.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from tutor.evidence.sims.gru import GRUWeights
from tutor.evidence.sims.inits import gaussian, recurrent_matrix
from tutor.evidence.sims.lstm import LSTMWeights
from tutor.evidence.sims.numerics import ensure_affordable

LOSS_TEXT = (
    "L = g·h_T summed over the batch, with g a fixed random unit vector; so dL/dh_T = g "
    "(given as dL_dhT) for every sequence"
)
BIAS_SCALE = 0.1  # standard deviation of the RNN's bias b


def unit_vector(rng: np.random.Generator, size: int) -> np.ndarray:
    vector = rng.standard_normal(size)
    return vector / np.linalg.norm(vector)


def inputs(rng: np.random.Generator, steps: int, batch: int, features: int, scale: float) -> np.ndarray:
    """x of shape (T, B, d) with entries N(0, scale²); x[t-1] is the input x_t."""
    return scale * rng.standard_normal((steps, batch, features))


@dataclass(frozen=True)
class RNNProblem:
    """Everything a vanilla-RNN run needs; h0 = 0 and ∂L/∂h_T = g."""

    W_hh: np.ndarray
    W_xh: np.ndarray
    b: np.ndarray
    x: np.ndarray
    h0: np.ndarray
    dL_dhT: np.ndarray


def rnn_problem(
    rng: np.random.Generator,
    *,
    steps: int,
    hidden: int,
    features: int,
    batch: int,
    init: str,
    scale: float,
    input_scale: float = 1.0,
) -> RNNProblem:
    ensure_affordable(steps * batch * (features + 3 * hidden), "this RNN run")
    W_hh = recurrent_matrix(rng, hidden, init, scale)
    W_xh = gaussian(rng, hidden, features)
    b = BIAS_SCALE * rng.standard_normal(hidden)
    x = inputs(rng, steps, batch, features, input_scale)
    return RNNProblem(W_hh, W_xh, b, x, np.zeros(hidden), unit_vector(rng, hidden))


def _recurrent_blocks(rng: np.random.Generator, blocks: int, hidden: int, scale: float) -> np.ndarray:
    """`blocks` recurrent matrices stacked vertically, each with spectral radius `scale`."""
    return np.vstack([recurrent_matrix(rng, hidden, "spectral", scale) for _ in range(blocks)])


def lstm_weights(
    rng: np.random.Generator, *, hidden: int, features: int, scale: float, forget_bias: float
) -> LSTMWeights:
    """Each gate's recurrent block has spectral radius `scale`; all biases 0 but the forget gate's."""
    W_x = gaussian(rng, 4 * hidden, features)
    W_h = _recurrent_blocks(rng, 4, hidden, scale)
    b = np.zeros(4 * hidden)
    b[hidden : 2 * hidden] = forget_bias
    return LSTMWeights(W_x, W_h, b)


def gru_weights(
    rng: np.random.Generator, *, hidden: int, features: int, scale: float, update_bias: float
) -> GRUWeights:
    """Each gate's recurrent block has spectral radius `scale`; all biases 0 but the update gate's."""
    W_x = gaussian(rng, 3 * hidden, features)
    W_h = _recurrent_blocks(rng, 3, hidden, scale)
    b_x = np.zeros(3 * hidden)
    b_x[hidden : 2 * hidden] = update_bias
    return GRUWeights(W_x, b_x, W_h, np.zeros(3 * hidden))
