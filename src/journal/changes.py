"""What a pull request changes, told to an editor: the job summary of its preview build.

`journal summary --base REV --head REV` reads the two commits with git (nothing is checked
out), loads every changed abstract, author and issues.yml with the journal's own loader to
get titles and names, and writes Markdown: first whether the pull request changes code (files
that run during a build or a test: those need a maintainer), then the abstracts, authors and
issues (a continuous journal's volumes) added, changed or removed, each issue with how many of
its abstracts are added, changed or removed, the other files, the problems `journal check`
finds in the checked-out files (CI checks out the head), and how to open the preview.
Every value taken from the files is escaped: a title cannot add links, HTML, tables or lines to
the summary.
"""

from __future__ import annotations

import argparse
import re
import sys
import urllib.parse
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any, TextIO

from . import reading, urls
from .formatting import format_volume_issue
from .loading import RawEntry, load_data, load_entry, publishes_continuously, read_settings
from .problems import Problem, format_problem, sort_problems
from .validation import check_abstract, check_author, check_issue_list

CODE = (
    "mkdocs.yml",
    "hooks/",
    "overrides/",
    "src/",
    ".github/",
    "Makefile",
    "pyproject.toml",
    "constraints.txt",
    "scripts/",
    "tests/",
    "benchmarks/",
    "package.json",
    "package-lock.json",
)
"""Files (or folders, ending in /) whose content runs when the journal is built or tested."""
STATUS = {"A": "added", "M": "changed", "D": "removed", "T": "changed"}
MAX_PROBLEMS = 100
_MARKDOWN = re.compile(r"([\\`*_{}\[\]()#+\-.!|~>:@=\"'$^])")


class SummaryError(Exception):
    """A revision git cannot read, or a folder that is not a git repository."""


def escape(text: str) -> str:
    """`text` as literal inline Markdown: one line, no HTML, links, code, tables or mentions."""
    one_line = " ".join(str(text).split())
    html = one_line.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    return _MARKDOWN.sub(r"\\\1", html).replace("\\@", "\\@&#8203;")  # no @mention


def code(path: str) -> str:
    """A file name shown as code, whatever backticks it holds."""
    text = " ".join(path.split()).replace("`", "'")
    return f"`{text}`" if text else "``"


@dataclass(frozen=True, slots=True)
class Change:
    kind: str  # "abstract", "author" or "issue" (an issue, or a continuous journal's volume)
    status: str  # "added", "changed" or "removed"
    label: str  # the title, name or issue heading
    path: str  # the file, or "issues.yml"
    url: str  # the page in the site ("" for a removed one)
    was: str = ""  # the title before, when it changed
    detail: str = ""  # an issue's: what happens to its abstracts, e.g. "2 abstracts added"


@dataclass(frozen=True, slots=True)
class Summary:
    code: list[str]
    changes: list[Change]
    other: list[str]
    continuous: bool = False  # the journal publishes continuously: volumes, no issues


class Revision:
    """The files of one commit, read with git and written to a scratch folder for the loader."""

    def __init__(self, repo: Path, rev: str, scratch: Path, continuous: bool = False) -> None:
        self.repo, self.rev, self.root, self.continuous = repo, rev, scratch, continuous

    def entry(self, path: str) -> RawEntry | Problem:
        target = self.root / path
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(git(self.repo, "show", f"{self.rev}:{path}"))
        return load_entry(self.root, target)

    def has_abstracts(self, volume: int, number: int | None) -> bool:
        """Whether the issue's folder holds abstracts (a volume's: abstracts/<volume>/*.md)."""
        if number is None:
            folder = f"{reading.ABSTRACTS}/{volume}/"
            names = git(self.repo, "ls-tree", "--name-only", "-z", self.rev, "--", folder)
        else:
            folder = f"{reading.ABSTRACTS}/{volume}/{number}/"
            names = git(self.repo, "ls-tree", "-r", "--name-only", "-z", self.rev, "--", folder)
        return any(name.endswith(b".md") for name in names.split(b"\0"))

    def issues(self) -> dict[tuple[int, int | None], dict[str, Any]]:
        """issues.yml's entries by (volume, issue), a continuous journal's by (volume, None);
        none when the file is absent or broken."""
        listed = git(self.repo, "ls-tree", "--name-only", self.rev, "--", reading.ISSUES_FILE)
        if not listed.strip():
            return {}
        target = self.root / reading.ISSUES_FILE
        target.write_bytes(git(self.repo, "show", f"{self.rev}:{reading.ISSUES_FILE}"))
        data = load_data(self.root, target, "issues")
        items = (
            []
            if isinstance(data, Problem)
            else check_issue_list(data, continuous=self.continuous)[0]
        )
        return {(i["volume"], i["issue"]): i for i in items if "volume" in i and "issue" in i}


def git(repo: Path, *args: str) -> bytes:
    import subprocess  # (this module's own imports are made when it runs: `journal check`
    # imports it for its command line only)

    result = subprocess.run(["git", "-C", str(repo), *args], capture_output=True, check=False)
    if result.returncode != 0:
        message = result.stderr.decode("utf-8", "replace").strip().splitlines()
        raise SummaryError(f"git {' '.join(args[:2])}: {message[-1] if message else 'failed'}")
    return result.stdout


def changed_files(repo: Path, base: str, head: str) -> list[tuple[str, str]]:
    """(status letter, path) of every file that differs from the merge base to `head`."""
    out = git(repo, "diff", "--name-status", "--no-renames", "-z", f"{base}...{head}", "--")
    fields = out.decode("utf-8", "surrogateescape").split("\0")
    return [(fields[i][0], fields[i + 1]) for i in range(0, len(fields) - 1, 2)]


def is_code(path: str) -> bool:
    return any(path == c or (c.endswith("/") and path.startswith(c)) for c in CODE)


def _title(entry: RawEntry | Problem, kind: str, continuous: bool) -> str:
    """The title (abstract) or name (author) the loader reads; the raw value when broken."""
    if isinstance(entry, Problem):
        return ""
    if kind == "abstract":
        parsed, _ = check_abstract(entry, continuous=continuous)
        value = parsed.fields.get("title") if parsed else entry.meta.get("title")
    else:
        author, _ = check_author(entry)
        value = author.name if author else entry.meta.get("name")
    return value if isinstance(value, str) else ""


def _file_change(kind: str, letter: str, path: str, base: Revision, head: Revision) -> Change:
    status = STATUS.get(letter, "changed")
    stem = Path(path).stem
    url = urls.url_for_abstract(stem) if kind == "abstract" else urls.url_for_author(stem)
    new = _title(head.entry(path), kind, head.continuous) if status != "removed" else ""
    old = _title(base.entry(path), kind, base.continuous) if status != "added" else ""
    label = (new or old) or stem
    was = old if status == "changed" and old and new and old != new else ""
    return Change(kind, status, label, path, "" if status == "removed" else url, was)


def _issue_key(path: str, continuous: bool = False) -> tuple[int, int | None] | None:
    """The issue of abstracts/<volume>/<issue>/<slug>.md; in a continuous journal the volume
    of abstracts/<volume>/<slug>.md, (volume, None)."""
    parts = path.split("/")
    if (
        parts[0] != reading.ABSTRACTS
        or not parts[1:-1]
        or not all(p.isdigit() for p in parts[1:-1])
    ):
        return None
    if continuous and len(parts) == 3:
        return int(parts[1]), None
    if not continuous and len(parts) == 4:
        return int(parts[1]), int(parts[2])
    return None


def _counts(statuses: Sequence[str]) -> str:
    """E.g. "2 abstracts added, 1 abstract changed"."""
    counted = ((statuses.count(s), s) for s in ("added", "changed", "removed"))
    return ", ".join(f"{n} abstract{'s' if n > 1 else ''} {s}" for n, s in counted if n)


def _issue_changes(
    abstracts: Iterable[Change], base: Revision, head: Revision, listed: bool
) -> list[Change]:
    """Issues (a continuous journal's volumes) that appear, disappear, or whose abstracts or
    issues.yml entry changed."""
    continuous = head.continuous
    old, new = (base.issues(), head.issues()) if listed else ({}, {})
    statuses: dict[tuple[int, int | None], list[str]] = {}
    for change in abstracts:
        key = _issue_key(change.path, continuous)
        if key:
            statuses.setdefault(key, []).append(change.status)
    keys = set(statuses) | {k for k in old.keys() | new.keys() if old.get(k) != new.get(k)}
    found = []
    for volume, number in sorted(keys, key=lambda k: (k[0], k[1] or 0)):
        before, after = base.has_abstracts(volume, number), head.has_abstracts(volume, number)
        if not (before or after):
            continue  # an issues.yml entry for an issue with no abstracts: not on the site
        status = "changed" if before and after else "added" if after else "removed"
        meta = new.get((volume, number)) or old.get((volume, number)) or {}
        title = meta.get("title") if isinstance(meta.get("title"), str) else ""
        heading = format_volume_issue(volume, number, capital=True)
        label = heading + (f": {title}" if title else "")
        url = "" if status == "removed" else urls.url_for_issue(volume, number)
        detail = _counts(statuses.get((volume, number), []))
        found.append(Change("issue", status, label, reading.ISSUES_FILE, url, detail=detail))
    return found


def summarise(repo: Path, base: str, head: str, *, continuous: bool = False) -> Summary:
    """What changes between the merge base of `base` and `head`, and `head` (`continuous`:
    the journal publishes continuously, its abstracts are in volumes)."""
    files = changed_files(repo, base, head)
    code_files = [p for _, p in files if is_code(p)]
    changes: list[Change] = []
    other: list[str] = []
    import tempfile

    with tempfile.TemporaryDirectory() as scratch:
        fork_point = git(repo, "merge-base", base, head).decode().strip()
        old = Revision(repo, fork_point, Path(scratch) / "base", continuous)
        new = Revision(repo, head, Path(scratch) / "head", continuous)
        for letter, path in files:
            kind = _kind(path)
            if kind in ("abstract", "author"):
                changes.append(_file_change(kind, letter, path, old, new))
            elif not is_code(path) and path != reading.ISSUES_FILE:
                other.append(path)
        abstracts = [c for c in changes if c.kind == "abstract"]
        listed = any(p == reading.ISSUES_FILE for _, p in files)
        changes += _issue_changes(abstracts, old, new, listed)
    return Summary(code_files, changes, other, continuous)


def _kind(path: str) -> str:
    if path.startswith(f"{reading.ABSTRACTS}/") and path.endswith(".md"):
        return "abstract"
    if path.startswith(f"{reading.AUTHORS}/") and path.count("/") == 1 and path.endswith(".md"):
        return "author"
    return ""


# --- the Markdown ---------------------------------------------------------------------------

KINDS = (("abstract", "Abstracts"), ("author", "Authors"), ("issue", "Issues"))
"""The sections, in order; a continuous journal's "issue" section is headed Volumes."""


def _code_section(files: Sequence[str]) -> list[str]:
    if not files:
        return []
    shown = ", ".join(code(f) for f in files[:20]) + (", …" if len(files) > 20 else "")
    return [
        "> ⚠️ **Changes code: needs a maintainer.** This pull request changes files that run "
        "when the journal is built or tested: " + shown + ". An editor can review the "
        "content below; a maintainer must review the code before it is merged.",
        "",
    ]


def _target(url: str) -> str:
    """A link target that cannot end the link early: spaces, <, >, ( and ) percent-encoded."""
    return urllib.parse.quote(url, safe=":/?#=&%~+,;@!$*")


def _change_line(change: Change, preview_url: str) -> str:
    label = escape(change.label)
    if preview_url and change.url:
        label = f"[{label}]({_target(preview_url + change.url)})"
    was = f" (was: {escape(change.was)})" if change.was else ""
    if change.kind == "issue":
        where = f" — {escape(change.detail)}" if change.detail else ""
    else:
        where = f" — {code(change.path)}"
    return f"- **{change.status}**: {label}{was}{where}"


def _content_section(summary: Summary, preview_url: str) -> list[str]:
    lines: list[str] = []
    for kind, heading in KINDS:
        if kind == "issue" and summary.continuous:
            heading = "Volumes"
        found = [c for c in summary.changes if c.kind == kind]
        if found:
            lines += [f"### {heading}", "", *(_change_line(c, preview_url) for c in found), ""]
    if summary.other:
        lines += ["### Other files", "", *(f"- {code(path)}" for path in summary.other), ""]
    if not lines:
        groups = "volumes" if summary.continuous else "issues"
        lines = [f"No abstracts, authors or {groups} change.", ""]
    return lines


def _problem_section(problems: Sequence[Problem]) -> list[str]:
    if not problems:
        return ["### Problems", "", "None: every file passes `journal check`.", ""]
    errors = sum(p.is_error for p in problems)
    lines = [
        "### Problems",
        "",
        f"{errors} error(s), {len(problems) - errors} warning(s); each is also marked on "
        "its line in the pull request's **Files changed** tab.",
        "",
    ]
    lines += [f"- {escape(format_problem(p))}" for p in problems[:MAX_PROBLEMS]]
    if len(problems) > MAX_PROBLEMS:
        lines.append(f"- … and {len(problems) - MAX_PROBLEMS} more (run `journal check`).")
    return [*lines, ""]


def _open_section(artifact: str, run_url: str, preview_url: str) -> list[str]:
    lines = ["### Open the preview", ""]
    if not artifact:
        return [
            *lines,
            "The preview could not be built. Fix the problems above (the build step's log "
            "names the others), then push again.",
            "",
        ]
    if preview_url:
        lines += [f"Online: [{escape(preview_url)}]({_target(preview_url)}).", ""]
    where = f"[this run's page]({_target(run_url)})" if run_url else "this run's page"
    return [
        *lines,
        f"1. On {where}, under **Artifacts** at the bottom, download **{escape(artifact)}**.",
        "2. Unzip it. In the unzipped folder, start a small web server: "
        "`python3 -m http.server 8000` (or `py -m http.server 8000` on Windows).",
        "3. Open <http://localhost:8000/> in your browser. Drafts and scheduled abstracts "
        "are shown, as they will look when published.",
        "",
    ]


def render(
    summary: Summary,
    problems: Sequence[Problem],
    *,
    artifact: str = "preview",
    run_url: str = "",
    preview_url: str = "",
) -> str:
    """The whole job summary, as GitHub-flavoured Markdown."""
    base = preview_url.rstrip("/") + "/" if preview_url else ""
    lines = [
        "## Preview of this pull request",
        "",
        *_code_section(summary.code),
        *_content_section(summary, base),
        *_problem_section(problems),
        *_open_section(artifact, run_url, base),
    ]
    return "\n".join(lines)


# --- the command ----------------------------------------------------------------------------


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--base", required=True, help="the branch or commit merged into")
    parser.add_argument("--head", default="HEAD", help="the pull request's commit")
    parser.add_argument(
        "--artifact", default="preview", help="the preview artifact's name ('': none was built)"
    )
    parser.add_argument("--run-url", default="", help="the CI run's page (lists artifacts)")
    parser.add_argument("--preview-url", default="", help="where the preview is online, if it is")


def head_problems(config_file: str | None) -> list[Problem]:
    """The problems `journal check` reports for the checked-out files."""
    config = Path(config_file or "mkdocs.yml").resolve()
    values, broken = read_settings(config)
    _, problems, _ = reading.load_journal(config.parent, config, values, preview=True)
    return sort_problems([*([broken] if broken else []), *problems])


def run(args: argparse.Namespace, out: TextIO) -> int:
    """`journal summary`: print the job summary; 2 when git cannot read a revision."""
    config = Path(args.config_file or "mkdocs.yml")
    if not config.is_file():
        sys.stderr.write(f"journal: error: {config} not found. Run it in the journal's folder.\n")
        return 2
    continuous = publishes_continuously(read_settings(config.resolve())[0])
    try:
        summary = summarise(config.resolve().parent, args.base, args.head, continuous=continuous)
    except SummaryError as error:
        sys.stderr.write(f"journal: error: {error}\n")
        return 2
    problems = head_problems(args.config_file)
    options = {"artifact": args.artifact, "run_url": args.run_url}
    out.write(render(summary, problems, **options, preview_url=args.preview_url) + "\n")
    return 0
