"""Evidence: named NumPy simulations and SymPy derivations behind every answer.

This package root stays light; see `registry` for the entry points.
"""
