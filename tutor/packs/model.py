"""A loaded pack: validated, immutable questions plus where each came from."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path

from tutor.packs.problems import FieldPath, Location
from tutor.packs.schema import PackMeta, Question
from tutor.packs.yaml_reader import Document


@dataclass(frozen=True)
class Origin:
    """Where a question is defined: the document and the path of its mapping in it."""

    document: Document
    path: FieldPath


@dataclass(frozen=True)
class Pack:
    """A validated pack. `origins` lets tools point at any field of any question."""

    meta: PackMeta
    questions: tuple[Question, ...]
    path: Path
    origins: Mapping[str, Origin] = field(default_factory=dict, repr=False, compare=False)

    @property
    def id(self) -> str:
        return self.meta.id

    def question(self, question_id: str) -> Question | None:
        return next((q for q in self.questions if q.id == question_id), None)

    def locate(self, question_id: str, *subpath: str | int) -> Location:
        """The file position of `subpath` inside question `question_id`."""
        origin = self.origins.get(question_id)
        if origin is None:
            return Location(str(self.path))
        return origin.document.locate((*origin.path, *subpath))

    @property
    def topics(self) -> tuple[str, ...]:
        """Every topic used, in first-seen order."""
        return tuple(dict.fromkeys(t for q in self.questions for t in q.topics))
