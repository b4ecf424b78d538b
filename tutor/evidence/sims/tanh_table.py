"""tanh for float64 arrays in ~40% of np.tanh's time where NumPy has no AVX-512 kernel for it.

Why: NumPy's float64 tanh on AVX2 machines (no AVX-512) evaluates a degree-16 polynomial
per interval with its coefficients looked up by vector permutes, ~14 ns per element; in a
tanh RNN's forward pass that is as much time as all its matrix products
(tests/bench/bench_bptt.py). With AVX-512 the same kernel runs at ~1.7 ns per element,
2.3x faster than the table below (measured on the 2-core AMD EPYC machine), so `tanh_into`
asks NumPy which kernel its tanh dispatches to and takes np.tanh there.

The table computes the same function in 16 NumPy passes of a few ns per element each,
with the addition formula

    tanh(k·c + b) = (tanh(k·c) + tanh(b)) / (1 + tanh(k·c)·tanh(b)),    c = 2⁻⁸, |b| ≤ c/2,

tanh(k·c) from a table of correctly rounded values and tanh(b) = b − b³/3 + 2b⁵/15 (the
next term, 17b⁷/315, is below 2⁻⁵⁸ of b). Accuracy, measured against 120-bit mpmath over
arguments from 10⁻³ to 30: at most 3 units in the last place (np.tanh: 1), mean 0.45.
Exact where it matters: tanh(±∞) = ±1, NaN stays NaN, tiny arguments come back unchanged
and |x| ≥ 20 gives ±1 exactly (as tanh rounds to for |x| > 19.1). One difference: −0.0
comes back as +0.0.

The argument is rounded to the grid k·c by adding 1.5·2^(52−8): the sum then lies in a
binade whose spacing is c, so it holds k·c exactly and its bit pattern, read as an
integer, is the bit pattern of the constant plus k: the table index without a cast.
"""

from __future__ import annotations

import decimal
from functools import cache

import numpy as np

SHIFT = 8  # table spacing c = 2^-SHIFT
LIMIT = 20.0  # arguments are clipped to [-LIMIT, LIMIT]: tanh(±LIMIT) rounds to ±1
_STEPS = int(LIMIT) << SHIFT  # table entries on each side of 0
_ROUNDER = 1.5 * 2.0 ** (52 - SHIFT)  # adding it rounds |x| <= LIMIT to a multiple of c
_BIAS = int(np.array(_ROUNDER).view(np.int64)) - _STEPS  # bits(x + _ROUNDER) - _BIAS = k + _STEPS
_C3, _C5 = -1.0 / 3.0, 2.0 / 15.0  # tanh(b) = b + b·b²·(_C3 + _C5·b²)
SMALL = 1536  # below this many elements the per-pass overhead (~1 µs each) outweighs the saving


@cache
def _table() -> np.ndarray:
    """tanh(k·c) for k = -_STEPS.._STEPS, correctly rounded: from e^(2kc), the powers of
    e^(2c), in 40-digit decimal arithmetic (~10 ms, once)."""
    half = []
    with decimal.localcontext() as context:
        context.prec = 40
        growth = (2 * decimal.Decimal(2.0**-SHIFT)).exp()
        power = decimal.Decimal(1)
        for _ in range(_STEPS + 1):
            half.append(float((power - 1) / (power + 1)))
            power *= growth
    positive = np.array(half)
    return np.concatenate([-positive[:0:-1], positive])


def tanh_into(values: np.ndarray, out: np.ndarray, work: list[np.ndarray]) -> None:
    """Write tanh(values) into `out`, overwriting `values` on the way: np.tanh where NumPy
    vectorises it with AVX-512 or the array is small, else the table (`table_tanh_into`).

    `values` and the three arrays of `work` are contiguous float64 arrays of one shape
    (scratch: their contents are lost); `out` has that shape and may be a strided view.
    """
    if values.size < SMALL or numpy_tanh_is_avx512():
        np.tanh(values, out=out)  # 16 passes cost more than np.tanh's one below ~1,500 elements
    else:
        table_tanh_into(values, out, work)


@cache
def numpy_tanh_is_avx512() -> bool:
    """Whether NumPy's float64 tanh runs its AVX-512 kernel on this machine (asked once).

    NumPy 2 names the kernel each of its functions dispatches to (`opt_func_info`): X86_V4
    from NumPy 2.4 on, AVX512_SKX before. NumPy 1.x cannot say: the table then, which is
    never much slower than np.tanh.
    """
    try:
        from numpy.lib.introspect import opt_func_info
    except ImportError:  # NumPy < 2.0
        return False
    found = opt_func_info(func_name="^tanh$", signature="float64").get("tanh", {}).get("dd", {})
    return is_avx512_target(str(found.get("current", "")))


def is_avx512_target(target: str) -> bool:
    """An `opt_func_info` target name that means AVX-512: "X86_V4", "AVX512_SKX", "AVX512F"..."""
    return target.startswith("X86_V4") or target.startswith("AVX512")


def table_tanh_into(values: np.ndarray, out: np.ndarray, work: list[np.ndarray]) -> None:
    """`tanh_into` from the table and polynomial, whatever the array's size."""
    grid, index_bits, poly = work
    table = _table()
    b = values
    np.clip(b, -LIMIT, LIMIT, out=b)  # also ±inf; NaN stays NaN
    np.add(b, _ROUNDER, out=index_bits)
    np.subtract(index_bits, _ROUNDER, out=grid)  # k·c, the nearest grid point
    np.subtract(b, grid, out=b)  # b = x − k·c, exact
    index = index_bits.view(np.int64)
    np.subtract(index, _BIAS, out=index)  # k + _STEPS (NaN: out of range, clipped below)
    near = np.take(table, index, out=grid, mode="clip")  # tanh(k·c)
    square = index_bits  # the index is used up
    np.multiply(b, b, out=square)
    np.multiply(square, _C5, out=poly)
    np.add(poly, _C3, out=poly)
    np.multiply(poly, square, out=poly)
    np.multiply(poly, b, out=poly)
    np.add(poly, b, out=poly)  # tanh(b)
    denominator = square
    np.multiply(near, poly, out=denominator)
    np.add(denominator, 1.0, out=denominator)
    np.add(near, poly, out=near)
    np.divide(near, denominator, out=out)
