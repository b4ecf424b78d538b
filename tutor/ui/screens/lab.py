"""The lab: run any simulation, vary its parameters, compare runs, export them.

Choose a simulation; its declared parameters become a form (`ParamForm`). Each change
waits a moment (typing "1.25" is one run, not four), then runs in an exclusive thread
worker, which cancels the run before it through the registry's `should_cancel`. The
plot is redrawn in place with up to three pinned runs overlaid, and under it the
result's reading and a short explanation of what the curve shows.
"""

from __future__ import annotations

import time
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.content import Content
from textual.message import Message
from textual.screen import Screen
from textual.widgets import Label, LoadingIndicator, Select, Static
from textual.worker import get_current_worker

from tutor.ui.navigation import backend_of
from tutor.ui.pending_keys import after_pending_keys
from tutor.ui.widgets.param_form import ParamForm
from tutor.ui.widgets.quiet_footer import QuietFooter
from tutor.ui.widgets.title_bar import TitleBar

if TYPE_CHECKING:
    from tutor.evidence.result import Plot, Result
    from tutor.evidence.spec import EvidenceSpec
    from tutor.packs.model import Pack

DEBOUNCE_SECONDS = 0.3
"""How long the form must stay unchanged before a run starts."""


class LabScreen(Screen[None]):
    """Run and vary every simulation; pin runs to compare them."""

    BINDING_GROUP_TITLE = "Lab"
    AUTO_FOCUS = "#lab-simulation"
    BINDINGS = [
        Binding("ctrl+o", "pin", "Pin run"),
        Binding("ctrl+l", "clear_pins", "Clear pins"),
        Binding("ctrl+r", "new_seed", "New seed"),
        Binding("ctrl+t", "sweep", "Sweep scale"),
        Binding("ctrl+s", "export", "Export"),
        Binding("escape", "back", "Back"),
        Binding("pagedown", "scroll_output(1)", "Scroll down", show=False),
        Binding("pageup", "scroll_output(-1)", "Scroll up", show=False),
    ]

    class Computed(Message):
        """Run number `run` finished with `result` after `seconds`."""

        def __init__(self, run: int, result: Result, seconds: float) -> None:
            super().__init__()
            self.run = run
            self.result = result
            self.seconds = seconds

    class Failed(Message):
        """Run number `run` raised; `error` is one line."""

        def __init__(self, run: int, error: str) -> None:
            super().__init__()
            self.run = run
            self.error = error

    def __init__(self, pack: Pack | None = None, *, evidence: str | None = None,
                 params: Mapping[str, Any] | None = None, seed: int = 0, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.pack = pack
        self.specs: dict[str, EvidenceSpec] = {}
        self.wanted = (evidence, dict(params or {}), seed)
        self.spec: EvidenceSpec | None = None
        self.result: Result | None = None
        self.pinned: list[Result] = []
        self.runs = 0
        """Runs started; a result from any but the last one is dropped."""
        self.running = False
        self.seconds = 0.0
        self.error: str | None = None
        self.last_request: tuple[str, dict[str, Any], int] | None = None
        self._debounce: Any = None

    # ---- layout -----------------------------------------------------------------

    def compose(self) -> ComposeResult:
        yield TitleBar("Lab", id="title", classes="title-bar")
        self.specs = {spec.name: spec for spec in backend_of(self).simulations()}
        with Horizontal(id="lab-body"):
            with VerticalScroll(id="lab-controls"):
                yield Label("Simulation", classes="lab-heading")
                yield Select([(name, name) for name in self.specs], allow_blank=False, compact=True,
                             id="lab-simulation", value=self._first_name())
                yield Static(id="lab-summary")
                yield Vertical(id="lab-form")
            with VerticalScroll(id="lab-output"):
                yield LoadingIndicator(id="lab-loading")
                yield Vertical(id="lab-plots")
                yield Static(id="lab-overflow")
                yield Static(id="lab-explanation")
                yield Static(id="lab-reading")
                yield Static(id="lab-pins")
        yield QuietFooter()

    def _first_name(self) -> str:
        name = self.wanted[0]
        return name if name in self.specs else next(iter(self.specs))

    async def on_mount(self) -> None:
        name, params, seed = self.wanted
        first = self._first_name()
        values, problem = self._initial_values(self.specs[first], params if name in self.specs else {})
        await self.show_simulation(first, values, seed)
        if problem:
            self.notify(f"{problem}; using the defaults", severity="warning")

    @staticmethod
    def _initial_values(spec: EvidenceSpec, params: dict[str, Any]) -> tuple[dict[str, Any], str | None]:
        from tutor.evidence.spec import ParamError

        try:
            return spec.resolve(params), None
        except ParamError as error:
            return spec.resolve({}), f"{spec.name}: {error}"

    async def show_simulation(self, name: str, values: Mapping[str, Any], seed: int) -> None:
        """Put `name`'s form up with `values` and run it at once."""
        spec = self.specs[name]
        changed = self.spec is not None and self.spec.name != name
        self.spec, self.result, self.last_request = spec, None, None
        if changed and self.pinned:
            self.pinned = []
            self.notify("Pins cleared: they were runs of another simulation.", timeout=3)
        self.query_one("#lab-simulation", Select).value = name
        self.query_one("#lab-summary", Static).update(
            Content.from_markup("[b]$title[/b]\n[dim]$summary[/dim]", title=spec.title, summary=spec.summary))
        form_box = self.query_one("#lab-form", Vertical)
        await form_box.remove_children()
        await form_box.mount(ParamForm(spec, values, seed))
        await self.query_one("#lab-plots", Vertical).remove_children()
        for selector in ("#lab-overflow", "#lab-explanation", "#lab-reading"):
            self.query_one(selector, Static).update("")
        self._show_pins()
        self.run_now()

    @property
    def form(self) -> ParamForm:
        return self.query_one(ParamForm)

    # ---- running ----------------------------------------------------------------

    @on(Select.Changed, "#lab-simulation")
    async def _simulation_chosen(self, event: Select.Changed) -> None:
        name = str(event.value)
        if self.spec is not None and name != self.spec.name:
            await self.show_simulation(name, self.specs[name].resolve({}), self.form.read()[1] or 0)

    @on(ParamForm.Changed)
    def _form_changed(self, event: ParamForm.Changed) -> None:
        if self._debounce is not None:
            self._debounce.stop()
            self._debounce = None
        if event.problems:
            self.update_title()
            return
        self._debounce = self.set_timer(DEBOUNCE_SECONDS, self.run_now)

    def run_now(self) -> None:
        """Run the form's values once the keys already typed are in them (a timer fires in
        its own task: read at once, a field could still be missing its last keys)."""
        self._debounce = None
        after_pending_keys(self, self._run_form)

    def _run_form(self) -> None:
        """Run the form's values, unless they are invalid or are what last ran."""
        if self.spec is None or not self.query(ParamForm):
            return
        values, seed, problems = self.form.read()
        if problems or seed is None:
            self.update_title()
            return
        request = (self.spec.name, values, seed)
        if request == self.last_request:
            return
        self.last_request = request
        self.runs += 1
        self.running = True
        self.query_one("#lab-loading").display = True
        self.update_title()
        self._compute(self.runs, self.spec.name, values, seed)

    @work(thread=True, exclusive=True, group="lab")
    def _compute(self, run: int, name: str, params: dict[str, Any], seed: int) -> None:
        from tutor.evidence.registry import Cancelled

        worker = get_current_worker()
        started = time.perf_counter()
        try:
            result = backend_of(self).run_evidence(name, params, seed=seed,
                                                   should_cancel=lambda: worker.is_cancelled)
        except Cancelled:
            return
        except Exception as error:  # noqa: BLE001 - one line on the screen, never a crash
            if not worker.is_cancelled:
                self.post_message(self.Failed(run, str(error) or type(error).__name__))
            return
        if not worker.is_cancelled:
            self.post_message(self.Computed(run, result, time.perf_counter() - started))

    @on(Computed)
    async def _computed(self, event: Computed) -> None:
        if event.run != self.runs:
            return  # overtaken by a newer run
        self.running, self.result, self.seconds, self.error = False, event.result, event.seconds, None
        self.query_one("#lab-loading").display = False
        await self.draw()
        self.update_title()
        self.refresh_bindings()

    @on(Failed)
    def _failed(self, event: Failed) -> None:
        if event.run != self.runs:
            return
        self.running, self.error = False, event.error
        self.query_one("#lab-loading").display = False
        self.query_one("#lab-reading", Static).update(
            Content.from_markup("[$text-error]Could not run: $error[/]", error=event.error))
        self.update_title()

    # ---- drawing ----------------------------------------------------------------

    def shown_plots(self) -> tuple[Plot, ...]:
        """The current run's plots with the pinned runs overlaid and the reference lines."""
        from tutor.evidence.overlay import overlay, with_references

        if self.result is None:
            return ()
        return with_references(self.result, overlay(self.result, self.pinned))

    async def draw(self) -> None:
        from tutor.evidence.explain import explain
        from tutor.evidence.plot_layout import overflow_caption
        from tutor.ui.widgets.simulation_plot import SimulationPlot

        result = self.result
        if result is None:
            return
        plots = self.shown_plots()
        box = self.query_one("#lab-plots", Vertical)
        widgets = list(box.query(SimulationPlot))
        if len(widgets) == len(plots):
            for widget, plot in zip(widgets, plots):
                widget.show(plot)
        else:
            await box.remove_children()
            await box.mount_all([SimulationPlot(plot) for plot in plots])
        captions = [caption for caption in map(overflow_caption, result.plots) if caption]
        self.query_one("#lab-overflow", Static).update(Content("⚠ " + "; ".join(captions)) if captions else "")
        explanation = explain(result)
        self.query_one("#lab-explanation", Static).update(
            Content.from_markup("[b]What it shows:[/b] $text", text=explanation) if explanation else "")
        self.query_one("#lab-reading", Static).update(
            Content.from_markup("[b]Reading:[/b] $text", text=result.reading.strip()))
        self._show_pins()

    def _show_pins(self) -> None:
        from tutor.evidence.overlay import difference

        pins = self.query_one("#lab-pins", Static)
        if not self.pinned or self.result is None:
            pins.update(Content.from_markup("[dim]ctrl+o pins this run to compare it with the next ones.[/dim]"))
            return
        parts = [f"#{number} {difference(run, self.result)}" for number, run in enumerate(self.pinned, start=1)]
        pins.update(Content.from_markup("[b]Pinned:[/b] $pins", pins=" · ".join(parts)))

    def update_title(self) -> None:
        spec = self.spec
        if spec is None:
            return
        problems = self.form.read()[2] if self.query(ParamForm) else []
        if problems:
            status = f"not run: {problems[0][0]} {problems[0][1]}"
        elif self.running:
            status = "computing…"
        elif self.error is not None:
            status = "the run failed (see below)"
        elif self.result is not None:
            took = f"{self.seconds:.1f} s" if self.seconds >= 1 else f"{self.seconds * 1000:.0f} ms"
            status = f"seed {self.result.seed} · {took}"
        else:
            status = ""
        title = spec.title_for(self.result.params) if self.result is not None else spec.title
        self.query_one("#title", TitleBar).show(subject=title, status=status)

    # ---- actions ----------------------------------------------------------------

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action in ("pin", "export"):
            return self.result is not None
        if action == "sweep":
            from tutor.evidence.sweeps import SWEEPS

            return self.spec is not None and self.spec.name in SWEEPS
        if action == "clear_pins":
            return bool(self.pinned)
        return True

    async def action_pin(self) -> None:
        """Keep this run on the plot to compare it with the next ones (up to three)."""
        from tutor.evidence.overlay import MAX_PINNED

        result = self.result
        if result is None:
            return
        if any(run.params == result.params and run.seed == result.seed for run in self.pinned):
            self.notify("This run is already pinned.", timeout=2)
            return
        self.pinned.append(result)
        if len(self.pinned) > MAX_PINNED:
            self.pinned.pop(0)
            self.notify(f"At most {MAX_PINNED} pinned runs: the oldest was unpinned.", timeout=3)
        await self.draw()
        self.refresh_bindings()

    async def action_clear_pins(self) -> None:
        """Remove every pinned run from the plot."""
        self.pinned = []
        await self.draw()
        self._show_pins()
        self.refresh_bindings()

    def action_new_seed(self) -> None:
        """Run again with the next seed."""
        seed = self.form.read()[1]
        self.form.set_value("seed", (seed or 0) + 1)

    async def action_sweep(self) -> None:
        """Run this simulation's scale over a range around 1/γ: the threshold view, with the
        run's other settings kept."""
        from tutor.evidence.sweeps import sweep_for

        if self.spec is None:
            return
        values, seed, problems = self.form.read()
        if problems:
            self.notify(f"Fix {problems[0][0]} first: {problems[0][1]}", severity="warning")
            return
        sweep = sweep_for(self.spec.name, values)
        if sweep is not None and sweep[0] in self.specs:
            await self.show_simulation(*sweep, seed or 0)

    def action_scroll_output(self, pages: int) -> None:
        """Page the plots and their explanation, wherever the focus is (it is mostly in the form)."""
        output = self.query_one("#lab-output", VerticalScroll)
        if pages > 0:
            output.scroll_page_down()
        else:
            output.scroll_page_up()

    def action_export(self) -> None:
        """Save the run as JSON and the plot as text."""
        if self.result is None:
            return
        try:
            saved = backend_of(self).export_run(self.result, plots=self.shown_plots())
        except OSError as error:
            self.notify(f"Could not export: {error}", severity="error")
            return
        self.notify(f"{saved.json_path.name} and {saved.text_path.name} in {saved.json_path.parent}",
                    title="Run exported", timeout=10)

    def action_back(self) -> None:
        """Back to where you came from (a question, or home)."""
        self.app.pop_screen()
