"""Prove a pack, the way STACK's question tests and rustlings' `dev check` do.

For every question: its own model answer is graded correct; every `tests:` sample gets
the verdict it declares; every evidence item runs and every claim holds, for several
seeds; every number in a caption is rendered from the run, marked literal, or backed by one
of the item's claims or a parameter of its run; a concept rubric is not satisfied by an empty answer or by the prompt
itself; a variant question (one with `params`) is proven draw by draw (`tutor.authoring.variant_proof`).
Each check is a small task so progress can be shown and evidence can run in parallel;
each failure is one line `file:line:col: question-id: what failed`.
"""

from __future__ import annotations

import json
import os
from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

from tutor.authoring import VARIANT_SEEDS
from tutor.grading.result import Grade
from tutor.packs.model import Pack
from tutor.packs.problems import Location
from tutor.packs.schema import Question

#: A path to a field inside a question: `("follow_ups", 0)`, `("evidence", 1, "claims", 0)`.
FieldPath = tuple[str | int, ...]

KINDS = ("answer", "sample", "evidence", "caption", "rubric", "variant", "interview", "follow-up")


@dataclass(frozen=True)
class Failure:
    location: Location
    question_id: str
    message: str

    def __str__(self) -> str:
        return f"{self.location}: {self.question_id}: {self.message}"


@dataclass(frozen=True)
class Task:
    """One independent check. `evidence` tasks carry what a worker process needs to run them."""

    kind: str
    question_id: str
    label: str
    evidence_index: int = -1
    seed: int = 0


@dataclass
class Report:
    checked: Counter[str] = field(default_factory=Counter)  # tasks by kind
    failed: Counter[str] = field(default_factory=Counter)
    failures: list[Failure] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.failures

    def add(self, task: Task, failures: list[Failure]) -> None:
        self.checked[task.kind] += 1
        if failures:
            self.failed[task.kind] += 1
            self.failures.extend(failures)

    def sort(self, position: dict[int, int]) -> None:
        """Failures by place in the pack, then by their task's place in the plan (`position`, by
        the failure's id): the same report whatever order parallel workers finished in."""
        self.failures.sort(key=lambda f: (f.location.file, f.location.line, f.location.column, position[id(f)]))


def plan(pack: Pack, seeds: int, variant_seeds: int = VARIANT_SEEDS) -> list[Task]:
    """Every task for `pack`, question by question; simulations once per seed; a variant
    question is proven draw by draw, `variant_seeds` draws (its evidence runs with each)."""
    from tutor import checks
    from tutor.evidence import registry

    tasks: list[Task] = []
    for question in pack.questions:
        tasks.extend(Task("caption", question.id, f"evidence[{index}].caption", index)
                     for index, item in enumerate(question.evidence) if item.caption)
        if question.interview is not None:
            tasks.append(Task("interview", question.id, "interview form"))
        tasks.extend(Task("follow-up", question.id, f"follow_ups[{index}]", index)
                     for index, follow_up in enumerate(question.follow_ups) if follow_up.check is not None)
        if question.params:
            tasks.extend(Task("variant", question.id, f"variant seed {seed}", seed=seed)
                         for seed in range(variant_seeds))
            continue
        graded = not checks.kind_of(question.check).self_rated
        if graded:
            tasks.append(Task("answer", question.id, "model answer"))
        tasks.extend(Task("sample", question.id, f"tests[{i}]") for i in range(len(question.tests)))
        if graded:
            tasks.append(Task("rubric", question.id, "rubric"))
        for index, item in enumerate(question.evidence):
            runs = seeds if registry.get(item.name).kind == "simulation" else 1
            tasks.extend(Task("evidence", question.id, f"evidence[{index}] {item.name} seed {seed}", index, seed)
                         for seed in range(runs))
    return tasks


def run_task(pack: Pack, task: Task) -> list[Failure]:
    """Carry out one task; never raises for a problem in the pack (it becomes a failure)."""
    question = pack.question(task.question_id)
    assert question is not None  # tasks are made from the pack's own questions
    runner = {"answer": _model_answer, "sample": _sample, "evidence": _evidence, "rubric": _rubric,
              "variant": _variant, "caption": _caption, "interview": _interview,
              "follow-up": _follow_up}[task.kind]
    try:
        return runner(pack, question, task)
    except Exception as error:  # a crash in evidence or grading is a failure to report, not to hide
        return [Failure(pack.locate(question.id), question.id, f"{task.label}: {type(error).__name__}: {error}")]


def prove(pack: Pack, *, seeds: int = 3, jobs: int | None = 1, variant_seeds: int = VARIANT_SEEDS,
          on_progress: Callable[[int, int, Task], None] | None = None) -> Report:
    """Run every task of `pack` (in `jobs` processes when above 1; None: one per CPU for a
    pack of PARALLEL_FROM tasks or more) and collect the report."""
    tasks = plan(pack, seeds, variant_seeds)
    jobs = processes_for(len(tasks), jobs)
    order = {id(task): index for index, task in enumerate(tasks)}
    report = Report()
    position: dict[int, int] = {}
    for done, (task, failures) in enumerate(_execute(pack, tasks, jobs), start=1):
        report.add(task, failures)
        position.update((id(failure), order[id(task)]) for failure in failures)
        if on_progress:
            on_progress(done, len(tasks), task)
    report.sort(position)
    return report


def processes_for(task_count: int, jobs: int | None) -> int:
    """The processes a check of `task_count` tasks runs in: `jobs`, or for None one per CPU
    when there are PARALLEL_FROM tasks or more (fewer finish before workers would start)."""
    if jobs is not None:
        return max(1, jobs)
    return (os.cpu_count() or 1) if task_count >= PARALLEL_FROM else 1


def _execute(pack: Pack, tasks: list[Task], jobs: int) -> Iterable[tuple[Task, list[Failure]]]:
    if jobs <= 1:
        for task in tasks:
            yield task, run_task(pack, task)
        return
    from concurrent.futures import ProcessPoolExecutor

    from tutor.authoring.workers import worker_context

    context = worker_context()
    with ProcessPoolExecutor(max_workers=jobs, mp_context=context, initializer=_init_worker,
                             initargs=(str(pack.path),)) as pool:
        for bundle, results in zip(bundles := _bundles(pack, tasks), pool.map(_run_bundle_in_worker, bundles)):
            yield from zip(bundle, results)


BUNDLE_SIZE = 4
PARALLEL_FROM = 200
"""Tasks from which worker processes pay off: starting them costs ~0.2 s (a fresh
interpreter importing NumPy), the built-in pack's 1,478 tasks take 11 s in two processes
against 20 s in one, a ten-question pack's 40 finish in one process before workers start."""


def _bundles(pack: Pack, tasks: list[Task]) -> list[list[Task]]:
    """Tasks grouped for the worker processes: the evidence tasks that read one run (same
    evidence, parameters and seed, from any question) in one bundle, so that run is made
    once, and those bundles first, since the runs are the slow part; then the draws of each
    variant question in one bundle (the next slowest, and most of their SymPy requests
    recur from draw to draw, which a worker answers from memory only if it saw them:
    `symbolic_pool`); then the other tasks in bundles of BUNDLE_SIZE."""
    from tutor.evidence import registry

    runs: dict[tuple[str, str, int], list[Task]] = {}
    draws: dict[str, list[Task]] = {}
    rest: list[Task] = []
    for task in tasks:
        if task.kind == "variant":
            draws.setdefault(task.question_id, []).append(task)
            continue
        if task.kind != "evidence":
            rest.append(task)
            continue
        question = pack.question(task.question_id)
        assert question is not None
        item = question.evidence[task.evidence_index]
        resolved = json.dumps(registry.get(item.name).resolve(item.params), sort_keys=True, default=repr)
        runs.setdefault((item.name, resolved, task.seed), []).append(task)
    return [*runs.values(), *draws.values(),
            *(rest[start:start + BUNDLE_SIZE] for start in range(0, len(rest), BUNDLE_SIZE))]


_WORKER_PACK: Pack | None = None


def _init_worker(path: str) -> None:
    global _WORKER_PACK
    from tutor.heap import keep_freed_memory
    from tutor.packs.loader import load_pack

    keep_freed_memory()  # a worker lives for one check: reuse the simulations' arrays (tutor.heap)
    _WORKER_PACK = load_pack(path)


def _run_bundle_in_worker(bundle: list[Task]) -> list[list[Failure]]:
    assert _WORKER_PACK is not None
    return [run_task(_WORKER_PACK, task) for task in bundle]


# ---- the checks ---------------------------------------------------------------------


def _model_answer(pack: Pack, question: Question, task: Task | None, prefix: FieldPath = ()) -> list[Failure]:
    from tutor import checks
    from tutor.checks.answers import grade

    check = question.check
    kind = checks.kind_of(check)
    failures = []
    for field_name, response in kind.model_responses(check, question.answer):
        result = grade(check, response)
        if not result.correct:
            failures.append(Failure(pack.locate(question.id, *prefix, *_field_path(field_name)), question.id,
                                    f"the model {field_name} is not graded correct by its own check: "
                                    f"{_verdict(result)}"))
    for field_name, response, note in kind.wrong_responses(check):
        result = grade(check, response)
        if result.correct or note not in result.notes:
            failures.append(Failure(pack.locate(question.id, *prefix, *_field_path(field_name)), question.id,
                                    f"{field_name} {response!r} must be graded wrong with its feedback ({note}): "
                                    f"{_verdict(result)}"))
    return failures


def _sample(pack: Pack, question: Question, task: Task) -> list[Failure]:
    return _sample_failures(pack, question, int(task.label[len("tests["):-1]))


def _sample_failures(pack: Pack, question: Question, index: int, prefix: FieldPath = ()) -> list[Failure]:
    from tutor.authoring.samples import sample_test_failure

    sample = question.tests[index]
    problem = sample_test_failure(question.check, sample)
    if problem is None:
        return []
    where = "".join(f"{part}." for part in prefix)
    message = f"{where}tests[{index}] {sample.response!r}: {problem}"
    return [Failure(pack.locate(question.id, *prefix, "tests", index), question.id, message)]


def _follow_up(pack: Pack, question: Question, task: Task) -> list[Failure]:
    """A scored follow-up: its answer is graded right by its check, and neither an empty
    answer nor its own prompt passes."""
    if question.params:
        from tutor.packs.variants import draw

        question = draw(question, 0).question
    follow_up = question.follow_ups[task.evidence_index]
    asked = question.model_copy(update={"prompt": follow_up.prompt, "answer": follow_up.answer,
                                        "check": follow_up.check, "tests": [], "interview": None})
    prefix = ("follow_ups", task.evidence_index)
    return _model_answer(pack, asked, task, prefix) + _rubric(pack, asked, task, prefix)


def _interview(pack: Pack, question: Question, task: Task) -> list[Failure]:
    """The interview form is proven like a question: its model answer, its samples, and that
    neither an empty answer nor its own prompt passes."""
    if question.params:  # a variant's form is proven on its first draw (its prompt filled in)
        from tutor.packs.variants import draw

        question = draw(question, 0).question
    form = question.as_interview()
    assert form is not None and question.interview is not None
    prefix = ("interview",)
    failures = _model_answer(pack, form, task, prefix) + _rubric(pack, form, task, prefix)
    for index in range(len(form.tests)):
        failures.extend(_sample_failures(pack, form, index, prefix))
    return failures


def _rubric(pack: Pack, question: Question, task: Task, prefix: FieldPath = ()) -> list[Failure]:
    from tutor.checks.answers import grade

    failures = []
    for label, response in (("an empty answer", ""), ("the prompt itself", question.prompt)):
        if grade(question.check, response).correct:
            failures.append(Failure(pack.locate(question.id, *prefix, "check"), question.id,
                                    f"the check is trivially satisfied: {label} is graded correct"))
    return failures


def _evidence(pack: Pack, question: Question, task: Task) -> list[Failure]:
    from tutor.authoring.evidence_runs import run_evidence
    from tutor.evidence.claims import evaluate_claim
    from tutor.evidence.shows import evaluate_shows

    item = question.evidence[task.evidence_index]
    result = run_evidence(item.name, item.params, task.seed)

    failures = []
    checks = [("claims", index, evaluate_claim(claim, result)) for index, claim in enumerate(item.claims)]
    checks += [("shows", index, evaluate_shows(statement, result)) for index, statement in enumerate(item.shows)]
    for field_name, index, outcome in checks:
        if not outcome.held:
            where = pack.locate(question.id, "evidence", task.evidence_index, field_name, index)
            failures.append(Failure(where, question.id, f"{task.label}: {outcome.message}"))
    return failures


def _caption(pack: Pack, question: Question, task: Task) -> list[Failure]:
    """Every number in the caption is rendered from the run, a literal, a claim's value or a
    parameter the run uses (each of those is checked against the run; a typed number is not)."""
    from tutor.evidence.caption import claim_values, param_values, unbound_numbers
    from tutor.evidence.registry import get
    from tutor.packs.text_location import locate_piece
    from tutor.packs.variants import draw

    item = question.evidence[task.evidence_index]  # the caption as written: a variant's {k} is bound
    drawn = draw(question, 0).question.evidence[task.evidence_index]  # the parameters as run
    used = get(drawn.name).resolve(drawn.params)  # defaults included: the run uses them too
    origin = pack.origins.get(question.id)
    failures = []
    for number in unbound_numbers(item.caption, [*claim_values(drawn.claims), *param_values(used)]):
        where = pack.locate(question.id)
        if origin is not None:
            field = (*origin.path, "evidence", task.evidence_index, "caption")
            where = locate_piece(origin.document, field, item.caption, number.start, number.text)
        failures.append(Failure(where, question.id, f"{task.label}: hand-written number '{number.text}' is neither "
                                f"rendered from the run nor backed by a claim (write {{name:.3g}}, add a claim, "
                                f"or mark it {{={number.text}}} if it is not about the run)"))
    return failures


def _variant(pack: Pack, question: Question, task: Task) -> list[Failure]:
    from tutor.authoring.variant_proof import prove_draw

    return prove_draw(pack, question, task.seed, _model_answer)


def _verdict(result: Grade) -> str:
    if result.invalid:
        return f"invalid ({result.feedback})"
    notes = f", notes {', '.join(result.notes)}" if result.notes else ""
    return f"correct: {str(result.correct).lower()}, score {result.score:g}{notes}"


def _field_path(dotted: str) -> FieldPath:
    parts: list[str | int] = []
    for piece in dotted.split("."):
        name, _, index = piece.partition("[")
        parts.append(name)
        if index:
            parts.append(int(index.rstrip("]")))
    return tuple(parts)
