"""The whitelisting expression parser: what it admits, what it refuses and where, its bounds."""

from __future__ import annotations

import math
import re
import subprocess
import sys
import time
from pathlib import Path

import pytest

from tutor.expressions import ExpressionError, check_expression, display, evaluate, parse, to_sympy

RNN = ["w", "h", "u", "x", "b", "gamma", "sigma", "k", "tau", "g", "lambda", "z", "f", "c"]
ROOT = Path(__file__).resolve().parents[2]


@pytest.mark.parametrize(
    ("text", "source"),
    [
        ("w*(1 - tanh(w*h + u*x + b)^2)", "w*(1-tanh(w*h+u*x+b)**2)"),
        ("2w", "2*w"),
        ("2 w", "2*w"),
        ("w(1-x)", "w*(1-x)"),
        ("(h)(x)", "(h)*(x)"),
        ("σγ", "sigma*gamma"),
        ("(γσ)^k", "(gamma*sigma)**k"),
        ("(gamma sigma)**k", "(gamma*sigma)**k"),
        ("λ²", "_kw_lambda**(2)"),
        ("lambda^2", "_kw_lambda**2"),
        ("x⁻¹", "x**(-1)"),
        ("wh", "w*h"),
        ("2wtanh(z)", "2*w*tanh(z)"),
        ("τ·g/abs(g)", "tau*g/abs(g)"),
        ("g × τ ÷ abs(g)", "g*tau/abs(g)"),
        ("1 − x", "1-x"),
        ("ln(x)", "log(x)"),
        ("12%", "(12/100)"),
        ("12 %", "(12/100)"),
        ("007", "7"),
        ("1.2e-1", "1.2e-1"),
        (".5", ".5"),
        ("2e", "2*e"),
        ("pi x", "pi*x"),
        ("max(x, 0)", "max(x,0)"),
    ],
)
def test_admits_forgiving_syntax(text: str, source: str) -> None:
    assert parse(text, RNN).source == source


def test_sigma_called_is_the_sigmoid_unless_sigma_is_a_variable() -> None:
    assert parse("σ(z)(1-σ(z))", ["z"]).source == "sigmoid(z)*(1-sigmoid(z))"
    assert parse("σ(z)", ["z", "sigma"]).source == "sigma*(z)"


def test_declared_greek_letter_and_its_name_are_one_variable() -> None:
    parsed = parse("sigma + σ", ["σ"])
    assert parsed.names == frozenset({"sigma"})
    assert evaluate(parsed, {"sigma": 2.0}) == 4.0


def test_names_and_functions_used_are_recorded() -> None:
    parsed = parse("w*(1 - tanh(w*h + u*x + b)^2)", RNN)
    assert parsed.names == frozenset({"w", "h", "u", "x", "b"})
    assert parsed.functions == frozenset({"tanh"})
    assert parse("2*pi", RNN).is_constant


@pytest.mark.parametrize(
    ("text", "offset", "code", "message"),
    [
        ("__import__('os').system('touch pwned')", 0, "unknown-name",
         "'__import__' is not allowed: names starting with '_' are never allowed"),
        ("().__class__", 2, "character", "'.' is only allowed inside a number (attribute access is not allowed)"),
        ("x.real", 1, "character", "'.' is only allowed inside a number (attribute access is not allowed)"),
        ("x[0]", 1, "character", "square brackets are not allowed; use ( and )"),
        ("{x}", 0, "character", "braces are not allowed; use ( and )"),
        ("'abc'", 0, "character", "quotes are not allowed: type the expression itself, not a string"),
        ("lambda: x", 6, "character", "':' is not allowed in an expression"),
        ("x = 2", 2, "character", "'=' is not allowed: give an expression, not an equation or an assignment"),
        ("x < 2", 2, "character", "comparisons are not allowed: give an expression"),
        ("|x|", 0, "character", "write abs(x) or ‖x‖ for an absolute value"),
        ("x % 2", 2, "character", "'%' is only allowed right after a number (12% means 0.12)"),
        ("x//2", 1, "character", "'//' is not allowed: use / for division"),
        ("\\frac{1}{2}", 0, "character", "backslashes are not allowed: type plain math such as sqrt(x), not LaTeX"),
        ("x @ y", 2, "character", "'@' is not allowed in an expression"),
        ("é", 0, "character", "unexpected character 'é'"),
        ("x\x00", 1, "character", "U+0000 is not allowed in an expression"),
        ("q + 1", 0, "unknown-name", "unknown name 'q' (variables: x, h, lambda; constants: pi, e; functions: exp, tanh)"),
        ("x if h else x", 2, "unknown-name",
         "unknown name 'if' (variables: x, h, lambda; constants: pi, e; functions: exp, tanh)"),
        ("sin(x)", 0, "function", "the function sin is not allowed in this answer (allowed: exp, tanh)"),
        ("tanh x", 0, "syntax", "tanh needs its argument in parentheses: tanh(...)"),
        ("tanh", 0, "syntax", "tanh needs its argument in parentheses: tanh(...)"),
        ("tanh(x, h)", 0, "arity", "tanh takes 1 argument, not 2"),
        ("x, h", 1, "syntax", "a comma only separates function arguments"),
        ("(x, h)", 2, "syntax", "a comma only separates function arguments"),
        ("2 3", 2, "syntax", "a number cannot follow directly here: use * or an operator"),
        ("x +", 2, "syntax", "'+' needs something on its right"),
        ("x*/h", 2, "syntax", "'/' needs something on its left"),
        ("x^^2", 2, "syntax", "'^' needs something on its left"),
        ("()", 0, "syntax", "empty parentheses"),
        ("²", 0, "syntax", "a superscript power must follow a number, a name or ')'"),
        ("(x", 0, "parentheses", "this '(' is never closed"),
        ("x)", 1, "parentheses", "this ')' has no matching '('"),
        ("", 0, "empty", "the answer is empty"),
        ("   ", 0, "empty", "the answer is empty"),
        ("9**9**9**9", 6, "exponent", "the exponent is too large (the limit is ±1000)"),
        ("x^1001", 2, "exponent", "the exponent is too large (the limit is ±1000)"),
        ("x^-1001", 2, "exponent", "the exponent is too large (the limit is ±1000)"),
        ("x^exp(7)", 2, "exponent", "the exponent is too large (the limit is ±1000)"),
        ("(2**1000)**1000", 0, "too-large", "this number would need about 1000000 digits; the limit is 20000"),
        ("1e999", 0, "too-large", "this number is too large"),
        ("(" * 31 + "x" + ")" * 31, 30, "too-deep", "parentheses are nested more than 30 deep"),
        ("-" * 200 + "x", 100, "too-deep", "the expression is nested more than 100 deep"),
    ],
)
def test_refuses_with_message_and_offset(text: str, offset: int, code: str, message: str) -> None:
    with pytest.raises(ExpressionError) as caught:
        parse(text, ["x", "h", "lambda"], ["tanh", "exp"])
    assert (caught.value.offset, caught.value.code, str(caught.value)) == (offset, code, message)


def test_refuses_text_over_the_length_limit_at_once() -> None:
    started = time.perf_counter()
    for hostile in ("x" * 1_000_000, "(" * 10_000 + "x" + ")" * 10_000):
        with pytest.raises(ExpressionError, match=r"characters long; the limit is 500$") as caught:
            parse(hostile, ["x"])
        assert caught.value.offset == 500
    assert time.perf_counter() - started < 0.5  # refused before scanning, not after


def test_node_count_is_bounded() -> None:
    text = "+".join(["(x+x)"] * 83)  # 497 characters, 331 nodes, depth 84
    with pytest.raises(ExpressionError, match="more than 300 parts"):
        parse(text, ["x"])


def test_unknown_function_in_the_allowed_list_is_an_error() -> None:
    error = check_expression("x", ["x"], ["tanh", "softmax"])
    assert error is not None and error.offset is None
    assert str(error).startswith("unknown function 'softmax' in functions (known: tanh, sigmoid,")


def test_check_expression_reports_or_returns_none() -> None:
    assert check_expression("w*(1 - tanh(w*h)^2)", ["w", "h"]) is None
    error = check_expression("w*(1 - tanh(w*q)^2)", ["w", "h"])
    assert error is not None and (error.offset, error.code) == (14, "unknown-name")


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("0.12", 0.12),
        ("1.2e-1", 0.12),
        ("12%", 0.12),
        ("0.9^20", 0.9**20),
        ("1/4", 0.25),
        ("2^-2", 0.25),
        ("sigmoid(0)", 0.5),
        ("max(1, 2, 3) - min(4, 5)", -1.0),
        ("relu(-3) + abs(-2)", 2.0),
        ("exp(log(5))", 5.0),
        ("sqrt(16)", 4.0),
        ("2pi", 2 * math.pi),
        ("e", math.e),
        ("sigmoid(-1000)", 0.0),
        ("1 - tanh(0)^2", 1.0),
    ],
)
def test_evaluate_constants(text: str, value: float) -> None:
    assert evaluate(parse(text)) == pytest.approx(value, rel=1e-12, abs=1e-300)


@pytest.mark.parametrize(
    ("text", "is_nan", "sign"),
    [("1/0", False, 1), ("-1/0", False, -1), ("0/0", True, 0), ("log(-1)", True, 0), ("log(0)", False, -1),
     ("sqrt(-1)", True, 0), ("(-8)^(1/3)", True, 0), ("exp(1000)", False, 1), ("10^400", False, 1),
     ("(-10)^309", False, -1), ("0^-1", False, 1), ("sinh(-800)", False, -1)],
)
def test_evaluate_undefined_gives_nan_or_inf(text: str, is_nan: bool, sign: int) -> None:
    value = evaluate(parse(text))
    if is_nan:
        assert math.isnan(value)
    else:
        assert math.isinf(value) and math.copysign(1, value) == sign


def test_evaluate_with_variables() -> None:
    parsed = parse("w*(1 - tanh(w*h + u*x + b)^2)", RNN)
    values = {"w": 0.9, "h": 0.3, "u": 0.5, "x": -1.0, "b": 0.1}
    expected = 0.9 * (1 - math.tanh(0.9 * 0.3 + 0.5 * -1.0 + 0.1) ** 2)
    assert evaluate(parsed, values) == pytest.approx(expected, rel=1e-15)
    with pytest.raises(KeyError):
        evaluate(parsed, {"w": 1.0})


def test_to_sympy_builds_exact_expressions() -> None:
    import sympy

    w, h = sympy.Symbol("w", real=True), sympy.Symbol("h", real=True)
    assert to_sympy(parse("w*(1 - tanh(w*h)^2)", ["w", "h"])) == w * (1 - sympy.tanh(w * h) ** 2)
    assert to_sympy(parse("0.9^20")) == sympy.Rational(9, 10) ** 20
    assert to_sympy(parse("12%")) == sympy.Rational(3, 25)
    assert to_sympy(parse("sigmoid(h)", ["h"])) == 1 / (1 + sympy.exp(-h))
    assert to_sympy(parse("relu(h) + 2pi + e", ["h"])) == sympy.Max(h, 0) + 2 * sympy.pi + sympy.E
    assert to_sympy(parse("λ", ["lambda"])) == sympy.Symbol("lambda", real=True)


@pytest.mark.parametrize(
    ("text", "shown"),
    [
        ("w*(1 - tanh(w*h + u*x + b)^2)", "w·(1 − tanh(w·h + u·x + b)²)"),
        ("(gamma*sigma)^k", "(γ·σ)^k"),
        ("tau*g/abs(g)", "τ·g/|g|"),
        ("sigmoid(z)*(1 - sigmoid(z))", "sigmoid(z)·(1 − sigmoid(z))"),
        ("x - (h - x)", "x − (h − x)"),
        ("x/(h*x)", "x/(h·x)"),
        ("-x^2", "−x²"),
        ("(-x)^2", "(−x)²"),
        ("x^-1", "x⁻¹"),
        ("x^(1/2)", "x^(1/2)"),
        ("x*-h", "x·(−h)"),
        ("0.9^20", "0.9²⁰"),
        ("lambda^k", "λ^k"),
    ],
)
def test_display(text: str, shown: str) -> None:
    assert display(parse(text, RNN).tree) == shown


def _run_fresh(code: str) -> str:
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT, env={"PYTHONPATH": str(ROOT)},
        timeout=60,
    )
    assert result.returncode == 0, result.stderr
    return result.stdout.strip()


def test_parsing_and_checking_never_import_sympy_or_numpy() -> None:
    code = (
        "import sys\n"
        "from tutor.expressions import check_expression, evaluate, parse\n"
        "assert check_expression('w*(1 - tanh(w*h)^2)', ['w', 'h']) is None\n"
        "print(evaluate(parse('0.9^20')))\n"
        "print('sympy' in sys.modules, 'numpy' in sys.modules)\n"
    )
    assert _run_fresh(code).splitlines()[-1] == "False False"


_FORBIDDEN_CALL = re.compile(r"(?<![\w.])(?:[\w.]*\.)?(eval|exec|sympify|parse_expr|S)\s*\(")


def test_no_eval_exec_sympify_or_parse_expr_anywhere_in_tutor() -> None:
    """Untrusted text must never reach Python's or SymPy's string evaluators (`S(...)` is sympify)."""
    offenders = []
    for path in sorted((ROOT / "tutor").rglob("*.py")):
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
            code = line.split("#", 1)[0]
            if _FORBIDDEN_CALL.search(code):
                offenders.append(f"{path.relative_to(ROOT)}:{number}: {line.strip()}")
    assert offenders == []


def test_forbidden_call_pattern_catches_the_usual_spellings() -> None:
    for line in ("eval(text)", "builtins.exec (code)", "sympy.sympify(s)", "parse_expr(s)", "sympy.S('x')"):
        assert _FORBIDDEN_CALL.search(line), line
    for line in ("evaluate(parsed)", "ast.literal_eval(x)", "evaluate_tree(node, {})", "Symbol('x')"):
        assert not _FORBIDDEN_CALL.search(line), line


def test_a_parse_is_remembered_per_text_variables_functions_and_notation() -> None:
    first = parse("w*(1 - tanh(w*h)^2)", ["w", "h"], ["tanh"])
    assert parse("w*(1 - tanh(w*h)^2)", ("w", "h"), ("tanh",)) is first  # the same arguments, any iterable
    assert parse("w*(1 - tanh(w*h)^2)", ["w", "h"]) is not first  # other functions allowed: read afresh
    assert parse("w*(1 - tanh(w*h)^2)", ["w", "h"]).functions == first.functions == frozenset({"tanh"})
    written = parse("2hₖ₋₁", ["h"], notation={"hₖ₋₁": "h"})
    assert written.source == "2*h" and parse("2hₖ₋₁", ["h"], notation={"hₖ₋₁": "h"}) is written
    with pytest.raises(ExpressionError, match="tanh"):
        parse("tanh(w)", ["w"], ["sigmoid"])
    with pytest.raises(ExpressionError, match="tanh"):  # a refusal is not remembered as a result
        parse("tanh(w)", ["w"], ["sigmoid"])
    assert parse("tanh(w)", ["w"], ["tanh"]).functions == frozenset({"tanh"})
    with pytest.raises(ExpressionError, match="must be text"):
        parse(3, ["w"])  # type: ignore[arg-type]
