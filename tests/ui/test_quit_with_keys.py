"""Keys typed together with q: a key that opens a screen while the app quits must not crash.

Textual mounts nothing once the app began exiting (`Widget.mount_all` returns at once), so a
screen pushed then composes no children and its `on_mount` query found nothing
(`NoMatches: No nodes match '#new_cards_per_day'` printed as the app exited). Found in a
new-user trial typing `qo` on the home screen.
"""

from __future__ import annotations

import pytest
from fakes import backend_with, make_pack, running
from fast_keys import send_at_full_speed

from tutor.ui.app import TutorApp


@pytest.mark.parametrize("key", ["o", "question_mark", "s", "p", "m", "l", "t"])
async def test_a_key_typed_with_q_on_home_opens_nothing_and_the_app_quits_cleanly(key: str) -> None:
    app = TutorApp(backend_with(make_pack()))
    async with running(app, size=(80, 24)) as pilot:
        send_at_full_speed(pilot, "q")
        send_at_full_speed(pilot, "", key)
        await pilot.pause(0.2)
    assert app.return_code == 0
    assert app._exception is None
