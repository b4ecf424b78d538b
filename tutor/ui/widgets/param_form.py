"""A form generated from a simulation's declared parameters, plus the seed.

Numbers are `OrderedInput`s (every key applied in the order typed, however fast)
showing their allowed range; a value that does not fit is refused there and then with
the declaration's own one-line message (`Param.coerce`), so the form and `tutor sim`
agree on what is valid. Choices are `Select`s, booleans
`Switch`es. Every change posts `ParamForm.Changed` with the values, or the problems.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Literal

from textual import on
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.content import Content
from textual.message import Message
from textual.validation import ValidationResult, Validator
from textual.widget import Widget
from textual.widgets import Input, Label, Select, Static, Switch

from tutor.ui.widgets.ordered_keys import OrderedInput

if TYPE_CHECKING:
    from tutor.evidence.spec import EvidenceSpec, Param

MAX_SEED = 2**31 - 1
INPUT_TYPES: dict[str, Literal["integer", "number", "text"]] = {"int": "integer", "float": "number", "floats": "text"}


class ParamValidator(Validator):
    """Valid when the declaration accepts the text (marks the Input invalid otherwise)."""

    def __init__(self, param: Param) -> None:
        super().__init__()
        self.param = param

    def validate(self, value: str) -> ValidationResult:
        from tutor.evidence.spec import ParamError

        try:
            self.param.coerce(value)
        except ParamError as error:
            return self.failure(str(error))
        return self.success()


class ParamForm(Vertical):
    """One control per parameter (name, control, then its range or what is wrong), and the seed."""

    DEFAULT_CSS = """
    ParamForm {
        height: auto;
        & .param-row { height: 1; }
        & .param-name { width: 14; }
        & Input, & Select { width: 1fr; }
        & Input { background: $boost; }
        & Switch { border: none; height: 1; padding: 0; width: auto; }
        & .param-note { color: $text-muted; margin: 0 0 0 14; }
        & .param-note.-invalid { color: $text-error; }
    }
    """

    class Changed(Message):
        """A value changed: `values` and `seed` when everything is valid, else `problems`."""

        def __init__(self, form: ParamForm, values: dict[str, Any] | None, seed: int | None,
                     problems: list[tuple[str, str]]) -> None:
            super().__init__()
            self.form = form
            self.values = values
            self.seed = seed
            self.problems = problems

    def __init__(self, spec: EvidenceSpec, values: Mapping[str, Any], seed: int, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        from tutor.evidence.spec import Param

        self.spec = spec
        self.initial = dict(values)
        self.seed_param = Param("seed", "int", 0, "random seed of the run", 0, MAX_SEED)
        self.initial_seed = seed
        self.params = {param.name: param for param in (*spec.params, self.seed_param)}

    def compose(self) -> ComposeResult:
        for param in self.spec.params:
            yield from self._row(param, self.initial.get(param.name, param.default))
        yield from self._row(self.seed_param, self.initial_seed)

    def _row(self, param: Param, value: Any) -> ComposeResult:
        with Horizontal(classes="param-row"):
            yield Label(param.name, classes="param-name")
            yield self._control(param, value)
        note = Static(self._note(param), id=f"note-{param.name}", classes="param-note")
        note.display = param.kind not in ("choice", "bool")  # the control shows what is allowed
        yield note

    def _control(self, param: Param, value: Any) -> Widget:
        control_id = f"param-{param.name}"
        if param.kind == "choice":
            return Select([(choice, choice) for choice in param.choices], value=str(value), allow_blank=False,
                          compact=True, id=control_id, tooltip=param.help)
        if param.kind == "bool":
            return Switch(value=bool(param.coerce(value)), id=control_id, tooltip=param.help)
        return OrderedInput(param.format(value), type=INPUT_TYPES[param.kind], compact=True, id=control_id,
                     validators=[ParamValidator(param)], tooltip=param.help, select_on_focus=False)

    @staticmethod
    def _note(param: Param) -> Content:
        return Content(param.describe_range())

    def control(self, name: str) -> Widget:
        return self.query_one(f"#param-{name}")

    def read(self) -> tuple[dict[str, Any], int | None, list[tuple[str, str]]]:
        """(values, seed, problems): the coerced values of every control; `problems` lists
        (name, message) for each value refused (then values and seed are incomplete)."""
        from tutor.evidence.spec import ParamError

        values: dict[str, Any] = {}
        problems: list[tuple[str, str]] = []
        for name, param in self.params.items():
            try:
                values[name] = param.coerce(self._raw(name))
            except ParamError as error:
                problems.append((name, str(error)))
        seed = values.pop("seed", None)
        return values, seed, problems

    def _raw(self, name: str) -> Any:
        control = self.control(name)
        if isinstance(control, Input):
            return control.value
        if isinstance(control, Switch):
            return control.value
        assert isinstance(control, Select)
        return control.value  # Select: never blank (allow_blank=False)

    def set_value(self, name: str, value: Any) -> None:
        """Put `value` in the control of `name` (posts `Changed` like a person's edit)."""
        control, param = self.control(name), self.params[name]
        if isinstance(control, Input):
            control.value = param.format(value)
        else:
            assert isinstance(control, (Switch, Select))
            control.value = value

    def _changed(self, name: str) -> None:
        values, seed, problems = self.read()
        note = self.query_one(f"#note-{name}", Static)
        mine = [message for problem_name, message in problems if problem_name == name]
        note.update(Content(mine[0]) if mine else self._note(self.params[name]))
        note.set_class(bool(mine), "-invalid")
        note.display = bool(mine) or self.params[name].kind not in ("choice", "bool")
        self.post_message(self.Changed(self, None if problems else values, seed, problems))

    @on(Input.Changed)
    @on(Select.Changed)
    @on(Switch.Changed)
    def _control_changed(self, event: Input.Changed | Select.Changed | Switch.Changed) -> None:
        event.stop()
        control_id = event.control.id or ""
        if control_id.startswith("param-"):
            self._changed(control_id.removeprefix("param-"))
