"""Machine-readable files built from the journal: one module per format, each a pure function.

`build_exports` names every file the site offers (src_uri, a function making its text, so a
host writes one file at a time instead of holding them all, and what the text is made from,
for the output cache), plus notes for editors.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from functools import partial
from typing import Any

from .. import urls
from ..formatting import format_issue_label
from ..model import Journal
from .atom import export_atom
from .bibtex import export_bibtex
from .crossref import deposited, export_crossref
from .csl import export_csl
from .doaj import export_doaj
from .jats import export_jats
from .output_cache import issue_facts
from .ris import export_ris
from .robots import export_robots


@dataclass(frozen=True, slots=True)
class ExportFile:
    """One export file: where it goes, how its text is made, and what it is made from."""

    src_uri: str
    make: Callable[[], str]
    key: tuple[Any, ...] | None = None
    """(kind, *parts): the output cache stores the text under a hash of these (None: made
    every build)."""


ABSTRACT_FILES = ("bib", "ris", "json", "jats.xml")
ISSUE_FILES = ("citations.bib", "citations.ris", "citations.json", "crossref.xml", "doaj.xml")


def build_exports(journal: Journal, epoch: int | None = None) -> tuple[list[ExportFile], list[str]]:
    """Every export file, and notes on what was left out and why.

    `epoch` is SOURCE_DATE_EPOCH, the Crossref timestamp (else the issue's date).
    """
    files: list[ExportFile] = []
    notes: list[str] = []
    for issue in journal.issues:
        v, n = issue.volume, issue.number
        facts = issue_facts(issue)
        for abstract in issue.abstracts:
            slug = abstract.slug
            makers: list[tuple[str, Callable[[], str]]] = [
                ("bib", partial(export_bibtex, journal, [abstract])),
                ("ris", partial(export_ris, journal, [abstract])),
                ("json", partial(export_csl, journal, [abstract])),
                ("jats.xml", partial(export_jats, journal, abstract)),
            ]
            files += [
                ExportFile(urls.src_for_abstract_file(slug, kind), make, (kind, facts, abstract))
                for kind, make in makers
            ]
        issue_makers: list[tuple[str, Callable[[], str]]] = [
            ("citations.bib", partial(export_bibtex, journal, issue.abstracts)),
            ("citations.ris", partial(export_ris, journal, issue.abstracts)),
            ("citations.json", partial(export_csl, journal, issue.abstracts)),
            ("doaj.xml", partial(export_doaj, journal, issue)),
        ]
        missing = [a.source or a.slug for a in issue.abstracts if not a.doi]
        if missing:
            notes.append(
                f"Crossref: {format_issue_label(issue)}: left out "
                f"{len(missing)} abstract(s) without a DOI: {', '.join(missing)}"
            )
        if deposited(issue):
            issue_makers.append(("crossref.xml", partial(export_crossref, journal, issue, epoch)))
        files += [
            ExportFile(urls.src_for_issue_file(v, n, kind), make, (kind, issue, epoch))
            for kind, make in issue_makers
        ]
    files += [
        ExportFile(urls.FEED, partial(export_atom, journal)),
        ExportFile(urls.ROBOTS, partial(export_robots, journal)),
    ]
    return files, notes


def export_texts(journal: Journal, epoch: int | None = None) -> dict[str, str]:
    """Every export file's text by src_uri (for tests and other hosts)."""
    files, _ = build_exports(journal, epoch)
    return {file.src_uri: file.make() for file in files}


def has_crossref(journal: Journal, volume: int, number: int) -> bool:
    """Whether the issue gets a Crossref file (some abstract has a DOI)."""
    return any(deposited(i) for i in journal.issues if i.key == (volume, number))


__all__ = [
    "ABSTRACT_FILES",
    "ISSUE_FILES",
    "ExportFile",
    "build_exports",
    "export_texts",
    "has_crossref",
]
