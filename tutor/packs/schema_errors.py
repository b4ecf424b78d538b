"""Translate pydantic's validation errors into one-line problems a pack author can fix.

Pydantic reports a location tuple and an error type; we turn those into the field path
an author sees in the YAML (`questions[3].check.kind`), the file position of that node,
and a message that says what was found and what is expected.
"""

from __future__ import annotations

import difflib
from collections.abc import Mapping
from functools import cache
from typing import Any

from pydantic import BaseModel, ValidationError

from tutor.packs import schema
from tutor.packs.problems import FieldPath, Problem
from tutor.packs.yaml_reader import Document
from tutor.words import plural

_UNION_MEMBER_NAMES = {"str", "list[str]", "int", "float", "bool", "none"}


def problems_from(error: ValidationError, document: Document, base: FieldPath, data: Any) -> list[Problem]:
    """Every problem in `error` (raised while validating `data`, found at `base` in `document`)."""
    found: dict[tuple[Any, ...], Problem] = {}
    for item in error.errors(include_url=False, include_context=True):
        loc = _clean_loc(item["loc"], data)
        field, message, at_key = _describe(item, loc, data)
        full = (*base, *field)
        # One problem per field (a union reports each member's complaint), except that
        # every unknown field of a mapping is its own problem.
        key = (*full, "\0", loc[-1]) if item["type"] == "extra_forbidden" else full
        where = document.locate((*base, *loc), key=True) if at_key else document.locate(full)
        found.setdefault(key, Problem(where, message, full))
    return list(found.values())


def _describe(item: Mapping[str, Any], loc: FieldPath, data: Any) -> tuple[FieldPath, str, bool]:
    """(field path to show, message, whether to point at the key instead of the value)."""
    kind = item["type"]
    context = item.get("ctx") or {}
    found: Any = item.get("input")  # the offending value, of any type
    name = str(loc[-1]) if loc else "document"
    if kind == "extra_forbidden":
        return loc[:-1], f"unknown field '{name}'{_suggestion(name)}", True
    if kind == "missing":
        return loc, "required field is missing", False
    if kind == "union_tag_invalid":
        expected = _unquote(context.get("expected_tags", ""))
        return (*loc, "kind"), f"unknown kind '{context.get('tag')}' (expected one of {expected})", False
    if kind == "union_tag_not_found":
        return (*loc, "kind"), f"required field is missing (expected one of {', '.join(schema.CHECK_KINDS)})", False
    if kind in ("enum", "literal_error"):
        expected = _unquote(context.get("expected", ""))
        return loc, f"invalid {name} '{found}' (expected one of {expected})", False
    if kind == "string_too_short" and isinstance(found, str):
        return loc, "must not be empty", False
    if kind == "too_short":
        least = context.get("min_length", 1)
        return loc, f"must have at least {plural(least, 'item')}", False
    if kind == "too_long":
        return loc, f"must have at most {context.get('max_length')} items", False
    if kind == "string_too_long":
        return loc, f"is {len(found)} characters long, over the limit of {context.get('max_length')}", False
    if kind == "string_pattern_mismatch":
        return loc, _pattern_message(name, found), False
    if kind in ("string_type", "list_type", "dict_type", "model_type", "model_attributes_type"):
        wanted = {"string_type": "text", "list_type": "a list"}.get(kind, "a mapping")
        if kind == "string_type" and isinstance(found, list):
            wanted = "text or a list of text" if _union_of_text_and_list(loc, data) else wanted
        return loc, f"expected {wanted}, found {_kind_of(found)}", False
    if kind in ("bool_type", "bool_parsing"):
        return loc, f"expected true or false, found {_kind_of(found)}", False
    if kind in ("int_type", "int_parsing", "int_from_float", "float_type", "float_parsing", "finite_number"):
        whole = "a whole number" if kind.startswith("int") else "a number"
        return loc, f"expected {whole}, found {_kind_of(found)}", False
    if kind in ("greater_than_equal", "less_than_equal", "greater_than", "less_than"):
        symbol = {"greater_than_equal": ">=", "less_than_equal": "<=", "greater_than": ">", "less_than": "<"}[kind]
        limit = next(iter(context.values()), "")
        return loc, f"must be {symbol} {limit}, found {found}", False
    if kind == "value_error":
        return loc, str(context.get("error", item["msg"])), False
    return loc, item["msg"][:1].lower() + item["msg"][1:], False


def _clean_loc(loc: tuple[Any, ...], data: Any) -> FieldPath:
    """Drop the union-member labels pydantic inserts (`check.choice.options` -> `check.options`).
    A check's kind label comes first after the check, even where the kind names one of its
    fields too (`check.concepts.required` is the `required` of a concepts check, not a field
    of its `concepts` list)."""
    cleaned: list[str | int] = []
    cursor = data
    tag_dropped_at = -1
    for part in loc:
        if isinstance(cursor, dict) and isinstance(part, str) and cleaned and cleaned[-1] == "check" \
                and tag_dropped_at != len(cleaned) and part in schema.CHECK_KINDS and cursor.get("kind") == part:
            tag_dropped_at = len(cleaned)
            continue
        if isinstance(cursor, dict) and isinstance(part, str) and part not in cursor:
            if part in schema.CHECK_KINDS and cursor.get("kind") == part:
                continue
            if part in _UNION_MEMBER_NAMES:
                continue
        if not isinstance(cursor, (dict, list)) and isinstance(part, str) and part in _UNION_MEMBER_NAMES:
            continue
        cleaned.append(part)
        if isinstance(cursor, dict):
            cursor = cursor.get(part)
        elif isinstance(cursor, list) and isinstance(part, int) and 0 <= part < len(cursor):
            cursor = cursor[part]
        else:
            cursor = None
    return tuple(cleaned)


def _union_of_text_and_list(loc: FieldPath, data: Any) -> bool:
    return bool(loc) and loc[-1] == "response"


def _pattern_message(name: str, found: Any) -> str:
    if name in ("id", "name") or name.isdigit() or name in ("topics", "related"):
        return (f"'{found}' is not a valid id "
                "(lowercase letters, digits, '.', '_' and '-', starting with a letter or digit)")
    if name == "key":
        return f"'{found}' is not a valid option key (one character: 1-9 or a-z)"
    return f"'{found}' is not a valid variable name (letters, digits and '_', starting with a letter)"


def _kind_of(value: Any) -> str:
    if value is None:
        return "nothing"
    if isinstance(value, bool):
        return f"'{str(value).lower()}'"
    if isinstance(value, (int, float)):
        return f"the number {value}"
    if isinstance(value, str):
        return f"the text '{value[:40]}'"
    if isinstance(value, list):
        return "a list"
    if isinstance(value, dict):
        return "a mapping"
    return type(value).__name__


def _unquote(text: str) -> str:
    return text.replace("'", "").replace(" or ", ", ")


def _suggestion(name: str) -> str:
    close = difflib.get_close_matches(name, _all_field_names(), n=1, cutoff=0.75)
    return f" (did you mean '{close[0]}'?)" if close else ""


@cache
def _all_field_names() -> tuple[str, ...]:
    names: set[str] = set()
    for value in vars(schema).values():
        if isinstance(value, type) and issubclass(value, BaseModel):
            names.update(value.model_fields)
    return tuple(sorted(names))
