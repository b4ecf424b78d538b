"""Symbolic input reads the notation the pack's own answers are written in.

A learner who copies a model answer (`w·(1 − tanh²(w·hₖ₋₁ + u·xₖ + b))`, `(γ·σₘₐₓ)ᵏ`,
`min(1, τ/‖g‖)`) is graded on it, not told that the format is wrong; every function the
pack's answers and explanations name is known to the parser.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from tutor.checks.answers import grade
from tutor.expressions import ExpressionError, evaluate, parse
from tutor.grading import warm_up
from tutor.packs.loader import load_pack
from tutor.packs.variants import draw

ROOT = Path(__file__).resolve().parents[2]
PACK = load_pack(ROOT / "content" / "rnn-gradients")
SYMBOLIC = [draw(question, 0).question for question in PACK.questions if question.check.kind == "symbolic"]
"""Each symbolic question as a learner sees it: a variant's numbers drawn with seed 0."""

NOT_FUNCTIONS = {
    "diag": "a diagonal matrix from a vector",
    "φ": "any activation function, not a particular one",
    "ρ": "the spectral radius of a matrix",
    "σₘₐₓ": "the largest singular value of a matrix",
    "O": "big-O of a cost",
    "F": "a residual block's branch",
    "Attention": "a Transformer sublayer",
    "LN": "LayerNorm, a Transformer sublayer (Pre-LN x + F(LN(x)))",
    "MLP": "a Transformer sublayer",
    "Wₕₕᵀdiag": "a matrix product",
}
"""Names written before `(` in the pack's prose that are not functions of a real variable."""


@pytest.fixture(scope="module", autouse=True)
def _worker_ready():
    warm_up()


def written_formula(answer: str) -> str:
    """The formula of a model answer as written (Unicode), before its ASCII form.

    The answer's first clause (up to `.`, `:` or `;`, or up to "in ASCII"), a definition
    "with a = ..." substituted, a closing remark in parentheses dropped; in a chain
    `lhs = f = g` or `lhs < f`, the first side after the quantity asked for that has no ∂.
    """
    prose = re.split(r"[,;]?\s*\(?(?:[Ii]n )?ASCII", answer)[0]
    clause = re.split(r"\.\s|:\s|;\s|;$|, i\.e\.", prose.strip())[0].strip(" .,;")
    definition = re.search(r"\s+with (\w) = ([^,]+)$", clause)
    if definition:
        clause = re.sub(rf"\b{definition.group(1)}\b", f"({definition.group(2)})", clause[: definition.start()])
    if clause.endswith(")"):
        depth = 0
        for position in range(len(clause) - 1, -1, -1):
            depth += {")": 1, "(": -1}.get(clause[position], 0)
            if depth == 0:
                if clause[position - 1 : position] == " ":
                    clause = clause[:position].rstrip()
                break
    sides = [side.strip() for side in re.split(r" = | < | ≤ ", clause)]
    candidates = sides[1:] if len(sides) > 1 else sides
    return next(side for side in candidates if "∂" not in side)


def stated_ascii(answer: str) -> str | None:
    """The ASCII form the answer states ("In ASCII: ...", "in ASCII ...", "(ASCII ...)"), if any:
    from there to the first `,` `;` `:` `. ` or ` (` outside parentheses, or an unmatched `)`."""
    match = re.search(r"ASCII:?\s+", answer)
    if match is None:
        return None
    depth, text = 0, answer[match.end():]
    for position, char in enumerate(text):
        if char == ")" and depth == 0:
            return text[:position]
        depth += {"(": 1, ")": -1}.get(char, 0)
        if depth == 0 and (char in ",;:" or text.startswith((". ", " ("), position) or text[position:] == "."):
            return text[:position]
    return text


WRITTEN = {
    "scalar-tanh-step-jacobian": "w·(1 − tanh²(w·hₖ₋₁ + 3·xₖ + 1))",
    "scalar-sigmoid-step-jacobian": "w·sigmoid((w·hₖ₋₁ + 3·xₖ + 1))·(1 − sigmoid((w·hₖ₋₁ + 3·xₖ + 1)))",
    "two-step-tanh-chain": "2(1 − h₂²)·2(1 − h₁²)",
    "sigmoid-derivative": "sigmoid(a)·(1 − sigmoid(a))",
    "tanh-derivative": "1 − tanh²(a)",
    "scale-after-k-steps": "(γ·σₘₐₓ)ᵏ",
    "sufficient-vanishing-threshold": "1/γ",
    "clipping-rule": "min(1, τ/‖g‖)",
    "lstm-cell-path": "f",
    "gru-update-path": "1 − z",
    "residual-jacobian-factor": "1 + w·(1 − tanh²(w·x))",
}
"""What `written_formula` reads in each symbolic answer: pinned, so a misreading shows."""


def test_the_formula_of_every_symbolic_answer_is_read_as_written() -> None:
    assert {question.id: written_formula(question.answer) for question in SYMBOLIC} == WRITTEN
    stated = {question.id: stated_ascii(question.answer) for question in SYMBOLIC}
    assert stated == {
        "scalar-tanh-step-jacobian": "w*(1 - tanh(w*h + 3*x + 1)^2)",
        "scalar-sigmoid-step-jacobian": "w*sigmoid(w*h + 3*x + 1)*(1 - sigmoid(w*h + 3*x + 1))",
        "two-step-tanh-chain": "4*(1 - h1^2)*(1 - h2^2)",
        "sigmoid-derivative": "sigmoid(a)*(1 - sigmoid(a))",
        "tanh-derivative": "1 - tanh(a)^2",
        "scale-after-k-steps": "(gamma*sigma)^k",
        "sufficient-vanishing-threshold": "1/gamma",
        "clipping-rule": "min(1, tau/n)",
        "lstm-cell-path": None,
        "gru-update-path": None,
        "residual-jacobian-factor": "1 + w*(1 - tanh(w*x)^2)",
    }


@pytest.mark.parametrize("question", SYMBOLIC, ids=[question.id for question in SYMBOLIC])
def test_each_model_answer_as_written_is_graded_correct(question) -> None:
    check = question.check.model_dump()
    written, ascii_form = written_formula(question.answer), stated_ascii(question.answer)
    for response in (written, *([ascii_form] if ascii_form else [])):
        result = grade(check, response, timeout=10.0)
        assert (result.correct, result.invalid, result.undecided) == (True, False, False), (response, result)


def names_before_parentheses() -> dict[str, str]:
    """Every name written right before `(` (perhaps with a power or a prime) in the pack's
    answers, explanations and follow-up answers, with one place it occurs."""
    found: dict[str, str] = {}
    for question in PACK.questions:
        texts = [question.answer, question.explanation or "", *(f.answer for f in question.follow_ups)]
        for text in texts:
            for match in re.finditer(r"([^\W\d_][\w]*?)(?:[⁰¹²³⁴⁵⁶⁷⁸⁹]*|′|')\(", text):
                found.setdefault(match.group(1), text[max(0, match.start() - 10) : match.end() + 10])
    return found


def test_every_function_the_pack_writes_is_one_the_parser_knows() -> None:
    found = names_before_parentheses()
    assert set(NOT_FUNCTIONS) <= set(found)  # no stale entry
    functions = sorted(set(found) - set(NOT_FUNCTIONS))
    assert functions == ["ReLU", "ln", "max", "min", "sech", "sigmoid", "tanh"]
    for name in functions:
        arguments = "(a, 2)" if name in ("max", "min") else "(a)"
        parsed = parse(f"{name}{arguments}", ["a"])
        assert parsed.functions, name
    for written in ("sech²(a)", "tanh′(a)", "sigmoid′(a)", "ReLU(a)"):
        parse(written, ["a"])


@pytest.mark.parametrize(
    ("written", "plain", "variables"),
    [
        ("tanh²(x)", "tanh(x)^2", ["x"]),
        ("1 − tanh²(2x + 1)", "1 - tanh(2*x + 1)^2", ["x"]),
        ("σ′(a)", "sigmoid(a)*(1 - sigmoid(a))", ["a"]),
        ("σ'(a)", "sigmoid(a)*(1 - sigmoid(a))", ["a"]),
        ("tanh′(a)", "1 - tanh(a)^2", ["a"]),
        ("sech²(a)", "1 - tanh(a)^2", ["a"]),
        ("csch(a)", "1/sinh(a)", ["a"]),
        ("coth(a)", "cosh(a)/sinh(a)", ["a"]),
        ("artanh(a/2)", "log((1 + a/2)/(1 - a/2))/2", ["a"]),
        ("‖W‖₂", "abs(W)", ["W"]),
        ("||W||_2", "abs(W)", ["W"]),
        ("2‖x‖‖y‖", "2*abs(x)*abs(y)", ["x", "y"]),
        ("(γσ)ᵏ", "(gamma*sigma)^k", ["gamma", "sigma", "k"]),
        ("x⁽ᵗ⁺¹⁾", "x^(t+1)", ["x", "t"]),
        ("w²(1 − h₁²)", "w^2*(1 - h1^2)", ["w", "h1"]),
        ("h_1 + h₂", "h1 + h2", ["h1", "h2"]),
    ],
)
def test_written_notation_means_the_plain_expression(written: str, plain: str, variables: list[str]) -> None:
    values = {name: 0.3 + 0.2 * index for index, name in enumerate(variables)}
    assert evaluate(parse(written, variables), values) == pytest.approx(evaluate(parse(plain, variables), values))


def test_a_checks_notation_names_its_variables() -> None:
    notation = {"hₖ₋₁": "h", "σₘₐₓ": "sigma", "‖g‖": "n"}
    assert parse("w·hₖ₋₁ + σₘₐₓ/‖g‖", ["w", "h", "sigma", "n"], notation=notation).source == "w*h+sigma/n"
    assert parse("σ_max/||g||", ["sigma", "n"], notation=notation).source == "sigma/n"
    assert parse("sigma_max", ["sigma"], notation=notation).source == "sigma"


@pytest.mark.parametrize(
    ("text", "functions", "offset", "message"),
    [
        ("tanh⁻¹(x)", None, 4, ("tanh⁻¹ would be an inverse function: write 1/tanh(x) for the reciprocal, or name the "
                               "inverse")),
        ("x′", None, 1, "′ marks a derivative and must follow a function name, as in tanh′(a)"),
        ("'x'", None, 0, "quotes are not allowed: type the expression itself, not a string"),
        ("tanh′ x", None, 0, "tanh needs its argument in parentheses: tanh(...)"),
        ("sqrt′(x)", None, 0, ("no derivative sqrt′ is known (known: tanh′, sigmoid′, softplus′, exp′, log′, sin′, "
                              "cos′, sinh′, cosh′)")),
        ("sigmoid′(x)", ["sigmoid", "exp"], 0, "the derivative sigmoid′ is not allowed in this answer"),
        ("‖x‖", ["tanh"], 0, "a norm ‖x‖ is not allowed in this answer (abs is not among its functions)"),
        ("‖x + 1", None, 0, "this '‖' is never closed"),
        ("hₖ", None, 0, ("unknown name 'hₖ' (variables: x, h; constants: pi, e; functions: the standard ones "
                        "(tanh, sigmoid, exp, log, ...))")),
        ("ₖ", None, 0, "a subscript must follow a name, as in h₁"),
        ("xᵘ", None, 1, ("unknown name 'u' (variables: x, h; constants: pi, e; functions: the standard ones "
                        "(tanh, sigmoid, exp, log, ...))")),
    ],
)
def test_notation_that_cannot_be_read_says_where_and_why(text: str, functions, offset: int, message: str) -> None:
    with pytest.raises(ExpressionError) as caught:
        parse(text, ["x", "h"], functions)
    assert (caught.value.offset, caught.value.message) == (offset, message)


def test_a_derivative_question_is_not_answered_by_its_own_notation() -> None:
    """sigmoid′(a) asks for the derivative: the check lists its functions without sigmoid′."""
    question = next(q for q in SYMBOLIC if q.id == "sigmoid-derivative")
    result = grade(question.check.model_dump(), "sigmoid′(a)", timeout=10.0)
    assert result.invalid and result.feedback == (
        "Could not read your answer: the derivative sigmoid′ is not allowed in this answer (at character 1).")


@pytest.mark.parametrize("response", [
    "__import__'(x)", "exp''(x)", "tanh'('os')", "‖__import__('os')‖", "x⁽ᵒˢ⁾", "tanh²(x)" * 100,
    "‖" * 400 + "x" + "‖" * 400, "ᵃ" * 499, "sigmoid′(" * 60 + "x" + ")" * 60,
])
def test_hostile_notation_is_a_format_error(response: str) -> None:
    check = {"kind": "symbolic", "variables": ["x"], "answers": ["tanh(x)"]}
    result = grade(check, response, timeout=1.0)
    assert result.invalid and not result.correct and result.notes[0].startswith("format:")
