"""Titles with inline markup: `*italic*`, `**bold**`, `~sub~` and `^sup^`, nothing else.

An article's title may need an italic species name or a chemical formula (H~2~O). The editor
writes it in Markdown as pymdownx.betterem, .tilde and .caret read it (the extensions the site
and the PDFs use for bodies); `parse` turns it into a small tree of text and `Span`s, and every
output prints that tree its own way, from this module only:

- `plain`: the words alone (meta tags, JSON-LD, RIS, CSL-JSON, DOAJ, Atom, `<title>`, sorting);
- `html`: `<i>`, `<b>`, `<sub>`, `<sup>` with the text escaped (pages, search results);
- `add_xml`: the tree as child elements of an XML element, with each output's names (JATS
  `<italic>`, Crossref face markup `<i>`);
- `bibtex`: `\\textit{...}`, `\\textsubscript{...}` with the text escaped for BibTeX;
- `markup_tree`: the `{"t": tag, "c": children}` nodes the Typst template prints.

Nothing else is markup in a title: a link, an image, `code`, HTML (`<b>`), an entity, a list or
a heading is kept as the literal text the editor typed (the parser has those rules removed),
and each output escapes it. A backslash keeps a marker as it is (`\\*`).
"""

from __future__ import annotations

import html as html_lib
import re
import xml.etree.ElementTree as ET
from collections.abc import Callable
from dataclasses import dataclass
from functools import cache
from typing import TYPE_CHECKING, Any, Literal

if TYPE_CHECKING:
    import markdown

Kind = Literal["italic", "bold", "sub", "sup"]

EXTENSIONS = ("pymdownx.betterem", "pymdownx.tilde", "pymdownx.caret")
_SETTINGS = {"pymdownx.tilde": {"delete": False}, "pymdownx.caret": {"insert": False}}
"""~sub~ and ^sup^ only: ~~x~~ and ^^x^^ (strike, underline) are no title markup."""
_NOT_IN_TITLES = {
    "inlinePatterns": (
        *("backtick", "reference", "link", "image_link", "image_reference", "short_reference"),
        *("short_image_ref", "autolink", "automail", "linebreak", "html", "entity"),
    ),
    "preprocessors": ("html_block",),
}
_BLOCKS_NOT_IN_TITLES = (
    *("indent", "code", "hashheader", "setextheader", "hr", "olist", "ulist", "quote"),
    "reference",
)
_KINDS: dict[str, Kind] = {"em": "italic", "strong": "bold", "sub": "sub", "sup": "sup"}
_MARKS = frozenset("*_~^\\")
"""The characters of markup: a title without any is plain text."""
_MARK = re.compile(r"([*_~^\\])")
_HTML: dict[Kind, str] = {"italic": "i", "bold": "b", "sub": "sub", "sup": "sup"}
_TYPST: dict[Kind, str] = {"italic": "em", "bold": "strong", "sub": "sub", "sup": "sup"}
_BIBTEX: dict[Kind, str] = {
    "italic": "\\textit",
    "bold": "\\textbf",
    "sub": "\\textsubscript",
    "sup": "\\textsuperscript",
}
JATS_TAGS: dict[Kind, str] = {"italic": "italic", "bold": "bold", "sub": "sub", "sup": "sup"}
CROSSREF_TAGS: dict[Kind, str] = {"italic": "i", "bold": "b", "sub": "sub", "sup": "sup"}
"""Crossref's face markup (common5.4.0.xsd `face_markup`), in Crossref's namespace."""


@dataclass(frozen=True, slots=True)
class Span:
    """Text set in italic, bold, as a subscript or as a superscript."""

    kind: Kind
    children: tuple[Node, ...]


Node = str | Span


@cache
def _converter() -> markdown.Markdown:
    """Python-Markdown with the three extensions and none of its other rules, so whatever
    those would read (links, HTML, lists...) stays text."""
    import markdown  # only for a title with markup (`journal check` seldom meets one)

    converter = markdown.Markdown(extensions=list(EXTENSIONS), extension_configs=_SETTINGS)
    for registry, names in _NOT_IN_TITLES.items():
        for name in names:
            getattr(converter, registry).deregister(name)
    for name in _BLOCKS_NOT_IN_TITLES:
        converter.parser.blockprocessors.deregister(name)
    return converter


@cache
def parse(title: str) -> tuple[Node, ...]:
    """The title as text and spans."""
    if not (_MARKS & set(title)):
        return _tidy([title])
    # Every "&" as an entity: an "&amp;" or "&eacute;" the editor typed stays as typed.
    from lxml import html as lxml_html

    rendered = _converter().reset().convert(title.replace("&", "&amp;"))
    root = lxml_html.fragment_fromstring(rendered, create_parent="div")
    return _tidy(_children(root))


def _children(element: Any) -> list[Node]:
    nodes: list[Node] = [element.text] if element.text else []
    for child in element:
        tag = child.tag if isinstance(child.tag, str) else ""
        inner = _tidy(_children(child))
        if tag not in _KINDS:
            nodes += inner  # the paragraph around the title
        elif len(inner) == 1 and isinstance(inner[0], Span) and inner[0].kind == _KINDS[tag]:
            nodes.append(inner[0])  # ~~x~~: a subscript, not one inside another
        else:
            nodes.append(Span(_KINDS[tag], inner))
        if child.tail:
            nodes.append(child.tail)
    return nodes


def _tidy(nodes: list[Node]) -> tuple[Node, ...]:
    """Adjacent strings joined, empty ones dropped (white space is the title's own: the
    validation made each run one space)."""
    merged: list[Node] = []
    for node in nodes:
        if isinstance(node, str) and merged and isinstance(merged[-1], str):
            merged[-1] += node
        elif node != "":
            merged.append(node)
    return tuple(merged)


def _walk(
    nodes: tuple[Node, ...], text: Callable[[str], str], span: Callable[[Span, str], str]
) -> str:
    return "".join(
        text(n) if isinstance(n, str) else span(n, _walk(n.children, text, span)) for n in nodes
    )


def escape(text: str) -> str:
    """Text as a title that shows it as it is: each marker character after a backslash (for
    whoever writes titles from plain text, such as an importer)."""
    return _MARK.sub(r"\\\1", text)


@cache
def plain(title: str) -> str:
    """The title's words without markup (for meta tags, JSON-LD, RIS, CSL-JSON, DOAJ)."""
    return _walk(parse(title), str, lambda _, inner: inner)


@cache
def html(title: str) -> str:
    """The title as HTML: its text escaped, its spans as <i>, <b>, <sub> and <sup>."""
    return _walk(
        parse(title),
        html_lib.escape,
        lambda s, inner: f"<{_HTML[s.kind]}>{inner}</{_HTML[s.kind]}>",
    )


def bibtex(title: str, escape: Callable[[str], str]) -> str:
    """The title for BibTeX: its text escaped by `escape` (the BibTeX export's), its spans as
    \\textit{}, \\textbf{}, \\textsubscript{} and \\textsuperscript{}."""
    return _walk(parse(title), escape, lambda s, inner: f"{_BIBTEX[s.kind]}{{{inner}}}")


def markup_tree(title: str) -> list[Any]:
    """The title as the Typst template's markup nodes (strings, {"t": tag, "c": children})."""

    def tree(nodes: tuple[Node, ...]) -> list[Any]:
        return [
            n if isinstance(n, str) else {"t": _TYPST[n.kind], "c": tree(n.children)} for n in nodes
        ]

    return tree(parse(title))


def add_xml(element: ET.Element, title: str, tags: dict[Kind, str], namespace: str = "") -> None:
    """Put the title into an XML element: its text, its spans as child elements named by
    `tags` (JATS_TAGS, CROSSREF_TAGS) in `namespace` (the serialiser escapes the text)."""
    prefix = f"{{{namespace}}}" if namespace else ""

    def fill(parent: ET.Element, nodes: tuple[Node, ...]) -> None:
        last: ET.Element | None = None
        for node in nodes:
            if isinstance(node, str):
                if last is None:
                    parent.text = (parent.text or "") + node
                else:
                    last.tail = (last.tail or "") + node
            else:
                last = ET.SubElement(parent, prefix + tags[node.kind])
                fill(last, node.children)

    fill(element, parse(title))


__all__ = [
    "CROSSREF_TAGS",
    "EXTENSIONS",
    "JATS_TAGS",
    "Span",
    "add_xml",
    "bibtex",
    "escape",
    "html",
    "markup_tree",
    "parse",
    "plain",
]
