"""Symbolic grading: tables of equivalent and non-equivalent answers, feedback, time limits.

The tables cover the RNN-gradient pack's symbolic questions: the one-step Jacobian of a
scalar RNN, the derivatives of sigmoid and tanh, the scale factor after k steps, the
clipping rule, the LSTM cell path, residual paths. Each row also says what SymPy decides
(`equal` when it proves the identity, `unknown` when only the numeric judge can tell);
neither table may ever show the two judges contradicting each other.
"""

from __future__ import annotations

import threading
import time

import pytest

from tutor.checks.answers import grade
from tutor.grading import warm_up


@pytest.fixture(scope="module", autouse=True)
def _worker_ready():
    warm_up()
    grade({"kind": "symbolic", "variables": ["x"], "answers": ["x"]}, "x", timeout=10.0)


RNN = ["w", "h", "u", "x", "b"]
J = "w*(1 - tanh(w*h + u*x + b)^2)"
SIG = "sigmoid(z)*(1 - sigmoid(z))"
TANH = "1 - tanh(z)^2"
SCALE = "(gamma*sigma)^k"
CLIP = "tau*g/abs(g)"
EQUIVALENT = [
    (RNN, J, "w/cosh(w*h + u*x + b)^2", "equal"),
    (RNN, J, "w - w tanh(wh + ux + b)^2", "equal"),
    (RNN, J, "w(1 - tanh(wh+ux+b))(1 + tanh(wh+ux+b))", "equal"),
    (RNN, J, "4w/(exp(wh+ux+b) + exp(-wh-ux-b))^2", "equal"),
    (RNN, J, "w*(1 - tanh(b + u*x + h*w)**2)", "equal"),
    (RNN, J, "w·(1 − tanh(w·h + u·x + b)²)", "equal"),
    (["z"], SIG, "exp(-z)/(1 + exp(-z))^2", "equal"),
    (["z"], SIG, "exp(z)/(1 + exp(z))^2", "equal"),
    (["z"], SIG, "sigmoid(z) - sigmoid(z)^2", "equal"),
    (["z"], SIG, "sigmoid(z)*sigmoid(-z)", "equal"),
    (["z"], SIG, "1/(4cosh(z/2)^2)", "equal"),
    (["z"], SIG, "σ(z)(1-σ(z))", "equal"),
    (["z"], TANH, "1/cosh(z)^2", "equal"),
    (["z"], TANH, "(1 - tanh(z))(1 + tanh(z))", "equal"),
    (["z"], TANH, "4/(e^z + e^-z)^2", "equal"),
    (["z"], TANH, "1 - (exp(2z) - 1)^2/(exp(2z) + 1)^2", "equal"),
    (["z"], "tanh(z)", "2 sigmoid(2z) - 1", "equal"),
    (["z"], "tanh(z)", "(exp(2z) - 1)/(exp(2z) + 1)", "equal"),
    (["z"], "sigmoid(z)", "(1 + tanh(z/2))/2", "equal"),
    (["z"], "sigmoid(-z)", "1 - sigmoid(z)", "equal"),
    (["gamma", "sigma", "k"], SCALE, "gamma^k sigma^k", "unknown"),
    (["gamma", "sigma", "k"], SCALE, "exp(k log(gamma sigma))", "equal"),
    (["gamma", "sigma", "k"], SCALE, "(σγ)^k", "equal"),
    (["gamma", "sigma", "k"], SCALE, "(gamma sigma)**k", "equal"),
    (["sigma", "k"], "(sigma/4)^k", "sigma^k/4^k", "equal"),
    (["sigma", "k"], "(sigma/4)^k", "(0.25σ)^k", "equal"),
    (["gamma"], "1/gamma", "gamma^-1", "equal"),
    (["gamma"], "1/gamma", "γ⁻¹", "equal"),
    (["tau", "g"], CLIP, "tau*abs(g)/g", "equal"),
    (["tau", "g"], CLIP, "τ g/sqrt(g^2)", "equal"),
    (["tau", "g"], CLIP, "g(τ/abs(g))", "equal"),
    (["tau", "g"], "min(1, tau/abs(g))*g", "g min(abs(g), tau)/abs(g)", "unknown"),
    (["f", "k"], "f^k", "exp(k log(f))", "equal"),
    (["f", "c"], "f*c", "c f", "equal"),
    (["w", "z", "k"], "(w*(1 - tanh(z)^2))^k", "w^k (1 - tanh(z)^2)^k", "equal"),
    (["w", "z"], "1 + w*(1 - tanh(z)^2)", "1 + w/cosh(z)^2", "equal"),
    (["z"], "1 - z", "-(z - 1)", "equal"),
    (["z"], "relu(z)", "(z + abs(z))/2", "unknown"),
    (["z"], "relu(z)", "max(z, 0)", "equal"),
    (["z"], "1/4", "sigmoid(0)(1 - sigmoid(0))", "equal"),
    (["z"], "0.9^20", "(9/10)^20", "equal"),
    (["z"], "0.12", "12%", "equal"),
    (["w", "x"], "w*(1 - x)", "w - wx", "equal"),
    (["lambda", "T"], "lambda^T", "λ^T", "equal"),
    (["t", "tau"], "exp(-t/tau)", "1/exp(t/τ)", "equal"),
    (["gamma", "k"], "k*log(gamma)", "log(gamma^k)", "unknown"),
    (["x"], "abs(x)", "sqrt(x^2)", "equal"),
    (["x"], "x^2 - 1", "(x - 1)(x + 1)", "equal"),
    (["a", "b"], "(a + b)^2", "a^2 + 2ab + b^2", "equal"),
    (["w", "k"], "w^(k + 1)", "w^k w", "equal"),
    (["x"], "1/x", "x⁻¹", "equal"),
]
NOT_EQUIVALENT = [
    (RNN, J, "w*(1 - tanh(w*h + u*x)^2)"),
    (RNN, J, "1 - tanh(w*h + u*x + b)^2"),
    (RNN, J, "w*(1 - tanh(w*h + u*x + b))^2"),
    (RNN, J, "w*tanh(w*h + u*x + b)^2"),
    (RNN, J, "w*(1 + tanh(w*h + u*x + b)^2)"),
    (RNN, J, "1 - tanh(w*h + u*x + b)^2*w"),
    (RNN, J, "w*(1 - tanh(w*h + u*x + b))"),
    (RNN, J, "h*(1 - tanh(w*h + u*x + b)^2)"),
    (RNN, J, "w*(1 - tanh(w*h + u*x + b)^2)*h"),
    (["z"], SIG, "sigmoid(z)"),
    (["z"], SIG, "sigmoid(z)^2"),
    (["z"], SIG, "1 - sigmoid(z)^2"),
    (["z"], SIG, "sigmoid(z)*(1 + sigmoid(z))"),
    (["z"], SIG, "exp(-z)/(1 + exp(-z))"),
    (["z"], TANH, "1 - tanh(z)"),
    (["z"], TANH, "tanh(z)^2 - 1"),
    (["z"], TANH, "1 - tanh(z^2)"),
    (["z"], TANH, "1/cosh(z)"),
    (["z"], "tanh(z)", "sigmoid(z)"),
    (["z"], "tanh(z)", "2 sigmoid(z) - 1"),
    (["gamma", "sigma", "k"], SCALE, "gamma sigma^k"),
    (["gamma", "sigma", "k"], SCALE, "(gamma sigma)^(k - 1)"),
    (["gamma", "sigma", "k"], SCALE, "k gamma sigma"),
    (["gamma", "sigma", "k"], SCALE, "gamma^k + sigma^k"),
    (["gamma", "sigma", "k"], SCALE, "(gamma + sigma)^k"),
    (["tau", "g"], CLIP, "tau*g"),
    (["tau", "g"], CLIP, "g/abs(g)"),
    (["tau", "g"], CLIP, "tau/abs(g)"),
    (["tau", "g"], CLIP, "tau*abs(g)"),
    (["tau", "g"], CLIP, "min(1, tau/abs(g))*g"),
    (["f", "k"], "f^k", "k f"),
    (["f", "k"], "f^k", "f"),
    (["w", "z"], "1 + w*(1 - tanh(z)^2)", "w*(1 - tanh(z)^2)"),
    (["z"], "1 - z", "z"),
    (["z"], "relu(z)", "abs(z)"),
    (["z"], "relu(z)", "z"),
    (["z"], "0.9^20", "0.9*20"),
    (["gamma"], "1/gamma", "gamma"),
    (["z"], "1/4", "sigmoid(0)"),
    (["x"], "abs(x)", "x"),
    (["gamma", "k"], "k*log(gamma)", "log(gamma)^k"),
    (["t", "tau"], "exp(-t/tau)", "exp(-t*tau)"),
    (["x"], "x^2 - 1", "(x - 1)^2"),
    (["a", "b"], "(a + b)^2", "a^2 + b^2"),
    (["w", "k"], "w^(k + 1)", "w^k + w"),
    (["x"], "sin(x)^2 + cos(x)^2", "2"),
]

@pytest.mark.parametrize(("variables", "expected", "response", "sympy_verdict"), EQUIVALENT)
def test_equivalent_answers_are_correct(variables, expected, response, sympy_verdict) -> None:
    result = grade({"kind": "symbolic", "variables": variables, "answers": [expected]}, response)
    assert result.correct and result.score == 1.0
    assert result.notes == (f"sympy:{sympy_verdict}", "numeric:equal")
    assert result.feedback == "Correct: equivalent to the expected answer."


@pytest.mark.parametrize(("variables", "expected", "response"), NOT_EQUIVALENT)
def test_non_equivalent_answers_are_wrong(variables, expected, response) -> None:
    result = grade({"kind": "symbolic", "variables": variables, "answers": [expected]}, response)
    assert not result.correct and not result.invalid and not result.undecided and result.score == 0.0
    assert result.notes == ("sympy:different", "numeric:different")
    assert result.feedback.startswith("Not equivalent to the expected answer. At ")


def test_tables_are_large_enough() -> None:
    assert len(EQUIVALENT) >= 40 and len(NOT_EQUIVALENT) >= 40


def test_wrong_answer_feedback_shows_a_point_where_they_differ() -> None:
    result = grade({"kind": "symbolic", "variables": ["w", "z"], "answers": ["w*(1 - tanh(z)^2)"]}, "w*(1 - tanh(z))")
    assert result.feedback == (
        "Not equivalent to the expected answer. At w = 1.219, z = 0.632 yours gives 0.537057 "
        "but the expected answer gives 0.837502."
    )


def test_greek_variables_show_as_letters_in_feedback() -> None:
    result = grade({"kind": "symbolic", "variables": ["gamma", "k"], "answers": ["gamma^k"]}, "k*γ")
    assert result.feedback.startswith("Not equivalent to the expected answer. At γ = 1.219, k = 0.632 yours gives")


def test_any_of_several_answers_is_accepted_and_named() -> None:
    check = {"kind": "symbolic", "variables": ["z"], "answers": ["sigmoid(z)*(1 - sigmoid(z))", "exp(-z)/(1 + exp(-z))^2"]}
    result = grade(check, "exp(z)/(1 + exp(z))^2")
    assert result.correct and result.feedback == "Correct: equivalent to sigmoid(z)·(1 − sigmoid(z))."
    assert not grade(check, "sigmoid(z)").correct


def test_sympy_catches_a_difference_too_small_for_floats() -> None:
    result = grade({"kind": "symbolic", "variables": ["x"], "answers": ["x"]}, "x + 1e-12")
    assert not result.correct
    assert result.notes == ("sympy:different", "numeric:equal", "crosscheck:disagree")
    assert result.feedback == (
        "Not equivalent to the expected answer, though the two differ only slightly at the points tried."
    )


def test_format_error_points_at_the_character_and_is_not_an_attempt() -> None:
    result = grade({"kind": "symbolic", "variables": ["w", "h"], "answers": ["w*h"]}, "w*q")
    assert result.invalid and not result.correct and result.error_offset == 2
    assert result.notes == ("format:unknown-name",)
    assert result.feedback == (
        "Could not read your answer: unknown name 'q' (variables: w, h; constants: pi, e; functions: the standard "
        "ones (tanh, sigmoid, exp, log, ...)) (at character 3)."
    )


def test_functions_can_be_narrowed_per_check() -> None:
    check = {"kind": "symbolic", "variables": ["z"], "answers": ["1 - tanh(z)^2"], "functions": ["tanh"]}
    result = grade(check, "1/cosh(z)^2")
    assert result.invalid and result.error_offset == 2 and result.notes == ("format:function",)
    assert grade(check, "1 - tanh(z)**2").correct


def test_an_undecidable_comparison_says_so_and_is_not_wrong() -> None:
    """No usable point (log of a negative everywhere) and no time for SymPy: undecided."""
    result = grade({"kind": "symbolic", "variables": ["x"], "answers": ["log(-1 - x^2)"]}, "log(-2 - x^2)", timeout=0.0)
    assert result.undecided and not result.correct and not result.invalid and result.score == 0.0
    assert result.notes == ("undecided", "sympy:timeout", "numeric:unknown")
    assert result.feedback.startswith("Could not decide in time")


def test_a_slow_simplification_is_abandoned_at_the_deadline_and_decided_numerically() -> None:
    check = {"kind": "symbolic", "variables": ["a", "b"], "answers": ["1"]}
    started = time.perf_counter()
    result = grade(check, "(tanh(a+b)^2 + 1/cosh(a+b)^2)^200", timeout=1.0)
    elapsed = time.perf_counter() - started
    assert result.correct and result.notes == ("sympy:timeout", "numeric:equal")
    assert 0.9 < elapsed < 3.0  # abandoned at the deadline, not run to the end (minutes)
    assert grade(check, "1 + 0*a").correct  # the killed worker was replaced


def test_concurrent_grades_do_not_wait_for_each_other() -> None:
    check = {"kind": "symbolic", "variables": ["z"], "answers": ["1 - tanh(z)^2"]}
    results = []
    threads = [threading.Thread(target=lambda: results.append(grade(check, "1/cosh(z)^2"))) for _ in range(3)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=10)
    assert len(results) == 3 and all(result.correct for result in results)


def test_a_broken_expected_answer_is_a_check_error() -> None:
    from tutor.grading import CheckError

    with pytest.raises(CheckError, match=r"^answers\[0\]: unknown name 'q'"):
        grade({"kind": "symbolic", "variables": ["x"], "answers": ["q"]}, "x")


def test_without_a_sympy_process_the_numeric_judge_decides(monkeypatch) -> None:
    import sys

    from tutor.grading import symbolic_pool

    symbolic_pool.shutdown()
    monkeypatch.setattr(sys, "executable", "/nonexistent/python")
    check = {"kind": "symbolic", "variables": ["z"], "answers": ["1 - tanh(z)^2"]}
    assert grade(check, "1/cosh(z)^2").notes == ("sympy:failed", "numeric:equal")
    assert grade(check, "1/cosh(z)").notes == ("sympy:failed", "numeric:different")
    symbolic_pool.warm_up()  # cannot start either, and says nothing
    monkeypatch.undo()
    symbolic_pool.warm_up()


def test_greek_declarations_and_names_are_the_same_variables() -> None:
    check = {"kind": "symbolic", "variables": ["σ", "k"], "answers": ["σ^k"]}
    assert grade(check, "sigma^k").correct and grade(check, "σ**k").correct


def test_a_verdict_is_remembered_until_shutdown_and_the_oldest_is_forgotten(monkeypatch) -> None:
    import sys

    from tutor.grading import symbolic_pool

    symbolic_pool.shutdown()
    monkeypatch.setattr(symbolic_pool, "MAX_REMEMBERED", 2)
    check = {"kind": "symbolic", "variables": ["z"], "answers": ["1 - tanh(z)^2"]}
    for response in ("1/cosh(z)^2", "sech(z)^2", "1 - tanh(z)*tanh(z)"):  # a cold worker may be slow to start
        assert grade(check, response, timeout=10.0).notes == ("sympy:equal", "numeric:equal")
    with symbolic_pool._idle_lock:  # no worker is left, and none can be started
        idle, symbolic_pool._idle[:] = list(symbolic_pool._idle), []
    for worker in idle:
        worker.kill()
    monkeypatch.setattr(sys, "executable", "/nonexistent/python")
    for response in ("sech(z)^2", "1 - tanh(z)*tanh(z)"):  # the two newest are remembered
        assert grade(check, response).notes == ("sympy:equal", "numeric:equal")
    assert grade(check, "1/cosh(z)^2").notes == ("sympy:failed", "numeric:equal")  # the oldest was dropped
    assert grade(check, "1/cosh(z)").notes == ("sympy:failed", "numeric:different")
    assert grade(check, "1/cosh(z)").notes == ("sympy:failed", "numeric:different")  # a failure is not kept
    symbolic_pool.shutdown()
    assert grade(check, "sech(z)^2").notes == ("sympy:failed", "numeric:equal")  # forgotten at shutdown
    monkeypatch.undo()
    assert grade(check, "sech(z)^2", timeout=10.0).notes == ("sympy:equal", "numeric:equal")


def test_sample_points_are_remembered_but_each_caller_gets_its_own() -> None:
    from tutor.grading.equivalence import sample_points

    first = sample_points(["w", "h"], 7)
    assert len(first) == 12 and all(set(point) == {"w", "h"} for point in first)
    assert all(0.2 <= point["w"] <= 1.8 for point in first[:6])
    first[0]["w"] = 99.0  # a caller that changes its points changes nobody else's
    again = sample_points(["w", "h"], 7)
    assert again[0]["w"] != 99.0 and again[1:] == first[1:]
    assert sample_points(["w", "h"], 8) != again


def test_the_sympy_worker_remembers_expressions_and_values_with_the_same_verdicts() -> None:
    from tutor.grading import symbolic_worker
    from tutor.grading.equivalence import sample_points

    points = sample_points(["w", "h"], 3)
    request = {"answers": ["w*(1 - tanh(w*h)^2)"], "response": "w - w*tanh(w*h)^2", "variables": ["w", "h"],
               "functions": None, "notation": {}, "points": points}
    before = symbolic_worker._value_at.cache_info().hits
    assert symbolic_worker.decide(request) == ["equal"]
    assert symbolic_worker.decide({**request, "response": "w*tanh(w*h)^2"}) == ["different"]
    assert symbolic_worker._value_at.cache_info().hits > before  # the expected answer at the first point, again
    assert symbolic_worker.decide(request) == ["equal"]
    assert symbolic_worker.decide({**request, "answers": ["w - w*tanh(w*h)^2", "w"],
                                   "response": "w"}) == ["different", "equal"]


def test_a_point_is_put_in_exactly_with_the_values_evalf_substitution_gives() -> None:
    import sympy

    from tutor.expressions import parse, to_sympy
    from tutor.grading import symbolic_worker

    texts = ["x*(1 - tanh(x*y + 0.5)^2)", "sigmoid(x)*(1 - sigmoid(x))", "log(x)", "sqrt(x - y)", "1/(x - y)",
             "0.999^1000*x", "x^y"]
    unusable = []
    for text in texts:
        expression = to_sympy(parse(text, ["x", "y"]))
        for point in ({"x": "1.219", "y": "0.632"}, {"x": "-0.4", "y": "0.8"}, {"x": "0.5", "y": "0.5"}):
            substitution = {symbol: sympy.Rational(point[symbol.name]) for symbol in expression.free_symbols}
            value = symbolic_worker._real_value(expression, substitution)
            if value is None:
                unusable.append((text, point["x"], point["y"]))
                continue
            reference = expression.evalf(30, subs=substitution)  # the way it was computed before
            assert abs(value - reference) <= sympy.Float("1e-25") * (1 + abs(reference)), (text, point)
    # not finite reals: logs, roots and real powers of negatives, and the pole (where evalf's
    # substitution made up 5.95e138 from a difference it could not tell from zero)
    assert unusable == [("log(x)", "-0.4", "0.8"), ("sqrt(x - y)", "-0.4", "0.8"), ("1/(x - y)", "0.5", "0.5"),
                        ("x^y", "-0.4", "0.8")]


def test_a_point_that_would_write_out_millions_of_digits_is_substituted_numerically() -> None:
    import sympy

    from tutor.expressions import parse, to_sympy
    from tutor.grading import symbolic_worker

    cheap = to_sympy(parse("0.999^1000*x + x^1000", ["x"]))
    costly = to_sympy(parse("(x^999 + 1)^999", ["x"]))
    assert symbolic_worker._exact_is_cheap(cheap) and not symbolic_worker._exact_is_cheap(costly)
    assert not symbolic_worker._exact_is_cheap(to_sympy(parse("x^y", ["x", "y"])))
    (variable,) = costly.free_symbols
    value = symbolic_worker._real_value(costly, {variable: sympy.Rational(3, 2)})
    assert value is not None and abs(value / sympy.Float(1.5, 30) ** 998001 - 1) < 1e-20  # (1.5^999 + 1)^999
