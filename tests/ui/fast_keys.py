"""Keys sent the way a terminal delivers a burst: all at once, with no pause between them.

`pilot.press` waits for the app to go idle after every key, which hides any reader
that looks at a value before the keys queued for it are applied. Here every key is
handed to the driver's queue back to back (what the driver thread does when tmux or a
paste delivers 200 characters in one read), then the test waits for a condition.
"""

from __future__ import annotations

from collections.abc import Callable

from textual import events
from textual.keys import _character_to_key
from textual.pilot import Pilot

ANSWER_500 = (
    "The cell path of the LSTM is additive and gated, so the gradient along it is a sum "
    "rather than a product of Jacobians; the forget gate scales it by f_t, which stays near 1 "
    "when the network chooses to remember. A vanilla RNN multiplies T-t Jacobians diag(phi'(a))*W "
    "and their norms below 1 make the product shrink exponentially: 0.9^20 = 0.12, 0.5^20 ~ 1e-6. "
    "Clipping caps large norms only; it does nothing for vanishing ones! (Try #3: {x} & [y] @ 100%.)"
)[:500].ljust(500, "z")
"""500 characters with letters, digits, spaces and punctuation."""
assert len(ANSWER_500) == 500


def key_event(character: str) -> events.Key:
    """The event a terminal's byte for `character` becomes ("\\n" is ctrl+j, "\\r" enter)."""
    if character == "\n":
        return events.Key("ctrl+j", "\n")
    if character == "\r":
        return events.Key("enter", "\r")
    key = character if character.isalnum() else _character_to_key(character)
    return events.Key(key, character)


def send_at_full_speed(pilot: Pilot, text: str, *keys: str) -> None:
    """Queue every character of `text`, then each of `keys` (e.g. "enter"), with no pause."""
    driver = pilot.app._driver
    assert driver is not None
    for character in text:
        driver.send_message(key_event(character))
    for key in keys:
        driver.send_message(events.Key(key, "\r" if key == "enter" else None))


def paste_then(pilot: Pilot, text: str, *keys: str) -> None:
    """A bracketed paste of `text`, then `keys`, with no pause between them."""
    driver = pilot.app._driver
    assert driver is not None
    driver.send_message(events.Paste(text))
    send_at_full_speed(pilot, "", *keys)


async def wait_until(pilot: Pilot, condition: Callable[[], object], what: str, tries: int = 400) -> None:
    """Let the app run until `condition()` holds (fails with `what` if it never does)."""
    for _ in range(tries):
        if condition():
            return
        await pilot.app.workers.wait_for_complete()
        await pilot.pause(0.01)
    raise AssertionError(f"never happened: {what}")
