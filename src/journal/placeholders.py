"""Journal facts in hand-written pages: `{{ journal.issn }}` in docs/*.md is filled from the
settings when the page is built, so no page keeps a typed copy that goes stale."""

from __future__ import annotations

import html
import re
from collections.abc import Callable

from .model import Settings
from .problems import Problem

_PLACEHOLDER = re.compile(r"\{\{\s*journal\.([A-Za-z_]+)\s*\}\}")

FACTS: dict[str, Callable[[Settings], str]] = {
    "title": lambda s: s.title,
    "abbreviation": lambda s: s.abbreviation,
    "issn": lambda s: s.issn_online or s.issn_print,
    "issn_print": lambda s: s.issn_print,
    "issn_online": lambda s: s.issn_online,
    "publisher": lambda s: s.publisher,
    "doi_prefix": lambda s: s.doi_prefix,
    "language": lambda s: s.language,
    "license": lambda s: s.license.name if s.license else "",
    "license_url": lambda s: s.license.url if s.license else "",
    "site_url": lambda s: s.site_url,
    "submission_url": lambda s: s.submission_url,
    "tracking_url": lambda s: s.tracking_url,
}
"""Placeholder name → its value. (No e-mail address: the site never shows one as text.)"""
_URLS = {"license_url", "site_url", "submission_url", "tracking_url"}
"""Facts that are addresses (checked URLs): written as they are, e.g. into a link."""
_MARKDOWN = re.compile(r"([\\`*_\[\]])")


def markdown_text(value: str) -> str:
    """Text as Markdown that shows as written (no emphasis, links or raw HTML)."""
    return _MARKDOWN.sub(r"\\\1", html.escape(value, quote=False))


def _as_markdown(name: str, value: str) -> str:
    """A fact as Markdown text; addresses as they are (e.g. for a link)."""
    return value if name in _URLS else markdown_text(value)


def fill_placeholders(
    text: str, settings: Settings, path: str, source: str = ""
) -> tuple[str, list[Problem]]:
    """The page's Markdown with every `{{ journal.<fact> }}` replaced by the fact; a warning
    for each unknown name or empty fact, at its line of the page (`source`: the whole file,
    front matter included, when `text` is its body)."""
    if "{{" not in text:
        return text, []
    problems: list[Problem] = []
    at = source.find(text) if source and text else -1
    offset = source.count("\n", 0, at) if at > 0 else 0

    def fill(match: re.Match[str]) -> str:
        name = match.group(1)
        line = offset + text.count("\n", 0, match.start()) + 1
        fact = FACTS.get(name)
        value = fact(settings) if fact else ""
        if fact is None:
            known = ", ".join(sorted(FACTS))
            message = f"{match.group()} is not a journal fact. Use one of: {known}."
        elif not value:
            message = (
                f"{match.group()} is empty: extra.journal in mkdocs.yml has no {name}. Add it "
                "there, or take the placeholder out of the page."
            )
        else:
            return _as_markdown(name, value)
        problems.append(
            Problem(path=path, line=line, field=match.group(), message=message, severity="warning")
        )
        return value

    return _PLACEHOLDER.sub(fill, text), problems
