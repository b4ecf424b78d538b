"""One BLAS thread for the evidence's NumPy, asked for before NumPy loads.

tutor's matrices are small (the adding problem trains an LSTM of 16 units on 32
sequences): a threaded BLAS gains nothing on them, and after each threaded product its
worker threads spin, holding a second core while the next Python-driven step runs —
on a 2-core machine, the core the UI thread needs. Measured on the adding problem's
seeded run (OpenBLAS 0.3, 2 cores, quiet): 2.24 s CPU in 1.12 s wall with BLAS's default
threads, 0.90 s CPU in 0.90 s wall with one; the numbers are bit-for-bit the same.

NumPy's BLAS reads these variables once, when NumPy loads, so the app's process asks
before it starts (`tutor.ui.app.run_app`; the home screen loads no NumPy), and `tutor
check` asks for the length of its run (`one_blas_thread`). A value the user set is kept.
"""

from __future__ import annotations

import os
from collections.abc import Iterator, MutableMapping
from contextlib import contextmanager

BLAS_THREAD_VARIABLES = ("OPENBLAS_NUM_THREADS", "OMP_NUM_THREADS", "MKL_NUM_THREADS")
"""The variables the usual BLAS builds (OpenBLAS, OpenMP, MKL) read for their thread count."""


def prefer_one_blas_thread(environ: MutableMapping[str, str] = os.environ) -> None:
    """Set each BLAS thread variable to 1 unless it is already set (the user's choice wins)."""
    for name in BLAS_THREAD_VARIABLES:
        environ.setdefault(name, "1")


@contextmanager
def one_blas_thread(environ: MutableMapping[str, str] = os.environ) -> Iterator[None]:
    """`prefer_one_blas_thread` for the length of a block, the variables put back afterwards
    (for a caller that runs a command in-process, such as a test)."""
    saved = {name: environ.get(name) for name in BLAS_THREAD_VARIABLES}
    prefer_one_blas_thread(environ)
    try:
        yield
    finally:
        for name, value in saved.items():
            if value is None:
                environ.pop(name, None)
            else:
                environ[name] = value
