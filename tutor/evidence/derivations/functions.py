"""Two SymPy functions the derivations name: the sigmoid σ and the spectral norm ‖·‖.

`sigma` prints as σ(a). Its derivative rule σ' = σ(1 − σ) is what the
activation-bounds derivation obtains from 1/(1 + e^(−a)); giving it to SymPy here lets
the gated-cell derivations stay readable (σ(z_f) instead of a fraction of exponentials).
A numerical test checks the rule against finite differences. `norm` is left unevaluated:
bounds are stated about norms, not computed.
"""

from __future__ import annotations

from typing import Any

from sympy import Function, exp


class sigma(Function):  # noqa: N801 - lower case like SymPy's tanh; prints as σ
    """The logistic sigmoid σ(a) = 1/(1 + e^(−a))."""

    nargs = 1

    def fdiff(self, argindex: int = 1) -> Any:
        value = sigma(self.args[0])
        return value * (1 - value)

    def _eval_rewrite_as_exp(self, argument: Any, **hints: Any) -> Any:
        return 1 / (1 + exp(-argument))

    def _eval_is_extended_real(self) -> bool | None:
        real: bool | None = self.args[0].is_extended_real  # SymPy's three-valued answer
        return real

    def _eval_evalf(self, precision: int) -> Any:
        return self.rewrite(exp)._eval_evalf(precision)


class norm(Function):  # noqa: N801 - prints as ‖x‖ (see printing)
    """The spectral norm ‖x‖₂, kept unevaluated."""

    nargs = 1

    def _eval_is_extended_real(self) -> bool:
        return True

    def _eval_is_extended_nonnegative(self) -> bool:
        return True
