"""A variant question in a mock interview's debrief: every place that shows it (the table, the
details, the evidence screen) shows the draw the learner was asked, or for a question never
reached the draw the interview would have made, never the template's `{u}`; and since a
variant's id is its author's name (it may quote a number the draw changes), headings name it
by the start of its drawn prompt. In practice, the tag line above a drawn variant leaves the
id out for the same reason."""

from __future__ import annotations

from pathlib import Path

from fakes import backend_with, make_pack, running
from test_mock import settle, start_interview, text
from textual.widgets import DataTable, Static

from tutor.ui.app import TutorApp
from tutor.ui.screens.evidence_screen import EvidenceScreen
from tutor.ui.screens.mock_debrief import MockDebriefScreen
from tutor.ui.widgets.evidence_panel import EvidencePanel
from tutor.words import one_line


def variant(question_id: str, level: str, u: float, b: float) -> dict:
    """A question drawn from one value per parameter, so every seed gives the same numbers."""
    return {
        "id": question_id,
        "level": level,
        "topics": ["bptt"],
        "params": {"u": {"choices": [u]}, "b": {"choices": [b]}},
        "prompt": "A scalar RNN computes hₖ = tanh(w·hₖ₋₁ + {u}·xₖ + {b}). What is ∂hₖ/∂hₖ₋₁?",
        "answer": "w·(1 − tanh²(w·hₖ₋₁ + {u}·xₖ + {b})): the input weight {u} only moves the point.",
        "explanation": "The bias {b} shifts the pre-activation; the slope factor is at most 1.",
        "follow_ups": [{"prompt": "And with input weight 2·{u}?", "answer": "The same form."}],
        "check": {"kind": "symbolic", "variables": ["w", "h", "x"], "functions": ["tanh"],
                  "answers": ["w*(1 - tanh(w*h + {u}*x + {b})^2)"]},
        "evidence": [{"name": "rnn", "params": {"scale": "{u}", "steps": 5}, "caption": "A run at scale {u}."}],
    }


QUESTIONS = [variant("tanh-step-3-x", "basic", 1.5, 1), variant("tanh-step-4-x", "advanced", 0.5, 0.2)]
ASKED = "A scalar RNN computes hₖ = tanh(w·hₖ₋₁ + 1.5·xₖ + 1). What is ∂hₖ/∂hₖ₋₁?"
NEVER_REACHED = "A scalar RNN computes hₖ = tanh(w·hₖ₋₁ + 0.5·xₖ + 0.2). What is ∂hₖ/∂hₖ₋₁?"


async def test_the_debrief_and_its_evidence_show_the_drawn_variant_titled_by_its_prompt() -> None:
    app = TutorApp(backend_with(make_pack(QUESTIONS), grades={}))
    async with running(app) as pilot:
        interview = await start_interview(pilot, questions="2", minutes="6")
        assert text(interview, "#mock-prompt") == ASKED
        await pilot.press("ctrl+g", "y")  # end at once: the second question is never reached
        await settle(pilot)
        debrief = app.screen
        assert isinstance(debrief, MockDebriefScreen)
        table = debrief.query_one("#debrief-questions", DataTable)
        titles = [str(table.get_row_at(row)[1]) for row in range(table.row_count)]
        assert titles == [ASKED[:31] + "…", NEVER_REACHED[:31] + "…"]  # not 'tanh-step-3-x'
        details = text(debrief, "#debrief-question").splitlines()
        assert details[:2] == [f"1. {one_line(ASKED, 60)} basic · BPTT", ASKED]
        await pilot.press("down")
        await settle(pilot)
        details = text(debrief, "#debrief-question")
        assert details.splitlines()[1] == NEVER_REACHED
        details += "\n" + "\n".join(str(part.render()) for part in debrief.query("#debrief-follow-ups Static"))
        assert "Follow-up 1: And with input weight 2·0.5?" in details
        assert "{" not in details and "tanh-step-4-x" not in details
        await pilot.press("x")  # the Markdown export heads each question as the debrief does
        await settle(pilot)
        exported = Path(debrief.exported_to).read_text(encoding="utf-8")
        assert f"## 1. {one_line(ASKED, 60)} (basic; BPTT)\n\n{ASKED}\n" in exported
        assert f"## 2. {one_line(NEVER_REACHED, 60)} (advanced; BPTT)\n\n{NEVER_REACHED}\n" in exported
        assert "{" not in exported
        assert not [line for line in exported.splitlines() if line.startswith("#") and "tanh-step-" in line]
        await pilot.press("up")
        await settle(pilot)
        await pilot.press("e")
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, EvidenceScreen)
        assert text(screen, "#title") == f"Evidence · {one_line(ASKED, 60)}"
        assert text(screen, "#evidence-prompt") == ASKED
        [view] = screen.query_one(EvidencePanel).views
        assert view.params == {"scale": 1.5, "steps": 5}
        assert str(view.query_one(".evidence--caption", Static).render()) == "A run at scale 1.5."


async def test_practice_tags_a_drawn_variant_without_its_id_and_a_plain_question_with_it(tmp_path: Path) -> None:
    from fakes import QUESTIONS as PLAIN
    from fakes import FakeClock, fake_result
    from test_ui_core_backend import write_pack

    from tutor.service.backend import CoreBackend
    from tutor.ui.widgets.question_view import QuestionView

    backend = CoreBackend([write_pack(tmp_path / "mini", [QUESTIONS[0], PLAIN[0]])],
                          store_path=tmp_path / "progress.sqlite3", clock=FakeClock())
    backend.prepare_grading = lambda: None  # type: ignore[method-assign]
    backend.run_evidence = lambda name, params, *, seed, should_cancel: fake_result(name, params, seed)  # type: ignore[method-assign]
    app = TutorApp(backend)
    try:
        async with running(app) as pilot:
            app.select_pack("rnn-mini")
            await pilot.press("p")
            await settle(pilot)
            seen = {}
            for _ in range(2):
                view = app.screen.query_one(QuestionView)
                prompt = str(view.query_one(".question--prompt", Static).render())
                seen[prompt] = str(view.query_one(".question--tags", Static).render())
                await pilot.press("ctrl+r")  # reveal without answering, then the next question
                await settle(pilot)
                await pilot.press("n")
                await settle(pilot)
            plain = PLAIN[0]
            assert seen == {ASKED: "basic · BPTT",
                            plain["prompt"]: f"{plain['id']} · {plain['level']} · Vanishing"}
    finally:
        backend.close()
