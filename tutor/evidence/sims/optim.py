"""Why Adam can hide a vanishing gradient: its per-parameter step is m̂/(√v̂ + ε), which does not
depend on the gradient's size as long as that size is well above ε.

Each parameter here receives a gradient of a fixed scale s (a constant direction plus optional
relative noise); the run records the size of Adam's step in units of the learning rate. A
gradient that has vanished to 1e-6 of another moves its parameter just as far: the update no
longer tells a learner (or a dashboard of update sizes) that the gradient vanished. Only near ε
does the step shrink, to s/(s + ε) for a constant gradient. Noise is the other half: the step
follows the sign of the mean gradient only when the mean stands out of the noise, whatever s is.

Kingma and Ba (2015), Adam: A Method for Stochastic Optimization, ICLR; the update is
Algorithm 1 with bias correction.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import numpy as np

from tutor.evidence.result import Plot, Result, Series
from tutor.evidence.sims.numerics import check_cancel
from tutor.evidence.sims.report import fmt, scale_label

Params = dict[str, Any]
Cancel = Callable[[], bool]
BETA1, BETA2 = 0.9, 0.999


def adam_steps(gradients: np.ndarray, eps: float) -> np.ndarray:
    """Adam's step m̂_t/(√v̂_t + ε) for each row of `gradients` (iterations × parameters)."""
    m = np.zeros(gradients.shape[1])
    v = np.zeros(gradients.shape[1])
    steps = np.empty_like(gradients)
    for t, g in enumerate(gradients, start=1):
        m = BETA1 * m + (1 - BETA1) * g
        v = BETA2 * v + (1 - BETA2) * g * g
        m_hat = m / (1 - BETA1**t)
        v_hat = v / (1 - BETA2**t)
        steps[t - 1] = m_hat / (np.sqrt(v_hat) + eps)
    return steps


def run_adam_scaling(params: Params, seed: int, should_cancel: Cancel) -> Result:
    """Adam's step size, in learning rates, for gradients of very different scales."""
    iterations: int  # an int size makes standard_normal an array (for a type checker)
    scales, iterations, eps, noise = params["scales"], params["iterations"], params["eps"], params["noise"]
    rng = np.random.default_rng(seed)
    shared_noise = rng.standard_normal(iterations)
    gradients = np.array(scales)[None, :] * (1.0 + noise * shared_noise[:, None])
    check_cancel(should_cancel, 0)
    steps = adam_steps(gradients, eps)
    sgd_steps = gradients
    x = np.arange(1, iterations + 1)
    series = tuple(
        Series(scale_label(scale), x, np.abs(steps[:, column]), f"gradient scale {scale:g}")
        for column, scale in enumerate(scales)
    )
    plot = Plot("Adam's step does not shrink with the gradient", "iteration", "|Adam step| / learning rate", series)
    scalars: dict[str, float] = {}
    for column, scale in enumerate(scales):
        scalars[f"adam_step[{scale_label(scale)}]"] = float(np.abs(steps[-1, column]))
        scalars[f"sgd_step[{scale_label(scale)}]"] = float(np.abs(sgd_steps[-1, column]))
    final = np.abs(steps[-1])
    scalars["adam_step_spread"] = float(final.max() / final.min()) if final.min() > 0 else float("inf")
    scalars["gradient_spread"] = float(max(scales) / min(scales)) if min(scales) > 0 else float("inf")
    reading = (
        f"Gradients {fmt(scalars['gradient_spread'])}× apart in size give Adam steps only "
        f"{fmt(scalars['adam_step_spread'])}× apart after {iterations} iterations (ε = {eps:g}): plain SGD's steps "
        "would differ as much as the gradients do."
    )
    return Result("adam-scaling", "simulation", dict(params), seed, reading, scalars, (plot,))
