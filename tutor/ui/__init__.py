"""The Textual skin of tutor: the app, its screens and widgets.

Everything here talks to the core through `tutor.ui.backend.Backend`, so the
screens can be driven in tests with small fakes and the core never imports Textual.
"""
