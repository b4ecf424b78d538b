"""The stats summary as plain text, for `tutor stats` (and text export from the app)."""

from __future__ import annotations

from datetime import tzinfo

from tutor.study.clock import format_local
from tutor.study.mock_words import CORRECTED_MARK
from tutor.study.stats import MasteryEntry, PracticeTally, StatsSummary
from tutor.words import plural, time_used_text, topic_title


def format_summary(pack_title: str, summary: StatsSummary, tz: tzinfo) -> str:
    """The summary as lines of text; mock interview dates on the wall clock of `tz`."""
    reviews = sum(day.count for day in summary.reviews_per_day)
    retention = "n/a (no study reviews yet)" if summary.retention is None else f"{summary.retention:.0%}"
    lines = [
        pack_title,
        f"  streak (days with an answer, any pack): {plural(summary.streak, 'day')}",
        f"  answers in the last {len(summary.reviews_per_day)} days (study, practice, mocks): {reviews}",
        f"  retention (study reviews not rated Again): {retention}",
        f"  practice: {practice_text(summary.practice)}",
        "  due in the next 14 days: " + _forecast(summary),
        "  mastery by level (recall predicted a week ahead):",
        *(_mastery_line(entry) for entry in summary.mastery.by_level),
        "  mastery by topic (recall predicted a week ahead):",
        *(_mastery_line(entry, topic_title(entry.name)) for entry in summary.mastery.by_topic),
    ]
    if summary.mocks:
        lines.append("  mock interviews:")
        for mock in summary.mocks:
            score = "—" if mock.score is None else f"{mock.score:.0%}"
            when = format_local(mock.started_at, tz)
            time = time_used_text(mock.duration_seconds, mock.time_limit_seconds)
            lines.append(f"    #{mock.mock_id} {when}  {mock.status:<11} score {score:>4}  {time}, "
                         f"{plural(mock.questions, 'question')}{CORRECTED_MARK if mock.corrected else ''}")
    else:
        lines.append("  mock interviews: none yet")
    return "\n".join(lines)


def practice_text(tally: PracticeTally) -> str:
    """ "2 of 3 answers right, to 2 questions" (or "none yet"): the stats screen's words too."""
    if not tally.answers:
        return "none yet"
    return f"{tally.right} of {plural(tally.answers, 'answer')} right, to {plural(tally.questions, 'question')}"


def _forecast(summary: StatsSummary) -> str:
    counts = [day.count for day in summary.forecast]
    if not any(counts):
        return "nothing"
    return ", ".join(f"{day.day:%b %d}: {day.count}" for day in summary.forecast if day.count)


def _mastery_line(entry: MasteryEntry, name: str | None = None) -> str:
    stability = "" if entry.stability is None else f", stability {entry.stability:.1f} d"
    studied = f"{entry.studied}/{entry.questions} studied{stability}"
    return f"    {name or entry.name:<24} {entry.retrievability:>4.0%}  ({studied})"
