"""Load → validate → assemble → pages: everything a host needs to build the site."""

from __future__ import annotations

import dataclasses
import datetime
import os
from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from functools import partial
from pathlib import Path
from typing import Any

from . import urls
from .article_types import DEFAULT_TYPES
from .assembly import build_journal
from .assets import Scan, check_published_file, scan_content
from .board import BOARD_FILE, ParsedBoard, check_board, resolve_board
from .exports import ExportFile, build_exports
from .exports.cache_folder import trusted_cache_dir
from .exports.cached_markup import is_abstract_head, is_page_body, is_sanitized
from .exports.citation_cache import CitationCache
from .exports.head import head_for_abstract
from .exports.output_cache import OutputCache
from .exports.parallel import make_heads, run_all
from .loading import (
    RawEntry,
    iter_files,
    iter_markdown,
    load_data,
    load_entry,
    load_settings,
    publishes_continuously,
    read_site_url,
)
from .model import Abstract, Author, Issue, Journal, Settings
from .page_bodies import BIOGRAPHY, BODY, is_self_contained
from .pages import PageSpec, Render, build_nav, build_pages, context_for_home, context_for_site
from .pdf import PdfFile, PdfMaker, build_pdfs, check_printable, coverage
from .pdf.typeset import TypesetError
from .problems import Problem
from .sanitize import check_markup
from .search_index import SearchCard
from .settings import PREFIX, check_settings
from .validation import (
    ParsedAbstract,
    abstract_place,
    check_abstract,
    check_author,
    check_issue_list,
    looks_like_abstract,
)

ABSTRACTS = "abstracts"
AUTHORS = "authors"
ISSUES_FILE = "issues.yml"
DOCS = "docs"
"""The folder of hand-written pages and of the files logos and covers name."""


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


def source_date_epoch() -> int | None:
    """SOURCE_DATE_EPOCH as a number, when set (reproducible builds)."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH", "").strip()
    return int(epoch) if epoch.isdigit() else None


def build_date() -> datetime.date:
    """Today, or the day SOURCE_DATE_EPOCH names (reproducible builds)."""
    epoch = source_date_epoch()
    now = (
        datetime.datetime.fromtimestamp(epoch, tz=datetime.timezone.utc)
        if epoch is not None
        else datetime.datetime.now(tz=datetime.timezone.utc)
    )
    return now.date()


def is_preview() -> bool:
    """Pull-request previews show drafts and scheduled abstracts (JOURNAL_PREVIEW=1)."""
    return os.environ.get("JOURNAL_PREVIEW", "").strip().lower() in ("1", "true", "yes")


def preview_scope(continuous: bool = False) -> tuple[set[tuple[int, int | None]], list[Problem]]:
    """The issues of a partial preview, JOURNAL_ONLY_ISSUES="7/1,6/4" (none: the whole journal);
    a continuous journal's volumes (`continuous`), JOURNAL_ONLY_ISSUES="13,12". A part that
    names no issue of the journal's kind (a bare volume in a journal with issues, a
    volume/issue pair in a continuous journal) is left out.

    Editors of a large journal preview their issues in seconds; a warning says the site is
    partial, so a `--strict` (deploy) build with the variable set fails.
    """
    text = os.environ.get("JOURNAL_ONLY_ISSUES", "").strip()
    keys: set[tuple[int, int | None]] = set()
    for part in text.replace(" ", "").split(","):
        volume, slash, number = part.partition("/")
        if not continuous and volume.isdigit() and number.isdigit():
            keys.add((int(volume), int(number)))
        elif continuous and volume.isdigit() and not slash:
            keys.add((int(volume), None))
    if not text:
        return keys, []
    noun = "volume" if continuous else "issue"
    listed = ", ".join(
        str(v) if n is None else f"{v}/{n}"
        for v, n in sorted(keys, key=lambda k: (k[0], k[1] or 0))
    )
    example = (
        "volume numbers, e.g. JOURNAL_ONLY_ISSUES=13,12"
        if continuous
        else ("volume/issue pairs, e.g. JOURNAL_ONLY_ISSUES=7/1,6/4")
    )
    message = (
        f"partial preview of {noun}(s) {listed} only: other {noun}s, their authors and "
        f"cross-{noun} checks are left out. Unset JOURNAL_ONLY_ISSUES for the whole journal."
        if keys
        else f'"{text}" names no {noun}, so the whole journal is built. Write {example}.'
    )
    return keys, [
        Problem(
            path="JOURNAL_ONLY_ISSUES", line=1, field="preview", message=message, severity="warning"
        )
    ]


def listed_author_ids(meta: Mapping[str, Any]) -> set[str]:
    """The author ids a front matter lists, read loosely (for a file refused for errors)."""
    listed = meta.get("authors")
    items = listed if isinstance(listed, list) else []
    ids = (item.get("id") if isinstance(item, dict) else item for item in items)
    return {i for i in ids if isinstance(i, str)}


def _folder_issue(root: Path, path: Path) -> tuple[Any, Any]:
    """(volume, issue) of abstracts/<volume>/<issue>/x.md, as numbers when they are
    ((volume, None) for a continuous journal's abstracts/<volume>/x.md)."""
    parts = path.relative_to(root / ABSTRACTS).parts
    if len(parts) == 2 and parts[0].isdigit():
        return int(parts[0]), None
    if len(parts) != 3 or not (parts[0].isdigit() and parts[1].isdigit()):
        return None, None
    return int(parts[0]), int(parts[1])


def _mentioned(paths: Sequence[Path], ids: set[str]) -> set[str]:
    """The ids written in files that cannot be read as front matter (a YAML error, say):
    their authors are not unused, the file's own error is what to fix."""
    found: set[str] = set()
    for path in paths:
        try:
            text = path.read_text(encoding="utf-8", errors="replace")
        except OSError:
            continue
        found |= {i for i in ids if i in text}
    return found


def check_fonts(root: Path, journal: Journal, entries: Sequence[RawEntry]) -> list[Problem]:
    """Every character of the PDFs no PDF font has, for `journal check` (a build finds them
    when it names its PDFs, `build_pdfs`); none when the journal makes no PDFs."""
    if not journal.settings.pdf:
        return []
    folder, _ = trusted_cache_dir(root)  # a refused cache is reported by load_journal
    return check_printable(journal, coverage(folder), {e.path: e for e in entries})[0]


def load_journal(
    root: Path,
    config_file: Path,
    extra_journal: Any,
    *,
    site_url: str | None = None,
    today: datetime.date | None = None,
    preview: bool | None = None,
    scan: Scan | None = None,
    check_cache: bool = True,
) -> tuple[Journal | None, list[Problem], list[RawEntry]]:
    """Read and check every editors' file; the Journal when nothing is fatally wrong.

    `scan` is the scan of the content folders (assets.scan_content), made here when not given.
    `check_cache`: also report a build cache git tracks (`trusted_cache_dir`).
    `site_url`: the host's (MkDocs'); None reads mkdocs.yml's as MkDocs would (`!ENV`).
    """
    continuous = publishes_continuously(extra_journal)
    keys, problems = preview_scope(continuous)
    if check_cache:
        problems += trusted_cache_dir(root)[1]
    scan = scan or scan_journal(root, continuous)
    problems += scan.problems
    if site_url is None:
        site_url = read_site_url(config_file)
    settings_entry = load_settings(root, config_file, extra_journal)
    settings, found = check_settings(settings_entry, site_url)
    problems += found
    if settings is not None:
        settings, found = _check_settings_files(root, scan, settings_entry, settings)
        problems += found
    parsed: list[ParsedAbstract] = []
    entries: list[RawEntry] = []
    abstract_problems: list[Problem] = []
    refused: set[str] = set()  # author ids listed by abstracts refused for their own errors
    refused_issues: set[tuple[Any, Any]] = set()  # and their (volume, issue)
    unreadable: list[Path] = []
    folders = [
        root / ABSTRACTS / str(v) / ("" if n is None else str(n))
        for v, n in sorted(keys, key=lambda k: (k[0], k[1] or 0))
    ] or [root / ABSTRACTS]
    pdfs = {
        path
        for folder in folders
        for path in iter_files(folder, ".pdf")
        if not scan.is_refused(path.relative_to(root).as_posix())
    }
    for path in (path for folder in folders for path in iter_markdown(folder)):
        entry = load_entry(root, path)
        if isinstance(entry, Problem):
            abstract_problems.append(entry)
            unreadable.append(path)
            refused_issues.add(_folder_issue(root, path))  # its folder names its issue
            continue
        entries.append(entry)
        item, found = check_abstract(
            entry,
            settings.article_types if settings else DEFAULT_TYPES,
            continuous=settings is not None and settings.continuous,
        )
        abstract_problems += found
        if item is None:
            refused |= listed_author_ids(entry.meta)
            refused_issues.add((entry.meta.get("volume"), entry.meta.get("issue")))
        if item and path.with_suffix(".pdf") in pdfs:  # the full text, when the journal has it
            item.fields["pdf"] = path.with_suffix(".pdf").relative_to(root).as_posix()
        if item and (not keys or (item.fields["volume"], item.fields.get("issue")) in keys):
            parsed.append(item)
    board, found = _load_board(root)
    problems += found
    # A partial preview reads only the authors its abstracts (and the board) name.
    wanted = {ref.id for item in parsed for ref in item.refs} if keys else None
    if wanted is not None and board:
        wanted |= board.author_ids
    authors: list[Author] = []
    broken: set[str] = set()  # author files with errors: their abstracts say so
    for path in iter_markdown(root / AUTHORS):
        if wanted is not None and path.stem not in wanted:
            continue
        entry = load_entry(root, path)
        if isinstance(entry, Problem):
            problems.append(entry)
            broken.add(path.stem)
            continue
        author, found = check_author(entry, continuous=continuous)
        problems += found
        if author and author.photo:
            author, found = _check_photo(root, scan, entry, author)
            problems += found
        if author:
            authors.append(author)
        else:
            broken.add(path.stem)
    refused |= _mentioned(unreadable, {a.id for a in authors})
    problems += abstract_problems
    issue_meta: list[dict[str, Any]] = []
    if (root / ISSUES_FILE).is_file():
        data = load_data(root, root / ISSUES_FILE, "issues")
        if isinstance(data, Problem):
            problems.append(data)
        else:
            issue_meta, found = check_issue_list(
                data, continuous=settings is not None and settings.continuous
            )
            problems += found + _check_covers(root, scan, data, issue_meta)
    if keys:  # a partial preview: the other issues' items are not checked against abstracts
        issue_meta = [m for m in issue_meta if (m["volume"], m.get("issue")) in keys]
    if settings is None:
        return None, problems, entries
    journal, found = build_journal(
        settings,
        parsed,
        authors,
        issue_meta,
        today=today or build_date(),
        preview=is_preview() if preview is None else preview,
        broken_authors=broken,
        refused_refs=refused,
        refused_issues=refused_issues,
    )
    if board:
        known = {a.id: a for a in authors}
        roles, board_problems = resolve_board(board, known, broken=broken)
        journal = dataclasses.replace(journal, board=roles)
        found += board_problems
    return journal, problems + found, entries


def _load_board(root: Path) -> tuple[ParsedBoard | None, list[Problem]]:
    """board.yml, when the journal has one (its people not yet looked up)."""
    if not (root / BOARD_FILE).is_file():
        return None, []
    data = load_data(root, root / BOARD_FILE, "board")
    if isinstance(data, Problem):
        return None, [data]
    return check_board(data)


NOT_CONTENT = frozenset(
    {ABSTRACTS, AUTHORS, DOCS, "overrides", "hooks", "src", "tests", "benchmarks", "scripts"}
    | {"site", "node_modules", "guides"}
)
"""Top-level folders that hold no misplaced abstracts (code, tests, build output)."""


def scan_journal(root: Path, continuous: bool = False) -> Scan:
    """Scan the content folders (assets.scan_content), and refuse abstracts filed where
    they would be published as a plain page (docs/) or not at all (a misspelled folder);
    `continuous`: the journal publishes continuously (abstracts/<volume>/<slug>.md)."""
    scan = scan_content(root)
    for path in iter_markdown(root / DOCS):
        entry = load_entry(root, path)
        rel = path.relative_to(root).as_posix()
        if isinstance(entry, RawEntry) and looks_like_abstract(entry):
            scan.refuse(
                rel,
                1,
                "this looks like an abstract (it has a title and authors), but docs/ holds "
                "the journal's own pages, so it is not published. Move it to "
                f"{abstract_place(path.name, continuous)}.",
            )
            continue
        body = entry.body if isinstance(entry, RawEntry) else _read_page(path)
        for message in check_markup(body):  # hand-written pages are sanitised as bodies are
            scan.refuse(
                rel, entry.body_line if isinstance(entry, RawEntry) else 1, "the page " + message
            )
    others = [
        child
        for child in sorted(root.iterdir())
        if not child.name.startswith((".", "_")) and child.name not in NOT_CONTENT
    ]
    for path in (p for child in others for p in _markdown_in(child)):
        entry = load_entry(root, path)
        if isinstance(entry, RawEntry) and looks_like_abstract(entry):
            scan.problems.append(
                Problem(
                    path=entry.path,
                    line=1,
                    field="file",
                    message="this looks like an abstract (it has a title and authors), but it "
                    f"is outside abstracts/, so it is not published. Move it to "
                    f"{abstract_place(path.name, continuous)}.",
                )
            )
    return scan


def _read_page(path: Path) -> str:
    try:
        return path.read_text(encoding="utf-8-sig", errors="replace")
    except OSError:
        return ""


def _markdown_in(path: Path) -> Iterator[Path]:
    if path.is_symlink():
        return
    if path.is_file():
        if path.suffix == ".md":
            yield path
    else:
        yield from iter_markdown(path)


def _published(root: Path, scan: Scan, folder: str, rel: str) -> str | None:
    """Why the file a field names cannot be published, if it cannot."""
    message = check_published_file(root / folder, rel)
    if message is None and scan.is_refused(f"{folder}/{rel}"):
        message = f'"{rel}" is not published: see the problem reported for {folder}/{rel}.'
    return message


def _check_photo(
    root: Path, scan: Scan, entry: RawEntry, author: Author
) -> tuple[Author, list[Problem]]:
    message = _published(root, scan, AUTHORS, author.photo)
    if message is None:
        return author, []
    problem = Problem(path=entry.path, line=entry.line_of("photo"), field="photo", message=message)
    return dataclasses.replace(author, photo=""), [problem]


def _check_settings_files(
    root: Path, scan: Scan, entry: RawEntry, settings: Settings
) -> tuple[Settings, list[Problem]]:
    """The logos the settings name: a missing one would be a broken image on every page."""
    problems = []

    def report(key: str, message: str) -> None:
        field = f"{PREFIX}.{key}"
        problems.append(
            Problem(path=entry.path, line=entry.line_of(field), field=field, message=message)
        )

    logo = settings.logo
    if logo and (message := _published(root, scan, DOCS, logo)):
        report("logo", message)
        logo = ""
    partners = []
    for number, partner in enumerate(settings.media_partners, 1):
        if partner.logo and (message := _published(root, scan, DOCS, partner.logo)):
            report(f"media_partners[{number}].logo", message)
            partner = dataclasses.replace(partner, logo="")
        partners.append(partner)
    changed = dataclasses.replace(settings, logo=logo, media_partners=tuple(partners))
    return changed, problems


def _check_covers(
    root: Path, scan: Scan, entry: RawEntry, issues: list[dict[str, Any]]
) -> list[Problem]:
    problems = []
    for values in issues:
        if "cover" in values and (message := _published(root, scan, DOCS, values["cover"])):
            field = f"{values['_where'][2]}.cover"
            problems.append(
                Problem(path=entry.path, line=entry.line_of(field), field=field, message=message)
            )
            del values["cover"]
    return problems


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
