"""Read and check every editors' file into a Journal: all `journal check` needs (the
build's pages, exports and PDFs are made in site.py, which imports much more)."""

from __future__ import annotations

import dataclasses
import datetime
import gc
import os
from collections.abc import Callable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from functools import partial
from pathlib import Path
from typing import Any

from .article_types import DEFAULT_TYPES, ArticleType
from .assembly import build_journal
from .assets import Scan, check_published_file, scan_content
from .board import BOARD_FILE, ParsedBoard, check_board, resolve_board
from .cache_folder import trusted_cache_dir
from .check_cache import AuthorResult, CheckCache, Result, encode, encode_author
from .forks import map_in_forks, start_in_fork
from .loading import (
    RawEntry,
    entry_from_bytes,
    iter_files,
    iter_markdown,
    load_data,
    load_entry,
    load_settings,
    publishes_continuously,
    read_site_url,
    unreadable,
)
from .model import Author, Journal, Settings
from .problems import Problem
from .sanitize import check_markup
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
    from .pdf import check_printable, coverage  # fontTools: only for a journal with PDFs

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
    processes: int = 1,
    checking_only: bool = False,
    slim_entries: bool = False,
) -> tuple[Journal | None, list[Problem], list[RawEntry]]:
    """Read and check every editors' file; the Journal when nothing is fatally wrong.

    `scan` is the scan of the content folders (assets.scan_content), made here when not given.
    `check_cache`: also report a build cache git tracks (`trusted_cache_dir`).
    `site_url`: the host's (MkDocs'); None reads mkdocs.yml's as MkDocs would (`!ENV`).
    `processes`: read and check the abstracts in up to this many forked processes
    (`forks.map_in_forks`; the same results, in the same order).
    `checking_only` (`journal check`): the Journal and entries serve only to find problems
    and list the abstracts to come; in a journal without PDFs, abstracts already out come
    without their text, references and funding (`_checked_only`), which no check across
    files reads (PDFs' check of characters does: kept when the journal makes PDFs).
    `slim_entries` (a build): in a journal without PDFs, the entries come without the
    references and funding as written (the Journal has them), which nothing else reads.
    """
    with paused_gc():
        return _load_journal(
            root,
            config_file,
            extra_journal,
            site_url=site_url,
            today=today,
            preview=preview,
            scan=scan,
            check_cache=check_cache,
            processes=processes,
            checking_only=checking_only,
            slim_entries=slim_entries,
        )


@contextmanager
def paused_gc() -> Iterator[None]:
    """No cyclic garbage collection while the journal is read: its tens of thousands of
    objects stay alive, and each collection would walk them all again (a quarter of the
    time of `journal check`); the few cycles made meanwhile are collected after."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def _read_abstract(
    root: Path,
    types: tuple[ArticleType, ...],
    continuous: bool,
    out_by: datetime.date | None,
    slim: bool,
    cache: CheckCache | None,
    path: Path,
) -> tuple[Result, tuple[str, str] | None]:
    """One abstract file read and checked on its own: the entry (or why it cannot be read),
    its typed fields when it has no error, and its problems. `out_by`: see _checked_only.
    With a check cache, also the entry it keeps of the result (its key, from the bytes read
    here, and its text; None for a value it does not keep)."""
    rel = path.relative_to(root).as_posix()
    try:
        data = path.read_bytes()
    except OSError as exc:
        return (unreadable(rel, exc), None, []), None
    entry = entry_from_bytes(rel, data)
    out = None
    if isinstance(entry, Problem):
        result: Result = (entry, None, [])
    else:
        parsed, found = check_abstract(entry, types, continuous=continuous)
        if slim:
            entry, parsed = _without_unchecked(entry, parsed)
        if parsed is not None and out_by is not None:
            short, parsed = _checked_only(entry, parsed, out_by)
            if short is not entry:
                out, entry = short.meta["published"], short
        result = (entry, parsed, found)
    text = encode(result, out) if cache is not None else None
    return result, None if text is None or cache is None else (cache.key(rel, data), text)


UNCHECKED_FIELDS = ("references", "funding")
"""Fields no check across files reads (only pages, exports and PDFs show them)."""


def _unchecked(key: str) -> bool:
    """A key path ("references[3].doi") inside one of the UNCHECKED_FIELDS."""
    name = key.partition(".")[0].partition("[")[0]
    return name in UNCHECKED_FIELDS


def _without_unchecked(
    entry: RawEntry, item: ParsedAbstract | None
) -> tuple[RawEntry, ParsedAbstract | None]:
    """A checked abstract's entry without the UNCHECKED_FIELDS as written (nor their lines):
    what a build without PDFs keeps of it while it reads the others (the abstract's typed
    fields keep them). A third of what the reading of a journal holds at its peak."""
    if not any(name in entry.meta for name in UNCHECKED_FIELDS):
        return entry, item
    kept = RawEntry(
        path=entry.path,
        meta={k: v for k, v in entry.meta.items() if k not in UNCHECKED_FIELDS},
        body=entry.body,
        lines={k: v for k, v in entry.lines.items() if not _unchecked(k)},
        plain={k: v for k, v in entry.plain.items() if not _unchecked(k)},
        body_line=entry.body_line,
    )
    return kept, None if item is None else dataclasses.replace(item, entry=kept)


def _checked_only(
    entry: RawEntry, item: ParsedAbstract, out_by: datetime.date
) -> tuple[RawEntry, ParsedAbstract]:
    """An abstract without error that is out by `out_by` (a date, no draft:), as `journal
    check` needs it once the file is checked: without its text, references and funding (nor
    their lines), so that a forked reader sends back a fraction of it, and the check cache
    keeps one. Abstracts still to come keep all (the command lists them again,
    `cli._scheduled`)."""
    published = entry.meta.get("published")
    if type(published) is not datetime.date or published > out_by or "draft" in entry.meta:
        return entry, item
    kept = RawEntry(
        path=entry.path,
        meta={"published": published},
        body="",
        lines={k: v for k, v in entry.lines.items() if not _unchecked(k)},
        body_line=entry.body_line,
    )
    fields = {k: v for k, v in item.fields.items() if k not in UNCHECKED_FIELDS}
    return kept, dataclasses.replace(item, entry=kept, fields=fields)


def _read_abstracts(
    root: Path,
    paths: Sequence[Path],
    read: Callable[[CheckCache | None, Path], tuple[Result, tuple[str, str] | None]],
    cache: CheckCache | None,
    keys: Mapping[Path, str | None],
    out_by: datetime.date | None,
    processes: int,
) -> list[Result]:
    """Every abstract file read and checked (`_read_abstract`), in the order of `paths`:
    with a check cache (`journal check` without PDFs), the files it keeps are taken from it
    and only the others are read, in forked processes; their entries are added to it. `keys`: the
    files' keys in the cache (`_keys`), by path."""
    if cache is None or out_by is None:
        return [result for result, _ in map_in_forks(partial(read, None), paths, processes)]
    results: list[Result | None] = []
    missing: list[tuple[int, Path]] = []
    for path in paths:
        found = None
        key = keys.get(path)  # none: an empty cache (a first run), or the file is unreadable
        if key is not None:
            found = cache.get(key, path.relative_to(root).as_posix(), out_by)
        if found is None:
            missing.append((len(results), path))
            results.append(None)
            continue
        (entry, item, problems), short = found
        if item is not None and not short and isinstance(entry, RawEntry):  # out by now?
            entry, item = _checked_only(entry, item, out_by)
        results.append((entry, item, problems))
    made = map_in_forks(partial(read, cache), [path for _, path in missing], processes)
    for (number, _), (result, kept) in zip(missing, made, strict=True):
        results[number] = result
        if kept is not None:
            cache.put(*kept)
    return [result for result in results if result is not None]


def _read_author(continuous: bool, rel: str, data: bytes) -> AuthorResult:
    """One author file read and checked on its own: (the entry, or why it cannot be read;
    the author when the file has no error; its problems). The entry keeps only the line of
    `photo:`, which the check of the photo, after the cache, reads."""
    entry = entry_from_bytes(rel, data)
    if isinstance(entry, Problem):
        return entry, None, []
    author, found = check_author(entry, continuous=continuous)
    lines = {"photo": entry.lines["photo"]} if "photo" in entry.lines else {}
    return RawEntry(path=rel, meta={}, body="", lines=lines), author, found


def _author(
    root: Path,
    continuous: bool,
    cache: CheckCache | None,
    keys: Mapping[Path, str | None],
    path: Path,
) -> AuthorResult:
    """`_read_author`, from the check cache when it keeps the file (`keys`: see `_keys`)."""
    rel = path.relative_to(root).as_posix()
    known = keys.get(path)
    if cache is not None and known is not None:
        found = cache.get_author(known, rel)
        if found is not None:
            return found
    try:
        data = path.read_bytes()
    except OSError as exc:
        return unreadable(rel, exc), None, []
    if cache is None:
        return _read_author(continuous, rel, data)
    key = cache.key(rel, data, _author_kind(continuous))
    found = cache.get_author(key, rel) if key != known else None
    if found is None:
        found = _read_author(continuous, rel, data)
        text = encode_author(found)
        if text is not None:
            cache.put(key, text)
    return found


def _author_kind(continuous: bool) -> str:
    """What an author file's key in the check cache names it as (`CheckCache.key`)."""
    return f"author {continuous}"


def _keys(
    root: Path,
    cache: CheckCache,
    abstracts: Sequence[Path],
    authors: Sequence[Path],
    continuous: bool,
    out_by: datetime.date,
    processes: int,
) -> dict[Path, str | None]:
    """The keys of the abstract and author files in the check cache (None: a file that
    cannot be read, which its reader reports), by path: a forked process reads and hashes
    the files while this one decodes the cache's entries (`CheckCache.decode_stored`).
    Nothing when the cache is empty (a first run: the readers make the keys)."""
    if not cache.stored:
        return {}
    kind = _author_kind(continuous)
    files = [(p, "abstract") for p in abstracts] + [(p, kind) for p in authors]
    collect = start_in_fork(partial(_key_of, root, cache), files, processes)
    try:
        cache.decode_stored(out_by)
    finally:
        keys = collect()
    return {path: key for (path, _), key in zip(files, keys, strict=True)}


def _key_of(root: Path, cache: CheckCache, file: tuple[Path, str]) -> str | None:
    path, kind = file
    try:
        data = path.read_bytes()
    except OSError:
        return None
    return cache.key(path.relative_to(root).as_posix(), data, kind)


def _load_journal(
    root: Path,
    config_file: Path,
    extra_journal: Any,
    *,
    site_url: str | None,
    today: datetime.date | None,
    preview: bool | None,
    scan: Scan | None,
    check_cache: bool,
    processes: int,
    checking_only: bool,
    slim_entries: bool,
) -> tuple[Journal | None, list[Problem], list[RawEntry]]:
    today = today or build_date()
    continuous = publishes_continuously(extra_journal)
    keys, problems = preview_scope(continuous)
    cache_folder, cache_refusals = trusted_cache_dir(root) if check_cache else (None, [])
    problems += cache_refusals
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
    found_files = [path for folder in folders for path in files_below(root, scan, folder)]
    pdfs = {
        path
        for path in found_files
        if path.name.endswith(".pdf") and not scan.is_refused(path.relative_to(root).as_posix())
    }
    paths = [path for path in found_files if path.name.endswith(".md")]
    types = settings.article_types if settings else DEFAULT_TYPES
    continuous_folders = settings is not None and settings.continuous
    # A journal with PDFs reads every file: their check of characters needs the text,
    # references and funding, and keeping them (or their characters) in the cache was
    # measured to make a first check 0.7-1.8 s CPU slower at 5,000 abstracts.
    out_by = today if checking_only and settings is not None and not settings.pdf else None
    # The entries' references and funding serve only PDFs (and `journal check`'s cache).
    slim = slim_entries and not checking_only and settings is not None and not settings.pdf
    read = partial(_read_abstract, root, types, continuous_folders, out_by, slim)
    cache = None
    if out_by is not None and cache_folder is not None:  # (None without check_cache)
        cache = CheckCache(cache_folder, types, continuous_folders)
    author_paths = files_below(root, scan, root / AUTHORS, ".md")
    file_keys: dict[Path, str | None] = {}
    if cache is not None and out_by is not None:
        file_keys = _keys(root, cache, paths, author_paths, continuous, out_by, processes)
    results = _read_abstracts(root, paths, read, cache, file_keys, out_by, processes)
    for path, (entry, item, found) in zip(paths, results, strict=True):
        if isinstance(entry, Problem):
            abstract_problems.append(entry)
            unreadable.append(path)
            refused_issues.add(_folder_issue(root, path))  # its folder names its issue
            continue
        entries.append(entry)
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
    for path in author_paths:
        if wanted is not None and path.stem not in wanted:
            continue
        entry, author, found = _author(root, continuous, cache, file_keys, path)
        problems += found
        if isinstance(entry, Problem):
            problems.append(entry)
            broken.add(path.stem)
            continue
        if author and author.photo:
            author, found = _check_photo(root, scan, entry, author)
            problems += found
        if author:
            authors.append(author)
        else:
            broken.add(path.stem)
    if cache is not None:
        cache.save()
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
        today=today,
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


def files_below(root: Path, scan: Scan, folder: Path, *suffixes: str) -> list[Path]:
    """`iter_files(folder, *suffixes)` (.md and .pdf files by default), from the files the
    scan found when it walked the top folder `folder` is in (no second walk)."""
    suffixes = suffixes or (".md", ".pdf")
    top = folder.relative_to(root).parts[:1]
    listing = scan.files.get(top[0]) if top else None
    if listing is None:
        return list(iter_files(folder, *suffixes))
    depth = len(folder.parts)
    found = [
        path
        for path in listing
        if path.name.endswith(suffixes) and path.parts[:depth] == folder.parts
    ]
    return sorted(found, key=lambda p: p.parts)  # iter_files' order


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
