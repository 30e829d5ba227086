"""A fast reader for the plain YAML most front matter is written in; None for anything else.

Reading a front matter block with libyaml costs three calls into Python per node and a node
object for every value (most of the time of `journal check`). Front matter is nearly always
block mappings and sequences of one-line scalars: `key: value`, `- id: x`, `"quoted"`,
`[a, b]`. This reader takes exactly that, line by line, and gives what
`loading._read_yaml` gives for it: the same values (typed by PyYAML's own resolver and
constructors), the same line of every key and the same plain scalars as written.

Anything else (block scalars, multi-line or escaped scalars, anchors, tags, comments after a
value, indentless sequences, odd keys, tabs, unusual line breaks, dates that do not exist…)
returns None, and the file is read by libyaml's node walk, which reports every error with
its line. So the fast reader never reports anything: it only accepts text that libyaml
reads without error, to the same result (tests/test_plain_yaml.py compares the two).
"""

from __future__ import annotations

import re
from typing import Any

import yaml

_STR = "tag:yaml.org,2002:str"
_TIMESTAMP = "tag:yaml.org,2002:timestamp"
_MAX_DEPTH = 8
"""Deeper blocks are left to the node walk (which refuses more than loading.MAX_DEPTH)."""

_LINE = re.compile(r"( *)(- +)?(?:([A-Za-z_][A-Za-z0-9_-]*):(?: +(.+))?|(.+))")
"""A line: its indentation, `- `, then `name:` and nothing or one space or more and the
value, or (with `- `: a scalar item; without: a comment or what this reader does not take)."""
_DOUBLE = re.compile(r'"([^"\\]*)"')
_SINGLE = re.compile(r"'((?:[^']|'')*)'")
_FLOW = re.compile(r"\[([^\[\]{}#'&*!|>%@`:?\\]*)\]")
"""A one-line flow sequence of plain or double-quoted scalars (no other indicator inside)."""
_INDICATORS = frozenset("-?:,[]{}#&*!|>'\"%@`")
"""Characters a plain scalar may not start with (or, for -?:, only in ways left to libyaml)."""
_FLOW_ITEM_START = _INDICATORS


class _Unusual(Exception):
    """Text this reader does not take (libyaml's node walk reads it)."""


class PlainReader:
    """Reads plain YAML with the tags `resolve` gives and the `scalars` constructors."""

    def __init__(self, resolve: Any, scalars: dict[str, Any], timestamp: Any) -> None:
        self._resolve = resolve
        self._scalars = scalars
        self._timestamp = timestamp
        self._names: dict[str, bool] = {}
        """Key names known to be read as text (not `no:`)."""
        self._tags: dict[str, str] = {}
        """Short plain scalars → their tag (it depends on the text only)."""

    def read(
        self, text: str, offset: int
    ) -> tuple[dict[str, Any], dict[str, int], dict[str, str]] | None:
        """(data, lines, plain) as loading._read_yaml gives them, or None."""
        if "\t" in text or "\u2028" in text or "\u2029" in text or "\ufeff" in text:
            return None
        try:
            return self._read(text, offset)
        except _Unusual:
            return None

    def _value(self, text: str) -> Any:
        """The value of a plain scalar, as SafeLoader makes it."""
        tag = self._tags.get(text)
        if tag is None:
            tag = self._resolve(yaml.ScalarNode, text, (True, False))
            if len(text) <= 64 and len(self._tags) < 100_000:
                self._tags[text] = tag
        if tag == _STR:
            return text
        node = yaml.ScalarNode(tag, text)
        try:
            if tag == _TIMESTAMP:
                return self._timestamp(node)
            make = self._scalars.get(tag, False)
            if make is False or make is None:
                raise _Unusual
            return make(node)
        except (ValueError, TypeError, OverflowError):
            raise _Unusual from None

    def _scalar(
        self, text: str, path: str, line: int, lines: dict[str, int], plain: dict[str, str]
    ) -> Any:
        first = text[0]
        if first == '"':
            match = _DOUBLE.fullmatch(text)
            if match is None:
                raise _Unusual
            return match.group(1)
        if first == "'":
            match = _SINGLE.fullmatch(text)
            if match is None:
                raise _Unusual
            return match.group(1).replace("''", "'")
        if first == "[":
            match = _FLOW.fullmatch(text)
            if match is None:
                raise _Unusual
            inside = match.group(1)
            if not inside.strip(" "):
                return []
            items = []
            for number, item in enumerate(inside.split(","), start=1):
                item = item.strip(" ")
                child = f"{path}[{number}]"
                if item[:1] == '"' and len(item) > 1 and item[-1] == '"' and '"' not in item[1:-1]:
                    lines.setdefault(child, line)
                    items.append(item[1:-1])
                    continue
                if not item or item[0] in _FLOW_ITEM_START or '"' in item:
                    raise _Unusual
                lines.setdefault(child, line)
                plain[child] = item
                items.append(self._value(item))
            return items
        if first in _INDICATORS or ": " in text or " #" in text or text[-1] == ":":
            raise _Unusual
        plain[path] = text
        return self._value(text)

    def _read(
        self, text: str, offset: int
    ) -> tuple[dict[str, Any], dict[str, int], dict[str, str]] | None:
        lines: dict[str, int] = {}
        plain: dict[str, str] = {}
        data: dict[str, Any] = {}
        # Open blocks, innermost last: (column, the dict or list, its path).
        stack: list[tuple[int, Any, str]] = []
        pending: tuple[int, dict[str, Any], str, str] | None = None  # `key:` with no value
        names = self._names
        match_line = _LINE.fullmatch
        number = offset
        for raw in text.split("\n"):
            number += 1
            line = raw.rstrip(" ")
            if not line:
                continue
            found = match_line(line)
            if found is None:
                raise _Unusual
            indent, dash, name, value, scalar = found.groups()
            column = len(indent)
            if dash is None and scalar is not None:
                if scalar[0] == "#":
                    continue  # a comment line
                raise _Unusual  # a scalar where a key belongs (or a continued one)
            if not stack:  # the first line opens the top mapping
                if dash is not None:
                    raise _Unusual
                stack.append((column, data, ""))
            if pending is not None:
                key_column, owner, key, path = pending
                pending = None
                if column > key_column:  # the key's value is the block below it
                    if len(stack) > _MAX_DEPTH:
                        raise _Unusual
                    block: Any = [] if dash is not None else {}
                    owner[key] = block
                    stack.append((column, block, path))
                else:  # nothing after the colon: an empty value
                    owner[key] = None
                    plain[path] = ""
            if column < stack[0][0]:
                raise _Unusual  # left of the top mapping
            while stack[-1][0] > column:
                stack.pop()
            top_column, container, path = stack[-1]
            if top_column != column:
                raise _Unusual
            if dash is not None:
                if type(container) is not list:
                    raise _Unusual
                path = f"{path}[{len(container) + 1}]"
                lines.setdefault(path, number)
                if name is None:  # a scalar item
                    if scalar is None:
                        raise _Unusual
                    container.append(self._scalar(scalar, path, number, lines, plain))
                    continue
                if len(stack) > _MAX_DEPTH:
                    raise _Unusual
                mapping: dict[str, Any] = {}
                container.append(mapping)
                column += len(dash)
                stack.append((column, mapping, path))
                container = mapping
            elif type(container) is not dict:
                raise _Unusual
            if not names.get(name, False):
                if self._resolve(yaml.ScalarNode, name, (True, False)) != _STR:
                    raise _Unusual  # `no:`, `true:`: the node walk says to quote it
                names[name] = True
            child = f"{path}.{name}" if path else name
            lines.setdefault(child, number)
            if value is None:
                pending = (column, container, name, child)
            elif value[0] == '"' and _DOUBLE.fullmatch(value):
                container[name] = value[1:-1]
            else:
                container[name] = self._scalar(value, child, number, lines, plain)
        if not stack:
            return None
        if pending is not None:
            _, owner, key, path = pending
            owner[key] = None
            plain[path] = ""
        return data, lines, plain
