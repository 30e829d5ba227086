"""`journal check` reads the abstracts in forked processes: the same problems, in the same
order, with the same lines as one process finds them."""

from __future__ import annotations

import io
import json
import os
import re
import shutil
from pathlib import Path

import pytest

from conftest import FIXTURES
from journal import cli, forks
from journal.loading import read_settings
from journal.problems import format_problem
from journal.reading import load_journal
from test_invalid_fixtures import INVALID, TODAY


def test_items_come_back_in_order_from_several_processes() -> None:
    items = list(range(1000))
    results = forks.map_in_forks(lambda n: (n * n, os.getpid()), items, 3)
    assert [square for square, _ in results] == [n * n for n in items]
    assert len({pid for _, pid in results}) == 3


def test_a_part_whose_process_fails_is_done_by_the_parent() -> None:
    parent = os.getpid()

    def square(n: int) -> int:
        if os.getpid() != parent:
            raise RuntimeError("the child fails")
        return n * n

    assert forks.map_in_forks(square, list(range(600)), 2) == [n * n for n in range(600)]


def test_work_begun_in_a_fork_comes_back_in_order() -> None:
    parent = os.getpid()
    collect = forks.start_in_fork(lambda n: (n * n, os.getpid()), list(range(500)), 2)
    results = collect()
    assert [square for square, _ in results] == [n * n for n in range(500)]
    assert {pid for _, pid in results} == {results[0][1]} != {parent}


def test_work_begun_in_a_fork_that_fails_is_done_by_the_parent() -> None:
    parent = os.getpid()

    def square(n: int) -> int:
        if os.getpid() != parent:
            raise RuntimeError("the child fails")
        return n * n

    assert forks.start_in_fork(square, list(range(500)), 2)() == [n * n for n in range(500)]


def test_an_error_of_the_work_itself_is_raised() -> None:
    def fails(n: int) -> int:
        raise ValueError(n)

    with pytest.raises(ValueError):
        forks.map_in_forks(fails, list(range(600)), 2)


def test_every_broken_abstract_at_once_gives_the_same_problems_in_forks(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    project = tmp_path / "journal"
    shutil.copytree(FIXTURES / "journal", project)
    for path in sorted(INVALID.glob("*.md")):
        if not path.name.startswith(("author-", "continuous-")):
            shutil.copyfile(path, project / "abstracts/1/1" / path.name)
    config = project / "mkdocs.yml"
    values, _ = read_settings(config)

    def lines(processes: int) -> tuple[list[str], list[str]]:
        _, problems, entries = load_journal(
            project, config, values, today=TODAY, preview=False, processes=processes
        )
        return [format_problem(p) for p in problems], [e.path for e in entries]

    one = lines(1)
    monkeypatch.setattr(forks, "MIN_PER_PROCESS", 1)
    # Each child's results are read back (a child that failed would leave its part to the
    # parent, and the problems would be the same without any fork having worked).
    read_back: list[int] = []
    real_loads = forks.pickle.loads

    def loads(data: bytes) -> object:
        read_back.append(len(data))
        return real_loads(data)

    monkeypatch.setattr(forks.pickle, "loads", loads)
    assert len(one[0]) > 30
    assert lines(2) == one
    assert len(read_back) == 1
    assert lines(5) == one
    assert len(read_back) == 1 + 4


def test_the_check_lists_the_same_problems_and_scheduled_abstracts_in_forks(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """`journal check` keeps of an abstract already out only what the checks across files
    read (forked readers send back less): its report is the one of a full reading."""
    project = tmp_path / "journal"
    shutil.copytree(FIXTURES / "journal", project)
    for path in sorted(INVALID.glob("*.md")):
        if not path.name.startswith(("author-", "continuous-")):
            shutil.copyfile(path, project / "abstracts/1/1" / path.name)
    later = project / "abstracts/1/1/later.md"  # one abstract still to come, one draft
    text = (project / "abstracts/1/1/first-imaging-study.md").read_text(encoding="utf-8")
    later.write_text(re.sub(r"published: .*", "published: 2999-01-01", text), encoding="utf-8")
    drafted = project / "abstracts/1/1/drafted.md"
    drafted.write_text(text.replace("---\n", "---\ndraft: true\n", 1), encoding="utf-8")
    config = project / "mkdocs.yml"
    values, _ = read_settings(config)
    with_pdfs, _, _ = load_journal(
        project, config, values, today=TODAY, preview=False, checking_only=True
    )
    assert with_pdfs is not None and all(a.body for a in with_pdfs.abstracts)  # fonts' check
    text = config.read_text(encoding="utf-8")
    config.write_text(text.replace("\n  journal:\n", "\n  journal:\n    pdf: false\n", 1))
    values, _ = read_settings(config)
    monkeypatch.chdir(project)
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")

    def report(workers: str) -> str:
        monkeypatch.setenv("JOURNAL_WORKERS", workers)
        out = io.StringIO()
        cli.main(["check", "--format", "json"], out)
        return out.getvalue()

    full, _, _ = load_journal(project, config, values, today=TODAY, preview=False)
    checked, _, _ = load_journal(
        project, config, values, today=TODAY, preview=False, checking_only=True
    )
    assert full is not None and checked is not None
    assert any(a.body for a in full.abstracts) and not any(a.body for a in checked.abstracts)
    one = report("1")
    monkeypatch.setattr(forks, "MIN_PER_PROCESS", 1)
    assert report("3") == one
    data = json.loads(one)
    assert len(data["problems"]) > 30
    assert {s["path"] for s in data["scheduled"]} >= {
        "abstracts/1/1/later.md",
        "abstracts/1/1/drafted.md",
    }
