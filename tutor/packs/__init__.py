"""Packs of questions: schema, safe YAML loading with positions, discovery.

Import from the submodules (`tutor.packs.loader`, `tutor.packs.discovery`); the
package root stays empty so that importing it costs nothing.
"""
