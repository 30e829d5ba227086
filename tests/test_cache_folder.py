"""The build cache lives outside the project, and a cache git tracks is never used."""

from __future__ import annotations

from pathlib import Path

import pytest

from conftest import FIXTURES, commit_project, copy_project, git
from journal.cache_folder import cache_dir, trusted_cache_dir
from journal.problems import format_problem


@pytest.fixture
def no_configured_cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """No JOURNAL_CACHE_DIR nor XDG_CACHE_HOME; a home folder of the test's own."""
    monkeypatch.delenv("JOURNAL_CACHE_DIR", raising=False)
    monkeypatch.delenv("XDG_CACHE_HOME", raising=False)
    monkeypatch.setenv("HOME", str(tmp_path / "home"))
    return tmp_path / "home"


@pytest.fixture
def repository(tmp_path: Path) -> Path:
    """The fixture journal as a fresh clone: a git repository with everything committed."""
    return commit_project(copy_project(FIXTURES / "journal", tmp_path / "journal"))


def test_the_default_cache_is_in_the_users_cache_folder_one_per_project(
    tmp_path: Path, no_configured_cache: Path
) -> None:
    one, other = tmp_path / "one" / "journal", tmp_path / "other" / "journal"
    folder = cache_dir(one)
    assert folder is not None and folder.parent == no_configured_cache / ".cache" / "journal"
    assert folder.name.startswith("journal-")
    assert not folder.is_relative_to(one)
    assert cache_dir(other) != folder  # two checkouts never prune each other's entries
    assert cache_dir(one / "." / "..") != folder and cache_dir(one / ".") == folder


def test_xdg_cache_home_and_journal_cache_dir_move_the_cache(
    tmp_path: Path, no_configured_cache: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    project = tmp_path / "journal"
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "xdg"))
    folder = cache_dir(project)
    assert folder is not None and folder.parent == tmp_path / "xdg" / "journal"
    monkeypatch.setenv("XDG_CACHE_HOME", "relative/path")  # the XDG spec says: ignore it
    assert cache_dir(project) == no_configured_cache / ".cache" / "journal" / folder.name
    monkeypatch.setenv("JOURNAL_CACHE_DIR", "~/somewhere")
    assert cache_dir(project) == no_configured_cache / "somewhere"


def test_outside_git_the_cache_is_used_unchecked(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    project = copy_project(FIXTURES / "journal", tmp_path / "journal")
    monkeypatch.setenv("JOURNAL_CACHE_DIR", str(project / ".cache" / "journal"))
    assert trusted_cache_dir(project) == (project / ".cache" / "journal", [])


def test_an_untracked_cache_inside_the_work_tree_is_used(
    repository: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (repository / "cache" / "outputs").mkdir(parents=True)
    (repository / "cache" / "outputs" / "entry").write_text("kept\n", encoding="utf-8")
    monkeypatch.setenv("JOURNAL_CACHE_DIR", str(repository / "cache"))
    assert trusted_cache_dir(repository) == (repository / "cache", [])


def test_a_tracked_cache_folder_is_refused_with_the_command_that_fixes_it(
    repository: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    for name in ("a", "b"):
        (repository / "my cache" / "outputs").mkdir(parents=True, exist_ok=True)
        (repository / "my cache" / "outputs" / name).write_text("planted\n", encoding="utf-8")
    git(repository, "add", "my cache")
    monkeypatch.setenv("JOURNAL_CACHE_DIR", str(repository / "my cache"))
    folder, problems = trusted_cache_dir(repository)
    assert folder is None
    assert [format_problem(p) for p in problems] == [
        "my cache/outputs/a:1: cache: git tracks this file and 1 more in the build cache folder "
        "my cache/. A build never reads a cache that could come from the repository: it "
        "ignores this one and makes everything afresh. Remove the folder from git: "
        "git rm -r --cached 'my cache'"
    ]
    git(repository, "rm", "-r", "-q", "--cached", "my cache")  # the fix works
    assert trusted_cache_dir(repository) == (repository / "my cache", [])


def test_files_planted_in_the_old_cache_folder_refuse_the_cache_wherever_it_is(
    repository: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    planted = repository / ".cache" / "journal" / "outputs" / ("0" * 64)
    planted.parent.mkdir(parents=True)
    planted.write_text("planted\n", encoding="utf-8")
    git(repository, "add", "-f", ".cache/journal")  # -f: a journal's .gitignore has .cache/
    monkeypatch.setenv("JOURNAL_CACHE_DIR", str(tmp_path / "cache"))
    folder, problems = trusted_cache_dir(repository)
    assert folder is None
    assert [(p.path, p.severity) for p in problems] == [
        (planted.relative_to(repository).as_posix(), "error")
    ]
    assert "git rm -r --cached .cache/journal" in problems[0].message


def test_a_cache_inside_a_work_tree_git_cannot_read_is_not_used(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    project = copy_project(FIXTURES / "journal", tmp_path / "journal")
    (project / ".git").write_text("gitdir: /nowhere\n", encoding="utf-8")  # broken
    monkeypatch.setenv("JOURNAL_CACHE_DIR", str(project / "cache"))
    folder, problems = trusted_cache_dir(project)
    assert folder is None and [p.path for p in problems] == ["cache"]
    assert "JOURNAL_CACHE_DIR" in problems[0].message
    monkeypatch.setenv("JOURNAL_CACHE_DIR", str(tmp_path / "outside"))
    assert trusted_cache_dir(project) == (tmp_path / "outside", [])
