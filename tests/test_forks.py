"""`journal check` reads the abstracts in forked processes: the same problems, in the same
order, with the same lines as one process finds them."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

from conftest import FIXTURES
from journal import forks
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
