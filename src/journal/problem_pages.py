"""Editors' problems in the browser, for `mkdocs serve` only: a file left out of the site
for its errors gets a page at its own address that lists them (instead of a 404), and one
page lists every current problem. A production build never makes these pages."""

from __future__ import annotations

import posixpath
from collections import defaultdict
from collections.abc import Iterable, Sequence

from . import urls
from .pages import PageSpec
from .placeholders import markdown_text
from .problems import Problem, format_summary, sort_problems

PROBLEMS = "journal-problems.md"
"""The page of all problems (served at /journal-problems/)."""


def _src_for(path: str) -> str | None:
    """The page an editors' file would have made."""
    folder, stem = path.split("/", 1)[0], posixpath.splitext(posixpath.basename(path))[0]
    if not path.endswith(".md"):
        return None
    if folder == "abstracts":
        return urls.src_for_abstract(stem)
    if folder == "authors":
        return urls.src_for_author(stem)
    return None


def _items(problems: Iterable[Problem]) -> list[str]:
    return [
        f"- **line {p.line}, {markdown_text(p.field)}** ({p.severity}): {markdown_text(p.message)}"
        for p in problems
    ]


def _link(src_uri: str, target: str, text: str) -> str:
    return f"[{text}]({posixpath.relpath(target, posixpath.dirname(src_uri) or '.')})"


def problem_pages(
    problems: Sequence[Problem], left_out: Sequence[str], taken: Iterable[str]
) -> list[PageSpec]:
    """The problems page, and a page for each left-out file whose address is free."""
    by_path: dict[str, list[Problem]] = defaultdict(list)
    for problem in sort_problems(problems):
        by_path[problem.path].append(problem)
    lines = [
        "This page is shown by `mkdocs serve` only. Fix each problem in its file and save: "
        "the page reloads.",
        "",
        f"{format_summary(problems)}.",
    ]
    for path, found in by_path.items():
        lines += ["", f"## {markdown_text(path)}", "", *_items(found)]
    pages = [PageSpec(src_uri=PROBLEMS, template="main.html", title="Problems",
                      body="\n".join(lines) + "\n", is_searchable=False)]  # fmt: skip
    used = set(taken)
    for path in left_out:
        src = _src_for(path)
        if src is None or src in used:
            continue
        used.add(src)
        body = [
            f"This page is not built: **{markdown_text(path)}** has errors. Fix them and "
            "save the file (shown by `mkdocs serve` only).",
            "",
            *_items(by_path.get(path, [])),
            "",
            _link(src, PROBLEMS, "Every problem of the journal"),
        ]
        pages.append(PageSpec(src_uri=src, template="main.html", title=f"Problems in {path}",
                              body="\n".join(body) + "\n", is_searchable=False))  # fmt: skip
    return pages


def problems_nav_item(problems: Sequence[Problem]) -> dict[str, str]:
    """The menu entry of the problems page."""
    count = len(sort_problems(problems))
    return {f"Problems ({count})": PROBLEMS}
