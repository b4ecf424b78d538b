"""Load a pack from disk: read YAML safely, validate against the schema, apply the rules.

A pack is a folder with `pack.yaml` and one or more question files (`*.yaml` anywhere
below it), or a single `.yaml` file holding the pack fields and `questions`. Every
problem in every file is collected and raised together as one `PackError`, so an
author fixes a whole file in one round.
"""

from __future__ import annotations

import gc
from pathlib import Path
from typing import Any

from pydantic import BaseModel, ValidationError

from tutor.checks.kinds.concepts import ConceptsCheck
from tutor.packs.file_reading import read_question_files
from tutor.packs.model import Origin, Pack
from tutor.packs.problems import FieldPath, Location, PackError, Problem, display_path
from tutor.packs.rules import NotLoaded, check_rules
from tutor.packs.schema import PackMeta, Question
from tutor.packs.schema_errors import problems_from
from tutor.packs.yaml_reader import Document, read_yaml

PACK_FILE_NAMES = ("pack.yaml", "pack.yml")
YAML_SUFFIXES = (".yaml", ".yml")
MAX_QUESTION_FILES = 1_000


def is_pack_folder(path: Path) -> bool:
    return any((path / name).is_file() for name in PACK_FILE_NAMES)


def load_pack(path: Path | str) -> Pack:
    """Load and validate the pack at `path` (a folder or a single file).

    The cyclic garbage collector is paused while loading: reading a large pack creates
    hundreds of thousands of small acyclic objects, and collections triggered by those
    allocations would otherwise cost about a third of the time. (Nothing is frozen for
    good: see the `finally`.)
    """
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        return _load(Path(path))
    finally:
        # Everything made while loading is now in the youngest generation, and the next
        # young collection would scan it all (about 0.1 s for 5,000 questions) only to
        # promote it. A pack lives as long as it is loaded: move what exists straight to
        # the oldest generation (freeze, then unfreeze, moves without scanning), which
        # only the rare full collections look at. Not when something is frozen already
        # (the app freezes its imports): unfreezing would let that go too.
        if gc.get_freeze_count() == 0:
            gc.freeze()
            gc.unfreeze()
        if was_enabled:
            gc.enable()


def _load(path: Path) -> Pack:
    if path.is_dir():
        return _load_folder(path)
    if path.is_file():
        return _load_single_file(path)
    raise PackError([Problem(Location(display_path(path)), "no such file or folder")])


def _load_folder(folder: Path) -> Pack:
    meta_path = next((folder / n for n in PACK_FILE_NAMES if (folder / n).is_file()), None)
    if meta_path is None:
        message = "not a pack: no pack.yaml in this folder (see content/README.md)"
        raise PackError([Problem(Location(display_path(folder)), message)])
    problems: list[Problem] = []
    meta = None
    try:
        document = read_yaml(meta_path, display_path(meta_path))
        if _is_mapping(document, problems):
            meta = _validate(PackMeta, document.data, document, (), problems)
    except PackError as error:
        problems.extend(error.problems)
    files = _question_files(folder, meta_path)
    if not files:
        message = "no question files: add one or more *.yaml files with a `questions` list"
        problems.append(Problem(Location(display_path(folder)), message))
    questions: list[tuple[Question, Origin]] = []
    failed_ids: set[str] = set()
    failed_files: list[str] = []
    for file, outcome in zip(files, read_question_files(files), strict=True):
        if isinstance(outcome, Document):
            found = _questions_of_file(outcome, problems, failed_ids)
        else:
            problems.extend(outcome)
            found = None
        if found is None:
            failed_files.append(display_path(file))
        else:
            questions.extend(found)
    return _finish(meta, questions, folder, problems, NotLoaded(frozenset(failed_ids), tuple(failed_files)))


def _load_single_file(path: Path) -> Pack:
    if path.suffix not in YAML_SUFFIXES:
        raise PackError([Problem(Location(display_path(path)), "not a pack: expected a folder or a .yaml file")])
    document = read_yaml(path, display_path(path))
    problems: list[Problem] = []
    if not _is_mapping(document, problems):
        raise PackError(problems)
    fields = {k: v for k, v in document.data.items() if k != "questions"}
    if not fields and "questions" in document.data:
        raise PackError([Problem(Location(display_path(path)), _questions_file_message(path))])
    meta = _validate(PackMeta, fields, document, (), problems)
    failed_ids: set[str] = set()
    questions = _questions_of(document, problems, failed_ids) or []
    return _finish(meta, questions, path, problems, NotLoaded(frozenset(failed_ids)))


def _questions_file_message(path: Path) -> str:
    """What a file holding only `questions:` is: a part of a pack folder, named when its
    pack.yaml is beside it or one folder up (an instructor gave `tutor check` the questions
    file and read six lines of missing pack fields)."""
    for folder in (path.parent, path.parent.parent):
        if any((folder / name).is_file() for name in PACK_FILE_NAMES):
            return f"a questions file of the pack in {display_path(folder)}: give that folder instead"
    return "a questions file, not a pack: give the pack's folder (with its pack.yaml), or add the pack's fields"


def _finish(
    meta: PackMeta | None, questions: list[tuple[Question, Origin]], path: Path, problems: list[Problem],
    not_loaded: NotLoaded,
) -> Pack:
    problems.extend(check_rules(questions, not_loaded))
    if problems or meta is None:
        raise PackError(problems)
    groups = meta.vocabulary_groups()
    for question, _ in questions:
        answered = [(question.check, question.answer),
                    *((follow_up.check, follow_up.answer) for follow_up in question.follow_ups)]
        if question.interview:
            answered.append((question.interview.check, question.answer))
        for check, model_answer in answered:
            if isinstance(check, ConceptsCheck):
                check.with_vocabulary(groups, tuple(meta.misconceptions), str(model_answer or ""))
    return Pack(
        meta=meta,
        questions=tuple(q for q, _ in questions),
        path=path,
        origins={q.id: origin for q, origin in questions},
    )


def _questions_of_file(
    document: Document, problems: list[Problem], failed_ids: set[str]
) -> list[tuple[Question, Origin]] | None:
    if not _is_mapping(document, problems):
        return None
    for key in document.data:
        if key != "questions":
            message = f"unknown field '{key}' (a questions file holds only `questions`)"
            problems.append(Problem(document.locate((key,), key=True), message))
    return _questions_of(document, problems, failed_ids)


def _questions_of(
    document: Document, problems: list[Problem], failed_ids: set[str]
) -> list[tuple[Question, Origin]] | None:
    """The questions that pass the schema; the ids of those that do not go to `failed_ids`.
    None when the document holds no list of questions at all (its ids are unknown)."""
    items = document.data.get("questions")
    if "questions" not in document.data:
        problems.append(Problem(document.locate(()), "required field is missing", ("questions",)))
        return None
    if not isinstance(items, list) or not items:
        where = document.locate(("questions",))
        problems.append(Problem(where, "must be a non-empty list of questions", ("questions",)))
        return None
    found: list[tuple[Question, Origin]] = []
    for index, item in enumerate(items):
        path: FieldPath = ("questions", index)
        question = _validate(Question, item, document, path, problems)
        if question is not None:
            found.append((question, Origin(document, path)))
        elif isinstance(item, dict) and isinstance(item.get("id"), str):
            failed_ids.add(item["id"])
    return found


def _validate(model: type[BaseModel], data: Any, document: Document, path: FieldPath, problems: list[Problem]) -> Any:
    if not isinstance(data, dict):
        problems.append(Problem(document.locate(path), f"expected a mapping, found {_shape(data)}", path))
        return None
    try:
        return model.model_validate(data)
    except ValidationError as error:
        problems.extend(problems_from(error, document, path, data))
        return None


def _is_mapping(document: Document, problems: list[Problem]) -> bool:
    if isinstance(document.data, dict):
        return True
    message = f"expected a mapping at the top of the file, found {_shape(document.data)}"
    problems.append(Problem(document.locate(()), message))
    return False


def _shape(value: Any) -> str:
    if isinstance(value, list):
        return "a list"
    if value is None:
        return "nothing"
    if isinstance(value, str):
        return "text"
    return "a number" if isinstance(value, (int, float)) else type(value).__name__


def _question_files(folder: Path, meta_path: Path) -> list[Path]:
    files = []
    for path in sorted(folder.rglob("*")):
        relative = path.relative_to(folder).parts
        if any(part.startswith(".") for part in relative) or path == meta_path:
            continue
        if path.suffix in YAML_SUFFIXES and path.is_file():
            files.append(path)
        if len(files) > MAX_QUESTION_FILES:
            message = f"more than {MAX_QUESTION_FILES} question files"
            raise PackError([Problem(Location(display_path(folder)), message)])
    return files
