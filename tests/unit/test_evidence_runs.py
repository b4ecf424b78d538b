"""`tutor check` runs each distinct evidence item once per process, in a bounded cache."""

from __future__ import annotations

from pathlib import Path

import pytest

from tutor.authoring import evidence_runs
from tutor.evidence import registry


@pytest.fixture
def counted(monkeypatch: pytest.MonkeyPatch) -> list[tuple]:
    calls: list[tuple] = []
    real = registry.run

    def run(name, params=None, *, seed=0, should_cancel=None):
        calls.append((name, dict(params or {}), seed))
        return real(name, params, seed=seed, should_cancel=should_cancel)

    monkeypatch.setattr(registry, "run", run)
    monkeypatch.setattr(evidence_runs, "_results", type(evidence_runs._results)())
    monkeypatch.setattr(evidence_runs, "_costly", type(evidence_runs._costly)())
    from tutor.evidence.derivations import cache

    monkeypatch.setattr(cache, "_memory", {})  # a derivation an earlier test ran is not remembered here
    return calls


def test_the_same_item_is_run_once_and_defaults_written_out_are_the_same_item(counted) -> None:
    first = evidence_runs.run_evidence("activation-bounds", {}, 0)
    defaults = registry.get("activation-bounds").resolve({})
    assert evidence_runs.run_evidence("activation-bounds", defaults, 0) is first
    assert len(counted) == 1


def test_another_seed_or_parameter_is_another_run(counted) -> None:
    evidence_runs.run_evidence("rnn", {"steps": 10}, 0)
    evidence_runs.run_evidence("rnn", {"steps": 10}, 1)
    evidence_runs.run_evidence("rnn", {"steps": 12}, 0)
    assert [(params["steps"], seed) for _, params, seed in counted] == [(10, 0), (10, 1), (12, 0)]


def test_the_cache_is_bounded(counted, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(evidence_runs, "MAX_RESULTS", 2)
    for steps in (10, 11, 12):
        evidence_runs.run_evidence("rnn", {"steps": steps}, 0)
    assert len(evidence_runs._results) == 2
    evidence_runs.run_evidence("rnn", {"steps": 10}, 0)  # dropped first, so run again
    assert len(counted) == 4


def test_a_slow_run_outlives_many_quick_ones(counted, monkeypatch: pytest.MonkeyPatch) -> None:
    """The adding problem is cited far apart in the pack: its runs are kept apart from the
    quick ones, so the second question reads the first one's run."""
    monkeypatch.setattr(evidence_runs, "MAX_RESULTS", 2)
    monkeypatch.setattr(evidence_runs, "COSTLY_SECONDS", 0.0)  # every run counts as slow here
    slow = evidence_runs.run_evidence("rnn", {"steps": 10}, 0)
    monkeypatch.setattr(evidence_runs, "COSTLY_SECONDS", 1e9)  # and now none does
    for steps in (11, 12, 13):
        evidence_runs.run_evidence("rnn", {"steps": steps}, 0)
    assert evidence_runs.run_evidence("rnn", {"steps": 10}, 0) is slow
    assert len(counted) == 4 and len(evidence_runs._results) == 2 and len(evidence_runs._costly) == 1


def test_the_tasks_that_read_one_run_go_to_one_worker_first() -> None:
    from tutor import paths
    from tutor.authoring.proof import _bundles, plan
    from tutor.packs.loader import load_pack

    pack = load_pack(paths.builtin_content_dir() / "rnn-gradients")
    tasks = plan(pack, 3, 1)
    bundles = _bundles(pack, tasks)
    assert sorted(id(task) for bundle in bundles for task in bundle) == sorted(id(task) for task in tasks)
    adding = [bundle for bundle in bundles if "adding-problem" in bundle[0].label]
    assert [len(bundle) for bundle in adding] == [2, 2, 2]  # two questions cite it, three seeds each
    assert {task.seed for task in adding[0]} == {0} and len({task.question_id for task in adding[0]}) == 2
    kinds = [bundle[0].kind for bundle in bundles]
    assert kinds.index("answer") > max(index for index, kind in enumerate(kinds) if kind == "evidence")


def test_the_draws_of_a_variant_question_go_to_one_worker_after_the_runs() -> None:
    from tutor import paths
    from tutor.authoring.proof import _bundles, plan
    from tutor.packs.loader import load_pack

    pack = load_pack(paths.builtin_content_dir() / "rnn-gradients")
    bundles = _bundles(pack, plan(pack, 3, 10))
    kinds = [bundle[0].kind for bundle in bundles]
    draws = [bundle for bundle in bundles if bundle[0].kind == "variant"]
    variant_questions = [question.id for question in pack.questions if question.params]
    assert [bundle[0].question_id for bundle in draws] == variant_questions
    assert all([task.seed for task in bundle] == list(range(10)) and {task.kind for task in bundle} == {"variant"}
               and len({task.question_id for task in bundle}) == 1 for bundle in draws)
    first, last = kinds.index("variant"), len(kinds) - kinds[::-1].index("variant") - 1
    assert first > max(index for index, kind in enumerate(kinds) if kind == "evidence")
    assert last - first + 1 == len(draws) and last < min(index for index, kind in enumerate(kinds)
                                                           if kind not in ("evidence", "variant"))


def test_the_report_lists_failures_in_pack_order_then_plan_order_whatever_finished_first() -> None:
    from tutor.authoring.proof import Failure, Report, Task
    from tutor.packs.problems import Location

    place = Location("p.yaml", 3, 5)
    first, second = Failure(place, "q", "evidence: a"), Failure(place, "q", "caption: b")
    report = Report()
    report.add(Task("evidence", "q", "e"), [first])  # a parallel worker may finish these in either order
    report.add(Task("caption", "q", "c"), [second])
    report.sort({id(first): 7, id(second): 2})
    assert report.failures == [second, first]


#: In a fresh interpreter: a worker of the check's pool, given nothing to import, already has
#: NumPy's core loaded (read from its memory map), because the fork server preloaded it.
WORKER_PROBE = """
import os, sys
from concurrent.futures import ProcessPoolExecutor
from tutor.authoring import workers
if sys.argv[1:] == ["nothing"]:
    workers.WORKER_PRELOAD = ()
workers.start_workers_early()
with ProcessPoolExecutor(1, mp_context=workers.worker_context()) as pool:
    pid = pool.submit(os.getpid).result()
    maps = open(f"/proc/{pid}/maps").read()
print("numpy" if "_multiarray_umath" in maps else "bare")
"""


@pytest.mark.skipif(not Path("/proc/self/maps").exists(), reason="reads a worker's memory map from /proc")
def test_the_workers_are_forked_with_numpy_and_the_engine_already_imported() -> None:
    import subprocess
    import sys

    def probe(*arguments: str) -> str:
        return subprocess.run([sys.executable, "-c", WORKER_PROBE, *arguments], capture_output=True, text=True,
                              check=True, cwd=Path(__file__).resolve().parents[2], timeout=120).stdout.strip()

    assert probe() == "numpy"
    assert probe("nothing") == "bare"  # nothing preloaded: the worker imports for itself
