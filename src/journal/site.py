"""Load → validate → assemble → pages: everything a host needs to build the site."""

from __future__ import annotations

import datetime
from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from functools import partial
from pathlib import Path
from typing import Any

from . import urls
from .assets import Scan
from .cache_folder import trusted_cache_dir
from .exports import ExportFile, build_exports
from .exports.cached_markup import is_abstract_head, is_page_body, is_sanitized
from .exports.citation_cache import CitationCache
from .exports.head import head_for_abstract
from .exports.output_cache import OutputCache
from .exports.parallel import make_heads, run_all
from .loading import (
    publishes_continuously,
)
from .model import Abstract, Issue, Journal
from .page_bodies import BIOGRAPHY, BODY, is_self_contained
from .pages import PageSpec, Render, build_nav, build_pages, context_for_home, context_for_site
from .pdf import PdfFile, PdfMaker, build_pdfs, coverage
from .pdf.typeset import TypesetError
from .problems import Problem
from .reading import AUTHORS, DOCS, load_journal, preview_scope, scan_journal
from .reading import ISSUES_FILE as ISSUES_FILE  # the names the build's callers read here
from .reading import build_date as build_date
from .reading import check_fonts as check_fonts
from .reading import is_preview as is_preview
from .reading import source_date_epoch as source_date_epoch
from .search_index import SearchCard


class Views(Mapping[str, Mapping[str, Any]]):
    """Page src_uri → its view model, made on each lookup and not kept (see PageSpec.context)."""

    def __init__(self, makers: dict[str, Callable[[], Mapping[str, Any]]]) -> None:
        self._makers = makers

    def __getitem__(self, src_uri: str) -> Mapping[str, Any]:
        return self._makers[src_uri]()

    def __iter__(self) -> Iterator[str]:
        return iter(self._makers)

    def __len__(self) -> int:
        return len(self._makers)


@dataclass(slots=True, kw_only=True)
class SiteData:
    """The result of one build's content pass."""

    journal: Journal | None
    problems: list[Problem]
    pages: list[PageSpec] = field(default_factory=list)
    contexts: Mapping[str, Mapping[str, Any]] = field(default_factory=dict)
    """Page src_uri → the view model its template shows (generated pages and the home)."""
    citations: CitationCache = field(default_factory=lambda: CitationCache.open(None))
    outputs: OutputCache = field(default_factory=lambda: OutputCache(None))
    complete: bool = True
    """False for a partial preview (JOURNAL_ONLY_ISSUES): the caches keep what it left out."""
    site: Mapping[str, Any] = field(default_factory=dict)
    """What every page shows (banner, partner strip, footer)."""
    static_files: list[tuple[str, Path]] = field(default_factory=list)
    """(src_uri, file on disk) of files copied as they are, e.g. author photos."""
    nav: list[dict[str, str] | str] = field(default_factory=list)
    exports: list[ExportFile] = field(default_factory=list)
    """The machine-readable files: citations, Crossref, DOAJ, JATS, the feed (write them
    with `write_exports` once the pages are written; it uses the output cache)."""
    pdfs: list[PdfFile] = field(default_factory=list)
    """The PDF galleys and books of abstracts (written with the exports)."""
    pdf_maker: PdfMaker | None = None
    pdf_failures: list[Problem] = field(default_factory=list)
    """PDFs Typst could not make, for editors (filled by `write_exports`)."""
    notes: list[str] = field(default_factory=list)
    """Information for editors that is no problem, e.g. abstracts left out of Crossref
    because they have no DOI (logged at INFO level, so `--strict` builds still pass)."""
    scan: Scan = field(default_factory=Scan)
    """What the scan of the content folders refused: never copied into the site."""
    renderer: str | None = None
    """The host's Markdown settings (page_bodies.renderer_fingerprint); None: rendered
    bodies are not kept between builds."""

    def page_body(self, markdown: str, render: Callable[[], Any]) -> Any | None:
        """A generated page's rendered body (JSON data the host made with `render`), kept
        between builds when it is self-contained; None: the host renders it as usual."""
        if self.renderer is None or not is_self_contained(markdown):
            return None
        key = self.outputs.text_key(BODY, self.renderer, markdown)
        return self.outputs.data(key, render, is_page_body)

    def render_bodies(self, pages: Sequence[tuple[str, Callable[[], Any]]]) -> None:
        """Render in worker processes (`parallel.run_all`) the kept page bodies the cache
        lacks, each (Markdown, the host's render of it), and store them as `page_body` would,
        so that the host then finds each in the cache: a cold build's Markdown on every
        core. Nothing happens without a cache folder, for a few pages, or where no pool is
        made (`mkdocs serve`, one core): `page_body` renders them as they come."""
        if self.renderer is None or self.outputs.folder is None:
            return
        missing: dict[str, Callable[[], Any]] = {}
        for markdown, render in pages:
            if is_self_contained(markdown):
                key = self.outputs.text_key(BODY, self.renderer, markdown)
                if key not in missing and not self.outputs.has(key):
                    missing[key] = render
        keys = list(missing)

        def keep(index: int, body: Any) -> None:
            self.outputs.data(keys[index], lambda: body, is_page_body)

        run_all(list(missing.values()), keep)

    def save_caches(self) -> None:
        """Keep what this build formatted for the next (call when the pages are written)."""
        if not self.complete or self.journal is None:
            return  # a partial preview keeps what the issues it left out need
        self.citations.save(len(self.journal.abstracts))
        self.outputs.prune()

    def write_exports(self, site_dir: Path) -> None:
        """Write every export file into the built site (one at a time: none is kept). The
        files the cache lacks are made by worker processes first (`parallel.run_all`)."""
        done = self._write_missing(site_dir)
        for export in self.exports:
            if export.src_uri not in done:
                self.write_export(export, site_dir / export.src_uri)
        if self.pdf_maker is not None:
            for pdf in self.pdfs:
                if pdf.src_uri in done:
                    continue
                failure = self.pdf_maker.write(pdf, site_dir / pdf.src_uri)
                if failure:
                    self.pdf_failures.append(failure)

    def _write_missing(self, site_dir: Path) -> set[str]:
        """Make the export files and PDFs the output cache lacks in worker processes and
        write them (stored as the build would); the src_uris written. A PDF Typst failed
        on is left to `write_exports`, which reports it."""
        outputs, maker = self.outputs, self.pdf_maker
        jobs: list[tuple[str, str, Callable[[], bytes | None]]] = []
        for export in self.exports:
            key = export.cache_key(outputs)
            if key is not None and not outputs.has(key):
                jobs.append((export.src_uri, key, partial(_encoded, export)))
        if maker is not None:
            for pdf in self.pdfs:
                key = maker.key(pdf)
                if not outputs.has(key):
                    jobs.append((pdf.src_uri, key, partial(_typeset, maker, pdf)))
        done: set[str] = set()

        def keep(index: int, data: bytes | None) -> None:
            src_uri, key, _ = jobs[index]
            if data is not None:
                outputs.write_bytes(key, lambda: data, site_dir / src_uri)
                done.add(src_uri)

        run_all([job for _, _, job in jobs], keep, chunk=32)
        return done

    def write_export(self, export: ExportFile, destination: Path) -> None:
        """Write an export file to the site, copied from the output cache when it has it."""
        self.outputs.write(export.cache_key(self.outputs), export.make, destination)

    def is_refused(self, folder: str, src_uri: str) -> bool:
        """Whether a file the host would copy into the site is refused: a symbolic link, an
        unsafe SVG, a script file or an abstract in docs/ (assets.py). `folder` is the
        host's folder of the file relative to the project (e.g. "docs"), `src_uri` the
        file's path inside it."""
        parts = Path(folder).as_posix().split("/")
        if ".." in parts or Path(folder).is_absolute():
            return False  # the theme's own files, outside the project
        return self.scan.is_refused("/".join([p for p in parts if p not in ("", ".")] + [src_uri]))

    @property
    def search_cards(self) -> dict[str, SearchCard]:
        """Location in the search index (the page's URL) → what its result shows."""
        return {
            urls.url_for(spec.src_uri): spec.search_card
            for spec in self.pages
            if spec.search_card is not None
        }

    @property
    def search_journal(self) -> str:
        """The abbreviation the search results' citations start with."""
        return self.journal.settings.abbreviation if self.journal is not None else ""

    @property
    def errors(self) -> list[Problem]:
        return [p for p in self.problems if p.is_error]

    @property
    def left_out(self) -> list[str]:
        """Abstract and author files with errors that are not on the site.

        (Some errors, such as overlapping pages, are reported but the abstract stays.)
        """
        journal = self.journal
        kept = (
            {a.source for a in journal.abstracts} | {a.source for a in journal.authors}
            if journal
            else set()
        )
        return sorted({p.path for p in self.errors if p.path.endswith(".md")} - kept)

    @property
    def warnings(self) -> list[Problem]:
        return [p for p in self.problems if p.severity == "warning"]


def _encoded(export: ExportFile) -> bytes:
    return export.make().encode("utf-8")


def _typeset(maker: PdfMaker, pdf: PdfFile) -> bytes | None:
    """The PDF's bytes; None when Typst fails (the build makes it again to report why)."""
    try:
        return maker.make(pdf)
    except TypesetError:
        return None


def _kept(outputs: OutputCache, renderer: str, render: Render) -> Render:
    """`render`, with its HTML kept in the output cache between builds."""

    def kept(text: str) -> str:
        key = outputs.text_key(BIOGRAPHY, renderer, text)
        return outputs.text(key, partial(render, text), is_sanitized)

    return kept


def _heads_in_pool(
    journal: Journal, outputs: OutputCache, citations: CitationCache
) -> dict[str, Mapping[str, Any]]:
    """Make the page heads the cache lacks in worker processes (`parallel`): stored in the
    cache as they come when there is one (the pages read them back), else returned by key."""
    missing: dict[str, Abstract] = {}
    for issue in journal.issues:
        for abstract in issue.abstracts:
            key = outputs.key_for_abstract("head", issue, abstract)
            if not outputs.has(key):
                missing[key] = abstract
    keys = list(missing)
    ready: dict[str, Mapping[str, Any]] = {}
    citations.prepare(journal, list(missing.values()))

    def keep(index: int, head: dict[str, Any]) -> None:
        if outputs.folder is None:
            ready[keys[index]] = head
        else:
            outputs.data(keys[index], lambda: head, is_abstract_head)

    if make_heads(journal, list(missing.values()), citations.cite, keep):
        for abstract in missing.values():
            citations.mark_used(journal, abstract)
    return ready


def build_site_data(
    root: Path,
    config_file: Path,
    extra_journal: Any,
    render: Render,
    *,
    site_url: str | None = None,
    docs_pages: Sequence[str] = (),
    renderer: str | None = None,
    today: datetime.date | None = None,
    preview: bool | None = None,
) -> SiteData:
    """Everything the host adds to the site, built from the files that passed the checks.

    Files with errors are left out (and named in `problems`); only broken settings stop
    the whole site. `renderer` is the host's Markdown settings
    (page_bodies.renderer_fingerprint): given, rendered biographies and page bodies are kept
    in the output cache (see `SiteData.page_body`). A cache folder git tracks is never
    read: everything is made afresh and the problem reported (`trusted_cache_dir`).
    """
    scan = scan_journal(root, publishes_continuously(extra_journal))
    folder, refused = trusted_cache_dir(root)
    journal, problems, entries = load_journal(
        root,
        config_file,
        extra_journal,
        site_url=site_url,
        today=today,
        preview=preview,
        scan=scan,
        check_cache=False,
        slim_entries=True,
    )
    problems = refused + problems
    if journal is None:
        return SiteData(journal=None, problems=problems, scan=scan)
    citations = CitationCache.open(folder)
    outputs = OutputCache.open(folder, journal.settings)

    ready = _heads_in_pool(journal, outputs, citations)

    def head(journal: Journal, issue: Issue, abstract: Abstract) -> Mapping[str, Any]:
        key = outputs.key_for_abstract("head", issue, abstract)
        made = ready.pop(key, None)
        make = (
            partial(head_for_abstract, journal, abstract, citations.cite)
            if made is None
            else lambda: made
        )
        data: Mapping[str, Any] = outputs.data(key, make, is_abstract_head)
        return data

    if renderer is not None:  # biographies: same text and settings, same HTML
        render = _kept(outputs, renderer, render)
    pages = build_pages(journal, render, head)
    views = {p.src_uri: p.view for p in pages}
    views[urls.HOME] = partial(context_for_home, journal)
    photos = [
        (urls.src_for_author_photo(a.id, a.photo), root / AUTHORS / a.photo)
        for a in journal.authors
        if a.photo
    ]
    own_pdfs = [
        (urls.src_for_abstract_file(a.slug, "pdf"), root / a.pdf)
        for a in journal.abstracts
        if a.pdf
    ]
    exports, notes = build_exports(journal, source_date_epoch())
    galleys, found = (
        build_pdfs(journal, coverage(folder), {e.path: e for e in entries})
        if journal.settings.pdf
        else ([], [])
    )
    return SiteData(
        journal=journal,
        problems=problems + found,
        pages=pages,
        contexts=Views(views),
        citations=citations,
        outputs=outputs,
        complete=not preview_scope(journal.settings.continuous)[0],
        site=context_for_site(journal),
        static_files=photos + own_pdfs,
        nav=build_nav(journal, [p for p in docs_pages if not scan.is_refused(f"{DOCS}/{p}")]),
        scan=scan,
        exports=exports,
        pdfs=galleys,
        pdf_maker=PdfMaker(root, outputs, citations.cite),
        notes=notes,
        renderer=renderer,
    )
