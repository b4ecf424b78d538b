"""A mock interview debrief as Markdown (to read or share) and as JSON-ready data.

Both are pure functions of a `MockReport`, so `tutor mock --export` and the debrief
screen's export key produce the same text; verdicts and outcomes are worded by
`tutor.study.mock_words`, like the debrief screen. The Markdown is read by people, so its
date is local time with the UTC offset (a shared report stays unambiguous); the JSON is
data for programs, so its datetimes stay ISO-8601 UTC.
"""

from __future__ import annotations

import dataclasses
from datetime import datetime, tzinfo
from typing import Any

from tutor.study.class_summary import EXPORT_FORMAT, EXPORT_FORMAT_VERSION
from tutor.study.clock import format_local_with_offset
from tutor.study.mock_report import MockReport, QuestionReport
from tutor.study.mock_words import (
    handed_in_text,
    misconception_text,
    outcome_word,
    percent_text,
    practise_text,
    queued_names,
    score_text,
    topic_score_text,
    verdict_text,
    weak_topics_text,
)
from tutor.words import listed, time_used_text, topic_title, topics_text


def to_json(report: MockReport, *, learner: str | None = None) -> dict[str, Any]:
    """The report as plain JSON types (datetimes as ISO-8601 UTC text), stamped with its
    format (read by `tutor class summary`) and, if given, the learner's name."""
    stamp = {"format": EXPORT_FORMAT, "format_version": EXPORT_FORMAT_VERSION, "learner": learner}
    return {**stamp, **_plain(dataclasses.asdict(report))}


def to_markdown(report: MockReport, *, tz: tzinfo, learner: str | None = None) -> str:
    """The report as Markdown, its date on the wall clock of `tz` (the learner's zone)."""
    lines = [f"# Mock interview {report.mock_id}: {report.pack_id}", ""]
    if learner:
        lines.append(f"- Learner: {learner}")
    lines.append(
        f"- Date: {format_local_with_offset(report.started_at, tz)}\n"
        f"- Score: {percent_text(report.score)}"
        f"{' (with your corrections)' if any(q.corrected for q in report.questions) else ''}\n"
        f"- Time: {time_used_text(report.time_used_seconds, report.time_limit_seconds)}\n"
        f"- Questions: {len(report.questions)} (seed {report.seed})"
    )
    for question in report.questions:
        lines.extend(["", *_question_lines(question)])
    lines.extend(["", "## Weakest topics", ""])
    if report.weakest_topics:
        lines.extend(
            f"- {topic_title(topic.topic)}: {topic_score_text(topic.score, topic.questions)}"
            for topic in report.weakest_topics
        )
    else:
        lines.append(f"- {weak_topics_text(report)}")
    practise = practise_text(report)
    if practise is not None:
        lines.extend(["", "## Practise next", "", f"- {practise}"])
    lines.extend(["", "## Study next", ""])
    if report.queued:
        lines.append("These questions went into your study queue when the mock ended:")
        lines.extend(f"- {name}" for name in queued_names(report))
    else:
        lines.append("Nothing new: no question needed review.")
    return "\n".join(lines) + "\n"


def _question_lines(question: QuestionReport) -> list[str]:
    lines = [
        f"## {question.number}. {question.title} ({question.level}; {topics_text(question.topics)})",
        "",
        question.prompt,
        "",
        f"- Your answer: {_quote(question.response)}",
        f"- Result: {verdict_text(question)} ({outcome_word(question.outcome)})",
        f"- Time: {time_used_text(question.time_used, question.time_limit)}{handed_in_text(question)}",
    ]
    lines += key_point_lines(question.claims if question.corrected else question.key_points,
                             corrected=question.corrected)
    if question.missed_unlisted:
        lines.append(f"- Concepts missed: {listed(question.missed_unlisted)}")
    if question.misconception:
        lines.append(f"- Misconception: {misconception_text(question)}")
    if question.feedback:
        lines.append(f"- Feedback: {_continued(question.feedback)}")
    lines.append(f"- Model answer: {_continued(question.model_answer)}")
    if question.evidence:
        lines.append(f"- Evidence: {', '.join(question.evidence)}")
    for index, follow_up in enumerate(question.follow_ups, start=1):
        lines.extend(
            [
                "",
                f"### Follow-up {index}: {follow_up.prompt}",
                "",
                *([f"- Why: {follow_up.reason}"] if follow_up.reason else []),
                f"- Your answer: {_quote(follow_up.response)} ({outcome_word(follow_up.outcome)})",
                f"- Time: {time_used_text(follow_up.time_used, follow_up.time_limit)}{handed_in_text(follow_up)}",
                *([f"- Score: {score_text(follow_up.score, follow_up.key_points, follow_up.feedback)}"
                   " (counts in the question's score)"]
                  if follow_up.score is not None else
                  ["- Not graded: compare your answer with the model answer."]
                  if follow_up.response and follow_up.response.strip() else []),
                *key_point_lines(follow_up.key_points),
                f"- Model answer: {_continued(follow_up.model_answer)}",
            ]
        )
    return lines


_POINT_MARKS = {"found": "✓", "missed": "✗", "contradicted": "✗", "unsure": "?"}
_POINT_WORDS = {"found": "stated in", "contradicted": "denied in", "unsure": "unsure, read in"}


def key_point_lines(points: Any, *, corrected: bool = False) -> list[str]:
    """The key points of a free-text answer, one line each, with the sentence that decided it:
    `  - ✓ product of jacobians: stated in “…”`, `  - ✗ shrinks: missed`; a misconception only
    when the answer asserts it (or the grader is unsure)."""
    lines = []
    for point in points or ():
        label = point.shown
        if point.role == "misconception":
            if point.status not in ("found", "unsure"):
                continue
            mark, label = ("✗" if point.status == "found" else "?"), f"misconception: {label}"
            word = "asserted in" if point.status == "found" else "unsure, read in"
        else:
            mark, word = _POINT_MARKS.get(point.status, "?"), _POINT_WORDS.get(point.status, "")
        where = f"{word} “{' '.join(point.sentence.split())}”" if point.sentence and word else point.status
        lines.append(f"  - {mark} {label}: {where}")
    if not lines:
        return []
    return [f"- Key points{' (as you corrected them)' if corrected else ''}:", *lines]


def _continued(text: str) -> str:
    """Multi-line text (a choice's per-option feedback, a block answer) kept inside its list item."""
    return "\n  ".join(line.rstrip() for line in text.strip().splitlines())


def _quote(text: str | None) -> str:
    if text is None or not text.strip():
        return "(no answer)"
    return " ".join(text.split())


def _plain(value: Any) -> Any:
    if isinstance(value, datetime):
        return value.isoformat()
    if isinstance(value, dict):
        return {key: _plain(item) for key, item in value.items()}
    if isinstance(value, (list, tuple)):
        return [_plain(item) for item in value]
    return value
