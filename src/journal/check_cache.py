"""What `journal check` keeps between runs: each abstract and author file's reading and
checks, keyed by its bytes.

Reading a file (its front matter parsed, every field checked) depends only on the file's
path and bytes, the journal's article types, whether it publishes continuously and this
package's code with the libraries it reads through; an entry is named by a hash of all of
these, so an edit, another setting or another release makes the file's entry afresh. What
depends on the day or on other files (whether an abstract is out yet, the checks across
files, photos, covers) is computed after the cache, on every run.

An abstract's entry holds the result as `journal check` keeps it (`reading._checked_only`:
an abstract already out without its text, references and funding), so only a check of a
journal without PDFs uses the cache (the build, and a check with PDFs, need every text);
an entry of an abstract that was out when it was written is used only while it is still
out (a SOURCE_DATE_EPOCH set back reads the file again).

All entries are in one file, `checks.json` in the build cache folder (`cache_folder`: never
one git tracks), one line each: the key, a checksum and the JSON text of the result (an
entry whose checksum fails is not read), read back only into this package's own
dataclasses with every simple field's type checked (`_tagged`, `decode`); an entry that
fails is read from the file again. A run writes the file
(atomically) only when an entry was added or left unused; entries it did not use are
dropped.
"""

from __future__ import annotations

import contextlib
import dataclasses
import datetime
import hashlib
import json
import operator
import os
from pathlib import Path
from typing import Any, get_args

from . import fingerprint, model
from .article_types import ArticleType
from .loading import RawEntry
from .model import Affiliation, Author
from .problems import Problem, Severity
from .validation import AuthorRef, ParsedAbstract, UpdateRef

FILE_NAME = "checks.json"
FORMAT = 3
"""Raised when the shape of an entry changes (the code's hash changes anyway)."""
_HEADER = json.dumps({"format": FORMAT})
LIBRARIES = ("PyYAML", "python-frontmatter", "python-stdnum", "nh3", "Markdown", "lxml")
"""The libraries a file's checks read through."""

Result = tuple[RawEntry | Problem, ParsedAbstract | None, list[Problem]]
"""One abstract file read and checked (`reading._read_abstract`)."""
AuthorResult = tuple[RawEntry | Problem, Author | None, list[Problem]]
"""One author file read and checked (`reading._read_author`)."""

_CLASSES: dict[str, type[Any]] = {
    cls.__name__: cls
    for cls in (
        *(model.Affiliation, model.Author, model.Conference, model.Contributor),
        *(model.Funding, model.Group, model.License, model.MediaPartner),
        *(model.Reference, model.Translation),
        *(AuthorRef, Problem, RawEntry, UpdateRef),
    )
}


class Unkept(Exception):
    """A value this cache does not write (its result is simply made on every run)."""


class Refused(Exception):
    """An entry that is not what this package writes."""


def code_fingerprint() -> str:
    """A hash of the package's code, the Python version and the libraries' versions."""
    return fingerprint.code_fingerprint(LIBRARIES, f"check {FORMAT}")


_PLAIN = frozenset({str, int, bool, type(None)})
"""Types JSON keeps as they are (a float is checked: JSON has no NaN)."""


def _encode(value: Any) -> Any:
    """`value` as JSON data: tuples, dates and this package's dataclasses (the class's name
    and its fields' values in order, `_field`) tagged by a mapping of one key starting with
    "~" (a mapping with such a key of its own is not kept)."""
    kind = type(value)
    if kind is str or kind is int or kind is bool or value is None:
        return value
    if kind is float:
        if value != value or value in (float("inf"), float("-inf")):
            raise Unkept
        return value
    if kind is list:
        return [v if type(v) in _PLAIN else _encode(v) for v in value]
    if kind is tuple:
        return {"~t": [v if type(v) in _PLAIN else _encode(v) for v in value]}
    if kind is dict:
        if not all(type(k) is str and not k.startswith("~") for k in value):
            raise Unkept
        return {k: v if type(v) in _PLAIN else _encode(v) for k, v in value.items()}
    if kind is datetime.date:
        return {"~d": value.isoformat()}
    if _CLASSES.get(kind.__name__) is kind:
        values = _GETTERS[kind.__name__](value)
        tuples = _SPECS[kind.__name__][4]
        fields = (_field(v, n in tuples) for n, v in enumerate(values, 1))
        return {"~c": [kind.__name__, *fields]}
    raise Unkept


def _field(value: Any, holds_tuple: bool) -> Any:
    """A dataclass's field as JSON data: a tuple in a field that holds one as a plain list
    (`_made` makes it a tuple again)."""
    if type(value) in _PLAIN:
        return value
    if holds_tuple and type(value) is tuple:
        return [v if type(v) in _PLAIN else _encode(v) for v in value]
    if holds_tuple and type(value) is list:
        raise Unkept  # (it would be read back as a tuple)
    return _encode(value)


def _tagged(data: dict[str, Any]) -> Any:
    """json's object_hook: a tagged mapping back into its value (see _encode)."""
    if len(data) != 1:
        return data
    for key, value in data.items():
        if key[:1] != "~":
            return data
        if key == "~t" and type(value) is list:
            return tuple(value)
        if key == "~c" and type(value) is list and value and type(value[0]) is str:
            return _made(value)
        if key == "~d" and type(value) is str:
            return datetime.date.fromisoformat(value)
    raise Refused


def _made(value: list[Any]) -> Any:
    """A tagged dataclass ["Name", its fields' values in order] made again, each simple
    field's type checked."""
    spec = _SPECS.get(value[0])
    if spec is None or len(value) != spec[1]:
        raise Refused
    cls, _, names, checked, tuples = spec
    for number in tuples:
        if type(value[number]) is list:
            value[number] = tuple(value[number])
    for number, kinds in checked:
        if type(value[number]) not in kinds:
            raise Refused
    made = cls(**dict(zip(names, value[1:], strict=True)))
    if cls is Problem and made.severity not in _SEVERITIES:
        raise Refused
    return made


def _kinds(annotation: str) -> tuple[type, ...]:
    """The types a field's annotation allows, for the simple ones (() when not checked:
    Any, or a union of others, read where they are used)."""
    allowed: list[type] = []
    for part in annotation.split(" | "):
        part = part.strip()
        simple = {"str": str, "int": int, "bool": bool, "None": type(None)}.get(part)
        if simple is not None:
            allowed.append(simple)
        elif part.startswith("tuple["):
            allowed.append(tuple)
        elif part.startswith("dict["):
            allowed.append(dict)
        else:
            return ()
    return tuple(allowed)


_FIELDS: dict[str, dict[str, tuple[type, ...]]] = {
    name: {f.name: _kinds(str(f.type)) for f in dataclasses.fields(cls)}
    for name, cls in _CLASSES.items()
}
"""Each dataclass's fields, with the types each may hold (see _kinds)."""
_SPECS = {
    name: (
        _CLASSES[name],
        len(fields) + 1,
        tuple(fields),
        tuple((n, kinds) for n, kinds in enumerate(fields.values(), 1) if kinds),
        frozenset(n for n, kinds in enumerate(fields.values(), 1) if tuple in kinds),
    )
    for name, fields in _FIELDS.items()
}
"""Each dataclass's class, the length of its tagged list, its fields' names, the types of
those checked and the fields that hold a tuple (by their place in the list): a tuple there
is written as a plain list (no "~t", which each object costs a call of `_tagged` to read)."""
_SEVERITIES = frozenset(get_args(Severity))
_GETTERS = {name: operator.attrgetter(*fields) for name, fields in _FIELDS.items()}
"""Each dataclass's field values, in order (every class here has more than one field)."""


def encode(result: Result, published: datetime.date | None) -> str | None:
    """The JSON text of one result; `published`: the entry is the short form of an
    abstract out by then (`reading._checked_only`). None: a value the cache does not keep."""
    entry, item, problems = result
    parsed = None
    if item is not None:
        parsed = [item.slug, item.fields, item.refs, item.updates]
    try:
        data = {
            "entry": _encode(entry),
            "parsed": _encode(parsed),
            "problems": _encode(problems),
            "out": published.isoformat() if published else None,
        }
        return json.dumps(data, separators=(",", ":"), allow_nan=False)
    except (Unkept, ValueError, RecursionError):
        return None


_DECODER = json.JSONDecoder(object_hook=_tagged)


def _parsed(text: str) -> Any:
    """An entry's JSON text decoded (`_tagged`), None when it is not valid."""
    try:
        return _DECODER.decode(text)
    except (Refused, ValueError, TypeError, RecursionError):
        return None


def decode(text: str, rel: str, out_by: datetime.date) -> tuple[Result, bool] | None:
    """A result read back and checked (None when it is not one this package writes for the
    file `rel`), and whether it is the short form of an abstract out by `out_by`."""
    return _abstract_of(_abstract(_parsed(text), out_by), rel)


def _abstract_of(found: tuple[Result, bool] | None, rel: str) -> tuple[Result, bool] | None:
    """A decoded abstract's result, if it is the file `rel`'s."""
    return found if found is not None and found[0][0].path == rel else None


def _abstract(data: Any, out_by: datetime.date) -> tuple[Result, bool] | None:
    """`decode`, but for the check of the file's path."""
    if type(data) is not dict or data.keys() != {"entry", "parsed", "problems", "out"}:
        return None
    entry, parsed, problems, out = data["entry"], data["parsed"], data["problems"], data["out"]
    if not isinstance(entry, RawEntry | Problem):
        return None
    if type(problems) is not list or not all(_is_problem(p) for p in problems):
        return None
    if out is not None:
        if type(out) is not str or not isinstance(entry, RawEntry):
            return None
        try:
            if datetime.date.fromisoformat(out) > out_by:
                return None  # written as out: not yet so on this day, the file is read again
        except ValueError:
            return None
    item = None
    if parsed is not None:
        if not isinstance(entry, RawEntry) or type(parsed) is not list or len(parsed) != 4:
            return None
        slug, fields, refs, updates = parsed
        if type(slug) is not str or type(fields) is not dict or type(refs) is not tuple:
            return None
        if type(updates) is not tuple:
            return None
        if not all(type(r) is AuthorRef for r in refs):
            return None
        if not all(type(u) is UpdateRef for u in updates):
            return None
        item = ParsedAbstract(entry=entry, slug=slug, fields=fields, refs=refs, updates=updates)
    return (entry, item, problems), out is not None


def encode_author(result: AuthorResult) -> str | None:
    """The JSON text of one author file's result (None: a value the cache does not keep)."""
    entry, author, problems = result
    try:
        data = {"entry": _encode(entry), "author": _encode(author), "problems": _encode(problems)}
        return json.dumps(data, separators=(",", ":"), allow_nan=False)
    except (Unkept, ValueError, RecursionError):
        return None


def decode_author(text: str, rel: str) -> AuthorResult | None:
    """An author file's result read back and checked, None when it is not one this package
    writes for the file `rel`."""
    return _author_of(_author(_parsed(text)), rel)


def _author_of(found: AuthorResult | None, rel: str) -> AuthorResult | None:
    """A decoded author file's result, if it is the file `rel`'s."""
    if found is None or found[0].path != rel or (found[1] is not None and found[1].source != rel):
        return None
    return found


def _author(data: Any) -> AuthorResult | None:
    """`decode_author`, but for the check of the file's path."""
    if type(data) is not dict or data.keys() != {"entry", "author", "problems"}:
        return None
    entry, author, problems = data["entry"], data["author"], data["problems"]
    if not isinstance(entry, RawEntry | Problem):
        return None
    if type(problems) is not list or not all(_is_problem(p) for p in problems):
        return None
    if author is not None and type(author) is not Author:
        return None
    if author is not None and not all(type(a) is Affiliation for a in author.affiliations):
        return None
    return entry, author, problems


def _is_problem(value: Any) -> bool:
    return type(value) is Problem  # (its severity checked by _tagged)


class CheckCache:
    """The entries of one run: those read from `checks.json` and those this run made."""

    def __init__(
        self, folder: Path | None, types: tuple[ArticleType, ...], continuous: bool
    ) -> None:
        self.path = folder / FILE_NAME if folder is not None else None
        settings = json.dumps([repr(types), continuous])
        self.salt = hashlib.sha256(f"{code_fingerprint()}\0{settings}".encode()).digest()
        self.stored = self._read()
        self.used: dict[str, str] = {}
        self.ahead: dict[str, tuple[Result, bool] | None] = {}
        """Abstracts' entries decoded ahead (`decode_stored`), each taken once by `get`."""
        self.ahead_authors: dict[str, AuthorResult | None] = {}
        """And authors' entries, each taken once by `get_author`."""

    def _read(self) -> dict[str, str]:
        """The entries of `checks.json`: a first line {"format": FORMAT}, then one line per
        entry, its key (64 hexadecimal digits), a space, the checksum of its text
        (`_checksum`), a space and its JSON text (ASCII, without a line break: JSON writes
        one inside a string as \\n)."""
        if self.path is None:
            return {}
        try:
            lines = self.path.read_text(encoding="utf-8").split("\n")
        except (OSError, UnicodeDecodeError):
            return {}
        if lines[0] != _HEADER:
            return {}
        entries = {}
        for line in lines[1:]:
            key, _, rest = line.partition(" ")
            check, _, text = rest.partition(" ")
            if len(key) == 64 and text and check == _checksum(text):  # not damaged
                entries[key] = text
        return entries

    def key(self, rel: str, data: bytes, kind: str = "abstract") -> str:
        """The name of a file's entry: a hash of everything its result depends on (`kind`:
        what the file is read as, and how)."""
        digest = hashlib.sha256(self.salt)
        digest.update(kind.encode())
        digest.update(b"\0")
        digest.update(rel.encode("utf-8", "surrogateescape"))
        digest.update(b"\0")
        digest.update(data)
        return digest.hexdigest()

    def decode_stored(self, out_by: datetime.date) -> None:
        """Decode every entry now, before their files' keys are known (which a forked
        process computes meanwhile, `reading._keys`); `get` and `get_author` then only
        check that the entry is the file's."""
        for key, text in self.stored.items():
            data = _parsed(text)
            if type(data) is dict and "out" in data:
                self.ahead[key] = _abstract(data, out_by)
            else:
                self.ahead_authors[key] = _author(data)

    def get(self, key: str, rel: str, out_by: datetime.date) -> tuple[Result, bool] | None:
        """The result kept for the file, when there is one and it passes `decode`."""
        text = self.stored.get(key)
        if text is None:
            return None
        if key in self.ahead:
            found = _abstract_of(self.ahead.pop(key), rel)
        elif key in self.ahead_authors:
            found = None  # (an author's key: the kind of file is part of it)
        else:
            found = decode(text, rel, out_by)
        if found is not None:
            self.used[key] = text
        return found

    def get_author(self, key: str, rel: str) -> AuthorResult | None:
        """The result kept for an author file (see `get`)."""
        text = self.stored.get(key)
        if text is None:
            return None
        if key in self.ahead_authors:
            found = _author_of(self.ahead_authors.pop(key), rel)
        elif key in self.ahead:
            found = None
        else:
            found = decode_author(text, rel)
        if found is not None:
            self.used[key] = text
        return found

    def put(self, key: str, text: str) -> None:
        self.used[key] = text

    def save(self) -> None:
        """Write the entries this run used or made (atomically), if they changed."""
        if self.path is None or self.used.keys() == self.stored.keys():
            return
        import tempfile  # (a run that changed nothing writes nothing)

        lines = (f"{k} {_checksum(v)} {v}\n" for k, v in self.used.items())
        text = "".join([_HEADER, "\n", *lines])
        with contextlib.suppress(OSError):
            self.path.parent.mkdir(parents=True, exist_ok=True)
            handle, temporary = tempfile.mkstemp(dir=self.path.parent, prefix=".checks-")
            try:
                with os.fdopen(handle, "w", encoding="utf-8") as out:
                    out.write(text)
                os.replace(temporary, self.path)
            except BaseException:
                with contextlib.suppress(OSError):
                    os.unlink(temporary)
                raise


def _checksum(text: str) -> str:
    """A short hash of an entry's text, written beside it: a damaged or hand-edited entry
    is not read (its file is read again)."""
    return hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest()[:32]


__all__ = ["FILE_NAME", "CheckCache", "decode", "decode_author", "encode", "encode_author"]
