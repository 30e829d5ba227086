"""Problems found in the editors' files, and the one place that formats them."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Literal

Severity = Literal["error", "warning"]


@dataclass(frozen=True, slots=True, kw_only=True, order=True)
class Problem:
    """One thing wrong in one file, with where it is and how to fix it."""

    path: str
    """Repository-relative path, e.g. "abstracts/6/3/x.md" or "mkdocs.yml"."""
    line: int
    """1-based line of the offending key (1 for whole-file problems)."""
    field: str
    """Dotted path of the key, e.g. "authors[2].orcid"."""
    message: str
    """What is wrong, the value found, and how to fix it: full sentences."""
    severity: Severity = "error"

    @property
    def is_error(self) -> bool:
        return self.severity == "error"


def format_problem(problem: Problem) -> str:
    """Format one problem as `path:line: field: message`."""
    suffix = " (warning)" if problem.severity == "warning" else ""
    text = f"{problem.path}:{problem.line}: {problem.field}: {problem.message}{suffix}"
    return " ".join(text.splitlines())  # one line per problem, whatever a value held


def sort_problems(problems: Iterable[Problem]) -> list[Problem]:
    """Sort by path, then line, then field, dropping exact repeats."""
    return sorted(set(problems), key=lambda p: (p.path, p.line, p.field, p.message))


def format_summary(problems: Iterable[Problem]) -> str:
    """Count problems and files, e.g. "3 problems (1 warning) in 2 files"."""
    items = list(problems)
    files = len({p.path for p in items})
    warnings = sum(1 for p in items if not p.is_error)
    noun = "problem" if len(items) == 1 else "problems"
    extra = f" ({warnings} warning{'s' if warnings != 1 else ''})" if warnings else ""
    return f"{len(items)} {noun}{extra} in {files} file{'s' if files != 1 else ''}"


def format_report(problems: Iterable[Problem]) -> str:
    """Every problem on its own line, sorted, then the count."""
    items = sort_problems(problems)
    lines = [format_problem(p) for p in items]
    lines.append(format_summary(items) + ".")
    return "\n".join(lines)


def format_exclusions(paths: Iterable[str]) -> list[str]:
    """One line per file left out of the site because of its errors."""
    return [
        f"{path}: left out of the site because of the errors above. Fix them and build again."
        for path in sorted(paths)
    ]
