"""Run a function over a list in forked processes, its results in the list's order.

`journal check` reads and checks each abstract on its own (a pure function of the file): the
list is cut into contiguous parts, forked children take all but the first, this process the
first, and the children's results are read back in order, so the problems come out exactly
as one process finds them. A child that fails leaves its part to this process (which then
meets the same exception, if any, itself).
"""

from __future__ import annotations

import os
import pickle
import threading
from collections.abc import Callable, Sequence
from typing import TypeVar

T = TypeVar("T")
R = TypeVar("R")

MIN_PER_PROCESS = 200
"""Fewer items than this per process are not worth a fork (and the copy of the results)."""
PARENT_WEIGHT = 1.5
"""This process's share of the items against each child's (see map_in_forks)."""


def asked_workers() -> int | None:
    """JOURNAL_WORKERS, when set to a number (1: no worker processes)."""
    value = os.environ.get("JOURNAL_WORKERS", "").strip()
    return int(value) if value.isdigit() else None


def available_cpus() -> int:
    """The processors this process may use for forked workers: JOURNAL_WORKERS when set;
    1 where processes cannot be forked, or safely (other threads: mkdocs serve's server and
    file watcher; a forked child would inherit any lock they hold, logging's say, and could
    wait on it forever); else the processors it may run on."""
    if not hasattr(os, "fork"):
        return 1
    asked = asked_workers()
    if asked is not None:
        return max(1, asked)
    if threading.active_count() > 1:
        return 1
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # pragma: no cover - not on Linux
        return os.cpu_count() or 1


def map_in_forks(func: Callable[[T], R], items: Sequence[T], processes: int) -> list[R]:
    """[func(item) for item in items], computed in up to `processes` processes."""
    processes = min(processes, len(items) // MIN_PER_PROCESS)
    if processes < 2 or not hasattr(os, "fork"):
        return [func(item) for item in items]
    # This process takes a larger first part: each child also pickles its results, and
    # this process unpickles them after its own part (together about half the cost of
    # reading an abstract), so all parts end at about the same time.
    weights = [PARENT_WEIGHT] + [1.0] * (processes - 1)
    total = sum(weights)
    bounds = [round(len(items) * sum(weights[:k]) / total) for k in range(processes + 1)]
    parts = [items[bounds[k] : bounds[k + 1]] for k in range(processes)]
    children = [(_fork(func, part), part) for part in parts[1:]]
    try:
        results = [func(item) for item in parts[0]]
    except BaseException:
        for (pid, reader), _ in children:  # no child left behind
            os.close(reader)
            os.waitpid(pid, 0)
        raise
    for (pid, reader), part in children:
        results += _collect(pid, reader, func, part)
    return results


def start_in_fork(
    func: Callable[[T], R], items: Sequence[T], processes: int
) -> Callable[[], list[R]]:
    """Begin [func(item) for item in items] in one forked process, while this one does
    something else; the function returned gives the results, in order (computed here when
    no process was forked, `processes` < 2 or too few items, or the child failed). Call it
    once, whatever happens meanwhile (it also waits for the child)."""
    if processes < 2 or len(items) < MIN_PER_PROCESS or not hasattr(os, "fork"):
        return lambda: [func(item) for item in items]
    pid, reader = _fork(func, items)
    return lambda: _collect(pid, reader, func, items)


def _fork(func: Callable[[T], R], part: Sequence[T]) -> tuple[int, int]:
    reader, writer = os.pipe()
    pid = os.fork()
    if pid == 0:  # the child: write the results, then leave without running exit handlers
        status = 1
        try:
            os.close(reader)
            data = pickle.dumps([func(item) for item in part], pickle.HIGHEST_PROTOCOL)
            with os.fdopen(writer, "wb") as out:
                out.write(data)
            status = 0
        finally:
            os._exit(status)
    os.close(writer)
    return pid, reader


def _collect(pid: int, reader: int, func: Callable[[T], R], part: Sequence[T]) -> list[R]:
    with os.fdopen(reader, "rb") as stream:
        data = stream.read()
    _, status = os.waitpid(pid, 0)
    if status == 0 and data:
        results: list[R] = pickle.loads(data)  # written by our own child
        return results
    return [func(item) for item in part]
