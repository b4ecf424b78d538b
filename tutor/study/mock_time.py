"""How long a mock interview gives for one question or follow-up.

A step gets the time to read its prompt and to type an answer as long as its model
answer, stretched by the question's level (harder questions need thinking while
typing), and never less than the time to type two sentences:

    seconds = ceil_5( prompt words × 60 / READ_WPM
                      + max(model-answer words, FLOOR_WORDS) × 60 / TYPE_WPM × LEVEL_FACTOR[level] )

- READ_WPM = 200: a careful reading pace for technical text.
- TYPE_WPM = 40: an ordinary typist composing prose (copy typing is faster, but an
  answer is thought out while typed).
- FLOOR_WORDS = 30: two sentences of about 15 words, so even a one-letter choice
  question leaves room to explain it (30 words at 40 wpm = 45 s).
- LEVEL_FACTOR: basic 1, intermediate 1.25, advanced 1.5.
- Rounded up to whole multiples of 5 s, which read well on the countdown.

The interview's total is the sum of its steps' times, or the minutes asked for when
that is more (the extra is shared in proportion to each step's time).
"""

from __future__ import annotations

import math
import re

READ_WPM = 200
TYPE_WPM = 40
FLOOR_WORDS = 30
LEVEL_FACTOR = {"basic": 1.0, "intermediate": 1.25, "advanced": 1.5}
ROUND_TO = 5

_WORD = re.compile(r"\S+")


def words(text: str) -> int:
    """Words as a reader counts them: runs of non-space characters."""
    return len(_WORD.findall(text or ""))


def step_seconds(level: str, prompt: str, model_answer: str) -> int:
    """The time a step needs (see the module's rule), in whole seconds."""
    reading = words(prompt) * 60 / READ_WPM
    typing = max(words(model_answer), FLOOR_WORDS) * 60 / TYPE_WPM * LEVEL_FACTOR.get(level, 1.0)
    return ROUND_TO * math.ceil((reading + typing) / ROUND_TO - 1e-9)
