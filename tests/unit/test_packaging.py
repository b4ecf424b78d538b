"""The distribution as pip would install it: its own name, both commands, the packs and the guide.

The index's `tutor` is Open edX's Tutor, so the distribution is `evidence-tutor`; the import
package and the `tutor` command keep their names. Built with hatchling (the build backend)
into a temporary folder, then read as zip and tar archives.
"""

from __future__ import annotations

import os
import subprocess
import sys
import tarfile
import zipfile
from pathlib import Path

import pytest

from tutor import DISTRIBUTION, __version__, paths

pytest.importorskip("hatchling", reason="hatchling (the build backend) is part of the test extra")

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("dist")
    subprocess.run(
        [sys.executable, "-m", "hatchling", "build", "-d", str(out)],
        cwd=ROOT,
        check=True,
        capture_output=True,
    )
    return out


def _content_files() -> list[str]:
    content = ROOT / "content"
    return sorted(str(path.relative_to(content)) for path in content.rglob("*") if path.is_file())


def test_the_wheel_carries_the_new_name_both_commands_the_packs_and_the_guide(built: Path) -> None:
    (wheel,) = built.glob("*.whl")
    assert wheel.name == f"evidence_tutor-{__version__}-py3-none-any.whl"
    with zipfile.ZipFile(wheel) as archive:
        names = set(archive.namelist())
        dist_info = f"evidence_tutor-{__version__}.dist-info"
        metadata = archive.read(f"{dist_info}/METADATA").decode()
        entry_points = archive.read(f"{dist_info}/entry_points.txt").decode()
    assert "Name: evidence-tutor\n" in metadata
    assert "Requires-Dist: genanki>=0.13\n" in metadata  # `tutor export anki` works after `pip install .`
    assert "Provides-Extra: anki\n" in metadata  # kept, empty, so old install commands still work
    assert "tutor = tutor.cli:main" in entry_points.splitlines()
    assert "evidence-tutor = tutor.cli:main" in entry_points.splitlines()
    assert "tutor/_content/README.md" in names  # the authoring guide
    for relative in _content_files():
        assert f"tutor/_content/{relative}" in names
    assert "tutor/cli.py" in names and "tutor/__main__.py" in names
    assert not [name for name in names if "__pycache__" in name or name.endswith(".pyc")]


def test_tutor_guide_finds_the_guide_in_the_installed_wheel(built: Path, tmp_path: Path) -> None:
    (wheel,) = built.glob("*.whl")
    with zipfile.ZipFile(wheel) as archive:
        archive.extractall(tmp_path / "site")
    env = {**os.environ, "PYTHONPATH": str(tmp_path / "site")}
    run = [sys.executable, "-m", "tutor", "guide"]
    where = subprocess.run([*run, "--path"], capture_output=True, text=True, check=True, env=env, cwd=tmp_path)
    assert where.stdout == f"{tmp_path / 'site' / 'tutor' / '_content' / 'README.md'}\n"
    text = subprocess.run(run, capture_output=True, text=True, check=True, env=env, cwd=tmp_path).stdout
    assert text == (ROOT / "content" / "README.md").read_text(encoding="utf-8")


def test_the_sdist_carries_the_new_name_and_the_content(built: Path) -> None:
    (sdist,) = built.glob("*.tar.gz")
    assert sdist.name == f"evidence_tutor-{__version__}.tar.gz"
    with tarfile.open(sdist) as archive:
        names = set(archive.getnames())
        top = f"evidence_tutor-{__version__}"
        pkg_info = archive.extractfile(f"{top}/PKG-INFO").read().decode()
    assert "Name: evidence-tutor\n" in pkg_info
    for relative in _content_files():
        assert f"{top}/content/{relative}" in names
    assert f"{top}/README.md" in names


def test_version_names_the_distribution() -> None:
    result = subprocess.run(
        [sys.executable, "-m", "tutor", "--version"], capture_output=True, text=True, check=True
    )
    assert result.stdout == f"{DISTRIBUTION} {__version__}\n"


def _fresh_data_home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.delenv("TUTOR_HOME", raising=False)
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path))
    return tmp_path


@pytest.mark.skipif(sys.platform != "linux", reason="XDG_DATA_HOME places the data dir on Linux")
def test_data_lives_in_a_folder_of_its_own_not_open_edx_tutors(tmp_path, monkeypatch) -> None:
    home = _fresh_data_home(tmp_path, monkeypatch)
    (home / "tutor").mkdir()
    (home / "tutor" / "config.yml").write_text("Open edX's own file\n")
    assert paths.data_dir() == home / "evidence-tutor"


@pytest.mark.skipif(sys.platform != "linux", reason="XDG_DATA_HOME places the data dir on Linux")
def test_progress_left_by_an_earlier_version_is_still_used(tmp_path, monkeypatch) -> None:
    home = _fresh_data_home(tmp_path, monkeypatch)
    (home / "tutor").mkdir()
    (home / "tutor" / "progress.sqlite3").write_bytes(b"")
    assert paths.data_dir() == home / "tutor"
    (home / "evidence-tutor").mkdir()
    assert paths.data_dir() == home / "evidence-tutor"
