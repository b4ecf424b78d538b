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

Freezing does not help with what the screens make and drop as the learner moves on:
the widgets and render caches of the questions shown since. Left to itself the collector
runs a full pass whenever enough of them have survived, which is most often during an
answer's reveal (mounting the evidence allocates the most), a 60-250 ms hitch on the
slowest questions. `collect_left_behind` runs that pass instead when a question's card
has just been removed (the learner moved on), so the collector finds too little to
start one during the next reveal.

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


def collect_left_behind() -> int:
    """A full collection, right after a screen dropped what it showed.

    Returns the number of unreachable objects found. Costs a scan of the objects not
    frozen (20-60 ms), paid as the next question is put up rather than in the middle of
    its reveal, where the collector would otherwise start the same pass on its own."""
    return gc.collect()
