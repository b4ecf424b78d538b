"""Write small packs into a folder for tests: a valid one, then break it on purpose."""

from __future__ import annotations

from pathlib import Path
from textwrap import dedent, indent

PACK_YAML = dedent(
    """\
    id: demo
    title: Demo pack
    version: "1.0"
    description: A pack for tests.
    authors: [Test Author]
    license: CC-BY-4.0
    """
)

QUESTION = indent(dedent(
    """\
      - id: {id}
        level: basic
        topics: [rnn]
        prompt: What is a vanishing gradient?
        answer: A gradient that shrinks exponentially through time.
        explanation: Repeated multiplication by small Jacobians.
        follow_ups:
          - prompt: And exploding?
            answer: The opposite.
        check:
          kind: choice
          options:
            - text: It shrinks
              correct: true
            - text: It grows
        evidence:
          - name: activation-bounds
    """
), "  ")


INTERVIEW_FORM = indent(dedent(
    """\
    interview:
      prompt: What is a vanishing gradient? Explain.
      check:
        kind: concepts
        concepts:
          - name: shrinks
            phrases: [shrinks exponentially]
    """
), " " * 4)


def questions_yaml(*ids: str) -> str:
    return "questions:\n" + "".join(QUESTION.format(id=qid) for qid in ids)


def interview_questions_yaml(*ids: str) -> str:
    """The questions of `questions_yaml`, each with an interview form (a mock asks them open)."""
    return "questions:\n" + "".join(QUESTION.format(id=qid) + INTERVIEW_FORM for qid in ids)


def write_pack(folder: Path, questions: str | None = None, pack: str = PACK_YAML) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "pack.yaml").write_text(pack, encoding="utf-8")
    (folder / "questions.yaml").write_text(questions if questions is not None else questions_yaml("q1", "q2"), encoding="utf-8")
    return folder
