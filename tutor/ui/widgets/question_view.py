"""A question as the learner first sees it: level, topics, prompt and any options.

Pack text is shown as literal text (never parsed as markup), so a prompt such as
`[W_hh]` or `a[t]` reads exactly as written.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from textual.app import ComposeResult
from textual.containers import Vertical
from textual.content import Content
from textual.widgets import Static

from tutor.words import topics_text

if TYPE_CHECKING:
    from tutor.packs.schema import Question


def question_tags(question: Question, *, drawn: bool = False) -> Content:
    """`id · level · topics`; without the id for a `drawn` variant question, whose id is its
    author's name and may quote numbers the draw changed (bound-sigmoid-10-steps asking about
    12 steps): the prompt under the tags names it."""
    level, topics = question.level.value, topics_text(question.topics)
    if drawn:
        return Content.from_markup("[dim]$level · $topics[/dim]", level=level, topics=topics)
    return Content.from_markup("[dim]$id · $level · $topics[/dim]", id=question.id, level=level, topics=topics)


def options_text(question: Question) -> Content | None:
    """The choice options as `a) text` lines, or None when the question has none."""
    options = getattr(question.check, "options", None)
    if not options:
        return None
    lines = [Content.from_markup("[b]$key)[/b] $text", key=option.key, text=option.text) for option in options]
    # the letter counts on enter, as every answer does: a letter that chose at once would hand
    # in a mock interview's answer on a slip of the finger, and a multiple answer needs several
    how = ("several answers: type all their letters, e.g. a c, and press enter" if question.check.multiple
           else "type its letter and press enter")
    lines.append(Content.from_markup("[dim]$how[/dim]", how=how))
    return Content("\n").join(lines)


class QuestionView(Vertical):
    """The prompt of one question, with its tags and choice options."""

    DEFAULT_CSS = """
    QuestionView {
        height: auto;
        padding: 0 1;
        & > .question--tags { color: $text-muted; }
        & > .question--prompt { text-style: bold; margin: 1 0 0 0; }
        & > .question--options { margin: 1 0 0 2; }
    }
    """

    def __init__(self, question: Question, *, drawn: bool = False, **kwargs: object) -> None:
        """`drawn`: `question` is one draw of a variant question (see `question_tags`)."""
        super().__init__(**kwargs)  # type: ignore[arg-type]
        self.question = question
        self.drawn = drawn

    def compose(self) -> ComposeResult:
        yield Static(question_tags(self.question, drawn=self.drawn), classes="question--tags")
        yield Static(Content(self.question.prompt.strip()), classes="question--prompt")
        options = options_text(self.question)
        if options is not None:
            yield Static(options, classes="question--options")
