"""The model answer of a question: the answer, the expected expression, the explanation.

The expected symbolic or numeric answer is pretty-printed by the core, which may load
SymPy, so it is computed in a thread worker and filled in when it arrives.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from textual import on, work
from textual.app import ComposeResult
from textual.containers import HorizontalScroll, Vertical
from textual.content import Content
from textual.message import Message
from textual.widgets import Label, Static

from tutor import checks

if TYPE_CHECKING:
    from tutor.packs.schema import Question



class AnswerView(Vertical):
    """What a good answer says, and why."""

    DEFAULT_CSS = """
    AnswerView {
        height: auto;
        padding: 0 1;
        margin: 1 0 0 0;
        & > Label { text-style: bold; color: $text-primary; }
        & > .answer--expected-box { height: auto; margin: 0 0 0 2; }
        & .answer--expected { width: auto; text-wrap: nowrap; }
        & > .answer--explanation { margin: 0 0 1 0; }
        & > .answer--sources { color: $text-muted; }
    }
    """

    class ExpectedComputed(Message):
        """The pretty-printed expected answer is ready."""

        def __init__(self, text: str) -> None:
            super().__init__()
            self.text = text

    def __init__(
        self,
        question: Question,
        expected_answer: Callable[[Any], str] | None = None,
        **kwargs: Any,
    ) -> None:
        super().__init__(**kwargs)
        self.question = question
        self.expected_answer = expected_answer

    def compose(self) -> ComposeResult:
        question = self.question
        yield Label("Model answer")
        yield Static(Content(question.answer.strip()), classes="answer--text")
        if self._wants_expected:
            yield Label("Expected")
            with HorizontalScroll(classes="answer--expected-box"):  # wide formulas scroll, not cut
                yield Static(Content.from_markup("[dim]…[/dim]"), classes="answer--expected")
        yield Label("Why")
        yield Static(Content(question.explanation.strip()), classes="answer--explanation")
        if question.sources:
            yield Static(Content("\n".join(["Sources:", *(f"• {source}" for source in question.sources)])),
                         classes="answer--sources")

    @property
    def _wants_expected(self) -> bool:
        return self.expected_answer is not None and checks.kind_of(self.question.check).shows_expression

    def on_mount(self) -> None:
        if self._wants_expected:
            self._compute_expected()

    @work(thread=True, exclusive=True, group="expected")
    def _compute_expected(self) -> None:
        assert self.expected_answer is not None
        try:
            text = self.expected_answer(self.question.check)
        except Exception as error:  # noqa: BLE001 - show the problem, keep the app
            text = f"(could not show the expected answer: {error})"
        self.post_message(self.ExpectedComputed(text))

    @on(ExpectedComputed)
    def _show_expected(self, event: ExpectedComputed) -> None:
        event.stop()
        self.query_one(".answer--expected", Static).update(Content(event.text))
