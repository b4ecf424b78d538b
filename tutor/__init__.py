"""tutor: a terminal tutor for machine-learning interviews.

Importing this package must stay cheap (no textual, numpy or sympy): the CLI's
`--version` and the first screen depend on it.
"""

__version__ = "0.1.0"
