"""Where tutor keeps its data and finds its packs.

The data dir comes from platformdirs, named after the distribution (`evidence-tutor`):
Open edX's Tutor keeps its own data in the platform's `tutor` folder, so ours must not share
it. A progress store left in the `tutor` folder by an earlier version is still used, so
nobody's progress disappears on upgrade. `TUTOR_HOME` overrides both so tests, CI and
people with several profiles can point tutor anywhere. Nothing here creates a
directory on import: callers ask for `ensure_dir` when they are about to write.
"""

from __future__ import annotations

import os
from pathlib import Path

APP_NAME = "evidence-tutor"
LEGACY_APP_NAME = "tutor"
STORE_NAME = "progress.sqlite3"
PACKAGE_DIR = Path(__file__).resolve().parent


def data_dir() -> Path:
    """The user's data dir: `$TUTOR_HOME` if set, else the platform's user data dir."""
    override = os.environ.get("TUTOR_HOME")
    if override:
        return Path(override).expanduser()
    from platformdirs import user_data_path

    current = user_data_path(APP_NAME, appauthor=False)
    legacy = user_data_path(LEGACY_APP_NAME, appauthor=False)
    if not current.exists() and (legacy / STORE_NAME).is_file():
        return legacy
    return current


def user_packs_dir() -> Path:
    """Packs the user installed by hand: one folder (or file) per pack."""
    return data_dir() / "packs"


def store_path() -> Path:
    """The SQLite progress store."""
    return data_dir() / STORE_NAME


def cache_dir() -> Path:
    """Derived data that may be deleted at any time (derivation cache)."""
    return data_dir() / "cache"


def exports_dir() -> Path:
    """Exports: lab runs (JSON and text plots) and mock interview debriefs (Markdown)."""
    return data_dir() / "exports"


def builtin_content_dir() -> Path:
    """The built-in packs: `tutor/_content` in an installed wheel, `content/` in a checkout."""
    installed = PACKAGE_DIR / "_content"
    if installed.is_dir():
        return installed
    return PACKAGE_DIR.parent / "content"


def extra_pack_paths() -> list[Path]:
    """Paths listed in `$TUTOR_PACKS`, separated by os.pathsep; empty entries are ignored."""
    raw = os.environ.get("TUTOR_PACKS", "")
    return [Path(part).expanduser() for part in raw.split(os.pathsep) if part.strip()]


def ensure_dir(path: Path) -> Path:
    """Create `path` (and parents) if missing and return it."""
    path.mkdir(parents=True, exist_ok=True)
    return path
