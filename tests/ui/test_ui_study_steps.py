"""Study's title over the real core: a new card in its learning steps is "learning"; only
a review card rated Again is "relearning"."""

from __future__ import annotations

from fakes import running, submit
from test_ui_core_backend import core  # noqa: F401 - the fixture
from textual.widgets import Static

from tutor.service.backend import CoreBackend
from tutor.ui.app import TutorApp

RIGHT_ANSWER = "a product of jacobians that shrinks exponentially"


def status(app: TutorApp) -> str:
    return str(app.screen.query_one("#title", Static).render()).split("  ", 1)[1]


async def test_a_new_card_rated_good_is_learning_not_relearning(core: CoreBackend) -> None:  # noqa: F811
    app = TutorApp(core)
    async with running(app, size=(120, 30)) as pilot:
        await pilot.press("s")
        assert status(app) == "0 reviewed · 0 due · 3 new"
        await submit(pilot, RIGHT_ANSWER)
        await pilot.press("3")  # Good: the card's next learning step is in 10 minutes
        assert status(app) == "1 reviewed · 1 due (1 learning) · 2 new"
        await pilot.press("ctrl+r", "1")  # Again on a new card: still learning, nothing lapsed
        assert status(app) == "2 reviewed · 2 due (2 learning) · 1 new"
