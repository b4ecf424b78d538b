"""The core as a front end sees it: what the app and the CLI ask of the packs, the store,
the study sessions, grading and the evidence registry.

`tutor.service.protocol.Backend` says what the app needs; `tutor.service.backend.CoreBackend`
provides it over the real core, and tests pass fakes. Nothing here imports Textual, so
`tutor/ui/` holds only the app's own code and a command (`tutor mock`) can check its
input with the same service before it opens the app. The service returns the core's own
types (`Pack`, `Grade`, `Remaining`, `PackCounts` ...) and adds only what a front end
needs on top: a pack entry to list, mock interview settings, decks over the sessions.
"""
