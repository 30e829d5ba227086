"""The `journal` command: check the editors' files, start new ones, print the schema.

Exit status: 0 when clean, 1 when problems were found (or a file would be overwritten),
2 on a usage error, as argparse does.
"""

from __future__ import annotations

import argparse
import datetime
import json
import sys
from collections.abc import Sequence
from dataclasses import dataclass, replace
from functools import partial
from pathlib import Path
from typing import Any, TextIO

from slugify import slugify

from . import changes, front_matter, new_journal, reading
from .article_types import DEFAULT_NAMES, DEFAULT_TYPES
from .assets import Scan
from .cms import repo_of
from .forks import available_cpus
from .loading import (
    RawEntry,
    iter_markdown,
    load_data,
    load_entry,
    load_settings,
    load_text,
    publishes_continuously,
    read_settings,
    read_settings_and_site_url,
    read_site_url,
)
from .names import display_name, issue_date, make_slug, split_name
from .problems import Problem, failing, format_problem, format_summary, sort_problems
from .schema import KINDS, build_schema, build_schemas
from .settings import article_types_of, check_deploy_url, check_settings
from .validation import PLACEHOLDER_ABSTRACT, check_abstract, check_author

FORMATS = ("text", "github", "json")


class UsageError(Exception):
    """The command line asks for something impossible; exit status 2."""


@dataclass(frozen=True, slots=True)
class Scheduled:
    """An abstract kept off the site for now: a draft, or published in the future."""

    path: str
    published: datetime.date
    is_draft: bool

    def describe(self, preview: bool) -> str:
        now = " It is shown now because JOURNAL_PREVIEW is on." if preview else ""
        if self.is_draft:
            return f"{self.path}: draft: kept off the site until you remove `draft: true`." + now
        return f"{self.path}: scheduled: appears on the site on {self.published.isoformat()}." + now


def _escape_data(text: str) -> str:
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _escape_property(text: str) -> str:
    return _escape_data(text).replace(":", "%3A").replace(",", "%2C")


def format_github(problem: Problem) -> str:
    """One GitHub Actions annotation, so the problem shows on the pull request's diff."""
    level = "notice" if problem.is_note else problem.severity
    return (
        f"::{level} file={_escape_property(problem.path)},line={problem.line},"
        f"title={_escape_property(problem.field)}::{_escape_data(problem.message)}"
    )


def _root_and_config(config_file: str | None) -> tuple[Path, Path]:
    config = Path(config_file or "mkdocs.yml").resolve()
    if not config.is_file():
        raise UsageError(
            f"{config_file or 'mkdocs.yml'} not found. Run the command in the "
            "journal's folder, or name the file with --config-file."
        )
    return config.parent, config


def _scheduled(
    entries: Sequence[RawEntry], today: datetime.date, continuous: bool = False
) -> list[Scheduled]:
    found = []
    for entry in entries:  # the abstracts load_journal read: no second read and YAML parse
        rel = entry.path
        published = entry.meta.get("published")
        if type(published) is datetime.date and published <= today and "draft" not in entry.meta:
            continue  # already out: the common case needs no second check
        parsed, _ = check_abstract(entry, continuous=continuous)
        if parsed is None:
            continue
        draft = bool(parsed.fields.get("draft"))
        published = parsed.fields["published"]
        if draft or published > today:
            found.append(Scheduled(rel, published, draft))
    return found


def _selected(problems: list[Problem], root: Path, paths: Sequence[str]) -> list[Problem]:
    """Keep the problems of the files (or folders) named on the command line."""
    if not paths:
        return problems
    wanted = []
    for name in paths:
        path = Path(name).resolve()
        if not path.exists():
            raise UsageError(f"{name}: no such file or folder.")
        if not path.is_relative_to(root):
            raise UsageError(f"{name} is outside the journal's folder {root}.")
        wanted.append(path.relative_to(root).as_posix())
    if "." in wanted:
        return problems
    return [p for p in problems if any(p.path == w or p.path.startswith(w + "/") for w in wanted)]


def _count_files(root: Path, scan: Scan) -> int:
    files = [
        *reading.files_below(root, scan, root / reading.ABSTRACTS, ".md"),
        *reading.files_below(root, scan, root / reading.AUTHORS, ".md"),
    ]
    return len(files) + 1 + (root / reading.ISSUES_FILE).is_file()


def run_check(
    paths: Sequence[str], config_file: str | None, output: str, out: TextIO, deploy: bool = False
) -> int:
    """Check every file and print the problems; 1 when there are any (notes do not count).
    `deploy`: also the rules of a deploy (the site's address is not a placeholder)."""
    root, config = _root_and_config(config_file)
    values, broken, site_url = read_settings_and_site_url(config)
    today, preview = reading.build_date(), reading.is_preview()
    scan = reading.scan_journal(root, publishes_continuously(values))
    journal, problems, entries = reading.load_journal(
        root,
        config,
        values,
        site_url=site_url,
        today=today,
        preview=preview,
        scan=scan,
        processes=available_cpus(),
        checking_only=True,
    )
    if journal is not None:
        problems += reading.check_fonts(root, journal, entries)
    if deploy:
        problems += check_deploy_url(load_settings(root, config, values), site_url)
    if broken:
        problems = [broken, *(p for p in problems if p.path != broken.path)]
    problems = sort_problems(_selected(problems, root, paths))
    scheduled = [
        s
        for s in _scheduled(entries, today, publishes_continuously(values))
        if _selected([Problem(path=s.path, line=1, field="", message="")], root, paths)
    ]
    if output == "json":
        json.dump(
            {
                "problems": [
                    {
                        "path": p.path,
                        "line": p.line,
                        "field": p.field,
                        "message": p.message,
                        "severity": p.severity,
                    }
                    for p in problems
                ],
                "scheduled": [
                    {"path": s.path, "published": s.published.isoformat(), "draft": s.is_draft}
                    for s in scheduled
                ],
                "preview": preview,
            },
            out,
            indent=2,
            ensure_ascii=False,
        )
        out.write("\n")
        return 1 if failing(problems) else 0
    for problem in problems:
        out.write(
            (format_github(problem) if output == "github" else format_problem(problem)) + "\n"
        )
    if failing(problems):
        out.write(f"{format_summary(problems)}.\n")
    else:
        notes = f"; {format_summary(problems).partition('; ')[2]}" if problems else ""
        out.write(f"No problems in {_count_files(root, scan)} files{notes}.\n")
    for item in scheduled:
        text = item.describe(preview)
        out.write(
            f"::notice file={_escape_property(item.path)}::{_escape_data(text)}\n"
            if output == "github"
            else text + "\n"
        )
    return 1 if failing(problems) else 0


def _make_slug(text: str, given: str | None, *, is_title: bool = False) -> str:
    slug = slugify(given) if given else make_slug(text, is_title=is_title)
    if not slug:
        raise UsageError(f"cannot make a file name from {text!r}. Give one with --slug.")
    return slug


def _write_new(root: Path, rel: str, text: str, check: Any, out: TextIO) -> int:
    entry = load_text(rel, text)
    problems = [entry] if isinstance(entry, Problem) else check(entry)[1]
    errors = [p for p in problems if p.is_error]
    if errors:
        for problem in sort_problems(errors):
            out.write(format_problem(problem) + "\n")
        out.write(f"{format_summary(errors)}; nothing written.\n")
        return 1
    path = root / rel
    if path.exists():
        out.write(f"{rel} already exists; nothing written. Choose another name with --slug.\n")
        return 1
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("x", encoding="utf-8") as handle:  # "x": never overwrite, even in a race
        handle.write(text)
    out.write(f"Wrote {rel}.\n")
    return 0


def _is_continuous(config: Path) -> bool:
    """Whether mkdocs.yml says `publication: continuous` (unreadable settings: no)."""
    return publishes_continuously(read_settings(config)[0])


def run_schema(kind: str | None, config_file: str | None, out: TextIO) -> int:
    """Print the JSON Schema of the journal's files: of a continuous journal's when its
    mkdocs.yml says so (outside a journal's folder, of a journal with issues)."""
    if config_file is not None:
        _, config = _root_and_config(config_file)  # a named file must exist
    else:
        config = Path("mkdocs.yml").resolve()
    types, continuous = DEFAULT_TYPES, False
    if config.is_file():  # settings read once; unreadable ones: the defaults (check says why)
        values, broken = read_settings(config)
        continuous = publishes_continuously(values)
        if broken is None:
            types = article_types_of(load_settings(config.parent, config, values))
    schema = (
        build_schema(kind, types, continuous=continuous)
        if kind
        else build_schemas(types, continuous=continuous)
    )
    out.write(json.dumps(schema, indent=2, ensure_ascii=False) + "\n")
    return 0


def _latest_volume(root: Path) -> int | None:
    """The highest volume of a continuous journal (abstracts/<volume>/<slug>.md)."""
    found = []
    for path in iter_markdown(root / reading.ABSTRACTS):
        parts = path.relative_to(root / reading.ABSTRACTS).parts
        if len(parts) == 2 and parts[0].isdigit():
            found.append(int(parts[0]))
    return max(found) if found else None


def _latest_issue(root: Path) -> tuple[int, int] | None:
    found = []
    for path in iter_markdown(root / reading.ABSTRACTS):
        parts = path.relative_to(root / reading.ABSTRACTS).parts
        if len(parts) == 3 and parts[0].isdigit() and parts[1].isdigit():
            found.append((int(parts[0]), int(parts[1])))
    return max(found) if found else None


def _new_date(
    root: Path, volume: int, issue: int, given: datetime.date | None
) -> tuple[int, datetime.date]:
    """The year and date of a new abstract: its issue's when the issue exists (issues.yml,
    or its abstracts), else today's; `--published` gives the date."""
    items = load_data(root, root / reading.ISSUES_FILE, "issues")
    listed = items.meta["issues"] if isinstance(items, RawEntry) else None
    entries = [load_entry(root, p) for p in iter_markdown(root / reading.ABSTRACTS / str(volume))]
    found = issue_date(
        volume,
        issue,
        listed if isinstance(listed, list) else [],
        [e.meta for e in entries if isinstance(e, RawEntry)],
    )
    if found is None:
        date = given or reading.build_date()
        return date.year, date
    return found[0], given or found[1]


def _where_new(
    root: Path, args: argparse.Namespace, continuous: bool
) -> tuple[int, int | None, int, datetime.date]:
    """(volume, issue, year, published) of a new abstract: the latest issue's (or, in a
    continuous journal, the latest volume with no issue and the published date's year)."""
    if continuous:
        if args.issue:
            raise UsageError(
                "this journal publishes continuously (publication: continuous in "
                "mkdocs.yml): its articles have no issue. Leave out --issue."
            )
        volume = args.volume or _latest_volume(root)
        if volume is None:
            raise UsageError("no volume exists yet: give --volume.")
        published = args.published or reading.build_date()
        return volume, None, published.year, published
    latest = _latest_issue(root)
    volume = args.volume or (latest[0] if latest else None)
    issue = args.issue or (latest[1] if latest else None)
    if volume is None or issue is None:
        raise UsageError("no issue exists yet: give --volume and --issue.")
    year, published = _new_date(root, volume, issue, args.published)
    return volume, issue, year, published


def run_new_abstract(args: argparse.Namespace, out: TextIO) -> int:
    root, config = _root_and_config(args.config_file)
    slug = _make_slug(args.title, args.slug, is_title=True)
    continuous = _is_continuous(config)
    volume, issue, year, published = _where_new(root, args, continuous)
    if any(p.stem == slug for p in iter_markdown(root / reading.ABSTRACTS)):
        out.write(
            f"an abstract named {slug}.md already exists; nothing written. Choose "
            "another name with --slug.\n"
        )
        return 1
    ids = [
        a if (root / reading.AUTHORS / f"{a}.md").is_file() else _make_slug(a, None)
        for a in args.author
    ]
    values: list[tuple[str, Any]] = [
        ("title", " ".join(args.title.split())),
        ("authors", ids),
        ("volume", volume),
    ]
    if issue is not None:  # a continuous journal's article has no issue; its year is the date's
        values += [("issue", issue), ("year", year)]
    values += [("published", published), ("type", args.type)]
    if args.doi:
        values.append(("doi", args.doi))
    values.append(("draft", True))
    text = front_matter.render(values, PLACEHOLDER_ABSTRACT)
    folder = f"{volume}" if issue is None else f"{volume}/{issue}"
    rel = f"{reading.ABSTRACTS}/{folder}/{slug}.md"
    check = partial(check_abstract, continuous=continuous)
    status = _write_new(root, rel, text, check, out)
    if status == 0:
        out.write("It is a draft: write the text, then remove `draft: true` to publish it.\n")
        for author_id in ids:
            if not (root / reading.AUTHORS / f"{author_id}.md").is_file():
                out.write(
                    f"There is no authors/{author_id}.md yet; create it with "
                    f'journal new author --name "…" --slug {author_id}\n'
                )
    return status


def _given_and_family(args: argparse.Namespace) -> tuple[str, str]:
    """--given/--family, else told from the name, else asked (a usage error when no one can
    be asked)."""
    parts = split_name(args.name) or ("", "")
    given, family = args.given or parts[0], args.family or parts[1]
    if family:
        return given, family
    if not sys.stdin.isatty():
        raise UsageError(
            f'cannot tell the given and family names of "{args.name}". Give them with '
            '--given and --family, e.g. --given "José" --family "Núñez García".'
        )
    return input(f"Given name(s) of {args.name}: ").strip(), input("Family name: ").strip()


def run_new_author(args: argparse.Namespace, out: TextIO) -> int:
    root, _ = _root_and_config(args.config_file)
    name = display_name(args.name)
    slug = _make_slug(name, args.slug)
    if (root / reading.AUTHORS / f"{slug}.md").exists():
        out.write(
            f"authors/{slug}.md already exists; nothing written. Choose another name with --slug.\n"
        )
        return 1
    args.given, args.family = _given_and_family(args)
    values: list[tuple[str, Any]] = [("name", name)]
    for key in ("given", "family", "orcid", "email"):
        if getattr(args, key):
            values.append((key, getattr(args, key)))
    text = front_matter.render(values, "")
    status = _write_new(root, f"{reading.AUTHORS}/{slug}.md", text, check_author, out)
    if status == 0:
        out.write(
            f"Write the biography below the second --- line. Abstracts list this author "
            f"as {slug}.\n"
        )
    return status


def run_import(args: argparse.Namespace, out: TextIO) -> int:
    """Import the files, then check what was written with the whole journal's rules (what
    no single file shows, such as characters the PDF fonts lack, appears here)."""
    root, config = _root_and_config(args.config_file)
    from . import importing  # lxml and the JATS reader: only for this command

    status, written = importing.run_jats(root, config, args.paths, args.issue, args.replace, out)
    if not written:
        return status
    out.write("\n`journal check` of the imported files:\n")
    checked = run_check([str(root / rel) for rel in written], args.config_file, "text", out)
    out.write("Review the new files before you commit them.\n")
    return max(status, checked)


INIT_QUESTIONS = (
    ("title", "The journal's full title", True),
    ("abbreviation", "Its ISO 4 abbreviation (e.g. J Clin Exp Oncol)", True),
    ("issn_print", "Print ISSN (empty: none)", False),
    ("issn_online", "Online ISSN (empty: none)", False),
    ("publisher", "Publisher", False),
    ("doi_prefix", "Crossref DOI prefix, e.g. 10.4172 (empty: none yet)", False),
    ("language", "Language of the articles, ISO 639-1 (e.g. en)", False),
    (
        "site_url",
        "The journal's own address, e.g. https://journal.org/ (empty: GitHub Pages')",
        False,
    ),
    (
        "repo_url",
        "The journal's GitHub repository, e.g. https://github.com/owner/name, where the "
        "editors' desk saves (empty: git's origin)",
        False,
    ),
    ("contact_email", "The editorial office's e-mail", False),
    (
        "publication",
        "issues (numbered issues) or continuous (articles as accepted, in volumes only)",
        False,
    ),
)


def _init_facts(args: argparse.Namespace, ask: bool, root: Path) -> new_journal.JournalFacts:
    values: dict[str, str] = {}
    for name, question, required in INIT_QUESTIONS:
        value = (getattr(args, name) or "").strip()
        if not value and ask:
            value = input(f"{question}: ").strip()
        if not value and required:
            raise UsageError(f"the journal needs a {name}: give --{name.replace('_', '-')}.")
        if value:
            values[name] = value
    if "repo_url" not in values:
        values["repo_url"] = new_journal.github_repo_url(_origin(root))
    elif repo_of(values["repo_url"]) is None:
        raise UsageError(
            f"--repo-url {values['repo_url']!r} is not a GitHub repository's address; "
            "write https://github.com/<owner>/<name>."
        )
    return new_journal.JournalFacts(**values)


def _origin(root: Path) -> str:
    """The address of git's `origin` remote of the journal's folder ("" without one)."""
    import subprocess  # (imported here: `journal check` starts no process)

    try:
        done = subprocess.run(
            ["git", "remote", "get-url", "origin"],
            cwd=root,
            capture_output=True,
            text=True,
            check=False,
        )
    except OSError:  # no git
        return ""
    return done.stdout.strip() if done.returncode == 0 else ""


def _checked_config(config: Path, text: str, out: TextIO) -> bool:
    """Whether the new mkdocs.yml text passes the settings' checks (its problems printed)."""
    trial = config.with_name(".journal-init.yml")
    trial.write_text(text, encoding="utf-8")
    try:
        values, broken = read_settings(trial)
        entry = load_settings(config.parent, trial, values)
        _, found = check_settings(entry, read_site_url(trial))
    finally:
        trial.unlink()
    errors = [replace(p, path=config.name) for p in ([broken] if broken else found)]
    for problem in sort_problems(errors):
        out.write(format_problem(problem) + "\n")
    if errors:
        out.write(f"{format_summary(errors)}; nothing changed. Correct the values and run again.\n")
    return not errors


def run_init(args: argparse.Namespace, out: TextIO) -> int:
    """Make this fork a new, empty journal: its facts in mkdocs.yml, the sample gone."""
    root, config = _root_and_config(args.config_file)
    ask = not args.yes and sys.stdin.isatty()
    facts = _init_facts(args, ask, root)
    text = new_journal.rewrite_config(config.read_text(encoding="utf-8-sig"), facts)
    if not _checked_config(config, text, out):
        return 1
    if ask and input(
        "Delete the sample journal's abstracts, authors and issues? [y/N] "
    ).strip().lower() not in ("y", "yes"):
        out.write("Nothing changed.\n")
        return 1
    config.write_text(text, encoding="utf-8")
    removed = new_journal.remove_sample(root, continuous=facts.publication == "continuous")
    pages = new_journal.write_pages(root, facts)
    out.write(f"Wrote {config.name} and {', '.join(pages)}; removed {len(removed)} sample files.\n")
    if facts.repo_url:
        out.write(f"The editors' desk (/admin/) saves to {facts.repo_url}.\n")
    else:
        out.write(
            f"The editors' desk (/admin/) needs the journal's repository: replace "
            f"{new_journal.REPO_PLACEHOLDER} in {config.name}'s repo_url (or run again with "
            "--repo-url); CI and deploy.yml give it themselves. Set cms: false for no desk.\n"
        )
    out.write(
        "Next: describe the journal in docs/index.md, docs/about.md and docs/submit.md, "
        'then `journal new author` and `journal new abstract` (README, "Start your own '
        'journal").\n'
    )
    return 0


def _date(text: str) -> datetime.date:
    try:
        return datetime.date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a date; write YYYY-MM-DD") from None


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="journal", description=__doc__.splitlines()[0])
    parser.add_argument(
        "--config-file",
        "-f",
        help="the journal's mkdocs.yml (default: mkdocs.yml in the current folder)",
    )
    commands = parser.add_subparsers(dest="command", metavar="COMMAND", required=True)
    check = commands.add_parser(
        "check", help="check the settings, abstracts, authors and issues.yml; print every problem"
    )
    check.add_argument(
        "paths", nargs="*", metavar="PATH", help="only report problems in these files or folders"
    )
    check.add_argument("--format", choices=FORMATS, default="text", dest="output")
    check.add_argument(
        "--deploy",
        action="store_true",
        help="also the rules of a deploy: site_url must be the journal's real address",
    )
    check.add_argument("--config-file", "-f", default=argparse.SUPPRESS)
    new = commands.add_parser("new", help="start a new abstract or author file")
    kinds = new.add_subparsers(dest="kind", metavar="KIND", required=True)
    abstract = kinds.add_parser(
        "abstract",
        help="write abstracts/<volume>/<issue>/<slug>.md (continuous: <volume>/<slug>.md)",
    )
    abstract.add_argument("--title", required=True)
    abstract.add_argument(
        "--author",
        action="append",
        required=True,
        help="an author id (or name); repeat for each author, in order",
    )
    abstract.add_argument("--volume", type=int)
    abstract.add_argument("--issue", type=int)
    abstract.add_argument("--type", choices=DEFAULT_NAMES, default="Research Article")
    abstract.add_argument("--published", type=_date, help="YYYY-MM-DD (default: today)")
    abstract.add_argument("--doi")
    abstract.add_argument("--slug", help="the file name without .md (default: from the title)")
    author = kinds.add_parser("author", help="write authors/<slug>.md")
    author.add_argument("--name", required=True)
    for key in ("given", "family", "orcid", "email"):
        author.add_argument(f"--{key}")
    author.add_argument("--slug", help="the author id (default: from the name)")
    for sub in (abstract, author):
        sub.add_argument("--config-file", "-f", default=argparse.SUPPRESS)
    init = commands.add_parser(
        "init", help="make this fork a new, empty journal (asks for what the flags do not give)"
    )
    for name, question, _ in INIT_QUESTIONS:
        init.add_argument(f"--{name.replace('_', '-')}", dest=name, help=question)
    init.add_argument("--yes", "-y", action="store_true", help="ask nothing; change the files")
    init.add_argument("--config-file", "-f", default=argparse.SUPPRESS)
    importer = commands.add_parser("import", help="import articles from other systems' files")
    formats = importer.add_subparsers(dest="format", metavar="FORMAT", required=True)
    jats = formats.add_parser(
        "jats", help="JATS 1.x / NLM 2.3 XML articles (PMC, OJS, eLife, Ubiquity, BMJ…)"
    )
    jats.add_argument(
        "paths", nargs="+", metavar="FILE|DIR", help="JATS files, or folders of .xml/.nxml files"
    )
    jats.add_argument(
        "--issue",
        type=int,
        help="the issue number for articles whose file has none (a journal with issues)",
    )
    jats.add_argument(
        "--replace",
        action="store_true",
        help="overwrite an abstract with the same file name or DOI (default: skip the article)",
    )
    jats.add_argument("--config-file", "-f", default=argparse.SUPPRESS)
    schema = commands.add_parser("schema", help="print the JSON Schema of the front matter")
    schema.add_argument(
        "kind", nargs="?", choices=KINDS, help="one kind of file (default: all, under $defs)"
    )
    schema.add_argument("--config-file", "-f", default=argparse.SUPPRESS)
    summary = commands.add_parser("summary", help="a pull request's changes, as Markdown")
    changes.add_arguments(summary)
    summary.add_argument("--config-file", "-f", default=argparse.SUPPRESS)
    return parser


def main(argv: Sequence[str] | None = None, out: TextIO | None = None) -> int:
    """Run the command; return its exit status."""
    out = out or sys.stdout
    parser = _parser()
    args = parser.parse_args(argv)
    try:
        if args.command == "check":
            return run_check(args.paths, args.config_file, args.output, out, args.deploy)
        if args.command == "init":
            return run_init(args, out)
        if args.command == "new":
            run = run_new_abstract if args.kind == "abstract" else run_new_author
            return run(args, out)
        if args.command == "import":
            return run_import(args, out)
        if args.command == "summary":
            return changes.run(args, out)
        return run_schema(args.kind, args.config_file, out)
    except UsageError as exc:
        parser.print_usage(sys.stderr)
        sys.stderr.write(f"journal: error: {exc}\n")
        return 2
