"""Problems found in the editors' files, and the one place that formats them."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Literal

Severity = Literal["error", "warning", "note"]
"""An error keeps its file off the site; a warning fails a strict build (`mkdocs build
--strict`, `journal check`); a note is printed and never fails anything."""


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

    @property
    def is_note(self) -> bool:
        """Information only: never fails a build or `journal check`."""
        return self.severity == "note"


def failing(problems: Iterable[Problem]) -> list[Problem]:
    """The errors and warnings: what fails `journal check` and a strict build."""
    return [p for p in problems if not p.is_note]


def format_problem(problem: Problem) -> str:
    """Format one problem as `path:line: field: message`."""
    suffix = f" ({problem.severity})" if problem.severity != "error" else ""
    text = f"{problem.path}:{problem.line}: {problem.field}: {problem.message}{suffix}"
    return " ".join(text.splitlines())  # one line per problem, whatever a value held


def sort_problems(problems: Iterable[Problem]) -> list[Problem]:
    """Sort by path, then line, then field, dropping exact repeats."""
    return sorted(set(problems), key=lambda p: (p.path, p.line, p.field, p.message))


def _count(number: int, noun: str) -> str:
    return f"{number} {noun}{'' if number == 1 else 's'}"


def format_summary(problems: Iterable[Problem]) -> str:
    """Count problems and files, e.g. "3 problems (1 warning) in 2 files, and 1 note"
    (notes are counted apart: they are no problem)."""
    items = list(problems)
    notes = [p for p in items if p.is_note]
    found = failing(items)
    note_text = _count(len(notes), "note")
    if not found:
        return f"No problems; {note_text} in {_count(len({p.path for p in notes}), 'file')}"
    warnings = sum(1 for p in found if not p.is_error)
    extra = f" ({_count(warnings, 'warning')})" if warnings else ""
    files = _count(len({p.path for p in found}), "file")
    return f"{_count(len(found), 'problem')}{extra} in {files}" + (
        f", and {note_text}" if notes else ""
    )


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
