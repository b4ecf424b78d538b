"""The settings screen: new cards per day, desired retention and the theme.

Numbers are checked as they are typed by the core's rules (`tutor.settings`, the same
ones the store reads with), and saved together with ctrl+s, enter or the Save button.
An invalid value says why beside its field and is never saved; leaving with a value
typed but not saved asks first, so nothing the learner typed goes without a word. The
theme applies the moment it is picked and the app saves it then, like the palette's
toggle: a theme is judged by looking at it, not by a Save button.
"""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, VerticalScroll
from textual.content import Content
from textual.screen import Screen
from textual.widgets import Button, Input, Label, Select, Static

from tutor.settings import RULES, SettingError, Settings
from tutor.ui.navigation import ThemePicked, backend_of
from tutor.ui.themes import THEMES
from tutor.ui.unwatch import stop_watching_theme
from tutor.ui.widgets.ordered_keys import OrderedInput
from tutor.ui.widgets.quiet_footer import QuietFooter

TYPED = ("new_cards_per_day", "desired_retention")
"""The settings typed into an Input (the theme is picked from a Select)."""


def theme_choices(available: list[str]) -> list[tuple[str, str]]:
    """tutor's own themes first, then every other theme Textual offers, by name."""
    ours = [theme.name for theme in THEMES if theme.name in available]
    return [(name, name) for name in ours + sorted(set(available) - set(ours))]


class SettingsScreen(Screen[None]):
    """Change the settings kept in the progress store (ctrl+s saves, escape goes back)."""

    BINDING_GROUP_TITLE = "Settings"
    BINDINGS = [
        Binding("ctrl+s", "save", "Save"),
        Binding("escape", "back", "Back"),
    ]

    def __init__(self, saved: Settings) -> None:
        super().__init__()
        self.saved = saved
        """The settings in force, as given or as last written to the backend."""

    def compose(self) -> ComposeResult:
        yield Static(Content.from_markup("[b]Settings[/b]  [dim]kept in the progress store with your reviews[/dim]"),
                     id="title", classes="title-bar")
        with VerticalScroll(id="settings-form"):
            for key in TYPED:
                rule = RULES[key]
                with Horizontal(classes="setting-row"):
                    yield Label(rule.label, classes="setting-label")
                    yield OrderedInput(str(getattr(self.saved, key)), id=key, compact=True)
                    yield Static(id=f"{key}-problem", classes="setting-problem")
                yield Static(rule.summary, classes="setting-summary")
            with Horizontal(classes="setting-row"):
                yield Label(RULES["theme"].label, classes="setting-label")
                yield Select(theme_choices(list(self.app.available_themes)), value=self.app.theme,
                             allow_blank=False, compact=True, id="theme")
            yield Static(RULES["theme"].summary, classes="setting-summary")
            yield Button("Save", id="settings-save", variant="primary", compact=True)
            yield Static(id="settings-status")
        yield QuietFooter()

    def on_mount(self) -> None:
        self.query_one(f"#{TYPED[0]}", Input).focus()
        self.watch(self.app, "theme", self._theme_changed_elsewhere, init=False)
        self._show_status()

    def on_unmount(self) -> None:
        stop_watching_theme(self)  # else every settings screen ever opened stays in memory

    # ---- what was typed ---------------------------------------------------------

    def _typed(self) -> tuple[dict[str, object], dict[str, SettingError]]:
        """The typed values that differ from the saved ones, and the typed texts that are not allowed."""
        changes: dict[str, object] = {}
        problems: dict[str, SettingError] = {}
        for key in TYPED:
            text = self.query_one(f"#{key}", Input).value
            try:
                value = RULES[key].parse(text)
            except SettingError as error:
                problems[key] = error
                continue
            if value != getattr(self.saved, key):
                changes[key] = value
        return changes, problems

    def _show_status(self) -> None:
        changes, problems = self._typed()
        for key in TYPED:
            problem = problems.get(key)
            self.query_one(f"#{key}-problem", Static).update("" if problem is None else f"✗ {problem.reason}")
        status = self.query_one("#settings-status", Static)
        if problems:
            status.update(Content.from_markup("[$text-error]Not saved: correct the value marked ✗.[/]"))
        elif changes:
            status.update(Content.from_markup("[$text-warning]Not saved yet: ctrl+s or enter saves.[/]"))
        else:
            status.update(Content.from_markup("[dim]Everything shown is saved.[/dim]"))

    @on(Input.Changed)
    def _input_changed(self) -> None:
        self._show_status()

    # ---- saving -----------------------------------------------------------------

    @on(Input.Submitted)
    @on(Button.Pressed, "#settings-save")
    def _save_pressed(self) -> None:
        self.action_save()

    def action_save(self) -> None:
        """Save the typed settings (only when every one of them is allowed)."""
        changes, problems = self._typed()
        if problems or not changes:
            self._show_status()
            return
        try:
            self.saved = backend_of(self).save_settings(**changes)
        except Exception as error:  # noqa: BLE001 - a locked or read-only store: say so, keep the values
            self.query_one("#settings-status", Static).update(
                Content.from_markup("[$text-error]Could not save: $error[/]", error=str(error)))
            return
        self._show_status()
        self.notify("Settings saved: they apply from the next study session.", timeout=3)

    def action_back(self) -> None:
        """Go back; with values typed but not saved, ask before dropping them."""
        changes, problems = self._typed()
        unsaved = [*changes, *problems]
        if not unsaved:
            self.dismiss()
            return
        from tutor.ui.screens.confirm import ConfirmScreen

        typed = ", ".join(f"{RULES[key].label.lower()} {self.query_one(f'#{key}', Input).value.strip()!r}"
                          for key in TYPED if key in unsaved)
        question = f"You typed {typed} but did not save. Leave without saving?"
        # the callback returns dismiss()'s AwaitComplete for Textual to await; its annotation omits that
        self.app.push_screen(ConfirmScreen(question, yes="Leave", no="Stay"),
                             lambda leave: self.dismiss() if leave else None)  # type: ignore[arg-type]

    # ---- the theme --------------------------------------------------------------

    @on(Select.Changed, "#theme")
    def _theme_picked(self, event: Select.Changed) -> None:
        if isinstance(event.value, str) and event.value != self.app.theme:
            self.post_message(ThemePicked(event.value))  # the app applies and saves it

    def _theme_changed_elsewhere(self, name: str) -> None:
        """The palette's toggle (or Textual's theme picker) changed the theme: show it here."""
        select = self.query_one("#theme", Select)
        if select.value != name and name in self.app.available_themes:
            select.value = name
