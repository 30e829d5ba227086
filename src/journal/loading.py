"""Read editors' files from disk into RawEntry objects; judge nothing but the file's form.

Front matter is split off with python-frontmatter's own delimiter rule and parsed once with
PyYAML (libyaml when present), keeping the node tree so every key keeps its line number.
"""

from __future__ import annotations

import os
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml
from frontmatter.default_handlers import YAMLHandler

from .assets import walk
from .problems import Problem
from .yaml_errors import explain, number_lines

try:  # libyaml's C loader is several times faster; same results
    from yaml import CSafeLoader as _BaseLoader
except ImportError:  # pragma: no cover - depends on how PyYAML was built
    from yaml import SafeLoader as _BaseLoader  # type: ignore[assignment]

_STR = "tag:yaml.org,2002:str"
_PLAIN_TAGS: dict[str, str] = {}
"""Plain scalar text → its tag, as the resolver gave it (short texts: keys, ids, dates)."""


class _Loader(_BaseLoader):
    """The safe loader, with its resolver's answers remembered: libyaml asks Python for the
    tag of every node (three calls per node), the most of reading a front matter block.

    The tag of a plain scalar depends on its text only (the safe loader has no path
    resolvers, which `descend_resolver` would track), a quoted one is always text."""

    def resolve(self, kind: Any, value: Any, implicit: Any) -> Any:
        if kind is not yaml.ScalarNode:
            return super().resolve(kind, value, implicit)  # type: ignore[no-untyped-call]
        if not implicit[0]:
            return _STR
        tag = _PLAIN_TAGS.get(value)
        if tag is None:
            tag = super().resolve(kind, value, implicit)  # type: ignore[no-untyped-call]
            if len(value) <= 64 and len(_PLAIN_TAGS) < 100_000:
                _PLAIN_TAGS[value] = tag
        return tag

    def descend_resolver(self, current_node: Any, current_index: Any) -> None:
        pass

    def ascend_resolver(self) -> None:
        pass


assert not _BaseLoader.yaml_path_resolvers, "the resolver's shortcut assumes no path resolvers"
assert _BaseLoader.DEFAULT_SCALAR_TAG == _STR

MAX_DEPTH = 12
"""Front matter nested deeper than this is refused (no field needs more than 3)."""
MAX_FILE_BYTES = 1_000_000
_NONCHARACTERS = "\ufdd0-\ufdef" + "".join(
    f"{chr(plane * 0x10000 + 0xFFFE)}{chr(plane * 0x10000 + 0xFFFF)}" for plane in range(17)
)
_CONTROL = re.compile(
    "[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069"
    f"\ud800-\udfff\ufff9-\ufffb\U000e0000-\U000e007f{_NONCHARACTERS}]"
)
"""Characters refused anywhere in a file: C0/C1 controls (tab and newline are fine), the
bidirectional overrides that can make text display differently from what it says, and what no
text holds: noncharacters (U+FFFF…) and surrogates, which make XML files ill-formed, tag
characters (U+E0000…, invisible) and interlinear annotation marks."""
_SUSPECT = re.compile(
    "[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069"
    "\ud800-\udfff\ufdd0-\ufdef\ufff9-\ufffb\ufffe\uffff\U00010000-\U0010ffff]"
)
"""_CONTROL's characters of the first plane, and every character beyond it: the same first
match for most texts, about seven times faster (a class listing the astral noncharacters one
by one is slow to search)."""


def first_control(text: str) -> re.Match[str] | None:
    """The first character of `text` that _CONTROL refuses, or None."""
    match = _SUSPECT.search(text)
    if match is None or match.group() <= "\uffff":
        return match  # _SUSPECT and _CONTROL agree on the first plane
    return _CONTROL.search(text, match.start())


@dataclass(slots=True, kw_only=True)
class RawEntry:
    """One file's front matter and body, as written, with the line of every key."""

    path: str
    """Repository-relative path with forward slashes."""
    meta: dict[str, Any]
    body: str
    lines: dict[str, int] = field(default_factory=dict)
    """Dotted key path ("authors[1].id") → 1-based line in the file."""
    plain: dict[str, str] = field(default_factory=dict)
    """Dotted key path → the text of an unquoted scalar as written (for YAML 1.1 traps)."""
    body_line: int = 1
    """The 1-based line of the file where the body starts."""

    def line_of(self, key: str) -> int:
        """The line of `key`, or of its nearest parent that has one, else 1."""
        while key:
            if key in self.lines:
                return self.lines[key]
            key = key.rpartition(".")[0] if "." in key else key.rpartition("[")[0]
        return 1


class _FormError(Exception):
    def __init__(self, line: int, message: str, field: str = "front matter") -> None:
        super().__init__(message)
        self.line = line
        self.message = message
        self.field = field


def describe_control(char: str) -> str:
    """Name an invisible character for editors, e.g. "U+202E (right-to-left override)"."""
    code = f"U+{ord(char):04X}"
    if "\u202a" <= char <= "\u202e" or "\u2066" <= char <= "\u2069":
        return f"{code} (a right-to-left/left-to-right override)"
    if "\U000e0000" <= char <= "\U000e007f":
        return f"{code} (an invisible tag character)"
    if "\ud800" <= char <= "\udfff":
        return f"{code} (half of a character pair, not a character)"
    if char >= "\ufdd0" and char not in "\ufff9\ufffa\ufffb":
        return f"{code} (a noncharacter, which no text may hold)"
    return f"{code} (a control character)"


def _check_controls(text: str) -> None:
    """Refuse invisible control and bidi-override characters, naming the first one's line."""
    match = first_control(text)
    if match:
        line = text.count("\n", 0, match.start()) + 1
        why = (
            "right-to-left text displays correctly without it"
            if "\u202a" <= match.group() <= "\u2069"
            else "it often comes from text copied out of a PDF or a word processor"
        )
        raise _FormError(
            line,
            f"contains the invisible character {describe_control(match.group())}"
            f". Delete it ({why}).",
            "file",
        )


def load_entry(root: Path, path: Path) -> RawEntry | Problem:
    """Read one Markdown file with front matter; a Problem when its form is broken."""
    rel = path.relative_to(root).as_posix()
    try:
        data = path.read_bytes()
    except OSError as exc:
        return unreadable(rel, exc)
    return entry_from_bytes(rel, data)


def unreadable(rel: str, exc: OSError) -> Problem:
    """The problem of a file that cannot be read."""
    return Problem(path=rel, line=1, field="file", message=f"cannot be read ({exc.strerror}).")


def entry_from_bytes(rel: str, data: bytes) -> RawEntry | Problem:
    """`load_entry` of a file's bytes, already read (`rel`: its repository-relative path)."""
    if len(data) > MAX_FILE_BYTES:
        return Problem(
            path=rel,
            line=1,
            field="file",
            message=f"is {len(data):,} bytes; the limit is {MAX_FILE_BYTES:,}. "
            "Shorten it or split it.",
        )
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        return Problem(
            path=rel,
            line=line,
            field="file",
            message="is not UTF-8 text. Save the file as UTF-8 in your editor "
            '(VS Code: "Save with Encoding" → UTF-8).',
        )
    return load_text(rel, text)


def load_text(rel: str, text: str) -> RawEntry | Problem:
    """Split and parse the text of one file; a Problem when its form is broken."""
    try:
        return _parse(rel, text.replace("\r\n", "\n").replace("\r", "\n"))
    except _FormError as exc:
        return Problem(path=rel, line=exc.line, field=exc.field, message=exc.message)


def _parse(rel: str, text: str) -> RawEntry:
    _check_controls(text)
    if not text.strip():
        raise _FormError(
            1, "the file is empty. Start it with a front matter block between two lines of ---."
        )
    boundary = YAMLHandler.FM_BOUNDARY
    first = boundary.match(text)
    if first is None:
        raise _FormError(
            1,
            "missing. The file must start with a line of --- followed by "
            "the fields, then another line of ---.",
        )
    closing = boundary.search(text, first.end())
    if closing is None:
        raise _FormError(
            1, "the closing --- line is missing. Add a line of --- after the last field."
        )
    yaml_text = text[first.end() : closing.start()]
    offset = text.count("\n", 0, first.end())
    rest = text[closing.end() :]
    body = rest.lstrip("\n")
    body_line = text.count("\n", 0, closing.end()) + 1 + (len(rest) - len(body))
    meta, lines, plain = _load_yaml(yaml_text, offset)
    return RawEntry(path=rel, meta=meta, body=body, lines=lines, plain=plain, body_line=body_line)


def _load_yaml(text: str, offset: int) -> tuple[dict[str, Any], dict[str, int], dict[str, str]]:
    data, lines, plain = _read_yaml(text, offset, checked=True)
    if data is None:
        return {}, {}, {}
    if not isinstance(data, dict):
        raise _FormError(
            offset + 1,
            "is not a list of fields. Write one `field: value` per "
            "line, e.g. `title: My abstract`.",
        )
    return data, lines, plain


def _read_yaml(
    text: str, offset: int, prefix: str = "", checked: bool = False
) -> tuple[Any, dict[str, int], dict[str, str]]:
    """Parse YAML text (of a front matter block starting after line `offset`, or a whole
    file): its data, the line of every key (paths under `prefix`) and the plain scalars as
    written. Every way the text can fail to be read is a _FormError naming the line.
    `checked`: the text has passed `_check_controls`."""
    loader = _Loader(text)
    try:
        node = loader.get_single_node()
        if node is None:
            return None, {}, {}
        lines: dict[str, int] = {}
        plain: dict[str, str] = {}
        # Without & there is no anchor, so no node can be seen twice; without a backslash
        # no escape can make a character the check of the text did not see.
        seen: set[int] | None = set() if "&" in text else None
        escapes = "\\" in text or not checked
        data = _index(node, prefix, offset, lines, plain, seen, 0, escapes)
        if data is _UNUSUAL:
            data = loader.construct_document(node)
        return data, lines, plain
    except yaml.MarkedYAMLError as exc:
        line, message = explain(text, exc)  # the common mistakes in an editor's words
        raise _FormError(offset + line + 1, number_lines(message, offset)) from None
    except yaml.YAMLError:
        raise _FormError(
            offset + 1, "cannot be read as YAML. Check its colons, quotes and indentation."
        ) from None
    except RecursionError:
        raise _FormError(offset + 1, "nested too deeply. Flatten it.") from None
    finally:
        loader.dispose()


_KEY_READ_AS = {
    "tag:yaml.org,2002:bool": "a yes/no value",
    "tag:yaml.org,2002:int": "a number",
    "tag:yaml.org,2002:float": "a number",
    "tag:yaml.org,2002:null": "an empty value",
    "tag:yaml.org,2002:timestamp": "a date",
}


def _odd_key(key_node: yaml.Node) -> str:
    """Why a key is not a field name; a word YAML reads as something else (`no:`, Norwegian's
    language code, is false) is told to be quoted."""
    if (
        isinstance(key_node, yaml.ScalarNode)
        and key_node.tag in _KEY_READ_AS
        and not key_node.style
    ):
        return (
            f"YAML reads the key {key_node.value} as {_KEY_READ_AS[key_node.tag]}, not as a "
            f'name. Put it in quotes: "{key_node.value}":'
        )
    shown = key_node.value if isinstance(key_node, yaml.ScalarNode) else "[…]"
    return f'the key "{shown}" is not a plain name. Write field names as words, e.g. `title:`.'


_TIMESTAMPS = yaml.SafeLoader("")
"""One loader to read dates with (a new loader per date costs more than the date)."""
_TIMESTAMP = "tag:yaml.org,2002:timestamp"
_SCALARS: dict[str, Any] = {
    _STR: None,
    "tag:yaml.org,2002:int": _TIMESTAMPS.construct_yaml_int,
    "tag:yaml.org,2002:float": _TIMESTAMPS.construct_yaml_float,
    "tag:yaml.org,2002:bool": _TIMESTAMPS.construct_yaml_bool,
    "tag:yaml.org,2002:null": _TIMESTAMPS.construct_yaml_null,
}
_UNUSUAL: Any = object()
"""_index's value for a node it leaves to PyYAML's constructor (an explicit or rare tag)."""


def _index(
    node: yaml.Node,
    path: str,
    offset: int,
    lines: dict[str, int],
    plain: dict[str, str],
    seen: set[int] | None,
    depth: int,
    escapes: bool = True,
) -> Any:
    """Record the line of every key and refuse aliases, odd keys, deep nesting, dates that
    do not exist and invisible characters written as escapes ("\\x07"). `seen`: the nodes
    met so far (None: the text has no anchor); `escapes`: check double-quoted scalars.

    The value of the node, as SafeLoader's construct_document makes it, without its
    bookkeeping (most of the time of reading a front matter block once libyaml parsed it);
    _UNUSUAL when a node below has any tag but the plain ones."""
    if seen is not None:
        if id(node) in seen:
            raise _FormError(
                offset + node.start_mark.line + 1,
                "YAML anchors and aliases (& and *) are not supported. "
                "Write the value out in full.",
            )
        seen.add(id(node))
    if depth > MAX_DEPTH:
        raise _FormError(
            offset + node.start_mark.line + 1,
            f"nested more than {MAX_DEPTH} levels deep. Flatten the front matter.",
        )
    if isinstance(node, yaml.ScalarNode):
        return _scalar(node, path, offset, plain, escapes)
    if isinstance(node, yaml.MappingNode):
        mapping: dict[Any, Any] = {}
        unusual = node.tag != "tag:yaml.org,2002:map"
        for key_node, value_node in node.value:
            if key_node.value == "<<":
                raise _FormError(
                    offset + key_node.start_mark.line + 1,
                    "YAML merge keys (<<) are not supported. Write the fields out in full.",
                )
            if not isinstance(key_node, yaml.ScalarNode) or key_node.tag != _STR:
                raise _FormError(offset + key_node.start_mark.line + 1, _odd_key(key_node))
            name = key_node.value
            child = f"{path}.{name}" if path else name
            lines.setdefault(child, offset + key_node.start_mark.line + 1)
            value = _index(value_node, child, offset, lines, plain, seen, depth + 1, escapes)
            if value is _UNUSUAL:
                unusual = True
            elif not unusual:
                mapping[name] = value
        return _UNUSUAL if unusual else mapping
    if isinstance(node, yaml.SequenceNode):
        items = []
        unusual = node.tag != "tag:yaml.org,2002:seq"
        for number, item in enumerate(node.value, start=1):
            child = f"{path}[{number}]"
            lines.setdefault(child, offset + item.start_mark.line + 1)
            value = _index(item, child, offset, lines, plain, seen, depth + 1, escapes)
            if value is _UNUSUAL:
                unusual = True
            items.append(value)
        return _UNUSUAL if unusual else items
    return _UNUSUAL


def _scalar(
    node: yaml.ScalarNode, path: str, offset: int, plain: dict[str, str], escapes: bool
) -> Any:
    """_index of a scalar: its value; _UNUSUAL for a tag the safe loader's constructor must
    read (or one whose text that constructor refuses: it reports it)."""
    tag = node.tag
    value: Any = _UNUSUAL
    if tag == _TIMESTAMP:
        try:
            value = _TIMESTAMPS.construct_yaml_timestamp(node)
        except ValueError:
            raise _FormError(
                offset + node.start_mark.line + 1,
                f'"{node.value}" is not a date that exists. Check the day and '
                "the month; write YYYY-MM-DD, e.g. 2017-06-20.",
                path,
            ) from None
    # Only a double-quoted scalar's escapes ("\x07") can make characters that the check of
    # the file's text (_check_controls) did not see.
    if escapes and node.style == '"':
        match = first_control(str(node.value))
        if match:
            raise _FormError(
                offset + node.start_mark.line + 1,
                f"contains the invisible character {describe_control(match.group())}. Delete it.",
                path,
            )
    if not node.style and path:
        plain[path] = str(node.value)
    if tag == _TIMESTAMP or tag not in _SCALARS:
        return value
    make = _SCALARS[tag]
    if make is None:
        return node.value
    try:
        return make(node)
    except Exception:  # construct_document raises it, after the other checks
        return _UNUSUAL


def iter_markdown(folder: Path) -> Iterator[Path]:
    """Every .md file below `folder`, in a stable order; nothing when it does not exist."""
    yield from iter_files(folder, ".md")


def iter_files(folder: Path, *suffixes: str) -> Iterator[Path]:
    """Every file below `folder` whose name ends in one of `suffixes`, in a stable order;
    symbolic links are not files of the journal (assets.scan_content reports them)."""
    if folder.is_symlink():
        return
    found = [path for path, is_link in walk(folder) if not is_link and path.name.endswith(suffixes)]
    # Sorting by parts is the order Path comparison gives, without its per-compare cost.
    yield from sorted(found, key=lambda p: p.parts)


def _read_text(path: Path, rel: str) -> str | Problem:
    """A YAML file's text, or the problem that it cannot be read."""
    try:
        return path.read_text(encoding="utf-8-sig")
    except (OSError, UnicodeDecodeError):
        return Problem(
            path=rel,
            line=1,
            field="file",
            message="cannot be read as UTF-8 text. Save it as UTF-8.",
        )


def load_data(root: Path, path: Path, key: str) -> RawEntry | Problem:
    """Read a plain YAML file (such as issues.yml) as an entry whose one field is `key`."""
    rel = path.relative_to(root).as_posix()
    text = _read_text(path, rel)
    if isinstance(text, Problem):
        return text
    try:
        data, lines, plain = _read_yaml(text, 0, key)
    except _FormError as exc:
        return Problem(path=rel, line=exc.line, field="file", message=exc.message)
    return RawEntry(path=rel, meta={key: data}, body="", lines=lines, plain=plain)


def load_settings(root: Path, config_file: Path, values: Any) -> RawEntry:
    """Wrap the journal settings MkDocs read, with the line of each key in mkdocs.yml.

    The file is only composed, never constructed, so MkDocs' own tags (!ENV,
    !!python/name) do no harm here.
    """
    lines: dict[str, int] = {}
    plain: dict[str, str] = {}
    try:
        node: Any = yaml.compose(config_file.read_text(encoding="utf-8-sig"), Loader=_Loader)
        for key, value in node.value:
            if key.value == "site_url":
                lines["site_url"] = value.start_mark.line + 1
        node = next(v for k, v in node.value if k.value == "extra")
        for key, _ in node.value:  # the other sections' names: a misspelled "journal"
            lines.setdefault(f"extra.{key.value}", key.start_mark.line + 1)
        node = next(v for k, v in node.value if k.value == "journal")
        _index(node, "extra.journal", 0, lines, plain, set(), 0)
    except (OSError, yaml.YAMLError, StopIteration, AttributeError, _FormError):
        pass  # MkDocs itself reports an unreadable mkdocs.yml
    rel = (
        config_file.relative_to(root).as_posix()
        if config_file.is_relative_to(root)
        else (config_file.name)
    )
    return RawEntry(path=rel, meta={"extra.journal": values}, body="", lines=lines, plain=plain)


class _ConfigLoader(yaml.SafeLoader):
    """Reads mkdocs.yml without MkDocs: !ENV is resolved as MkDocs does, other tags ignored."""


def _construct_env(loader: yaml.SafeLoader, node: yaml.Node) -> Any:
    names = (
        [loader.construct_scalar(node)]
        if isinstance(node, yaml.ScalarNode)
        else loader.construct_sequence(node)
        if isinstance(node, yaml.SequenceNode)
        else []
    )
    *variables, default = names if len(names) > 1 else [*names, None]
    for name in variables:
        if str(name) in os.environ:
            return yaml.safe_load(os.environ[str(name)]) if os.environ[str(name)] else ""
    return default


def _construct_any(loader: yaml.SafeLoader, suffix: str, node: yaml.Node) -> Any:
    if isinstance(node, yaml.MappingNode):
        return loader.construct_mapping(node)
    if isinstance(node, yaml.SequenceNode):
        return loader.construct_sequence(node)
    return loader.construct_scalar(node)  # type: ignore[arg-type]


_ConfigLoader.add_constructor("!ENV", _construct_env)
_ConfigLoader.add_multi_constructor("", _construct_any)


MAX_CONFIG_DEPTH = 50


def _line_of(event: yaml.Event) -> int:
    return event.start_mark.line + 1 if event.start_mark else 1


def _check_config_form(rel: str, text: str) -> Problem | None:
    """Refuse what MkDocs' own loader would expand or recurse on before any hook runs:
    aliases (a few lines of them can fill the memory) and very deep nesting."""
    depth = 0
    try:
        for event in yaml.parse(text, Loader=_Loader):
            if isinstance(event, yaml.AliasEvent):
                return Problem(
                    path=rel,
                    line=_line_of(event),
                    field="file",
                    message="YAML aliases (*name) are not allowed in mkdocs.yml: MkDocs "
                    "expands them before any check runs, and a few lines of them can fill "
                    "the memory. Write the value out in full.",
                )
            if isinstance(event, (yaml.MappingStartEvent, yaml.SequenceStartEvent)):
                depth += 1
                if depth > MAX_CONFIG_DEPTH:
                    return Problem(
                        path=rel,
                        line=_line_of(event),
                        field="file",
                        message=f"nested more than {MAX_CONFIG_DEPTH} levels deep. Flatten it.",
                    )
            elif isinstance(event, (yaml.MappingEndEvent, yaml.SequenceEndEvent)):
                depth -= 1
    except yaml.YAMLError:
        return None  # a syntax error: read_settings reports it with its line
    return None


def read_settings(config_file: Path) -> tuple[Any, Problem | None]:
    """Read `extra.journal` from mkdocs.yml without importing MkDocs (for `journal check`)."""
    return read_config_value(config_file, ("extra", "journal"))


def publishes_continuously(values: Any) -> bool:
    """Whether settings read by `read_settings` say `publication: continuous` (unreadable
    settings: no, the default)."""
    return isinstance(values, dict) and values.get("publication") == "continuous"


def read_site_url(config_file: Path) -> str:
    """mkdocs.yml's `site_url` as MkDocs reads it (`!ENV` resolved); "" when unset or
    unreadable (the problem is reported by `read_settings`)."""
    value, _ = read_config_value(config_file, ("site_url",))
    return value.strip() if isinstance(value, str) else ""


def read_settings_and_site_url(config_file: Path) -> tuple[Any, Problem | None, str]:
    """read_settings and read_site_url of one reading of mkdocs.yml (for `journal check`)."""
    (values, problem), (url, _) = read_config_values(
        config_file, [("extra", "journal"), ("site_url",)]
    )
    return values, problem, url.strip() if isinstance(url, str) else ""


def read_config_value(config_file: Path, names: tuple[str, ...]) -> tuple[Any, Problem | None]:
    """One value of mkdocs.yml (`names` is its path of keys), read without MkDocs."""
    return read_config_values(config_file, [names])[0]


def read_config_values(
    config_file: Path, paths: list[tuple[str, ...]]
) -> list[tuple[Any, Problem | None]]:
    """Values of mkdocs.yml (each named by its path of keys), read without MkDocs from one
    reading of the file; each value with the problem that stopped it."""
    rel = config_file.name
    text = _read_text(config_file, rel)
    if isinstance(text, Problem):
        return [(None, text)] * len(paths)
    problem = _check_config_form(rel, text)
    if problem is not None:
        return [(None, problem)] * len(paths)
    loader = _ConfigLoader(text)
    try:
        try:
            top = loader.get_single_node()
        except (yaml.YAMLError, ValueError, RecursionError) as exc:
            return [(None, _config_problem(rel, text, exc))] * len(paths)
        found: list[tuple[Any, Problem | None]] = []
        for names in paths:
            try:
                found.append((_config_value(loader, top, names), None))
            except (yaml.YAMLError, ValueError, RecursionError) as exc:
                found.append((None, _config_problem(rel, text, exc)))
        return found
    finally:
        loader.dispose()


def _config_value(loader: yaml.SafeLoader, node: Any, names: tuple[str, ...]) -> Any:
    for name in names:
        if not isinstance(node, yaml.MappingNode):
            return None
        node = next((v for k, v in node.value if getattr(k, "value", None) == name), None)
    return loader.construct_document(node) if node is not None else None


def _config_problem(rel: str, text: str, exc: Exception) -> Problem:
    if isinstance(exc, yaml.MarkedYAMLError):
        line, message = explain(text, exc)
        return Problem(path=rel, line=line + 1, field="file", message=number_lines(message, 0))
    return Problem(
        path=rel,
        line=1,
        field="file",
        message="cannot be read as YAML. Check its colons, quotes and indentation.",
    )
