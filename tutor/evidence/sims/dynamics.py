"""Beyond the norm bound: the whole singular spectrum of the Jacobian product, the largest
Lyapunov exponent of the hidden dynamics, and norm-preserving recurrences.

The norm ‖∂h_T/∂h_t‖₂ is only the largest singular value of J_T ⋯ J_{t+1}. Dynamical
isometry (Pennington et al. 2017; Chen, Pennington and Schoenholz 2018 for RNNs) asks for
*every* singular value to stay near 1; the spread of the spectrum in decades says how far
a network is from it. The largest Lyapunov exponent λ = lim (1/T) ln ‖J_T ⋯ J_1 v‖ is the
average growth rate per step along the trajectory: λ < 0 ordered (gradients vanish), λ > 0
chaotic (they explode), λ ≈ 0 the edge of chaos. Products are kept in log space (scaled
after each step) so long runs neither overflow nor underflow.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from typing import Any

import numpy as np

from tutor.evidence.result import Plot, Result, Series
from tutor.evidence.sims.activations import apply, derivative_from_output
from tutor.evidence.sims.inits import gaussian, orthogonal, recurrent_matrix, sigma_max, spectral_radius
from tutor.evidence.sims.numerics import check_cancel, ensure_affordable, quiet_overflow
from tutor.evidence.sims.problems import inputs, unit_vector
from tutor.evidence.sims.report import BACK_FROM_LOSS, first_over_last, fmt, scale_label, series_of, unique

Params = dict[str, Any]
Cancel = Callable[[], bool]
FEATURES = 4
LYAPUNOV_BURN_IN = 100
DEAD_EXPONENT = math.log(np.finfo(float).tiny)
"""λ reported when the tangent vector becomes exactly 0 (W = 0, every ReLU off): the true
exponent is −inf, which no plot can draw; ln of the smallest normal float64 stands for it."""
NO_EDGE = -1.0
"""`edge_scale` when λ never turns non-negative in the gains swept."""


def hidden_path(
    W_hh: np.ndarray, W_xh: np.ndarray, x: np.ndarray, activation: str, should_cancel: Cancel | None = None
) -> np.ndarray:
    """h_t for t = 0..T of one sequence (h_0 = 0): h_t = φ(W_hh h_{t−1} + W_xh x_t)."""
    steps, size = x.shape[0], W_hh.shape[0]
    hidden = np.zeros((steps + 1, size))
    with quiet_overflow():
        drive = x @ W_xh.T
        for step in range(1, steps + 1):
            np.matmul(W_hh, hidden[step - 1], out=hidden[step])
            hidden[step] += drive[step - 1]
            apply(activation, hidden[step])
            check_cancel(should_cancel, step)
    return hidden


def product_log_spectra(
    W_hh: np.ndarray, slopes: np.ndarray, should_cancel: Cancel | None = None
) -> np.ndarray:
    """ln σ_i(∂h_T/∂h_{T−k}) for k = 1..T, each row sorted from largest to smallest.

    `slopes` holds φ'(a_t) for t = 1..T. M_k = J_T ⋯ J_{T−k+1} is kept as s_k·M̃_k with
    ‖M̃_k‖_F = 1, so ln σ_i(M_k) = ln s_k + ln σ_i(M̃_k); singular values below about
    1e-16 of the largest are at rounding level (float64) and are reported as they come.
    """
    steps, size = slopes.shape
    spectra = np.empty((steps, size))
    product, log_scale = np.eye(size), 0.0
    with quiet_overflow():
        for k in range(1, steps + 1):
            product = product @ (slopes[steps - k][:, None] * W_hh)
            norm = float(np.linalg.norm(product))
            if norm == 0.0 or not math.isfinite(norm):
                spectra[k - 1:] = -math.inf if norm == 0.0 else math.nan
                return spectra
            product /= norm
            log_scale += math.log(norm)
            spectra[k - 1] = log_scale + np.log(np.linalg.svd(product, compute_uv=False))
            check_cancel(should_cancel, k)
    return spectra


def run_jacobian_spectrum(params: Params, seed: int, should_cancel: Cancel) -> Result:
    """Largest, median and smallest singular value of ∂h_T/∂h_{T−k} against k, and the spectrum at k = T."""
    steps, size, activation = params["steps"], params["hidden"], params["activation"]
    ensure_affordable(steps * size * (size + 2), "this spectrum")
    rng = np.random.default_rng(seed)
    W_hh = recurrent_matrix(rng, size, params["init"], params["scale"])
    W_xh = gaussian(rng, size, FEATURES)
    x = inputs(rng, steps, 1, FEATURES, params["input_scale"])[:, 0]
    hidden = hidden_path(W_hh, W_xh, x, activation, should_cancel)
    slopes = derivative_from_output(activation, hidden[1:])
    log_spectra = product_log_spectra(W_hh, slopes, should_cancel)
    with quiet_overflow():  # an exactly zero product (scale 0, dead ReLUs) has ln σ = −inf
        spectra = np.exp(log_spectra)
        spread = float((log_spectra[-1, 0] - log_spectra[-1, -1]) / math.log(10))
        mean_log = float(np.mean(log_spectra[-1]) / steps)
    distance = np.arange(1, steps + 1)
    last = spectra[-1]
    largest, smallest = float(last[0]), float(last[-1])
    if math.isnan(spread):  # every singular value is 0: nothing is spread
        spread = 0.0
    scalars = {
        "sv_max": largest,
        "sv_median": float(np.median(last)),
        "sv_min": smallest,
        "spread_decades": spread,
        "mean_log_sv_per_step": mean_log,
        "sigma_max_W": sigma_max(W_hh),
        "spectral_radius_W": spectral_radius(W_hh),
        "mean_abs_slope": float(np.mean(np.abs(slopes))),
    }
    over_distance = Plot(
        title="Singular values of ∂h_T/∂h_(T−k)",
        x_label="distance k = T − t (steps back from the loss)",
        y_label="singular value",
        series=(
            Series("sv_max", distance, spectra[:, 0], "largest σ (the norm)"),
            Series("sv_median", distance, np.median(spectra, axis=1), "median σ"),
            Series("sv_min", distance, spectra[:, -1], "smallest σ"),
        ),
    )
    spectrum = Plot(
        title=f"The whole spectrum of ∂h_T/∂h_0 (T = {steps})",
        x_label="index i (largest first)",
        y_label="σ_i",
        series=(Series("spectrum", np.arange(1, size + 1), last, "σ_i of the product"),),
    )
    reading = (
        f"After {steps} steps the product's singular values run from {fmt(smallest)} to {fmt(largest)}: "
        f"a spread of {spread:.1f} decades ({'close to isometry' if spread < 1 else 'far from isometry'}); "
        f"the norm alone (largest σ) hides the directions that vanish."
    )
    return Result(
        "jacobian-spectrum", "simulation", dict(params), seed, reading, scalars, (over_distance, spectrum),
        inputs={"W_hh": W_hh, "W_xh": W_xh, "x": x},
        outputs={"log_singular_values": log_spectra,
                 "convention": "row k-1: ln σ_i(J_T ⋯ J_(T−k+1)), J_t = diag(φ'(a_t)) W_hh"},
    )


def largest_lyapunov(
    W_hh: np.ndarray, drive: np.ndarray, activation: str, tangent: np.ndarray, *, burn_in: int,
    should_cancel: Cancel | None = None,
) -> float:
    """λ = (1/T) Σ ln ‖J_t v_{t−1}‖ with v renormalised each step, after `burn_in` steps
    that let the state forget h_0 and the tangent align with the fastest direction."""
    size = W_hh.shape[0]
    state, v = np.zeros(size), tangent / np.linalg.norm(tangent)
    total, counted = 0.0, 0
    with quiet_overflow():
        for step, push in enumerate(drive):
            state = W_hh @ state + push
            apply(activation, state)
            v = derivative_from_output(activation, state) * (W_hh @ v)
            growth = float(np.linalg.norm(v))
            if growth == 0.0:
                return DEAD_EXPONENT
            v /= growth
            if step >= burn_in:
                total += math.log(growth)
                counted += 1
            check_cancel(should_cancel, step + 1)
    return total / counted


def run_lyapunov(params: Params, seed: int, should_cancel: Cancel) -> Result:
    """λ_max against the gain g of W = g·G (G Gaussian with entries N(0, 1/n)), the edge marked."""
    steps, size, activation = params["steps"], params["hidden"], params["activation"]
    gains = unique(list(params["scales"]))
    ensure_affordable(len(gains) * (steps + LYAPUNOV_BURN_IN) * size, "this Lyapunov sweep")
    rng = np.random.default_rng(seed)
    base = gaussian(rng, size, size)
    drive = params["input_scale"] * rng.standard_normal((steps + LYAPUNOV_BURN_IN, size)) / math.sqrt(size)
    tangent = unit_vector(rng, size)
    exponents = np.array([
        largest_lyapunov(gain * base, drive, activation, tangent, burn_in=LYAPUNOV_BURN_IN,
                         should_cancel=should_cancel)
        for gain in gains
    ])
    edge = edge_of_chaos(np.array(gains), exponents)
    scalars = {f"lyapunov[{scale_label(gain)}]": float(value) for gain, value in zip(gains, exponents)}
    scalars.update({
        "edge_scale": edge,
        "spectral_radius_G": spectral_radius(base),
        "max_lyapunov": float(np.max(exponents)),
        "min_lyapunov": float(np.min(exponents)),
    })
    plot = Plot(
        title="Largest Lyapunov exponent of h_t = φ(g·G h_(t−1) + x_t)",
        x_label="gain g (spectral radius of g·G ≈ g)",
        y_label="λ_max per step (0 = edge of chaos)",
        series=(Series("lyapunov", np.array(gains), exponents, "λ_max"),),
        log_y=False,
    )
    where = "no crossing of 0 in the gains swept" if edge == NO_EDGE else f"λ crosses 0 at g ≈ {edge:.2f}"
    reading = (
        f"{activation}: λ_max runs from {fmt(float(exponents[0]))} at g = {gains[0]:g} to "
        f"{fmt(float(exponents[-1]))} at g = {gains[-1]:g}; {where}. Gradients over k steps scale like e^(λk): "
        "λ < 0 vanish, λ > 0 explode."
    )
    return Result("lyapunov", "simulation", dict(params), seed, reading, scalars, (plot,),
                  inputs={"G": base}, outputs={"gains": gains, "lyapunov": exponents})


def edge_of_chaos(gains: np.ndarray, exponents: np.ndarray) -> float:
    """The first gain where λ changes sign from < 0 to ≥ 0, linearly interpolated; NO_EDGE if none."""
    order = np.argsort(gains)
    g, lam = gains[order], exponents[order]
    for index in range(1, len(g)):
        if np.isfinite(lam[index - 1]) and lam[index - 1] < 0 <= lam[index]:
            return float(g[index - 1] + (g[index] - g[index - 1]) * -lam[index - 1] / (lam[index] - lam[index - 1]))
    return NO_EDGE


def linear_gradient_norms(
    W: np.ndarray, dL_dhT: np.ndarray, steps: int, should_cancel: Cancel | None = None
) -> np.ndarray:
    """‖∂L/∂h_t‖ for t = 0..T of the linear recurrence h_t = W h_{t−1} + U x_t (∂L/∂h_{t−1} = Wᴴ ∂L/∂h_t)."""
    grads = np.empty(steps + 1)
    grad = dL_dhT.astype(W.dtype)
    grads[steps] = np.linalg.norm(grad)
    with quiet_overflow():
        for step in range(steps, 0, -1):
            grad = W.conj().T @ grad
            grads[step - 1] = np.linalg.norm(grad)
            check_cancel(should_cancel, step)
    return grads


def lru_diagonal(rng: np.random.Generator, size: int, radius: float) -> np.ndarray:
    """The LRU's recurrence: diagonal λ_j = r·e^(iθ_j), θ_j uniform in [0, 2π) (Orvieto et al. 2023)."""
    return np.diag(radius * np.exp(2j * math.pi * rng.random(size)))


def run_unitary_rnn(params: Params, seed: int, should_cancel: Cancel) -> Result:
    """‖∂L/∂h_t‖ through an orthogonal W, a Gaussian W of spectral radius 1 and an LRU diagonal of radius r."""
    steps, size, radius = params["steps"], params["hidden"], params["radius"]
    ensure_affordable(3 * steps * size, "this comparison")
    rng = np.random.default_rng(seed)
    dL_dhT = unit_vector(rng, size)
    orthogonal_W = orthogonal(rng, size)
    gaussian_W = recurrent_matrix(rng, size, "spectral", 1.0)
    diagonal_W = lru_diagonal(rng, size, radius)
    runs = {
        "orthogonal": linear_gradient_norms(orthogonal_W, dL_dhT, steps, should_cancel),
        "gaussian": linear_gradient_norms(gaussian_W, dL_dhT, steps, should_cancel),
        "lru": linear_gradient_norms(diagonal_W, dL_dhT, steps, should_cancel),
    }
    plot = Plot(
        title="Linear recurrences over a long sequence",
        x_label="time step t (the loss is at T)",
        distance_label=BACK_FROM_LOSS,
        y_label="‖∂L/∂h_t‖",
        series=(
            series_of("orthogonal", runs["orthogonal"], "orthogonal W (all |λ| = 1, all σ = 1)"),
            series_of("gaussian", runs["gaussian"], f"Gaussian W, ρ = 1 (σ_max = {fmt(sigma_max(gaussian_W))})"),
            series_of("lru", runs["lru"], f"LRU diagonal, |λ| = {radius:g}"),
        ),
    )
    scalars = {f"first_over_last[{name}]": first_over_last(norms) for name, norms in runs.items()}
    with quiet_overflow():
        scalars.update({
            "max_deviation[orthogonal]": float(np.max(np.abs(runs["orthogonal"] - 1.0))),
            "sigma_max[gaussian]": sigma_max(gaussian_W),
            "radius_to_the_T": float(np.float64(radius) ** steps),
        })
    reading = (
        f"Over {steps} steps: orthogonal keeps ‖∂L/∂h_t‖ at 1 (largest deviation "
        f"{fmt(scalars['max_deviation[orthogonal]'])}, rounding); the Gaussian W with ρ = 1 changes it "
        f"×{fmt(scalars['first_over_last[gaussian]'])}; the LRU diagonal scales it by exactly "
        f"r^T = {fmt(radius ** steps)}."
    )
    return Result("unitary-rnn", "simulation", dict(params), seed, reading, scalars, (plot,),
                  inputs={"orthogonal": orthogonal_W, "gaussian": gaussian_W,
                          "lru_angles": np.angle(np.diag(diagonal_W)), "lru_radius": radius})
