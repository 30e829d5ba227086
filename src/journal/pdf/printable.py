"""Every character a PDF prints, checked against the PDF fonts before anything is typeset:
Typst would print a character no font has as an empty box."""

from __future__ import annotations

from collections.abc import Hashable, Iterator, Mapping

from .. import title_markup
from ..loading import RawEntry
from ..model import Abstract, Journal
from ..problems import Problem
from .fonts import FAMILIES, Coverage, Missing

SETTINGS = "settings"
"""Marks unprintable journal settings (then no PDF at all is made)."""
_SETTINGS_FILE = "mkdocs.yml"
_ISSUES_FILE = "issues.yml"


def _abstract_texts(abstract: Abstract) -> dict[str, str]:
    """What a PDF prints of an abstract, by the field it comes from."""
    conference = abstract.conference
    texts = {
        "title": title_markup.plain(abstract.title),
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


def _line(entry: RawEntry | None, field: str) -> int:
    """The line of the field in its file (the body's first line for the text)."""
    if entry is None:
        return 1
    return entry.body_line if field == "body" else entry.line_of(field)


def _texts(
    journal: Journal, entries: Mapping[str, RawEntry]
) -> Iterator[tuple[Hashable, str, int, str, str, str]]:
    """(what it stops, file, line, field, text, what is left out) for every text a PDF
    prints."""
    settings = journal.settings
    licence = settings.license.name if settings.license else ""
    for key, text in (
        ("title", settings.title),
        ("abbreviation", settings.abbreviation),
        ("publisher", settings.publisher),
        ("license.name", licence),
    ):
        yield SETTINGS, _SETTINGS_FILE, 1, f"extra.journal.{key}", text, "no PDF is made"
    for issue in journal.issues:
        noun = "volume" if issue.is_volume else "issue"
        where = f"{noun} {issue.volume}" + ("" if issue.is_volume else f"/{issue.number}")
        left_out = f"this {noun} gets no book of abstracts"
        yield issue.key, _ISSUES_FILE, 1, f"{where}: title", issue.title, left_out
    noun = "volume" if journal.settings.continuous else "issue"
    for abstract in journal.abstracts:
        left_out = f"this abstract gets no PDF and its {noun} no book of abstracts"
        path = abstract.source or abstract.slug
        entry = entries.get(path)
        for key, text in _abstract_texts(abstract).items():
            yield abstract.slug, path, _line(entry, key), key, text, left_out


def check_printable(
    journal: Journal, fonts: Coverage, entries: Mapping[str, RawEntry] | None = None
) -> tuple[list[Problem], set[Hashable]]:
    """A problem for every character no PDF font has, and what gets no PDF for it:
    abstracts' slugs, issues' keys, or SETTINGS. `entries` (the files by path) give each
    problem its line."""
    problems: list[Problem] = []
    unprintable: set[Hashable] = set()
    for stops, path, line, field, text, left_out in _texts(journal, entries or {}):
        by_script: dict[str, list[Missing]] = {}
        for missing in fonts.missing(text):
            by_script.setdefault(missing.script, []).append(missing)
        for script, found in by_script.items():  # one problem per script: a word has many
            unprintable.add(stops)
            more = len(found) - 1
            also = f" (and {more} other character{'s' * (more > 1)} of {script})" if more else ""
            message = (
                f"the character {found[0].describe()}{also} has no font in the PDFs "
                f"({', '.join(FAMILIES)}), so {left_out}. Replace the character, or ask the "
                f"journal's developers to add a font for {script}."
            )
            problems.append(Problem(path=path, line=line, field=field, message=message))
    return problems, unprintable
