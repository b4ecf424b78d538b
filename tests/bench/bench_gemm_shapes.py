"""Float64 matrix products of exactly rnn_bptt's shapes: NumPy's OpenBLAS against other GEMMs.

    PYTHONPATH=. python tests/bench/bench_gemm_shapes.py [--threads 1,2] [--reps 41] [--calls 30]
        [--only numpy,mkl] [--coretype Haswell]

Why: at 1 thread the engine's matrix products are 79-94% of a BPTT run (bench_bptt.py),
so only a faster float64 GEMM for its small shapes, or fewer and larger products with the
same numbers, can lift the ratio to PyTorch further. This measures both, in one run.

Candidates (each one BLAS thread; with 2 threads two Python threads multiply side by side,
each on its own half of the batch, as rnn_bptt(..., threads=2) does):

  numpy      np.matmul (NumPy's bundled OpenBLAS): the engine today, the reference
  openblas   cblas_dgemm of NumPy's own OpenBLAS through ctypes: the same kernels behind
             another interface, so its column separates kernel from call overhead
  ob-0.3.34  cblas_dgemm of the newer OpenBLAS in the scipy-openblas64 wheel (ctypes);
             --coretype loads it with other kernels (OPENBLAS_CORETYPE), NumPy's untouched
  blis       bli_dgemm of the BLIS inside explosion's `blis` wheel (ctypes; its
             blis.py.gemm takes only fully contiguous arrays, see the blis.py row)
  blis.py    blis.py.gemm itself, on the shapes it can take (contiguous operands)
  mkl        cblas_dgemm of Intel's `mkl` wheel (mkl_rt, sequential layer; ctypes)
  scipy      scipy.linalg.blas.dgemm (f2py: copies strided operands, holds the GIL)
  torch      torch.matmul / addmm on the same memory (MKL inside PyTorch): a reference,
             not a candidate (far from small)

A candidate that is not installed is left out. Shapes (R = rows a block steps with: 128
per sub-block; the engine's 1-thread block of 256 steps as two in lockstep):

  forward      [h | x | 1] (R x 81) @ [W_hh W_xh b]ᵀ (81 x 64), per step
  backward     ∂L/∂a (R x 64, row stride 81) @ W_hh (64 x 64) into ∂L/∂h (row stride 81)
  share        ∂L/∂aᵀ (64 x R) @ [h | x | 1] (R x 81), per step: the engine stacks 8 steps
  chunk share  the same for CHUNK = 8 steps as one product, K = 8·B, added into the total
               (BLAS: beta = 1; NumPy: matmul, then add): fewer, larger products
  run share    the same for all T steps at once, K = T·B (∂L/∂a of every step kept)
  h-only step  h (R x 64) @ W_hhᵀ (64 x 64) added onto a precomputed input projection
               (BLAS: beta = 1; NumPy: matmul, then add), and the projection of all
               steps at once, (T·B x 17) @ (17 x 64): the other restructuring
  square       1024 x 1024 @ 1024 x 1024: each GEMM's peak rate here, for scale

Each figure is the median over --reps repetitions, candidates alternating in rotated
order within each repetition, of --calls back-to-back calls; GFLOP/s = 2·M·N·K / time.
The last lines add the per-call medians up to the products of one BPTT run (batch 256,
T = 200) as the engine makes them and as each restructuring would, and set that against
bench_bptt's replay of the engine's products, which read fresh memory every step.

The optional candidates install with
    pip install blis mkl scipy scipy-openblas64 threadpoolctl torch==2.13.0
"""

from __future__ import annotations

import argparse
import ctypes
import functools
import glob
import os
import statistics
import sys
import threading
import time
from concurrent.futures import ThreadPoolExecutor

for _name in ("OPENBLAS_NUM_THREADS", "OMP_NUM_THREADS", "MKL_NUM_THREADS", "BLIS_NUM_THREADS"):
    os.environ[_name] = "1"
os.environ["MKL_THREADING_LAYER"] = "SEQUENTIAL"

import numpy as np  # noqa: E402 (after the thread variables, which BLAS reads when it loads)

BATCH, STEPS, HIDDEN, FEATURES, CHUNK = 256, 200, 64, 16, 8
PEAK = 1024  # a square product large enough for a GEMM's peak rate, for scale
WIDTH = HIDDEN + FEATURES + 1
ROW_MAJOR, NO_TRANS, TRANS = 101, 111, 112


def _operand(m: np.ndarray) -> tuple[int, int]:
    """(CBLAS transpose flag, leading dimension) of a 2-D view whose rows or columns are contiguous."""
    if m.strides[1] == 8:
        return NO_TRANS, max(m.strides[0] // 8, m.shape[1])
    assert m.strides[0] == 8, "one axis must be contiguous"
    return TRANS, max(m.strides[1] // 8, m.shape[0])


# Every candidate binds its operands once and returns a call without arguments, as an engine
# would prepare its per-step views once: the figures are then the kernels plus the least call
# overhead each interface allows (ctypes converts nothing per call but still crosses into C).


def cblas(function, integer):
    """cblas_dgemm of a shared library through ctypes (which releases the GIL for the call)."""
    function.restype = None
    function.argtypes = [ctypes.c_int] * 3 + [integer] * 3 + [
        ctypes.c_double, ctypes.c_void_p, integer, ctypes.c_void_p, integer,
        ctypes.c_double, ctypes.c_void_p, integer]

    def bind(a, b, out, accumulate):
        (ta, lda), (tb, ldb) = _operand(a), _operand(b)
        args = (ROW_MAJOR, ta, tb, a.shape[0], b.shape[1], a.shape[1], 1.0, a.ctypes.data, lda,
                b.ctypes.data, ldb, 1.0 if accumulate else 0.0, out.ctypes.data, out.strides[0] // 8)
        return functools.partial(function, *(kind(value) for kind, value in zip(function.argtypes, args)))

    return bind


def blis_typed(library):
    """BLIS's typed bli_dgemm (exported by blis.cy) through ctypes: any row and column strides."""
    function = library.bli_dgemm
    function.restype = None
    size = ctypes.c_int64  # dim_t, inc_t
    function.argtypes = [ctypes.c_int, ctypes.c_int, size, size, size, ctypes.c_void_p, ctypes.c_void_p, size, size,
                         ctypes.c_void_p, size, size, ctypes.c_void_p, ctypes.c_void_p, size, size]
    scalars = ctypes.c_double(0.0), ctypes.c_double(1.0)

    def bind(a, b, out, accumulate):
        args = (0, 0, a.shape[0], b.shape[1], a.shape[1], ctypes.addressof(scalars[1]), a.ctypes.data,
                a.strides[0] // 8, a.strides[1] // 8, b.ctypes.data, b.strides[0] // 8, b.strides[1] // 8,
                ctypes.addressof(scalars[accumulate]), out.ctypes.data, out.strides[0] // 8, out.strides[1] // 8)
        return functools.partial(function, *(kind(value) for kind, value in zip(function.argtypes, args)))

    return bind


def numpy_bind(a, b, out, accumulate):
    if not accumulate:
        return functools.partial(np.matmul, a, b, out)
    temp = np.empty(out.shape)

    def call():  # NumPy has no beta: the product, then an add
        np.matmul(a, b, temp)
        np.add(out, temp, out)

    return call


def candidates(names, coretype=""):
    """name -> bind(a, b, out, accumulate) -> call, for the candidates installed here; and notes."""
    found, notes = {"numpy": numpy_bind}, []
    here = os.path.dirname(np.__file__) + ".libs"
    numpy_blas = glob.glob(os.path.join(here, "libscipy_openblas64_*.so"))
    if numpy_blas:
        found["openblas"] = cblas(ctypes.CDLL(numpy_blas[0]).scipy_cblas_dgemm64_, ctypes.c_int64)
    try:
        before = os.environ.get("OPENBLAS_CORETYPE")
        if coretype:  # read by this second OpenBLAS when it loads (on import); NumPy's has loaded already
            os.environ["OPENBLAS_CORETYPE"] = coretype
        import scipy_openblas64

        library = ctypes.CDLL(os.path.join(scipy_openblas64.get_lib_dir(), f"lib{scipy_openblas64.get_library()}.so"))
        if coretype and before is None:
            del os.environ["OPENBLAS_CORETYPE"]
        elif coretype:
            os.environ["OPENBLAS_CORETYPE"] = before
        found["ob-0.3.34"] = cblas(library.scipy_cblas_dgemm64_, ctypes.c_int64)
        notes.append(f"ob-0.3.34: scipy-openblas64 {scipy_openblas64.__version__}")
    except (ImportError, OSError, AttributeError) as error:
        notes.append(f"ob-0.3.34: not available ({error})")
    try:
        import blis.about
        import blis.cy
        import blis.py

        library = ctypes.CDLL(blis.cy.__file__)
        found["blis"] = blis_typed(library)
        arch = library.bli_arch_string
        arch.restype, arch.argtypes = ctypes.c_char_p, [ctypes.c_int]
        query = library.bli_arch_query_id
        query.restype = ctypes.c_int
        notes.append(f"blis: {blis.about.__version__}, kernels for {arch(query()).decode()}")

        def blis_py(a, b, out, accumulate):
            return functools.partial(blis.py.gemm, a, b, out=out, beta=1.0 if accumulate else 0.0)

        found["blis.py"] = blis_py
    except (ImportError, OSError, AttributeError) as error:
        notes.append(f"blis: not available ({error})")
    try:
        library = ctypes.CDLL(os.path.join(sys.prefix, "lib", "libmkl_rt.so.3"))
        found["mkl"] = cblas(library.cblas_dgemm, ctypes.c_int)
        text = ctypes.create_string_buffer(256)
        library.MKL_Get_Version_String(text, 256)
        notes.append(f"mkl: {text.value.decode()}")
    except OSError as error:
        notes.append(f"mkl: not available ({error})")
    try:
        import scipy
        from scipy.linalg.blas import dgemm

        def scipy_bind(a, b, out, accumulate):
            # Fortran order sees the transposes: outᵀ = bᵀ aᵀ, written in place where f2py can
            call = functools.partial(dgemm, 1.0, b.T, a.T, beta=1.0 if accumulate else 0.0, c=out.T,
                                     overwrite_c=True)
            if out.flags.c_contiguous:  # outᵀ is Fortran-contiguous: f2py writes into it
                return call

            def copied():  # f2py copies a strided output: the result comes back in a new array
                out[...] = call().T

            return copied

        found["scipy"] = scipy_bind
        notes.append(f"scipy: {scipy.__version__} (f2py holds the GIL during the call)")
    except ImportError as error:
        notes.append(f"scipy: not available ({error})")
    try:
        import torch

        torch.set_num_threads(1)

        def torch_bind(a, b, out, accumulate):
            ta, tb, to = torch.from_numpy(a), torch.from_numpy(b), torch.from_numpy(out)
            if accumulate:
                return functools.partial(torch.addmm, to, ta, tb, out=to)
            return functools.partial(torch.matmul, ta, tb, out=to)

        found["torch"] = torch_bind
        notes.append(f"torch: {torch.__version__} (reference)")
    except ImportError:
        pass
    try:
        from threadpoolctl import threadpool_info

        for pool in threadpool_info():
            notes.append(f"loaded: {pool['internal_api']} {pool['version']} ({pool.get('architecture')}) "
                         f"{os.path.basename(pool['filepath'])}")
    except ImportError:
        pass
    if names:
        found = {name: found[name] for name in names if name in found}
    return found, notes


class Shape:
    """One product of the engine: operands made by `make(rng)` for one thread."""

    def __init__(self, label, m, n, k, make, accumulate=False, contiguous=True, calls=0):
        self.label, self.flops, self.make = label, 2 * m * n * k, make
        self.accumulate, self.contiguous = accumulate, contiguous
        self.calls = calls  # per repetition, for the large ones (0: --calls)


def shapes(rows, threads):
    """The products one thread makes for a block of `rows` rows (R = 128 per sub-block)."""
    sub = min(rows, 128)
    steps_rows = STEPS * rows

    def states(rng, count=1):
        """`count` steps of state rows [h | x | 1], (count·rows, WIDTH), contiguous as in the engine."""
        return rng.standard_normal((count * rows, WIDTH))

    def forward(rng, r=sub):
        return states(rng)[:r], rng.standard_normal((WIDTH, HIDDEN)), np.empty((r, HIDDEN))

    def backward(rng):
        grads, after = rng.standard_normal((sub, WIDTH)), np.empty((sub, WIDTH))
        return grads[:, :HIDDEN], rng.standard_normal((HIDDEN, HIDDEN)), after[:, :HIDDEN]

    def share(rng, count=1):
        grads = rng.standard_normal((count * (rows if count > 1 else sub), WIDTH))[:, :HIDDEN]
        return grads.T, states(rng, count)[: len(grads)], np.zeros((HIDDEN, WIDTH))

    def h_only(rng):
        return (rng.standard_normal((sub, WIDTH))[:, :HIDDEN], rng.standard_normal((HIDDEN, HIDDEN)).T,
                np.zeros((sub, HIDDEN)))

    def square(rng):
        return rng.standard_normal((PEAK, PEAK)), rng.standard_normal((PEAK, PEAK)), np.empty((PEAK, PEAK))

    def projection(rng):
        return (rng.standard_normal((steps_rows, FEATURES + 1)), rng.standard_normal((FEATURES + 1, HIDDEN)),
                np.empty((steps_rows, HIDDEN)))

    found = {
        "forward": Shape(f"forward {sub}x81 @ 81x64", sub, HIDDEN, WIDTH, forward),
        "backward": Shape(f"backward {sub}x64 @ 64x64 (strided)", sub, HIDDEN, HIDDEN, backward, contiguous=False),
        "share": Shape(f"share 64x{sub} @ {sub}x81 (Aᵀ)", HIDDEN, WIDTH, sub, share, contiguous=False),
        "chunk": Shape(f"chunk share 64x{CHUNK * rows} @ {CHUNK * rows}x81, +=", HIDDEN, WIDTH, CHUNK * rows,
                       lambda rng: share(rng, CHUNK), accumulate=True, contiguous=False),
        "h_only": Shape(f"h-only step {sub}x64 @ 64x64, +=", sub, HIDDEN, HIDDEN, h_only, accumulate=True,
                        contiguous=False),
        "projection": Shape(f"projection {steps_rows}x17 @ 17x64", steps_rows, HIDDEN, FEATURES + 1, projection,
                            calls=3),
        "run": Shape(f"run share 64x{steps_rows} @ {steps_rows}x81", HIDDEN, WIDTH, steps_rows,
                     lambda rng: share(rng, STEPS), contiguous=False, calls=1),
        "peak": Shape(f"square {PEAK}x{PEAK} (the GEMM peak)", PEAK, PEAK, PEAK, square, calls=1),
    }
    if rows > sub:
        found["forward_whole"] = Shape(f"forward {rows}x81 @ 81x64", rows, HIDDEN, WIDTH,
                                       lambda rng: forward(rng, rows))
    return found


def measure(gemms, shape, threads, reps, calls, pool):
    """Median seconds per call of every candidate on `shape`, with `threads` threads at once."""
    operands = {name: [shape.make(np.random.default_rng(seed)) for seed in range(threads)] for name in gemms}
    times = {name: [] for name in gemms}
    order = list(gemms)
    calls = shape.calls or calls

    def loop(bind, a, b, out, gate):
        call = bind(a, b, out, shape.accumulate)
        # timed inside the threads: a call that holds the GIL (f2py's) would keep the main thread's
        # clock from starting until the work is done
        gate.wait()
        start = time.perf_counter()
        for _ in range(calls):
            call()
        return start, time.perf_counter()

    for rep in range(reps + 1):  # the first repetition warms up and is not counted
        for name in order[rep % len(order):] + order[: rep % len(order)]:
            gemm = gemms[name]
            if name == "blis.py" and not shape.contiguous:
                continue
            gate = threading.Barrier(threads)
            futures = [pool.submit(loop, gemm, *operands[name][i], gate) for i in range(threads)]
            spans = [future.result() for future in futures]
            if rep:
                times[name].append((max(end for _, end in spans) - min(start for start, _ in spans)) / calls)
    return {name: statistics.median(found) for name, found in times.items() if found}


def check(gemms, threads):
    """Every candidate computes the same products as NumPy (to 1e-12 relative) before it is timed."""
    for shape in shapes(BATCH // threads, threads).values():
        for name, gemm in gemms.items():
            if name == "blis.py" and not shape.contiguous:
                continue
            a, b, out = shape.make(np.random.default_rng(7))
            base = out.copy()
            gemm(a, b, out, shape.accumulate)()
            want = a @ b + (base if shape.accumulate else 0.0)
            error = np.max(np.abs(out - want)) / np.max(np.abs(want))
            assert error < 1e-12, f"{name} on {shape.label}: relative error {error:.1e}"


def report(gemms, threads, args, pool):
    rows = BATCH // threads
    found = shapes(rows, threads)
    names = list(gemms)
    print(f"\n{threads} thread(s), {rows} rows per thread; GFLOP/s (all threads) and ratio to numpy; "
          f"median of {args.reps} reps x {args.calls} calls; load average before: {os.getloadavg()[0]:.2f}")
    print(f"{'shape':<38}" + "".join(f"{name:>15}" for name in names))
    per_call = {}
    for key, shape in found.items():
        medians = per_call[key] = measure(gemms, shape, threads, args.reps, args.calls, pool)
        base = medians["numpy"]
        cells = []
        for name in names:
            if name not in medians:
                cells.append(f"{'-':>15}")
                continue
            rate = threads * shape.flops / medians[name] / 1e9
            cells.append(f"{rate:7.1f} {base / medians[name]:5.2f}x ")
        print(f"{shape.label:<38}" + "".join(cells))
    # one BPTT's products (batch 256, T = 200), from the per-call medians, per thread
    parts = rows // min(rows, 128)
    chunks = -(-STEPS // CHUNK)
    print(f"one BPTT's products, ms (each thread's share of batch {BATCH}, T = {STEPS}, from the medians above):")
    print(f"{'structure':<38}" + "".join(f"{name:>15}" for name in names))
    structures = {
        "as the engine: step, step, 8 shares": lambda m: STEPS * parts * (m["forward"] + m["backward"]
                                                                          + m["share"]),
        "chunk share in one product": lambda m: STEPS * parts * (m["forward"] + m["backward"])
        + chunks * m["chunk"],
        "one share product for the whole run": lambda m: STEPS * parts * (m["forward"] + m["backward"]) + m["run"],
        "+ h-only steps and the projection": lambda m: STEPS * parts * (m["h_only"] + m["backward"])
        + chunks * m["chunk"] + m["projection"],
    }
    engine = STEPS * parts * sum(per_call[key]["numpy"] for key in ("forward", "backward", "share"))
    for label, total in structures.items():
        cells = []
        for name in names:
            medians = {key: per_call[key].get(name) for key in per_call}
            if any(medians[key] is None for key in ("forward", "backward", "share", "chunk", "h_only", "projection",
                                                    "run")):
                cells.append(f"{'-':>15}")
                continue
            value = total(medians)
            cells.append(f"{1e3 * value:7.2f} {engine / value:5.2f}x ")
        print(f"{label:<38}" + "".join(cells))
    print("(ratios against numpy as the engine makes them)")
    # the figures above multiply the same operands again and again, hot in the cache; the engine's
    # steps each read fresh rows of a (T+1) x B x 81 buffer: bench_bptt's replay of its products
    replay = engine_replay(threads)
    print(f"the engine's products in its own memory (bench_bptt.replay_matmuls, NumPy): {1e3 * replay:.2f} ms per BPTT "
          f"against {1e3 * engine:.2f} ms from the hot medians above (the difference: fresh rows every step, which "
          f"no GEMM kernel removes; with threads also how free the cores are); load average after: "
          f"{os.getloadavg()[0]:.2f}")


def engine_replay(threads, runs=21):
    """Median seconds of bench_bptt's replay of the engine's matrix products (needs tutor importable)."""
    from bench_bptt import replay_matmuls

    replay = replay_matmuls(threads)
    for _ in range(3):
        replay()
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        replay()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--threads", default="1,2", help="threads multiplying side by side, e.g. 1,2")
    parser.add_argument("--reps", type=int, default=41, help="repetitions (medians over these)")
    parser.add_argument("--calls", type=int, default=30, help="back-to-back calls timed together")
    parser.add_argument("--coretype", default="", help="OPENBLAS_CORETYPE for ob-0.3.34 only, e.g. Haswell, Zen")
    parser.add_argument("--only", default="", help="comma-separated candidates (default: all installed)")
    args = parser.parse_args()
    gemms, notes = candidates([name for name in args.only.split(",") if name], args.coretype)
    print("candidates:", ", ".join(gemms))
    for note in notes:
        print("  " + note)
    with ThreadPoolExecutor(max_workers=2) as pool:
        for threads in (int(part) for part in args.threads.split(",")):
            check(gemms, threads)
            report(gemms, threads, args, pool)


if __name__ == "__main__":
    main()
