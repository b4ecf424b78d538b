"""Property tests over the declared parameter ranges: any allowed parameters give a result
with every declared output, no exception and no stray warning, and every value is finite
unless an overflow step (or an exact zero, for a ratio) explains it.

Sizes (steps, hidden, batch, ...) are capped to stay fast; every other parameter is drawn
from its full declared range, scales and biases up to ±10 included.
"""

from __future__ import annotations

import math
import warnings

import numpy as np
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tutor.evidence import registry
from tutor.evidence.spec import Param
from tutor.packs.rules import expand_outputs as expand

SIZE_CAPS = {"steps": 30, "hidden": 6, "batch": 3, "input": 3, "iterations": 3, "train_steps": 6, "window": 40}
NAMES = [spec.name for spec in registry.all_specs("simulation")]


def strategy_for(param: Param) -> st.SearchStrategy:
    if param.kind == "int":
        return st.integers(int(param.low), min(int(param.high), SIZE_CAPS.get(param.name, 50)))
    if param.kind == "float":
        return st.floats(param.low, param.high, allow_nan=False, allow_infinity=False)
    if param.kind == "choice":
        return st.sampled_from(param.choices)
    if param.kind == "bool":
        return st.booleans()
    values = st.floats(param.low, param.high, allow_nan=False, allow_infinity=False)
    return st.lists(values, min_size=1, max_size=param.max_items).map(tuple)



@pytest.mark.parametrize("name", NAMES)
@settings(max_examples=12, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(data=st.data(), seed=st.integers(0, 2**32 - 1))
def test_any_allowed_parameters_give_an_honest_result(name, data, seed):
    spec = registry.get(name)
    params = {p.name: data.draw(strategy_for(p), label=p.name) for p in spec.params}
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        result = registry.run(name, params, seed=seed)
    resolved = spec.resolve(params)
    series = result.all_series()
    assert set(expand(spec.scalars, resolved)) <= set(result.scalars)
    assert set(expand(spec.series, resolved)) <= set(series)
    overflowed = any(s.overflow_step is not None for s in series.values())
    has_zero = any(np.any(np.asarray(s.y) == 0.0) for s in series.values())
    for line in series.values():
        values = np.asarray(line.y, dtype=float)
        assert np.all(np.isfinite(values)) or line.overflow_step is not None, line.name
        if line.overflow_step is not None:
            assert line.overflow_step in set(np.asarray(line.x).tolist())
    for key, value in result.scalars.items():
        assert isinstance(value, float), key
        assert math.isfinite(value) or overflowed or has_zero, (key, value)
