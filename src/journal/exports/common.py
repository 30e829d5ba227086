"""What several export formats share: absolute URLs, plain text, names, dates, languages."""

from __future__ import annotations

import datetime
import html
import re
import xml.etree.ElementTree as ET
from functools import cache, lru_cache

import markdown
import nh3

from .. import urls
from ..languages import BIBLIOGRAPHIC, base
from ..model import Abstract, Author, Issue, Journal, Settings


def language3(settings: Settings, code: str = "") -> str:
    """The ISO 639-2/B code of a language (the journal's when `code` is empty)."""
    return BIBLIOGRAPHIC.get(base(code or settings.language), "eng")


def absolute(settings: Settings, url: str) -> str:
    """The absolute URL of a site-relative one (relative when site_url is unset)."""
    return urls.absolute(settings.site_url, url)


def abstract_url(settings: Settings, abstract: Abstract) -> str:
    return absolute(settings, urls.url_for_abstract(abstract.slug))


def has_pdf(settings: Settings, abstract: Abstract) -> bool:
    """Whether the abstract has a PDF: its editor's own, or the galley the site makes."""
    return bool(abstract.pdf) or settings.pdf


def pdf_url(settings: Settings, abstract: Abstract) -> str:
    return absolute(settings, urls.url_for(urls.src_for_abstract_file(abstract.slug, "pdf")))


def issue_number(abstract: Abstract) -> str:
    """The issue number as exports write it; "" in a continuous journal (no issue)."""
    return "" if abstract.issue is None else str(abstract.issue)


def issue_url(settings: Settings, volume: int, number: int | None) -> str:
    return absolute(settings, urls.url_for_issue(volume, number))


def issue_of(journal: Journal, abstract: Abstract) -> Issue:
    return next(i for i in journal.issues if i.key == (abstract.volume, abstract.issue))


def issue_date(issue: Issue) -> datetime.date:
    """When the issue came out: issues.yml's date, else its newest abstract's. A continuous
    journal's volume: issues.yml's date, else its first abstract's (when the volume began)."""
    dates = [a.published for a in issue.abstracts]
    return issue.published or (min(dates) if issue.is_volume else max(dates))


def given_and_family(author: Author) -> tuple[str, str]:
    """The author's given and family names (the last word of the name as a fallback)."""
    if author.family:
        return author.given, author.family
    given, _, family = author.name.rpartition(" ")
    return given, family


@cache
def _converter() -> markdown.Markdown:
    # Building a Markdown instance costs more than converting a paragraph: build it once.
    return markdown.Markdown()


def _convert(text: str) -> tuple[str, ...]:
    result = []
    for block in re.split(r"\n\s*\n", text.strip()):
        rendered = _converter().reset().convert(block)
        plain = html.unescape(nh3.clean(rendered, tags=set()))
        plain = " ".join(plain.split())
        if plain:
            result.append(plain)
    return tuple(result)


# An abstract's body is asked for by its page head (when the page is written), then by its
# export files and its issue's (after the pages, issue by issue: build_exports' order). A bound
# of about an issue keeps each conversion for those asks without holding every body's text
# until the end of the build (about 5 KB per abstract). A biography is asked for by each of its
# author's abstracts, in any issue: those are kept (a few hundred bytes per author).
_paragraphs = lru_cache(maxsize=1024)(_convert)
_bio_paragraphs = lru_cache(maxsize=20_000)(_convert)


def paragraphs(text: str) -> list[str]:
    """The paragraphs of a Markdown text as plain text (markup dropped, entities decoded)."""
    return list(_paragraphs(text))


def bio_paragraphs(text: str) -> list[str]:
    """An author's biography as plain-text paragraphs (see `paragraphs`)."""
    return list(_bio_paragraphs(text))


def plain_text(text: str) -> str:
    return "\n\n".join(paragraphs(text))


def xml_text(root: ET.Element) -> str:
    """Serialise an element tree as an indented UTF-8 document."""
    ET.indent(root, space="  ")
    body = ET.tostring(root, encoding="unicode")
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + body + "\n"


def sub(parent: ET.Element, tag: str, text: str | None = None, **attributes: str) -> ET.Element:
    """Append a child element with optional text and attributes."""
    element = ET.SubElement(parent, tag, attributes)
    if text is not None:
        element.text = text
    return element
