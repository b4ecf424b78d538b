"""A failing `tests:` sample is one readable line: the sample's own words (`correct: true`),
and the grader's feedback on the same line, cut when long (an instructor's trial read
`correct is False, expected True (feedback: '...\\n...')` over some 300 characters)."""

from __future__ import annotations

from tutor.authoring.samples import SAID_LENGTH, sample_test_failure
from tutor.packs.schema import SampleTest

CONCEPTS = {
    "kind": "concepts",
    "concepts": [{"name": f"point-{index}", "label": f"the {word} of the key points this rubric lists",
                  "phrases": [f"the {word} key point"]}
                 for index, word in enumerate("first second third fourth fifth sixth seventh eighth".split())],
}


def test_a_failing_sample_says_what_it_claimed_in_its_own_words_on_one_line() -> None:
    line = sample_test_failure(CONCEPTS, SampleTest(response="the first key point", correct=True))
    assert line is not None and "\n" not in line and "\\n" not in line
    assert line.startswith("correct: false, expected true; the grader said: Partly correct: 1 of the 8 key points. / Found:")
    said = line.partition("; the grader said: ")[2]
    assert len(said) == SAID_LENGTH and said.endswith("…")


def test_a_short_feedback_is_quoted_whole() -> None:
    line = sample_test_failure({"kind": "numeric", "answer": 2.0}, SampleTest(response="3", correct=True))
    assert line == "correct: false, expected true; the grader said: Not correct: 3 is too high (the answer must be within 1%)."
