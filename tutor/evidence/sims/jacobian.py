"""The norm of the Jacobian product ∂h_T/∂h_t, computed in log space so it cannot overflow.

∂h_T/∂h_t = J_T J_{T-1} ⋯ J_{t+1} with J_k = diag(φ'(a_k)) W_hh. Multiplying the
matrices out overflows float64 after a few hundred steps of an exploding RNN (and
underflows for a vanishing one), so the running product is renormalised after every
step and its scale is kept as a logarithm:

    M_T = I,   M_{t-1} = M_t diag(φ'(a_t)) W_hh = s_{t-1} · M̃_{t-1},   ‖M̃‖_F = 1,
    ln ‖∂h_T/∂h_{t-1}‖₂ = ln s_{t-1} + ln σ_max(M̃_{t-1}).

The spectral norms are taken in batches of stored M̃ (one batched SVD per chunk).
"""

from __future__ import annotations

from collections.abc import Callable

import numpy as np

from tutor.evidence.sims.numerics import check_cancel, quiet_overflow

_CHUNK_ELEMENTS = 2**21


def jacobian_log_norms(
    W_hh: np.ndarray,
    derivatives: np.ndarray,
    *,
    should_cancel: Callable[[], bool] | None = None,
) -> np.ndarray:
    """ln ‖∂h_T/∂h_t‖₂ for t = 0..T along one sequence's path.

    `derivatives` holds φ'(a_t) for t = 1..T, shape (T, n); with a sweep, W_hh is
    (S, n, n), derivatives (S, T, n) and the result (S, T+1). An exactly zero product
    (dead ReLUs) gives −inf; the result is finite otherwise.
    """
    swept = W_hh.ndim == 3
    models = W_hh.shape[0] if swept else 1
    steps, size = derivatives.shape[-2:]
    W = W_hh.reshape(models, size, size)
    slopes = derivatives.reshape(models, steps, size)

    logs = np.empty((models, steps + 1))
    logs[:, steps] = 0.0
    product = np.broadcast_to(np.eye(size), (models, size, size)).copy()
    scaled = np.empty_like(product)
    log_scale = np.zeros(models)
    chunk = max(1, min(steps, _CHUNK_ELEMENTS // (models * size * size)))
    pending = np.empty((chunk, models, size, size))
    pending_scale = np.empty((chunk, models))
    filled = 0
    with quiet_overflow():
        for t in range(steps, 0, -1):
            np.multiply(product, slopes[:, t - 1, None, :], out=scaled)
            np.matmul(scaled, W, out=product)
            frobenius = np.sqrt(np.einsum("sij,sij->s", product, product))
            usable = np.isfinite(frobenius) & (frobenius > 0)
            product /= np.where(usable, frobenius, 1.0)[:, None, None]
            log_scale += np.log(frobenius)
            pending[filled] = product
            pending_scale[filled] = log_scale
            filled += 1
            if filled == chunk or t == 1:
                first_step = t - 1  # pending[0] holds step first_step + filled - 1
                logs[:, first_step : first_step + filled] = _log_spectral(
                    pending[:filled], pending_scale[:filled]
                )[::-1].T
                filled = 0
            check_cancel(should_cancel, t)
    return logs if swept else logs[0]


def _log_spectral(matrices: np.ndarray, log_scales: np.ndarray) -> np.ndarray:
    """ln(scale · σ_max(M̃)) for a stack of normalised matrices; NaN where M̃ is not finite.

    σ_max² is the largest eigenvalue of M̃M̃ᵀ, which a symmetric eigensolver finds in about
    three quarters of the time a batched SVD takes. Squaring loses nothing at the top of the
    spectrum: λ_max is perfectly conditioned (its error is ε·‖M̃‖² = ε·λ_max), so σ_max comes
    back to a few units in the last place (it is the smallest singular values that the Gram
    matrix would blur, and they are not asked for). ‖M̃‖_F = 1 keeps the entries of M̃M̃ᵀ
    within [−1, 1], and λ_max ≥ 1/n > 0 (a zero product, dead ReLUs, gives exactly 0 and −inf).
    """
    finite = np.all(np.isfinite(matrices), axis=(-2, -1))
    safe = np.where(finite[..., None, None], matrices, 0.0)
    gram = safe @ np.swapaxes(safe, -1, -2)
    largest = np.sqrt(np.linalg.eigvalsh(gram)[..., -1])
    return np.where(finite, log_scales + np.log(largest), np.nan)
