"""Every broken input gives its exact messages (tests/fixtures/invalid/<rule>.expected.txt).

A `<rule>.md` is dropped into a copy of the fixture journal, as an abstract in
abstracts/1/1/ or, when the rule starts with "author-", as a bio in authors/; a `<rule>/`
folder is laid over the copy (it may hold abstracts/, authors/, issues.yml or mkdocs.yml).
A rule starting with "continuous-" uses the continuous journal (tests/fixtures/continuous),
its `<rule>.md` going into abstracts/13/.
Rewrite the expected files with `pytest tests/test_invalid_fixtures.py --update-goldens`.
"""

from __future__ import annotations

import datetime
import shutil
from collections.abc import Callable
from pathlib import Path

import pytest

from conftest import FIXTURES, run_mkdocs_build
from journal.loading import read_settings
from journal.problems import format_problem, sort_problems
from journal.site import check_fonts, load_journal

INVALID = FIXTURES / "invalid"
RULES = sorted(p.name.removesuffix(".expected.txt") for p in INVALID.glob("*.expected.txt"))
TODAY = datetime.date(2023, 11, 14)


def place(rule: str, project: Path) -> None:
    """Put the rule's broken file (or folder) into a copy of the fixture journal."""
    source = INVALID / rule
    if source.is_dir():
        shutil.copytree(source, project, dirs_exist_ok=True)
        return
    folder = project / (
        "authors"
        if rule.startswith("author-")
        else "abstracts/13"
        if rule.startswith("continuous-")
        else "abstracts/1/1"
    )
    folder.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(INVALID / f"{rule}.md", folder / f"{rule}.md")


def check_lines(project: Path) -> list[str]:
    """The formatted problems of a journal, as `journal check` prints them."""
    config = project / "mkdocs.yml"
    values, broken = read_settings(config)
    journal, problems, entries = load_journal(project, config, values, today=TODAY, preview=False)
    if journal is not None:  # as `journal check` does: the characters no PDF font has
        problems += check_fonts(project, journal, entries)
    if broken:  # as `journal check` reports it: the file's form first, not what follows
        problems = [broken, *(p for p in problems if p.path != broken.path)]
    return [format_problem(p) for p in sort_problems(problems)]


def journal_copy(tmp_path: Path, rule: str) -> Path:
    """A copy of the journal the rule is about: the fixture journal, or the continuous one."""
    project = tmp_path / "journal"
    base = "continuous" if rule.startswith("continuous-") else "journal"
    shutil.copytree(FIXTURES / base, project)
    return project


def test_every_rule_has_a_broken_input() -> None:
    assert len(RULES) >= 30
    for rule in RULES:
        assert (INVALID / f"{rule}.md").is_file() or (INVALID / rule).is_dir(), rule


@pytest.mark.parametrize("rule", RULES)
def test_broken_input_gives_its_exact_messages(
    rule: str, tmp_path: Path, update_goldens: bool
) -> None:
    project = journal_copy(tmp_path, rule)
    place(rule, project)
    lines = check_lines(project)
    expected_file = INVALID / f"{rule}.expected.txt"
    if update_goldens:
        expected_file.write_text("\n".join(lines) + "\n", encoding="utf-8")
    expected = expected_file.read_text(encoding="utf-8").splitlines()
    assert lines == expected
    assert lines, "a broken input must give at least one message"


STRICT_RULES = (
    "unknown-key",
    "author-orcid-checksum",
    "duplicate-doi",
    "email-in-body",
    "yaml-syntax-error",
    "author-photo-missing",
    "slug-too-long",
    "body-external-image",
    "settings-extra-misspelled",
    "settings-logo-missing",
    "listed-twice",
    "noncharacter-escape",
    "font-missing-script",
)


@pytest.mark.parametrize("rule", STRICT_RULES)
def test_strict_build_fails_with_the_same_messages(
    rule: str, make_project: Callable[..., Path]
) -> None:
    project = make_project()
    place(rule, project)
    build = run_mkdocs_build(project, project / "site", quiet=False)
    assert build.returncode != 0, build.output
    for line in (INVALID / f"{rule}.expected.txt").read_text(encoding="utf-8").splitlines():
        assert line.removesuffix(" (warning)") in build.output


def test_a_note_is_printed_but_never_fails_a_strict_build(
    make_project: Callable[..., Path],
) -> None:
    project = make_project()
    place("author-unused", project)  # an author committed before their abstract
    build = run_mkdocs_build(project, project / "site", quiet=False)
    assert build.returncode == 0, build.output
    (line,) = (INVALID / "author-unused.expected.txt").read_text(encoding="utf-8").splitlines()
    assert line.endswith(" (note)")
    assert f"INFO    -  journal: {line}" in build.output


def test_a_non_strict_build_publishes_the_rest_and_names_the_excluded_file(
    make_project: Callable[..., Path],
) -> None:
    project = make_project()
    place("unknown-key", project)
    build = run_mkdocs_build(project, project / "site", strict=False, quiet=False)
    assert build.returncode == 0, build.output
    assert "WARNING -  journal: abstracts/1/1/unknown-key.md: left out of the site" in (
        build.output
    )
    assert (build.site / "abstracts" / "first-imaging-study" / "index.html").is_file()
    assert not (build.site / "abstracts" / "unknown-key").exists()
