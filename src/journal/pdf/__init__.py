"""PDF galleys (one per abstract) and books of abstracts (one per issue), set with Typst.

`build_pdfs` names every PDF the site gets, and reports the abstracts whose characters the
PDF fonts cannot print (those get no PDF, nor does their issue's book: never an empty box).
Each PDF is made when it is written, from the output cache when it is there.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path

from .. import urls
from ..exports.common import issue_date
from ..exports.output_cache import OutputCache
from ..loading import RawEntry
from ..model import Abstract, Issue, Journal
from ..problems import Problem
from .document import Cite, book_data, galley_data
from .fonts import Coverage, coverage, fonts_fingerprint
from .printable import SETTINGS, check_printable
from .typeset import TypesetError, Typesetter, timestamp, typesetter_fingerprint

BOOK = "book.pdf"
ISSUES_FILE = "issues.yml"


@dataclass(frozen=True, slots=True)
class PdfFile:
    """One PDF of the site: where it goes and what it is made from."""

    src_uri: str
    journal: Journal
    issue: Issue
    abstract: Abstract | None = None
    """None: the issue's book of abstracts."""


@dataclass(slots=True)
class PdfMaker:
    """Makes the PDFs of one build: one Typst compiler, the output cache, the citations."""

    root: Path
    outputs: OutputCache
    cite: Cite
    _typesetter: Typesetter | None = None
    _stamps: dict[str, tuple[str, int, int] | None] = field(default_factory=dict)

    def _stamp(self, path: str) -> tuple[str, int, int] | None:
        """An image's stamp, looked up once per build (every galley shows the logo)."""
        if path not in self._stamps:
            self._stamps[path] = _stamp(self.root, path)
        return self._stamps[path]

    def key(self, file: PdfFile) -> str:
        """The PDF's name in the output cache: an abstract's galley keyed like its other
        outputs, a book by its whole issue; both by the fonts, Typst and the template."""
        kind = f"pdf;{fonts_fingerprint()};{typesetter_fingerprint()}"
        images = [self._stamp(file.journal.settings.logo), self._stamp(file.issue.cover)]
        if file.abstract is not None:
            return self.outputs.key_for_abstract(kind + repr(images), file.issue, file.abstract)
        return self.outputs.key("book;" + kind, file.issue, repr(images))

    def make(self, file: PdfFile) -> bytes:
        if self._typesetter is None:
            self._typesetter = Typesetter(self.root)
        if file.abstract is not None:
            data = galley_data(file.journal, file.abstract, self.root, self.cite)
            when = timestamp(file.abstract.published)
        else:
            data = book_data(file.journal, file.issue, self.root, self.cite)
            when = timestamp(issue_date(file.issue))
        return self._typesetter.pdf(data, when)

    def write(self, file: PdfFile, destination: Path) -> Problem | None:
        """Write the PDF into the site; a problem for editors when Typst failed."""
        try:
            self.outputs.write_bytes(self.key(file), lambda: self.make(file), destination)
        except TypesetError as error:
            abstract = file.abstract
            what = "PDF" if abstract else "book of abstracts"
            noun = "volume" if file.issue.is_volume else "issue"
            return Problem(
                path=abstract.source or abstract.slug if abstract else ISSUES_FILE,
                line=1,
                field="pdf" if abstract else _which(file.issue),
                message=f"Typst could not make the {what}: {error}. Check the images it "
                f"shows (the logo, the {noun}'s cover) and build again.",
            )
        return None


def _which(issue: Issue) -> str:
    """ "issue 6/3", or "volume 13" in a continuous journal."""
    return f"volume {issue.volume}" if issue.is_volume else f"issue {issue.volume}/{issue.number}"


def _stamp(root: Path, path: str) -> tuple[str, int, int] | None:
    """An image's path, size and modification time (an edited logo makes the PDFs again)."""
    if not path:
        return None
    try:
        found = (root / "docs" / path).stat()
    except OSError:
        return None
    return (path, found.st_size, found.st_mtime_ns)


def build_pdfs(
    journal: Journal, fonts: Coverage, entries: Mapping[str, RawEntry]
) -> tuple[list[PdfFile], list[Problem]]:
    """Every PDF the site gets (none when `pdf: false`), and the characters no font has.

    An abstract with a PDF of its own beside its file keeps that one (site.py copies it).
    """
    if not journal.settings.pdf:
        return [], []
    problems, unprintable = check_printable(journal, fonts, entries)
    if SETTINGS in unprintable:
        return [], problems
    files: list[PdfFile] = []
    for issue in journal.issues:
        files += [
            PdfFile(urls.src_for_abstract_file(a.slug, "pdf"), journal, issue, a)
            for a in issue.abstracts
            if not a.pdf and a.slug not in unprintable
        ]
        if issue.key not in unprintable and not any(a.slug in unprintable for a in issue.abstracts):
            files.append(
                PdfFile(urls.src_for_issue_file(issue.volume, issue.number, BOOK), journal, issue)
            )
    return files, problems


__all__ = ["BOOK", "PdfFile", "PdfMaker", "build_pdfs", "check_printable", "coverage"]
