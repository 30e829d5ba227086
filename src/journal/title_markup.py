"""Titles with inline markup: `*italic*`, `**bold**`, `~sub~` and `^sup^`, nothing else.

An article's title may need an italic species name or a chemical formula (H~2~O). The editor
writes it in Markdown as pymdownx.betterem, .tilde and .caret read it (the same extensions the
site and the PDFs use for bodies); `parse` turns it into a small tree of text and `Span`s, and
every output prints that tree its own way, from this module only:

- `plain`: the words alone (meta tags, JSON-LD, RIS, CSL-JSON, DOAJ, `<title>`, sorting);
- `html`: `<i>`, `<b>`, `<sub>`, `<sup>` with the text escaped (pages, search results);
- `add_xml`: the same tree as child elements of an XML element, with each output's names
  (JATS `<italic>`, Crossref face markup `<i>`);
- `bibtex`: `\\textit{...}`, `\\textsubscript{...}` with the text escaped for BibTeX;
- `markup_tree`: the `{"t": tag, "c": children}` nodes the Typst template prints.

Anything else Markdown would read in a title (links, images, code, HTML, ~~strike~~, a list or
heading) is refused by `problem_in` (validation reports it at the title's line), so no output
ever guesses what to do with it; were such a title to reach an output anyway, it is printed as
the literal text it is, escaped for that output.
"""

from __future__ import annotations

import html as html_lib
import re
import xml.etree.ElementTree as ET
from collections.abc import Callable
from dataclasses import dataclass
from functools import cache
from typing import Any, Literal

import markdown
from lxml import html as lxml_html

Kind = Literal["italic", "bold", "sub", "sup"]

EXTENSIONS = ("pymdownx.betterem", "pymdownx.tilde", "pymdownx.caret")
_KINDS: dict[str, Kind] = {"em": "italic", "strong": "bold", "sub": "sub", "sup": "sup"}
_REFUSED = {
    "a": "a link; a title cannot link anywhere",
    "img": "an image; a title is text only",
    "code": "`code`; remove the backticks",
    "del": "~~strikethrough~~; use one ~ on each side for a subscript (H~2~O)",
    "ins": "^^underline^^; use one ^ on each side for a superscript (x^2^)",
    "br": "a line break; a title is one line",
}
_MARKS = frozenset("*_~^\\<>&[]`!#|")
"""Characters that may make Markdown of a title: a title without them is plain text."""
_BLOCK_START = re.compile(r"\d+[.)]\s|[-+=]\s|[-+=]$")
_SPACES = re.compile(r"\s+")
_BIBTEX = {
    "italic": "\\textit",
    "bold": "\\textbf",
    "sub": "\\textsubscript",
    "sup": "\\textsuperscript",
}
_HTML = {"italic": "i", "bold": "b", "sub": "sub", "sup": "sup"}
_TYPST = {"italic": "em", "bold": "strong", "sub": "sub", "sup": "sup"}
JATS_TAGS: dict[Kind, str] = {"italic": "italic", "bold": "bold", "sub": "sub", "sup": "sup"}
CROSSREF_TAGS: dict[Kind, str] = {"italic": "i", "bold": "b", "sub": "sub", "sup": "sup"}
"""Crossref's face markup (common5.4.0.xsd `face_markup`), in Crossref's namespace."""


@dataclass(frozen=True, slots=True)
class Span:
    """Text set in italic, bold, as a subscript or as a superscript."""

    kind: Kind
    children: tuple[Node, ...]


Node = str | Span


class TitleMarkupError(ValueError):
    """The title holds Markdown a title cannot have; the message says what and how to fix it."""


@cache
def _converter() -> markdown.Markdown:
    return markdown.Markdown(extensions=list(EXTENSIONS))


def _is_plain(title: str) -> bool:
    return not (_MARKS & set(title)) and not _BLOCK_START.match(title)


@cache
def parse(title: str) -> tuple[Node, ...]:
    """The title as text and spans; TitleMarkupError when it holds other Markdown."""
    if _is_plain(title):
        return (_SPACES.sub(" ", title).strip(),) if title.strip() else ()
    converter = _converter().reset()
    rendered = converter.convert(title)
    for stashed in converter.htmlStash.rawHtmlBlocks:
        if str(stashed).lstrip().startswith("<"):
            raise TitleMarkupError(
                f"holds the HTML {_show(str(stashed))}. A title takes no HTML: write *italic*, "
                "**bold**, ~sub~ or ^sup^ instead (e.g. *Homo sapiens*, H~2~O)."
            )
    root = lxml_html.fragment_fromstring(rendered, create_parent="div")
    blocks = list(root)
    if (root.text or "").strip() or len(blocks) != 1 or blocks[0].tag != "p":
        raise TitleMarkupError(
            "reads as more than a line of text (a list, a heading or a quote: it starts with "
            '"1.", "-", "#" or ">"). Put a backslash before that character, e.g. 1\\. or \\#.'
        )
    return _tidy(_children(blocks[0]))


def _children(element: Any) -> list[Node]:
    nodes: list[Node] = [element.text] if element.text else []
    for child in element:
        tag = child.tag if isinstance(child.tag, str) else ""
        if tag not in _KINDS:
            what = _REFUSED.get(tag, f"<{tag}> markup")
            raise TitleMarkupError(
                f"holds {what}. A title takes only *italic*, **bold**, ~sub~ and ^sup^ (put a "
                "backslash before a character to keep it as it is, e.g. \\* or \\[)."
            )
        nodes.append(Span(_KINDS[tag], _tidy(_children(child))))
        if child.tail:
            nodes.append(child.tail)
    return nodes


def _tidy(nodes: list[Node]) -> tuple[Node, ...]:
    """Adjacent strings joined, runs of white space made one space, none at either end."""
    merged: list[Node] = []
    for node in nodes:
        if isinstance(node, str):
            node = _SPACES.sub(" ", node)
            if merged and isinstance(merged[-1], str):
                merged[-1] += node
                continue
        merged.append(node)
    if merged and isinstance(merged[0], str):
        merged[0] = merged[0].lstrip()
    if merged and isinstance(merged[-1], str):
        merged[-1] = merged[-1].rstrip()
    return tuple(n for n in merged if n != "")


def _show(text: str) -> str:
    text = " ".join(text.split())
    return f'"{text[:40]}…"' if len(text) > 40 else f'"{text}"'


def problem_in(title: str) -> str | None:
    """What is wrong with the title's markup, in editors' words, or None."""
    try:
        parse(title)
    except TitleMarkupError as error:
        return str(error)
    return None


@cache
def _nodes(title: str) -> tuple[Node, ...]:
    """What the outputs print: the parsed title, or, for a title `problem_in` refuses (which
    validation keeps out of every build), its text as it is (each output escapes it)."""
    try:
        return parse(title)
    except TitleMarkupError:
        return (title,)


def _walk(
    nodes: tuple[Node, ...], text: Callable[[str], str], span: Callable[[Span, str], str]
) -> str:
    return "".join(
        text(n) if isinstance(n, str) else span(n, _walk(n.children, text, span)) for n in nodes
    )


@cache
def plain(title: str) -> str:
    """The title's words without markup (for meta tags, JSON-LD, RIS, CSL-JSON, DOAJ)."""
    return _walk(_nodes(title), str, lambda _, inner: inner)


@cache
def html(title: str) -> str:
    """The title as HTML: its text escaped, its spans as <i>, <b>, <sub> and <sup>."""
    return _walk(
        _nodes(title),
        lambda t: html_lib.escape(t, quote=False),
        lambda s, inner: f"<{_HTML[s.kind]}>{inner}</{_HTML[s.kind]}>",
    )


def bibtex(title: str, escape: Callable[[str], str]) -> str:
    """The title for BibTeX: its text escaped by `escape` (the BibTeX export's), its spans as
    \\textit{}, \\textbf{}, \\textsubscript{} and \\textsuperscript{}."""
    return _walk(_nodes(title), escape, lambda s, inner: f"{_BIBTEX[s.kind]}{{{inner}}}")


def markup_tree(title: str) -> list[Any]:
    """The title as the Typst template's markup nodes (strings, {"t": tag, "c": children})."""

    def tree(nodes: tuple[Node, ...]) -> list[Any]:
        return [
            n if isinstance(n, str) else {"t": _TYPST[n.kind], "c": tree(n.children)} for n in nodes
        ]

    return tree(_nodes(title))


def add_xml(element: ET.Element, title: str, tags: dict[Kind, str], namespace: str = "") -> None:
    """Put the title into an lxml element: its text, its spans as child elements named by
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

    fill(element, _nodes(title))


__all__ = [
    "CROSSREF_TAGS",
    "EXTENSIONS",
    "JATS_TAGS",
    "Span",
    "TitleMarkupError",
    "add_xml",
    "bibtex",
    "html",
    "markup_tree",
    "parse",
    "plain",
    "problem_in",
]
