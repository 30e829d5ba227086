"""What a cached entry may hold before a page prints it: the shapes and markup the builder
writes, nothing else.

Templates print a page head's tags, a citation's HTML and a biography as they are (no |e),
so an entry read from the cache is data to check, not trusted markup: one that fails its
check is treated as damaged and made again (`OutputCache.data(key, make, check)`). Each check
costs a regular expression or one sanitiser pass, a small part of what the entry saves.
Rendered page bodies are sanitised on every build anyway (the host's on_page_content); what
the theme prints of them unescaped (table of contents, title) is checked here.
"""

from __future__ import annotations

import re
from typing import Any

from ..sanitize import sanitize_html
from .citations import STYLES

_VALUE = r"[^\"'<>]*"  # markupsafe.escape leaves none of " ' < > in a value
_LANG = r"[A-Za-z]{2,3}(?:-[A-Za-z0-9]{1,8})*"  # a language tag: "fr", "pt-BR", "zh-Hant"
_META = (
    r'<meta (?:name="(?:citation_[a-z_]+|DC\.[A-Za-z.]+|twitter:[a-z]+|description)"'
    rf'|property="(?:og|article):[a-z_]+")(?: lang="{_LANG}")? content="{_VALUE}">'
)
_METAS = re.compile(rf"(?:{_META}\n)*{_META}")
"""head.head_html's meta tags (Scholar, Dublin Core, the description, Open Graph, Twitter),
one per line, some with the language of their content."""
_JSONLD_START, _JSONLD_END = '<script type="application/ld+json">', "</script>"
"""head.head_html's JSON-LD script, after the meta tags: htmlsafe_json_dumps leaves no < > & ' in
it."""
_CITATION_TAG = re.compile(r"</?(?:i|b|sup|sub)>")
"""The tags citations.format_citations' markers become (the rest of its HTML is escaped)."""
_LOCAL_URL = re.compile(r"[A-Za-z0-9][A-Za-z0-9._~/-]*")
"""A site-relative URL from urls.py (no scheme, so no javascript:)."""
_MEDIA_TYPE = re.compile(r"[a-z]+/[a-z0-9.+-]+")
_ANCHOR_ID = re.compile(r"[^\s\"'<>&]*")
_STYLE_KEYS = frozenset({"id", "label", "html", "text"})
_LINK_KEYS = frozenset({"label", "url", "type"})
_TOKEN_KEYS = frozenset({"name", "id", "level", "children"})


def _is_attribute_safe(text: str) -> bool:
    """Escaped text: none of < > " ' (html.escape and markupsafe turn them into entities)."""
    return not any(mark in text for mark in "<>\"'")


def _is_text(value: Any) -> bool:
    """Text a page prints unescaped: no tag can start or end in it."""
    return isinstance(value, str) and "<" not in value and ">" not in value


def is_citation_list(value: Any) -> bool:
    """An abstract's formatted citations: one entry per style, in order, with only the
    inline tags the formatter writes."""
    if not isinstance(value, list) or len(value) != len(STYLES):
        return False
    for entry, (style_id, label, _) in zip(value, STYLES, strict=True):
        if not isinstance(entry, dict) or entry.keys() != _STYLE_KEYS:
            return False
        if entry["id"] != style_id or entry["label"] != label or not isinstance(entry["text"], str):
            return False
        if not isinstance(entry["html"], str) or not _is_attribute_safe(
            _CITATION_TAG.sub("", entry["html"])
        ):
            return False
    return True


def _is_download(link: Any) -> bool:
    return (
        isinstance(link, dict)
        and link.keys() == _LINK_KEYS
        and isinstance(link["label"], str)
        and isinstance(link["url"], str)
        and _LOCAL_URL.fullmatch(link["url"]) is not None
        and isinstance(link["type"], str)
        and _MEDIA_TYPE.fullmatch(link["type"]) is not None
    )


def _is_head_html(text: str) -> bool:
    """Only what head.head_html prints. (The JSON-LD, a third of the text, is checked with
    plain searches: a regular expression costs more.)"""
    start = text.find(_JSONLD_START)
    if start < 0:
        return not text or _METAS.fullmatch(text) is not None
    if start and (text[start - 1] != "\n" or not _METAS.fullmatch(text, 0, start - 1)):
        return False
    script = text[start + len(_JSONLD_START) :]
    return script.endswith(_JSONLD_END) and not any(
        mark in script[: -len(_JSONLD_END)] for mark in "<>&'"
    )


def is_abstract_head(value: Any) -> bool:
    """An abstract page's head (head.head_for_abstract): escaped meta tags and JSON-LD, its
    citations and its download links, and no other key (a key would reach the view model)."""
    if not isinstance(value, dict) or value.keys() != {"head_html", "cite"}:
        return False
    head, cite = value["head_html"], value["cite"]
    if not isinstance(head, str) or not _is_head_html(head):
        return False
    if not isinstance(cite, dict) or cite.keys() != {"styles", "downloads"}:
        return False
    downloads = cite["downloads"]
    return (
        is_citation_list(cite["styles"])
        and isinstance(downloads, list)
        and all(_is_download(link) for link in downloads)
    )


def _is_toc_token(token: Any, above: int) -> bool:
    """A table-of-contents entry: its title is printed as HTML, its id in an href. Levels
    grow with depth (at most six), so a damaged entry cannot nest without end."""
    if not isinstance(token, dict) or token.keys() != _TOKEN_KEYS:
        return False
    level, children = token["level"], token["children"]
    return (
        type(level) is int
        and above < level <= 6
        and _is_text(token["name"])
        and isinstance(token["id"], str)
        and _ANCHOR_ID.fullmatch(token["id"]) is not None
        and isinstance(children, list)
        and all(_is_toc_token(child, level) for child in children)
    )


def is_page_body(value: Any) -> bool:
    """A rendered body as the host keeps it: HTML (sanitised again when used), the table of
    contents, the title and the anchors."""
    if not isinstance(value, dict) or value.keys() != {"html", "toc", "title", "anchors"}:
        return False
    toc, anchors, title = value["toc"], value["anchors"], value["title"]
    return (
        isinstance(value["html"], str)
        and isinstance(toc, list)
        and all(_is_toc_token(token, 0) for token in toc)
        and (title is None or _is_text(title))
        and isinstance(anchors, list)
        and all(isinstance(anchor, str) for anchor in anchors)
    )


def is_sanitized(html: str) -> bool:
    """HTML the sanitiser leaves as it is (a kept biography: rendered, then sanitised)."""
    return sanitize_html(html) == html


__all__ = ["is_abstract_head", "is_citation_list", "is_page_body", "is_sanitized"]
