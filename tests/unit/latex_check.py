"""A check of generated LaTeX that needs no TeX engine.

pdflatex stops on a raw `_`, `&`, `%`, `#` or `^` in text mode, and on Unicode its
fonts lack (‖, ₂, φ). This walks a document's body, tracking inline math (`$…$`),
display math (`\\[…\\]`) and the `stepformula` environment, and lists every such
character found outside math, every non-ASCII character anywhere, and unbalanced
math or braces.
"""

from __future__ import annotations

import re

MATH_ENVIRONMENTS = ("stepformula",)
SPECIAL_IN_TEXT = "_&%#^"


def latex_problems(source: str) -> list[str]:
    """Every problem found, as `line N: what`; empty when the document is clean."""
    problems = [
        f"line {source.count(chr(10), 0, index) + 1}: non-ASCII {char!r}"
        for index, char in enumerate(source)
        if ord(char) > 127
    ]
    start = source.find(r"\begin{document}")
    if start < 0:
        return problems + ["no \\begin{document}"]
    body_problems, math, depth = _walk(source, start)
    problems += body_problems
    if math:
        problems.append(f"math left open at the end: {math}")
    if depth:
        problems.append(f"unbalanced braces at the end: depth {depth}")
    return problems


def _walk(source: str, start: int) -> tuple[list[str], str, int]:
    problems: list[str] = []
    math = ""  # "", "$", "\\[" or an environment name
    depth = 0
    index = start
    while index < len(source):
        char = source[index]
        line = source.count("\n", 0, index) + 1
        if char == "\\":
            word = re.match(r"\\([A-Za-z]+|.)", source[index:], re.DOTALL).group(1)
            rest = source[index + 1 + len(word):]
            environment = re.match(r"\{([A-Za-z*]+)\}", rest)
            if word == "begin" and environment and environment.group(1) in MATH_ENVIRONMENTS and not math:
                math = environment.group(1)
            elif word == "end" and environment and environment.group(1) == math:
                math = ""
            elif word == "[" and not math:
                math = "\\["
            elif word == "]" and math == "\\[":
                math = ""
            index += 1 + len(word)
            continue
        if char == "$":
            if math in ("", "$"):
                math = "" if math == "$" else "$"
            else:
                problems.append(f"line {line}: '$' inside {math} math")
        elif char == "{":
            depth += 1
        elif char == "}":
            depth -= 1
            if depth < 0:
                problems.append(f"line {line}: '}}' closes nothing")
                depth = 0
        elif char in SPECIAL_IN_TEXT and not math:
            problems.append(f"line {line}: unescaped {char!r} in text mode")
        elif char == "&" and math == "$":
            problems.append(f"line {line}: '&' in inline math")
        index += 1
    return problems, math, depth
