"""How fairly the `concepts` grader judges free text (a script, not a test).

    PYTHONPATH=. python tests/bench/bench_free_text.py [--corpus PATH] [--pack PACK] [--verbose]

Grades every labelled answer of the corpus (default tests/corpus/answers; `--corpus` takes a
file or folder in the same format, such as a held-out set kept outside the repository) with
the built-in pack's grader (or `--pack`'s: a corpus of another pack's questions) and prints recall on right answers, wrong answers credited, partial
answers given partial credit, the undecided rate and the latency, overall, per question and per kind of answer.
`--verbose` lists every answer whose grade disagrees with its label. The figures are defined
in tests/corpus/free_text_metrics.py.
"""

from __future__ import annotations

import argparse
import sys
from collections import defaultdict
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "corpus"))

import free_text_metrics as metrics

from tutor.packs.loader import load_pack
from tutor.packs.problems import PackError


def _percent(rate: float | None) -> str:
    return "   -  " if rate is None else f"{rate * 100:5.1f}%"


def _summary(name: str, result: metrics.Figures) -> str:
    return (
        f"{name:36} n={result.total:3} (R{result.right:3} W{result.wrong:3} P{result.partial:3})  "
        f"recall {_percent(result.recall)}  wrong credited {result.wrong_credited:2} "
        f"({_percent(result.wrong_credited_rate)})  partial credit {_percent(result.partial_credit)}  "
        f"undecided {_percent(result.undecided)}"
    )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", type=Path, default=metrics.CORPUS_DIR, help="corpus file or folder")
    parser.add_argument("--verbose", action="store_true", help="list answers graded against their label")
    parser.add_argument("--pack", type=Path, default=None,
                        help="the pack the corpus answers (default: the built-in rnn-gradients)")
    options = parser.parse_args(argv)
    if not options.corpus.exists():
        print(f"bench_free_text: no such corpus: {options.corpus}", file=sys.stderr)
        return 2
    try:
        pack = metrics.builtin_pack() if options.pack is None else load_pack(options.pack)
    except PackError as error:
        print(f"bench_free_text: {error}", file=sys.stderr)
        return 2
    try:
        answers = metrics.load_corpus(options.corpus)
    except (metrics.CorpusError, OSError) as error:
        print(f"bench_free_text: {error}", file=sys.stderr)
        return 2
    problems = metrics.corpus_problems(answers, pack)
    if problems:
        print("\n".join(problems), file=sys.stderr)
        return 2
    graded = metrics.grade_all(answers, pack)
    overall = metrics.figures(graded)
    long_ms, long_count = metrics.long_answer_median_ms(answers, pack)
    print(f"corpus: {options.corpus}")
    print(_summary("all", overall))
    print(
        f"latency: median {overall.median_ms:.2f} ms, max {overall.max_ms:.2f} ms per grade; "
        f"~100-word answers ({long_count} of 80-130 words): median {long_ms:.2f} ms"
    )
    for heading, key in (("question", lambda item: item.answer.question), ("kind", lambda item: item.answer.kind)):
        groups: dict[str, list[metrics.Graded]] = defaultdict(list)
        for item in graded:
            groups[key(item)].append(item)
        print(f"\nper {heading}:")
        for name, items in groups.items():
            print(_summary(name, metrics.figures(items)))
    if options.verbose:
        failures = [item for item in graded if metrics.is_failure(item)]
        print(f"\ngraded against their label: {len(failures)}")
        for item in failures:
            result = item.grade
            verdict = "undecided" if result.undecided else ("correct" if result.correct else "not correct")
            print(
                f"- {item.answer.question} [{item.answer.label}/{item.answer.kind}] {verdict}, "
                f"score {result.score:.2f}: {item.answer.text}"
            )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
