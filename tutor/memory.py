"""Keep Python's full garbage collections short while the app runs.

A full collection scans every tracked object. Once NumPy, plotext and SymPy are
imported that is a quarter of a million objects, and a collection stalls the UI for
100-300 ms, which a learner sees as a hitch right after answering. Nearly all of those
objects are the imported modules, which live as long as the process: `gc.freeze()`
moves them out of the collector's sight, and each full collection then only scans the
objects made since.

We freeze at quiet moments (the packs listed, a piece of evidence shown) and only when
new modules have been imported since the last freeze, so it happens a handful of times
per process. Whatever else is alive at that moment is frozen too: if it later becomes
garbage in a reference cycle it is never collected, so at most a few screens' widgets
are kept for good; objects without cycles are still freed as usual.

It tunes the Python process, not the core's data, and imports nothing of Textual, so it
sits at the top of the package rather than in `tutor.ui` (Textual code only) or
`tutor.service` (what a front end asks of the core).
"""

from __future__ import annotations

import gc
import sys

_modules_at_last_freeze = 0


def freeze_new_imports() -> bool:
    """Freeze the tracked objects if modules were imported since the last freeze.

    Returns True when it froze. Cheap when nothing new was imported (one length check)."""
    global _modules_at_last_freeze
    loaded = len(sys.modules)
    if loaded <= _modules_at_last_freeze:
        return False
    _modules_at_last_freeze = loaded
    gc.freeze()
    return True
