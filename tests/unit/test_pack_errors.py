"""Every malformed or hostile pack gives exact one-line errors, never a traceback."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from tests.unit.packfiles import PACK_YAML, questions_yaml, write_pack
from tutor.packs import yaml_reader
from tutor.packs.loader import load_pack
from tutor.packs.problems import PackError


@pytest.fixture(autouse=True)
def in_tmp(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)


def errors_of(path: str | Path) -> list[str]:
    with pytest.raises(PackError) as caught:
        load_pack(path)
    return caught.value.lines()


def replace_in_questions(old: str, new: str, count: int = 1) -> list[str]:
    text = questions_yaml("q1", "q2").replace(old, new, count)
    write_pack(Path("pack"), text)
    return errors_of("pack")


def test_valid_pack_loads_with_defaults_filled_in():
    pack = load_pack(write_pack(Path("pack")))
    assert pack.id == "demo"
    assert [q.id for q in pack.questions] == ["q1", "q2"]
    assert [o.key for o in pack.questions[0].check.options] == ["a", "b"]
    assert pack.questions[0].check.correct_keys == {"a"}
    assert str(pack.locate("q2", "check", "kind")) == "pack/questions.yaml:29:13"


def test_typo_in_a_field_name_is_reported_at_the_key_with_a_suggestion_before_the_missing_field():
    """`tutor validate` and `tutor packs` lead with the first line: 'prompt: required field is
    missing' (at the object's first line) sent the author looking for a field they did write."""
    assert replace_in_questions("prompt:", "promt:") == [
        "pack/questions.yaml:5:5: questions[0]: unknown field 'promt' (did you mean 'prompt'?)",
        "pack/questions.yaml:2:5: questions[0].prompt: required field is missing",
    ]


def test_unknown_check_kind_lists_the_kinds():
    assert replace_in_questions("kind: choice", "kind: symbolc") == [
        "pack/questions.yaml:12:13: questions[0].check.kind: unknown kind 'symbolc' "
        "(expected one of self, choice, numeric, symbolic, concepts, matrix)"
    ]


def test_invalid_level():
    assert replace_in_questions("level: basic", "level: expert") == [
        "pack/questions.yaml:3:12: questions[0].level: invalid level 'expert' "
        "(expected one of basic, intermediate, advanced)"
    ]


def test_duplicate_yaml_key():
    assert replace_in_questions("    level: basic\n", "    level: basic\n    level: advanced\n") == [
        "pack/questions.yaml:4:5: duplicate key 'level' (first defined on line 3)"
    ]


def test_duplicate_question_id_points_at_both():
    write_pack(Path("pack"), questions_yaml("q1", "q1"))
    assert errors_of("pack") == [
        "pack/questions.yaml:19:9: questions[1].id: duplicate question id 'q1' "
        "(first defined at pack/questions.yaml:2:9)"
    ]


def test_missing_and_empty_required_fields():
    assert replace_in_questions(
        "    answer: A gradient that shrinks exponentially through time.\n", "    answer: ''\n"
    ) == ["pack/questions.yaml:6:13: questions[0].answer: must not be empty"]
    assert replace_in_questions("    topics: [rnn]\n", "") == [
        "pack/questions.yaml:2:5: questions[0].topics: required field is missing"
    ]


def test_choice_with_no_correct_option():
    assert replace_in_questions("          correct: true\n", "") == [
        "pack/questions.yaml:12:7: questions[0].check: no option is marked correct: true"
    ]


def test_every_error_of_a_file_is_reported_at_once():
    text = questions_yaml("q1", "q2").replace("level: basic", "level: hard").replace("kind: choice", "kind: mcq")
    write_pack(Path("pack"), text)
    assert len(errors_of("pack")) == 4


def test_pack_yaml_problems_are_reported_with_the_questions_problems():
    write_pack(Path("pack"), questions_yaml("q1").replace("level: basic", "level: x"), pack=PACK_YAML.replace("license: CC-BY-4.0\n", ""))
    assert errors_of("pack") == [
        "pack/pack.yaml:1:1: license: required field is missing",
        "pack/questions.yaml:3:12: questions[0].level: invalid level 'x' (expected one of basic, intermediate, advanced)",
    ]


def test_non_mapping_document():
    write_pack(Path("pack"), "- just\n- a list\n")
    assert errors_of("pack") == ["pack/questions.yaml:1:1: expected a mapping at the top of the file, found a list"]


def test_python_tag_is_refused_without_side_effect(tmp_path):
    marker = tmp_path / "pwned"
    write_pack(Path("pack"), f"questions: !!python/object/apply:os.system ['touch {marker}']\n")
    assert errors_of("pack") == [
        "pack/questions.yaml:1:12: YAML tag '!!python/object/apply:os.system' is not allowed "
        "(only plain data: text, numbers, lists, mappings)"
    ]
    assert not marker.exists()


def test_alias_bomb_is_refused_quickly():
    lines = ["a0: &a0 [x, x, x, x, x, x, x, x, x, x]"]
    lines += [f"a{i}: &a{i} [" + ", ".join([f"*a{i - 1}"] * 10) + "]" for i in range(1, 9)]
    write_pack(Path("pack"), "\n".join(lines) + "\n")
    assert errors_of("pack") == ["pack/questions.yaml:7:10: more than 2,000,000 values once aliases are expanded"]


def test_deeply_nested_document():
    write_pack(Path("pack"), "questions: " + "[" * 60 + "]" * 60 + "\n")
    assert errors_of("pack") == ["pack/questions.yaml:1:59: nesting deeper than 48 levels"]


def test_nesting_beyond_the_parser_limit_is_one_line_too():
    write_pack(Path("pack"), "questions: " + "[" * 100_000 + "\n")
    assert errors_of("pack") == ["pack/questions.yaml:1:1011: YAML syntax error: exceeded maximum nesting depth"]


def test_file_over_the_size_limit(monkeypatch):
    monkeypatch.setattr(yaml_reader, "MAX_BYTES", 200)
    write_pack(Path("pack"))
    size = Path("pack/questions.yaml").stat().st_size
    assert errors_of("pack") == [f"pack/questions.yaml: file is {size:,} bytes, over the limit of 200"]


def test_non_utf8_bytes():
    folder = write_pack(Path("pack"))
    (folder / "questions.yaml").write_bytes(b"questions:\n  - id: caf\xe9\n")
    assert errors_of("pack") == ["pack/questions.yaml:2:12: not UTF-8 text (invalid byte 0xe9)"]


def test_binary_garbage():
    folder = write_pack(Path("pack"))
    (folder / "questions.yaml").write_bytes(bytes(range(256)) * 4)
    assert errors_of("pack") == ["pack/questions.yaml: binary data (NUL bytes), not YAML text"]


def test_empty_file():
    write_pack(Path("pack"), "")
    assert errors_of("pack") == ["pack/questions.yaml: empty file (expected a YAML mapping)"]


def test_yaml_syntax_error():
    write_pack(Path("pack"), "questions: [1, 2\nfoo: 3\n")
    assert errors_of("pack") == ["pack/questions.yaml:2:4: YAML syntax error: did not find expected ',' or ']'"]


def test_a_colon_in_a_plain_value_says_to_quote_it():
    write_pack(Path("pack"), "questions:\n  - id: a\n    prompt: Why: because\n")
    assert errors_of("pack") == [
        "pack/questions.yaml:3:16: YAML syntax error: mapping values are not allowed in this context "
        "(a plain value here contains ': '; put the whole text in quotes, or write it as a block after '>-')"
    ]


OVER_INDENTED = (
    "questions:\n"
    "  - id: a\n"
    "    level: basic\n"
    "      topics: [rnn]\n"
)


def test_an_over_indented_key_is_an_indentation_error_not_a_colon_to_quote():
    write_pack(Path("pack"), OVER_INDENTED)
    assert errors_of("pack") == [
        "pack/questions.yaml:4:13: YAML syntax error: mapping values are not allowed in this context "
        "(the indentation of `topics` does not match its siblings: it starts in column 7, `level` on line 3 "
        "in column 5; the keys of one mapping start in the same column)"
    ]


def test_an_under_indented_key_is_an_indentation_error():
    write_pack(Path("pack"), "questions:\n  - id: a\n    check:\n      kind: choice\n     options: []\n")
    assert errors_of("pack") == [
        "pack/questions.yaml:5:6: YAML syntax error: did not find expected key "
        "(the indentation of `options` does not match its siblings: it starts in column 6, `kind` on line 4 "
        "in column 7; the keys of one mapping start in the same column)"
    ]


def test_a_colon_in_a_value_carried_over_from_the_line_above_says_to_quote_it():
    write_pack(Path("pack"), "questions:\n  - id: a\n    prompt: Why do gradients\n      vanish here: in RNNs?\n")
    assert errors_of("pack") == [
        "pack/questions.yaml:4:18: YAML syntax error: mapping values are not allowed in this context "
        "(a plain value here contains ': '; put the whole text in quotes, or write it as a block after '>-')"
    ]


@pytest.mark.parametrize("loader", [yaml.SafeLoader, getattr(yaml, "CSafeLoader", yaml.SafeLoader)])
def test_the_hint_is_the_same_with_either_parser(monkeypatch, loader):
    monkeypatch.setattr(yaml_reader, "_Loader", loader)
    write_pack(Path("pack"), OVER_INDENTED)
    [line] = errors_of("pack")
    assert line.endswith("(the indentation of `topics` does not match its siblings: it starts in column 7, "
                         "`level` on line 3 in column 5; the keys of one mapping start in the same column)")
    write_pack(Path("pack"), "questions:\n  - id: a\n    prompt: Why: because\n")
    [line] = errors_of("pack")
    assert line.endswith("(a plain value here contains ': '; put the whole text in quotes, or write it as a block after '>-')")


def two_files(first: str, second: str) -> Path:
    folder = write_pack(Path("pack"), first)
    (folder / "second.yaml").write_text(second, encoding="utf-8")
    return folder


def test_a_link_into_a_file_that_failed_to_load_is_not_reported():
    linking = questions_yaml("q2").replace("    topics: [rnn]\n", "    topics: [rnn]\n    related: [a, q1]\n")
    assert errors_of(two_files(OVER_INDENTED, linking)) == [
        "pack/questions.yaml:4:13: YAML syntax error: mapping values are not allowed in this context "
        "(the indentation of `topics` does not match its siblings: it starts in column 7, `level` on line 3 "
        "in column 5; the keys of one mapping start in the same column)"
    ]


def test_a_link_to_a_question_that_failed_the_schema_is_not_reported_but_an_unknown_one_is():
    linking = questions_yaml("q2").replace("    topics: [rnn]\n", "    topics: [rnn]\n    related: [q1, q9]\n")
    broken = questions_yaml("q1").replace("level: basic", "level: expert")
    assert errors_of(two_files(broken, linking)) == [
        "pack/questions.yaml:3:12: questions[0].level: invalid level 'expert' "
        "(expected one of basic, intermediate, advanced)",
        "pack/second.yaml:5:19: questions[0].related[1]: unknown question id 'q9'",
    ]


def test_folder_without_pack_yaml():
    Path("empty").mkdir()
    assert errors_of("empty") == ["empty: not a pack: no pack.yaml in this folder (see content/README.md)"]


def test_missing_path():
    assert errors_of("nowhere") == ["nowhere: no such file or folder"]


def test_unknown_field_in_a_questions_file():
    write_pack(Path("pack"), questions_yaml("q1") + "extra: 1\n")
    assert errors_of("pack") == [
        "pack/questions.yaml:19:1: unknown field 'extra' (a questions file holds only `questions`)"
    ]


def test_unknown_evidence_parameter_and_range():
    assert replace_in_questions(
        "      - name: activation-bounds\n",
        "      - name: spectral-swep\n      - name: rnn\n        params: {steps: 20000, hiden: 3, activation: softmax}\n",
    ) == [
        "pack/questions.yaml:18:15: questions[0].evidence[0].name: unknown evidence 'spectral-swep' "
        "(did you mean 'spectral-sweep'? see `tutor sim --list` and `tutor derive --list`)",
        "pack/questions.yaml:20:25: questions[0].evidence[1].params.steps: 20000 is above the maximum 10000",
        "pack/questions.yaml:20:39: questions[0].evidence[1].params.hiden: unknown parameter for 'rnn' "
        "(known: steps, hidden, input, batch, activation, init, scale, input_scale)",
        "pack/questions.yaml:20:54: questions[0].evidence[1].params.activation: 'softmax' is not one of "
        "tanh, sigmoid, relu, linear",
    ]


def test_claim_on_an_output_the_evidence_does_not_have():
    assert replace_in_questions(
        "      - name: activation-bounds\n",
        "      - name: spectral-sweep\n        params: {scales: [0.5, 2]}\n        claims:\n"
        "          - {series: scale=0.7, stat: last, op: '<', value: 1}\n",
    ) == [
        "pack/questions.yaml:21:22: questions[0].evidence[0].claims[0].series: 'spectral-sweep' has no series "
        "'scale=0.7' (known: scale=0.5, scale=2)"
    ]


def test_single_file_pack(tmp_path):
    Path("solo.yaml").write_text(PACK_YAML + questions_yaml("only"), encoding="utf-8")
    pack = load_pack("solo.yaml")
    assert (pack.id, len(pack.questions)) == ("demo", 1)
    Path("solo.yaml").write_text(PACK_YAML.replace("title: Demo pack\n", "") + questions_yaml("only"), encoding="utf-8")
    assert errors_of("solo.yaml") == ["solo.yaml:1:1: title: required field is missing"]


def test_authored_expressions_are_parsed_by_the_safe_parser():
    text = questions_yaml("q1", "q2").replace(
        "      kind: choice\n      options:\n        - text: It shrinks\n          correct: true\n        - text: It grows\n",
        "      kind: symbolic\n      variables: [w, h]\n      answers: [\"w*(1 - tanh(w*q)^2)\", \"__import__('os')\"]\n",
        1,
    ).replace(
        "      kind: choice\n      options:\n        - text: It shrinks\n          correct: true\n        - text: It grows\n",
        "      kind: numeric\n      answer: \"0.9^^20\"\n",
        1,
    )
    write_pack(Path("pack"), text)
    assert errors_of("pack") == [
        "pack/questions.yaml:14:17: questions[0].check.answers[0]: character 15: unknown name 'q' (variables: w, h; "
        "constants: pi, e; functions: the standard ones (tanh, sigmoid, exp, log, ...))",
        "pack/questions.yaml:14:40: questions[0].check.answers[1]: character 1: '__import__' is not allowed: "
        "names starting with '_' are never allowed",
        "pack/questions.yaml:28:15: questions[1].check.answer: character 5: '^' needs something on its left",
    ]


UNCLOSED_QUOTE = (
    "questions:\n"
    "  - id: a\n"
    '    prompt: "Why do gradients vanish?\n'
    "    answer: They shrink.\n"
    "    level: basic\n"
    "  - id: b\n"
    "    prompt: Next\n"
)


def test_an_unclosed_quote_is_reported_where_it_opens_not_where_the_parser_stopped():
    write_pack(Path("pack"), UNCLOSED_QUOTE)
    [error] = errors_of("pack")
    assert error.startswith("pack/questions.yaml:3:13: YAML syntax error: this quoted text is not closed on its "
                            "line, so the lines after it were read as part of it until line ")
    assert error.endswith("close the quote, or write the text as a block after '>-'")


def test_a_quoted_text_that_rightly_runs_over_two_lines_is_not_blamed():
    text = 'questions:\n  - id: a\n    prompt: "Why do\n      gradients vanish?"\n    level: basic\n      topics: [rnn]\n'
    write_pack(Path("pack"), text)
    [error] = errors_of("pack")
    assert error.startswith("pack/questions.yaml:6:13: YAML syntax error: mapping values are not allowed")


def test_a_folders_own_problem_comes_after_the_problems_in_its_files():
    """The home screen shows a broken pack's first line: "no question files" stood before the
    YAML error in its pack.yaml, the one that says what to fix."""
    folder = Path("pack")
    folder.mkdir()
    (folder / "pack.yaml").write_text('id: bad\ntitle: "Bad\nversion: 1.0.0\n', encoding="utf-8")
    first, second = errors_of("pack")
    assert first.startswith("pack/pack.yaml:2:8: YAML syntax error: this quoted text is not closed")
    assert second == "pack: no question files: add one or more *.yaml files with a `questions` list"


def test_an_unclosed_quote_closed_by_chance_far_below_is_still_found():
    """A quote left open runs on to the next quote anywhere below (here a quoted word in a
    later answer), and the parser stops after that, 70 lines down."""
    filler = "".join(f"  - id: q{n}\n    prompt: Question {n}\n    answer: Answer {n}.\n    level: basic\n"
                     for n in range(16))
    text = ("questions:\n  - id: a\n    prompt: \"Why do gradients vanish?\n    answer: They shrink.\n"
            "    level: basic\n" + filler +
            "  - id: z\n    prompt: Last\n    answer: a \"quoted\" word\n    level: basic\n")
    write_pack(Path("pack"), text)
    [error] = errors_of("pack")
    assert error.startswith("pack/questions.yaml:3:13: YAML syntax error: this quoted text is not closed on its "
                            "line, so the lines after it were read as part of it until line 7")


def test_a_wrong_type_in_a_concepts_check_points_at_its_key_not_at_the_concepts_list():
    """pydantic labels a check's fields with its kind; for a concepts check the label is also
    the name of its `concepts` list, and the error went to that list's first line."""
    text = ("questions:\n  - id: a\n    prompt: Why?\n    answer: Because.\n    level: basic\n"
            "    topics: [rnn]\n    explanation: Because.\n"
            "    check:\n      kind: concepts\n      required: two\n      concepts:\n"
            "        - name: one\n          phrases: [one]\n")
    write_pack(Path("pack"), text)
    assert errors_of("pack") == [
        "pack/questions.yaml:10:17: questions[0].check.required: expected a whole number, found the text 'two'"]



def test_a_questions_file_given_for_its_pack_says_which_folder_to_give() -> None:
    """An instructor ran `tutor check mypack/questions/01-gates.yaml` and read six lines of
    pack fields missing at 1:1; one line now says what the file is and what to give."""
    write_pack(Path("mine"))
    assert errors_of("mine/questions.yaml") == [
        "mine/questions.yaml: a questions file of the pack in mine: give that folder instead"]
    Path("lone.yaml").write_text("questions: []\n", encoding="utf-8")
    assert errors_of("lone.yaml") == [
        "lone.yaml: a questions file, not a pack: give the pack's folder (with its pack.yaml), or add the pack's fields"]


def test_a_faulty_parameter_does_not_hide_a_misnamed_series_in_the_same_item():
    """An instructor's trial: an unknown parameter and a misspelt `shows` series in one evidence
    item, and only the parameter was reported; the guide promises every problem at once."""
    assert replace_in_questions(
        "      - name: activation-bounds\n",
        "      - name: lstm\n        params: {forgetbias: 2}\n        shows:\n          - {vanishes: cell_grad_nrom}\n",
    ) == [
        "pack/questions.yaml:19:30: questions[0].evidence[0].params.forgetbias: unknown parameter for 'lstm' "
        "(known: steps, hidden, input, batch, scale, forget_bias, input_scale)",
        "pack/questions.yaml:21:13: questions[0].evidence[0].shows[0]: 'lstm' has no series 'cell_grad_nrom' "
        "(known: cell_grad_norm, hidden_grad_norm, forget_gate)",
    ]


def test_a_faulty_parameter_that_names_the_outputs_stops_there():
    """`spectral-sweep`'s series are named by its `scales`: with those wrong, no name can be judged."""
    assert replace_in_questions(
        "      - name: activation-bounds\n",
        "      - name: spectral-sweep\n        params: {scales: lots}\n        claims:\n"
        "          - {series: scale=0.7, stat: last, op: '<', value: 1}\n",
    )[1:] == []
