"""The evidence panel: workers, re-runs with a new seed, cancellation, errors, drawing."""

from __future__ import annotations

import threading

from fakes import fake_result, running
from textual.app import App, ComposeResult
from textual.widgets import Static

from tutor.evidence.plot_axes import decade_ticks, integer_ticks, linear_ticks
from tutor.evidence.plot_layout import overflow_caption, plottable
from tutor.evidence.result import Plot, Series, Step
from tutor.evidence.spec import ParamError
from tutor.packs.schema import EvidenceItem
from tutor.ui.app import TutorApp
from tutor.ui.screens.home import HomeScreen
from tutor.ui.widgets.derivation_steps import DerivationSteps, steps_content
from tutor.ui.widgets.evidence_item import EvidenceItemView
from tutor.ui.widgets.evidence_panel import EvidencePanel


class PanelApp(App[None]):
    """Just a panel, to test it on its own."""

    def __init__(self, items: list[EvidenceItem], runner) -> None:
        super().__init__()
        self.items, self.runner = items, runner
        self.computed: list[tuple[str, int | None]] = []

    def compose(self) -> ComposeResult:
        yield EvidencePanel(self.items, self.runner)

    def on_evidence_item_view_computed(self, event: EvidenceItemView.Computed) -> None:
        self.computed.append((event.result.name, event.result.seed))


def canned(name, params, *, seed, should_cancel):
    return fake_result(name, params, seed)


async def test_each_item_is_computed_and_a_derivation_shows_its_steps() -> None:
    items = [EvidenceItem(name="rnn", caption="decay and growth"), EvidenceItem(name="scalar-step")]
    app = PanelApp(items, canned)
    async with app.run_test(size=(100, 60)) as pilot:
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert sorted(app.computed) == [("rnn", 0), ("scalar-step", None)]
        sim, derivation = app.query_one(EvidencePanel).views
        assert str(sim.query_one(".evidence--title", Static).render()) == "Vanilla RNN, exact BPTT (rnn · seed 0)"
        assert str(derivation.query_one(".evidence--title", Static).render()) == \
            "One step of a scalar RNN (scalar-step)"
        steps = derivation.query_one(DerivationSteps)
        assert steps.text == (
            "1. The derivative of the sigmoid\n   σ'(a) = σ(a)·(1 − σ(a))\n   ↳ quotient rule\n\n"
            "2. Its maximum\n   max σ' = 1/4\n   ↳ σ = 1/2 at a = 0"
        )


def test_derivation_prose_wraps_to_the_width_and_formulas_never_do() -> None:
    step = Step("A statement long enough to need wrapping at a narrow width", None,
                "because the chain rule says so", unicode="a_very_long_formula_that_must_stay_on_one_line = 1")
    assert steps_content([step], 30).plain.splitlines() == [
        "1. A statement long enough to",
        "   need wrapping at a narrow",
        "   width",
        "   a_very_long_formula_that_must_stay_on_one_line = 1",
        "   ↳ because the chain rule",
        "     says so",
    ]


async def test_r_reruns_simulations_with_a_new_seed_but_not_derivations(app: TutorApp, backend) -> None:
    async with running(app) as pilot:
        await pilot.press("s", "enter")  # reveal the first card: an rnn simulation
        await app.workers.wait_for_complete()
        await pilot.press("r")
        await app.workers.wait_for_complete()
        await pilot.pause()
        [view] = app.screen.query_one(EvidencePanel).views
        assert backend.evidence_runs == [("rnn", 0), ("rnn", 1)]
        assert view.result.seed == 1
        assert str(view.query_one(".evidence--reading", Static).render()).endswith("(seed 1)")
        await pilot.press("3", "enter")  # next card (activation-bounds, a derivation), revealed
        await app.workers.wait_for_complete()
        assert app.screen.check_action("rerun_evidence", ()) is False
        await pilot.press("r")
        assert backend.evidence_runs[-1] == ("activation-bounds", 0)


async def test_leaving_the_question_cancels_the_running_evidence(app: TutorApp, backend) -> None:
    backend.evidence_gate = threading.Event()  # the simulation runs until released or cancelled
    async with running(app) as pilot:
        await pilot.press("s")
        await pilot.pause(0.05)
        [view] = app.screen.query_one(EvidencePanel).views
        assert view.running
        await pilot.press("escape")
        await app.workers.wait_for_complete()
        assert isinstance(app.screen, HomeScreen)
        assert backend.cancelled == ["rnn"]


async def test_a_failing_run_shows_one_line_and_the_app_lives_on() -> None:
    def broken(name, params, *, seed, should_cancel):
        raise ParamError("scale: 12 is above the maximum 10")

    app = PanelApp([EvidenceItem(name="rnn")], broken)
    async with app.run_test(size=(100, 30)) as pilot:
        await app.workers.wait_for_complete()
        await pilot.pause()
        [view] = app.query_one(EvidencePanel).views
        assert view.error == "scale: 12 is above the maximum 10"
        assert str(view.query_one(".evidence--error", Static).render()) == \
            "Could not run rnn: scale: 12 is above the maximum 10"


def test_plottable_drops_what_a_log_axis_cannot_show() -> None:
    series = Series("s", [0, 1, 2, 3, 4], [1.0, 0.0, float("nan"), 2.0, float("inf")])
    assert plottable(series, log_y=True) == ([0.0, 3.0], [1.0, 2.0])
    assert plottable(series, log_y=False) == ([0.0, 1.0, 3.0], [1.0, 0.0, 2.0])


def test_ticks_are_decades_and_whole_steps() -> None:
    assert decade_ticks(0.003, 250.0) == ([1e-3, 1e-2, 1e-1, 1.0, 10.0, 100.0, 1000.0],
                                          ["1e-3", "1e-2", "1e-1", "1e0", "1e1", "1e2", "1e3"])
    assert decade_ticks(1e-30, 1e30)[1] == ["1e-30", "1e-21", "1e-12", "1e-3", "1e6", "1e15", "1e24"]
    assert linear_ticks(0.0, 1.0) == ([0.0, 0.25, 0.5, 0.75, 1.0], ["0", "0.25", "0.5", "0.75", "1"])
    assert linear_ticks(4.5e-5, 4.5e-5) == ([4.5e-5], ["4.5e-05"])
    assert integer_ticks(0, 49) == [0, 10, 20, 30, 40]
    assert integer_ticks(0, 200) == [0, 50, 100, 150, 200]
    assert integer_ticks(0, 5) == [0, 1, 2, 3, 4, 5]


def test_overflow_caption_names_each_series_that_overflowed() -> None:
    plot = Plot("t", "x", "y", (Series("a", [0], [1.0], label="α", overflow_step=7), Series("b", [0], [1.0]),
                                Series("c", [0], [1.0], overflow_step=12)))
    assert overflow_caption(plot) == "α overflowed at step 7; c overflowed at step 12"


async def test_a_closed_plot_leaves_the_theme_signal(app: TutorApp) -> None:
    """textual-plotext subscribes each plot to theme changes with a callback that holds
    the plot, and the signal forgets dead subscribers only when the theme changes: every
    plot ever shown stayed in memory (76 after one pass over the pack, each making every
    full garbage collection slower) until the plot unsubscribed itself on unmount."""
    from tutor.ui.widgets.simulation_plot import SimulationPlot

    def subscribed_plots() -> int:
        return sum(isinstance(node, SimulationPlot) for node in app.theme_changed_signal._subscriptions)

    async with running(app) as pilot:
        await pilot.press("s", "enter")  # the first card, an rnn simulation, revealed
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert subscribed_plots() == 1
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, HomeScreen)
        assert subscribed_plots() == 0


async def test_a_caption_shows_the_numbers_of_its_own_run_and_renews_them_on_rerun() -> None:
    items = [EvidenceItem(name="rnn", caption="decay ends at {decay.last:.4f} in {=40} steps")]
    app = PanelApp(items, canned)
    async with app.run_test(size=(100, 60)) as pilot:
        await app.workers.wait_for_complete()
        await pilot.pause()
        view = app.query_one(EvidencePanel).views[0]
        caption = view.query_one(".evidence--caption", Static)
        assert str(caption.render()) == f"decay ends at {0.9**39:.4f} in 40 steps"
        view.rerun()
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert str(caption.render()) == f"decay ends at {0.9**39 * 1.01:.4f} in 40 steps"


async def test_a_kept_result_is_composed_with_the_panel_without_running_again() -> None:
    """A result the backend already holds is on the page from the first frame: no worker
    run, no loading indicator; a re-run with a new seed still goes to the worker."""
    runs: list[tuple[str, int]] = []

    def counted(name, params, *, seed, should_cancel):
        runs.append((name, seed))
        return fake_result(name, params, seed)

    kept = {("rnn", 0): fake_result("rnn", {}, 0)}

    class KeptPanelApp(PanelApp):
        def compose(self) -> ComposeResult:
            yield EvidencePanel(self.items, self.runner, cached=lambda name, params, *, seed: kept.get((name, seed)))

    app = KeptPanelApp([EvidenceItem(name="rnn", caption="decay ends at {decay.last:.4f}")], counted)
    async with app.run_test(size=(100, 60)) as pilot:
        panel = app.query_one(EvidencePanel)
        [view] = panel.views
        assert panel.done and view.result is kept[("rnn", 0)]
        assert not view.query("LoadingIndicator")
        assert str(view.query_one(".evidence--caption", Static).render()) == f"decay ends at {0.9**39:.4f}"
        assert str(view.query_one(".evidence--reading", Static).render()).endswith("(seed 0)")
        await app.workers.wait_for_complete()
        assert runs == []
        view.rerun()
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert runs == [("rnn", 1)] and view.result.seed == 1
        assert str(view.query_one(".evidence--reading", Static).render()).endswith("(seed 1)")
