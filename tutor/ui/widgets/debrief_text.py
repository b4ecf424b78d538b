"""The debrief of a mock interview as styled text: the summary, one line per question
for the table, and everything about one question.

Reads a `MockReport` (see `tutor.study.mock_report`) by its attributes; pack text and
answers are shown literally, never parsed as markup. Verdicts and outcomes are worded by
`tutor.study.mock_words`, as in the exported report; this module only lays them out and
colours them.
"""

from __future__ import annotations

from typing import Any

from rich.text import Text
from textual.content import Content

from tutor.study.mock_export import key_point_lines
from tutor.study.mock_words import (
    grade_state,
    handed_in_text,
    misconception_text,
    outcome_note,
    outcome_word,
    percent_text,
    practise_text,
    queued_names,
    score_text,
    short_verdict,
    verdict_text,
    weak_topics_text,
)
from tutor.words import listed, plural, time_used_text, topics_text

GRADE_STYLES = {"correct": "green", "partial": "yellow", "wrong": "red", "undecided": "yellow",
                "unreadable": "red", "self_check": "dim"}
"""The colour of each grade state (`tutor.study.mock_words.grade_state`) in the table."""


def used_text(used: float, limit: float) -> str:
    """Time used of the limit, `m:ss of m:ss`: the one format of the CLI and the export."""
    return time_used_text(used, limit)


def summary_content(report: Any) -> Content:
    """Score, time, questions and seed; the weakest topics; what went into the study queue."""
    lines = [Content.from_markup(
        "Score [b]$score[/b] · time $time · $count · seed $seed",
        score=percent_text(report.score), time=used_text(report.time_used_seconds, report.time_limit_seconds),
        count=plural(len(report.questions), "question"), seed=report.seed,
    )]
    if report.weakest_topics:
        topics = weak_topics_text(report)
        lines.append(Content.from_markup("Weakest topics: [b $text-warning]$topics[/]", topics=topics))
    else:
        lines.append(Content.from_markup("Weakest topics: [$text-success]$none[/]", none=weak_topics_text(report)))
    practise = practise_text(report)
    if practise is not None:
        lines.append(Content.from_markup("Practise next: $topics", topics=practise))
    if report.queued:
        count = len(report.queued)
        lines.append(Content.from_markup(
            "Study next: $count put in Study when the mock ended: $ids",
            count=plural(count, "question"), ids=", ".join(queued_names(report)),
        ))
    else:
        lines.append(Content("Study next: nothing new to review."))
    return Content("\n").join(lines)


def result_cell(question: Any) -> Text:
    """The verdict in a few characters, for the table (a Rich `Text`, as DataTable wants):
    ✓ 100%, ◐ 50%, ✗ 0%, ? 0% or – self-check, then the outcome unless it was answered."""
    cell = Text(short_verdict(question), style=GRADE_STYLES[grade_state(question)])
    note = outcome_note(question.outcome)
    if note is not None:
        cell.append(f" {note}", style="dim")
    return cell


def field(label: str, value: str, style: str = "") -> Content:
    """One labelled line of the debrief ("Model answer: …")."""
    body = Content(value) if not style else Content.from_markup(f"[{style}]$value[/]", value=value)
    return Content.from_markup("[b]$label:[/b] ", label=label) + body


def question_content(question: Any) -> Content:
    """Everything the debrief says about one question (its follow-ups: `follow_up_contents`)."""
    lines = [
        Content.from_markup("[b $text-primary]$number. $id[/] [dim]$level · $topics[/dim]",
                            number=question.number, id=question.title, level=question.level,
                            topics=topics_text(question.topics)),
        Content(" ".join(question.prompt.split())),
        Content(""),
        field("Your answer", _answer(question.response)),
        field("Result", verdict_text(question)) + Content.from_markup(
            " [dim]($outcome)[/dim]", outcome=outcome_word(question.outcome)),
        field("Time", used_text(question.time_used, question.time_limit) + handed_in_text(question)),
    ]
    if question.feedback:
        lines.append(field("Feedback", question.feedback))
    if question.missed_unlisted:
        lines.append(field("Concepts missed", listed(question.missed_unlisted), "$text-error"))
    if question.misconception:
        lines.append(field("Misconception", misconception_text(question), "$text-warning"))
    lines.append(field("Model answer", " ".join(question.model_answer.split())))
    if question.explanation.strip():
        lines.append(field("Why", " ".join(question.explanation.split())))
    if question.evidence:
        lines.append(field("Evidence", ", ".join(question.evidence)) + Content.from_markup(" [dim](e opens it)[/dim]"))
    return Content("\n").join(lines)


def follow_up_contents(question: Any) -> list[tuple[Content, Content]]:
    """Each follow-up as (its heading, what was said): the screen indents the second as a
    block, so a long answer wraps under itself rather than back at the left edge."""
    return [(Content.from_markup("[b $text-accent]Follow-up $index:[/] $prompt", index=index,
                                 prompt=" ".join(follow_up.prompt.split())),
             Content("\n").join(_follow_up_lines(follow_up)))
            for index, follow_up in enumerate(question.follow_ups, start=1)]


def _follow_up_lines(follow_up: Any) -> list[Content]:
    return [
        field("Your answer", _answer(follow_up.response)) + Content.from_markup(
            " [dim]($outcome, $time)[/dim]", outcome=outcome_word(follow_up.outcome),
            time=used_text(follow_up.time_used, follow_up.time_limit)),
        *([Content.from_markup("[dim]$reason[/dim]", reason=follow_up.reason.capitalize())]
          if follow_up.reason else []),
        *_follow_up_score(follow_up),
        *(Content(line) for line in key_point_lines(follow_up.key_points)),
        field("Model answer", " ".join(follow_up.model_answer.split())),
    ]


def _follow_up_score(follow_up: Any) -> list[Content]:
    """A scored follow-up's score and the grader's first line (it counts in the question's score);
    one without a check of its own says it is not graded, so a missing mark reads as intended."""
    if follow_up.score is None:
        if follow_up.response is None or not follow_up.response.strip():
            return []
        return [Content.from_markup("[dim]Not graded: compare your answer with the model answer below.[/dim]")]
    said = follow_up.feedback.splitlines()[0] if follow_up.feedback else ""
    score = score_text(follow_up.score, follow_up.key_points, follow_up.feedback)
    return [field("Score", score + (f" · {said}" if said else ""))]


def _answer(response: str | None) -> str:
    return "(no answer)" if response is None or not response.strip() else " ".join(response.split())
