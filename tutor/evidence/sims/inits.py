"""Initialisations of the recurrent matrix W_hh, and the two numbers that govern BPTT.

The spectral radius ρ (largest |eigenvalue|) sets the long-run growth rate of W^k,
the largest singular value σ_max = ‖W‖₂ bounds every single step. A Gaussian
matrix has σ_max ≈ 2ρ for large n (about 1.8ρ at n = 32), a symmetric one σ_max = ρ, an
orthogonal one has every singular value equal to its gain: that gap is what the experiments
show.
"""

from __future__ import annotations

import numpy as np

INITS = ("spectral", "singular", "orthogonal", "identity", "symmetric")


def spectral_radius(matrix: np.ndarray) -> float:
    return float(np.max(np.abs(np.linalg.eigvals(matrix)))) if matrix.size else 0.0


def sigma_max(matrix: np.ndarray) -> float:
    return float(np.linalg.norm(matrix, 2)) if matrix.size else 0.0


def gaussian(rng: np.random.Generator, rows: int, cols: int) -> np.ndarray:
    """Entries N(0, 1/cols): a random matrix whose spectral radius is close to 1."""
    matrix: np.ndarray = rng.standard_normal((rows, cols)) / np.sqrt(cols)
    return matrix


def orthogonal(rng: np.random.Generator, size: int) -> np.ndarray:
    """A Haar-distributed orthogonal matrix (QR of a Gaussian with the sign fix)."""
    q, r = np.linalg.qr(rng.standard_normal((size, size)))
    signs = np.sign(np.diag(r))
    signs[signs == 0] = 1.0
    return q * signs


def rescale(matrix: np.ndarray, target: float, current: float) -> np.ndarray:
    """`matrix` times target/current; a zero matrix stays zero."""
    return matrix * (target / current) if current > 0 else np.zeros_like(matrix)


def recurrent_matrix(rng: np.random.Generator, size: int, init: str, scale: float) -> np.ndarray:
    """W_hh of shape (size, size) following `init`, with `scale` as its target.

    spectral: Gaussian rescaled to spectral radius `scale`; singular: Gaussian
    rescaled to largest singular value `scale`; orthogonal: orthogonal times the gain
    `scale`; identity: `scale` times I (the IRNN initialisation when scale = 1);
    symmetric: (G + Gᵀ)/√2 rescaled to spectral radius `scale`, a normal matrix whose
    singular values are its eigenvalues' magnitudes, so ρ = σ_max.
    """
    if init == "spectral":
        matrix = gaussian(rng, size, size)
        return rescale(matrix, scale, spectral_radius(matrix))
    if init == "singular":
        matrix = gaussian(rng, size, size)
        return rescale(matrix, scale, sigma_max(matrix))
    if init == "orthogonal":
        return scale * orthogonal(rng, size)
    if init == "identity":
        return scale * np.eye(size)
    if init == "symmetric":
        matrix = gaussian(rng, size, size)
        matrix = (matrix + matrix.T) / np.sqrt(2.0)
        return rescale(matrix, scale, spectral_radius(matrix))
    raise ValueError(f"unknown init '{init}' (known: {', '.join(INITS)})")
