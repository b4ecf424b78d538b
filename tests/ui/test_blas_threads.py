"""The app's process asks for one BLAS thread before NumPy loads, and `tutor check` for the
length of its run (tutor.evidence.blas): the evidence's small matrix products gain nothing
from BLAS threads, whose spinning holds the core the UI thread needs. A value the user set
is kept."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from tutor.evidence.blas import BLAS_THREAD_VARIABLES, one_blas_thread, prefer_one_blas_thread

ROOT = Path(__file__).resolve().parents[2]

# TUTOR_HOME is a file: run_app stops at the unusable store (exit 2) before drawing anything
CHILD = """
import os, sys
from tutor.ui.app import run_app
code = run_app([])
print(code, 'numpy' in sys.modules, os.environ.get('OPENBLAS_NUM_THREADS'), os.environ.get('OMP_NUM_THREADS'),
      os.environ.get('MKL_NUM_THREADS'))
"""


def test_unset_variables_become_one_and_a_set_one_is_kept():
    environ = {"OMP_NUM_THREADS": "3", "PATH": "/bin"}
    prefer_one_blas_thread(environ)
    assert environ == {"OPENBLAS_NUM_THREADS": "1", "OMP_NUM_THREADS": "3", "MKL_NUM_THREADS": "1", "PATH": "/bin"}


def test_for_a_block_the_variables_are_put_back_afterwards():
    """How `tutor check` asks (a caller may run the command in-process)."""
    environ = {"OMP_NUM_THREADS": "2"}
    with one_blas_thread(environ):
        assert environ == {"OPENBLAS_NUM_THREADS": "1", "OMP_NUM_THREADS": "2", "MKL_NUM_THREADS": "1"}
    assert environ == {"OMP_NUM_THREADS": "2"}


def _child(tmp_path: Path, **chosen: str) -> str:
    env = {name: value for name, value in os.environ.items() if name not in BLAS_THREAD_VARIABLES}
    home = tmp_path / "not-a-folder"
    home.write_text("")
    env.update(chosen, TUTOR_HOME=str(home), PYTHONPATH=str(ROOT))
    done = subprocess.run([sys.executable, "-c", CHILD], env=env, capture_output=True, text=True, check=True)
    return done.stdout.strip()


def test_the_app_sets_one_thread_before_numpy_loads(tmp_path):
    assert _child(tmp_path) == "2 False 1 1 1"


def test_the_app_keeps_the_users_thread_count(tmp_path):
    assert _child(tmp_path, OPENBLAS_NUM_THREADS="2") == "2 False 2 1 1"
