"""Study sessions without a UI: the flashcard queue (fsrs), practice, mock interviews, stats.

Time comes from an injected clock, randomness from a seeded generator. Sessions never
grade: the caller grades first (`tutor.study.grades.grade_answer`, which may call SymPy)
and hands the grade to the session's `record`; the store records every answer as it is given.
Import the modules you need (`tutor.study.queue`, `.practice`, `.mock`, `.stats`):
this package root imports nothing, to keep start-up cheap.
"""
