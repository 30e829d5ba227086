"""Page heads and bodies made by worker processes give the same site as one process (cold
builds)."""

from __future__ import annotations

import os
import threading
from functools import partial
from pathlib import Path

import pytest

from conftest import ROOT, copy_project, run_mkdocs_build
from journal.exports.parallel import run_all, workers


def _files(site: Path) -> dict[str, bytes]:
    return {
        p.relative_to(site).as_posix(): p.read_bytes()
        for p in sorted(site.rglob("*"))
        if p.is_file()
    }


def _entries(cache: Path) -> dict[str, bytes]:
    return {name: data for name, data in _files(cache).items() if name.startswith("outputs/")}


def test_a_cold_build_with_a_pool_is_byte_identical_to_one_without(tmp_path: Path) -> None:
    project = copy_project(ROOT, tmp_path / "journal")
    alone = run_mkdocs_build(project, tmp_path / "alone", env={"JOURNAL_WORKERS": "1"})
    pooled = run_mkdocs_build(project, tmp_path / "pooled", env={"JOURNAL_WORKERS": "2"})
    assert alone.returncode == 0 and pooled.returncode == 0, alone.output + pooled.output
    one, two = _files(alone.site), _files(pooled.site)
    assert sorted(one) == sorted(two)
    assert [name for name in one if one[name] != two[name]] == []
    # The pool's citations went into the citation cache like the build's own.
    cached = sorted(p.name for p in (tmp_path / "pooled-cache").rglob("citations/*"))
    assert cached == sorted(p.name for p in (tmp_path / "alone-cache").rglob("citations/*"))
    assert cached
    # So did its page heads and the page bodies rendered before MkDocs reads the pages:
    # the next build reuses the same entries.
    kept = _entries(tmp_path / "pooled-cache")
    assert kept == _entries(tmp_path / "alone-cache")
    assert kept


def test_jobs_run_in_other_processes_and_come_back_in_order(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setenv("JOURNAL_WORKERS", "2")
    got: list[tuple[int, tuple[int, int]]] = []
    jobs = [partial(_pid_and, n) for n in range(40)]
    assert run_all(jobs, lambda index, result: got.append((index, result)), chunk=4)
    assert [index for index, _ in got] == list(range(40))
    assert [n for _, (_, n) in got] == list(range(40))
    assert os.getpid() not in {pid for _, (pid, _) in got}


def test_one_worker_runs_nothing(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("JOURNAL_WORKERS", "1")
    assert not run_all([partial(_pid_and, 1)] * 100, lambda index, result: None)


def test_a_process_with_other_threads_is_not_forked(monkeypatch: pytest.MonkeyPatch) -> None:
    """mkdocs serve (its server and watcher threads): the build makes its heads itself. The
    thread count is set, not made: other tests of the same worker may leave threads behind."""
    monkeypatch.delenv("JOURNAL_WORKERS", raising=False)
    monkeypatch.setattr(os, "sched_getaffinity", lambda _: {0, 1}, raising=False)
    jobs = [partial(_pid_and, n) for n in range(100)]
    monkeypatch.setattr(threading, "active_count", lambda: 1)
    assert workers() == 2 and run_all(jobs, lambda index, result: None)
    monkeypatch.setattr(threading, "active_count", lambda: 3)  # a server and a watcher
    assert workers() == 1
    assert not run_all(jobs, lambda index, result: None)


def _pid_and(n: int) -> tuple[int, int]:
    return os.getpid(), n
