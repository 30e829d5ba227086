"""Machine-readable files built from the journal: one module per format, each a pure function.

`build_exports` names every file the site offers (src_uri, and what its text is made from, so
a host makes and writes one file at a time instead of holding them all, and the output cache
can key it), plus notes for editors.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from .. import urls
from ..formatting import format_issue_label
from ..model import Abstract, Issue, Journal
from .atom import export_atom
from .bibtex import export_bibtex
from .crossref import deposited, export_crossref
from .csl import export_csl
from .doaj import export_doaj
from .jats import NO_ISSN_NOTE, export_jats, has_jats
from .output_cache import OutputCache
from .ris import export_ris
from .robots import export_robots


@dataclass(frozen=True, slots=True)
class ExportFile:
    """One export file: where it goes and what it is made from (a journal has tens of
    thousands, so each holds references only; the text is made when asked)."""

    src_uri: str
    kind: str
    """The file's kind: an ABSTRACT_FILES or ISSUE_FILES suffix, "feed" or "robots"."""
    journal: Journal
    issue: Issue | None = None
    abstract: Abstract | None = None
    epoch: int | None = None

    def make(self) -> str:
        """The file's text."""
        return _MAKERS[self.kind](self)

    def cache_key(self, outputs: OutputCache) -> str | None:
        """Its name in the output cache: an abstract's file is keyed like its page head, an
        issue's file by the whole issue. None: made every build (the feed, which lists the
        newest abstracts of all issues, and robots.txt)."""
        if self.issue is None:
            return None
        if self.abstract is not None:
            return outputs.key_for_abstract(self.kind, self.issue, self.abstract)
        return outputs.key(self.kind, self.issue, self.epoch)


def _abstract(file: ExportFile) -> list[Abstract]:
    assert file.abstract is not None
    return [file.abstract]


def _issue(file: ExportFile) -> Issue:
    assert file.issue is not None
    return file.issue


_MAKERS: dict[str, Callable[[ExportFile], str]] = {
    "bib": lambda f: export_bibtex(f.journal, _abstract(f)),
    "ris": lambda f: export_ris(f.journal, _abstract(f)),
    "json": lambda f: export_csl(f.journal, _abstract(f)),
    "jats.xml": lambda f: export_jats(f.journal, _abstract(f)[0]),
    "citations.bib": lambda f: export_bibtex(f.journal, _issue(f).abstracts),
    "citations.ris": lambda f: export_ris(f.journal, _issue(f).abstracts),
    "crossref.xml": lambda f: export_crossref(f.journal, _issue(f), f.epoch),
    "doaj.xml": lambda f: export_doaj(f.journal, _issue(f)),
    "feed": lambda f: export_atom(f.journal),
    "robots": lambda f: export_robots(f.journal),
}
"""Each kind of file and the exporter that makes it."""
ABSTRACT_FILES = ("bib", "ris", "json", "jats.xml")
ISSUE_FILES = ("citations.bib", "citations.ris", "crossref.xml", "doaj.xml")
"""An issue's files: its citations in the formats reference managers import a whole issue
from (Zotero, EndNote, Mendeley and JabRef read BibTeX or RIS), its Crossref deposit and its
DOAJ upload. No CSL-JSON of the whole issue: each abstract has its own, and what reads
CSL-JSON (citeproc, pandoc, Zotero) reads BibTeX too (issue 19)."""


def build_exports(journal: Journal, epoch: int | None = None) -> tuple[list[ExportFile], list[str]]:
    """Every export file, and notes on what was left out and why.

    `epoch` is SOURCE_DATE_EPOCH, the Crossref timestamp (else the issue's date).
    """
    files: list[ExportFile] = []
    jats = has_jats(journal.settings)
    notes: list[str] = [] if jats else [NO_ISSN_NOTE]
    kinds_of_abstract = [k for k in ABSTRACT_FILES if jats or k != "jats.xml"]
    for issue in journal.issues:
        v, n = issue.volume, issue.number
        for abstract in issue.abstracts:
            files += [
                ExportFile(
                    urls.src_for_abstract_file(abstract.slug, kind), kind, journal, issue, abstract
                )
                for kind in kinds_of_abstract
            ]
        missing = [a.source or a.slug for a in issue.abstracts if not a.doi]
        if missing:
            notes.append(
                f"Crossref: {format_issue_label(issue)}: left out "
                f"{len(missing)} abstract(s) without a DOI: {', '.join(missing)}"
            )
        notices = [a.source or a.slug for a in deposited(issue) if a.updates]
        if notices and not journal.settings.crossmark_policy:
            notes.append(
                f"Crossref: {format_issue_label(issue)}: what {', '.join(notices)} "
                "correct(s) or retract(s) is not deposited: Crossref takes updates through "
                "Crossmark. Set crossmark_policy (your Crossmark policy page's DOI) under "
                "extra.journal in mkdocs.yml."
            )
        kinds = [k for k in ISSUE_FILES if k != "crossref.xml" or deposited(issue)]
        files += [
            ExportFile(urls.src_for_issue_file(v, n, kind), kind, journal, issue, epoch=epoch)
            for kind in kinds
        ]
    files += [
        ExportFile(urls.FEED, "feed", journal),
        ExportFile(urls.ROBOTS, "robots", journal),
    ]
    return files, notes


def export_texts(journal: Journal, epoch: int | None = None) -> dict[str, str]:
    """Every export file's text by src_uri (for tests and other hosts)."""
    files, _ = build_exports(journal, epoch)
    return {file.src_uri: file.make() for file in files}


def has_crossref(journal: Journal, volume: int, number: int | None) -> bool:
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
