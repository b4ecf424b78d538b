"""tutor's two Textual themes and the dark/light toggle between them.

Any Textual theme works (the palette's "Theme" command lists them all); these two are
the defaults, chosen for readable plots: the accent marks overflow and the success,
warning and error colours mark right, partly right and wrong answers.
"""

from __future__ import annotations

from textual.theme import Theme

TUTOR_DARK = Theme(
    name="tutor-dark",
    primary="#5FA8D3",
    secondary="#9D8DF1",
    accent="#F6AE2D",
    foreground="#E6E6E6",
    background="#16181D",
    surface="#1E2128",
    panel="#272B34",
    success="#6CC551",
    warning="#F6AE2D",
    error="#F26B6B",
    dark=True,
)

TUTOR_LIGHT = Theme(
    name="tutor-light",
    primary="#1F6FA8",
    secondary="#5B4BC4",
    accent="#B86E00",
    foreground="#1D1F24",
    background="#F7F7F5",
    surface="#FFFFFF",
    panel="#E9EAEE",
    success="#2E7D32",
    warning="#B86E00",
    error="#C62828",
    dark=False,
)

THEMES = (TUTOR_DARK, TUTOR_LIGHT)


def toggled(dark: bool) -> str:
    """The theme to switch to from a dark (or light) one."""
    return TUTOR_LIGHT.name if dark else TUTOR_DARK.name
