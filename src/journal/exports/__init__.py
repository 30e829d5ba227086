"""Machine-readable files built from the journal: one module per format, each a pure function.

`build_exports` names every file the site offers (src_uri → a function making its text, so a
host writes one file at a time instead of holding them all), plus notes for editors.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import partial

from .. import urls
from ..formatting import format_issue_label
from ..model import Journal
from .atom import export_atom
from .bibtex import export_bibtex
from .crossref import deposited, export_crossref
from .csl import export_csl
from .doaj import export_doaj
from .jats import export_jats
from .ris import export_ris
from .robots import export_robots

Files = list[tuple[str, Callable[[], str]]]

ABSTRACT_FILES = ("bib", "ris", "json", "jats.xml")
ISSUE_FILES = ("citations.bib", "citations.ris", "citations.json", "crossref.xml", "doaj.xml")


def build_exports(journal: Journal, epoch: int | None = None) -> tuple[Files, list[str]]:
    """Every export file (src_uri, text maker), and notes on what was left out and why.

    `epoch` is SOURCE_DATE_EPOCH, the Crossref timestamp (else the issue's date).
    """
    files: Files = []
    notes: list[str] = []
    for issue in journal.issues:
        v, n = issue.volume, issue.number
        for abstract in issue.abstracts:
            slug = abstract.slug
            files += [
                (
                    urls.src_for_abstract_file(slug, "bib"),
                    partial(export_bibtex, journal, [abstract]),
                ),
                (urls.src_for_abstract_file(slug, "ris"), partial(export_ris, journal, [abstract])),
                (
                    urls.src_for_abstract_file(slug, "json"),
                    partial(export_csl, journal, [abstract]),
                ),
                (
                    urls.src_for_abstract_file(slug, "jats.xml"),
                    partial(export_jats, journal, abstract),
                ),
            ]
        files += [
            (
                urls.src_for_issue_file(v, n, "citations.bib"),
                partial(export_bibtex, journal, issue.abstracts),
            ),
            (
                urls.src_for_issue_file(v, n, "citations.ris"),
                partial(export_ris, journal, issue.abstracts),
            ),
            (
                urls.src_for_issue_file(v, n, "citations.json"),
                partial(export_csl, journal, issue.abstracts),
            ),
            (urls.src_for_issue_file(v, n, "doaj.xml"), partial(export_doaj, journal, issue)),
        ]
        missing = [a.source or a.slug for a in issue.abstracts if not a.doi]
        if missing:
            notes.append(
                f"Crossref: {format_issue_label(issue)}: left out "
                f"{len(missing)} abstract(s) without a DOI: {', '.join(missing)}"
            )
        if deposited(issue):
            files.append(
                (
                    urls.src_for_issue_file(v, n, "crossref.xml"),
                    partial(export_crossref, journal, issue, epoch),
                )
            )
    files += [
        (urls.FEED, partial(export_atom, journal)),
        (urls.ROBOTS, partial(export_robots, journal)),
    ]
    return files, notes


def export_texts(journal: Journal, epoch: int | None = None) -> dict[str, str]:
    """Every export file's text by src_uri (for tests and other hosts)."""
    files, _ = build_exports(journal, epoch)
    return {name: make() for name, make in files}


def has_crossref(journal: Journal, volume: int, number: int) -> bool:
    """Whether the issue gets a Crossref file (some abstract has a DOI)."""
    return any(deposited(i) for i in journal.issues if i.key == (volume, number))


__all__ = ["ABSTRACT_FILES", "ISSUE_FILES", "build_exports", "export_texts", "has_crossref"]
