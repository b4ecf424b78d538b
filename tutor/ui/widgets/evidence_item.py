"""One piece of evidence behind a question, computed in a thread worker and then shown.

A result the backend already holds (the same run shown before, or shared with another
question) is composed with the view, so it is laid out while the learner reads and
appears with the answer at no cost; only a missing result goes to the worker.

The worker is exclusive per item, so a re-run cancels the run before it; removing the
widget (leaving the question) cancels it too. Cancellation reaches the computation
through the registry's `should_cancel`, which reads the worker's flag. The outcome
comes back as a message: `Computed` with the `Result`, or `Failed` with one line.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Mapping
from typing import TYPE_CHECKING, Any

from textual import on, work
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.content import Content
from textual.message import Message
from textual.widgets import LoadingIndicator, Static
from textual.worker import get_current_worker

from tutor.evidence.caption import render_caption
from tutor.evidence.registry import Cancelled, UnknownEvidence, get
from tutor.memory import freeze_new_imports

if TYPE_CHECKING:
    from tutor.evidence.result import Result

Runner = Callable[..., "Result"]
Cached = Callable[..., "Result | None"]
"""`cached(name, params, seed=seed)`: the result of an identical earlier run, or None."""


def describe(name: str, params: Mapping[str, Any] | None = None) -> tuple[str, str | None]:
    """The title of `name` run with `params` and its kind ('simulation' or 'derivation')."""
    try:
        spec = get(name)
    except UnknownEvidence:
        return name, None
    return spec.title_for(params), spec.kind


class EvidenceItemView(Vertical):
    """A simulation's plots or a derivation's steps, with the one-line reading."""

    DEFAULT_CSS = """
    EvidenceItemView {
        height: auto;
        margin: 1 0 0 0;
        & > .evidence--title { text-style: bold; }
        & > .evidence--caption { color: $text-muted; }
        & > LoadingIndicator { height: 3; }
        & > .evidence--output { height: auto; }
        & .evidence--reading { margin: 0 0 0 0; }
        & .evidence--overflow { color: $text-error; }
        & .evidence--error { color: $text-error; }
    }
    """

    class Computed(Message):
        """A run finished; `seconds` is how long the computation took."""

        def __init__(self, view: EvidenceItemView, seed: int, result: Result, seconds: float) -> None:
            super().__init__()
            self.view = view
            self.seed = seed
            self.result = result
            self.seconds = seconds

    class Failed(Message):
        """A run raised (bad parameters, unknown name, a bug): `error` is one line."""

        def __init__(self, view: EvidenceItemView, seed: int, error: str) -> None:
            super().__init__()
            self.view = view
            self.seed = seed
            self.error = error

    def __init__(
        self,
        name: str,
        params: Mapping[str, Any],
        runner: Runner,
        *,
        caption: str = "",
        seed: int = 0,
        cached: Cached | None = None,
        **kwargs: Any,
    ) -> None:
        super().__init__(**kwargs)
        self.evidence_name = name
        self.params = dict(params)
        self.runner = runner
        self.caption = caption
        self.seed = seed
        self.title, self.kind = describe(name, params)
        self.result: Result | None = cached(name, dict(params), seed=seed) if cached is not None else None
        self.error: str | None = None
        self.running = self.result is None  # a cached result is composed with the view

    @property
    def rerunnable(self) -> bool:
        """Only simulations depend on the seed; a derivation gives the same steps each time."""
        return self.kind == "simulation"

    def compose(self) -> ComposeResult:
        result = self.result
        yield Static(self._title_content(), classes="evidence--title")
        if self.caption.strip():
            yield Static(Content(render_caption(self.caption.strip(), result)), classes="evidence--caption")
        if result is None:
            yield LoadingIndicator()
            yield Vertical(classes="evidence--output")
        else:
            with Vertical(classes="evidence--output"):
                yield from result_widgets(result)

    def _title_content(self) -> Content:
        seed = f" · seed {self.seed}" if self.rerunnable else ""
        detail = f"({self.evidence_name}{seed})"
        return Content.from_markup("$title [dim]$detail[/dim]", title=self.title, detail=detail)

    def on_mount(self) -> None:
        if self.result is None:
            self.start()

    def start(self) -> None:
        self.running = True
        loading = self.query(LoadingIndicator)
        if loading:
            loading.first().display = True
        else:
            self.mount(LoadingIndicator(), before=self.query_one(".evidence--output"))
        self._compute(self.seed)

    def rerun(self) -> bool:
        """Run again with the next seed (simulations only); True if a run started."""
        if not self.rerunnable:
            return False
        self.seed += 1
        self.query_one(".evidence--title", Static).update(self._title_content())
        self.start()
        return True

    @work(thread=True, exclusive=True, group="evidence")
    def _compute(self, seed: int) -> None:
        worker = get_current_worker()
        started = time.perf_counter()
        try:
            result = self.runner(
                self.evidence_name, dict(self.params), seed=seed, should_cancel=lambda: worker.is_cancelled
            )
        except Cancelled:
            return
        except Exception as error:  # noqa: BLE001 - one line in the panel, never a crash
            if not worker.is_cancelled:
                self.post_message(self.Failed(self, seed, str(error) or type(error).__name__))
            return
        if not worker.is_cancelled:
            self.post_message(self.Computed(self, seed, result, time.perf_counter() - started))

    @on(Computed)
    async def _computed(self, event: Computed) -> None:
        if event.view is not self:
            return
        if event.seed != self.seed:
            event.stop()  # a run overtaken by a newer one: drop it
            return
        self.result, self.error = event.result, None
        if self.caption.strip():  # the caption's numbers are this run's
            caption = render_caption(self.caption.strip(), event.result)
            self.query_one(".evidence--caption", Static).update(Content(caption))
        self._hide_loading()
        output = self.query_one(".evidence--output", Vertical)
        await output.remove_children()
        await output.mount_all(list(result_widgets(event.result)))
        self.running = False  # only now: "not running" means the result is on the page
        self.call_after_refresh(freeze_new_imports)  # the run may have imported NumPy or SymPy

    @on(Failed)
    async def _failed(self, event: Failed) -> None:
        if event.view is not self:
            return
        if event.seed != self.seed:
            event.stop()
            return
        self.result, self.error = None, event.error
        self._hide_loading()
        output = self.query_one(".evidence--output", Vertical)
        await output.remove_children()
        await output.mount(Static(Content(f"Could not run {self.evidence_name}: {event.error}"),
                                  classes="evidence--error"))
        self.running = False


    def _hide_loading(self) -> None:
        for loading in self.query(LoadingIndicator):
            loading.display = False


def result_widgets(result: Result) -> list[Static | Any]:
    """The widgets that show a result: plots, derivation steps, then the reading."""
    widgets: list[Any] = []
    if result.plots:
        from tutor.evidence.plot_layout import overflow_caption
        from tutor.ui.widgets.simulation_plot import SimulationPlot

        for plot in result.plots:
            widgets.append(SimulationPlot(plot))
            caption = overflow_caption(plot)
            if caption:
                widgets.append(Static(Content("⚠ " + caption), classes="evidence--overflow"))
    if result.steps:
        from tutor.ui.widgets.derivation_steps import DerivationSteps

        widgets.append(DerivationSteps(result.steps))
    if result.reading.strip():
        widgets.append(Static(Content.from_markup("[b]Reading:[/b] $text", text=result.reading.strip()),
                              classes="evidence--reading"))
    return widgets
