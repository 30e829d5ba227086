"""An abstract's Markdown as a markup tree the Typst template prints, never as Typst source.

The Markdown becomes HTML (the extensions below), nh3 keeps only the tags a galley prints, and
lxml turns what is left into plain JSON: strings for text, {"t": tag, "c": children} for the
rest. The template walks the tree and prints every string as text, so no value of an abstract
can be read as Typst markup.
"""

from __future__ import annotations

import re
import unicodedata
from functools import cache
from typing import Any

import markdown
import nh3
from lxml import html as lxml_html

EXTENSIONS = ("tables", "sane_lists", "pymdownx.tilde", "pymdownx.caret", "pymdownx.betterem")
"""What a galley renders: tables, lists, ~sub~, ^sup^, ~~strike~~ and emphasis (the site's own
extensions add only page furniture, such as admonitions, that a galley prints as text)."""
_INLINE = {"em", "i", "strong", "b", "sub", "sup", "del", "s", "mark", "ins", "u", "br"}
_BLOCK = {"p", "ul", "ol", "li", "blockquote"}
_HEADINGS = {"h1", "h2", "h3", "h4", "h5", "h6"}
_TABLE = {"table", "thead", "tbody", "tr", "th", "td"}
_ALLOWED = _INLINE | _BLOCK | _HEADINGS | _TABLE | {"a", "code", "pre"}
_SPACES = re.compile(r"\s+")
_SCHEMES = ("http://", "https://", "mailto:")


@cache
def _converter() -> markdown.Markdown:
    return markdown.Markdown(extensions=list(EXTENSIONS))


def markup_for(text: str) -> list[Any]:
    """The Markdown text as a list of markup nodes (paragraphs, lists, tables, headings)."""
    if not text.strip():
        return []
    rendered = _converter().reset().convert(text)
    clean = nh3.clean(
        rendered,
        tags=_ALLOWED,
        attributes={"a": {"href"}, "ol": {"start"}},
        link_rel=None,
        url_schemes={"http", "https", "mailto"},
    )
    root = lxml_html.fragment_fromstring(clean, create_parent="div")
    blocks: list[Any] = []
    for item in _children(root):  # loose text between blocks: its own paragraph
        if isinstance(item, str):
            if item.strip():
                blocks.append({"t": "p", "c": [item.strip()], **_direction([item])})
        else:
            blocks.append(item)
    return blocks


def _children(element: Any) -> list[Any]:
    # Typst breaks the line at a newline in a string: a paragraph's newlines become spaces.
    result: list[Any] = []
    if element.text:
        result.append(_SPACES.sub(" ", element.text))
    for child in element:
        result += _node(child)
        if child.tail:
            result.append(_SPACES.sub(" ", child.tail))
    return _merge(result)


def _merge(items: list[Any]) -> list[Any]:
    """Adjacent strings joined (a tree the template walks quickly)."""
    merged: list[Any] = []
    for item in items:
        if isinstance(item, str) and merged and isinstance(merged[-1], str):
            merged[-1] += item
        else:
            merged.append(item)
    return merged


def _node(element: Any) -> list[Any]:
    tag = element.tag if isinstance(element.tag, str) else ""
    if tag in ("code", "pre"):
        return [{"t": tag, "text": element.text_content()}]
    if tag == "table":
        return [_table(element)]
    children = _children(element)
    if tag == "a":
        href = element.get("href", "")
        return [{"t": "a", "href": href, "c": children}] if href.startswith(_SCHEMES) else children
    if tag in _HEADINGS:
        return [{"t": "heading", "c": children, **_direction(children)}]
    if tag == "ol":
        start = element.get("start", "1")
        node = {"t": "ol", "c": _items(children), "start": int(start) if start.isdigit() else 1}
        return [node]
    if tag == "ul":
        return [{"t": "ul", "c": _items(children)}]
    if tag in _INLINE or tag in _BLOCK:
        return [{"t": tag, "c": children, **(_direction(children) if tag == "p" else {})}]
    return children


def _items(children: list[Any]) -> list[Any]:
    return [c for c in children if isinstance(c, dict)]  # whitespace between <li>s dropped


def _table(element: Any) -> dict[str, Any]:
    rows = element.xpath(".//tr")
    columns = max((len(row.xpath("./th|./td")) for row in rows), default=1) or 1
    cells = []
    for row in rows:
        found = row.xpath("./th|./td")
        for cell in found:
            cells.append({"c": _children(cell), "header": cell.tag == "th"})
        cells += [{"c": [], "header": False}] * (columns - len(found))
    return {"t": "table", "columns": columns, "cells": cells}


def is_right_to_left(text: str) -> bool:
    """Whether the text's first strong character is written right to left (Arabic, Persian,
    Hebrew): its paragraph then runs from the right."""
    for char in text:
        kind = unicodedata.bidirectional(char)
        if kind in ("L",):
            return False
        if kind in ("R", "AL"):
            return True
    return False


def plain(nodes: list[Any]) -> str:
    """The text of a markup tree, for direction and font checks."""
    parts: list[str] = []
    for node in nodes:
        if isinstance(node, str):
            parts.append(node)
        else:
            parts.append(node.get("text", ""))
            parts.append(plain(node.get("c", [])))
            for cell in node.get("cells", []):
                parts.append(plain(cell["c"]))
    return "".join(parts)


def _direction(children: list[Any]) -> dict[str, bool]:
    return {"rtl": True} if is_right_to_left(plain(children)) else {}
