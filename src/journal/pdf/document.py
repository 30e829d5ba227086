"""The data a galley or a book of abstracts is typeset from: plain JSON, read by the fixed
template `journal/data/pdf/journal.typ` (no value is ever written into Typst source)."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

from .. import title_markup, urls
from ..formatting import format_date, format_issns, format_issue_label, format_issue_line
from ..model import (
    Abstract,
    Affiliation,
    Author,
    Funding,
    Issue,
    Journal,
    License,
    Settings,
)
from .fonts import FAMILIES
from .markup import is_right_to_left, markup_for

Cite = Callable[[Journal, Abstract], list[dict[str, str]]]
"""Formats an abstract's citations (exports.citations.format_citations or a cache's)."""
COLOUR = "#1d3f72"
"""The masthead's colour when the journal sets no primary_color."""
DOCS = "docs"


def _affiliation_text(affiliation: Affiliation) -> str:
    return ", ".join(x for x in (affiliation.name, affiliation.country) if x)


def _image(root: Path, path: str) -> str | None:
    """An image inside docs/ as Typst finds it (relative to the project root), if it is there."""
    if not path or not (root / DOCS / path).is_file():
        return None
    return f"/{DOCS}/{path}"


def journal_data(
    settings: Settings, root: Path, issue_line: str, doi: str, licence: License | None
) -> dict[str, Any]:
    """The masthead: logo, title, ISSNs, issue line, DOI and licence (a galley's is its
    article's own, when it has one)."""
    return {
        "title": settings.title,
        "abbreviation": settings.abbreviation,
        "issn_line": format_issns(settings),
        "issue_line": issue_line,
        "doi": doi or None,
        "doi_url": urls.url_for_doi(doi) if doi else None,
        "logo": _image(root, settings.logo),
        "licence": {"name": licence.name, "url": licence.url} if licence else None,
        "open_access": "Open access, published under",
    }


def _people(abstract: Abstract, settings: Settings) -> dict[str, Any]:
    marks: dict[Affiliation, int] = {}
    for contributor in abstract.authors:
        for affiliation in contributor.affiliations:
            marks.setdefault(affiliation, len(marks) + 1)
    people = [c.author for c in abstract.corresponding if c.author is not None]
    return {
        "authors": [
            {
                "name": c.name,
                "marks": [marks[a] for a in c.affiliations],
                "corresponding": c.is_corresponding,
                "orcid": (c.author.orcid if c.author else "") or None,
                "orcid_url": urls.url_for_orcid(c.author.orcid)
                if c.author and c.author.orcid
                else None,
            }
            for c in abstract.authors
        ],
        "affiliations": [_affiliation_text(a) for a in marks],
        # The template prints one corresponding author: the first (each has a page button).
        "corresponding": (
            {
                "name": people[0].name,
                "email": (people[0].email if settings.pdf_email else "") or None,
            }
            if people
            else None
        ),
        "corresponding_label": "Corresponding author",
    }


def _persons(abstract: Abstract) -> list[Author]:
    """The people of an abstract (a group's members are not its authors), once each."""
    found = {c.author.id: c.author for c in abstract.authors if c.author is not None}
    return list(found.values())


def _dates(abstract: Abstract) -> list[list[str]]:
    dates = [("Received", abstract.received), ("Accepted", abstract.accepted)]
    dates.append(("Published", abstract.published))
    return [[label, format_date(date)] for label, date in dates if date]


def _funding_line(funding: Funding) -> str:
    awards = ", ".join(funding.awards)
    return f"{funding.funder}: {awards}" if awards else funding.funder


def _statements(abstract: Abstract) -> list[dict[str, Any]]:
    """The plain-language summary, funding, competing interests and data availability, each
    a heading and a markup tree (funders as plain paragraphs, never read as Markdown)."""
    funding = [{"t": "p", "c": [_funding_line(f)]} for f in abstract.funding]
    found = [
        ("Plain-language summary", markup_for(abstract.plain_summary)),
        ("Funding", funding),
        ("Competing interests", markup_for(abstract.competing_interests)),
        ("Data availability", markup_for(abstract.data_availability)),
    ]
    return [{"label": label, "body": body} for label, body in found if body]


def abstract_data(journal: Journal, abstract: Abstract, cite: Cite) -> dict[str, Any]:
    """One abstract as the template prints it (in a galley and in a book alike)."""
    conference = abstract.conference
    citation = cite(journal, abstract)
    first = abstract.first_page
    return {
        "slug": abstract.slug,
        "type": abstract.type,
        "title": title_markup.markup_tree(abstract.title),
        "title_rtl": is_right_to_left(title_markup.plain(abstract.title)),
        **_people(abstract, journal.settings),
        "dates": _dates(abstract),
        "conference": (
            ", ".join(x for x in (conference.name, conference.place, conference.dates) if x)
            if conference
            else None
        ),
        "conference_label": "Presented at",
        "keywords": list(abstract.keywords),
        "keywords_label": "Keywords",
        "body": markup_for(abstract.body),
        "biographies": [
            {
                "name": author.name,
                "degrees": author.degrees or None,
                "body": markup_for(author.bio),
            }
            for author in _persons(abstract)
            if author.bio.strip()
        ],
        "biographies_label": "About the authors",
        "statements": _statements(abstract),
        "references": [
            f"{r.text} {urls.url_for_doi(r.doi)}" if r.doi else r.text for r in abstract.references
        ],
        "references_label": "References",
        "citation": citation[0]["text"] if citation else None,
        "cite_label": "How to cite:",
        "first_page": int(first) if first.isdigit() else None,
    }


def _base(settings: Settings, kind: str, meta: dict[str, Any]) -> dict[str, Any]:
    return {
        "kind": kind,
        "lang": settings.language,
        "colour": settings.primary_color or COLOUR,
        "fonts": list(FAMILIES),
        "meta": meta,
    }


def galley_data(journal: Journal, abstract: Abstract, root: Path, cite: Cite) -> dict[str, Any]:
    """Everything a galley shows, and its PDF metadata (the DOI in the subject, which Typst
    also writes into the XMP packet as dc:description)."""
    settings = journal.settings
    line = format_issue_line(settings, abstract)
    subject = f"{abstract.type}. {settings.title}, {line}" + (
        f". doi:{abstract.doi}" if abstract.doi else ""
    )
    meta = {
        "title": title_markup.plain(abstract.title),
        "authors": [c.name for c in abstract.authors],
        "keywords": list(abstract.keywords),
        "subject": subject,
    }
    return {
        **_base(settings, "galley", meta),
        "journal": journal_data(settings, root, line, abstract.doi, abstract.licence_in(settings)),
        "abstract": abstract_data(journal, abstract, cite),
    }


def _sections(settings: Settings, issue: Issue) -> dict[str, list[Abstract]]:
    sections: dict[str, list[Abstract]] = {}
    for abstract in issue.abstracts:
        plural = settings.article_type(abstract.type).plural
        sections.setdefault(plural, []).append(abstract)
    return sections


def _conference(issue: Issue) -> list[str]:
    conference = next((a.conference for a in issue.abstracts if a.conference), None)
    if conference is None:
        return []
    return [x for x in (conference.name, conference.place, conference.dates) if x]


def book_data(journal: Journal, issue: Issue, root: Path, cite: Cite) -> dict[str, Any]:
    """Everything an issue's book of abstracts shows: cover, contents by section, every
    abstract, the author index (page numbers are found by the template)."""
    settings = journal.settings
    if issue.is_volume:  # a continuous journal: one book per volume
        line = f"{settings.abbreviation} {issue.years_label}, {issue.volume}"
        short = f"{settings.abbreviation} {issue.volume}"
    else:
        line = f"{settings.abbreviation} {issue.year}, {issue.volume}:{issue.number}"
        short = f"{settings.abbreviation} {issue.volume}:{issue.number}"
    sections = [
        {
            "name": name,
            "entries": [
                {
                    "slug": a.slug,
                    "title": title_markup.markup_tree(a.title),
                    "authors": ", ".join(c.name for c in a.authors),
                    "abstract": abstract_data(journal, a, cite),
                }
                for a in abstracts
            ],
        }
        for name, abstracts in _sections(settings, issue).items()
    ]
    in_issue: dict[str, list[str]] = {}
    for abstract in issue.abstracts:
        for contributor in abstract.authors:
            for person in contributor.people:  # a group's members are indexed by name
                in_issue.setdefault(person.id, []).append(abstract.slug)
    index = [
        {"name": a.name, "slugs": list(dict.fromkeys(in_issue[a.id]))}
        for a in journal.authors
        if a.id in in_issue
    ]
    title = issue.title or format_issue_label(issue)
    meta = {
        "title": f"Book of Abstracts: {title}",
        "authors": [entry["name"] for entry in index],
        "keywords": sorted({k for a in issue.abstracts for k in a.keywords}),
        "subject": f"{settings.title}, {line}",
    }
    return {
        **_base(settings, "book", meta),
        "journal": journal_data(settings, root, line, "", settings.license),
        "book": {
            "title": f"{short} · Book of Abstracts",
            "heading": "Book of Abstracts",
            "issue_title": issue.title or None,
            "conference": _conference(issue),
            "cover": _image(root, issue.cover),
            "contents_label": "Contents",
            "index_label": "Author index",
            "sections": sections,
            "index": index,
        },
    }
