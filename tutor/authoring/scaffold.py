"""`tutor new`: lay out a new pack with one worked example of every check kind.

The generated pack passes `tutor check` as written, so an author starts from a green
state and learns the format by changing working examples.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

TEMPLATES = Path(__file__).resolve().parent / "templates"
SLUG = re.compile(r"^[a-z0-9][a-z0-9._-]*$")


class ScaffoldError(ValueError):
    """The pack cannot be created here; the message is one line."""


def slugify(name: str) -> str:
    slug = re.sub(r"[^a-z0-9._-]+", "-", name.lower()).strip("-._")
    return slug or "my-pack"


def scaffold(folder: Path, *, pack_id: str | None = None, title: str | None = None) -> list[Path]:
    """Create `folder` with pack.yaml and questions.yaml; returns the files written."""
    pack_id = pack_id or slugify(folder.resolve().name)
    if not SLUG.match(pack_id) or len(pack_id) > 80:
        raise ScaffoldError(f"'{pack_id}' is not a valid pack id (lowercase letters, digits, '.', '_' and '-')")
    title = title or folder.resolve().name.replace("-", " ").replace("_", " ").strip().capitalize() or "My pack"
    if folder.exists() and (not folder.is_dir() or any(folder.iterdir())):
        raise ScaffoldError(f"{folder}: already exists and is not an empty folder")
    folder.mkdir(parents=True, exist_ok=True)
    pack_text = (TEMPLATES / "pack.yaml").read_text(encoding="utf-8")
    # json.dumps yields a double-quoted string that is also valid YAML, whatever the title holds.
    pack_text = pack_text.replace("{id}", pack_id).replace("{title}", json.dumps(title, ensure_ascii=False))
    written = [folder / "pack.yaml", folder / "questions.yaml"]
    written[0].write_text(pack_text, encoding="utf-8")
    written[1].write_text((TEMPLATES / "questions.yaml").read_text(encoding="utf-8"), encoding="utf-8")
    return written
