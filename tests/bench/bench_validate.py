"""Benchmark: validating a generated 5,000-question pack (target: under 1 second).

Run: `python tests/bench/bench_validate.py [--questions 5000] [--repeats 5]`.
Generates a folder pack of realistic questions (every check kind, evidence with params
and claims, follow-ups, tests; every numeric and symbolic answer different, so no cache
helps) split over 10 files, then times `load_pack` cold (a
fresh interpreter, imports included) and warm (median of repeats in-process), and
prints the ratio to the budget.
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

CHECKS = [
    "      kind: self\n",
    "      kind: choice\n      options:\n        - {text: shrinks, correct: true, feedback: right}\n"
    "        - {text: grows, feedback: that is exploding}\n        - {text: stays}\n",
    "      kind: numeric\n      answer: \"{n}/1000 * 0.9^20\"\n      rtol: 0.01\n",
    "      kind: symbolic\n      variables: [w, h, u, x, b]\n      answers:\n"
    "        - \"w*(1 - tanh(w*h + u*x + {n}*b)^2)\"\n",
    "      kind: concepts\n      concepts:\n        - name: exponential\n          phrases: [exponential, geometric]\n"
    "        - name: repeated-product\n          phrases: [repeated multiplication, product of jacobians]\n"
    "      misconceptions:\n        - name: clipping-fixes\n          phrases: [clipping fixes vanishing]\n"
    "          feedback: Clipping only bounds large gradients.\n",
]

QUESTION = """\
  - id: q{n:05d}
    level: {level}
    topics: [bptt, vanishing]
    prompt: "Question {n}: why does the gradient through {n} steps shrink when γ·σ_max < 1?"
    answer: Because the product of step Jacobians is bounded by (γ·σ_max)^k, which goes to zero.
    explanation: >-
      The norm of a product is at most the product of the norms; each factor is at most
      γ·‖Wₕₕ‖₂, so the bound decays geometrically with the number of steps.
    hints: [Think of the norm of a product.]
    follow_ups:
      - prompt: Is the condition necessary?
        answer: No, it is sufficient.
    sources: ["Pascanu, Mikolov and Bengio (2013). On the difficulty of training RNNs. ICML."]
    check:
{check}    evidence:
      - name: spectral-sweep
        params: {{steps: 60, scales: [0.5, 1.5]}}
        claims:
          - {{series: "scale=0.5", stat: first_over_last, op: ">", value: 1000}}
      - name: activation-bounds
        claims:
          - {{scalar: max_sigmoid_prime, op: "==", value: "1/4"}}
    tests:
      - {{response: "shrinks", correct: true}}
"""

LEVELS = ("basic", "intermediate", "advanced")


def generate(folder: Path, questions: int, files: int = 10) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "pack.yaml").write_text(
        "id: generated\ntitle: Generated\nversion: '1'\ndescription: d\nauthors: [bench]\nlicense: MIT\n",
        encoding="utf-8",
    )
    per_file = -(-questions // files)
    for index in range(files):
        numbers = range(index * per_file, min(questions, (index + 1) * per_file))
        body = "".join(
            QUESTION.format(n=n, level=LEVELS[n % 3], check=CHECKS[n % len(CHECKS)].replace("{n}", str(n)))
            for n in numbers
        )
        (folder / f"part-{index:02d}.yaml").write_text("questions:\n" + body, encoding="utf-8")
    return folder


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--questions", type=int, default=5000)
    parser.add_argument("--repeats", type=int, default=5)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        folder = generate(Path(tmp) / "pack", args.questions)
        size = sum(p.stat().st_size for p in folder.iterdir())
        code = (
            "import time; t=time.perf_counter(); from tutor.packs.loader import load_pack; "
            f"i=time.perf_counter(); p=load_pack({str(folder)!r}); e=time.perf_counter(); "
            "print(e-t, i-t, e-i, len(p.questions))"
        )
        cold, imports, loads = [], [], []
        for _ in range(5):
            out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT)
            if out.returncode:
                raise SystemExit(f"loading failed:\n{out.stderr}")
            seconds, imported, loaded, count = out.stdout.split()
            cold.append(float(seconds))
            imports.append(float(imported))
            loads.append(float(loaded))
        from tutor.packs.loader import load_pack

        warm = []
        for _ in range(args.repeats):
            start = time.perf_counter()
            pack = load_pack(folder)
            warm.append(time.perf_counter() - start)
        assert len(pack.questions) == args.questions == int(count)
        print(f"pack: {args.questions} questions, {size / 1e6:.1f} MB in 11 files")
        print(
            f"cold (fresh process): median {statistics.median(cold):.3f} s = imports "
            f"{statistics.median(imports):.3f} s + validation {statistics.median(loads):.3f} s"
        )
        print(f"warm (in process): median {statistics.median(warm):.3f} s over {args.repeats} runs")
        print(
            f"budget 1.000 s: cold validation uses {statistics.median(loads):.0%} (with imports "
            f"{statistics.median(cold):.0%}), warm uses {statistics.median(warm):.0%}"
        )


if __name__ == "__main__":
    main()
