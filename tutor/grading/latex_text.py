"""LaTeX notation in a free-text answer, read as the symbols it writes.

Learners trained on papers type `\\partial L/\\partial \\theta`, `\\|J\\| \\leq 1`, `\\sigma_1 \\gg
\\sigma_n` or `\\lambda \\Rightarrow` instead of `∂L/∂θ`, `‖J‖ ≤ 1`, `σ₁ ≫ σₙ`, `λ ⇒`. Left as
they are, the commands read as words ("partial", "leq", "rightarrow") and the relations they
state are lost: the comparison, the implication, the norm, the derivative of the loss.
`plain_symbols` rewrites them as the Unicode symbols the rest of the reader already knows, so
an answer means the same whichever way it was typed. It runs before an answer is cut into
sentences: `\\;` is LaTeX's thin space, not the end of a sentence.

Only notation is rewritten; a backslash that starts no known command stays as written.
"""

from __future__ import annotations

import re

_GREEK_LETTERS = {
    "alpha": "α", "beta": "β", "gamma": "γ", "delta": "δ", "epsilon": "ε", "varepsilon": "ε",
    "zeta": "ζ", "eta": "η", "theta": "θ", "vartheta": "θ", "kappa": "κ", "lambda": "λ", "mu": "μ",
    "nu": "ν", "xi": "ξ", "pi": "π", "rho": "ρ", "varrho": "ρ", "sigma": "σ", "tau": "τ", "phi": "φ",
    "varphi": "φ", "chi": "χ", "psi": "ψ", "omega": "ω",
    "Gamma": "Γ", "Delta": "Δ", "Theta": "Θ", "Lambda": "Λ", "Xi": "Ξ", "Pi": "Π", "Sigma": "Σ",
    "Phi": "Φ", "Psi": "Ψ", "Omega": "Ω",
}
_SYMBOLS = {
    "partial": "∂", "nabla": "∇", "prod": "∏", "sum": "∑", "sqrt": "√", "infty": "∞", "propto": "∝",
    "approx": "≈", "sim": "~", "simeq": "≈", "asymp": "≈", "cong": "≈",
    "le": "≤", "leq": "≤", "leqslant": "≤", "lesssim": "≤", "lt": "<", "ll": "≪",
    "ge": "≥", "geq": "≥", "geqslant": "≥", "gtrsim": "≥", "gt": ">", "gg": "≫",
    "ne": "≠", "neq": "≠", "in": "∈", "notin": "∉",
    "to": "→", "rightarrow": "→", "longrightarrow": "→", "mapsto": "→", "leftarrow": "←",
    "Rightarrow": "⇒", "Longrightarrow": "⇒", "implies": "⇒", "therefore": "∴", "iff": "⇔",
    "Leftrightarrow": "⇔", "forall": "for all", "exists": "there is",
    "cdot": "·", "times": "×", "odot": "⊙", "circ": "∘", "otimes": "⊗", "top": "ᵀ", "intercal": "ᵀ",
    "lVert": "‖", "rVert": "‖", "Vert": "‖", "lvert": "|", "rvert": "|", "vert": "|", "mid": "|",
    "ldots": "...", "cdots": "...", "dots": "...",
}
_FUNCTIONS = frozenset(
    "det exp log ln tanh sinh cosh sin cos max min sup inf lim arg argmax argmin rank tr diag".split()
)
"""Operator names written with a backslash (`\\det`, `\\max`): the name itself, as typed without it."""
_DROPPED = frozenset(
    "left right big Big bigg Bigg bigl bigr Bigl Bigr displaystyle textstyle limits nolimits "
    "hat bar tilde vec dot ddot widehat widetilde overline underline boldsymbol".split()
)
"""Sizing and accents: `\\left(`, `\\hat{\\theta}` (an estimate of θ is still θ)."""
_SPACES = frozenset({"quad", "qquad"})
_WRAPPERS = re.compile(
    r"\\(?:text|textrm|textit|textbf|mathrm|mathbf|mathit|mathcal|mathbb|operatorname|emph)\s*\{([^{}]*)\}"
)
"""Font and text wrappers keep only what they wrap: `\\text{vanishing}`, `\\mathbf{W}_{hh}`."""
_BRACED = r"\{((?:[^{}]|\{[^{}]*\})*)\}"
_FRACTION = re.compile(r"\\[dt]?frac\s*" + _BRACED + r"\s*" + _BRACED)
_NEGATED = re.compile(r"\\not\s*(?=\\|[=<>])")
"""`\\not\\approx`, `\\not=`: a crossed-out relation, as `≉` or `≠` would write it."""
_COMMAND = re.compile(r"\\([A-Za-z]+)|\\([|{}, ;:!])")
_SPACING = frozenset(",;:! ")


def plain_symbols(text: str) -> str:
    """`text` with its LaTeX commands written as the symbols they stand for."""
    if "\\" not in text and "$" not in text:
        return text
    text = text.replace("$", " ")
    text = _WRAPPERS.sub(r"\1", text)
    text = _FRACTION.sub(_fraction, text)
    text = _NEGATED.sub(" not ", text)
    return _COMMAND.sub(_symbol, text)


def _fraction(match: re.Match[str]) -> str:
    """`\\frac{\\partial L}{\\partial \\theta}` as `\\partial L/\\partial \\theta`: a derivative or a
    ratio read as it is written inline, with brackets only around a sum (`\\frac{1}{1 + x}`)."""
    return "/".join(f"({part})" if re.search(r"[+\-−]", part) else part
                    for part in (match.group(1).strip(), match.group(2).strip()))


def _symbol(match: re.Match[str]) -> str:
    name, mark = match.group(1), match.group(2)
    if mark is not None:
        if mark == "|":
            return "‖"
        return " " if mark in _SPACING else mark
    if name in _GREEK_LETTERS:
        return _GREEK_LETTERS[name]
    if name in _SYMBOLS:
        symbol = _SYMBOLS[name]
        return f" {symbol} " if symbol[0].isalpha() else symbol
    if name in _FUNCTIONS:
        return name
    if name in _SPACES:
        return " "
    if name in _DROPPED:
        return ""
    return match.group(0)
