"""The lab: parameters as form controls, debounced runs in a worker, refused values,
pins overlaid, export, and opening it from a question's evidence with its parameters."""

from __future__ import annotations

import json
import threading
from pathlib import Path

import pytest
from fakes import QUESTIONS, FakeBackend, backend_with, make_pack, running, submit
from textual.app import App, ComposeResult
from textual.widgets import Input, Select, Static

from tutor.evidence import registry
from tutor.evidence.plot_layout import plottable
from tutor.packs.loader import load_pack
from tutor.packs.variants import draw
from tutor.paths import builtin_content_dir
from tutor.ui.app import TutorApp
from tutor.ui.screens import lab as lab_module
from tutor.ui.screens.lab import LabScreen
from tutor.ui.screens.lab_pick import LabPickScreen
from tutor.ui.screens.study import StudyScreen
from tutor.ui.widgets.param_form import ParamForm
from tutor.ui.widgets.simulation_plot import SimulationPlot

SHORT_RNN = {"steps": 12, "hidden": 6, "batch": 2}


@pytest.fixture(autouse=True)
def quick_debounce(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(lab_module, "DEBOUNCE_SECONDS", 0.05)


def real_backend(**options) -> FakeBackend:
    """The fake app backend, but simulations really run (NumPy, small sizes)."""
    backend = backend_with(make_pack(), **options)
    runs = backend.evidence_runs

    def run(name, params, *, seed, should_cancel):
        runs.append((name, seed))
        return registry.run(name, params, seed=seed, should_cancel=should_cancel)

    backend.run_evidence = run  # type: ignore[method-assign]
    return backend


async def settle(pilot, seconds: float = 0.1) -> None:
    await pilot.pause(seconds)  # the debounce
    await pilot.app.workers.wait_for_complete()
    await pilot.pause()


async def open_lab(pilot, name: str = "rnn", params: dict | None = None, seed: int = 0) -> LabScreen:
    pilot.app.push_screen(LabScreen(pilot.app.pack, evidence=name, params=params or {}, seed=seed))
    await settle(pilot)
    assert isinstance(pilot.app.screen, LabScreen)
    return pilot.app.screen


def drawn(screen: LabScreen) -> dict[str, tuple[list[float], list[float]]]:
    return screen.query_one(SimulationPlot).drawn


def back_from_loss(series) -> tuple[list[float], list[float]]:
    """A gradient series' points as the lab draws them: against the steps back from the loss."""
    xs, ys = plottable(series, log_y=True)
    return [max(series.x) - x for x in xs], ys


async def test_a_changed_parameter_is_run_and_reaches_the_plot() -> None:
    backend = real_backend()
    app = TutorApp(backend)
    async with running(app) as pilot:
        screen = await open_lab(pilot, params=SHORT_RNN)
        assert backend.evidence_runs == [("rnn", 0)]
        screen.form.control("scale").value = "0.4"
        screen.form.control("scale").value = "0.5"  # typed quickly: one run, with the last value
        await settle(pilot)
        assert backend.evidence_runs == [("rnn", 0), ("rnn", 0)]
        expected = registry.run("rnn", {**SHORT_RNN, "scale": 0.5}, seed=0)
        assert screen.result.params["scale"] == 0.5
        for name, series in expected.all_series().items():
            assert drawn(screen)[name] == back_from_loss(series)
        explanation = str(screen.query_one("#lab-explanation", Static).render())
        assert explanation.startswith(f"What it shows: γ·σ_max = {expected.scalars['gamma_sigma_max']:.3g}")
        assert str(screen.query_one("#title", Static).render()).endswith(" ms")


async def test_keys_typed_in_a_field_run_the_new_value() -> None:
    backend = real_backend()
    app = TutorApp(backend)
    async with running(app) as pilot:
        screen = await open_lab(pilot, params=SHORT_RNN)
        screen.form.control("steps").focus()
        await pilot.press("backspace", "backspace", "8")
        await settle(pilot)
        assert screen.result.params["steps"] == 8
        assert drawn(screen)["grad_norm"][0] == [float(8 - step) for step in range(9)]  # steps back from the loss


async def test_invalid_values_are_refused_with_the_declarations_message() -> None:
    backend = real_backend()
    app = TutorApp(backend)
    async with running(app) as pilot:
        screen = await open_lab(pilot, params=SHORT_RNN)
        scale = screen.form.control("scale")
        scale.value = "12"
        await settle(pilot)
        note = screen.query_one("#note-scale", Static)
        assert str(note.render()) == "12 is above the maximum 10"
        assert note.has_class("-invalid") and scale.has_class("-invalid")
        assert "not run: scale 12 is above the maximum 10" in str(screen.query_one("#title", Static).render())
        assert backend.evidence_runs == [("rnn", 0)]  # refused: nothing ran
        scale.value = "2"
        await settle(pilot)
        assert str(note.render()) == "0..10" and not note.has_class("-invalid")
        assert len(backend.evidence_runs) == 2

        await screen.show_simulation("spectral-sweep", registry.get("spectral-sweep").resolve({}), 0)
        await settle(pilot)
        screen.form.control("scales").value = "0.5, abc"
        await settle(pilot)
        assert str(screen.query_one("#note-scales", Static).render()) == "expected a number, got 'abc'"
        screen.form.control("seed").value = ""
        await settle(pilot)
        assert str(screen.query_one("#note-seed", Static).render()) == "expected a whole number, got ''"
        assert [name for name, _ in backend.evidence_runs] == ["rnn", "rnn", "spectral-sweep"]


async def test_pins_are_overlaid_until_cleared_and_the_simulation_can_change() -> None:
    app = TutorApp(real_backend())
    async with running(app) as pilot:
        screen = await open_lab(pilot, params=SHORT_RNN)
        await pilot.press("ctrl+o")
        screen.form.control("scale").value = "0.5"
        await settle(pilot)
        assert list(drawn(screen)) == ["grad_norm", "jacobian_norm", "pin1:grad_norm", "pin1:jacobian_norm", "bound"]
        pinned = registry.run("rnn", SHORT_RNN, seed=0)
        assert drawn(screen)["pin1:grad_norm"] == back_from_loss(pinned.all_series()["grad_norm"])
        assert str(screen.query_one("#lab-pins", Static).render()) == "Pinned: #1 scale=1"
        await pilot.press("ctrl+r")  # a new seed: the pin says how it differs
        await settle(pilot)
        assert screen.result.seed == 1
        assert str(screen.query_one("#lab-pins", Static).render()) == "Pinned: #1 scale=1, seed 0"
        await pilot.press("ctrl+l")
        assert list(drawn(screen)) == ["grad_norm", "jacobian_norm", "bound"]
        await pilot.press("ctrl+o")
        screen.query_one("#lab-simulation", Select).value = "lstm"
        await settle(pilot)
        assert screen.pinned == [] and screen.result.name == "lstm"
        assert len(screen.query(SimulationPlot)) == 2  # the LSTM has a gradient plot and a gate plot


async def test_export_writes_the_run_as_tutor_sim_json_and_the_plot_as_text(tmp_path: Path) -> None:
    backend = real_backend(exports_dir=tmp_path)
    app = TutorApp(backend)
    async with running(app) as pilot:
        screen = await open_lab(pilot, params=SHORT_RNN)
        await pilot.press("ctrl+s")
        await pilot.pause()
        saved_json = tmp_path / "rnn-seed0-20260301-090000.json"
        assert json.loads(saved_json.read_text()) == json.loads(json.dumps(screen.result.to_json_dict()))
        text = saved_json.with_suffix(".txt").read_text()
        assert text.startswith("Vanilla RNN, exact BPTT  [rnn]\n") and "Vanilla RNN: gradient norm back through time" in text
        [note] = [n for n in app._notifications if n.title == "Run exported"]
        assert str(tmp_path) in note.message


async def test_l_opens_the_lab_on_the_questions_evidence_and_escape_comes_back() -> None:
    backend = backend_with(make_pack())
    app = TutorApp(backend)
    async with running(app) as pilot:
        await pilot.press("s")
        await submit(pilot, "anything")  # why-vanish, whose evidence is rnn with scale 0.9
        await pilot.press("r")  # a new seed in the panel: the lab takes it over
        await app.workers.wait_for_complete()
        await pilot.press("l")
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, LabScreen) and screen.spec.name == "rnn"
        assert screen.form.control("scale").value == "0.9"
        assert screen.form.control("seed").value == "1"
        assert backend.evidence_runs[-1] == ("rnn", 1)
        assert screen.result.params == registry.get("rnn").resolve({"scale": 0.9})
        await pilot.press("escape")
        assert isinstance(app.screen, StudyScreen) and app.screen.revealed


async def test_a_question_with_several_simulations_asks_which_one() -> None:
    question = {**QUESTIONS[0], "evidence": [{"name": "rnn", "params": {"scale": 0.9}},
                                             {"name": "scalar-step"},
                                             {"name": "spectral-sweep", "params": {"scales": [0.5, 1.5]}}]}
    app = TutorApp(backend_with(make_pack([question])))
    async with running(app) as pilot:
        await pilot.press("s")
        await submit(pilot, "anything")
        await pilot.press("l")
        await pilot.pause()
        assert isinstance(app.screen, LabPickScreen)
        assert [target.name for target in app.screen.targets] == ["rnn", "spectral-sweep"]  # not the derivation
        await pilot.press("down", "enter")
        await settle(pilot)
        assert isinstance(app.screen, LabScreen) and app.screen.spec.name == "spectral-sweep"
        assert app.screen.form.control("scales").value == "0.5, 1.5"


class FormApp(App[None]):
    def compose(self) -> ComposeResult:
        yield from ()


async def test_the_form_reproduces_every_simulation_of_the_builtin_pack() -> None:
    """Each simulation the built-in pack cites, put in the lab's form and read back, is
    exactly the run its question shows (so the lab reproduces every plot of the pack)."""
    pack = load_pack(builtin_content_dir() / "rnn-gradients")
    items = {(item.name, json.dumps(item.params, sort_keys=True)): item
             for question in pack.questions for item in draw(question, 0).question.evidence
             if registry.get(item.name).kind == "simulation"}
    assert len(items) >= 20
    by_name: dict[str, list] = {}
    for item in items.values():
        by_name.setdefault(item.name, []).append(item)
    forms = {name: ParamForm(registry.get(name), registry.get(name).resolve(group[0].params), 0)
             for name, group in by_name.items()}  # the first item of each through the constructor
    app = FormApp()
    async with app.run_test(size=(100, 60)) as pilot:
        await app.mount_all(forms.values())
        await pilot.pause()
        for name, group in by_name.items():
            spec, form = registry.get(name), forms[name]
            for index, item in enumerate(group):
                if index:  # the others through set_value, as the lab sets a field
                    for param, value in spec.resolve(item.params).items():
                        form.set_value(param, value)
                    await pilot.pause()
                assert form.read() == (spec.resolve(item.params), 0, []), (name, item.params)
            assert all(isinstance(form.control(param.name), (Input, Select)) for param in spec.params)


async def test_the_lab_is_a_mode_of_its_own_from_home() -> None:
    app = TutorApp(real_backend())
    async with running(app) as pilot:
        await pilot.press("l")
        await settle(pilot)
        assert isinstance(app.screen, LabScreen) and app.screen.spec.name == "rnn"
        assert app.screen.result.params == registry.get("rnn").resolve({})


async def test_a_new_value_cancels_the_run_still_going_and_a_failure_is_one_line() -> None:
    backend = backend_with(make_pack(), evidence_gate=threading.Event())  # runs wait to be released
    app = TutorApp(backend)
    async with running(app) as pilot:
        app.push_screen(LabScreen(app.pack, evidence="rnn"))
        await pilot.pause(0.1)
        screen = app.screen
        assert screen.running and "computing…" in str(screen.query_one("#title", Static).render())
        screen.form.control("scale").value = "0.5"
        await pilot.pause(0.2)  # the debounce, then the second run replaces the first
        backend.evidence_gate.set()
        await settle(pilot)
        assert backend.cancelled == ["rnn"] and len(backend.evidence_runs) == 2
        assert screen.result.params["scale"] == 0.5 and not screen.running

        def broken(name, params, *, seed, should_cancel):
            raise ValueError("steps × hidden² is too large for this machine")

        backend.run_evidence = broken  # type: ignore[method-assign]
        screen.form.control("scale").value = "0.6"
        await settle(pilot)
        assert str(screen.query_one("#lab-reading", Static).render()) == \
            "Could not run: steps × hidden² is too large for this machine"
        assert str(screen.query_one("#title", Static).render()).endswith("the run failed (see below)")
