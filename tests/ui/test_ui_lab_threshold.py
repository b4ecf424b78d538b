"""The lab's threshold view: one key sweeps the run's scale around 1/γ, keeping its other
settings, and shows the gradient ratio against σ_max with the bound dotted and 1/γ marked;
an RNN chosen in the lab draws its norm bound."""

from __future__ import annotations

import pytest
from fakes import running
from test_ui_lab import real_backend, settle

from tutor.ui.app import TutorApp
from tutor.ui.screens import lab as lab_module
from tutor.ui.screens.lab import LabScreen
from tutor.ui.widgets.simulation_plot import SimulationPlot

SHORT_SIGMOID = {"steps": 12, "hidden": 6, "batch": 2, "activation": "sigmoid", "init": "orthogonal"}


@pytest.fixture(autouse=True)
def quick_debounce(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(lab_module, "DEBOUNCE_SECONDS", 0.05)


async def test_the_sweep_key_shows_the_threshold_view_with_the_runs_settings() -> None:
    backend = real_backend()
    async with running(TutorApp(backend)) as pilot:
        pilot.app.push_screen(LabScreen(pilot.app.pack, evidence="rnn", params=SHORT_SIGMOID, seed=3))
        await settle(pilot)
        screen = pilot.app.screen
        assert isinstance(screen, LabScreen) and screen.check_action("sweep", ()) is True
        await pilot.press("ctrl+t")
        await settle(pilot)
        assert screen.spec is not None and screen.spec.name == "threshold-sweep"
        result = screen.result
        assert result is not None and result.seed == 3
        assert {key: result.params[key] for key in ("steps", "hidden", "batch", "activation", "init")} == {
            "steps": 12, "hidden": 6, "batch": 2, "activation": "sigmoid", "init": "orthogonal"}
        ratio, slope = screen.query(SimulationPlot)
        assert list(ratio.drawn) == ["ratio", "bound"] and list(slope.drawn) == ["mean_slope", "gamma"]
        assert ratio.drawn["ratio"][0][0] < 4 < ratio.drawn["ratio"][0][-1]  # the sweep spans 1/γ = 4
        assert ("┆", "1/γ = 4: below it vanishing is certain") in [entry[:2] for entry in ratio.legend]
        # the bound's end value is on the canvas or, where another label holds its row, in its entry
        assert any(mark == "··" and text.split(": ends at ")[0] == "bound (γ·σ_max)^12"
                   for mark, text, _ in ratio.legend)
        reading = str(screen.query_one("#lab-reading").render())
        assert "1/γ = 4" in reading and "mean |φ′|" in reading
        assert backend.evidence_runs[-1] == ("threshold-sweep", 3)
        assert screen.check_action("sweep", ()) is False  # a sweep is not swept again
        output = screen.query_one("#lab-output")
        before = output.scroll_y
        await pilot.press("pagedown")  # the focus is in the form: the page key still pages the output
        await pilot.pause()
        assert output.scroll_y > before


async def test_the_lab_draws_the_norm_bound_dotted_beside_the_rnns_gradient() -> None:
    from tutor.evidence import registry

    async with running(TutorApp(real_backend())) as pilot:
        pilot.app.push_screen(LabScreen(pilot.app.pack, evidence="rnn", params={"steps": 12, "scale": 1.5}))
        await settle(pilot)
        plot = pilot.app.screen.query_one(SimulationPlot)
        assert list(plot.drawn) == ["grad_norm", "jacobian_norm", "bound"]
        run = registry.run("rnn", {"steps": 12, "scale": 1.5}, seed=0)
        factor, last = run.scalars["gamma_sigma_max"], float(run.all_series()["grad_norm"].y[-1])
        xs, ys = plot.drawn["bound"]
        assert xs == [12.0 - step for step in range(13)]
        assert ys == pytest.approx([last * factor**x for x in xs], rel=1e-12)
        assert ("··", "bound ‖∂L/∂h_T‖·(γ·σ_max)^(T−t)") in [entry[:2] for entry in plot.legend]
