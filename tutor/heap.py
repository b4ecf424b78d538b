"""Keep freed memory in the process for reuse, so NumPy's arrays do not fault pages afresh.

The simulations allocate and free the same arrays over and over: an LSTM training step
makes gates of 50 × 32 × 64 floats (800 KB) and a dozen siblings, 300 times per run. glibc's
malloc serves blocks above its mmap threshold (128 KiB at first, then adjusted) with a
fresh mapping and gives the top of the heap back to the system once more than its trim
threshold is free there, so every step touched new pages: about 580,000 page faults in the
processes of a `tutor check --jobs 0` of the built-in pack (72,000 with this). Raising both
thresholds keeps those blocks in the heap, where the next step reuses them: the check's
system time 1.6 -> 0.4 s, its CPU time 16.8 -> 15.0 s and its wall time (--jobs 0)
9.2 -> 7.7 s (medians of 6 alternating runs, 2 cores shared with other work).

The cost is memory held rather than returned: blocks up to 32 MiB come from the heap, and
up to 256 MiB of free heap stays with the process until it exits, so each process of a
check keeps its peak instead of shrinking after a simulation, and the peak grows a little:
on the built-in pack the largest process peaks at 135 instead of 126 MB with --jobs 0, at
153 instead of 150 MB in one process. That suits a command that runs and ends: only
`tutor check` (tutor.commands.check) and its worker processes (tutor.authoring.proof) call
`keep_freed_memory`, never the app. A caller that runs the
check in-process (the tests) keeps the setting for the rest of its life; glibc has no way
to read the old values back. Other C libraries are left alone: where there is no `mallopt`
(macOS, Windows) or it refuses a setting, the result is False and the allocator's defaults stay.
"""

from __future__ import annotations

from collections.abc import Callable

#: glibc's mallopt parameters (malloc.h).
M_TRIM_THRESHOLD = -1
M_MMAP_THRESHOLD = -3

#: Blocks up to this size come from the heap (glibc's ceiling for the setting on 64-bit).
MMAP_THRESHOLD_BYTES = 32 * 1024 * 1024
#: Free memory at the top of the heap is given back only beyond this.
TRIM_THRESHOLD_BYTES = 256 * 1024 * 1024


def keep_freed_memory() -> bool:
    """Raise glibc's mmap and trim thresholds for this process; True if the C library took both."""
    mallopt = _mallopt()
    if mallopt is None:
        return False
    mapped = mallopt(M_MMAP_THRESHOLD, MMAP_THRESHOLD_BYTES)
    trimmed = mallopt(M_TRIM_THRESHOLD, TRIM_THRESHOLD_BYTES)
    return bool(mapped and trimmed)


def _mallopt() -> Callable[[int, int], int] | None:
    """The C library's `mallopt` among the symbols this process already has loaded, or None.

    The running process is looked in (no `ctypes.util.find_library`, which starts ldconfig)."""
    import ctypes

    try:
        mallopt = ctypes.CDLL(None).mallopt
    except (OSError, AttributeError, TypeError):  # no such symbol (macOS), no dlopen(NULL) (Windows)
        return None
    mallopt.argtypes = (ctypes.c_int, ctypes.c_int)
    mallopt.restype = ctypes.c_int
    return mallopt
