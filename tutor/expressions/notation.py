"""The written notation of the packs' formulas, read by the expression tokenizer.

Model answers are written the way a textbook writes them: `w·(1 − tanh²(a))`, `σ′(a)`,
`(γ·σₘₐₓ)ᵏ`, `‖W‖₂`, `h₁`. A learner who copies that notation must not get a format
error, so the tokenizer reads it, by these rules (also in the authoring guide):
- a function name with a positive integer superscript is a power of the call:
  `tanh²(x)` is `tanh(x)^2` (a negative one, `tanh⁻¹`, would be the inverse: refused);
- a function name with a prime, `′` or `'`, is its derivative: `tanh′(a)`, `σ'(a)`;
  allowed where the derivative is (a check that lists its functions lists it too);
- `‖x‖` and `||x||` are the norm of a real number, `abs(x)`, whatever subscript follows
  (`‖x‖₂`, `||x||_2`);
- superscript letters are powers (`xᵏ` is `x^k`), subscript digits or letters name a
  declared variable (`h₁` is `h1`, `σₘₐₓ` is `sigma_max`), and a check's `notation`
  maps other written forms to its variables (`hₖ₋₁` to `h`, `‖g‖` to `n`).
"""

from __future__ import annotations

SUBSCRIPTS = {
    "₀": "0", "₁": "1", "₂": "2", "₃": "3", "₄": "4", "₅": "5", "₆": "6", "₇": "7", "₈": "8", "₉": "9",
    "₊": "+", "₋": "-", "₌": "=", "₍": "(", "₎": ")",
    "ₐ": "a", "ₑ": "e", "ₒ": "o", "ₓ": "x", "ₔ": "e", "ₕ": "h", "ₖ": "k", "ₗ": "l", "ₘ": "m", "ₙ": "n",
    "ₚ": "p", "ₛ": "s", "ₜ": "t", "ᵢ": "i", "ⱼ": "j", "ᵣ": "r", "ᵤ": "u", "ᵥ": "v",
    "ᵦ": "β", "ᵧ": "γ", "ᵨ": "ρ", "ᵩ": "φ", "ᵪ": "χ",
}
SUPERSCRIPT_LETTERS = {
    "ᵃ": "a", "ᵇ": "b", "ᶜ": "c", "ᵈ": "d", "ᵉ": "e", "ᶠ": "f", "ᵍ": "g", "ʰ": "h", "ⁱ": "i", "ʲ": "j",
    "ᵏ": "k", "ˡ": "l", "ᵐ": "m", "ⁿ": "n", "ᵒ": "o", "ᵖ": "p", "ʳ": "r", "ˢ": "s", "ᵗ": "t", "ᵘ": "u",
    "ᵛ": "v", "ʷ": "w", "ˣ": "x", "ʸ": "y", "ᶻ": "z",
    "ᴬ": "A", "ᴮ": "B", "ᴰ": "D", "ᴱ": "E", "ᴳ": "G", "ᴴ": "H", "ᴵ": "I", "ᴶ": "J", "ᴷ": "K", "ᴸ": "L",
    "ᴹ": "M", "ᴺ": "N", "ᴼ": "O", "ᴾ": "P", "ᴿ": "R", "ᵀ": "T", "ᵁ": "U", "ⱽ": "V", "ᵂ": "W",
    "ᵝ": "β", "ᵞ": "γ", "ᵟ": "δ", "ᵠ": "φ", "ᵡ": "χ",
    "⁺": "+", "⁽": "(", "⁾": ")",
}
PRIMES = ("′", "'")
NORM_BARS = ("‖", "||")

DERIVATIVES = {
    "tanh": "tanh_prime", "sigmoid": "sigmoid_prime", "softplus": "softplus_prime", "exp": "exp_prime",
    "log": "log_prime", "sin": "sin_prime", "cos": "cos_prime", "sinh": "sinh_prime", "cosh": "cosh_prime",
}
"""Functions whose derivative may be written with a prime, and the derivative's own name."""
PRIME_SUFFIX = "_prime"


def plain_subscript(text: str) -> str:
    """`ₘₐₓ` as `max`, `₋₁` as `-1`."""
    return "".join(SUBSCRIPTS[char] for char in text)


def written_variants(form: str) -> list[str]:
    """A notation form and how it is typed in ASCII: `‖g‖` also as `||g||`, `σₘₐₓ` also as
    `σ_max` (only where the subscript is letters or digits: `h_k-1` would read as a minus)."""
    variants = [form]
    ascii_bars = form.replace("‖", "||")
    if ascii_bars != form:
        variants.append(ascii_bars)
    head = form.rstrip("".join(SUBSCRIPTS))
    tail = form[len(head):]
    if head and tail and plain_subscript(tail).isalnum():
        variants.append(f"{head}_{plain_subscript(tail)}")
    return variants


def derivative_name(function: str) -> str:
    """The written name of a derivative's function: `tanh_prime` is `tanh′`."""
    return function.removesuffix(PRIME_SUFFIX) + "′" if function.endswith(PRIME_SUFFIX) else function
