"""SymPy derivations of the Jacobian product, as ordered, rendered steps.

Importing this package is free: `catalog` declares the nine derivations without SymPy,
and `cache.run_cached` answers repeated requests (from memory, or from JSON on disk)
without importing SymPy. The code that computes lives in one short module per topic,
gathered as registry targets in `library`:

    steps       the Derivation builder (a step = statement, SymPy object, justification)
    printing    Unicode/LaTeX in the notes' notation (φ'(a), diag(v), ‖x‖)
    functions   σ and ‖·‖ as SymPy functions
    scalar      scalar-step           bounds     activation-bounds
    matrix      jacobian-matrix       chain      bptt-chain
    norms       norm-bound            gated      gated-paths
    remedies    clipping-rule, residual-jacobian
    truncation  tbptt-paths
"""
