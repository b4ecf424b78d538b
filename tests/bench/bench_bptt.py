"""Benchmark the engine's BPTT against the two PyTorch versions a learner would write.

    PYTHONPATH=. python tests/bench/bench_bptt.py [--runs 5] [--rounds 5] [--threads 1,2]

The job, identical on every side, in float64: batch 256, T = 200, hidden 64, input 16;
forward pass, backward pass from L = Σ g·h_T, all ‖∂L/∂h_t‖ for t = 0..T and the weight
gradients. Sides:

  engine       tutor.evidence.sims.rnn.rnn_bptt(..., keep=False): it returns the norms
               and weight gradients without storing every ∂L/∂h_t vector
  hand         a Python loop over torch ops with autograd, retain_grad() on every h_t
  nn.RNN       torch.nn.RNN over the whole sequence; it cannot hand out ∂L/∂h_t, so it
               computes only the weight gradients and ∂L/∂h_0 (less work: conservative)
  nn.RNN+norms the same plus every ‖∂L/∂h_t‖, read off a zero extra input with identity
               weights (its gradient is ∂L/∂a_t; ∂L/∂h_{t-1} = ∂L/∂a_t W_hh)

nn.RNN has no sigmoid, so the sigmoid case compares with the hand loop only.

With 2 threads per side on a 2-core machine that other work shares, torch's OpenMP pool
suffers most when a core is taken (its threads wait for each other at every op), so the
1-thread table is the steadier comparison; the script prints both by default.

Every side runs in its own subprocess with the same thread budget N (OpenBLAS and
torch's pool slow each other down when they alternate in one process): torch gets
torch.set_num_threads(N); the engine runs its batch in N blocks on N threads with
OpenBLAS limited to one thread (rnn_bptt(..., threads=N)). The sides are interleaved
over several rounds and the figure per side is the median of all runs (wall clock; the
CPU-time medians beside them are blind to other processes taking the cores, and with
N > 1 they add up the threads, so compare them within the 1-thread table).
Each worker also returns its ‖∂L/∂h_t‖ and ∂L/∂W_hh so the script checks that every
side computed the same numbers before it compares times.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import time

BATCH, STEPS, HIDDEN, FEATURES = 256, 200, 64, 16
CASES = (
    ("tanh", ("engine", "hand", "module", "module_norms")),
    ("sigmoid", ("engine", "hand")),
    ("relu", ("engine", "hand", "module", "module_norms")),
)
LABELS = {"engine": "engine", "hand": "hand loop", "module": "nn.RNN", "module_norms": "nn.RNN+norms"}
WARMUP = 3
BIG = 2048  # size of the square matmul that shows the machine's float64 peak


TARGET_SPEEDUP = 2.5  # issue 17: at least 2.5x the faster PyTorch baseline, every activation
TARGET_GEMM_SHARE = 0.45  # and at least 45% of the float64 GEMM rate over the whole BPTT
TARGET_AGREEMENT = 1e-9  # with every side's norms and ∂L/∂W_hh agreeing to this relative difference

def problem():
    import numpy as np

    rng = np.random.default_rng(0)
    W_hh = rng.standard_normal((HIDDEN, HIDDEN)) / np.sqrt(HIDDEN)
    W_xh = rng.standard_normal((HIDDEN, FEATURES)) / np.sqrt(FEATURES)
    b = 0.1 * rng.standard_normal(HIDDEN)
    x = rng.standard_normal((STEPS, BATCH, FEATURES))
    g = rng.standard_normal(HIDDEN)
    return W_hh, W_xh, b, x, np.zeros(HIDDEN), g / np.linalg.norm(g)


WIDTH = HIDDEN + FEATURES + 1  # the engine's rows [h | x | 1]


def matmul_flops() -> float:
    """Floating-point operations in the engine's matrix products, per BPTT: each step one
    [h x 1]·[W_hh W_xh b]ᵀ forward, one ∂L/∂a·W_hh and one ∂L/∂aᵀ·[h x 1] backward."""
    return 2 * STEPS * BATCH * (2 * WIDTH * HIDDEN + HIDDEN * HIDDEN)


def timed(function, runs, cpu=None):
    """Wall-clock seconds of `runs` calls after a warm-up; their process CPU seconds are
    appended to `cpu` when given (time on the cores, blind to being descheduled)."""
    for _ in range(WARMUP):
        function()
    times = []
    for _ in range(runs):
        start, start_cpu = time.perf_counter(), time.process_time()
        function()
        times.append(time.perf_counter() - start)
        if cpu is not None:
            cpu.append(time.process_time() - start_cpu)
    return times


def engine_worker(activation, runs, threads):
    from tutor.evidence.sims.rnn import rnn_bptt

    W_hh, W_xh, b, x, h0, g = problem()

    def run():
        return rnn_bptt(W_hh, W_xh, b, x, h0, g, activation, threads=threads, keep=False)

    cpu = []
    times = timed(run, runs, cpu)
    trace = run()
    return {
        "times": times,
        "cpu": cpu,
        "norms": trace.grad_norms[:, 0].tolist(),
        "grad_W_hh": trace.grad_W_hh.ravel().tolist(),
        "matmul_times": timed(replay_matmuls(threads), runs),
    }


def replay_matmuls(threads):
    """A function that runs the engine's matrix products alone: same shapes, same blocks,
    sub-blocks in lockstep, chunks and threads, on scratch data made once beforehand."""
    import numpy as np

    from tutor.evidence.sims.numerics import batch_blocks, in_parallel
    from tutor.evidence.sims.rnn import CHUNK, lockstep_parts

    rng = np.random.default_rng(2)
    weights = rng.standard_normal((WIDTH, HIDDEN))
    recurrent = rng.standard_normal((HIDDEN, HIDDEN))
    blocks = batch_blocks(BATCH, threads, bytes_per_row=8 * (STEPS + 1) * WIDTH)
    work = {}
    for b in blocks:
        parts = lockstep_parts(1, b.stop - b.start)
        rows = rng.standard_normal((STEPS + 1, parts, (b.stop - b.start) // parts, WIDTH))
        grads = rng.standard_normal((STEPS, *rows.shape[1:3], HIDDEN))
        step_out = np.empty((*rows.shape[1:3], HIDDEN))
        shares = np.empty((CHUNK, parts, HIDDEN, WIDTH))
        work[b.start] = rows, grads, step_out, shares

    def block(part):
        rows, grads, step_out, shares = work[part.start]
        for t in range(1, STEPS + 1):
            np.matmul(rows[t - 1], weights, step_out)
        for t in range(STEPS, 0, -CHUNK):
            count = min(CHUNK, t)
            for s in range(t, t - count, -1):
                np.matmul(grads[s - 1], recurrent, step_out)
            done = slice(t - count, t)
            np.matmul(grads[done].swapaxes(-1, -2), rows[done], shares[:count])

    return lambda: in_parallel(block, blocks, threads)


def big_matmul_gflops(matrix, multiply):
    times = timed(lambda: multiply(matrix, matrix), 3)
    return 2 * BIG**3 / statistics.median(times) / 1e9


def torch_worker(side, activation, runs):
    import torch

    torch.set_default_dtype(torch.float64)
    W_hh, W_xh, b, x, h0, g = (torch.from_numpy(a) for a in problem())
    run = {"hand": hand_loop, "module": rnn_module, "module_norms": rnn_module}[side](
        W_hh, W_xh, b, x, h0, g, activation, norms=side != "module"
    )
    cpu = []
    times = timed(run, runs, cpu)
    norms, grad_W_hh = run()
    return {"times": times, "cpu": cpu, "norms": norms.tolist(), "grad_W_hh": grad_W_hh.ravel().tolist()}


def peak_worker():
    """Large float64 matrix products with all the threads of a side, NumPy and PyTorch."""
    import numpy as np
    import torch

    return {
        "numpy": big_matmul_gflops(np.random.default_rng(1).standard_normal((BIG, BIG)), np.matmul),
        "torch": big_matmul_gflops(torch.randn(BIG, BIG, dtype=torch.float64), torch.matmul),
    }


def hand_loop(W_hh, W_xh, b, x, h0, g, activation, norms=True):
    import torch

    phi = {"tanh": torch.tanh, "sigmoid": torch.sigmoid, "relu": torch.relu}[activation]

    def run():
        weights = [w.clone().requires_grad_() for w in (W_hh, W_xh, b)]
        recurrent, inputs, bias = weights
        h = h0.expand(BATCH, HIDDEN).clone().requires_grad_()
        states = [h]
        projected = (x.reshape(STEPS * BATCH, FEATURES) @ inputs.T + bias).reshape(STEPS, BATCH, HIDDEN)
        # unbind, not projected[t]: indexing would make autograd add a full-size zero
        # gradient per step, which slows the loop several times over
        for step_input in projected.unbind(0):
            h = phi(torch.addmm(step_input, h, recurrent.T))
            h.retain_grad()
            states.append(h)
        (h @ g).sum().backward()
        grad_norms = torch.stack([state.grad[0] for state in states]).norm(dim=1)
        return grad_norms, recurrent.grad

    return run


def rnn_module(W_hh, W_xh, b, x, h0, g, activation, norms=True):
    import torch

    extra = HIDDEN if norms else 0
    rnn = torch.nn.RNN(FEATURES + extra, HIDDEN, nonlinearity=activation)
    with torch.no_grad():
        rnn.weight_hh_l0.copy_(W_hh)
        rnn.weight_ih_l0.copy_(torch.cat([W_xh, torch.eye(HIDDEN)], dim=1) if norms else W_xh)
        rnn.bias_ih_l0.copy_(b)
        rnn.bias_hh_l0.zero_()

    def run():
        rnn.zero_grad()
        start = h0.expand(1, BATCH, HIDDEN).clone().requires_grad_()
        probe = torch.zeros(STEPS, BATCH, extra, requires_grad=True)
        _, last = rnn(torch.cat([x, probe], dim=2) if norms else x, start)
        (last[0] @ g).sum().backward()
        if norms:  # probe.grad[t-1] = ∂L/∂a_t, so ∂L/∂h_{t-1} = ∂L/∂a_t W_hh
            earlier = (probe.grad[:, 0] @ rnn.weight_hh_l0.detach()).norm(dim=1)
            grad_norms = torch.cat([earlier, g.norm()[None]])
        else:
            grad_norms = start.grad[0, :1].norm(dim=1)  # only ‖∂L/∂h_0‖ is available
        return grad_norms, rnn.weight_hh_l0.grad

    return run


def worker(args):
    if args.worker == "engine":
        result = engine_worker(args.activation, args.runs, args.threads)
    else:
        import torch

        torch.set_num_threads(args.threads)
        run = peak_worker if args.worker == "peak" else torch_worker
        result = run() if args.worker == "peak" else run(args.worker, args.activation, args.runs)
    print(json.dumps(result))


def launch(side, activation, args):
    env = dict(os.environ)
    # the engine spreads its batch over the threads itself, one BLAS thread each
    blas = 1 if side == "engine" else args.threads
    for name in ("OPENBLAS_NUM_THREADS", "OMP_NUM_THREADS", "MKL_NUM_THREADS"):
        env[name] = str(blas)
    command = [sys.executable, __file__, "--worker", side, "--activation", activation,
               "--runs", str(args.runs), "--threads", str(args.threads)]
    done = subprocess.run(command, env=env, capture_output=True, text=True, check=True)
    return json.loads(done.stdout.strip().splitlines()[-1])


def agree(reference, other, key):
    """Largest relative difference between two sides' outputs (first entries only for
    nn.RNN's ‖∂L/∂h_0‖, the one norm it can give)."""
    a, b = reference[key], other[key]
    if len(b) == 1 and key == "norms":
        a = a[:1]
    return max(abs(x - y) / max(abs(x), 1e-300) for x, y in zip(a, b))


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5, help="timed runs per side and round")
    parser.add_argument("--rounds", type=int, default=5, help="rounds of all sides, interleaved")
    parser.add_argument("--threads", default="1,2", help="thread budgets per side to compare, e.g. 1,2")
    parser.add_argument("--worker", help=argparse.SUPPRESS)
    parser.add_argument("--activation", default="tanh", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.worker:
        args.threads = int(args.threads)
        return worker(args)
    import importlib.util

    if importlib.util.find_spec("torch") is None:
        print("bench_bptt: the PyTorch baselines need torch (a CPU build: on these machines "
              "'pip install torch==2.13.0'; elsewhere the CPU index of download.pytorch.org)", file=sys.stderr)
        return 2
    for threads in (int(part) for part in args.threads.split(",")):
        compare(argparse.Namespace(**{**vars(args), "threads": threads}))
    return 0


def compare(args):
    """One table: every side and activation with `args.threads` threads each."""
    print(f"\nBPTT float64, batch {BATCH}, T = {STEPS}, hidden {HIDDEN}, input {FEATURES}; "
          f"{args.threads} thread(s) per side, {args.rounds} rounds × {args.runs} runs, medians; "
          f"load average before: {os.getloadavg()[0]:.2f}")
    results = {case: {} for case in CASES}
    for _ in range(args.rounds):
        for activation, sides in CASES:
            for side in sides:
                found = launch(side, activation, args)
                kept = results[(activation, sides)].setdefault(side, found)
                if kept is not found:
                    for key in ("times", "cpu", "matmul_times"):
                        kept[key] = kept.get(key, []) + found.get(key, [])
    print(f"{'activation':<10} {'side':<13} {'median ms':>10} {'side/engine':>12} {'max rel diff':>13}"
          f" {'CPU ms':>8} {'CPU ratio':>10}")
    held = []
    for (activation, sides), found in results.items():
        engine = statistics.median(found["engine"]["times"])
        engine_cpu = statistics.median(found["engine"]["cpu"])
        ratios, worst = {}, 0.0
        for side in sides:
            median, cpu = statistics.median(found[side]["times"]), statistics.median(found[side]["cpu"])
            diff = max(agree(found["engine"], found[side], key) for key in ("norms", "grad_W_hh"))
            ratio = median / engine
            worst = max(worst, diff)
            if side != "engine":
                ratios[side] = ratio
            print(f"{activation:<10} {LABELS[side]:<13} {1e3 * median:>10.2f} {ratio:>11.2f}x {diff:>13.1e}"
                  f" {1e3 * cpu:>8.1f} {cpu / engine_cpu:>9.2f}x")
        best = min(ratios, key=ratios.get)
        ok = ratios[best] >= TARGET_SPEEDUP and worst <= TARGET_AGREEMENT
        held.append(ok)
        print(f"{activation:<10} engine is {ratios[best]:.2f}x faster than the faster baseline ({LABELS[best]}); "
              f"target >= {TARGET_SPEEDUP}x, agreeing to {TARGET_AGREEMENT:.0e}: {'held' if ok else 'NOT held'}")
        # the ceiling of this design: the same run if nothing but its matrix products cost time
        products = statistics.median(found["engine"]["matmul_times"])
        print(f"{activation:<10} its matrix products alone take {1e3 * products:.1f} ms ({products / engine:.0%} "
              f"of the engine): without any other work the engine would be at most "
              f"{ratios[best] * engine / products:.2f}x faster")
    tanh = results[CASES[0]]["engine"]
    flops = matmul_flops()
    whole, products = statistics.median(tanh["times"]), statistics.median(tanh["matmul_times"])
    peak = launch("peak", "tanh", args)
    print(f"engine matrix products: {flops / 1e9:.2f} GFLOP per BPTT (tanh), {args.threads} thread(s)")
    print(f"  over the whole BPTT:           {flops / whole / 1e9:6.1f} GFLOP/s ({1e3 * whole:.1f} ms)")
    print(f"  the products alone:            {flops / products / 1e9:6.1f} GFLOP/s ({1e3 * products:.1f} ms)")
    print(f"  {BIG}x{BIG} matmul, NumPy/OpenBLAS: {peak['numpy']:6.1f} GFLOP/s")
    print(f"  {BIG}x{BIG} matmul, PyTorch/MKL:    {peak['torch']:6.1f} GFLOP/s")
    share = flops / whole / 1e9 / peak["numpy"]
    print(f"  share of the machine's float64 GEMM rate over the whole BPTT: {share:.0%} "
          f"(target >= {TARGET_GEMM_SHARE:.0%}: {'held' if share >= TARGET_GEMM_SHARE else 'NOT held'})")
    print(f"targets with {args.threads} thread(s): speedup held in {sum(held)} of {len(held)} activations, "
          f"GEMM share {'held' if share >= TARGET_GEMM_SHARE else 'NOT held'}")
    print(f"load average after: {os.getloadavg()[0]:.2f} (other work on the machine shows up here)")


if __name__ == "__main__":
    sys.exit(main())
