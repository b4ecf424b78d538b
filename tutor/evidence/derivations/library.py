"""The registry targets of every derivation in `catalog`, gathered in one module.

Each target is `fn(params, seed, should_cancel) -> Result` (kind "derivation"; the seed
is ignored because derivations are exact). The `derive_*` functions behind them return
the `Derivation` itself, with the SymPy formulas the numerical tests check. Importing
this module imports SymPy: only `registry.run` (or `cache.run_cached`) should do it.
"""

from __future__ import annotations

from tutor.evidence.derivations.bounds import activation_bounds
from tutor.evidence.derivations.chain import bptt_chain
from tutor.evidence.derivations.gated import gated_paths
from tutor.evidence.derivations.matrix import jacobian_matrix
from tutor.evidence.derivations.norms import norm_bound
from tutor.evidence.derivations.remedies import clipping_rule, residual_jacobian
from tutor.evidence.derivations.scalar import scalar_step
from tutor.evidence.derivations.truncation import tbptt_paths

__all__ = [
    "activation_bounds",
    "bptt_chain",
    "clipping_rule",
    "gated_paths",
    "jacobian_matrix",
    "norm_bound",
    "residual_jacobian",
    "scalar_step",
    "tbptt_paths",
]
