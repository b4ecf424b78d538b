"""How tutor writes one number in text, from a format: `.3g`, `.2f`, `.0%`, `.3p`, `sup`, `sub`.

Shared by the templates of variant questions (`{k:.3g}`, `tutor.packs.variants`) and the
captions of evidence (`{rho:.2f}`, `tutor.evidence.caption`), so a number reads the same in a
question and in the plot beside it; here, below both, so neither imports the other for it.
"""

from __future__ import annotations

SUPERSCRIPT = str.maketrans("0123456789-", "⁰¹²³⁴⁵⁶⁷⁸⁹⁻")
SUBSCRIPT = str.maketrans("0123456789-", "₀₁₂₃₄₅₆₇₈₉₋")

Number = int | float


class NumberFormatError(ValueError):
    """A format that cannot write this number (one line, naming the placeholder)."""


def format_value(value: Number, spec: str, name: str = "value") -> str:
    """One value as text: `g` by default (0.85, 117.391); `sup`/`sub` for a whole number
    as superscript/subscript; `.3p` for `.3g` with a written power of ten."""
    if spec in ("sup", "sub"):
        if not float(value).is_integer():
            raise NumberFormatError(f"{{{name}:{spec}}} needs a whole number, not {value:g}")
        return str(int(value)).translate(SUPERSCRIPT if spec == "sup" else SUBSCRIPT)
    if not spec:
        return str(value) if isinstance(value, int) else f"{value:g}"
    try:
        if spec.endswith("p"):
            return _pretty(format(value, spec[:-1] + "g"))
        return format(value, spec)
    except ValueError:
        raise NumberFormatError(
            f"{{{name}:{spec}}}: '{spec}' is not a number format (for example .3g or .2f)"
        ) from None


def _pretty(text: str) -> str:
    """`1.07e-06` -> `1.07·10⁻⁶` (the `p` format: `g` with a written power of ten)."""
    mantissa, _, exponent = text.partition("e")
    if not exponent:
        return mantissa
    power = "10" + str(int(exponent)).translate(SUPERSCRIPT)
    return power if mantissa == "1" else f"{mantissa}·{power}"
