"""`tutor serve` in a real browser: the home screen draws, practice opens, an answer typed in the
page reaches the progress store.

Chromium is the OS package (Debian: `apt-get install chromium`); Playwright drives it by its
path, so no browser is downloaded. The terminal in the page is drawn on a canvas, so the test
reads what the app sends instead: a script wraps the page's WebSocket and keeps the text of
every frame, and the test waits for words of the screen to appear in it.
"""

from __future__ import annotations

import os
import shutil
import signal
import socket
import sqlite3
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

CHROMIUM = next(
    (found for name in ("chromium", "chromium-browser", "google-chrome") if (found := shutil.which(name))), None
)
pytestmark = pytest.mark.skipif(
    CHROMIUM is None, reason="no Chromium on this machine (Debian/Ubuntu: apt-get install chromium)"
)
sync_api = pytest.importorskip("playwright.sync_api", reason="playwright is part of the test extra")

ANSWER = "Gradients shrink exponentially through time, typed in a browser tab."
PACK = """\
id: browser-demo
title: Browser demo
version: "1.0"
description: One free-text question for the browser test.
authors: [Test Author]
license: CC-BY-4.0
questions:
  - id: shrink
    level: basic
    topics: [rnn]
    prompt: Why do gradients vanish in a plain RNN, in a word?
    answer: They shrink exponentially through time.
    explanation: Repeated multiplication by Jacobians whose norms are below one.
    check:
      kind: concepts
      concepts:
        - name: shrink
          phrases: [shrink exponentially]
"""
CAPTURE_FRAMES = """
(() => {
  window.__screen = "";
  const decoder = new TextDecoder();
  const Native = window.WebSocket;
  window.WebSocket = function (...args) {
    const socket = new Native(...args);
    socket.addEventListener("message", (event) => {
      if (typeof event.data !== "string") {
        window.__screen += decoder.decode(new Uint8Array(event.data), { stream: true });
      }
    });
    return socket;
  };
  window.WebSocket.prototype = Native.prototype;
  Object.assign(window.WebSocket, { CONNECTING: 0, OPEN: 1, CLOSING: 2, CLOSED: 3 });
})();
"""
CHROMIUM_FLAGS = [
    "--headless=new", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
]
DEADLINE = 60.0


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def wait_until(condition, what: str, deadline: float = DEADLINE) -> None:
    """Poll `condition` until it holds; fail naming `what` once `deadline` seconds have passed."""
    end = time.monotonic() + deadline
    while not condition():
        if time.monotonic() > end:
            pytest.fail(f"gave up waiting for {what}")
        time.sleep(0.1)


def accepts(port: int) -> bool:
    try:
        with socket.create_connection(("127.0.0.1", port), timeout=0.5):
            return True
    except OSError:
        return False


def stored_practice_answers(store: Path) -> list[str]:
    if not store.exists():
        return []
    try:
        with sqlite3.connect(f"file:{store}?mode=ro", uri=True) as connection:
            rows = connection.execute("SELECT response FROM reviews WHERE mode = 'practice'").fetchall()
    except sqlite3.OperationalError:  # the app has not created its tables yet
        return []
    return [row[0] for row in rows]


@pytest.fixture
def server(tmp_path: Path) -> Iterator[tuple[int, Path]]:
    pack = tmp_path / "browser-demo.yaml"
    pack.write_text(PACK, encoding="utf-8")
    home = tmp_path / "home"
    port = free_port()
    env = {**os.environ, "TUTOR_HOME": str(home)}
    process = subprocess.Popen(
        [sys.executable, "-m", "tutor", "serve", "--port", str(port), "--pack", str(pack)],
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        start_new_session=True,
    )
    try:
        wait_until(lambda: accepts(port) or process.poll() is not None, "the server to listen")
        if process.poll() is not None:
            pytest.fail(f"tutor serve exited: {process.stderr.read().decode()}")
        yield port, home / "progress.sqlite3"
    finally:
        os.killpg(process.pid, signal.SIGTERM)  # the server and the app processes it started
        process.wait(timeout=30)


def test_a_browser_tab_practises_and_the_answer_is_stored(server: tuple[int, Path]) -> None:
    port, store = server
    with sync_api.sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_FLAGS)
        try:
            page = browser.new_page(viewport={"width": 1280, "height": 800})
            page.add_init_script(CAPTURE_FRAMES)
            page.goto(f"http://127.0.0.1:{port}/")

            def screen_has(text: str) -> bool:
                return text in page.evaluate("window.__screen || ''")

            wait_until(lambda: screen_has("Practice") and screen_has("Browser demo"), "the home screen")
            page.click(".textual-terminal")
            page.keyboard.press("p")
            wait_until(lambda: screen_has("in a word?"), "the practice question")
            page.keyboard.type(ANSWER)
            page.keyboard.press("Enter")
            wait_until(lambda: ANSWER in stored_practice_answers(store), "the answer in the store")
        finally:
            browser.close()
    assert stored_practice_answers(store) == [ANSWER]
