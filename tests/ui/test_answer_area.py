"""The multi-line answer box: enter hands in, ctrl+j / alt+enter / shift+enter start a new
line, a paste keeps its line breaks, the box grows up to 8 lines, and the footer says so."""

from __future__ import annotations

import pytest
from fakes import running
from fast_keys import paste_then, send_at_full_speed, wait_until
from textual.app import App, ComposeResult
from textual.widgets import Footer
from textual.widgets._footer import FooterKey

from tutor.ui.app import TutorApp
from tutor.ui.widgets.answer_area import AnswerArea


class BoxApp(App[None]):
    def __init__(self, *, one_line: bool = False) -> None:
        super().__init__()
        self.submitted: list[str] = []
        self.one_line = one_line

    def compose(self) -> ComposeResult:
        yield AnswerArea(placeholder="Your answer", id="box", one_line=self.one_line)
        yield Footer()

    def on_answer_area_submitted(self, event: AnswerArea.Submitted) -> None:
        self.submitted.append(event.value)


async def test_new_line_keys_and_enter() -> None:
    app = BoxApp()
    async with app.run_test(size=(60, 20)) as pilot:
        await pilot.press("a", "b", "ctrl+j", "c", "alt+enter", "d", "shift+enter", "e")
        assert app.query_one(AnswerArea).value == "ab\nc\nd\ne"
        assert app.submitted == []
        await pilot.press("enter")
        await wait_until(pilot, lambda: app.submitted, "the answer handed in")
        assert app.submitted == ["ab\nc\nd\ne"]
        assert app.query_one(AnswerArea).value == "ab\nc\nd\ne"  # enter never adds a line


@pytest.mark.parametrize(("one_line", "handed_in", "offered"), [(True, "12", False), (False, "1\n2", True)])
async def test_a_one_line_box_offers_no_new_line(one_line: bool, handed_in: str, offered: bool) -> None:
    """A number or a formula is one line: the footer has no "New line", and its keys do nothing."""
    app = BoxApp(one_line=one_line)
    async with app.run_test(size=(60, 20)) as pilot:
        await pilot.press("1", "ctrl+j", "2", "enter")
        await wait_until(pilot, lambda: app.submitted, "the answer handed in")
        assert app.submitted == [handed_in]
        assert ("New line" in [key.description for key in app.screen.query(FooterKey)]) is offered


async def test_a_paste_keeps_its_lines_and_the_box_grows_to_eight_lines() -> None:
    app = BoxApp()
    async with app.run_test(size=(60, 30)) as pilot:
        box = app.query_one(AnswerArea)
        assert box.outer_size.height == 3  # one line between the borders
        paste_then(pilot, "one\ntwo\nthree")
        await wait_until(pilot, lambda: box.value == "one\ntwo\nthree", "the paste applied")
        await wait_until(pilot, lambda: box.outer_size.height == 5, "the box grown to 3 lines")
        send_at_full_speed(pilot, "\n4\n5\n6\n7\n8\n9\n10")
        await wait_until(pilot, lambda: box.value.endswith("10"), "the keys applied")
        await wait_until(pilot, lambda: box.outer_size.height == 10, "the box capped at 8 lines")
        send_at_full_speed(pilot, "", "enter")
        await wait_until(pilot, lambda: app.submitted, "the answer handed in")
        assert app.submitted == ["one\ntwo\nthree\n4\n5\n6\n7\n8\n9\n10"]


async def test_the_footer_shows_the_new_line_key_while_answering(app: TutorApp) -> None:
    async with running(app, size=(100, 30)) as pilot:
        await pilot.press("p")
        await wait_until(pilot, lambda: [key for key in app.screen.query(FooterKey) if key.description == "New line"],
                         "the footer drawn")
        keys = [(key.key_display, key.description) for key in app.screen.query(FooterKey)]
        assert ("ctrl+j", "New line") in keys


async def test_a_box_drawn_after_it_was_removed_draws_blank_lines() -> None:
    """A skipped question's box may be drawn once more after its card was replaced; by then
    Textual has dropped its component styles and TextArea's own drawing raised KeyError
    ('text-area--gutter'), a traceback seen in a terminal after a few quick skips."""
    from textual.geometry import Region

    app = BoxApp()
    async with app.run_test(size=(60, 20)) as pilot:
        box = app.query_one(AnswerArea)
        await pilot.press("h", "i")
        await box.remove()
        lines = box.render_lines(Region(0, 0, 20, 3))
        assert [line.text for line in lines] == [" " * 20] * 3



async def test_the_boxes_of_questions_left_behind_are_freed(app: TutorApp) -> None:
    """Each question's box used to stay in memory for good (held by TextArea's watch on
    the app's theme), and every full garbage collection scanned them all."""
    import gc

    async with running(app) as pilot:
        await pilot.press("p")
        for _ in range(6):
            await pilot.press("ctrl+n")  # skip to the next question
            await pilot.pause()
        gc.collect()
        alive = [thing for thing in gc.get_objects() if isinstance(thing, AnswerArea)]
        assert [box for box in alive if not box.is_attached] == []
        assert len(alive) <= 1  # the current question's, if it has a box


@pytest.mark.parametrize(("question_id", "one_line"), [("sigmoid-bound", True), ("why-vanish", False)])
async def test_a_numeric_question_gets_a_one_line_box_and_a_free_text_one_does_not(
        app: TutorApp, question_id: str, one_line: bool) -> None:
    async with running(app, size=(100, 30)) as pilot:
        app.open_question("rnn-mini", question_id)
        await wait_until(pilot, lambda: app.screen.query(AnswerArea), "the answer box shown")
        assert app.screen.query_one(AnswerArea).one_line is one_line


@pytest.mark.parametrize(("width", "optional_shown"), [(80, False), (160, True)])
async def test_a_crowded_footer_leaves_out_the_optional_keys_not_the_answers_keys(
        app: TutorApp, backend, width: int, optional_shown: bool) -> None:
    """At 80 columns a wrong answer's footer clipped 'I was right' and 'Follow-ups'; now the
    keys help also lists (new seed, lab) make room, and come back when there is room."""
    from fakes import submit

    async with running(app, size=(width, 30)) as pilot:
        await pilot.press("p")
        await submit(pilot, "it explodes")

        def shown() -> list[str]:
            return [key.description for key in app.screen.query(FooterKey)]

        await wait_until(pilot, lambda: "I was right" in shown() and ("New seed" in shown()) is optional_shown,
                         "the footer fitted after the answer")
        assert "Follow-ups" in shown() and ("Lab" in shown()) is optional_shown
