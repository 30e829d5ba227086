"""The theme's chrome (header, tabs, sidebars, footer) that sibling pages share.

Most of a generated page's time in the theme goes to the same header, tabs, menu and footer,
printed again for each of thousands of abstract and keyword pages. Those parts show only the
menu and links relative to the page's address, so two pages print them alike when

- neither page is in the menu (no menu entry is marked as the current one), and nothing
  the parts link lies inside either page's folder (a link from a page to a page inside it
  would differ between the two);
- both pages' folders are in the same parent folder, so every relative link is the same
  (`keywords/a/` and `keywords/b/` both reach `archive/` as `../../archive/`);
- both hide the same sidebars (`hide` front matter), and the part shows no table of
  contents of its own (the sidebars part shows the page's, so only pages without headings
  share it).

`ChromeParts.reuse` keeps the first page's printout of a part under that key and gives it to
the next page with the same key: the templates still print every part; Python only keeps
what they printed.
"""

from __future__ import annotations

import posixpath
from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from typing import Any

SIDEBARS = "site_nav"
"""The part that shows the page's own table of contents."""


def _folder(url: str) -> str:
    """The folder relative links are made from (MkDocs' get_relative_url): a page's URL
    without its file name (`a/index.html` → `a`, `a/` → `a`)."""
    head, tail = posixpath.split(url)
    return head if "." in tail else url.rstrip("/")


@dataclass(slots=True)
class ChromeParts:
    """One build's printed parts, by part and key (see the module)."""

    blocked: frozenset[str] = frozenset()
    """The folders of every address the parts may link and their parent folders (the
    menu's pages and links, the site context's values, the theme's files): a page in one
    of them prints every part itself."""
    _kept: dict[tuple[str, tuple[Any, ...]], Any] = field(default_factory=dict)

    @classmethod
    def for_links(cls, *sources: Iterable[str]) -> ChromeParts:
        blocked: set[str] = set()
        for source in sources:
            for link in source:
                parts = _folder(link).split("/")
                blocked.update("/".join(parts[:end]) for end in range(1, len(parts) + 1))
        return cls(frozenset(blocked))

    def key_for(self, url: str, *, hide: Iterable[str], has_toc: bool) -> PageChrome:
        """What a page may share with its siblings: nothing for the home, a page the menu
        names or a page with a link of the parts inside its folder."""
        folder = _folder(url)
        hide = (hide,) if isinstance(hide, str) else hide  # `hide: toc` as well as a list
        if not folder or folder in self.blocked:
            return PageChrome(self, None, has_toc)
        return PageChrome(self, (posixpath.dirname(folder), tuple(sorted(hide))), has_toc)

    def alone(self) -> PageChrome:
        """For a template that is no page (404.html): it prints every part itself."""
        return PageChrome(self, None, has_toc=True)

    def reuse(self, part: str, key: tuple[Any, ...], make: Callable[[], Any]) -> Any:
        found = self._kept.get((part, key))
        if found is None:
            found = self._kept[(part, key)] = make()
        return found


@dataclass(frozen=True, slots=True)
class PageChrome:
    """A page's key to the shared parts; templates call `reuse` around a part."""

    parts: ChromeParts
    key: tuple[Any, ...] | None
    """None: the page shares nothing."""
    has_toc: bool

    def shares(self, part: str) -> bool:
        """Whether this page may share `part` (the sidebars only without a table of contents)."""
        return self.key is not None and (part != SIDEBARS or not self.has_toc)

    def reuse(self, part: str, caller: Callable[[], Any]) -> Any:
        """`caller()` (the part as the template prints it), or what it printed on a sibling."""
        if self.key is None or not self.shares(part):  # (None: for the type checker)
            return caller()
        return self.parts.reuse(part, self.key, caller)


def strings_in(value: Any) -> Iterator[str]:
    """Every string in a view model (mappings, lists and tuples walked), e.g. the site
    context's addresses: more than its links, never fewer."""
    if isinstance(value, str):
        yield value
    elif isinstance(value, Mapping):
        for item in value.values():
            yield from strings_in(item)
    elif isinstance(value, (list, tuple)):
        for item in value:
            yield from strings_in(item)


__all__ = ["ChromeParts", "PageChrome", "strings_in"]
