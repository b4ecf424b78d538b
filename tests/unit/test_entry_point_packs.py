"""Packs shipped as pip-installable packages are found through the `tutor.packs` entry point.

Installing a wheel in a test would be slow and need the network, so the test lays out
what pip would: the package on sys.path and a `.dist-info` folder with its entry points.
"""

from __future__ import annotations

from pathlib import Path

from tutor.packs.discovery import ENTRY_POINT, describe, discover

FIXTURE = Path(__file__).resolve().parents[1] / "fixtures" / "example-pack-package"


def install_fake_distribution(site: Path, entry_point_target: str) -> None:
    info = site / "tutor_example_pack-0.1.0.dist-info"
    info.mkdir(parents=True)
    (info / "METADATA").write_text("Metadata-Version: 2.1\nName: tutor-example-pack\nVersion: 0.1.0\n")
    (info / "entry_points.txt").write_text(f"[tutor.packs]\nexample = {entry_point_target}\n")


def test_installed_pack_is_listed_with_its_distribution_version(tmp_path, monkeypatch):
    install_fake_distribution(tmp_path, "tutor_example_pack:pack_path")
    monkeypatch.syspath_prepend(str(tmp_path))
    monkeypatch.syspath_prepend(str(FIXTURE))
    entries = [e for e in discover(include_builtin=False) if e.source == ENTRY_POINT]
    assert len(entries) == 1
    entry = entries[0]
    assert entry.ok and entry.pack.id == "example-installed"
    assert entry.provider == "tutor-example-pack 0.1.0"
    assert describe(entry).startswith("example-installed 0.1.0  An installed example pack: 1 question")
    assert describe(entry).endswith("(tutor-example-pack 0.1.0) [entry point]")


def test_a_failing_entry_point_is_listed_as_broken_not_fatal(tmp_path, monkeypatch):
    install_fake_distribution(tmp_path, "tutor_example_pack:does_not_exist")
    monkeypatch.syspath_prepend(str(tmp_path))
    monkeypatch.syspath_prepend(str(FIXTURE))
    entries = [e for e in discover(include_builtin=False) if e.source == ENTRY_POINT]
    assert [e.ok for e in entries] == [False]
    assert entries[0].error.startswith("entry point 'example' failed: module 'tutor_example_pack' has no attribute")
