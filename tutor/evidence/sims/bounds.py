"""γ = max_a |φ'(a)| of each activation: the factor in the bound ‖∂h_T/∂h_t‖ ≤ (γ·‖W_hh‖₂)^(T−t).

Its own module, free of NumPy, so the explanations under a plot (`tutor.evidence.explain`)
read the one table the simulations use without loading NumPy.
"""

from __future__ import annotations

ACTIVATIONS = ("tanh", "sigmoid", "relu", "linear")

GAMMA = {"tanh": 1.0, "sigmoid": 0.25, "relu": 1.0, "linear": 1.0}
