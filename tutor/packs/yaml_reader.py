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

MAX_BYTES = 16 * 1024 * 1024
MAX_DEPTH = 48
MAX_NODES = 2_000_000

_Loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
_TAG_PREFIX = "tag:yaml.org,2002:"
_SCALAR_TAGS = {"str", "int", "float", "bool", "null", "timestamp"}
_COLLECTION_TAGS = {"seq", "map"}


@dataclass
class Document:
    """Plain data read from one YAML file, with the marks of its values and keys."""

    file: str
    data: Any
    value_marks: dict[FieldPath, tuple[int, int]] = field(default_factory=dict)
    key_marks: dict[FieldPath, tuple[int, int]] = field(default_factory=dict)

    def locate(self, path: FieldPath, *, key: bool = False) -> Location:
        """The location of the node at `path` (its key with `key=True`).

        Falls back to the nearest ancestor that has a mark, so a missing field points
        at the mapping that lacks it.
        """
        marks = self.key_marks if key else self.value_marks
        if path in marks:
            return Location(self.file, *marks[path])
        for length in range(len(path) - 1, -1, -1):
            prefix = path[:length]
            if prefix in self.value_marks:
                return Location(self.file, *self.value_marks[prefix])
        return Location(self.file, 1, 1)


def read_yaml(path: Path, display: str) -> Document:
    """Read `path` as one YAML document; raise `PackError` with one clear problem."""
    text = _read_text(path, display)
    if not text.strip():
        raise PackError([Problem(Location(display), "empty file (expected a YAML mapping)")])
    builder = _Builder(display)
    try:
        for event in yaml.parse(text, Loader=_Loader):
            builder.feed(event)
    except yaml.MarkedYAMLError as error:
        mark = error.problem_mark or error.context_mark
        line, column = (mark.line + 1, mark.column + 1) if mark else (0, 0)
        reason = error.problem or error.context or "invalid YAML"
        raise PackError([Problem(Location(display, line, column), f"YAML syntax error: {reason}")]) from None
    except yaml.YAMLError as error:
        raise PackError([Problem(Location(display), f"YAML error: {_one_line(str(error))}")]) from None
    return builder.finish()


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


class _Frame:
    """An open mapping or sequence on the builder's stack."""

    __slots__ = ("container", "path", "anchor", "size", "key", "key_mark", "is_map")

    def __init__(self, container: Any, path: FieldPath, anchor: str | None, is_map: bool) -> None:
        self.container = container
        self.path = path
        self.anchor = anchor
        self.size = 1
        self.key: Any = _NO_KEY
        self.key_mark: tuple[int, int] = (0, 0)
        self.is_map = is_map


_NO_KEY = object()


class _Builder:
    """Turns a stream of YAML events into Python data plus marks, enforcing the limits."""

    def __init__(self, display: str) -> None:
        self.display = display
        self.document = Document(display, None)
        self.stack: list[_Frame] = []
        self.anchors: dict[str, tuple[Any, int]] = {}
        self.nodes = 0
        self.documents = 0
        self.resolver = _Loader("")

    # -- events -------------------------------------------------------------------
    def feed(self, event: yaml.Event) -> None:
        if isinstance(event, yaml.ScalarEvent):
            self._scalar(event)
        elif isinstance(event, (yaml.MappingStartEvent, yaml.SequenceStartEvent)):
            self._open(event)
        elif isinstance(event, (yaml.MappingEndEvent, yaml.SequenceEndEvent)):
            self._close()
        elif isinstance(event, yaml.AliasEvent):
            self._alias(event)
        elif isinstance(event, yaml.DocumentStartEvent):
            self.documents += 1
            if self.documents > 1:
                self._fail(event, "more than one YAML document in the file (expected exactly one)")

    def finish(self) -> Document:
        return self.document

    # -- nodes --------------------------------------------------------------------
    def _open(self, event: yaml.CollectionStartEvent) -> None:
        is_map = isinstance(event, yaml.MappingStartEvent)
        self._check_tag(event, "map" if is_map else "seq")
        if len(self.stack) >= MAX_DEPTH:
            self._fail(event, f"nesting deeper than {MAX_DEPTH} levels")
        self._count(event, 1)
        path = self._child_path(event)
        self.document.value_marks[path] = _mark(event)
        self.stack.append(_Frame({} if is_map else [], path, event.anchor, is_map))

    def _close(self) -> None:
        frame = self.stack.pop()
        if frame.anchor:
            self.anchors[frame.anchor] = (frame.container, frame.size)
        self._attach(frame.container, frame.size)

    def _scalar(self, event: yaml.ScalarEvent) -> None:
        value = self._construct(event)
        self._count(event, 1)
        parent = self.stack[-1] if self.stack else None
        if parent is not None and parent.is_map and parent.key is _NO_KEY:
            self._take_key(parent, value, event)
            return
        path = self._child_path(event)
        self.document.value_marks[path] = _mark(event)
        if event.anchor:
            self.anchors[event.anchor] = (value, 1)
        self._attach(value, 1)

    def _alias(self, event: yaml.AliasEvent) -> None:
        if event.anchor not in self.anchors:
            self._fail(event, f"unknown alias '*{event.anchor}'")
        value, size = self.anchors[event.anchor]
        self._count(event, size)
        parent = self.stack[-1] if self.stack else None
        if parent is not None and parent.is_map and parent.key is _NO_KEY:
            self._fail(event, "an alias cannot be used as a mapping key")
        self._attach(value, size)

    def _take_key(self, frame: _Frame, key: Any, event: yaml.ScalarEvent) -> None:
        if not isinstance(key, (str, int, float, bool)) and key is not None:
            self._fail(event, "mapping keys must be plain scalars")
        key_path = (*frame.path, key if isinstance(key, (str, int)) else str(key))
        if key in frame.container:
            first_line = self.document.key_marks.get(key_path, (0, 0))[0]
            self._fail(event, f"duplicate key '{key}' (first defined on line {first_line})")
        frame.key = key
        frame.key_mark = _mark(event)
        self.document.key_marks[key_path] = frame.key_mark

    def _attach(self, value: Any, size: int) -> None:
        if not self.stack:
            self.document.data = value
            return
        parent = self.stack[-1]
        parent.size += size
        if parent.is_map:
            if parent.key is _NO_KEY:
                raise PackError([Problem(Location(self.display), "mapping keys must be plain scalars")])
            parent.container[parent.key] = value
            parent.key = _NO_KEY
        else:
            parent.container.append(value)

    def _child_path(self, event: yaml.Event) -> FieldPath:
        if not self.stack:
            return ()
        parent = self.stack[-1]
        if parent.is_map:
            if parent.key is _NO_KEY:
                self._fail(event, "mapping keys must be plain scalars")
            key = parent.key
            return (*parent.path, key if isinstance(key, (str, int)) else str(key))
        return (*parent.path, len(parent.container))

    # -- scalars and tags ---------------------------------------------------------
    def _construct(self, event: yaml.ScalarEvent) -> Any:
        if event.tag and event.tag != "!":
            tag = event.tag
        else:
            tag = self.resolver.resolve(yaml.ScalarNode, event.value, event.implicit)
        short = self._check_tag(event, tag=tag, scalar=True)
        if short == "str" or short == "timestamp":
            return event.value
        node = yaml.ScalarNode(tag, event.value)
        if short == "null":
            return None
        if short == "bool":
            return self.resolver.construct_yaml_bool(node)
        try:
            if short == "int":
                return self.resolver.construct_yaml_int(node)
            return self.resolver.construct_yaml_float(node)
        except ValueError:
            self._fail(event, f"'{event.value}' is not a valid {short}")

    def _check_tag(self, event: yaml.NodeEvent, expected: str | None = None, *, tag: str | None = None, scalar: bool = False) -> str:
        tag = tag if tag is not None else event.tag
        if tag in (None, "!"):
            return expected or "str"
        short = tag[len(_TAG_PREFIX):] if tag.startswith(_TAG_PREFIX) else None
        allowed = _SCALAR_TAGS if scalar else _COLLECTION_TAGS
        if short not in allowed:
            shown = f"!!{short}" if short is not None else tag
            self._fail(event, f"YAML tag '{shown}' is not allowed (only plain data: text, numbers, lists, mappings)")
        return short

    # -- limits -------------------------------------------------------------------
    def _count(self, event: yaml.Event, size: int) -> None:
        self.nodes += size
        if self.nodes > MAX_NODES:
            self._fail(event, f"more than {MAX_NODES:,} values once aliases are expanded")

    def _fail(self, event: yaml.Event, message: str) -> None:
        line, column = _mark(event)
        raise PackError([Problem(Location(self.display, line, column), message)])


def _mark(event: yaml.Event) -> tuple[int, int]:
    mark = event.start_mark
    return (mark.line + 1, mark.column + 1) if mark is not None else (0, 0)
