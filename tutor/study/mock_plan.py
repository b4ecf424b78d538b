"""Drawing a mock interview: which questions, in what order, with which follow-ups and time.

Like a real interviewer: a warm-up first, then harder questions (questions are ordered
basic -> intermediate -> advanced), topics spread out (each pick prefers the question
whose topics have come up least so far), one or two of the question's follow-ups after
each main question, and harder questions get more time. The seed makes the draw
repeatable; the plan is plain data (`to_dict`/`from_dict`) stored with the interview.

Time: each step (question or follow-up) first gets what it needs to be read and
answered (`mock_time.step_seconds`: its level, its prompt and the length of its model
answer, never less than two sentences' typing). When the minutes asked for are more
than that, the extra is shared over the steps in proportion to their needs, in whole
seconds that add up exactly (largest remainder); when they are fewer, the interview
takes the time its steps need (the setup screen shows the real length).
"""

from __future__ import annotations

import random
from collections.abc import Collection, Sequence
from dataclasses import dataclass
from typing import Any

from tutor.packs.variants import Variant, draw_fresh
from tutor.study.mock_time import step_seconds
from tutor.study.practice import filter_questions

LEVEL_ORDER = ("basic", "intermediate", "advanced")
LEVEL_SHARES = {"basic": 1, "intermediate": 2, "advanced": 2}
"""How the questions are spread over the levels present (5 questions -> 1, 2, 2)."""
MAX_FOLLOW_UPS = 2


class PlanError(ValueError):
    """No question matches the filters (the message says which)."""


@dataclass(frozen=True)
class PlanItem:
    """One main question with the follow-ups to ask after it and the seconds for each step."""

    question_id: str
    level: str
    topics: tuple[str, ...]
    gradable: bool
    follow_ups: tuple[int, ...]
    step_seconds: tuple[int, ...]
    """Main question first, then one entry per follow-up."""

    @property
    def seconds(self) -> int:
        return sum(self.step_seconds)


@dataclass(frozen=True)
class PlanStep:
    """One thing the interviewer asks: a main question (follow_up_index None) or a follow-up."""

    position: int
    item_index: int
    question_id: str
    follow_up_index: int | None
    seconds: int


@dataclass(frozen=True)
class MockPlan:
    pack_id: str
    seed: int
    minutes: float
    items: tuple[PlanItem, ...]

    @property
    def total_seconds(self) -> int:
        return sum(item.seconds for item in self.items)

    @property
    def steps(self) -> tuple[PlanStep, ...]:
        steps: list[PlanStep] = []
        for item_index, item in enumerate(self.items):
            for offset, seconds in enumerate(item.step_seconds):
                follow_up = None if offset == 0 else item.follow_ups[offset - 1]
                steps.append(PlanStep(len(steps), item_index, item.question_id, follow_up, seconds))
        return tuple(steps)

    def to_dict(self) -> dict[str, Any]:
        return {
            "pack_id": self.pack_id,
            "seed": self.seed,
            "minutes": self.minutes,
            "items": [
                {
                    "question_id": item.question_id,
                    "level": item.level,
                    "topics": list(item.topics),
                    "gradable": item.gradable,
                    "follow_ups": list(item.follow_ups),
                    "step_seconds": list(item.step_seconds),
                }
                for item in self.items
            ],
        }

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> MockPlan:
        return cls(
            pack_id=data["pack_id"],
            seed=int(data["seed"]),
            minutes=data["minutes"],
            items=tuple(
                PlanItem(
                    question_id=item["question_id"],
                    level=item["level"],
                    topics=tuple(item["topics"]),
                    gradable=bool(item["gradable"]),
                    follow_ups=tuple(item["follow_ups"]),
                    step_seconds=tuple(item["step_seconds"]),
                )
                for item in data["items"]
            ),
        )


def apportion(total: int, weights: Sequence[float]) -> list[int]:
    """Split the integer `total` in proportion to `weights`; parts add up to `total` exactly.

    Largest remainder method; equal remainders go to the earlier part.
    """
    weight_sum = float(sum(weights))
    if not weights or weight_sum <= 0:
        return [0 for _ in weights]
    exact = [total * weight / weight_sum for weight in weights]
    parts = [int(value) for value in exact]
    by_remainder = sorted(range(len(weights)), key=lambda index: (-(exact[index] - parts[index]), index))
    for index in by_remainder[: total - sum(parts)]:
        parts[index] += 1
    return parts


def plan_mock(
    pack: Any,
    *,
    questions: int = 5,
    minutes: float = 10,
    levels: Collection[str] | None = None,
    topics: Collection[str] | None = None,
    seed: int,
) -> MockPlan:
    """Draw a reproducible interview of up to `questions` questions lasting `minutes`."""
    if questions < 1 or minutes <= 0:
        raise PlanError("a mock interview needs at least 1 question and a positive number of minutes")
    pool = filter_questions(pack.questions, topics=topics, levels=levels)
    if not pool:
        raise PlanError(f"no question in pack '{pack.id}' matches {_filters_text(levels, topics) or 'these filters'}")
    # as an interviewer asks: open questions and formulas, and other questions through their
    # interview form; a choice or a computation without one is never drawn
    askable = [q for q in pool if in_interview(q) is not None]
    if not askable:
        raise PlanError(
            f"no question in pack '{pack.id}'{_filters_text(levels, topics, ' that matches ')} can be asked in an "
            "interview: a mock asks free-text and formula questions, and others through their `interview:` form")
    pool = askable
    count = min(questions, len(pool))
    rng = random.Random(seed)

    by_level = {level: [q for q in pool if _level(q) == level] for level in LEVEL_ORDER}
    for candidates in by_level.values():
        rng.shuffle(candidates)
    counts = _level_counts(count, {level: len(qs) for level, qs in by_level.items()})

    chosen: list[Any] = []
    topic_uses: dict[str, int] = {}
    for level in LEVEL_ORDER:
        candidates = list(by_level[level])
        for _ in range(counts[level]):
            pick = min(candidates, key=lambda q: sum(topic_uses.get(topic, 0) for topic in q.topics))
            candidates.remove(pick)
            chosen.append(pick)
            for topic in pick.topics:
                topic_uses[topic] = topic_uses.get(topic, 0) + 1

    follow_ups = [_draw_follow_ups(question, rng) for question in chosen]
    collections = set(getattr(getattr(pack, "meta", None), "collections", ()) or ())
    times = _step_times([_step_needs(question, picked) for question, picked in zip(chosen, follow_ups)],
                        round(minutes * 60))
    items = tuple(
        PlanItem(
            question_id=question.id,
            level=_level(question),
            topics=tuple(topic for topic in question.topics if topic not in collections),
            gradable=_is_gradable(in_interview(question) or question),
            follow_ups=picked,
            step_seconds=seconds,
        )
        for question, picked, seconds in zip(chosen, follow_ups, times)
    )
    return MockPlan(pack_id=pack.id, seed=seed, minutes=minutes, items=items)


def _filters_text(levels: Collection[str] | None, topics: Collection[str] | None, lead: str = "") -> str:
    """'level basic and topic lstm' (with `lead` before it), or '' without filters."""
    wanted = [f"{name} {', '.join(values)}" for name, values in (("level", levels), ("topic", topics)) if values]
    return lead + " and ".join(wanted) if wanted else ""


def _step_needs(question: Any, picked: Sequence[int]) -> list[int]:
    """What the main question and each picked follow-up need (`mock_time.step_seconds`)."""
    level = _level(question)
    asked = [(question.prompt, question.answer)]
    asked += [(question.follow_ups[index].prompt, question.follow_ups[index].answer) for index in picked]
    return [step_seconds(level, str(prompt), str(answer)) for prompt, answer in asked]


def _step_times(needs: list[list[int]], total: int) -> list[tuple[int, ...]]:
    """Each step's need, plus its share of whatever of `total` the needs leave over."""
    flat = [need for item in needs for need in item]
    extra = apportion(max(0, total - sum(flat)), flat)
    times, start = [], 0
    for item in needs:
        times.append(tuple(need + more for need, more in zip(item, extra[start:start + len(item)])))
        start += len(item)
    return times


def _level_counts(count: int, available: dict[str, int]) -> dict[str, int]:
    """Questions per level: shares over the levels present, capped by what each level has."""
    present = [level for level in LEVEL_ORDER if available[level]]
    shares = apportion(count, [LEVEL_SHARES[level] for level in present])
    if count >= 2 and len(present) > 1 and shares[0] == 0:
        # a warm-up opens every interview of two questions or more: the easiest level gets
        # one, from the largest share (the hardest of equals keeps its own)
        largest = max(range(1, len(shares)), key=lambda index: (shares[index], -index))
        shares[0], shares[largest] = 1, shares[largest] - 1
    counts = {level: 0 for level in LEVEL_ORDER}
    overflow = 0
    for level, share in zip(present, shares):
        counts[level] = min(share, available[level])
        overflow += share - counts[level]
    while overflow:
        spare = [level for level in present if counts[level] < available[level]]
        level = min(spare, key=lambda name: (counts[name] / LEVEL_SHARES[name], LEVEL_ORDER.index(name)))
        counts[level] += 1
        overflow -= 1
    return counts


def _draw_follow_ups(question: Any, rng: random.Random) -> tuple[int, ...]:
    available = len(question.follow_ups)
    if available == 0:
        return ()
    wanted = min(available, rng.choice((1, MAX_FOLLOW_UPS)))
    return tuple(sorted(rng.sample(range(available), wanted)))


def _level(question: Any) -> str:
    return str(getattr(question.level, "value", question.level))


def in_interview(question: Any) -> Any:
    """The question as a mock asks it (its interview form), or None if an interviewer would
    not ask it so; any other object a plan is given is asked as it is."""
    as_interview = getattr(question, "as_interview", None)
    return question if as_interview is None else as_interview()


def _is_gradable(question: Any) -> bool:
    return getattr(question.check, "kind", None) != "self"


_HANDLED = {"missed": "missed", "negated": "denied", "misconception": "asserted"}


def flagged_points(notes: Sequence[str]) -> dict[str, str]:
    """The rubric points a grade's notes flag, with how the answer handled each: `missed`,
    `denied` (stated as not holding) or `asserted` (a misconception)."""
    found: dict[str, str] = {}
    for note in notes:
        kind, _, name = str(note).partition(":")
        if kind in _HANDLED and name:
            found.setdefault(name, _HANDLED[kind])
    return found


def probing_order(follow_ups: Sequence[Any], notes: Sequence[str], planned: Sequence[int]) -> list[int]:
    """The order in which to ask a question's follow-ups after an answer with `notes`: first
    those whose `probes` name a flagged point, then the planned ones, then the rest."""
    flagged = flagged_points(notes)
    probing = [index for index, follow_up in enumerate(follow_ups)
               if set(getattr(follow_up, "probes", ()) or ()) & flagged.keys()]
    rest = [index for index in planned if index not in probing]
    return probing + rest + [index for index in range(len(follow_ups)) if index not in probing + rest]


def probe_reason(follow_up: Any, notes: Sequence[str]) -> str:
    """Why a follow-up was asked, when it probes what the main answer got wrong ('' else)."""
    flagged = flagged_points(notes)
    for name in getattr(follow_up, "probes", ()) or ():
        if name in flagged:
            return f"asked because your answer {flagged[name]} '{name.replace('-', ' ')}'"
    return ""


def item_variant(question: Any, plan_seed: int, item_index: int) -> Variant:
    """The draw of plan item `item_index` (its follow-ups share it), seeded from the plan's
    seed and the item's index: a resumed interview shows the same numbers, a new interview
    fresh ones, and the debrief of an item never reached the numbers it would have had."""
    return draw_fresh(question, random.Random(f"{plan_seed}:{item_index}"))
