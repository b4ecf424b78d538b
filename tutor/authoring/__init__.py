"""Tools for pack authors: prove a pack (`tutor check`), scaffold one, export one."""

VARIANT_SEEDS = 50
"""Draws proven per variant question by default (`tutor check --variant-seeds`)."""
