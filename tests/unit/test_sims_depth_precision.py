"""Pre-LN/Post-LN stacks and reduced precision against independent computations: central
differences of a forward pass written here, Xiong et al.'s depth scaling, known bfloat16
roundings and float16's largest value."""

from __future__ import annotations

import math

import numpy as np
import pytest

from tutor.evidence.registry import run
from tutor.evidence.sims.layernorm import EPSILON, stack_gradients
from tutor.evidence.sims.precision import to_bfloat16


def ln(v: np.ndarray) -> np.ndarray:
    c = v - v.mean()
    return c / np.sqrt(np.mean(c * c) + EPSILON)


def loss_of(x0, W1, W2, g, pre_ln: bool) -> float:
    x = x0
    for w1, w2 in zip(W1, W2):
        if pre_ln:
            x = x + w2 @ np.maximum(w1 @ ln(x), 0)
        else:
            x = ln(x + w2 @ np.maximum(w1 @ x, 0))
    return float(g @ (ln(x) if pre_ln else x))


@pytest.mark.parametrize("pre_ln", [True, False])
def test_the_input_gradient_matches_central_differences(pre_ln: bool) -> None:
    rng = np.random.default_rng(7)
    size, depth = 5, 3
    W1 = rng.standard_normal((depth, size, size)) * math.sqrt(2 / size)
    W2 = rng.standard_normal((depth, size, size)) / math.sqrt(size)
    x0, g = rng.standard_normal(size), rng.standard_normal(size)
    grads, _, loss = stack_gradients(x0, W1, W2, g, pre_ln=pre_ln)
    assert loss == pytest.approx(loss_of(x0, W1, W2, g, pre_ln))
    step = 1e-6
    numeric = [(loss_of(x0 + step * e, W1, W2, g, pre_ln) - loss_of(x0 - step * e, W1, W2, g, pre_ln)) / (2 * step)
               for e in np.eye(size)]
    assert np.allclose(grads[0], numeric, rtol=1e-6, atol=1e-8)


def test_pre_ln_last_layer_gradients_shrink_like_one_over_root_depth_and_post_ln_ones_do_not() -> None:
    def mean_last(depth: int, variant: str) -> float:
        return float(np.mean([run("layernorm-depth", {"depth": depth}, seed=seed).scalars[f"last_weights[{variant}]"]
                              for seed in range(6)]))

    shallow, deep = 6, 96
    pre_ratio = mean_last(deep, "pre_ln") / mean_last(shallow, "pre_ln")
    post_ratio = mean_last(deep, "post_ln") / mean_last(shallow, "post_ln")
    assert pre_ratio == pytest.approx(math.sqrt(shallow / deep), rel=0.35)  # 1/4 for 16× the depth
    assert post_ratio == pytest.approx(1.0, rel=0.35)


@pytest.mark.parametrize(
    ("value", "rounded"),
    [(1.0, 1.0), (1 + 2**-8, 1.0), (1 + 3 * 2**-9, 1 + 2**-7), (1 + 2**-7, 1 + 2**-7), (3.0e38, 226 * 2.0**120),
     (-2.5, -2.5), (65504.0, 65536.0), (1e-40, 2.0**-133), (math.inf, math.inf)],
)
def test_bfloat16_rounds_to_nearest_even_on_eight_bits(value: float, rounded: float) -> None:
    assert float(to_bfloat16(np.array([value], dtype=np.float32))[0]) == rounded  # exact: spacing 2^(e-7)


def test_bfloat16_keeps_nan() -> None:
    assert math.isnan(float(to_bfloat16(np.array([math.nan], dtype=np.float32))[0]))


def test_float16_overflows_where_the_gradient_passes_its_largest_value() -> None:
    result = run("mixed-precision", {"scale": 1.5, "init": "spectral", "activation": "linear"}, seed=0)
    series = result.all_series()
    reference = series["float64"].y
    overflow = int(result.scalars["overflow_step[float16]"])
    assert overflow >= 0 and result.scalars["overflow_step[float32]"] == -1
    grads = result.inputs["dL_dhT"]
    W = result.inputs["W_hh"]
    # the float64 gradient, step by step, from T back: the first step with an entry beyond 65504
    steps = len(reference) - 1
    entries, t_first = grads.copy(), None
    for t in range(steps, 0, -1):
        entries = W.T @ entries
        if np.max(np.abs(entries)) > 65504:
            t_first = t - 1
            break
    assert t_first is not None and abs(overflow - t_first) <= 1
    assert np.allclose(series["float32"].y, reference, rtol=1e-4)


def test_loss_scaling_keeps_small_gradients_that_float16_flushes() -> None:
    result = run("mixed-precision", {}, seed=0)
    assert result.scalars["lost_step[float16]"] >= 0 and result.scalars["zero_share[float16]"] > 0
    assert result.scalars["lost_step[float16_scaled]"] == -1
    assert result.scalars["first[float16_scaled]"] == pytest.approx(result.scalars["reference_first"], rel=0.05)
    assert result.scalars["lost_step[float32]"] == -1 and result.scalars["lost_step[bfloat16]"] == -1
