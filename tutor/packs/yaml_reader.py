"""Read untrusted YAML into plain Python data, remembering where every node was.

Built on PyYAML's event stream (libyaml when available) with the safe resolver, and an
explicit stack instead of recursion, so that:
- only the standard tags (str, int, float, bool, null, seq, map) are accepted; any
  other tag, `!!python/...` included, is an error and nothing is constructed;
- duplicate keys are errors (PyYAML silently keeps the last one);
- nesting deeper than `MAX_DEPTH`, documents that expand past `MAX_NODES` nodes
  through aliases (a "billion laughs" bomb), files over `MAX_BYTES`, non-UTF-8 bytes
  and binary data are rejected with one line each, before any deep work happens;
- every value and key keeps its line and column for error messages.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from tutor.packs.problems import FieldPath, Location, PackError, Problem
from tutor.packs.yaml_hints import hint, unclosed_quote

Marks = dict[FieldPath, tuple[int, int]]
"""Where each value (or key) of the document starts and ends: (start, end) offsets by field path."""

MAX_BYTES = 16 * 1024 * 1024
MAX_DEPTH = 48
MAX_NODES = 2_000_000

_Loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
_TAG_PREFIX = "tag:yaml.org,2002:"
_SCALAR_TAGS = {"str", "int", "float", "bool", "null", "timestamp"}
_COLLECTION_TAGS = {"seq", "map"}


@dataclass
class Document:
    """Plain data read from one YAML file; positions are found again only when asked.

    Recording a position for every node would double the cost of reading a large pack,
    and positions are needed only to report a problem, so `locate` re-reads the text
    once with positions on and keeps them.
    """

    file: str
    data: Any
    text: str = field(default="", repr=False)
    _marks: tuple[Marks, Marks] | None = field(default=None, repr=False, compare=False)

    def locate(self, path: FieldPath, *, key: bool = False) -> Location:
        """The location of the node at `path` (its key with `key=True`).

        Falls back to the nearest ancestor that has a mark, so a missing field points
        at the mapping that lacks it.
        """
        if self._marks is None:
            self._marks = _collect_marks(self.text, self.file)
        value_marks, key_marks = self._marks
        marks = key_marks if key else value_marks
        if path in marks:
            return Location(self.file, *marks[path])
        for length in range(len(path) - 1, -1, -1):
            prefix = path[:length]
            if prefix in value_marks:
                return Location(self.file, *value_marks[prefix])
        return Location(self.file, 1, 1)


def read_yaml(path: Path, display: str) -> Document:
    """Read `path` as one YAML document; raise `PackError` with one clear problem."""
    text = _read_text(path, display)
    if not text.strip():
        raise PackError([Problem(Location(display), "empty file (expected a YAML mapping)")])
    try:
        data = _build(text, display, None)
    except PackError:
        # Read again with positions on: the message can then say where a duplicate
        # key was first defined. Problems are rare; the fast path stays fast.
        _build(text, display, ({}, {}))
        raise
    return Document(display, data, text)


def _collect_marks(text: str, display: str) -> tuple[Marks, Marks]:
    value_marks: Marks = {}
    key_marks: Marks = {}
    if text.strip():
        try:
            _build(text, display, (value_marks, key_marks))
        except PackError:
            pass  # positions up to the problem are still useful
    return value_marks, key_marks


def _read_text(path: Path, display: str) -> str:
    try:
        size = path.stat().st_size
        if size > MAX_BYTES:
            raise PackError(
                [Problem(Location(display), f"file is {size:,} bytes, over the limit of {MAX_BYTES:,}")]
            )
        raw = path.read_bytes()
    except PackError:
        raise
    except OSError as error:
        raise PackError([Problem(Location(display), f"cannot read file: {error.strerror}")]) from None
    if b"\x00" in raw:
        raise PackError([Problem(Location(display), "binary data (NUL bytes), not YAML text")])
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        line = raw.count(b"\n", 0, error.start) + 1
        column = error.start - (raw.rfind(b"\n", 0, error.start) + 1) + 1
        byte = raw[error.start]
        message = f"not UTF-8 text (invalid byte 0x{byte:02x})"
        raise PackError([Problem(Location(display, line, column), message)]) from None


def _one_line(text: str) -> str:
    return " ".join(text.split())


_NO_KEY = object()
_SCALAR = yaml.ScalarEvent
_MAP_START = yaml.MappingStartEvent
_SEQ_START = yaml.SequenceStartEvent
_ENDS = (yaml.MappingEndEvent, yaml.SequenceEndEvent)
_ALIAS = yaml.AliasEvent
_DOCUMENT_START = yaml.DocumentStartEvent


def _build(text: str, display: str, marks: tuple[Marks, Marks] | None) -> Any:
    """Turn the event stream of `text` into Python data, enforcing every limit.

    One flat loop with an explicit stack (no recursion, so no depth can overflow the
    interpreter) and local names only: this is the hot path of loading a large pack.
    With `marks`, the (value, key) position of every node is recorded by field path.
    Each stack frame is a list: [container, is_map, pending_key, path, anchor, size].
    """
    stack: list[list[Any]] = []
    anchors: dict[str, tuple[Any, int]] = {}
    plain_scalars: dict[str, Any] = {}
    constructor = _Constructor(display)
    root: Any = None
    nodes = 0
    documents = 0
    value_marks, key_marks = marks if marks is not None else (None, None)
    parser = _Loader(text)
    next_event = parser.get_event
    try:
        while True:
            event = next_event()
            if event is None:
                break
            kind = event.__class__
            if kind is _SCALAR:
                if event.tag is None and event.style is None:
                    value = plain_scalars.get(event.value, _NO_KEY)
                    if value is _NO_KEY:
                        value = constructor.scalar(event)
                        if len(plain_scalars) < 10_000:
                            plain_scalars[event.value] = value
                elif event.tag is None or event.tag == "!":
                    value = event.value
                else:
                    value = constructor.scalar(event)
                size = 1
                if event.anchor:
                    anchors[event.anchor] = (value, 1)
            elif kind is _MAP_START or kind is _SEQ_START:
                is_map = kind is _MAP_START
                if event.tag is not None:
                    constructor.check_collection_tag(event, "map" if is_map else "seq")
                if len(stack) >= MAX_DEPTH:
                    constructor.fail(event, f"nesting deeper than {MAX_DEPTH} levels")
                nodes += 1
                path = None
                if value_marks is not None:
                    path = _child_path(stack, event, constructor)
                    value_marks[path] = _mark(event)
                stack.append([{} if is_map else [], is_map, _NO_KEY, path, event.anchor, 1])
                continue
            elif kind in _ENDS:
                frame = stack.pop()
                value, size = frame[0], frame[5]
                if frame[4]:
                    anchors[frame[4]] = (value, size)
                if not stack:
                    root = value
                    continue
                size = 0  # already counted as its children arrived
                parent = stack[-1]
                parent[5] += frame[5]
                if parent[1]:
                    parent[0][parent[2]] = value
                    parent[2] = _NO_KEY
                else:
                    parent[0].append(value)
                continue
            elif kind is _ALIAS:
                if event.anchor not in anchors:
                    constructor.fail(event, f"unknown alias '*{event.anchor}'")
                value, size = anchors[event.anchor]
                if stack and stack[-1][1] and stack[-1][2] is _NO_KEY:
                    constructor.fail(event, "an alias cannot be used as a mapping key")
            else:
                if kind is _DOCUMENT_START:
                    documents += 1
                    if documents > 1:
                        constructor.fail(event, "more than one YAML document in the file (expected exactly one)")
                continue
            # a scalar or an alias arrives: count it, then store it as a key or a value
            nodes += size
            if nodes > MAX_NODES:
                constructor.fail(event, f"more than {MAX_NODES:,} values once aliases are expanded")
            if not stack:
                root = value
                continue
            parent = stack[-1]
            if parent[1]:
                if parent[2] is _NO_KEY:
                    if value.__class__ is not str or value in parent[0] or key_marks is not None:
                        _take_key(parent, value, event, constructor, key_marks)
                    else:
                        parent[2] = value  # the common case: a new text key
                    continue
                if value_marks is not None:
                    value_marks[(*parent[3], parent[2])] = _mark(event)
                parent[0][parent[2]] = value
                parent[2] = _NO_KEY
            else:
                if value_marks is not None:
                    value_marks[(*parent[3], len(parent[0]))] = _mark(event)
                parent[0].append(value)
            parent[5] += size
    except yaml.MarkedYAMLError as error:
        mark = error.problem_mark or error.context_mark
        line, column = (mark.line + 1, mark.column + 1) if mark else (0, 0)
        reason = error.problem or error.context or "invalid YAML"
        message = f"YAML syntax error: {reason}{hint(reason, text, line, column)}"
        opened = unclosed_quote(text, line) if mark else None
        if opened is not None:
            message = (f"YAML syntax error: this quoted text is not closed on its line, so the lines after it were "
                       f"read as part of it until line {line} ({reason}); close the quote, or write the text as a "
                       "block after '>-'")
            line, column = opened
        raise PackError([Problem(Location(display, line, column), message)]) from None
    except yaml.YAMLError as error:
        raise PackError([Problem(Location(display), f"YAML error: {_one_line(str(error))}")]) from None
    finally:
        parser.dispose()
    return root


def _take_key(
    frame: list[Any], key: Any, event: yaml.Event, constructor: "_Constructor", key_marks: Marks | None
) -> None:
    if isinstance(key, (list, dict)):
        constructor.fail(event, "mapping keys must be plain scalars")
    if key in frame[0]:
        first = ""
        if key_marks is not None:
            first = f" (first defined on line {key_marks[(*frame[3], key)][0]})"
        constructor.fail(event, f"duplicate key '{key}'{first}")
    frame[2] = key
    if key_marks is not None:
        key_marks[(*frame[3], key)] = _mark(event)


def _child_path(stack: list[list[Any]], event: yaml.Event, constructor: "_Constructor") -> FieldPath:
    if not stack:
        return ()
    parent = stack[-1]
    if parent[1]:
        if parent[2] is _NO_KEY:
            constructor.fail(event, "mapping keys must be plain scalars")
        return (*parent[3], parent[2])
    return (*parent[3], len(parent[0]))


class _Constructor:
    """Scalar construction and tag checks with the safe resolver; raises located problems."""

    def __init__(self, display: str) -> None:
        self.display = display
        self.loader = _Loader("")

    def scalar(self, event: yaml.ScalarEvent) -> Any:
        tag = event.tag if event.tag not in (None, "!") else (
            self.loader.resolve(yaml.ScalarNode, event.value, event.implicit))
        short = tag[len(_TAG_PREFIX):] if tag.startswith(_TAG_PREFIX) else None
        if short not in _SCALAR_TAGS:
            self._refuse_tag(event, tag, short)
        if short in ("str", "timestamp"):
            return event.value
        if short == "null":
            return None
        node = yaml.ScalarNode(tag, event.value)
        if short == "bool":
            return self.loader.construct_yaml_bool(node)
        try:
            if short == "int":
                return self.loader.construct_yaml_int(node)
            return self.loader.construct_yaml_float(node)
        except ValueError:
            self.fail(event, f"'{event.value}' is not a valid {short}")

    def check_collection_tag(self, event: yaml.CollectionStartEvent, expected: str) -> None:
        tag = event.tag
        if tag is None or tag == "!":
            return
        short = tag[len(_TAG_PREFIX):] if tag.startswith(_TAG_PREFIX) else None
        if short != expected:
            self._refuse_tag(event, tag, short)

    def _refuse_tag(self, event: yaml.Event, tag: str, short: str | None) -> None:
        shown = f"!!{short}" if short is not None else tag
        self.fail(event, f"YAML tag '{shown}' is not allowed (only plain data: text, numbers, lists, mappings)")

    def fail(self, event: yaml.Event, message: str) -> None:
        line, column = _mark(event)
        raise PackError([Problem(Location(self.display, line, column), message)])


def _mark(event: yaml.Event) -> tuple[int, int]:
    mark = event.start_mark
    return (mark.line + 1, mark.column + 1) if mark is not None else (0, 0)
