"""tutor: a terminal tutor for machine-learning interviews.

Importing this package must stay cheap (no textual, numpy or sympy): the CLI's
`--version` and the first screen depend on it.
"""

__version__ = "0.1.0"

DISTRIBUTION = "evidence-tutor"
"""The name on the package index. The import package and the command stay `tutor`; the
index's `tutor` is Open edX's, so ours needed a name of its own (and a second command)."""
