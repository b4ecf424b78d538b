"""What study and practice share: one question at a time, answered, then revealed.

A card is the question, the answer box and, hidden until the answer is in, the
verdict, the model answer and the evidence panel. The panel is mounted with the card,
so its workers start at once and the plot is usually ready when the answer is; the
next card replaces the old one, which cancels whatever evidence was still running.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical, VerticalScroll
from textual.content import Content
from textual.screen import Screen
from textual.widget import Widget
from textual.widgets import Static

from tutor.memory import collect_left_behind
from tutor.ui.navigation import GoHome, OpenLab, Reopenable, backend_of
from tutor.ui.screens.lab_pick import LabPickScreen, LabTarget
from tutor.ui.widgets.answer_box import AnswerBox
from tutor.ui.widgets.answer_view import AnswerView
from tutor.ui.widgets.claim_checklist import ClaimChecklist
from tutor.ui.widgets.evidence_panel import RERUN_BINDING, EvidencePanel
from tutor.ui.widgets.feedback_view import FeedbackView
from tutor.ui.widgets.question_view import QuestionView
from tutor.ui.widgets.quiet_footer import QuietFooter
from tutor.ui.widgets.title_bar import TitleBar
from tutor.words import plural

if TYPE_CHECKING:
    from tutor.grading.result import Grade
    from tutor.packs.model import Pack
    from tutor.packs.schema import Question
    from tutor.store.reviews import Mode


REVEALED_LINES_IN_VIEW = 8
"""How much of the revealed answer must be visible without scrolling the question away."""


class QuestionScreen(Reopenable, Screen[None]):
    """Base of the study and practice screens (not a mode of its own)."""

    BINDINGS = [
        RERUN_BINDING,
        Binding("l", "open_lab", "Lab", tooltip="Open this simulation in the lab"),
        Binding("c", "checklist", "Key points", tooltip="Correct the key points the grader read in your answer"),
        Binding("escape", "home", "Home"),
        Binding("up", "scroll_card('up')", "Scroll up", show=False),
        Binding("down", "scroll_card('down')", "Scroll down", show=False),
        Binding("pageup", "scroll_card('page_up')", "Page up", show=False),
        Binding("pagedown", "scroll_card('page_down')", "Page down", show=False),
    ]
    MODE_TITLE = ""
    MODE: Mode = "practice"
    """The mode stored with what the learner does here (`study` or `practice`)."""
    FOCUS_CHECKLIST = True
    """Whether the key-point checklist takes the focus when the answer is revealed (study
    leaves it on the suggested rating, so enter still accepts it; c reaches the checklist)."""

    def __init__(self, pack: Pack, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.pack = pack
        self.question: Question | None = None
        self.revealed = False
        self.grade: Grade | None = None
        self.response: str | None = None
        self.seconds = 0.0

    def on_mount(self) -> None:
        """Let grading get ready (its SymPy process) while the learner reads the first question."""
        self.run_worker(backend_of(self).prepare_grading, thread=True, group="prepare-grading",
                        exit_on_error=False)

    # ---- layout -----------------------------------------------------------------

    def compose(self) -> ComposeResult:
        yield TitleBar(self.MODE_TITLE, str(self.pack.meta.title), id="title", classes="title-bar")
        yield from self.compose_above_card()
        yield VerticalScroll(id="card")
        yield from self.compose_below_card()
        yield QuietFooter()

    def compose_above_card(self) -> ComposeResult:
        yield from ()

    def compose_below_card(self) -> ComposeResult:
        yield from ()

    def revealed_widgets(self, question: Question) -> list[Widget]:
        """What appears once the answer is in; subclasses add to it."""
        backend = backend_of(self)
        return [
            FeedbackView(),
            AnswerView(question, backend.expected_answer),
            EvidencePanel(question.evidence, backend.run_evidence, cached=backend.cached_evidence),
        ]

    def reload_options(self) -> dict[str, Any] | None:
        """How to reopen this mode when its pack is reloaded (`tutor --watch`): the options
        that bring the learner back to the same place, or None to keep this screen."""
        return {}

    def status(self) -> str:
        """The right-hand part of the title bar."""
        return ""

    def update_title(self) -> None:
        self.query_one("#title", TitleBar).show(subject=str(self.pack.meta.title), status=self.status())

    # ---- the card ---------------------------------------------------------------

    async def show_question(self, question: Question | None) -> None:
        """Replace the card by `question` (None: nothing left, show `finished`)."""
        card = self.query_one("#card", VerticalScroll)
        await card.remove_children()
        # Textual keeps query_one's answers in a 1024-entry cache on the screen, keyed by a
        # count of DOM changes: the answers about the card just removed (its answer box, its
        # evidence panel...) are never asked for again but held every widget of every question
        # left behind, so memory grew through a pack (textual 8.2.8, pinned; a test watches it)
        self._query_one_cache.clear()
        # the card just left is garbage now, and the collector's next full pass would land in
        # the next reveal (mounting evidence allocates the most): run it here, between cards
        collect_left_behind()
        self.question, self.revealed, self.grade, self.response, self.seconds = question, False, None, None, 0.0
        if question is None:
            await card.mount(Static(self.finished(), id="finished"))
        else:
            backend = backend_of(self)
            box = AnswerBox(question, backend.grade, backend.clock)
            revealed = Vertical(*self.revealed_widgets(question), id="revealed")
            revealed.display = False
            # the pack's own question, with its params if it is a variant
            original = next((q for q in self.pack.questions if q.id == question.id), None)
            view = QuestionView(question, drawn=bool(getattr(original, "params", None)))
            await card.mount_all([view, *self.widgets_before_answer(question), box, revealed])
            box.focus_input()
        card.scroll_home(animate=False)
        self.update_title()
        self.refresh_bindings()

    def widgets_before_answer(self, question: Question) -> list[Widget]:
        return []

    def finished(self) -> Content:
        return Content("Nothing left here.")

    def reveal(self, *, grade: Grade | None, response: str | None, seconds: float) -> None:
        """Show the verdict (if graded), the model answer and the evidence."""
        self.revealed, self.grade, self.response, self.seconds = True, grade, response, seconds
        revealed = self.query_one("#revealed", Vertical)
        checklist = None
        if grade is not None:
            feedback = self.query_one(FeedbackView)
            feedback.show_grade(grade)
            checklist = self._checklist_for(grade)
            if checklist is not None:
                revealed.mount(checklist, after=feedback)
        revealed.display = True
        if checklist is None:
            # before the input closes: focus moves once, from the input to the card, instead of
            # to whatever Textual picks when a focused widget is disabled and then to the card
            # (each move restyles the card and everything in it)
            self.query_one("#card", VerticalScroll).focus()  # arrows scroll; letter keys reach the screen
        self.query_one(AnswerBox).close_input()
        if checklist is not None and self.FOCUS_CHECKLIST:  # up/down pick a point, space toggles
            self.call_after_refresh(checklist.focus)
        self.after_reveal()
        self.update_title()
        self.refresh_bindings()
        self.call_after_refresh(self._bring_revealed_into_view)

    def _checklist_for(self, grade: Grade) -> ClaimChecklist | None:
        """The rubric checklist of a free-text grade (None for any other answer)."""
        claims = tuple(getattr(grade, "claims", ()) or ())
        check = getattr(self.question, "check", None)
        if check is None or not claims or getattr(check, "kind", None) != "concepts":
            return None
        return ClaimChecklist(claims, check.pass_count, undecided=grade.undecided, id="claim-checklist")

    @on(ClaimChecklist.Corrected)
    def _corrected(self, event: ClaimChecklist.Corrected) -> None:
        """Show the learner's verdict, store it, and let the mode update its counts."""
        event.stop()
        automatic, question = self.query_one(FeedbackView).automatic, self.question
        if automatic is None or question is None:
            return
        corrected = event.checklist.corrected_grade
        self.query_one(FeedbackView).show_corrected(corrected)
        before, self.grade = self.grade, corrected or automatic
        backend_of(self).record_correction(self.pack, question, mode=self.MODE,
                                           response=self.response or "", automatic=automatic,
                                           corrected=event.grade)
        self.after_correction(before, self.grade)
        self.update_title()
        self.refresh_bindings()

    def after_correction(self, before: Grade | None, after: Grade) -> None:
        """Hook: the verdict changed from `before` to `after` by the learner's correction."""

    def _bring_revealed_into_view(self) -> None:
        """Keep the question in sight when the first lines of the answer fit below it;
        otherwise scroll the answer to the top. (Scheduled after the reveal's refresh: by
        then the screen may have been closed, or the card replaced, and there is nothing
        left to scroll; a traceback seen once in the evidence benchmark.)"""
        card = next(iter(self.query("#card").results(VerticalScroll)), None)
        revealed = next(iter(self.query("#revealed").results(Vertical)), None)
        if card is None or revealed is None:
            return
        if revealed.virtual_region.y + REVEALED_LINES_IN_VIEW > card.scrollable_content_region.height:
            card.scroll_to_widget(revealed, top=True, animate=False)

    def after_reveal(self) -> None:
        """Hook: move focus, pre-select a rating ..."""

    @on(AnswerBox.Graded)
    def _graded(self, event: AnswerBox.Graded) -> None:
        self.reveal(grade=event.grade, response=event.response, seconds=event.seconds)

    # ---- actions ----------------------------------------------------------------

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "rerun_evidence":
            return self.revealed and self._panel_rerunnable()
        if action == "open_lab":
            return self.revealed and bool(self._lab_targets())
        if action == "checklist":
            return self.revealed and bool(self.query(ClaimChecklist))
        return True

    def _panel_rerunnable(self) -> bool:
        panels = self.query(EvidencePanel)
        return bool(panels) and panels.first().rerunnable

    def action_rerun_evidence(self) -> None:
        """Run the simulations again with a new seed."""
        started = self.query_one(EvidencePanel).rerun()
        if started:
            self.notify(f"Re-running {plural(started, 'simulation')} with a new seed.",
                        timeout=2)

    def _lab_targets(self) -> list[LabTarget]:
        panels = self.query(EvidencePanel)
        if not panels:
            return []
        return [LabTarget(view.evidence_name, view.title, dict(view.params), view.seed)
                for view in panels.first().views if view.rerunnable]

    def action_open_lab(self) -> None:
        """Open this question's simulation in the lab, with its parameters and seed."""
        targets = self._lab_targets()
        if len(targets) == 1:
            self.post_message(OpenLab(targets[0]))
        elif targets:
            self.app.push_screen(LabPickScreen(targets), self._lab_target_chosen)

    def _lab_target_chosen(self, target: LabTarget | None) -> None:
        if target is not None:
            self.post_message(OpenLab(target))

    def action_scroll_card(self, how: str) -> None:
        """Scroll the card whatever has focus (a rating button, the answer box ...)."""
        card = self.query_one("#card", VerticalScroll)
        {"up": card.scroll_up, "down": card.scroll_down,
         "page_up": card.scroll_page_up, "page_down": card.scroll_page_down}[how](animate=False)

    def action_checklist(self) -> None:
        """Go to the key points of your answer: up/down picks one, space toggles it."""
        checklists = self.query(ClaimChecklist)
        if checklists:
            checklist = checklists.first()
            checklist.focus()
            checklist.show_in_view()  # already focused after the reveal, focus() alone scrolls nothing

    def action_home(self) -> None:
        """Back to the home screen (anything still computing is cancelled)."""
        self.post_message(GoHome())
