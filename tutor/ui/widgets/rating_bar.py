"""The four spaced-repetition ratings as buttons: Again, Hard, Good, Easy (keys 1-4).

The rating suggested by the grade and the time taken is pre-selected (highlighted and
focused, so enter accepts it); any other can be pressed or typed.
"""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.containers import Horizontal
from textual.message import Message
from textual.widgets import Button

from tutor.study.rating import Rating

RATINGS: tuple[tuple[Rating, str], ...] = tuple((rating, rating.label) for rating in Rating)


class RatingBar(Horizontal):
    """Buttons for the four ratings; posts `RatingBar.Rated`."""

    DEFAULT_CSS = """
    RatingBar {
        height: auto;
        width: 100%;
        & > Button { width: 1fr; min-width: 10; margin: 0 1 0 0; }
    }
    """

    class Rated(Message):
        """The learner chose a rating (1 Again, 2 Hard, 3 Good, 4 Easy)."""

        def __init__(self, rating: Rating) -> None:
            super().__init__()
            self.rating = rating

    def __init__(self, **kwargs: object) -> None:
        super().__init__(**kwargs)  # type: ignore[arg-type]
        self.suggested: Rating | None = None

    def compose(self) -> ComposeResult:
        for rating, name in RATINGS:
            yield Button(f"{rating} {name}", id=f"rate-{rating}", compact=True)

    def button(self, rating: Rating) -> Button:
        return self.query_one(f"#rate-{rating}", Button)

    def preselect(self, rating: Rating | None, *, focus: bool = True) -> None:
        """Highlight (and focus, unless told not to) the suggested rating (None: suggest nothing)."""
        self.suggested = rating
        for value, _name in RATINGS:
            self.button(value).variant = "primary" if value == rating else "default"
        if rating is not None and focus:
            self.button(rating).focus()

    @on(Button.Pressed)
    def _pressed(self, event: Button.Pressed) -> None:
        event.stop()
        self.post_message(self.Rated(Rating(int((event.button.id or "rate-0").removeprefix("rate-")))))
