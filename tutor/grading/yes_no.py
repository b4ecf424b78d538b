"""The short answer to a yes-or-no question: an answer that opens with the other word.

"Does clipping solve vanishing gradients?" is answered "No, ...". An answer opening "Yes, it
rescales the gradient ..." asserts the opposite before any key point, and the rest may well
be made of the right words: the opening is a false claim the phrases cannot see. A hedge
("yes and no", "yes, but only ...", "partly") asserts neither, so it is left to the claims.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

YES = frozenset({"yes", "yeah", "yep", "yup"})
NO = frozenset({"no", "nope", "nah"})
HEDGES = frozenset({"but", "partly", "partially", "sort", "kind", "somewhat", "not", "however", "although",
                    "though", "depends", "sometimes", "indirectly", "arguably", "maybe", "perhaps"})
HEDGE_REACH = 4  # words after the opening, in its sentence, that may still hedge it

_WORD = re.compile(r"[^\W\d_]+")


def opposite_opening(response: str, answer_is: str) -> str | None:
    """The opening sentence of `response` when it answers the other way from `answer_is`
    ("yes" or "no") without a hedge, else None."""
    first = re.split(r"(?<=[.!?;])\s", response.strip(), maxsplit=1)[0]
    words = [word.lower() for word in _WORD.findall(first)]
    other = NO if answer_is == "yes" else YES
    if not words or words[0] not in other:
        return None
    if any(word in HEDGES or word in YES | NO for word in words[1:1 + HEDGE_REACH]):
        return None  # "yes and no", "yes, but only ...", "yes, sort of"
    return first


@dataclass(frozen=True)
class ShortAnswer:
    """The false claim an opposite opening makes, as a rubric point of its own (`answers-yes`
    or `answers-no`): named, with its feedback, like a misconception of the rubric."""

    name: str
    feedback: str

    @property
    def shown(self) -> str:
        """The false claim in words: "answering “yes” where the short answer is “no”", not the slug
        "answers yes" (and not "the short answer is “yes”", which read as the right one)."""
        said = self.name.removeprefix("answers-")
        return f"answering “{said}” where the short answer is “{'no' if said == 'yes' else 'yes'}”"


def short_answer_point(answer_is: str) -> ShortAnswer:
    other = "yes" if answer_is == "no" else "no"
    return ShortAnswer(f"answers-{other}",
                       f"Your answer opens with “{other}”, but the short answer to this question is “{answer_is}”.")
