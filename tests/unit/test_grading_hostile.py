"""Hostile and fuzzed responses: grade never raises, returns in time, evaluates nothing."""

from __future__ import annotations

import contextlib
import time
from pathlib import Path

import pytest
from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st

from tutor.checks.answers import grade
from tutor.grading import warm_up

ROOT = Path(__file__).resolve().parents[2]
TIMEOUT = 1.0
MARGIN = 1.5  # a hang guard: the loaded CI machine must not turn it into a flake

CHECKS = {
    "symbolic": {"kind": "symbolic", "variables": ["w", "h", "x", "sigma"], "answers": ["w*(1 - tanh(w*h + x)^2)"]},
    "numeric": {"kind": "numeric", "answer": "0.9^20"},
    "choice": {"kind": "choice", "options": [{"text": "yes", "correct": True}, {"text": "no", "correct": True},
                                             {"text": "maybe"}]},
    "concepts": {
        "kind": "concepts",
        "concepts": [{"name": "exponential-decay", "phrases": ["decays exponentially"]}],
        "misconceptions": [{"name": "clipping-fixes-vanishing", "phrases": ["clipping fixes vanishing"],
                            "feedback": "It does not."}],
    },
    "self": {"kind": "self"},
}
HOSTILE = [
    "__import__('os').system('touch pwned')",
    "().__class__",
    "().__class__.__base__.__subclasses__()",
    "9**9**9**9",
    "(" * 10_000 + ")" * 10_000,
    "x" * 1_000_000,
    "open('pwned', 'w').write('x')",
    "exec(\"open('pwned','w')\")",
    "lambda: __import__('os')",
    "[c for c in ().__class__.__bases__]",
    "'a' * 10**10",
    "(2**1000)**1000",
    "-" * 499 + "1",
    "1" + "e" * 400,
    "\x00\x1b[2J",
]


@pytest.fixture(autouse=True)
def _in_a_scratch_folder(tmp_path, monkeypatch):
    """Any side effect of evaluating code would create `pwned` here or in the repository."""
    monkeypatch.chdir(tmp_path)
    yield
    assert not (tmp_path / "pwned").exists() and not (ROOT / "pwned").exists()


@pytest.fixture(scope="module", autouse=True)
def _worker_ready():
    warm_up()
    grade(CHECKS["symbolic"], "w", timeout=10.0)


@pytest.mark.parametrize("kind", ["symbolic", "numeric"])
@pytest.mark.parametrize("response", HOSTILE, ids=range(len(HOSTILE)))
def test_hostile_expressions_are_invalid_quickly(kind: str, response: str) -> None:
    started = time.perf_counter()
    result = grade(CHECKS[kind], response, timeout=TIMEOUT)
    assert time.perf_counter() - started < 1.0  # a hang guard, generous for a loaded CI machine
    assert result.invalid and not result.correct and result.score == 0.0
    assert result.notes[0].startswith("format:")


@pytest.mark.parametrize("response", HOSTILE, ids=range(len(HOSTILE)))
def test_hostile_text_is_harmless_for_choice_and_concepts(response: str) -> None:
    started = time.perf_counter()
    assert grade(CHECKS["choice"], response).invalid
    concept_grade = grade(CHECKS["concepts"], response)
    assert not concept_grade.correct and concept_grade.score == 0.0
    assert time.perf_counter() - started < 1.0


def test_the_expected_messages_for_the_classic_attacks() -> None:
    cases = {
        "__import__('os').system('touch pwned')": ("format:unknown-name", 0),
        "().__class__": ("format:character", 2),
        "9**9**9**9": ("format:exponent", 6),
        "(" * 10_000 + ")" * 10_000: ("format:too-long", 500),
        "x" * 1_000_000: ("format:too-long", 500),
    }
    for response, (note, offset) in cases.items():
        result = grade(CHECKS["symbolic"], response)
        assert (result.notes, result.error_offset) == ((note,), offset)
    assert grade(CHECKS["concepts"], "x" * 1_000_000).notes == ("format:too-long",)


# ---- fuzzing ------------------------------------------------------------------------

EXPRESSION_PIECES = [
    "w", "h", "x", "sigma", "σ", "γ", "2", "0.5", "9", "1e3", "(", ")", "+", "-", "*", "/", "^", "**", "²", "%",
    "tanh(", "exp(", "log(", "sigmoid(", "max(", "abs(", ",", " ", ".", "'", "__import__", "lambda", "e", "pi",
    "__class__", "[", "]", "=", "os", "system", "1/0", "--", ")(",
]
expressions = st.lists(st.sampled_from(EXPRESSION_PIECES), max_size=30).map("".join)
numbers = st.one_of(
    st.floats(allow_nan=False, allow_infinity=False).map(repr),
    st.tuples(st.floats(allow_nan=False, allow_infinity=False), st.sampled_from(["+", "-", "*", "/", "^", "%"]),
              st.floats(allow_nan=False, allow_infinity=False)).map(lambda parts: f"{parts[0]!r}{parts[1]}{parts[2]!r}"),
)
anything = st.one_of(st.text(max_size=200), expressions, numbers)
FUZZ = settings(max_examples=150, deadline=None, derandomize=True, database=None,
                suppress_health_check=[HealthCheck.function_scoped_fixture])


def _timed_grade(kind: str, response) -> None:
    started = time.perf_counter()
    result = grade(CHECKS[kind], response, timeout=TIMEOUT)
    elapsed = time.perf_counter() - started
    assert elapsed < TIMEOUT + MARGIN, (response, elapsed)
    assert 0.0 <= result.score <= 1.0
    assert not (result.invalid and result.correct)
    if result.invalid:
        assert result.notes[0].startswith("format:") and result.feedback
    event(result.notes[0] if result.notes else "no notes")


@FUZZ
@given(response=anything)
def test_fuzz_symbolic(response: str) -> None:
    _timed_grade("symbolic", response)


leaves = st.sampled_from(["w", "h", "x", "σ", "sigma", "2", "0.5", "9", "1e3", "pi", "e", "1000", "1e-320", "1e300", "0"])
well_formed = st.recursive(
    leaves,
    lambda inner: st.one_of(
        st.tuples(inner, st.sampled_from(["+", "-", "*", "/", "^", " ", "·"]), inner).map(
            lambda parts: f"({parts[0]}){parts[1]}({parts[2]})"
        ),
        st.tuples(st.sampled_from(["tanh", "exp", "log", "sigmoid", "sqrt", "abs", "cosh"]), inner).map(
            lambda parts: f"{parts[0]}({parts[1]})"
        ),
        st.tuples(inner, inner).map(lambda parts: f"max({parts[0]}, {parts[1]})"),
        inner.map(lambda part: f"-{part}"),
    ),
    max_leaves=12,
)


@FUZZ
@given(response=well_formed)
def test_fuzz_symbolic_with_well_formed_expressions(response: str) -> None:
    """These reach SymPy: whatever it makes of them, the answer comes within the time limit."""
    _timed_grade("symbolic", response)


@FUZZ
@given(response=anything)
def test_fuzz_numeric(response: str) -> None:
    _timed_grade("numeric", response)


@FUZZ
@given(response=st.one_of(st.text(max_size=60), st.lists(st.text(max_size=3), max_size=5)))
def test_fuzz_choice(response) -> None:
    _timed_grade("choice", response)


@FUZZ
@given(response=st.one_of(st.text(max_size=400), st.lists(st.sampled_from(
    ["clipping", "fixes", "vanishing", "not", "doesn't", "decays", "exponentially", ",", ".", "no", "never"]
), max_size=20).map(" ".join)))
def test_fuzz_concepts(response: str) -> None:
    _timed_grade("concepts", response)


@FUZZ
@given(response=st.text(max_size=100))
def test_fuzz_self(response: str) -> None:
    _timed_grade("self", response)


def test_no_fuzzed_response_escaped_into_code() -> None:
    """Belt and braces beside the per-test check: nothing imported a module named by a payload."""
    import sys

    assert "os.system" not in sys.modules and "pwned" not in sys.modules
    with contextlib.suppress(FileNotFoundError):
        assert not Path("pwned").exists()
