"""How well the free-text `concepts` grader judges learner answers: the corpus and its figures.

The corpus (tests/corpus/answers/*.yaml) holds answers written by people who had not read the
rubrics, each labelled by a human as `right`, `wrong` or `partial`, and tagged with its kind
(paraphrase, terse, typo, misconception, reversal, ...). A corpus file is either a mapping
`{question: ID, answers: [...]}` or a list of such mappings (the held-out file keeps all its
questions in one file); each answer is `{label, kind, text}` and may name its own `question`.

Every answer is graded with the pack's real grader (`tutor.checks.answers.grade` on the question's
check, the pack loaded by `tutor.packs.loader.load_pack`), and the figures are defined so that
they match the targets of issue 14:

- recall: right answers graded correct / right answers;
- wrong credited: wrong answers graded correct OR given a score >= 0.5 (count and rate);
- partial credit: partial answers "given partial credit" = not correct and score > 0, over
  partial answers (a partial answer graded correct is a miss here: it was over-credited);
- undecided: answers whose Grade is `undecided` / all answers;
- latency: median and max milliseconds per grade over the corpus (after one warm-up grade),
  and the median over repeated grades of the answers of 80 to 130 words ("a 100-word answer").
"""

from __future__ import annotations

import statistics
import time
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

import yaml

from tutor import paths
from tutor.checks.answers import grade
from tutor.grading import Grade
from tutor.packs.loader import load_pack
from tutor.packs.model import Pack

CORPUS_DIR = Path(__file__).resolve().parent / "answers"
LABELS = ("right", "wrong", "partial")
KINDS = (
    "paraphrase", "terse", "verbose", "typo", "spelling", "symbols",
    "misconception", "negation", "reversal", "keyword-stuffing", "partial",
)
CREDIT_THRESHOLD = 0.5
LONG_ANSWER_WORDS = (80, 130)


class CorpusError(ValueError):
    """A corpus file that does not follow the format: one line naming the file and the fault."""


@dataclass(frozen=True)
class Answer:
    """One labelled learner answer; `source` is `file:index` for messages."""

    question: str
    label: str
    kind: str
    text: str
    source: str


@dataclass(frozen=True)
class Graded:
    answer: Answer
    grade: Grade
    milliseconds: float


@dataclass(frozen=True)
class Figures:
    """The benchmark's figures over one set of graded answers (rates in [0, 1], None if empty)."""

    total: int
    right: int
    wrong: int
    partial: int
    recall: float | None
    wrong_credited: int
    wrong_credited_rate: float | None
    partial_credit: float | None
    undecided: float | None
    median_ms: float
    max_ms: float


def builtin_pack() -> Pack:
    return load_pack(paths.builtin_content_dir() / "rnn-gradients")


def load_corpus(path: Path = CORPUS_DIR) -> list[Answer]:
    """Every answer in `path` (a corpus file, or a folder of them read in name order)."""
    files = sorted(path.glob("*.yaml")) if path.is_dir() else [path]
    answers: list[Answer] = []
    for file in files:
        answers.extend(_answers_of_file(file))
    return answers


def _answers_of_file(file: Path) -> list[Answer]:
    document = yaml.safe_load(file.read_text(encoding="utf-8"))
    groups = document if isinstance(document, list) else [document]
    answers = []
    for group in groups:
        if not isinstance(group, dict) or not isinstance(group.get("answers"), list):
            raise CorpusError(f"{file}: expected a mapping with `question` and a list `answers`")
        for index, item in enumerate(group["answers"]):
            where = f"{file.name}:{group.get('question')}[{index}]"
            if not isinstance(item, dict):
                raise CorpusError(f"{where}: an answer is a mapping with label, kind and text")
            question = item.get("question", group.get("question"))
            missing = [key for key in ("label", "kind", "text") if not isinstance(item.get(key), str)]
            if missing or not isinstance(question, str):
                raise CorpusError(f"{where}: missing or non-text {', '.join(missing) or 'question'}")
            answers.append(Answer(question, item["label"], item["kind"], item["text"].strip(), where))
    return answers


def corpus_problems(answers: list[Answer], pack: Pack) -> list[str]:
    """What is wrong with the corpus itself: unknown ids, bad labels or kinds, duplicates."""
    problems = []
    seen: set[tuple[str, str]] = set()
    for answer in answers:
        question = pack.question(answer.question)
        if question is None or question.check.kind != "concepts":
            problems.append(f"{answer.source}: {answer.question!r} is not a concepts question of the pack")
        if answer.label not in LABELS:
            problems.append(f"{answer.source}: label {answer.label!r} is not one of {', '.join(LABELS)}")
        if answer.kind not in KINDS:
            problems.append(f"{answer.source}: kind {answer.kind!r} is not one of {', '.join(KINDS)}")
        key = (answer.question, " ".join(answer.text.lower().split()))
        if key in seen:
            problems.append(f"{answer.source}: duplicate answer")
        seen.add(key)
    return problems


def grade_all(answers: list[Answer], pack: Pack) -> list[Graded]:
    """Grade every answer with the pack's own check, timing each grade."""
    checks = {question.id: question.check for question in pack.questions}
    if answers:
        grade(checks[answers[0].question], answers[0].text)  # warm-up: lazy imports, caches
    graded = []
    for answer in answers:
        started = time.perf_counter()
        result = grade(checks[answer.question], answer.text)
        graded.append(Graded(answer, result, (time.perf_counter() - started) * 1000))
    return graded


def is_credited(result: Grade) -> bool:
    """A wrong answer is credited when it is graded correct or scores at least 0.5."""
    return result.correct or result.score >= CREDIT_THRESHOLD


def is_partial_credit(result: Grade) -> bool:
    """Partial credit: not graded correct, and a score above zero."""
    return not result.correct and result.score > 0


def is_failure(graded: Graded) -> bool:
    """Whether the grade disagrees with the human label (what `--verbose` lists)."""
    label, result = graded.answer.label, graded.grade
    if label == "right":
        return not result.correct
    if label == "wrong":
        return is_credited(result)
    return not is_partial_credit(result)


def _rate(count: int, total: int) -> float | None:
    return count / total if total else None


def credited_wrong(graded: list[Graded]) -> list[str]:
    """The wrong answers credited, by source: a floor on their number alone would let a fixed
    one be traded for a new one unnoticed."""
    return [item.answer.source for item in graded if item.answer.label == "wrong" and is_credited(item.grade)]


def figures(graded: list[Graded]) -> Figures:
    labels = Counter(item.answer.label for item in graded)
    by_label = {label: [item.grade for item in graded if item.answer.label == label] for label in LABELS}
    credited = sum(is_credited(result) for result in by_label["wrong"])
    times = [item.milliseconds for item in graded] or [0.0]
    return Figures(
        total=len(graded),
        right=labels["right"],
        wrong=labels["wrong"],
        partial=labels["partial"],
        recall=_rate(sum(result.correct for result in by_label["right"]), labels["right"]),
        wrong_credited=credited,
        wrong_credited_rate=_rate(credited, labels["wrong"]),
        partial_credit=_rate(sum(is_partial_credit(result) for result in by_label["partial"]), labels["partial"]),
        undecided=_rate(sum(item.grade.undecided for item in graded), len(graded)),
        median_ms=statistics.median(times),
        max_ms=max(times),
    )


def long_answer_median_ms(answers: list[Answer], pack: Pack, repeats: int = 5) -> tuple[float, int]:
    """Median ms to grade the answers of about 100 words (80 to 130), each `repeats` times.

    Returns the median and how many answers were timed; when the corpus has none that long,
    its longest answers of one question are joined until they reach 100 words.
    """
    low, high = LONG_ANSWER_WORDS
    chosen = [answer for answer in answers if low <= len(answer.text.split()) <= high]
    if not chosen and answers:
        first = max(answers, key=lambda answer: len(answer.text.split()))
        same = sorted((a for a in answers if a.question == first.question), key=lambda a: -len(a.text.split()))
        words: list[str] = []
        for answer in same:
            words.extend(answer.text.split())
            if len(words) >= 100:
                break
        chosen = [Answer(first.question, first.label, first.kind, " ".join(words[:100]), "joined")]
    checks = {question.id: question.check for question in pack.questions}
    times = []
    for answer in chosen:
        for _ in range(repeats):
            started = time.perf_counter()
            grade(checks[answer.question], answer.text)
            times.append((time.perf_counter() - started) * 1000)
    return (statistics.median(times) if times else 0.0), len(chosen)
