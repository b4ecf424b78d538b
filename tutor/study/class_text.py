"""A class summary as text (with a bar chart of topic scores), Markdown and JSON-ready data."""

from __future__ import annotations

from typing import Any

from tutor.study.class_summary import MIN_TOPIC_ANSWERS, ClassSummary, QuestionSummary, TopicSummary
from tutor.words import clock_text, plural, topic_title

BAR_WIDTH = 24
TOP_MISSED_FOLLOW_UPS = 2


def headline(summary: ClassSummary) -> str:
    """`32 files used (2 skipped), 9 learners (3 files unnamed), pack rnn-gradients`."""
    skipped = f" ({len(summary.skipped)} skipped)" if summary.skipped else ""
    unnamed = f" ({plural(summary.unnamed_files, 'file')} without a learner's name)" if summary.unnamed_files else ""
    packs = ", ".join(summary.pack_ids) or "none"
    return (f"{plural(summary.files_used, 'file')} used{skipped}, "
            f"{plural(summary.learners, 'learner')}{unnamed}; {plural(len(summary.pack_ids), 'pack')}: {packs}")


def share_text(share: float | None) -> str:
    return "—" if share is None else f"{share:.0%}"


def seconds_text(seconds: float | None) -> str:
    return "—" if seconds is None else clock_text(seconds)


def misconceptions_text(question: QuestionSummary) -> str:
    return ", ".join(f"{name} ×{count}" for name, count in question.misconceptions) or "—"


def follow_ups_text(question: QuestionSummary) -> str:
    shown = question.follow_ups_missed[:TOP_MISSED_FOLLOW_UPS]
    return "; ".join(f"{entry.prompt} ({entry.missed} of {entry.asked} missed)" for entry in shown) or "—"


def bar(score: float, width: int = BAR_WIDTH) -> str:
    """A horizontal bar for a share in [0, 1], in eighths of a cell: `█████▍          `."""
    eighths = round(max(0.0, min(1.0, score)) * width * 8)
    full, part = divmod(eighths, 8)
    partial = " ▏▎▍▌▋▊▉"[part] if part else ""
    return ("█" * full + partial).ljust(width)


def topic_chart(topics: tuple[TopicSummary, ...]) -> list[str]:
    """Every topic's class score as a bar, weakest first; thin evidence is said, not judged."""
    if not topics:
        return ["  (no auto-graded answers)"]
    width = max(len(topic_title(topic.topic)) for topic in topics)
    lines = []
    for topic in topics:
        note = plural(topic.answers, "answer") + ("" if topic.enough else ", too few to judge")
        lines.append(f"  {topic_title(topic.topic):<{width}}  {bar(topic.score)} {topic.score:>4.0%}  ({note})")
    return lines


def to_text(summary: ClassSummary) -> str:
    lines = [f"Class summary: {headline(summary)}", "", "Per question:"]
    rows = [("question", "asked", "correct", "median time", "misconceptions", "follow-ups most often missed")]
    rows += [
        (question.question_id, str(question.asked), share_text(question.share_correct),
         seconds_text(question.median_seconds), misconceptions_text(question), follow_ups_text(question))
        for question in summary.questions
    ]
    widths = [max(len(row[column]) for row in rows) for column in range(len(rows[0]) - 1)]
    for row in rows:
        cells = [cell.rjust(width) if column in (1, 2, 3) else cell.ljust(width)
                 for column, (cell, width) in enumerate(zip(row, widths))]
        lines.append("  " + "  ".join([*cells, row[-1]]).rstrip())
    lines += ["", f"Topic scores, weakest first (a topic is judged on {MIN_TOPIC_ANSWERS} answers or more):"]
    lines += topic_chart(summary.topics)
    lines += _weakest_lines(summary)
    return "\n".join(lines) + "\n"


def _weakest_lines(summary: ClassSummary) -> list[str]:
    weakest = summary.weakest_topics[:3]
    if not weakest:
        return ["", "Weakest topics: none can be named yet (no topic has enough answers)."]
    return ["", "Weakest topics: " + ", ".join(f"{topic_title(topic.topic)} ({topic.score:.0%})" for topic in weakest)]


def to_markdown(summary: ClassSummary) -> str:
    lines = ["# Class summary", "", headline(summary), "", "## Per question", "",
             "| question | asked | correct | median time | misconceptions | follow-ups most often missed |",
             "| --- | ---: | ---: | ---: | --- | --- |"]
    lines += [
        f"| {question.question_id} | {question.asked} | {share_text(question.share_correct)} | "
        f"{seconds_text(question.median_seconds)} | {_cell(misconceptions_text(question))} | "
        f"{_cell(follow_ups_text(question))} |"
        for question in summary.questions
    ]
    lines += ["", "## Topics, weakest first", "", "| topic | score | answers |", "| --- | ---: | ---: |"]
    lines += [f"| {topic_title(topic.topic)} | {topic.score:.0%} | "
              f"{topic.answers}{'' if topic.enough else ' (too few to judge)'} |" for topic in summary.topics]
    lines += [line for line in _weakest_lines(summary) if line]
    if summary.skipped:
        lines += ["", "## Files skipped", ""]
        lines += [f"- `{path}`: {reason}" for path, reason in summary.skipped]
    return "\n".join(lines) + "\n"


def _cell(text: str) -> str:
    return text.replace("|", "\\|")


def to_json(summary: ClassSummary) -> dict[str, Any]:
    return {
        "files_used": summary.files_used,
        "files_skipped": [{"path": str(path), "reason": reason} for path, reason in summary.skipped],
        "learners": summary.learners,
        "files_without_learner": summary.unnamed_files,
        "packs": list(summary.pack_ids),
        "questions": [
            {
                "pack_id": question.pack_id,
                "question_id": question.question_id,
                "asked": question.asked,
                "graded": question.graded,
                "correct": question.correct,
                "share_correct": question.share_correct,
                "median_seconds": question.median_seconds,
                "misconceptions": dict(question.misconceptions),
                "follow_ups_missed": [
                    {"prompt": entry.prompt, "asked": entry.asked, "missed": entry.missed}
                    for entry in question.follow_ups_missed
                ],
            }
            for question in summary.questions
        ],
        "topics": [
            {"topic": topic.topic, "score": topic.score, "answers": topic.answers, "enough_answers": topic.enough}
            for topic in summary.topics
        ],
        "weakest_topics": [topic.topic for topic in summary.weakest_topics[:3]],
    }
