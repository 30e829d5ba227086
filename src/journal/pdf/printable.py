"""Every character a PDF prints, checked against the PDF fonts before anything is typeset:
Typst would print a character no font has as an empty box."""

from __future__ import annotations

from collections.abc import Hashable, Iterator

from ..model import Abstract, Journal
from ..problems import Problem
from .fonts import FAMILIES, Coverage

SETTINGS = "settings"
"""Marks unprintable journal settings (then no PDF at all is made)."""
_SETTINGS_FILE = "mkdocs.yml"
_ISSUES_FILE = "issues.yml"


def _abstract_texts(abstract: Abstract) -> dict[str, str]:
    """What a PDF prints of an abstract, by the field it comes from."""
    conference = abstract.conference
    texts = {
        "title": abstract.title,
        "type": abstract.type,
        "body": abstract.body,
        "keywords": " ".join(abstract.keywords),
        "conference": " ".join((conference.name, conference.place, conference.dates))
        if conference
        else "",
        "plain_summary": abstract.plain_summary,
        "competing_interests": abstract.competing_interests,
        "data_availability": abstract.data_availability,
        "license": abstract.license.name if abstract.license else "",
    }
    for n, reference in enumerate(abstract.references, 1):
        texts[f"references[{n}]"] = reference.text
    for n, funding in enumerate(abstract.funding, 1):
        texts[f"funding[{n}]"] = " ".join((funding.funder, *funding.awards))
    for n, contributor in enumerate(abstract.authors, 1):
        author = contributor.author
        parts = [contributor.name]
        if author is not None:
            parts += [author.degrees, author.email, author.bio]
        parts += [f"{a.name} {a.country}" for a in contributor.affiliations]
        texts[f"authors[{n}]"] = " ".join(parts)
    return texts


def _texts(journal: Journal) -> Iterator[tuple[Hashable, str, str, str, str]]:
    """(what it stops, file, field, text, what is left out) for every text a PDF prints."""
    settings = journal.settings
    licence = settings.license.name if settings.license else ""
    for key, text in (
        ("title", settings.title),
        ("abbreviation", settings.abbreviation),
        ("publisher", settings.publisher),
        ("license.name", licence),
    ):
        yield SETTINGS, _SETTINGS_FILE, f"extra.journal.{key}", text, "no PDF is made"
    for issue in journal.issues:
        noun = "volume" if issue.is_volume else "issue"
        where = f"{noun} {issue.volume}" + ("" if issue.is_volume else f"/{issue.number}")
        left_out = f"this {noun} gets no book of abstracts"
        yield issue.key, _ISSUES_FILE, f"{where}: title", issue.title, left_out
    for abstract in journal.abstracts:
        left_out = "this abstract gets no PDF and its issue no book of abstracts"
        for key, text in _abstract_texts(abstract).items():
            yield abstract.slug, abstract.source or abstract.slug, key, text, left_out


def check_printable(journal: Journal, fonts: Coverage) -> tuple[list[Problem], set[Hashable]]:
    """A problem for every character no PDF font has, and what gets no PDF for it:
    abstracts' slugs, issues' keys, or SETTINGS."""
    problems: list[Problem] = []
    unprintable: set[Hashable] = set()
    for stops, path, field, text, left_out in _texts(journal):
        for missing in fonts.missing(text):
            unprintable.add(stops)
            message = (
                f"the character {missing.describe()} is in none of the PDF fonts "
                f"({', '.join(FAMILIES)}), so {left_out}. Replace the character, or ask the "
                f"journal's developers to add a font for {missing.script}."
            )
            problems.append(Problem(path=path, line=1, field=field, message=message))
    return problems, unprintable
