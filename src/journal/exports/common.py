"""What several export formats share: absolute URLs, plain text, names, dates, languages."""

from __future__ import annotations

import datetime
import html
import re
import xml.etree.ElementTree as ET
from functools import cache, lru_cache

import markdown
import nh3

from .. import title_markup, urls
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


DateParts = tuple[int, ...]
"""A date as CSL writes it: (year, month, day), or (year,) when only the year is known."""


def date_parts(date: datetime.date) -> DateParts:
    return (date.year, date.month, date.day)


def issue_date_parts(issue: Issue) -> DateParts:
    """When the issue came out (see `issue_date`), or its year alone when that date is of
    another year (its articles were all published online the year before the print issue)."""
    date = issue_date(issue)
    return date_parts(date) if date.year == issue.year else (issue.year,)


def collection_date(journal: Journal, abstract: Abstract) -> DateParts:
    """The date of the issue an article is collected in, as the issue's own records give it
    (Crossref's journal_issue, DC.date, the issue's JSON-LD): `issue_date_parts`."""
    return issue_date_parts(issue_of(journal, abstract))


def cited_date(journal: Journal, abstract: Abstract) -> DateParts:
    """The date a citation gives: the issue's, whose year is the abstract's `year`. An article
    published online the year before its issue is cited with the issue's year (its online
    date goes where a format has a place for it). The issues.yml date when in that year, else
    the published date when in that year, else the year alone; in a continuous journal the
    published date (its year is the article's)."""
    issue = issue_of(journal, abstract) if abstract.issue is not None else None
    if issue is not None and issue.published is not None and issue.published.year == abstract.year:
        return date_parts(issue.published)
    if abstract.published.year == abstract.year:
        return date_parts(abstract.published)
    return (abstract.year,)


def iso_date(parts: DateParts) -> str:
    """ "2013-01-05", or "2013" for a year alone (ISO 8601, as schema.org and DC read it)."""
    return "-".join(f"{n:02d}" if i else str(n) for i, n in enumerate(parts))


def given_and_family(author: Author) -> tuple[str, str]:
    """The author's given and family names (the last word of the name as a fallback)."""
    if author.family:
        return author.given, author.family
    given, _, family = author.name.rpartition(" ")
    return given, family


@cache
def _converter() -> markdown.Markdown:
    # Building a Markdown instance costs more than converting a paragraph: build it once.
    # The site's inline extensions, so that H~2~O and x^2^ lose their marks as on the page.
    return markdown.Markdown(extensions=["pymdownx.tilde", "pymdownx.caret", "pymdownx.betterem"])


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


INLINE_TAGS = frozenset((*title_markup.JATS_TAGS.values(), *title_markup.CROSSREF_TAGS.values()))
"""Elements that sit inside text (a title's <italic>, Crossref's <i>): no line breaks there."""


def _is_mixed(element: ET.Element) -> bool:
    """Whether the element holds text around its children, where whitespace would be text."""
    if element.text and element.text.strip():
        return True
    return any(
        child.tag.rpartition("}")[2] in INLINE_TAGS or (child.tail and child.tail.strip())
        for child in element
    )


def _break_lines(element: ET.Element) -> None:
    """Each element on a line of its own, not indented, except inside mixed content ("de la
    <i>science</i>" stays as written). Indentation was a tenth of a Crossref or JATS file
    (issue 19); a line per element keeps the files readable and their diffs line by line."""
    children = list(element)
    if not children or _is_mixed(element):
        return
    element.text = "\n"
    for child in children:
        _break_lines(child)
        child.tail = "\n"


def xml_text(root: ET.Element) -> str:
    """Serialise an element tree as a UTF-8 document, one element a line."""
    _break_lines(root)
    body = ET.tostring(root, encoding="unicode")
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + body + "\n"


def sub(parent: ET.Element, tag: str, text: str | None = None, **attributes: str) -> ET.Element:
    """Append a child element with optional text and attributes."""
    element = ET.SubElement(parent, tag, attributes)
    if text is not None:
        element.text = text
    return element
