"""`journal import jats`: the files read and written, and the report (jats_import.py decides).

Every planned file is checked with the same rules as `journal check` before anything is
written; an article whose files would not pass is skipped with its problems, the rest of the
batch is written.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any, TextIO

from . import jats_import, reading
from .fields import Checker, bare_doi, bare_orcid
from .jats_import import Article, KnownAbstract, KnownAuthor, Options, Planned
from .loading import (
    RawEntry,
    iter_markdown,
    load_entry,
    load_settings,
    load_text,
    read_settings,
    read_site_url,
)
from .model import Affiliation, Settings
from .problems import Problem, format_problem
from .settings import check_settings
from .validation import check_abstract, check_author, parse_affiliations

SUFFIXES = (".xml", ".nxml", ".jats")


def _sources(paths: Sequence[str]) -> tuple[list[Path], list[str]]:
    files: list[Path] = []
    errors: list[str] = []
    for name in paths:
        path = Path(name)
        if path.is_dir():
            found = sorted(p for p in path.rglob("*") if p.suffix.lower() in SUFFIXES)
            if not found:
                errors.append(f"{name}: no .xml or .nxml file in this folder.")
            files += found
        elif path.is_file():
            files.append(path)
        else:
            errors.append(f"{name}: no such file or folder.")
    return files, errors


def _known_authors(root: Path) -> list[KnownAuthor]:
    found = []
    for path in iter_markdown(root / reading.AUTHORS):
        entry = load_entry(root, path)
        if not isinstance(entry, RawEntry):
            continue
        meta = entry.meta
        affiliations: tuple[Affiliation, ...] = ()
        if isinstance(meta.get("affiliations"), list):
            ch = Checker(entry)
            affiliations = ch.parse("affiliations", meta["affiliations"], parse_affiliations) or ()
        found.append(
            KnownAuthor(
                id=path.stem,
                name=str(meta.get("name", "")),
                orcid=bare_orcid(str(meta.get("orcid", ""))),
                affiliations=tuple(affiliations),
            )
        )
    return found


def _known_abstracts(root: Path) -> list[KnownAbstract]:
    found = []
    for path in iter_markdown(root / reading.ABSTRACTS):
        entry = load_entry(root, path)
        doi = entry.meta.get("doi") if isinstance(entry, RawEntry) else None
        found.append(
            KnownAbstract(
                path=path.relative_to(root).as_posix(),
                slug=path.stem,
                doi=bare_doi(doi) if isinstance(doi, str) else "",
            )
        )
    return found


def _problems_of(planned: Planned, settings: Settings) -> list[Problem]:
    problems: list[Problem] = []
    types, continuous = settings.article_types, settings.continuous
    checks: list[tuple[str, str, Callable[[RawEntry], tuple[Any, list[Problem]]]]] = [
        (planned.path, planned.text, lambda e: check_abstract(e, types, continuous=continuous)),
        *((rel, text, check_author) for rel, text in planned.authors.items()),
    ]
    for rel, text, check in checks:
        entry = load_text(rel, text)
        found = [entry] if isinstance(entry, Problem) else check(entry)[1]
        problems += [p for p in found if p.is_error]
    return problems


def _unmapped_lines(article: Article) -> list[str]:
    return [f"  not mapped: {name}: {message}." for name, message in article.unmapped]


def run_jats(
    root: Path,
    config: Path,
    paths: Sequence[str],
    issue: int | None,
    replace: bool,
    out: TextIO,
) -> tuple[int, list[str]]:
    """Import the JATS files (and folders of them): the status (1 when any article was not
    imported) and the files written, relative to `root`."""
    values, broken = read_settings(config)
    settings, problems = check_settings(load_settings(root, config, values), read_site_url(config))
    if broken or settings is None:
        for problem in [broken] if broken else [p for p in problems if p.is_error]:
            out.write(format_problem(problem) + "\n")
        out.write(
            "mkdocs.yml has problems; correct them first (`journal check`). Nothing imported.\n"
        )
        return 1, []
    files, errors = _sources(paths)
    for error in errors:
        out.write(error + "\n")
    articles: list[Article] = []
    unreadable = 0
    for path in files:
        shown = path.as_posix()
        try:
            data = path.read_bytes()
        except OSError as exc:
            out.write(f"{shown}: cannot be read ({exc.strerror}); skipped.\n")
            unreadable += 1
            continue
        article = jats_import.read_article(data, shown)
        if isinstance(article, Problem):
            out.write(format_problem(article) + " Skipped.\n")
            unreadable += 1
        else:
            articles.append(article)
    journal = jats_import.Journal(
        authors=tuple(_known_authors(root)),
        abstracts=tuple(_known_abstracts(root)),
        types=settings.article_types,
        continuous=settings.continuous,
        doi_prefix=settings.doi_prefix,
    )
    plan = jats_import.plan_import(articles, journal, Options(issue=issue, replace=replace))
    written = 0
    files_written: list[str] = []
    for planned in plan.imported:
        found = _problems_of(planned, settings)
        if found:
            out.write(f"{planned.article.source}: skipped; its files would not pass the check:\n")
            for problem in found:
                out.write("  " + format_problem(problem) + "\n")
            plan.skipped.append((planned.article.source, "see the problems above"))
            continue
        for rel in planned.removes:
            (root / rel).unlink(missing_ok=True)
        target = root / planned.path
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(planned.text, encoding="utf-8", newline="\n")
        for rel, text in planned.authors.items():
            (root / rel).parent.mkdir(parents=True, exist_ok=True)
            with (root / rel).open("x", encoding="utf-8", newline="\n") as handle:
                handle.write(text)
        written += 1
        files_written += [planned.path, *planned.authors]
        article = planned.article
        people = sum(1 for c in article.contributors if isinstance(c, jats_import.Person))
        out.write(
            f"Imported {article.source} → {planned.path} ({people} author{'s' * (people != 1)}"
            + (f", {len(article.references)} references" if article.references else "")
            + ").\n"
        )
        for rel in planned.removes:
            out.write(f"  replaced {rel}.\n")
        for rel in planned.authors:
            out.write(
                f"  note: new author file {rel}, without a biography yet (none is shown "
                "until you write one).\n"
            )
        for note in planned.notes:
            out.write(f"  note: {note}.\n")
        for line in _unmapped_lines(article):
            out.write(line + "\n")
    for source, reason in plan.skipped:
        if reason != "see the problems above":
            out.write(f"{source}: skipped: {reason}.\n")
    total = len(files)
    skipped = total - written
    out.write(
        f"Imported {written} of {total} articles"
        + (f"; {skipped} not imported (see above)" if skipped else "")
        + ".\n"
    )
    return (1 if skipped or errors or unreadable else 0), files_written
