"""A derivation as a whole LaTeX document that pdflatex compiles as printed.

The steps' formulas are SymPy's own LaTeX (ASCII, math mode). The prose around them
(statements, justifications, the reading) is written for the terminal in the notes'
notation: `h_{k−1}`, `‖W‖₂`, `φ'(a_k)·W_hh`, `(γ|w|)^(T−t)`. Put into a .tex file as
it stands, every `_` and every Greek letter stops pdflatex. So the prose is converted
word by word: a word that carries notation (a Unicode symbol, `_`, `^`, `|`, `<`, `>`)
becomes inline math with LaTeX commands, every other word stays text with TeX's
special characters escaped. The output is pure ASCII.

A step's formula sits in a `stepformula` box: one wider than the line (a 2×2 Jacobian
written out) is scaled down to fit rather than run off the page.

No SymPy here: this works on a finished `Result`, from memory or from the cache.
"""

from __future__ import annotations

import re
from typing import Any

from tutor.evidence.result import Result

# Unicode in the notes' notation and its LaTeX math command.
MATH_SYMBOLS = {
    "α": r"\alpha", "β": r"\beta", "γ": r"\gamma", "δ": r"\delta", "ε": r"\epsilon",
    "η": r"\eta", "θ": r"\theta", "λ": r"\lambda", "μ": r"\mu", "ρ": r"\rho",
    "σ": r"\sigma", "τ": r"\tau", "φ": r"\phi", "ψ": r"\psi", "ω": r"\omega",
    "Λ": r"\Lambda", "Σ": r"\Sigma", "Φ": r"\Phi", "Δ": r"\Delta",
    "·": r"\cdot", "⋅": r"\cdot", "×": r"\times", "‖": r"\|", "ℝ": r"\mathbb{R}",
    "←": r"\leftarrow", "→": r"\to", "↦": r"\mapsto", "∂": r"\partial", "−": "-",
    "√": r"\surd", "∞": r"\infty", "≈": r"\approx", "≤": r"\leq", "≥": r"\geq",
    "≠": r"\neq", "⋯": r"\cdots", "…": r"\ldots", "∈": r"\in", "∑": r"\sum", "∏": r"\prod",
    "′": "'", "±": r"\pm", "∘": r"\circ", "⊙": r"\odot",
}
SUPERSCRIPTS = {
    "⁰": "0", "¹": "1", "²": "2", "³": "3", "⁴": "4", "⁵": "5", "⁶": "6", "⁷": "7",
    "⁸": "8", "⁹": "9", "⁻": "-", "⁺": "+", "⁽": "(", "⁾": ")", "ᵀ": "T", "ʲ": "j",
    "ⁱ": "i", "ⁿ": "n", "ᵏ": "k", "ᵗ": "t",
}
SUBSCRIPTS = {
    "₀": "0", "₁": "1", "₂": "2", "₃": "3", "₄": "4", "₅": "5", "₆": "6", "₇": "7",
    "₈": "8", "₉": "9", "ᵢ": "i", "ⱼ": "j", "ₖ": "k", "ₜ": "t", "₋": "-", "₊": "+",
}
# Unicode that reads as text (punctuation), with its LaTeX text form.
TEXT_SYMBOLS = {"—": "---", "–": "--", "…": r"\ldots{}", "’": "'", "‘": "`", "“": "``", "”": "''"}
TEXT_ESCAPES = {
    "&": r"\&", "%": r"\%", "#": r"\#", "$": r"\$", "{": r"\{", "}": r"\}", "_": r"\_",
    "~": r"\textasciitilde{}", "^": r"\textasciicircum{}", "\\": r"\textbackslash{}",
    "<": r"\textless{}", ">": r"\textgreater{}", "|": r"\textbar{}",
}
# Names that LaTeX sets upright in math; others (diag, ReLU) become \operatorname.
MATH_OPERATORS = frozenset({"tanh", "sinh", "cosh", "exp", "log", "sin", "cos", "tan", "max", "min", "lim", "det"})
NAMED_OPERATORS = frozenset({"diag", "ReLU", "sech", "csch", "coth", "sign"})

_TRAILING_PUNCTUATION = re.compile(r"[.,;:]+$")
# A plain word that may be part of a formula: a number, one letter, an operator.
_FORMULA_WORD = re.compile(r"^\(?([A-Za-z]|\d+(\.\d+)?(/\d+)?|[=+*/-])\)?$")
RELATIONS = frozenset({"="})
_NAME = re.compile(r"[A-Za-z]+")
_SCRIPT_RUN = re.compile(r"[A-Za-z0-9]+")

PREAMBLE = r"""\documentclass[11pt]{article}
\usepackage[T1]{fontenc}
\usepackage{lmodern}
\usepackage{amsmath,amssymb}
\usepackage{graphicx}
\usepackage[margin=2cm]{geometry}
\setlength{\parindent}{0pt}
\newsavebox{\stepbox}
\newenvironment{stepformula}
  {\begin{lrbox}{\stepbox}$\displaystyle}
  {$\end{lrbox}\par\smallskip\noindent\makebox[\linewidth]{\ifdim\wd\stepbox>\linewidth
     \resizebox{\linewidth}{!}{\usebox{\stepbox}}\else\usebox{\stepbox}\fi}\par\smallskip}
"""


def latex_document(result: Result, title: str = "") -> str:
    """The whole document: title, parameters, the reading, and the numbered steps."""
    heading = f"{result.name}: {title}" if title else result.name
    lines = [
        PREAMBLE.rstrip("\n"),
        r"\begin{document}",
        rf"\section*{{{prose_to_latex(heading)}}}",
    ]
    if result.params:
        given = ", ".join(f"{_text(name)} = {_text(_param_text(value))}"
                          for name, value in sorted(result.params.items()))
        lines += [rf"\textbf{{Parameters:}} {given}", ""]
    lines += [rf"\textbf{{In short:}} {prose_to_latex(result.reading)}", "", r"\begin{enumerate}"]
    for step in result.steps:
        lines += [
            rf"\item {prose_to_latex(step.statement)}",
            r"\begin{stepformula}",
            step.latex,
            r"\end{stepformula}",
            rf"\emph{{{prose_to_latex(step.justification)}}}",
        ]
    lines += [r"\end{enumerate}", r"\end{document}", ""]
    return "\n".join(lines)


def prose_to_latex(text: str) -> str:
    """Terminal prose with inline notation, as LaTeX text with inline math; ASCII only.

    Words are split at spaces. A word with notation in it becomes math, and so do the
    plain formula words next to it (`T − t`, `ρ = 0.9 < 1`), so that a formula is one
    `$…$`; a run of plain formula words becomes math only when it holds a relation
    (`a = 0`). Trailing punctuation ends a formula and stays text.
    """
    words = [word for word in re.split(r"\s+", text) if word]
    out: list[str] = []
    run: list[str] = []

    def close_run() -> None:
        if any(_has_notation(word) or word in RELATIONS for word in run):
            out.append("$" + " ".join(_math(word) for word in run) + "$")
        else:
            out.append(" ".join(_text(word) for word in run))
        run.clear()

    for word in words:
        punctuation = _TRAILING_PUNCTUATION.search(word)
        core = word[: punctuation.start()] if punctuation else word
        if core and (_has_notation(core) or _FORMULA_WORD.match(core)):
            run.append(core)
            if punctuation:
                close_run()
                out[-1] += punctuation.group()
            continue
        if run:
            close_run()
        out.append(_text(word))
    if run:
        close_run()
    return " ".join(out)


def _has_notation(word: str) -> bool:
    """`_`, `^`, `|`, `<`, `>` or a Unicode symbol other than punctuation (— …)."""
    return any(c in "_^|<>" or (ord(c) > 127 and c not in TEXT_SYMBOLS) for c in word)


def _text(word: str) -> str:
    """A word of plain prose with TeX's special characters escaped."""
    return "".join(TEXT_SYMBOLS.get(c) or TEXT_ESCAPES.get(c) or c for c in word)


def _math(word: str) -> str:
    """A word of notation as the body of inline math."""
    out: list[str] = []
    index = 0
    while index < len(word):
        char = word[index]
        if char in "_^":
            group, index = _script_group(word, index + 1)
            out.append(f"{char}{{{_math(group)}}}")
            continue
        if char in SUPERSCRIPTS or char in SUBSCRIPTS:
            table, mark = (SUPERSCRIPTS, "^") if char in SUPERSCRIPTS else (SUBSCRIPTS, "_")
            run = ""
            while index < len(word) and word[index] in table:
                run += table[word[index]]
                index += 1
            out.append(f"{mark}{{{_math(run)}}}")
            continue
        name = _NAME.match(word, index)
        if name:
            out.append(_math_name(name.group()))
            index = name.end()
            continue
        if char in MATH_SYMBOLS:
            command = MATH_SYMBOLS[char]
            nxt = word[index + 1: index + 2]
            out.append(command + (" " if command[-1].isalpha() and command.startswith("\\") and nxt.isalpha() else ""))
        elif char in "{}":
            out.append("\\" + char)
        elif char in "&%#$~\\":
            out.append(TEXT_ESCAPES[char].replace("{}", "") if char != "\\" else r"\backslash ")
        else:
            out.append(char)
        index += 1
    return "".join(out)


def _math_name(name: str) -> str:
    if name in MATH_OPERATORS:
        return f"\\{name} "
    if name in NAMED_OPERATORS:
        return rf"\operatorname{{{name}}}"
    return name


def _script_group(word: str, start: int) -> tuple[str, int]:
    """The argument of `_` or `^`: `{…}`, `(…)` (parentheses dropped), or a run of letters and digits."""
    if start >= len(word):
        return "", start
    opener = word[start]
    if opener in "{(":
        closer = "}" if opener == "{" else ")"
        depth = 0
        for end in range(start, len(word)):
            depth += word[end] == opener
            depth -= word[end] == closer
            if depth == 0:
                return word[start + 1: end], end + 1
        return word[start + 1:], len(word)
    match = _SCRIPT_RUN.match(word, start)
    if match:
        return match.group(), match.end()
    return word[start], start + 1


def _param_text(value: Any) -> str:
    if isinstance(value, (tuple, list)):
        return ", ".join(f"{v:g}" if isinstance(v, float) else str(v) for v in value)
    return f"{value:g}" if isinstance(value, float) else str(value)

