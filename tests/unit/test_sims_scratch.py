"""The recycled work arrays of the models (numerics.scratch): reused, never shared, bounded."""

from __future__ import annotations

import numpy as np

from tutor.evidence.sims import numerics
from tutor.evidence.sims.numerics import scratch


def test_an_array_handed_back_is_lent_again():
    with scratch((3, 5), (7,)) as (first, second):
        assert first.shape == (3, 5) and second.shape == (7,) and first.dtype == np.float64
    with scratch((3, 5)) as (again,):
        assert again is first


def test_arrays_lent_at_the_same_time_are_distinct():
    with scratch((4, 4), (4, 4)) as (one, two), scratch((4, 4)) as (three,):
        assert len({id(one), id(two), id(three)}) == 3
        one[...], two[...], three[...] = 1.0, 2.0, 3.0
        assert one.sum() == 16.0 and two.sum() == 32.0 and three.sum() == 48.0


def test_the_memory_kept_stays_under_the_bound(monkeypatch):
    monkeypatch.setattr(numerics, "_spares", type(numerics._spares)())
    monkeypatch.setattr(numerics, "SPARE_BYTES", 10_000)
    for size in range(100, 140):  # 40 shapes of 800-1,112 bytes each: more than the bound holds
        with scratch((size,)):
            pass
    kept = [array for arrays in numerics._spares.values() for array in arrays]
    assert 0 < sum(array.nbytes for array in kept) <= 10_000
    assert (139,) in numerics._spares and (100,) not in numerics._spares  # the oldest went first
