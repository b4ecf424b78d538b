"""A class's mock interviews in one view: read many learners' exported debriefs, summarise.

An instructor collects the files `tutor mock --json` writes (one per interview, from many
learners) and wants to see the class, not one learner: per question, how many were asked
it, the share answered correctly, the median time, the misconceptions detected and the
follow-ups most often missed; per topic, the class's weakest topics. Only the files are
needed: learners are counted by the optional `learner` stamp of each export.

Reading is strict about what a file is and lenient about where it came from: a file that
is not JSON, is another tool's JSON, or was written by a newer tutor is reported in one line
and skipped; exports written before the format was stamped (no `format` key, but the
debrief's own keys) are read as format 0.
"""

from __future__ import annotations

import json
import statistics
from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

EXPORT_FORMAT = "tutor-mock-debrief"
EXPORT_FORMAT_VERSION = 1
"""Written by `tutor.study.mock_export.to_json`; this reader understands versions 0..1."""
MIN_TOPIC_ANSWERS = 2
"""A topic is called weak only on at least this many answers: one answer is not a verdict."""
NOT_ASKED = "not_asked"
ANSWERED = "answered"
_QUESTION_KEYS = ("question_id", "topics", "outcome", "gradable", "correct", "score", "time_used", "follow_ups")


class BadExport(ValueError):
    """A file that cannot be read as a mock-interview export; the message is one line."""


@dataclass(frozen=True)
class Export:
    """One learner's interview, as much of it as the summary needs."""

    path: Path
    learner: str | None
    pack_id: str
    questions: tuple[dict[str, Any], ...]


@dataclass(frozen=True)
class FollowUpMisses:
    prompt: str
    asked: int
    missed: int


@dataclass(frozen=True)
class QuestionSummary:
    pack_id: str
    question_id: str
    asked: int
    graded: int
    correct: int
    median_seconds: float | None
    misconceptions: tuple[tuple[str, int], ...]
    """(name, times detected), most frequent first."""
    follow_ups_missed: tuple[FollowUpMisses, ...]
    """Follow-ups missed at least once, most often missed first."""

    @property
    def share_correct(self) -> float | None:
        return self.correct / self.graded if self.graded else None


@dataclass(frozen=True)
class TopicSummary:
    topic: str
    score: float
    answers: int

    @property
    def enough(self) -> bool:
        return self.answers >= MIN_TOPIC_ANSWERS


@dataclass(frozen=True)
class ClassSummary:
    files_used: int
    skipped: tuple[tuple[Path, str], ...]
    learners: int
    unnamed_files: int
    pack_ids: tuple[str, ...]
    questions: tuple[QuestionSummary, ...]
    topics: tuple[TopicSummary, ...]
    """Every topic, weakest first; only those with `enough` answers may be called weak."""

    @property
    def weakest_topics(self) -> tuple[TopicSummary, ...]:
        return tuple(topic for topic in self.topics if topic.enough)


@dataclass
class _QuestionTally:
    asked: int = 0
    graded: int = 0
    correct: int = 0
    seconds: list[float] = field(default_factory=list)
    misconceptions: Counter[str] = field(default_factory=Counter)
    follow_ups: dict[str, list[int]] = field(default_factory=dict)  # prompt -> [asked, missed]


def export_files(paths: Iterable[Path]) -> list[Path]:
    """The files named, and the `.json` files inside the folders named, in a stable order."""
    found: list[Path] = []
    for path in paths:
        if path.is_dir():
            found.extend(sorted(child for child in path.rglob("*.json") if child.is_file()))
        else:
            found.append(path)
    return found


def read_export(path: Path) -> Export:
    """One export file; BadExport with a one-line reason for anything else."""
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise BadExport("no such file") from None
    except UnicodeDecodeError:
        raise BadExport("not a text file") from None
    except OSError as error:
        raise BadExport(error.strerror or str(error)) from None
    try:
        data = json.loads(text)
    except json.JSONDecodeError as error:
        raise BadExport(f"not JSON (line {error.lineno}, column {error.colno}: {error.msg})") from None
    return export_from(path, data)


def export_from(path: Path, data: Any) -> Export:
    """Check the shape of parsed JSON and keep what the summary needs."""
    if not isinstance(data, dict) or not _looks_like_a_debrief(data):
        raise BadExport("not a tutor mock-interview export (expected the JSON of `tutor mock --json`)")
    version = data.get("format_version", 0) if data.get("format") == EXPORT_FORMAT else 0
    if not isinstance(version, int) or version > EXPORT_FORMAT_VERSION:
        raise BadExport(
            f"written by a newer tutor (format {version}; this one reads up to {EXPORT_FORMAT_VERSION}): update tutor"
        )
    questions = data["questions"]
    if not isinstance(questions, list):
        raise BadExport("questions is not a list")
    for index, question in enumerate(questions):
        missing = [key for key in _QUESTION_KEYS if not isinstance(question, dict) or key not in question]
        if missing:
            raise BadExport(f"questions[{index}] has no {missing[0]}")
    learner = str(data.get("learner") or "").strip()
    return Export(path, learner or None, str(data["pack_id"]), tuple(questions))


def _looks_like_a_debrief(data: dict[str, Any]) -> bool:
    if "format" in data:
        return bool(data["format"] == EXPORT_FORMAT)
    return all(key in data for key in ("mock_id", "pack_id", "seed", "questions"))


def read_exports(paths: Iterable[Path]) -> tuple[list[Export], list[tuple[Path, str]]]:
    """Every readable export, and each unreadable file with its one-line reason."""
    exports: list[Export] = []
    skipped: list[tuple[Path, str]] = []
    for path in export_files(paths):
        try:
            exports.append(read_export(path))
        except BadExport as error:
            skipped.append((path, str(error)))
    return exports, skipped


def summarise(exports: Sequence[Export], skipped: Sequence[tuple[Path, str]] = ()) -> ClassSummary:
    tallies: dict[tuple[str, str], _QuestionTally] = defaultdict(_QuestionTally)
    topic_scores: dict[str, list[float]] = defaultdict(list)
    for export in exports:
        for question in export.questions:
            if question["outcome"] == NOT_ASKED:
                continue
            tally = tallies[(export.pack_id, str(question["question_id"]))]
            _count_question(tally, question)
            if question["gradable"]:
                for topic in question["topics"]:
                    topic_scores[str(topic)].append(float(question["score"] or 0.0))
    learners = {export.learner for export in exports if export.learner}
    topics = sorted(
        (TopicSummary(topic, statistics.fmean(scores), len(scores)) for topic, scores in topic_scores.items()),
        key=lambda topic: (topic.score, -topic.answers, topic.topic),
    )
    return ClassSummary(
        files_used=len(exports),
        skipped=tuple(skipped),
        learners=len(learners),
        unnamed_files=sum(1 for export in exports if not export.learner),
        pack_ids=tuple(sorted({export.pack_id for export in exports})),
        questions=tuple(_question_summary(key, tally) for key, tally in sorted(tallies.items())),
        topics=tuple(topics),
    )


def _count_question(tally: _QuestionTally, question: dict[str, Any]) -> None:
    tally.asked += 1
    tally.seconds.append(float(question["time_used"]))
    if question["gradable"]:
        tally.graded += 1
        tally.correct += bool(question["correct"])
    if question.get("misconception"):
        tally.misconceptions[str(question["misconception"])] += 1
    for follow_up in question["follow_ups"]:
        if follow_up.get("outcome") == NOT_ASKED:
            continue
        counts = tally.follow_ups.setdefault(str(follow_up.get("prompt", "")), [0, 0])
        counts[0] += 1
        counts[1] += _follow_up_missed(follow_up)


def _follow_up_missed(follow_up: dict[str, Any]) -> bool:
    """Not answered (timed out, skipped, empty), or answered and graded not correct."""
    if follow_up.get("outcome") != ANSWERED or not str(follow_up.get("response") or "").strip():
        return True
    return follow_up.get("correct") is False


def _question_summary(key: tuple[str, str], tally: _QuestionTally) -> QuestionSummary:
    follow_ups = sorted(
        (FollowUpMisses(prompt, asked, missed) for prompt, (asked, missed) in tally.follow_ups.items() if missed),
        key=lambda entry: (-entry.missed, entry.prompt),
    )
    return QuestionSummary(
        pack_id=key[0],
        question_id=key[1],
        asked=tally.asked,
        graded=tally.graded,
        correct=tally.correct,
        median_seconds=statistics.median(tally.seconds) if tally.seconds else None,
        misconceptions=tuple(sorted(tally.misconceptions.items(), key=lambda item: (-item[1], item[0]))),
        follow_ups_missed=tuple(follow_ups),
    )
