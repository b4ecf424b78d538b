"""The key-point checklist after a free-text answer: keys, the verdict they give, the store."""

from __future__ import annotations

from contextlib import asynccontextmanager

from fakes import running, submit
from fast_keys import wait_until
from textual.widgets import Static

from tutor.grading.result import ClaimCheck, Grade
from tutor.store import open_store
from tutor.ui.app import TutorApp
from tutor.ui.widgets.claim_checklist import ClaimChecklist
from tutor.ui.widgets.feedback_view import FeedbackView

RESPONSE = "the jacobians multiply, and the signal fades"
CLAIMS = (
    ClaimCheck("product", "concept", "found", "the jacobians multiply", "product"),
    ClaimCheck("shrinks", "concept", "unsure", "the signal fades", "shrinks"),
)
UNDECIDED = Grade(False, 0.0, "Could not decide: is 'fades' shrinking?", ("undecided", "hit:product"),
                  undecided=True, claims=CLAIMS)
HALF = Grade(False, 0.5, "Partly correct: 1 of the 2 key points.", ("hit:product", "missed:shrinks"),
             claims=(CLAIMS[0], ClaimCheck("shrinks", "concept", "missed", "", "shrinks")))


def text_of(widget: Static) -> str:
    return str(widget.render())


def stored() -> list:
    with open_store() as store:
        return store.corrections.all()


async def answered_in_practice(app: TutorApp, pilot):
    """Open Practice from home and hand in RESPONSE: the practice screen, its grade shown."""
    await pilot.press("p")
    screen = app.screen
    await submit(pilot, RESPONSE)
    await pilot.pause()
    return screen


async def test_practice_checklist_settles_an_undecided_grade_and_is_stored(app: TutorApp, backend) -> None:
    backend.grades[RESPONSE] = UNDECIDED
    async with running(app, size=(120, 40)) as pilot:
        screen = await answered_in_practice(app, pilot)
        checklist = screen.query_one(ClaimChecklist)
        assert app.focused is checklist
        assert text_of(screen.query_one(FeedbackView)).startswith("? Could not decide\n")
        assert text_of(checklist) == (
            "Could not decide: settle the points (↑↓ pick, space toggles).\n"
            '▸ 1 ✓ product: found "the jacobians multiply"\n'
            '  2 ? shrinks: unsure "the signal fades"'
        )
        await pilot.press("down", "space")
        assert text_of(checklist).splitlines()[2] == '▸ 2 ✓ shrinks: found "the signal fades" (corrected)'
        feedback = text_of(screen.query_one(FeedbackView))
        assert feedback.startswith("✓ Right corrected by you (was: ? Could not decide)\nCorrect (as corrected by you).")
        assert "1 of 1 right" in text_of(screen.query_one("#title", Static))
        [record] = stored()
        assert (record.pack_id, record.question_id, record.mode, record.response) == (
            "rnn-mini", "why-vanish", "practice", RESPONSE)
        assert (record.automatic_correct, record.correct, record.score, record.undecided) == (None, True, 1.0, False)
        assert [claim.status for claim in record.claims] == ["found", "found"]
        await pilot.press("space")  # back to "not found": partly right, and stored again
        assert text_of(screen.query_one(FeedbackView)).startswith("◐ Partly right (25%: key points count half until the answer is complete) corrected by you")
        assert "0 of 1 right" in text_of(screen.query_one("#title", Static))
        assert [(r.correct, r.score) for r in stored()] == [(True, 1.0), (False, 0.25)]


async def test_study_checklist_is_reached_with_c_and_moves_the_suggested_rating(app: TutorApp, backend) -> None:
    backend.grades[RESPONSE] = HALF
    backend.suggested = 3
    async with running(app, size=(120, 40)) as pilot:
        await pilot.press("s")
        screen = app.screen
        await submit(pilot, RESPONSE)
        await pilot.pause()
        assert screen.query_one("#ratings").suggested == 2  # the focus stays on the suggested rating
        await pilot.press("c")
        checklist = screen.query_one(ClaimChecklist)
        assert app.focused is checklist
        await pilot.press("down", "space")
        assert text_of(screen.query_one(FeedbackView)).startswith("✓ Right corrected by you (was: ◐ Partly right (50%))")
        assert screen.query_one("#ratings").suggested == 3
        await pilot.press("3")
        assert backend.records[0]["rating"] == 3
        [record] = stored()
        assert (record.mode, record.automatic_correct, record.automatic_score, record.correct) == (
            "study", False, 0.5, True)


async def debrief_after_one_answer(app, pilot):
    """Start an interview, answer its first question with RESPONSE, end it early: the debrief."""
    from test_mock import answer, settle, start_interview

    from tutor.ui.screens.mock_debrief import MockDebriefScreen

    await start_interview(pilot)
    app.backend.clock.advance(10)
    await answer(pilot, RESPONSE)
    await pilot.press("ctrl+g", "y")
    await settle(pilot)
    assert isinstance(app.screen, MockDebriefScreen)
    return app.screen


async def test_mock_debrief_checklist_corrects_the_total_the_history_and_the_export(isolated_home) -> None:
    from test_mock import make_app, settle
    from textual.widgets import DataTable

    from tutor.ui.screens.mock_debrief import MockDebriefScreen
    from tutor.ui.screens.mock_history import MockHistoryScreen

    app = make_app()
    app.backend.grades[RESPONSE] = HALF
    async with running(app, size=(120, 40)) as pilot:
        debrief = await debrief_after_one_answer(app, pilot)
        assert text_of(debrief.query_one("#debrief-summary", Static)).startswith("Score 17% ·")
        await pilot.press("c")
        checklist = debrief.query_one(ClaimChecklist)
        assert app.focused is checklist
        await pilot.press("down", "space")
        assert text_of(checklist).splitlines()[2] == "▸ 2 ✓ shrinks: found (corrected)"
        assert text_of(debrief.query_one("#debrief-summary", Static)).startswith("Score 33% ·")
        table = debrief.query_one("#debrief-questions", DataTable)
        assert str(table.get_row_at(0)[2]) == "✓ 100% ✎"
        assert "Result: correct, 100% (corrected by you) (answered)\n" in text_of(
            debrief.query_one("#debrief-question", Static))
        [record] = stored()
        assert (record.mode, record.mock_id, record.position, record.correct, record.score) == (
            "mock", 1, 0, True, 1.0)
        await pilot.press("c")  # back to the questions
        assert app.focused is table
        await pilot.press("x")
        markdown = (isolated_home / "exports" / "mock-1.md").read_text(encoding="utf-8")
        assert "- Score: 33% (with your corrections)\n" in markdown
        assert "- Result: correct, 100% (corrected by you) (answered)\n" in markdown
        await pilot.press("h")
        history = app.screen
        assert isinstance(history, MockHistoryScreen)
        assert str(history.query_one("#mock-history", DataTable).get_row_at(0)[3]) == "33% ✎"
        await pilot.press("enter")
        await settle(pilot)
        reopened = app.screen
        assert isinstance(reopened, MockDebriefScreen)
        assert text_of(reopened.query_one(ClaimChecklist)).splitlines()[2] == "  2 ✓ shrinks: found (corrected)"


def test_a_select_several_question_asks_for_letters() -> None:
    from fakes import make_pack

    from tutor.packs.schema import Question
    from tutor.ui.widgets.answer_box import placeholder_for

    several = make_pack().questions[2].model_copy(deep=True)
    data = several.model_dump()
    data["check"]["options"][0]["correct"] = True
    assert placeholder_for(Question.model_validate(data).check) == (
        "Type the letters of your choices (e.g. a, c) and press enter")
    assert placeholder_for(several.check) == "Type the letter of your choice and press enter"


@asynccontextmanager
async def answered_with_the_real_grader(tmp_path, response: str):
    """The mini pack's why-vanish answered with `response` on the core backend and the real
    grader (no SymPy process: concepts questions need none; canned evidence): the backend,
    the app and its pilot once the checklist is shown, which holds the two key points."""
    from fakes import FakeClock, fake_result
    from test_ui_core_backend import write_pack

    from tutor.service.backend import CoreBackend

    core = CoreBackend([write_pack(tmp_path / "mini")], store_path=tmp_path / "progress.sqlite3", clock=FakeClock())
    core.prepare_grading = lambda: None  # type: ignore[method-assign]
    core.run_evidence = lambda name, params, *, seed, should_cancel: fake_result(name, params, seed)  # type: ignore[method-assign]
    app = TutorApp(core)
    try:
        async with running(app, size=(120, 40)) as pilot:
            app.open_question("rnn-mini", "why-vanish")
            await pilot.pause()
            await submit(pilot, response)
            await wait_until(pilot, lambda: app.screen.query(ClaimChecklist), "the checklist after the answer")
            checklist = app.screen.query_one(ClaimChecklist)
            assert [(c.name, c.status) for c in checklist.claims] == [("product", "found"), ("shrinks", "missed")]
            yield core, app, pilot
    finally:
        core.close()


async def test_a_list_of_terms_is_told_why_it_earns_a_quarter(tmp_path) -> None:
    """Typed at once as one paste: a keyword list. The verdict gives the list rule, not the
    half-share rule a partly right statement gets, and the checklist ticks what it named."""
    listed = "BPTT, product of jacobians, tanh, sigmoid, clipping, LSTM, long sequences"
    async with answered_with_the_real_grader(tmp_path, listed) as (_, app, _pilot):
        shown = text_of(app.screen.query_one(FeedbackView))
        assert shown.startswith("◐ Partly right (25%: a list of terms earns a quarter at most)\n")
        assert "Not yet: this is a list of terms." in shown


async def test_with_the_real_grader_a_corrected_point_is_stored_by_the_core_backend(tmp_path) -> None:
    async with answered_with_the_real_grader(tmp_path, "it is a product of jacobians") as (core, app, pilot):
        assert text_of(app.screen.query_one(FeedbackView)).startswith("◐ Partly right (25%: key points count half until the answer is complete)\n")
        await pilot.press("down", "space")
        assert text_of(app.screen.query_one(FeedbackView)).startswith(
            "✓ Right corrected by you (was: ◐ Partly right (25%))")
        [record] = core.store.corrections.all()
        assert (record.pack_id, record.question_id, record.response, record.automatic_score, record.score) == (
            "rnn-mini", "why-vanish", "it is a product of jacobians", 0.25, 1.0)
        automatic, corrected = core.store.reviews.for_question("rnn-mini", "why-vanish")
        assert (automatic.correct, automatic.score, automatic.overridden) == (False, 0.25, False)
        assert (corrected.correct, corrected.score, corrected.overridden, corrected.replaces) == (
            True, 1.0, True, automatic.id)
        assert corrected.notes == ("hit:product", "hit:shrinks", "corrected")


def test_a_misconception_line_says_whose_claim_it_is() -> None:
    """"✓ misconception: vanishing causes nan: rejected" read as if the learner held it."""
    from tutor.ui.widgets.claim_checklist import point_line

    def line(status: str) -> str:
        claim = ClaimCheck("nan", "misconception", status, "It does not cause NaN.", "vanishing causes nan")
        return point_line(1, claim, selected=False, corrected=False).plain

    assert line("contradicted") == '  1 ✓ misconception: vanishing causes nan: your answer says otherwise "It does not cause NaN."'
    assert line("found") == '  1 ⚠ misconception: vanishing causes nan: you asserted it "It does not cause NaN."'
    assert line("missed") == "  1 ○ misconception: vanishing causes nan: not claimed"


def test_a_denied_point_is_one_chip_and_an_unchanged_verdict_says_so() -> None:
    from tutor.ui.widgets.feedback_view import concepts_line, feedback_content

    chips = concepts_line(("missed:grows", "negated:grows", "missed:unstable", "hit:product"))
    assert chips is not None and chips.plain == "¬ grows  ✗ unstable  ✓ product"
    right = Grade(True, 1.0, "Correct.", ("hit:product",), claims=CLAIMS)
    assert feedback_content(right, was=right).plain.startswith("✓ Right (a key point corrected by you; same verdict)")


async def test_in_study_the_checklist_says_how_to_reach_it(app: TutorApp, backend) -> None:
    """In study the rating buttons keep focus, so ↑↓ scroll the card: the list says to press c
    first, and once focused it names the keys that now work on it."""
    backend.grades[RESPONSE] = HALF
    async with running(app, size=(120, 40)) as pilot:
        await pilot.press("s")
        screen = app.screen
        await submit(pilot, RESPONSE)
        checklist = screen.query_one(ClaimChecklist)
        await pilot.pause()
        assert app.focused is not checklist
        assert text_of(checklist).splitlines()[0] == (
            "Key points (c, then ↑↓ pick, space toggles a point you think was misread)")
        await pilot.press("c")
        assert app.focused is checklist
        assert text_of(checklist).splitlines()[0] == "Key points (↑↓ pick, space toggles a point you think was misread)"


async def test_i_was_right_on_a_free_text_answer_is_kept_as_a_correction(app: TutorApp, backend) -> None:
    """"I was right" is the learner's verdict on the response: stored as a correction beside
    the review, so `tutor export corrections` turns it into a `correct: true` sample."""
    backend.grades[RESPONSE] = HALF
    async with running(app, size=(120, 40)) as pilot:
        await answered_in_practice(app, pilot)
        assert text_of(app.screen.query_one(FeedbackView)).startswith("◐ Partly right (50%: key points count half until the answer is complete)")
        await pilot.press("o")
        [record] = stored()
        assert (record.response, record.mode, record.correct, record.score) == (RESPONSE, "practice", True, 1.0)
        assert (record.automatic_correct, record.automatic_score) == (False, 0.5)
        assert [claim.status for claim in record.claims] == ["found", "missed"]


async def test_a_question_asked_in_its_interview_form_can_be_corrected_in_the_debrief(isolated_home) -> None:
    """lstm-path is a choice question in practice but asked as free text in a mock: its debrief
    row reads the interview form's key points (the new-user trial found no `c` on such rows)."""
    from test_mock import answer, make_app, settle, start_interview
    from textual.widgets import DataTable

    from tutor.ui.screens.mock_debrief import MockDebriefScreen

    app = make_app()
    app.backend.grades["the output gate"] = HALF
    async with running(app, size=(120, 40)) as pilot:
        await start_interview(pilot)
        for response in ("a product of jacobians that shrinks", "no, it only caps large norms", "1/4", "the output gate"):
            app.backend.clock.advance(10)
            await answer(pilot, response)
        await settle(pilot)
        debrief = app.screen
        assert isinstance(debrief, MockDebriefScreen)
        table = debrief.query_one("#debrief-questions", DataTable)
        assert str(table.get_row_at(2)[1]) == "lstm-path"
        table.focus()
        await pilot.press("down", "down")
        await wait_until(pilot, lambda: debrief.query(ClaimChecklist), "the key points of row 3 read")
        await pilot.press("c")
        assert app.focused is debrief.query_one(ClaimChecklist)


def test_a_point_found_in_other_words_is_quoted_where_those_words_are() -> None:
    """A key point read from the learner's own words ("dies off geometrically" for "shrinks
    exponentially") carries them as its evidence, and a long sentence is quoted around them,
    not around the label's words (which quoted "When you backprop through time, the gradient..."
    in a new user's trial, without the words that decided the point)."""
    from tutor.checks.answers import grade
    from tutor.packs.loader import load_pack
    from tutor.paths import builtin_content_dir
    from tutor.ui.widgets.claim_checklist import point_line

    check = load_pack(builtin_content_dir() / "rnn-gradients").question("q1-vanishing-gradients").check
    answer = ("When you backprop through time, the gradient reaching an early step has been multiplied by one "
              "Jacobian for every step in between, and over a long sequence that product dies off geometrically "
              "once the factors sit below one, so the network never learns dependencies that span many steps.")
    found = {claim.name: claim for claim in grade(check, answer).claims if claim.status == "found"}
    assert found["exponential-shrink"].evidence == "dies off geometrically"
    line = point_line(1, found["exponential-shrink"], selected=False, corrected=False).plain
    assert "…and over a long sequence that product dies off geometrically once…" in line


def test_a_long_sentence_is_quoted_around_the_words_of_its_point() -> None:
    """Cut from its start, a long sentence quoted the words before the ones that decided the point."""
    from tutor.ui.widgets.claim_checklist import quote_around

    sentence = ("No, and it is worth being precise about why. Norm clipping computes the gradient norm and "
                "rescales the whole gradient so every time step contribution is scaled by the same factor.")
    assert quote_around(sentence, "every time step is scaled by the same factor") == (
        "…so every time step contribution is scaled by the same factor.")
    assert quote_around("Clipping only caps large gradients.", "anything") == "Clipping only caps large gradients."
    assert len(quote_around(sentence, "no shared words")) <= 70


DENIED = Grade(
    False, 0.0, "Not quite: your answer states the opposite of a key point (shrinks).\nMissing: product.",
    ("missed:product", "missed:shrinks", "negated:shrinks"),
    claims=(ClaimCheck("product", "concept", "missed", "", "product"),
            ClaimCheck("shrinks", "concept", "contradicted", "the signal does not fade", "shrinks")))


async def test_after_a_correction_the_feedback_agrees_with_the_checklist_in_practice(app: TutorApp, backend) -> None:
    """The learner ticks 'product'; 'shrinks' stays crossed ("you stated the opposite"): the
    corrected feedback listed it under "Missing:", as if the answer had not mentioned it."""
    backend.grades[RESPONSE] = DENIED
    async with running(app, size=(120, 40)) as pilot:
        screen = await answered_in_practice(app, pilot)
        await pilot.press("space")  # point 1, product: found
        checklist = text_of(screen.query_one(ClaimChecklist)).splitlines()
        assert checklist[1].startswith("▸ 1 ✓ product: found") and "(corrected)" in checklist[1]
        assert checklist[2].startswith("  2 ✗ shrinks: you stated the opposite")
        feedback = text_of(screen.query_one(FeedbackView))
        assert "Missing:" not in feedback
        assert "opposite" in feedback.splitlines()[1] and "shrinks" in feedback.splitlines()[1]
        assert "Found: product." in feedback
        await pilot.press("down", "space")  # shrinks corrected to found: nothing is missing or denied
        feedback = text_of(screen.query_one(FeedbackView))
        assert feedback.startswith("✓ Right corrected by you") and "Missing" not in feedback
        assert "opposite" not in feedback


async def test_after_a_correction_the_debrief_feedback_agrees_with_the_checklist(isolated_home) -> None:
    """The debrief said only "Corrected by you (the grader said: …states the opposite of
    shrinks)" after the learner had ticked shrinks: the text contradicted the checklist."""
    from test_mock import make_app


    app = make_app()
    app.backend.grades[RESPONSE] = DENIED
    async with running(app, size=(120, 40)) as pilot:
        debrief = await debrief_after_one_answer(app, pilot)
        assert "Missing: product." in text_of(debrief.query_one("#debrief-question", Static))
        await pilot.press("c", "space")  # product: found; shrinks stays crossed
        shown = text_of(debrief.query_one("#debrief-question", Static))
        assert "Missing" not in shown
        assert ("Feedback: Not quite (as corrected by you): the answer states the opposite of a key point "
                "(shrinks).\nFound: product.\nThe grader said: Not quite:") in shown
        await pilot.press("down", "space")  # shrinks: found
        shown = text_of(debrief.query_one("#debrief-question", Static))
        assert "Feedback: Correct (as corrected by you).\nFound: product, shrinks.\nThe grader said: " in shown


async def test_a_partial_key_point_score_says_how_it_is_counted(app: TutorApp, backend) -> None:
    """"Partly correct: 1 of the 2 key points" under a bare 50% (or 25%): nothing said how
    the percentage was counted."""
    backend.grades[RESPONSE] = HALF
    async with running(app, size=(120, 40)) as pilot:
        await answered_in_practice(app, pilot)
        first = text_of(app.screen.query_one(FeedbackView)).splitlines()[0]
        assert first == "◐ Partly right (50%: key points count half until the answer is complete)"


LONG = "the product of step Jacobians shrinks exponentially as it goes back through time"
WRAPPING = Grade(
    False, 0.25, f"Partly correct: 1 of the 2 key points.\nFound: product.\nMissing: {LONG}.",
    ("hit:product", "missed:shrinks"),
    claims=(ClaimCheck("product", "concept", "found", "the jacobians multiply", "product"),
            ClaimCheck("shrinks", "concept", "missed", "", LONG)))


async def test_wrapped_feedback_and_key_points_hang_under_their_text(app: TutorApp, backend) -> None:
    """At 80 columns "Missing: <a long key point>" and a long checklist point wrapped back to
    the left edge, under the label and the bullet: they start under the text after them."""
    backend.grades[RESPONSE] = WRAPPING
    async with running(app, size=(80, 24)) as pilot:
        screen = await answered_in_practice(app, pilot)
        for widget, first_words, indent in ((screen.query_one(FeedbackView), "Missing: the product", 9),
                                            (screen.query_one(ClaimChecklist), "  2 ○ the product", 6)):
            # the widget as drawn, less its left border and padding ("█ ")
            lines = [strip.text.rstrip()[2:] for strip in widget.render_lines(widget.region.reset_offset)]
            start = next(i for i, line in enumerate(lines) if line.startswith(first_words))
            assert lines[start + 1].strip() and lines[start + 1][:indent] == " " * indent, lines
            assert lines[start + 1][indent] != " ", lines


def test_a_label_is_a_mark_or_a_few_words_before_a_colon() -> None:
    from tutor.ui.widgets.hanging import label_width

    assert [label_width(line) for line in ("Missing: a; b", "Also worth saying: c", "◐ Partly right (25%)",
                                           "The gradient, as it goes back: shrinks", "No label here")] == [9, 19, 2, 0, 0]


async def test_ten_points_or_more_keep_their_marks_in_one_column() -> None:
    """'▸ 1 ✓ …' stood a column left of '  10 ○ …' (question loss-cliffs of the advanced pack):
    the numbers are right-aligned to the widest."""
    from textual.app import App

    claims = [ClaimCheck(f"point-{n}", "concept", "found" if n % 2 else "missed", "", f"point {n}")
              for n in range(1, 12)]

    class OneChecklist(App[None]):
        def compose(self):
            yield ClaimChecklist(claims, pass_count=6)

    app = OneChecklist()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        lines = text_of(app.query_one(ClaimChecklist)).splitlines()[1:]
    assert len(lines) == 11
    assert lines[0].startswith("▸  1 ✓ point 1:") and lines[9].startswith("  10 ○ point 10:"), lines
    assert {line.index(" point ") for line in lines} == {6}


async def test_escape_leaves_the_checklist_before_it_leaves_practice(app: TutorApp, backend) -> None:
    """A learner pressing esc to stop correcting points stays in practice with its tally (it
    went home, and a new practice session started from 0 of 0); esc again goes home."""
    from tutor.ui.screens.home import HomeScreen
    from tutor.ui.screens.practice import PracticeScreen

    backend.grades[RESPONSE] = HALF
    async with running(app, size=(120, 40)) as pilot:
        screen = await answered_in_practice(app, pilot)
        await pilot.press("c", "down", "space")
        assert "1 of 1 right" in text_of(screen.query_one("#title", Static))
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, PracticeScreen) and app.focused is None
        assert "1 of 1 right" in text_of(screen.query_one("#title", Static))
        await pilot.press("c")
        assert app.focused is screen.query_one(ClaimChecklist)
        await pilot.press("escape", "escape")
        await wait_until(pilot, lambda: isinstance(app.screen, HomeScreen), "home after a second esc")


async def test_escape_in_the_debriefs_checklist_goes_back_to_the_questions(isolated_home) -> None:
    from test_mock import make_app
    from textual.widgets import DataTable

    from tutor.ui.screens.mock_debrief import MockDebriefScreen

    app = make_app()
    app.backend.grades[RESPONSE] = HALF
    async with running(app, size=(120, 40)) as pilot:
        debrief = await debrief_after_one_answer(app, pilot)
        await pilot.press("c")
        assert app.focused is debrief.query_one(ClaimChecklist)
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, MockDebriefScreen)
        assert app.focused is debrief.query_one("#debrief-questions", DataTable)
