"""Turn model values into the text readers see: dates, names, issue lines, counts.

No HTML here: templates escape what these return.
"""

from __future__ import annotations

import base64
import datetime
from collections.abc import Iterable

from slugify import slugify

from .model import Abstract, Author, Issue, Settings

MONTHS = (
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
)


def format_date(date: datetime.date | None) -> str:
    """E.g. "20 June 2017"; the same on every machine, whatever its locale."""
    return f"{date.day} {MONTHS[date.month - 1]} {date.year}" if date else ""


def format_issue_line(settings: Settings, abstract: Abstract) -> str:
    """The short citation, e.g. "J Clin Exp Oncol 2017, 6:3" (continuous: "eLife 2024, 13")."""
    if abstract.issue is None:
        return f"{settings.abbreviation} {abstract.year}, {abstract.volume}"
    return f"{settings.abbreviation} {abstract.year}, {abstract.volume}:{abstract.issue}"


def format_citation_line(settings: Settings, abstract: Abstract) -> str:
    """The journal-style short citation, e.g. "J Clin Exp Oncol 2017;6(3):21" (first page, or
    the article number; none when it has neither)."""
    return f"{settings.abbreviation} {format_issue_citation(abstract)}"


def format_issue_citation(abstract: Abstract) -> str:
    """The short citation after the journal's abbreviation, e.g. "2017;6(3):21"."""
    where = abstract.pages.split("-")[0] if abstract.pages else abstract.article_number
    line = f"{abstract.year};{abstract.volume}"
    if abstract.issue is not None:  # a continuous journal's articles have none
        line += f"({abstract.issue})"
    return f"{line}:{where}" if where else line


def format_volume_issue(volume: object, issue: object | None, *, capital: bool = False) -> str:
    """ "volume 6, issue 3", or "volume 13" for a continuous journal's volume (no issue);
    `capital`: "Volume 6, Issue 3", as headings write it."""
    noun_volume, noun_issue = ("Volume", "Issue") if capital else ("volume", "issue")
    if issue is None:
        return f"{noun_volume} {volume}"
    return f"{noun_volume} {volume}, {noun_issue} {issue}"


def format_issue_label(issue: Issue) -> str:
    """E.g. "Volume 6, Issue 3 (2017)"; a continuous journal's volume: "Volume 13
    (2024-2025)" (an en dash)."""
    which = format_volume_issue(
        issue.volume, None if issue.is_volume else issue.number, capital=True
    )
    return f"{which} ({issue.years_label if issue.is_volume else issue.year})"


def format_pages(abstract: Abstract) -> str:
    if abstract.pages:
        return ("pp. " if "-" in abstract.pages else "p. ") + abstract.pages.replace("-", "\u2013")
    return f"Article {abstract.article_number}" if abstract.article_number else ""


def format_issns(settings: Settings) -> str:
    """E.g. "ISSN: 2324-9110" or "ISSN 1234-5679 (Print), 2324-9110 (Online)"."""
    if settings.issn_print and settings.issn_online:
        return f"ISSN {settings.issn_print} (Print), {settings.issn_online} (Online)"
    return f"ISSN: {settings.issn_print or settings.issn_online}" if settings.issns else ""


def format_name_list(names_given: Iterable[str]) -> str:
    """The names as one phrase: "A", "A and B", "A, B and C"."""
    names = list(names_given)
    if len(names) <= 2:
        return " and ".join(names)
    return ", ".join(names[:-1]) + " and " + names[-1]


def format_count(count: int, noun: str) -> str:
    """ "1 article", "12 articles"."""
    return f"{count:,} {noun}{'' if count == 1 else 's'}"


def author_sort_key(author: Author) -> tuple[str, str]:
    """A-Z by family name, transliterated, so "Łukasiewicz" files under L."""
    return slugify(author.family or author.name.rsplit(" ", 1)[-1]), slugify(author.name)


def initial_of(author: Author) -> str:
    """The A-Z index letter of an author: the family name's first letter, transliterated."""
    letter = slugify(author.family or author.name.rsplit(" ", 1)[-1])[:1].upper()
    return letter if letter.isalpha() else "#"


def encode_email(address: str) -> str:
    """Hide an address from harvesters: reversed, then base64 (decoded by journal.js)."""
    return base64.b64encode(address[::-1].encode("utf-8")).decode("ascii")
