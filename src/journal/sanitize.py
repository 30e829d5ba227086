"""Allow-list HTML sanitising for bodies written by submitters (abstracts, biographies)."""

from __future__ import annotations

import re
from collections import Counter
from functools import cache
from typing import TYPE_CHECKING
from urllib.parse import urlsplit

if TYPE_CHECKING:
    import markdown

_TAGS = {
    "a",
    "abbr",
    "b",
    "blockquote",
    "br",
    "caption",
    "cite",
    "code",
    "col",
    "colgroup",
    "dd",
    "del",
    "details",
    "div",
    "dl",
    "dt",
    "em",
    "figcaption",
    "figure",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "hr",
    "i",
    "img",
    "ins",
    "kbd",
    "li",
    "mark",
    "ol",
    "p",
    "pre",
    "q",
    "s",
    "small",
    "span",
    "strong",
    "sub",
    "summary",
    "sup",
    "table",
    "tbody",
    "td",
    "tfoot",
    "th",
    "thead",
    "tr",
    "u",
    "ul",
    "math",
    "mi",
    "mn",
    "mo",
    "mrow",
    "msub",
    "msup",
    "mfrac",
    "msqrt",
    "mtext",
    "semantics",
    "annotation",
    "input",
    "label",
}
_ATTRIBUTES = {
    "*": {"class", "id", "title", "lang", "dir"},
    "a": {"href"},
    "img": {"src", "alt", "width", "height"},
    "td": {"colspan", "rowspan", "align", "style"},
    "th": {"colspan", "rowspan", "align", "scope", "style"},
    "ol": {"start", "type"},
    "details": {"open"},
    "input": {"type", "checked", "disabled"},
    "code": {"data-lang"},
}


def _filter_attribute(tag: str, name: str, value: str) -> str | None:
    """Drop ids the theme's scripts look up (e.g. "__config"): no DOM clobbering."""
    if name == "id" and value.startswith("__"):
        return None
    return value


_LINK = re.compile(r"<a\b[^>]*>")
_LINK_REL = ' rel="noopener noreferrer"'


def _rel_without_href(tag: re.Match[str]) -> str:
    """A link whose address was dropped (javascript:) loses the `rel` nh3 gives every link:
    HTML allows `rel` only on a link with `href`."""
    text = tag.group(0)
    return text if " href=" in text else text.replace(_LINK_REL, "")


def sanitize_html(html: str) -> str:
    """Keep what Markdown and pymdown produce; drop scripts, handlers, frames and styles."""
    return _LINK.sub(_rel_without_href, _clean(html))


def _clean(html: str) -> str:
    import nh3  # (this module's libraries are imported when first needed: `journal check`
    # of files it keeps in its cache, or of plain Markdown, needs none of them)

    return nh3.clean(
        html,
        attribute_filter=_filter_attribute,
        tags=_TAGS,
        attributes=_ATTRIBUTES,
        url_schemes={"http", "https", "mailto"},
        link_rel="noopener noreferrer",
        strip_comments=True,
        filter_style_properties={"text-align"},
    )


_RAW_MARKUP = re.compile(r"<[A-Za-z/!?]")
"""Raw HTML (and autolinks); "p < 0.05" is text."""
_WORD = re.compile(r"\w+")
_SOURCE_ATTRIBUTES = ("src", "srcset", "poster", "data", "background", "href")
_LOADING_TAGS = frozenset({"img", "source", "video", "audio", "track", "picture", "input"})
"""Elements whose address a browser loads without the reader clicking (href: <link>)."""


@cache
def _markdown() -> markdown.Markdown:
    import markdown

    return markdown.Markdown(extensions=["extra"])


def _words(html: str) -> Counter[str]:
    if not html.strip():
        return Counter()
    import lxml.html

    text = " ".join(
        str(t) for t in lxml.html.fragment_fromstring(html, create_parent="div").itertext()
    )
    return Counter(_WORD.findall(text))


def _loaded_elsewhere(html: str) -> str | None:
    """The first address on another host a page with `html` would load by itself."""
    import lxml.html

    for element in lxml.html.fragment_fromstring(html, create_parent="div").iter():
        tag = element.tag if isinstance(element.tag, str) else ""
        if tag not in _LOADING_TAGS and tag != "link":
            continue
        for name in _SOURCE_ATTRIBUTES:
            for address in (element.get(name) or "").replace(",", " ").split():
                if address.startswith("//") or urlsplit(address).scheme:
                    return address
    return None


def check_markup(text: str) -> list[str]:
    """Problems of a body's Markdown that the site would not show as written: text the
    sanitiser must drop (script, style, or an HTML shape it cannot keep) and images loaded
    from another site (a pixel that tells that site who reads the page)."""
    has_markup = bool(_RAW_MARKUP.search(text))
    if not has_markup and "![" not in text:
        return []  # plain Markdown: nothing to drop, no image (links load nothing)
    html = _markdown().reset().convert(text)
    found = []
    address = _loaded_elsewhere(html)
    if address:
        found.append(
            f'shows an image from another site ("{address[:80]}"), which tells that site who '
            "reads the page. Put the image file in the repository beside this file and link "
            "it by its name, or remove it."
        )
    if has_markup:
        before = _words(html)
        lost = before - _words(sanitize_html(html))
        if lost:
            words = " ".join([w for w in before if w in lost][:6])
            found.append(
                f"holds HTML the site cannot show as written (a script, a style, or tags "
                f"nested in a way it does not keep); the text around it would be lost "
                f"({words} …). Write the text in Markdown, without the HTML."
            )
    return found
