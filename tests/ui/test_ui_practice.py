"""Practice mode end to end: filters, feedback, hints, follow-ups, "I was right"."""

from __future__ import annotations

from fakes import RIGHT, WRONG, running, submit
from fast_keys import wait_until
from textual.containers import ScrollableContainer
from textual.widgets import Select, Static
from textual.widgets._footer import FooterKey

from tutor.ui.app import TutorApp
from tutor.ui.screens.practice import PracticeScreen
from tutor.ui.widgets.feedback_view import FeedbackView
from tutor.ui.widgets.follow_ups import FollowUps


def text_of(widget: Static) -> str:
    return str(widget.render())


async def open_practice(app: TutorApp, pilot) -> PracticeScreen:
    await pilot.press("p")
    screen = app.screen
    assert isinstance(screen, PracticeScreen)
    return screen


def footer_keys(app: TutorApp) -> list[str]:
    return [str(key.description) for key in app.screen.query(FooterKey)]


async def answer(app: TutorApp, pilot, text: str) -> None:
    await submit(pilot, text)


async def test_wrong_answer_feedback_then_i_was_right_is_recorded(app: TutorApp, backend) -> None:
    async with running(app) as pilot:
        screen = await open_practice(app, pilot)
        backend.clock.advance(30)
        await answer(app, pilot, "no idea")
        assert text_of(screen.query_one(FeedbackView)) == "✗ Not right\nThat is not it."
        assert backend.attempts == [{"id": "why-vanish", "response": "no idea", "grade": WRONG, "seconds": 30.0}]
        assert "0 of 1 right · 2 left" in text_of(screen.query_one("#title", Static))
        await pilot.press("o")
        assert backend.overrides == ["why-vanish"]
        # the grader's feedback stays, labelled as its reading, so the screen does not contradict itself
        assert text_of(screen.query_one(FeedbackView)) == (
            "✓ Marked right by you (was: ✗ Not right)\nThe grader's reading, for reference:\nThat is not it.")
        assert "1 of 1 right" in text_of(screen.query_one("#title", Static))
        await pilot.pause()
        assert "Undo I was right" in footer_keys(app)
        await pilot.press("o")  # a second press takes it back: the grader's verdict and feedback return
        assert backend.overrides == []
        assert backend.attempts[-1] == {"id": "why-vanish", "override_undone": WRONG}
        assert text_of(screen.query_one(FeedbackView)) == "✗ Not right\nThat is not it."
        assert "0 of 1 right" in text_of(screen.query_one("#title", Static))
        await pilot.pause()
        assert "Undo I was right" not in footer_keys(app) and "I was right" in footer_keys(app)


async def test_override_is_not_offered_for_a_right_answer(app: TutorApp, backend) -> None:
    backend.grades["good"] = RIGHT
    async with running(app) as pilot:
        screen = await open_practice(app, pilot)
        await answer(app, pilot, "good")
        assert screen.check_action("override", ()) is False
        await pilot.press("o")
        assert backend.overrides == []


async def test_hints_before_answering_and_follow_ups_after(app: TutorApp, backend) -> None:
    async with running(app) as pilot:
        screen = await open_practice(app, pilot)
        hints = screen.query_one("#hints", Static)
        assert not hints.display
        await pilot.press("ctrl+t")
        assert text_of(hints) == "Hint 1: Write ∂L/∂h_t with the chain rule."
        await pilot.press("ctrl+t", "ctrl+t")
        assert text_of(hints) == "Hint 1: Write ∂L/∂h_t with the chain rule.\nHint 2: What happens to 0.9^50?"
        await answer(app, pilot, "shrinks")
        follow_ups = screen.query_one(FollowUps)
        assert "1. Does clipping help here?" in follow_ups.text
        assert "No: clipping" not in follow_ups.text
        await pilot.press("f")
        assert "→ No: clipping only caps large norms." in follow_ups.text


async def test_follow_up_answers_are_scrolled_into_view(app: TutorApp, backend) -> None:
    """At 80x24 the follow-ups sit under the fold: f reveals their answers where the learner looks."""
    async with running(app, size=(80, 24)) as pilot:
        screen = await open_practice(app, pilot)
        await answer(app, pilot, "shrinks")
        follow_ups = screen.query_one(FollowUps)
        card = next(node for node in follow_ups.ancestors if isinstance(node, ScrollableContainer))
        await pilot.pause()

        def in_view() -> bool:
            return card.scrollable_content_region.contains_region(follow_ups.region)

        assert not in_view()  # under the fold after the reveal
        await pilot.press("f")
        await wait_until(pilot, in_view, "the follow-ups scrolled into view")
        assert "→ No: clipping only caps large norms." in follow_ups.text


async def test_next_skip_and_show_answer_walk_the_questions(app: TutorApp, backend) -> None:
    async with running(app) as pilot:
        screen = await open_practice(app, pilot)
        await pilot.press("ctrl+n")  # skip: not recorded
        assert screen.question.id == "sigmoid-bound"
        await pilot.press("ctrl+r")  # show the answer: not recorded either
        assert screen.revealed and screen.grade is None
        await pilot.pause()
        expected = screen.query_one(".answer--expected", Static)
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert text_of(expected) == "1/4"  # the numeric check's answer, pretty-printed by the backend
        await pilot.press("n")
        assert screen.question.id == "lstm-path"
        assert "a) The output gate" in text_of(screen.query_one(".question--options", Static))
        await answer(app, pilot, "a")
        await pilot.press("n")
        assert screen.question is None
        assert "every question of this selection" in text_of(screen.query_one("#finished", Static))
        assert [a["id"] for a in backend.attempts] == ["lstm-path"]


async def test_level_and_topic_filters_choose_the_questions(app: TutorApp, backend) -> None:
    async with running(app) as pilot:
        screen = await open_practice(app, pilot)
        screen.query_one("#level-filter", Select).value = "advanced"
        await pilot.pause()
        assert screen.question.id == "lstm-path" and screen.deck.remaining() == 0
        screen.query_one("#level-filter", Select).value = Select.NULL
        screen.query_one("#topic-filter", Select).value = "vanishing"
        await pilot.pause()
        seen = [screen.question.id]
        await pilot.press("ctrl+n")
        seen.append(screen.question.id)
        assert seen == ["why-vanish", "lstm-path"]


async def test_practice_can_start_on_a_given_question(app: TutorApp) -> None:
    async with running(app) as pilot:
        app.open_question("rnn-mini", "sigmoid-bound")
        await pilot.pause()
        assert isinstance(app.screen, PracticeScreen)
        assert app.screen.question.id == "sigmoid-bound"


async def test_i_was_right_is_not_offered_on_a_choice_question() -> None:
    """A choice is right or wrong by its options: there is no grader's verdict to dispute, and
    'I was right' there only raised the tally beside 'The answer is b'."""
    from fakes import QUESTIONS, backend_with, make_pack

    backend = backend_with(make_pack([q for q in QUESTIONS if q["id"] == "lstm-path"]))
    app = TutorApp(backend)
    async with running(app) as pilot:
        screen = await open_practice(app, pilot)
        await answer(app, pilot, "a")
        assert screen.revealed and screen.grade is not None and not screen.grade.correct
        assert screen.check_action("override", ()) is False
        await pilot.press("o")
        assert backend.overrides == []


async def test_i_was_right_on_a_stated_misconception_asks_before_it_counts(app: TutorApp, backend) -> None:
    """One key should not wave a misconception through unread: a dialog says what the answer
    was read as stating; "no" keeps the verdict, "yes" counts it, every time it is asked."""
    from tutor.grading.result import ClaimCheck, Grade
    from tutor.ui.screens.confirm import ConfirmScreen

    backend.grades["clipping fixes it"] = Grade(
        False, 0.0, "Not quite: your answer states a misconception.", ("misconception:fixes",),
        claims=(ClaimCheck("fixes", "misconception", "found", "clipping fixes it", "clipping fixes vanishing"),))
    async with running(app) as pilot:
        screen = await open_practice(app, pilot)
        await answer(app, pilot, "clipping fixes it")
        await pilot.press("o")
        await wait_until(pilot, lambda: isinstance(app.screen, ConfirmScreen), "the dialog")
        assert "clipping fixes vanishing" in str(app.screen.question)
        await pilot.press("n")
        await wait_until(pilot, lambda: app.screen is screen, "back on the card")
        assert backend.overrides == []
        await pilot.press("o")
        await wait_until(pilot, lambda: isinstance(app.screen, ConfirmScreen), "the dialog again")
        await pilot.press("y")
        await wait_until(pilot, lambda: backend.overrides == ["why-vanish"], "counted right")
        assert text_of(screen.query_one(FeedbackView)).startswith("✓ Marked right by you")
        await pilot.press("o")  # undo
        await wait_until(pilot, lambda: backend.overrides == [], "taken back")
        await pilot.press("o")  # asked again after an undo
        await wait_until(pilot, lambda: isinstance(app.screen, ConfirmScreen), "the dialog after an undo")


async def test_a_choice_says_its_letter_counts_on_enter_and_a_lone_letter_hands_nothing_in() -> None:
    """The options said "type its letter", and a learner waited for the letter to choose: it
    counts on enter, as in every mode (study and the mock interview show the same options
    text). A single key that chose at once would hand in a mock answer on a slip."""
    from fakes import QUESTIONS, backend_with, make_pack

    from tutor.ui.widgets.answer_area import AnswerArea

    backend = backend_with(make_pack([q for q in QUESTIONS if q["id"] == "lstm-path"]))
    app = TutorApp(backend)
    async with running(app) as pilot:
        screen = await open_practice(app, pilot)
        options = text_of(screen.query_one(".question--options", Static)).splitlines()
        assert options[-1] == "type its letter and press enter"
        assert screen.query_one(AnswerArea).placeholder == "Type the letter of your choice and press enter"
        await pilot.press("b")
        await pilot.pause()
        assert not screen.revealed and screen.query_one(AnswerArea).value == "b"
        await pilot.press("enter")
        await wait_until(pilot, lambda: screen.revealed, "the choice graded")
        assert screen.grade is not None  # the fake grader marks it; what matters is that enter handed "b" in


def test_a_multiple_answer_choice_says_to_press_enter_too() -> None:
    from fakes import QUESTIONS

    from tutor.packs.schema import Question
    from tutor.ui.widgets.question_view import options_text

    data = next(dict(q) for q in QUESTIONS if q["id"] == "lstm-path")
    data["check"] = {**data["check"], "options": [{**option, "correct": True} for option in data["check"]["options"][:2]]
                     + data["check"]["options"][2:]}
    text = options_text(Question.model_validate(data))
    assert text is not None and text.plain.splitlines()[-1] == "several answers: type all their letters, e.g. a c, and press enter"


async def test_wrapped_follow_ups_hang_under_their_text_not_the_bullet() -> None:
    """At 80 columns a long follow-up answer wrapped back to the left edge, under "1." and
    "→": its continuation lines start where the text after the bullet starts."""
    from fakes import QUESTIONS, backend_with, make_pack

    long_prompt = "The 1997 LSTM had no forget gate, and a cell that only adds. " * 3
    long_answer = "The original cell was a constant error carousel that neither vanished nor exploded. " * 3
    question = {**QUESTIONS[0], "follow_ups": [{"prompt": long_prompt.strip(), "answer": long_answer.strip()}]}
    app = TutorApp(backend_with(make_pack([question])))
    async with running(app, size=(80, 24)) as pilot:
        screen = await open_practice(app, pilot)
        await answer(app, pilot, "shrinks")
        await pilot.press("f")
        await pilot.pause()
        follow_ups = screen.query_one(FollowUps)
        lines = [line.rstrip(" ▁▂▃▄▅▆▇█") for line in screen_lines(app) if line.strip()]  # the scrollbar cut
        start = next(i for i, line in enumerate(lines) if "1. The 1997 LSTM" in line)
        prompt_column = lines[start].index("The 1997")
        arrow = next(i for i in range(start, len(lines)) if "→ The original" in lines[i])
        answer_column = lines[arrow].index("The original")
        assert arrow - start >= 3, "the prompt wraps over more than one line"
        for line in lines[start + 1:arrow]:
            assert len(line) - len(line.lstrip()) == prompt_column, line
        ends = next(i for i in range(arrow, len(lines)) if "exploded." in lines[i] and lines[i].rstrip().endswith("exploded."))
        assert ends - arrow >= 2, "the answer wraps over more than one line"
        for line in lines[arrow + 1:ends + 1]:
            assert len(line) - len(line.lstrip()) == answer_column, line
        assert "→ The original cell was" in follow_ups.text


def screen_lines(app: TutorApp) -> list[str]:
    """What the terminal shows, line by line."""
    return [strip.text for strip in app.screen._compositor.render_strips()]
