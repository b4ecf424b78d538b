"""The Textual skin of tutor: the app, its screens and widgets; nothing else.

Everything here talks to the core through `tutor.service.protocol.Backend`, so the
screens can be driven in tests with small fakes and the core never imports Textual.
Code that a command could use instead of the app belongs in `tutor.service`.
"""
