"""Small training machinery for the two demos that learn: a scalar read-out on top of a
vanilla RNN or an LSTM, mean-squared error, SGD or Adam, and clipping by global norm.

Parameters live in plain dicts of arrays that the optimisers update in place; the
gradients come from the exact BPTT of `rnn` and `lstm`, so nothing here differentiates.
An `RNNRegressor` may hold a stack of S models (a leading axis on every parameter):
they train side by side in one vectorised pass, e.g. the same start with and without
clipping.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from typing import Protocol

import numpy as np

from tutor.evidence.sims.inits import gaussian, recurrent_matrix
from tutor.evidence.sims.lstm import LSTMWeights, lstm_backward, lstm_forward
from tutor.evidence.sims.numerics import quiet_overflow
from tutor.evidence.sims.rnn import RNNStates, present, rnn_backward, rnn_forward

Arrays = dict[str, np.ndarray]


class Regressor(Protocol):
    params: Arrays

    def loss_and_grads(self, x: np.ndarray, y: np.ndarray) -> tuple[float, Arrays]: ...

    def loss(self, x: np.ndarray, y: np.ndarray) -> float: ...


def _readout(rng: np.random.Generator, hidden: int) -> Arrays:
    return {"v": rng.standard_normal(hidden) / math.sqrt(hidden), "c": np.zeros(1)}


def _mse_head(params: Arrays, last: np.ndarray, y: np.ndarray) -> tuple[np.ndarray, np.ndarray, Arrays]:
    """Loss mean((v·h_T + c − y)²), its gradient at h_T, and the read-out's gradients;
    `last` is (B, n), or (S, B, n) for a stack of models (then the loss is (S,))."""
    v, c = params["v"], params["c"]
    error = np.einsum("...bn,...n->...b", last, v) + c - y
    scale = 2.0 / len(y)
    loss = np.mean(error * error, axis=-1)
    dL_dhT = scale * error[..., None] * v[..., None, :]
    grads = {"v": scale * np.einsum("...b,...bn->...n", error, last),
             "c": scale * error.sum(axis=-1, keepdims=True)}
    return loss, dL_dhT, grads


@dataclass
class RNNRegressor:
    """A tanh RNN read out at its last state: ŷ = v·h_T + c."""

    params: Arrays

    @classmethod
    def create(cls, rng: np.random.Generator, *, hidden: int, features: int, scale: float,
               init: str = "orthogonal") -> RNNRegressor:
        params = {
            "W_hh": recurrent_matrix(rng, hidden, init, scale),
            "W_xh": gaussian(rng, hidden, features),
            "b": np.zeros(hidden),
        }
        return cls({**params, **_readout(rng, hidden)})

    def stacked(self, count: int) -> RNNRegressor:
        """`count` copies of this model as one stack (a leading model axis)."""
        return RNNRegressor({name: np.stack([value] * count) for name, value in self.params.items()})

    def _states(self, x: np.ndarray) -> RNNStates:
        p = self.params
        return rnn_forward(p["W_hh"], p["W_xh"], p["b"], x, np.zeros(p["b"].shape[-1]), "tanh")

    def loss(self, x: np.ndarray, y: np.ndarray) -> np.ndarray:
        with quiet_overflow():
            return _mse_head(self.params, self._states(x).hidden[..., -1, :, :], y)[0]

    def loss_and_grads(self, x: np.ndarray, y: np.ndarray) -> tuple[np.ndarray, Arrays]:
        with quiet_overflow():
            states = self._states(x)
            loss, dL_dhT, head = _mse_head(self.params, states.hidden[..., -1, :, :], y)
            trace = rnn_backward(states, self.params["W_hh"], dL_dhT, "tanh", keep=False, norms=False)
        grads = {"W_hh": present(trace.grad_W_hh), "W_xh": present(trace.grad_W_xh), "b": present(trace.grad_b)}
        return loss, {**grads, **head}


@dataclass
class LSTMRegressor:
    """An LSTM read out at its last hidden state: ŷ = v·h_T + c."""

    params: Arrays

    @classmethod
    def create(cls, rng: np.random.Generator, *, hidden: int, features: int,
               forget_bias: float = 1.0) -> LSTMRegressor:
        b = np.zeros(4 * hidden)
        b[hidden : 2 * hidden] = forget_bias
        params = {
            "W_x": gaussian(rng, 4 * hidden, features),
            "W_h": np.vstack([recurrent_matrix(rng, hidden, "orthogonal", 1.0) for _ in range(4)]),
            "b": b,
        }
        return cls({**params, **_readout(rng, hidden)})

    def _weights(self) -> LSTMWeights:
        return LSTMWeights(self.params["W_x"], self.params["W_h"], self.params["b"])

    def loss(self, x: np.ndarray, y: np.ndarray) -> np.ndarray:
        with quiet_overflow():
            return _mse_head(self.params, lstm_forward(self._weights(), x).hidden[-1], y)[0]

    def loss_and_grads(self, x: np.ndarray, y: np.ndarray) -> tuple[np.ndarray, Arrays]:
        weights = self._weights()
        with quiet_overflow():
            states = lstm_forward(weights, x)
            loss, dL_dhT, head = _mse_head(self.params, states.hidden[-1], y)
            trace = lstm_backward(weights, states, x, dL_dhT)
        return loss, {"W_x": trace.grad_W_x, "W_h": trace.grad_W_h, "b": trace.grad_b, **head}


def global_norm(grads: Arrays) -> float:
    with quiet_overflow():
        return math.sqrt(sum(float(np.vdot(g, g)) for g in grads.values()))


def model_norms(grads: Arrays) -> np.ndarray:
    """The global gradient norm of each model of a stack, shape (S,)."""
    with quiet_overflow():
        norms: np.ndarray = np.sqrt(sum(np.sum(g * g, axis=tuple(range(1, g.ndim))) for g in grads.values()))
    return norms


def clip_factor(norm: float, threshold: float | None) -> float:
    """The factor clipping by norm multiplies the whole gradient by: min(1, τ/‖∇‖)."""
    if threshold is None or not norm > threshold:
        return 1.0
    return threshold / norm


def sgd_step(params: Arrays, grads: Arrays, learning_rate: float | np.ndarray) -> None:
    """params −= rate · grad; an array of rates, one per model, for a stack of models."""
    rates = np.asarray(learning_rate)
    with quiet_overflow():
        for name, grad in grads.items():
            params[name] -= rates.reshape(rates.shape + (1,) * (grad.ndim - rates.ndim)) * grad


@dataclass
class Adam:
    """Adam (Kingma & Ba) with the usual defaults, updating the params in place."""

    learning_rate: float
    beta1: float = 0.9
    beta2: float = 0.999
    epsilon: float = 1e-8
    steps: int = 0
    moments: dict[str, tuple[np.ndarray, np.ndarray]] = field(default_factory=dict)

    def step(self, params: Arrays, grads: Arrays) -> None:
        self.steps += 1
        correction1 = 1.0 - self.beta1**self.steps
        correction2 = 1.0 - self.beta2**self.steps
        with quiet_overflow():
            for name, grad in grads.items():
                first, second = self.moments.setdefault(name, (np.zeros_like(grad), np.zeros_like(grad)))
                first *= self.beta1
                first += (1.0 - self.beta1) * grad
                second *= self.beta2
                second += (1.0 - self.beta2) * grad * grad
                params[name] -= (
                    self.learning_rate * (first / correction1) / (np.sqrt(second / correction2) + self.epsilon)
                )
