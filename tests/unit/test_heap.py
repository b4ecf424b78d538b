"""tutor.heap: glibc keeps freed blocks for reuse after keep_freed_memory, nothing happens
where there is no mallopt, and only the check command and its workers ask for it."""

from __future__ import annotations

import platform
import subprocess
import sys
from pathlib import Path

import pytest

from tutor import heap

ROOT = Path(__file__).resolve().parents[2]

#: Prints how many mmapped blocks a 16 MiB malloc added and how much free memory the top of the
#: heap keeps after it is freed; with argument "keep", keep_freed_memory() is called first.
PROBE = """
import ctypes, sys
from tutor.heap import keep_freed_memory

class MallInfo2(ctypes.Structure):
    _fields_ = [(name, ctypes.c_size_t) for name in
                ("arena", "ordblks", "smblks", "hblks", "hblkhd", "usmblks", "fsmblks", "uordblks", "fordblks",
                 "keepcost")]

libc = ctypes.CDLL(None)
libc.mallinfo2.restype = MallInfo2
libc.malloc.restype, libc.malloc.argtypes = ctypes.c_void_p, (ctypes.c_size_t,)
libc.free.argtypes = (ctypes.c_void_p,)
took = keep_freed_memory() if sys.argv[1:] == ["keep"] else None
before = libc.mallinfo2().hblks
block = libc.malloc(16 << 20)
mapped = libc.mallinfo2().hblks - before
libc.free(block)
print(took, mapped, libc.mallinfo2().keepcost >= 16 << 20)
"""


def probe(*arguments: str) -> str:
    return subprocess.run([sys.executable, "-c", PROBE, *arguments], capture_output=True, text=True, check=True,
                          cwd=ROOT).stdout.strip()


def glibc_version() -> tuple[int, ...]:
    name, version = platform.libc_ver()
    return tuple(int(part) for part in version.split(".")[:2] if part.isdigit()) if name == "glibc" else ()


@pytest.mark.skipif(platform.system() != "Linux" or glibc_version() < (2, 33), reason="glibc 2.33+ (mallinfo2)")
def test_on_glibc_a_large_block_comes_from_the_heap_and_stays_there_once_freed() -> None:
    assert probe() == "None 1 False"  # by default 16 MiB is a mapping of its own, unmapped when freed
    assert probe("keep") == "True 0 True"


def test_without_mallopt_nothing_happens(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(heap, "_mallopt", lambda: None)
    assert heap.keep_freed_memory() is False


def test_both_thresholds_are_asked_for_and_a_refusal_is_reported(monkeypatch: pytest.MonkeyPatch) -> None:
    asked: list[tuple[int, int]] = []

    def mallopt(parameter: int, value: int) -> int:
        asked.append((parameter, value))
        return 0 if parameter == heap.M_TRIM_THRESHOLD else 1

    monkeypatch.setattr(heap, "_mallopt", lambda: mallopt)
    assert heap.keep_freed_memory() is False  # the C library refused one of them
    assert asked == [(-3, 32 * 1024 * 1024), (-1, 256 * 1024 * 1024)]


def test_only_the_check_command_and_its_workers_keep_freed_memory() -> None:
    users = sorted(str(path.relative_to(ROOT)) for path in (ROOT / "tutor").rglob("*.py")
                   if "tutor.heap" in path.read_text(encoding="utf-8") and path.name != "heap.py")
    assert users == ["tutor/authoring/proof.py", "tutor/commands/check.py"]
