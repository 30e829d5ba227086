"""Join the checked entries into one Journal: resolve author ids, group issues, sort, and
apply the rules that need more than one file."""

from __future__ import annotations

import dataclasses
import datetime
import difflib
from collections import defaultdict
from collections.abc import Iterable, Sequence, Set
from typing import Any

from . import title_markup
from .fields import Checker
from .formatting import author_sort_key, format_volume_issue
from .loading import RawEntry
from .model import Abstract, Author, Contributor, Group, Issue, Journal, Settings, Update
from .problems import Problem
from .validation import ParsedAbstract


def _page_number(text: str) -> int:
    digits = "".join(c for c in text if c.isdigit())
    return int(digits) if digits else 10**9


def toc_sort_key(settings: Settings, abstract: Abstract) -> tuple[int, int, str, str]:
    """Order within an issue: by article type in the journal's order, then page, then title."""
    order = [t.name for t in settings.article_types]
    rank = order.index(abstract.type) if abstract.type in order else len(order)
    page = abstract.first_page or abstract.article_number
    return rank, _page_number(page), title_markup.plain(abstract.title).casefold(), abstract.slug


def _find_author(
    author_id: str, where: str, authors: dict[str, Author], ch: Checker, broken: Set[str]
) -> Author | None:
    """The author file an id names; a problem at `where` when there is none."""
    author = authors.get(author_id)
    if author is None and author_id in broken:
        ch.report(
            where,
            f"authors/{author_id}.md has errors, so this abstract is left out. Fix the "
            "problems listed for that file.",
        )
    elif author is None:
        close = difflib.get_close_matches(author_id, sorted(authors), n=1, cutoff=0.6)
        hint = (
            f'Did you mean "{close[0]}"?'
            if close
            else f"Add the file authors/{author_id}.md, or fix the id."
        )
        ch.report(where, f'"{author_id}" is not an author id (no authors/{author_id}.md). {hint}')
    return author


def _resolve(
    parsed: ParsedAbstract, authors: dict[str, Author], ch: Checker, broken: Set[str]
) -> tuple[Contributor, ...]:
    contributors = []
    for ref in parsed.refs:
        if ref.group:
            members = [_find_author(i, where, authors, ch, broken) for i, where in ref.members]
            group = Group(name=ref.group, members=tuple(m for m in members if m))
            contributors.append(Contributor(group=group))
            continue
        where = f"{ref.key}.id" if f"{ref.key}.id" in ch.entry.lines else ref.key
        author = _find_author(ref.id, where, authors, ch, broken)
        if author is None:
            continue
        affiliations = ref.affiliations if ref.affiliations is not None else author.affiliations
        contributors.append(
            Contributor(
                author=author, affiliations=affiliations, is_corresponding=ref.is_corresponding
            )
        )
    return tuple(contributors)


def _check_against_settings(
    settings: Settings, parsed: ParsedAbstract, authors: dict[str, Author], ch: Checker
) -> None:
    """The rules that depend on the journal's settings: a corresponding author's e-mail (when
    required), no translation into the journal's own language."""
    if settings.require_corresponding_email:
        for ref in parsed.refs:
            author = authors.get(ref.id)
            if ref.is_corresponding and author is not None and not author.email:
                where = f"{ref.key}.corresponding"
                ch.report(
                    where if where in ch.entry.lines else ref.key,
                    f"authors/{ref.id}.md has no email:, and the journal requires one for "
                    "each corresponding author (require_corresponding_email in mkdocs.yml). "
                    f"Add `email:` to authors/{ref.id}.md, or mark another author corresponding.",
                )
    for translation in parsed.fields.get("translations", ()):
        if translation.language == settings.language:
            ch.report(
                f"translations.{translation.language}",
                f'"{translation.language}" is the journal\'s own language (language in '
                "mkdocs.yml): the title and abstract above are in it. Remove this "
                "translation, or write the code of the language it is in.",
            )


def _check_unique(items: Iterable[tuple[str, str, int, str]], what: str) -> list[Problem]:
    """Report every value (slug, DOI) used by more than one file, at each later use."""
    first: dict[str, tuple[str, int]] = {}
    problems = []
    for value, path, line, key in sorted(items, key=lambda i: (i[1], i[2])):
        if value in first:
            other = first[value][0]
            problems.append(
                Problem(
                    path=path,
                    line=line,
                    field=key,
                    message=(
                        f'"{value}" is also the {what} of {other}. Each {what} must be unique; '
                        "change one of them."
                    ),
                )
            )
        else:
            first[value] = (path, line)
    return problems


def _where(abstract: Abstract) -> str:
    """E.g. "issue (6:3)", or "volume (13)" in a continuous journal."""
    if abstract.issue is None:
        return f"volume ({abstract.volume})"
    return f"issue ({abstract.volume}:{abstract.issue})"


def _check_pages(issue: Sequence[Abstract], entries: dict[str, RawEntry]) -> list[Problem]:
    taken: list[tuple[int, int, Abstract]] = []
    problems = []
    for abstract in sorted(issue, key=lambda a: a.source):
        if not (abstract.first_page.isdigit() and abstract.last_page.isdigit()):
            continue
        start, end = int(abstract.first_page), int(abstract.last_page)
        for other_start, other_end, other in taken:
            if start <= other_end and other_start <= end:
                problems.append(
                    Problem(
                        path=abstract.source,
                        line=entries[abstract.source].line_of("pages"),
                        field="pages",
                        message=(
                            f'"{abstract.pages}" overlaps pages "{other.pages}" of '
                            f"{other.source} in the same {_where(abstract)}. Correct the pages."
                        ),
                    )
                )
                break
        taken.append((start, end, abstract))
    return problems


def is_visible(fields: dict[str, Any], today: datetime.date, preview: bool) -> bool:
    """Whether an abstract is published: not a draft, not scheduled for later."""
    if preview:
        return True
    return not fields.get("draft", False) and fields["published"] <= today


def build_journal(
    settings: Settings,
    parsed: Sequence[ParsedAbstract],
    authors: Sequence[Author],
    issue_meta: Sequence[dict[str, Any]],
    *,
    today: datetime.date,
    preview: bool = False,
    broken_authors: Set[str] = frozenset(),
    refused_refs: Set[str] = frozenset(),
    refused_issues: Set[tuple[Any, Any]] = frozenset(),
) -> tuple[Journal, list[Problem]]:
    """Assemble the Journal and report every cross-file problem.

    `refused_refs`, `refused_issues`: the author ids and (volume, issue) of abstracts refused
    for their own errors (their authors and issues are not unused: the abstract's error is
    the one to report)."""
    problems: list[Problem] = []
    problems += _check_unique(((a.id, a.source, 1, "file name") for a in authors), "author id")
    problems += _check_unique(((p.slug, p.entry.path, 1, "file name") for p in parsed), "slug")
    problems += _check_unique(
        (
            (p.fields["doi"].lower(), p.entry.path, p.entry.line_of("doi"), "doi")
            for p in parsed
            if "doi" in p.fields
        ),
        "DOI",
    )
    rejected = {p.path for p in problems}
    by_id = {
        a.id: a
        for a in sorted(authors, key=lambda a: a.source, reverse=True)
        if a.source not in rejected
    }
    abstracts: list[Abstract] = []
    entries: dict[str, RawEntry] = {}
    for item in parsed:
        if item.entry.path in rejected:
            continue
        ch = Checker(item.entry)
        doi = item.fields.get("doi", "")
        if doi and settings.doi_prefix and not doi.startswith(settings.doi_prefix + "/"):
            ch.report(
                "doi",
                f'"{doi}" does not start with the journal\'s DOI prefix '
                f'"{settings.doi_prefix}/". Use the journal\'s prefix (or fix '
                "extra.journal.doi_prefix in mkdocs.yml).",
            )
        contributors = _resolve(item, by_id, ch, broken_authors)
        _check_against_settings(settings, item, by_id, ch)
        problems += ch.problems
        if any(p.is_error for p in ch.problems) or not contributors:
            continue
        if not is_visible(item.fields, today, preview):
            continue
        entries[item.entry.path] = item.entry
        abstracts.append(
            Abstract(
                slug=item.slug,
                authors=contributors,
                body=item.entry.body,
                source=item.entry.path,
                **item.fields,
            )
        )
    abstracts, update_problems = _link_updates(parsed, abstracts)
    problems += update_problems
    issues, issue_problems = _build_issues(settings, abstracts, issue_meta, entries)
    problems += issue_problems
    problems += _check_issue_list(parsed, issue_meta, refused_issues)
    used = {ref.id for p in parsed for ref in p.refs} | {
        member for p in parsed for ref in p.refs for member, _ in ref.members
    }
    problems += _unused_authors(authors, used | refused_refs)
    ordered = tuple(a for issue in issues for a in issue.abstracts)
    by_author: dict[str, list[Abstract]] = defaultdict(list)
    for abstract in ordered:
        people = {person.id: person for c in abstract.authors for person in c.people}
        for author_id in people:  # a person also listed as a group's member: once
            by_author[author_id].append(abstract)
    journal = Journal(
        settings=settings,
        abstracts=ordered,
        # Only authors of published abstracts get a page: a draft's author would show
        # "0 abstracts" (authors no abstract names at all are warned about above).
        authors=tuple(
            sorted((a for a in by_id.values() if a.id in by_author), key=author_sort_key)
        ),
        issues=issues,
        abstracts_by_author={k: tuple(v) for k, v in by_author.items()},
    )
    return journal, problems


def _unused_authors(authors: Iterable[Author], used: Set[str]) -> list[Problem]:
    """A note (never a failure) for each author file no abstract lists yet: an author
    committed before their abstract is normal."""
    return [
        Problem(
            path=author.source,
            line=1,
            field="file name",
            message=(
                f'no abstract lists the author "{author.id}" yet, so the author has no page. '
                "Add the id to an abstract's authors, or delete the file if it is not needed."
            ),
            severity="note",
        )
        for author in authors
        if author.id not in used
    ]


def _link_updates(
    parsed: Sequence[ParsedAbstract], abstracts: list[Abstract]
) -> tuple[list[Abstract], list[Problem]]:
    """Resolve each notice's `updates:` and give the articles it names their `updated_by`."""
    by_slug = {a.slug: a for a in abstracts}
    by_doi = {a.doi.lower(): a for a in abstracts if a.doi}
    refs = {p.slug: p for p in parsed}
    problems: list[Problem] = []
    notices: dict[str, list[Update]] = defaultdict(list)
    changed: dict[str, Abstract] = {}
    for notice in abstracts:
        item = refs.get(notice.slug)
        if item is None or not item.updates:
            continue
        ch = Checker(item.entry)
        updates = []
        for ref in item.updates:
            target = by_slug.get(ref.slug) if ref.slug else by_doi.get(ref.doi.lower())
            if ref.slug and target is None:
                ch.report(
                    f"{ref.key}.slug",
                    f'"{ref.slug}" is no published abstract of this journal. Check the slug '
                    "(the file name without .md), or give the article's doi: instead.",
                )
                continue
            if target is None:  # another journal's article: linked by its DOI
                updates.append(Update(kind=ref.kind, doi=ref.doi))
                continue
            updates.append(
                Update(kind=ref.kind, doi=target.doi, slug=target.slug, title=target.title)
            )
            notices[target.slug].append(
                Update(
                    kind=ref.kind,
                    doi=notice.doi,
                    slug=notice.slug,
                    title=notice.title,
                    date=notice.published,
                )
            )
        problems += ch.problems
        changed[notice.slug] = dataclasses.replace(notice, updates=tuple(updates))
    result = []
    for abstract in abstracts:
        current = changed.get(abstract.slug, abstract)
        if abstract.slug in notices:
            ordered = sorted(
                notices[abstract.slug], key=lambda u: (u.date or abstract.published, u.slug)
            )
            current = dataclasses.replace(current, updated_by=tuple(ordered))
        result.append(current)
    return result, problems


def _check_issue_list(
    parsed: Sequence[ParsedAbstract],
    metadata: Sequence[dict[str, Any]],
    refused: Set[tuple[Any, Any]] = frozenset(),
) -> list[Problem]:
    """Warn about issues.yml items that describe an issue no abstract belongs to."""
    known = {(p.fields.get("volume"), p.fields.get("issue")) for p in parsed} | refused
    problems = []
    for item in metadata:
        path, line, key = item.get("_where", ("issues.yml", 1, "issues"))
        if (item["volume"], item["issue"]) not in known:
            noun = "volume" if item["issue"] is None else "issue"
            which = format_volume_issue(item["volume"], item["issue"])
            problems.append(
                Problem(
                    path=path,
                    line=line,
                    field=key,
                    severity="warning",
                    message=(
                        f"{which} has no abstracts, "
                        "so its page is not built. Check the numbers, or remove the item "
                        f"until the {noun} has abstracts."
                    ),
                )
            )
    return problems


def _build_issues(
    settings: Settings,
    abstracts: Sequence[Abstract],
    metadata: Sequence[dict[str, Any]],
    entries: dict[str, RawEntry],
) -> tuple[tuple[Issue, ...], list[Problem]]:
    groups: dict[tuple[int, int | None], list[Abstract]] = defaultdict(list)
    for abstract in abstracts:
        groups[(abstract.volume, abstract.issue)].append(abstract)
    problems: list[Problem] = []
    meta = {(m["volume"], m["issue"]): m for m in metadata}
    issues = []
    for key in sorted(groups, key=lambda k: (k[0], k[1] or 0), reverse=True):
        items = sorted(groups[key], key=lambda a: toc_sort_key(settings, a))
        problems += _check_pages(items, entries)
        years = sorted({a.year for a in items})
        if len(years) > 1 and key[1] is not None:  # a volume may span years, an issue not
            for abstract in items:
                if abstract.year != years[-1]:
                    problems.append(
                        Problem(
                            path=abstract.source,
                            line=entries[abstract.source].line_of("year"),
                            field="year",
                            message=(
                                f"{abstract.year} differs from other abstracts of issue {key[0]}:"
                                f"{key[1]} ({years[-1]}). Give one issue one year."
                            ),
                        )
                    )
        extra = {
            k: v
            for k, v in meta.get(key, {}).items()
            if k not in ("volume", "issue") and not k.startswith("_")
        }
        year = years[0] if key[1] is None else years[-1]
        issues.append(
            Issue(
                volume=key[0],
                number=key[1],
                year=year,
                years=tuple(years),
                abstracts=tuple(items),
                **extra,
            )
        )
    return tuple(issues), problems
