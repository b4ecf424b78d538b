"""`tutor class summary`: many learners' exported mock interviews, summarised per question and topic.

The exports are made the way learners make them: seeded mock interviews run through the core
(answers right or wrong by a seeded draw, some follow-ups skipped), then `to_json` with the
learner's name, one file each. The expected figures are recounted here from the reports
themselves, by plain loops, not by the summary's code.
"""

from __future__ import annotations

import json
import random
import statistics
from collections import Counter
from pathlib import Path

import pytest

from tests.unit.core_fakes import FakeClock, hand_in, make_pack, make_question
from tutor.cli import main
from tutor.store import open_store
from tutor.study.class_summary import read_exports, summarise
from tutor.study.class_text import bar
from tutor.study.mock import MockInterview, plan_mock, report, to_json

CONCEPTS = {
    "kind": "concepts",
    "concepts": [{"name": "product", "phrases": ["product of jacobians"]}, {"name": "shrink", "phrases": ["shrinks"]}],
    "misconceptions": [{"name": "clipping-fixes-vanishing", "phrases": ["clipping fixes"],
                        "feedback": "Clipping only caps large gradients."}],
}
PACK = make_pack("class-demo", [
    make_question("bptt", topics=["bptt"], follow_ups=[("Why a product?", "Chain rule."), ("Which norm?", "Spectral.")]),
    make_question("vanish", level="intermediate", topics=["bptt", "vanishing"], check=CONCEPTS,
                  follow_ups=[("And clipping?", "Only for exploding.")]),
    make_question("gamma", level="intermediate", topics=["activations"], check={"kind": "numeric", "answer": "0.25"}),
    make_question("lstm", level="advanced", topics=["gating"], follow_ups=[("Forget bias?", "About 1.")]),
])
RIGHT = {"bptt": "a", "vanish": "a product of jacobians that shrinks", "gamma": "0.25", "lstm": "a"}
WRONG = {"bptt": "b", "vanish": "clipping fixes it", "gamma": "0.5", "lstm": "b"}
LEARNERS = 11
INTERVIEWS_EACH = 3


def run_class(folder: Path, tmp_path: Path) -> list[dict]:
    """33 seeded interviews by 11 learners (the last one never gives a name); one JSON file each."""
    folder.mkdir()
    exported = []
    with open_store(tmp_path / "progress.sqlite3") as store:
        for learner in range(LEARNERS):
            skill = 0.3 + 0.6 * learner / LEARNERS
            for attempt in range(INTERVIEWS_EACH):
                seed = learner * 10 + attempt
                draw = random.Random(seed)
                clock = FakeClock()
                plan = plan_mock(PACK, questions=3 + seed % 2, minutes=6, seed=seed)
                interview = MockInterview.start(PACK, store, plan, clock=clock)
                while (step := interview.current_step()) is not None:
                    clock.advance(draw.randint(5, 40))
                    if step.is_follow_up:
                        hand_in(interview, "because") if draw.random() < skill else interview.skip()
                    else:
                        answers = RIGHT if draw.random() < skill else WRONG
                        hand_in(interview, answers[step.question.id])
                name = None if learner == LEARNERS - 1 else f"learner-{learner}"
                data = to_json(report(store, interview.id, PACK), learner=name)
                (folder / f"mock-{seed}.json").write_text(json.dumps(data), encoding="utf-8")
                exported.append(data)
    return exported


@pytest.fixture
def class_folder(tmp_path: Path) -> tuple[Path, list[dict]]:
    folder = tmp_path / "exports"
    return folder, run_class(folder, tmp_path)


def test_the_summary_counts_what_the_exports_hold(class_folder) -> None:
    folder, exported = class_folder
    summary = summarise(*read_exports([folder]))
    assert (summary.files_used, summary.skipped, summary.learners, summary.unnamed_files) == (33, (), 10, 3)
    assert summary.pack_ids == ("class-demo",)
    asked = [(data, q) for data in exported for q in data["questions"] if q["outcome"] != "not_asked"]
    for question in summary.questions:
        mine = [q for _, q in asked if q["question_id"] == question.question_id]
        assert question.asked == len(mine)
        gradable = [q for q in mine if q["gradable"]]
        assert (question.graded, question.correct) == (len(gradable), sum(1 for q in gradable if q["correct"]))
        assert question.median_seconds == statistics.median(q["time_used"] for q in mine)
        wrong_ideas = Counter(q["misconception"] for q in mine if q["misconception"])
        assert dict(question.misconceptions) == dict(wrong_ideas)
        for entry in question.follow_ups_missed:
            follow_ups = [f for q in mine for f in q["follow_ups"] if f["prompt"] == entry.prompt
                          and f["outcome"] != "not_asked"]
            assert entry.asked == len(follow_ups)
            assert entry.missed == sum(1 for f in follow_ups if f["outcome"] != "answered")
    assert sum(question.asked for question in summary.questions) == len(asked)
    vanish = next(question for question in summary.questions if question.question_id == "vanish")
    assert vanish.misconceptions and vanish.misconceptions[0][0] == "clipping-fixes-vanishing"
    for topic in summary.topics:
        scores = [q["score"] or 0.0 for _, q in asked if q["gradable"] and topic.topic in q["topics"]]
        assert (topic.answers, topic.score) == (len(scores), pytest.approx(statistics.fmean(scores)))
    assert [topic.score for topic in summary.topics] == sorted(topic.score for topic in summary.topics)


def test_bad_files_are_reported_one_line_each_and_skipped(class_folder, capsys) -> None:
    folder, _ = class_folder
    (folder / "notes.json").write_text("this is not json\n", encoding="utf-8")
    (folder / "other-tool.json").write_text('{"name": "a package.json"}', encoding="utf-8")
    newer = json.loads((folder / "mock-0.json").read_text(encoding="utf-8")) | {"format_version": 99}
    (folder / "sub").mkdir()
    (folder / "sub" / "newer.json").write_text(json.dumps(newer), encoding="utf-8")
    broken = json.loads((folder / "mock-1.json").read_text(encoding="utf-8"))
    del broken["questions"][0]["question_id"]
    (folder / "broken.json").write_text(json.dumps(broken), encoding="utf-8")
    assert main(["class", "summary", str(folder)]) == 0
    captured = capsys.readouterr()
    assert captured.err.splitlines() == [
        f"tutor class: skipped {folder / 'broken.json'}: questions[0] has no question_id",
        f"tutor class: skipped {folder / 'notes.json'}: not JSON (line 1, column 1: Expecting value)",
        f"tutor class: skipped {folder / 'other-tool.json'}: not a tutor mock-interview export "
        "(expected the JSON of `tutor mock --json`)",
        f"tutor class: skipped {folder / 'sub' / 'newer.json'}: written by a newer tutor (format 99; "
        "this one reads up to 1): update tutor",
    ]
    assert captured.out.splitlines()[0] == (
        "Class summary: 33 files used (4 skipped), 10 learners (3 files without a learner's name); "
        "1 pack: class-demo"
    )


TITLES = {"bptt": "BPTT", "vanishing": "Vanishing", "activations": "Activations", "gating": "Gating"}
"""The topics as the text report titles them."""


def test_text_output_has_a_table_per_question_and_a_bar_chart_of_topics(class_folder, capsys) -> None:
    folder, _ = class_folder
    assert main(["class", "summary", str(folder)]) == 0
    out = capsys.readouterr().out
    summary = summarise(*read_exports([folder]))
    lines = out.splitlines()
    header = lines.index("Per question:")
    assert lines[header + 1].split() == ["question", "asked", "correct", "median", "time", "misconceptions",
                                         "follow-ups", "most", "often", "missed"]
    chart = lines[lines.index("Topic scores, weakest first (a topic is judged on 2 answers or more):") + 1:]
    for topic in summary.topics:
        row = next(line for line in chart if line.strip().startswith(TITLES[topic.topic] + " "))
        assert bar(topic.score) in row and f"{topic.score:.0%}" in row and f"({topic.answers} answers" in row
    weakest = [topic.topic for topic in summary.weakest_topics[:3]]
    assert lines[-1] == "Weakest topics: " + ", ".join(
        f"{TITLES[topic.topic]} ({topic.score:.0%})" for topic in summary.weakest_topics[:3])
    assert weakest


def test_json_and_markdown_outputs(class_folder, capsys) -> None:
    folder, _ = class_folder
    assert main(["class", "summary", str(folder), "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert (data["files_used"], data["learners"], data["files_without_learner"]) == (33, 10, 3)
    assert {q["question_id"] for q in data["questions"]} <= {"bptt", "vanish", "gamma", "lstm"}
    assert data["weakest_topics"] == [t["topic"] for t in data["topics"] if t["enough_answers"]][:3]
    assert main(["class", "summary", str(folder), "--markdown"]) == 0
    markdown = capsys.readouterr().out
    assert markdown.startswith("# Class summary\n\n33 files used, 10 learners (3 files without a learner's name)")
    assert "| question | asked | correct | median time | misconceptions | follow-ups most often missed |" in markdown


def test_a_topic_is_not_called_weak_on_one_answer(tmp_path: Path) -> None:
    folder = tmp_path / "exports"
    exported = run_class(folder, tmp_path)
    one = exported[0] | {"questions": [q for q in exported[0]["questions"] if q["outcome"] != "not_asked"][:1]}
    one["questions"] = [one["questions"][0] | {"topics": ["rare"], "score": 0.0, "correct": False,
                                               "gradable": True}]
    (folder / "rare.json").write_text(json.dumps(one), encoding="utf-8")
    summary = summarise(*read_exports([folder]))
    rare = next(topic for topic in summary.topics if topic.topic == "rare")
    assert (rare.answers, rare.score, rare.enough) == (1, 0.0, False)
    assert summary.topics[0].topic == "rare"
    assert "rare" not in [topic.topic for topic in summary.weakest_topics]


def test_no_readable_file_is_one_line_and_exit_2(tmp_path: Path, capsys) -> None:
    (tmp_path / "x.json").write_text("[]", encoding="utf-8")
    assert main(["class", "summary", str(tmp_path)]) == 2
    assert capsys.readouterr().err.splitlines()[-1] == (
        "tutor class: no mock-interview export could be read (write them with `tutor mock --json`)")


def test_exports_from_before_the_format_stamp_are_read(class_folder) -> None:
    folder, exported = class_folder
    old = {key: value for key, value in exported[0].items() if key not in ("format", "format_version", "learner")}
    (folder / "old.json").write_text(json.dumps(old), encoding="utf-8")
    exports, skipped = read_exports([folder / "old.json"])
    assert skipped == [] and exports[0].learner is None


@pytest.mark.parametrize(("share", "drawn"), [(0.0, " " * 24), (1.0, "█" * 24), (0.5, "█" * 12 + " " * 12),
                                              (0.51, "█" * 12 + "▎" + " " * 11)])
def test_bars_are_drawn_in_eighths(share: float, drawn: str) -> None:
    assert bar(share) == drawn
