"""Snapshots of the main screens (pytest-textual-snapshot; update with --snapshot-update).

Deterministic by construction: fake clock, canned grades, canned evidence with fixed
seeds, fixed terminal sizes, and every worker finished before the picture is taken.
"""

from __future__ import annotations

from types import SimpleNamespace

import pytest
from fakes import PARTLY, RIGHT, backend_with, fake_stats, make_pack, submit

from tutor.ui.app import TutorApp
from tutor.ui.screens import lab as lab_module
from tutor.ui.widgets.evidence_panel import EvidencePanel


def make_app() -> TutorApp:
    backend = backend_with(make_pack(), make_pack(id="second", title="Second pack", description="Another pack."),
                           grades={"product of jacobians shrinks": RIGHT, "partly": PARTLY},
                           stats_summary=fake_stats())
    return TutorApp(backend)


async def settle(pilot) -> None:
    await pilot.app.workers.wait_for_complete()
    await pilot.pause()


def test_home(snap_compare) -> None:
    assert snap_compare(make_app(), terminal_size=(100, 30), run_before=settle)


def test_study_card_with_answer_revealed(snap_compare) -> None:
    async def answer(pilot) -> None:
        await settle(pilot)
        await pilot.press("s")
        await submit(pilot, "product of jacobians shrinks")

    assert snap_compare(make_app(), terminal_size=(100, 30), run_before=answer)


def test_practice_feedback(snap_compare) -> None:
    async def answer(pilot) -> None:
        await settle(pilot)
        await pilot.press("p", *"partly", "enter")
        await settle(pilot)

    assert snap_compare(make_app(), terminal_size=(80, 24), run_before=answer)


def test_evidence_panel(snap_compare) -> None:
    async def show_evidence(pilot) -> None:
        await settle(pilot)
        await pilot.press("s", "enter")
        await settle(pilot)
        pilot.app.screen.query_one(EvidencePanel).scroll_visible(top=True, animate=False)
        await pilot.pause()

    assert snap_compare(make_app(), terminal_size=(100, 30), run_before=show_evidence)


def test_lab_with_a_pinned_run(snap_compare, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(lab_module, "time", SimpleNamespace(perf_counter=lambda: 0.0))  # "0 ms"

    async def compare_seeds(pilot) -> None:
        await settle(pilot)
        await pilot.press("l")
        await settle(pilot)
        await pilot.press("ctrl+o", "ctrl+r")
        await pilot.pause(lab_module.DEBOUNCE_SECONDS + 0.1)
        await settle(pilot)

    assert snap_compare(make_app(), terminal_size=(80, 24), run_before=compare_seeds)


def test_stats(snap_compare) -> None:
    async def open_stats(pilot) -> None:  # mock start times: in the fake backend's zone, UTC
        await settle(pilot)
        await pilot.press("t")
        await settle(pilot)

    assert snap_compare(make_app(), terminal_size=(100, 40), run_before=open_stats)


def test_settings_with_a_value_out_of_range(snap_compare) -> None:
    async def type_too_many(pilot) -> None:
        await settle(pilot)
        await pilot.press("o", "backspace", "backspace", *"600")
        await pilot.pause()

    assert snap_compare(make_app(), terminal_size=(80, 24), run_before=type_too_many)
