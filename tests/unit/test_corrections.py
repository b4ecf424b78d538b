"""Corrections of free-text grades: the recomputed verdict, the store, the export and check."""

from __future__ import annotations

import re
from dataclasses import replace
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
import yaml

from tutor.authoring.export_corrections import corrections_to_yaml
from tutor.cli import main
from tutor.grading.corrections import regrade, toggle_claim
from tutor.grading.result import ClaimCheck, Grade
from tutor.store import open_store

T0 = datetime(2026, 3, 2, 9, 0, tzinfo=UTC)
CLAIMS = (
    ClaimCheck("additive-update", "concept", "found", "The cell state is additive.", "additive update"),
    ClaimCheck("forget-gate", "concept", "missed", "", "forget gate"),
    ClaimCheck("no-vanishing-at-all", "misconception", "missed", "", "no vanishing at all"),
)


def test_toggling_a_missed_concept_makes_the_answer_right() -> None:
    corrected = regrade(toggle_claim(CLAIMS, 1), pass_count=2)
    assert (corrected.correct, corrected.score, corrected.undecided) == (True, 1.0, False)
    assert corrected.notes == ("hit:additive-update", "hit:forget-gate", "corrected")
    assert corrected.feedback == "Correct (as corrected by you).\nFound: additive update, forget gate."


def test_a_misconception_marked_asserted_makes_it_wrong_whatever_the_concepts() -> None:
    claims = toggle_claim(toggle_claim(CLAIMS, 1), 2)
    corrected = regrade(claims, pass_count=2)
    assert (corrected.correct, corrected.score) == (False, 0.25)  # a misconception caps the score
    assert corrected.notes[-2:] == ("misconception:no-vanishing-at-all", "corrected")


def test_toggling_a_found_concept_off_and_unsure_points_keep_it_undecided() -> None:
    assert regrade(toggle_claim(CLAIMS, 0), pass_count=2).score == 0.0
    assert regrade(CLAIMS, pass_count=2).score == 0.25  # 1 of 2: half the share, as the grader
    unsure = (*CLAIMS[:1], ClaimCheck("forget-gate", "concept", "unsure", "gates?", "forget gate"), CLAIMS[2])
    still = regrade(unsure, pass_count=2)
    assert (still.undecided, still.correct, still.score) == (True, False, 0.0)
    settled = regrade(toggle_claim(unsure, 1), pass_count=2)
    assert (settled.undecided, settled.correct) == (False, True)
    with pytest.raises(IndexError, match="there is no point 4 in a checklist of 3"):
        toggle_claim(CLAIMS, 3)


def _add(store, response: str, claims, correct: bool, score: float, **where) -> int:
    return store.corrections.add(pack_id=where.pop("pack_id", "mine"), question_id=where.pop("question_id", "why-lstm-helps"),
                                 mode=where.pop("mode", "practice"), response=response, claims=claims,
                                 automatic_correct=False, automatic_score=0.5, correct=correct, score=score,
                                 undecided=where.pop("undecided", False), corrected_at=where.pop("at", T0), **where)


def test_store_round_trip_and_latest_per_response(tmp_path: Path) -> None:
    with open_store(tmp_path / "progress.sqlite3") as store:
        first = _add(store, "additive cells", CLAIMS, False, 0.5)
        _add(store, "additive cells", toggle_claim(CLAIMS, 1), True, 1.0)
        record = store.corrections.all("mine")[0]
        assert record.id == first and record.claims == CLAIMS and record.mode == "practice"
        assert (record.automatic_correct, record.automatic_score, record.correct, record.score) == (False, 0.5, False, 0.5)
        assert record.corrected_at == T0 and record.mock_id is None
        latest = store.corrections.latest("mine")
        assert [(r.correct, r.score, r.claims[1].status) for r in latest] == [(True, 1.0, "found")]
        assert store.corrections.latest("other") == []


HOW_TO_PASTE = (
    "# Paste each block below as it is, indentation included, on the line below its question's\n"
    "# `tests:` (the file and line are in the block's heading); a question without `tests:` gets\n"
    "# that line first, level with its `id:`. Then run `tutor check` on the pack.\n"
)


def not_found(pack_id: str) -> str:
    return (f"# pack {pack_id} is not among the packs found (see tutor packs): give its folder, "
            "`tutor export corrections PATH`, for each question's prompt, file and line\n")


def test_export_without_the_pack_groups_per_question_at_the_usual_indentation() -> None:
    with open_store() as store:  # in this test's own TUTOR_HOME
        _add(store, 'It adds "things"', CLAIMS, True, 1.0)
        _add(store, "a bigger state", CLAIMS, False, 2 / 3, question_id="other-q")
        records = store.corrections.latest("mine")
    text = corrections_to_yaml("mine", records, None)
    assert text == (
        "# Corrections for pack mine as `tests:` samples.\n" + HOW_TO_PASTE + not_found("mine") +
        "\n"
        "# other-q: (its pack was not found)\n"
        '      - response: "a bigger state"\n'
        "        correct: false\n"
        "        score: 0.666666666667\n"
        "\n"
        "# why-lstm-helps: (its pack was not found)\n"
        '      - response: "It adds \\"things\\""\n'
        "        correct: true\n"
        "        score: 1\n"
    )
    assert yaml.safe_load(text) == [
        {"response": "a bigger state", "correct": False, "score": 0.666666666667},
        {"response": 'It adds "things"', "correct": True, "score": 1},
    ]


def test_a_last_word_that_agrees_with_the_grader_is_not_exported() -> None:
    """A checklist toggled back, or "I was right" taken back: the rubric already grades the
    response that way, so a sample would pin nothing new."""
    with open_store() as store:
        _add(store, "taken back", CLAIMS, True, 1.0)
        _add(store, "taken back", CLAIMS, False, 0.5)  # the automatic verdict of _add
        _add(store, "kept", CLAIMS, True, 1.0)
        records = store.corrections.latest("mine")
    assert [record.response for record in records] == ["taken back", "kept"]
    samples = yaml.safe_load(corrections_to_yaml("mine", records, None))
    assert samples == [{"response": "kept", "correct": True, "score": 1}]
    assert corrections_to_yaml("mine", records[:1], None) == "# no corrections for pack mine\n"


def test_a_response_corrected_in_practice_and_in_a_mock_is_one_sample() -> None:
    """The same answer corrected twice, once in practice and once in a mock's debrief (each
    kept as the last word of its place), is one `tests:` sample with the later verdict."""
    with open_store() as store:
        _add(store, "same words", CLAIMS, True, 1.0)
        practice = store.corrections.latest("mine")[0]
    in_mock = replace(practice, mode="mock", mock_id=1, position=0, score=0.75, corrected_at=T0 + timedelta(minutes=1))
    records = [practice, in_mock]
    samples = yaml.safe_load(corrections_to_yaml("mine", records, None))
    assert samples == [{"response": "same words", "correct": True, "score": 0.75}]


def test_cli_export_corrections_unknown_pack_is_one_line(capsys) -> None:
    assert main(["export", "corrections", "no-such-pack"]) == 2
    assert capsys.readouterr().err == "tutor export corrections: no pack 'no-such-pack' (see tutor packs)\n"


def paste_as_told(exported: str) -> None:
    """Follow the export's instructions literally: each block's lines, as they are, on the
    line below the `tests:` its heading names, or below a new `tests:` level with `id:`."""
    edits: dict[Path, list[tuple[int, list[str]]]] = {}
    for block in exported.split("\n\n")[1:]:
        heading = block.splitlines()[1]
        items = [line + "\n" for line in block.splitlines() if not line.startswith("#")]
        match = re.fullmatch(r"# paste below its `tests:` at (.+):(\d+)", heading)
        if match is None:
            match = re.fullmatch(r"# no `tests:` yet: add one level with its `id:` \((.+):(\d+)\), then paste below it",
                                 heading)
            assert match is not None, heading
            id_line = Path(match[1]).read_text(encoding="utf-8").splitlines()[int(match[2]) - 1]
            items = [" " * id_line.index("id:") + "tests:\n", *items]
        edits.setdefault(Path(match[1]), []).append((int(match[2]), items))
    for file, inserts in edits.items():
        lines = file.read_text(encoding="utf-8").splitlines(keepends=True)
        for after, items in sorted(inserts, reverse=True):
            lines[after:after] = items
        file.write_text("".join(lines), encoding="utf-8")


def test_exported_samples_pasted_under_tests_are_run_by_check(tmp_path, monkeypatch, capsys) -> None:
    monkeypatch.chdir(tmp_path)
    assert main(["new", "mine", "--title", "Mine"]) == 0
    with open_store() as store:
        _add(store, "The cell state is additive and the forget gate scales it", CLAIMS, True, 1.0)
        _add(store, "It only adds a gate", CLAIMS, False, 0.0, at=T0.replace(hour=10))
    capsys.readouterr()
    assert main(["export", "corrections", "mine"]) == 0
    exported = capsys.readouterr().out
    assert exported == (
        "# Corrections for pack mine as `tests:` samples.\n" + HOW_TO_PASTE +
        "\n"
        "# why-lstm-helps: Why does an LSTM suffer less from vanishing gradients than a vanilla RNN?\n"
        "# paste below its `tests:` at mine/questions.yaml:132\n"
        '      - response: "The cell state is additive and the forget gate scales it"\n'
        "        correct: true\n"
        "        score: 1\n"
        '      - response: "It only adds a gate"\n'
        "        correct: false\n"
        "        score: 0\n"
    )
    paste_as_told(exported)
    assert main(["check", "mine"]) == 1  # the rubric credits the learner's "wrong" answer: check says so
    out = capsys.readouterr().out
    assert "  sample         22       1\n" in out
    assert out.endswith(
        "mine/questions.yaml:136:9: why-lstm-helps: tests[1] 'It only adds a gate': correct: true, expected false; "
        "score: 1, expected 0; the grader said: Correct. / Found: the cell state is updated by addition; the forget gate "
        "decides what passes.\n1 failure\n")


def test_a_question_without_tests_is_told_to_get_one_and_its_samples_then_run(tmp_path, monkeypatch, capsys) -> None:
    monkeypatch.chdir(tmp_path)
    assert main(["new", "mine", "--title", "Mine"]) == 0
    questions = Path("mine/questions.yaml")
    text = questions.read_text(encoding="utf-8")
    start = text.index("    tests:", text.index("  - id: why-lstm-helps"))
    own_tests = text[start : text.index("\n\n", start) + 1]  # the question's samples, up to the blank line
    assert own_tests.count("- {response:") == 12
    questions.write_text(text.replace(own_tests, ""), encoding="utf-8")
    with open_store() as store:
        _add(store, "Its cell state is additive, and a forget gate scales it", CLAIMS, True, 1.0)
    capsys.readouterr()
    assert main(["export", "corrections", "mine"]) == 0
    exported = capsys.readouterr().out
    assert exported.endswith(
        "# why-lstm-helps: Why does an LSTM suffer less from vanishing gradients than a vanilla RNN?\n"
        "# no `tests:` yet: add one level with its `id:` (mine/questions.yaml:100), then paste below it\n"
        '      - response: "Its cell state is additive, and a forget gate scales it"\n'
        "        correct: true\n"
        "        score: 1\n"
    )
    paste_as_told(exported)
    assert questions.read_text(encoding="utf-8").splitlines()[99:103] == [
        "  - id: why-lstm-helps",
        "    tests:",
        '      - response: "Its cell state is additive, and a forget gate scales it"',
        "        correct: true",
    ]
    assert main(["check", "mine"]) == 0
    assert "  sample          9       0\n" in capsys.readouterr().out


def test_a_pack_in_another_layout_gets_its_own_indentation(tmp_path, monkeypatch, capsys) -> None:
    """PyYAML writes list items level with their key (`tests:` at 2, `- response` at 2)."""
    monkeypatch.chdir(tmp_path)
    assert main(["new", "mine", "--title", "Mine"]) == 0
    questions = Path("mine/questions.yaml")
    data = yaml.safe_load(questions.read_text(encoding="utf-8"))
    questions.write_text(yaml.safe_dump(data, sort_keys=False, allow_unicode=True, width=200), encoding="utf-8")
    with open_store() as store:
        _add(store, "The cell state is additive and the forget gate scales it", CLAIMS, True, 1.0)
    capsys.readouterr()
    assert main(["export", "corrections", "mine"]) == 0
    exported = capsys.readouterr().out
    rows = questions.read_text(encoding="utf-8").splitlines()
    tests_line = rows.index("  tests:", rows.index("- id: why-lstm-helps")) + 1
    assert exported.endswith(
        f"# paste below its `tests:` at mine/questions.yaml:{tests_line}\n"
        '  - response: "The cell state is additive and the forget gate scales it"\n'
        "    correct: true\n"
        "    score: 1\n"
    )
    paste_as_told(exported)
    assert main(["check", "mine"]) == 0
    assert "  sample         21       0\n" in capsys.readouterr().out


def test_a_mock_correction_counts_in_the_report_the_history_and_the_exports(tmp_path: Path) -> None:
    from tests.unit.core_fakes import FakeClock, end_early, hand_in
    from tests.unit.test_mock_core import PLAN, start
    from tutor.study.corrections import record_correction
    from tutor.study.mock import history, report, to_json, to_markdown
    from tutor.study.mock_words import short_verdict, verdict_text

    clock = FakeClock()
    with open_store(tmp_path / "progress.sqlite3") as store:
        interview = start(store, clock, PLAN)
        clock.advance(10)
        hand_in(interview, "right")
        clock.advance(15)
        hand_in(interview, "the chain rule")
        clock.advance(20)
        hand_in(interview, "a product of jacobians")
        end_early(interview)
        before = report(store, interview.id)
        assert (before.score, before.questions[1].score, before.questions[1].position) == (0.5, 0.5, 2)
        automatic = Grade(False, 0.5, "1 of 2 concepts", claims=CLAIMS[:2])
        corrected = regrade(toggle_claim(CLAIMS[:2], 1), pass_count=2)
        record_correction(store, pack_id="rnn", question_id="i1", mode="mock", response="a product of jacobians",
                          automatic=automatic, corrected=corrected, at=T0, mock_id=interview.id, position=2)
        after = report(store, interview.id)
        question = after.questions[1]
        assert (after.score, question.correct, question.score, question.corrected) == (2 / 3, True, 1.0, True)
        assert (verdict_text(question), short_verdict(question)) == ("correct, 100% (corrected by you)", "✓ 100% ✎")
        assert question.feedback == "Correct (as corrected by you).\nFound: additive update, forget gate.\nThe grader said: 1 of 2 concepts"
        assert question.concepts_missed == () and question.claims == corrected.claims
        [summary] = history(store)
        assert (summary.score, summary.corrected) == (2 / 3, True)
        assert "- Score: 67% (with your corrections)\n" in to_markdown(after, tz=UTC)
        assert to_json(after)["questions"][1]["corrected"] is True
        assert to_json(after)["questions"][0]["corrected"] is False


def test_cli_export_corrections_of_every_pack_to_a_file(tmp_path, capsys) -> None:
    assert main(["export", "corrections"]) == 0
    assert capsys.readouterr().out == "# no corrections yet\n"
    with open_store() as store:
        _add(store, "gates", CLAIMS, True, 1.0, pack_id="zeta", question_id="z1")
        _add(store, "sums", CLAIMS, False, 0.0, pack_id="alpha", question_id="a1")
        _add(store, "as graded", CLAIMS, False, 0.5, pack_id="alpha", question_id="a1")  # agrees: left out
        _add(store, "unsure", CLAIMS, False, 0.0, pack_id="alpha", question_id="a1", undecided=True)  # no verdict
    output = tmp_path / "samples.yaml"
    assert main(["export", "corrections", "-o", str(output)]) == 0
    written = capsys.readouterr()
    assert written.out == f"wrote {output} (2 corrections)\n"
    assert written.err == "".join(f"tutor export corrections: {not_found(pack)[2:]}" for pack in ("alpha", "zeta"))
    assert output.read_text(encoding="utf-8") == (
        "# Corrections for pack alpha as `tests:` samples.\n" + HOW_TO_PASTE + not_found("alpha") + "\n"
        '# a1: (its pack was not found)\n      - response: "sums"\n        correct: false\n        score: 0\n'
        "\n"
        "# Corrections for pack zeta as `tests:` samples.\n" + HOW_TO_PASTE + not_found("zeta") + "\n"
        '# z1: (its pack was not found)\n      - response: "gates"\n        correct: true\n        score: 1\n'
    )
    assert main(["export", "corrections", "zeta", "-o", str(tmp_path / "missing" / "x.yaml")]) == 2
    assert capsys.readouterr().err.splitlines()[-1] == f"tutor export: {tmp_path / 'missing' / 'x.yaml'}: No such file or directory"


def test_an_uncorrected_checklist_regrades_to_the_graders_own_verdict() -> None:
    """The correction rule is the grader's rule: the built-in pack's model answers and
    sample responses, regraded from their unchanged claims, keep their verdict and score."""
    from tutor.checks.answers import grade
    from tutor.packs.loader import load_pack
    from tutor.paths import builtin_content_dir

    compared = 0
    for question in load_pack(builtin_content_dir() / "rnn-gradients").questions:
        if question.check.kind != "concepts":
            continue
        for response in [question.answer, *(str(sample.response) for sample in question.tests)]:
            result = grade(question.check, response)
            if result.invalid or result.undecided or not result.claims:
                continue
            again = regrade(result.claims, question.check.pass_count)
            assert (again.correct, again.score) == (result.correct, result.score), (question.id, response)
            compared += 1
    assert compared >= 20


def test_a_mock_answer_to_an_interview_form_goes_under_that_forms_tests(tmp_path, monkeypatch) -> None:
    """A mock interview asks a choice question's `interview:` form: the corrected answer is
    free text for that form's check, so its sample goes under the form's `tests:` (under the
    question's own it would be graded as a choice and fail)."""
    import shutil

    from tutor import paths
    from tutor.packs.loader import load_pack

    pack_dir = tmp_path / "rnn-gradients"
    shutil.copytree(paths.builtin_content_dir() / "rnn-gradients", pack_dir)
    monkeypatch.chdir(tmp_path)
    pack = load_pack(pack_dir)
    question = pack.question("eigenvalues-with-nonlinearity")
    assert question.interview is not None and question.check.kind == "choice"
    answer = "No: with the tanh derivative below 1 the spectral radius alone decides nothing."
    with open_store() as store:
        _add(store, answer, CLAIMS, True, 1.0, pack_id=pack.id, question_id=question.id, mode="mock")
        _add(store, "b", CLAIMS, True, 1.0, pack_id=pack.id, question_id=question.id, mode="practice")
        records = store.corrections.latest(pack.id)
    exported = corrections_to_yaml(pack.id, records, pack)
    interview_prompt = " ".join(question.as_interview().prompt.split())[:60]
    assert f"# eigenvalues-with-nonlinearity (its interview form): {interview_prompt}" in exported
    assert f"# eigenvalues-with-nonlinearity: {' '.join(question.prompt.split())[:60]}" in exported
    own, interview = len(question.tests), len(question.interview.tests)
    paste_as_told(exported)
    pasted = load_pack(pack_dir).question("eigenvalues-with-nonlinearity")
    assert (len(pasted.interview.tests), len(pasted.tests)) == (interview + 1, own + 1)
    assert answer in [test.response for test in pasted.interview.tests]
    assert "b" in [test.response for test in pasted.tests]  # a practice answer: the question's own


def test_a_pack_opened_from_a_folder_is_named_not_called_gone(tmp_path, capsys) -> None:
    """A trial: an instructor practised with `tutor --pack mypack`, corrected two answers, then ran
    `tutor export corrections`: every question read "(no longer in the pack)" (the folder is
    not among the packs found). The export says what happened and how to get the places."""
    from tests.unit.packfiles import write_pack

    folder = write_pack(tmp_path / "mypack")
    with open_store() as store:
        _add(store, "it shrinks", CLAIMS, True, 1.0, pack_id="demo", question_id="q1")
    assert main(["export", "corrections"]) == 0
    shown = capsys.readouterr()
    assert "# q1: (its pack was not found)\n" in shown.out and not_found("demo") in shown.out
    assert shown.err == "tutor export corrections: " + not_found("demo")[2:]
    assert main(["export", "corrections", str(folder)]) == 0
    shown = capsys.readouterr()
    assert "# q1: What is a vanishing gradient?\n" in shown.out and "not among the packs" not in shown.out
    assert shown.err == ""
