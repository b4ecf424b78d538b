"""Start-up of the app against a bare Textual app, and answer-to-plot time.

1. Start-up: time from process start to the home screen's first frame (`Ready`, stamped by
   the child; the whole process time is printed too, for reference), for
   `tutor`'s app (real packs, a fresh store) and for a bare Textual app with one label,
   alternating, in fresh processes; the targets (issue 17) are a median ratio of at most
   1.2 for the first frame and 1.5 for the pack list with its counts. The
   packs load in a worker after the first frame, so the time until they are listed
   (with their due/new/studied counts) is reported too.
2. Evidence: for each question of the built-in pack with evidence, the time from
   "answer submitted" (ctrl+r, which shows the answer) to the first frame composed with
   every evidence item of the question on the page; the targets are a median of at most
   50 ms and at most 150 ms for the slowest question, in each mode. The key goes in as the terminal driver would send it and the frames are
   timed as Textual composes them, so Pilot's idle-detection sleeps are not counted. Measured answering at once
   (the computation runs after the answer) and after a moment of reading (the panel
   starts computing when the question is shown), after a warm-up pass. A slowest
   question that met a full garbage collection says how long the collector ran then.

Run from the repository root: `PYTHONPATH=. python tests/bench/bench_ui_startup.py [runs]`;
`--evidence` runs part 2 only, `--startup` part 1 only.
"""

from __future__ import annotations

import asyncio
import gc
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]

BARE = """
import time
from textual.app import App
from textual.widgets import Label

class Bare(App):
    def compose(self):
        yield Label("hello")
    def on_ready(self):
        print("shown", time.time())
        self.exit()

Bare().run(headless=True)
"""

TUTOR = """
import time
from tutor.ui.app import TutorApp
from tutor.service.backend import CoreBackend

class Timed(TutorApp):
    def on_ready(self):
        assert type(self.screen).__name__ == "HomeScreen"
        print("shown", time.time())
        self.exit()

backend = CoreBackend([])
Timed(backend).run(headless=True)
backend.close()
"""

TUTOR_WITH_PACKS = """
import time
from tutor.ui.app import TutorApp
from tutor.service.backend import CoreBackend

class Timed(TutorApp):
    def on_tutor_app_packs_listed(self, event):  # from the pack index, before the packs load
        self.call_after_refresh(self.shown)

    def on_tutor_app_packs_loaded(self, event):
        self.call_after_refresh(self.shown)

    def shown(self):  # the pack table with its counts has been drawn
        if not self.is_headless or getattr(self, "stamped", False):
            return
        self.stamped = True
        print("shown", time.time())
        self.exit()

backend = CoreBackend([])
Timed(backend).run(headless=True)
assert backend.packs(), "no packs found"
backend.close()
"""


FIRST_FRAME_RATIO = 1.2  # issue 17: first frame of the home screen against a bare Textual app
PACKS_LISTED_RATIO = 1.5  # the pack list with its counts
EVIDENCE_MEDIAN_MS = 50
EVIDENCE_SLOWEST_MS = 150

def time_process(code: str, env: dict[str, str]) -> tuple[float, float]:
    """(seconds from the start of the process to the frame it prints as shown, seconds
    until the process ended). The child stamps the frame with the wall clock the parent
    read just before starting it, so what the process does after the frame (stopping
    workers, tearing down, exiting) is not counted as start-up."""
    started, clock = time.perf_counter(), time.time()
    output = subprocess.run([sys.executable, "-c", code], cwd=ROOT, env=env, check=True,
                            capture_output=True, text=True).stdout
    ended = time.perf_counter() - started
    stamps = [float(line.split()[1]) for line in output.splitlines() if line.startswith("shown ")]
    assert stamps, f"the app printed no frame: {output!r}"
    return stamps[0] - clock, ended


def startup(runs: int) -> None:
    with tempfile.TemporaryDirectory() as home:
        # COLUMNS/LINES: without a terminal Rich reads 80x25 while the headless driver reads
        # 80x24, so the screen would be laid out twice, at a size no terminal ever gives.
        # Bytecode: an installed app starts from compiled modules (pip writes them), as
        # Textual's are in site-packages; with PYTHONDONTWRITEBYTECODE set (some sandboxes
        # set it) tutor's modules, run from the source tree, were compiled on every start.
        # They are compiled once here (into __pycache__, which git ignores), as pip would.
        env = {**os.environ, "PYTHONPATH": str(ROOT), "TUTOR_HOME": home, "COLUMNS": "80", "LINES": "24"}
        env.pop("PYTHONDONTWRITEBYTECODE", None)
        subprocess.run([sys.executable, "-m", "compileall", "-q", str(ROOT / "tutor")], env=env, check=True)
        time_process(TUTOR, env)  # warm the file cache and create the store
        cold = time_process(TUTOR_WITH_PACKS, env)  # no pack index yet: this start writes it
        print(f"start-up with no pack index yet (one run): packs listed with counts {cold[0] * 1000:.0f} ms")
        bare, tutor, listed = [], [], []
        for _ in range(runs):
            bare.append(time_process(BARE, env))
            tutor.append(time_process(TUTOR, env))
            listed.append(time_process(TUTOR_WITH_PACKS, env))
    for index, what in ((0, "to the frame"), (1, "whole process (for reference)")):
        base = statistics.median(run[index] for run in bare)
        first = statistics.median(run[index] for run in tutor)
        packs = statistics.median(run[index] for run in listed)
        print(f"start-up, {what} (median of {runs}): bare Textual {base * 1000:.0f} ms; "
              f"tutor home first frame {first * 1000:.0f} ms, ratio {first / base:.2f} "
              f"(target <= {FIRST_FRAME_RATIO}); packs listed with counts {packs * 1000:.0f} ms, "
              f"ratio {packs / base:.2f} (target <= {PACKS_LISTED_RATIO})")


class FrameLog:
    """When the screen composed its frames. Headless Textual composes every frame it
    would paint (it only skips writing it to a terminal), so the first frame composed
    once the evidence is on the page is the moment a learner would see it."""

    def __init__(self, screen) -> None:
        self.times: list[float] = []
        compose = screen._compositor_refresh

        def logged() -> None:
            compose()
            self.times.append(time.perf_counter())

        screen._compositor_refresh = logged


class CollectorLog:
    """How long the garbage collector ran, and how many of its runs were full passes,
    since `start()`: a full pass over a pack's worth of live objects takes 150-250 ms, and
    it lands in whichever reveal happens to allocate past its threshold, so a slowest
    question is often one that met a full collection rather than one slow in itself."""

    def __init__(self) -> None:
        self.seconds, self.full, self._started = 0.0, 0, 0.0
        gc.callbacks.append(self._callback)

    def _callback(self, phase: str, info: dict) -> None:
        if phase == "start":
            self._started = time.perf_counter()
        else:
            self.seconds += time.perf_counter() - self._started
            self.full += info["generation"] == 2

    def start(self) -> None:
        self.seconds, self.full = 0.0, 0

    def close(self) -> None:
        gc.callbacks.remove(self._callback)


def settled(screen) -> bool:
    """Nothing left for the screen to lay out or paint."""
    return not (screen._layout_required or screen._dirty_widgets or screen._repaint_required
                or screen._scroll_required)


async def time_reveal(app, screen, panel, collector: CollectorLog) -> tuple[float, float]:
    """Press ctrl+r (show the answer) as a terminal would send it and wait, without
    Pilot's idle-detection sleeps, for the first frame composed after the answer and
    every evidence item are on the page. Returns (wall, CPU) seconds; `collector` holds
    the collections made meanwhile."""
    from textual import events

    frames = FrameLog(screen)
    collector.start()
    started, cpu = time.perf_counter(), time.process_time()
    key = events.Key("ctrl+r", None)
    key.set_sender(app)
    app._driver.send_message(key)
    while time.perf_counter() - started < 30:
        await asyncio.sleep(0.0005)
        if screen.revealed and panel.done and settled(screen) and frames.times:
            shown = frames.times[-1]
            if shown > started:
                return shown - started, time.process_time() - cpu
    raise RuntimeError(f"evidence not shown after 30 s: revealed {screen.revealed}, done {panel.done}, "
                       f"settled {settled(screen)}, frames {len(frames.times)}")


Timing = tuple[str, float, float, float, int]
"""Question id, wall and CPU seconds, seconds spent collecting garbage, full collections."""


async def evidence_latency() -> dict[str, list[Timing]]:
    """Answer-to-evidence-shown times per question: a warm-up pass (fills the derivation
    cache and imports NumPy), then answered at once (the evidence computes after the
    answer), then answered after a moment of reading (the panel started computing with
    the question)."""
    sys.path.insert(0, str(ROOT))
    from tutor.evidence.blas import prefer_one_blas_thread

    prefer_one_blas_thread()  # as the app's process does (run_app), before NumPy loads
    from tutor.service.backend import CoreBackend
    from tutor.ui.app import TutorApp
    from tutor.ui.screens.practice import PracticeScreen
    from tutor.ui.widgets.evidence_panel import EvidencePanel

    passes: dict[str, list[Timing]] = {"warm-up": [], "answered at once": [], "after reading": []}
    collector = CollectorLog()
    with tempfile.TemporaryDirectory() as home:
        os.environ["TUTOR_HOME"] = home
        backend = CoreBackend([])
        backend.prepare_grading = lambda: None  # no SymPy process competing for the CPU
        app = TutorApp(backend)
        async with app.run_test(size=(100, 30)) as pilot:
            await app.workers.wait_for_complete()  # the packs load in a worker
            await pilot.pause()
            pack = app.pack
            assert pack is not None, "no built-in pack found"
            for name, timings in passes.items():
                for question in pack.questions:
                    if not question.evidence:
                        continue
                    app.open_question(pack.id, question.id)
                    await pilot.pause()
                    screen = app.screen
                    assert isinstance(screen, PracticeScreen)
                    panel = screen.query_one(EvidencePanel)
                    if name == "after reading":
                        while not panel.done:
                            await asyncio.sleep(0.001)
                        await pilot.pause()
                    wall, cpu = await time_reveal(app, screen, panel, collector)
                    timings.append((question.id, wall, cpu, collector.seconds, collector.full))
        backend.close()
    collector.close()
    return passes


def main() -> None:
    args = [arg for arg in sys.argv[1:] if not arg.startswith("--")]
    parts = {arg for arg in sys.argv[1:] if arg.startswith("--")}
    runs = int(args[0]) if args else 7
    if "--evidence" not in parts:
        startup(runs)
    if "--startup" in parts:
        return
    for name, timings in asyncio.run(evidence_latency()).items():
        slowest = sorted(timings, key=lambda t: -t[1])[:3]
        wall = statistics.median(t[1] for t in timings) * 1000
        cpu = statistics.median(t[2] for t in timings) * 1000
        print(f"evidence, {name}: {len(timings)} questions, median {wall:.0f} ms from answer to evidence shown "
              f"(CPU {cpu:.0f} ms; target <= {EVIDENCE_MEDIAN_MS}); slowest: "
              + ", ".join(f"{qid} {t * 1000:.0f} ms" + (f" (GC {g * 1000:.0f} ms, a full pass)" if full else "")
                          for qid, t, _, g, full in slowest)
              + f" (target <= {EVIDENCE_SLOWEST_MS}); {sum(t[4] for t in timings)} full collections during reveals")


if __name__ == "__main__":
    main()
