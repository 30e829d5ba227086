"""Page heads made in worker processes: most of a cold build's own work, independent per
abstract.

A build with an empty cache (a fork's first deploy, an evicted CI cache, a changed package)
makes every abstract's page head: its meta tags, JSON-LD and three formatted citations
(citeproc-py, the slowest step). Each head is a pure function of the checked journal and one
abstract, so the heads the cache lacks are made by a pool of forked processes, one per core:
they start with the journal in memory (nothing is pickled but an index and the results),
read and store citations in the citation cache as the build would (entries are written
atomically), and hand back the head. The build stores each head as if it had made it, and
the page reads it back from its JSON either way, so pages are byte-identical to a
one-process build (tests/test_parallel.py).

Without `fork` (Windows, macOS' default) or with one core, or for a few heads, nothing
changes: the build makes them one by one as before. `JOURNAL_WORKERS=N` sets the number of
processes (1: no pool) and makes a pool for any number of heads (the tests compare both).
"""

from __future__ import annotations

import multiprocessing
import os
from collections.abc import Callable, Sequence
from concurrent.futures import ProcessPoolExecutor
from typing import Any

from ..model import Abstract, Journal
from .head import Cite, head_for_abstract

MIN_HEADS = 64
"""Below this many missing heads a pool costs more than it saves (~0.1 s to start)."""
_CHUNK = 16

_work: tuple[Journal, Sequence[Abstract], Cite] | None = None
"""What the forked workers read (set just before the pool starts)."""


def _make(index: int) -> dict[str, Any]:
    assert _work is not None
    journal, abstracts, cite = _work
    return head_for_abstract(journal, abstracts[index], cite)


def _asked() -> int | None:
    """JOURNAL_WORKERS as a number, when set to one."""
    value = os.environ.get("JOURNAL_WORKERS", "").strip()
    return int(value) if value.isdigit() else None


def workers() -> int:
    """The cores this process may use (1 where processes cannot be forked)."""
    if "fork" not in multiprocessing.get_all_start_methods():
        return 1
    if _asked() is not None:
        return max(1, _asked() or 1)
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # pragma: no cover - not Linux
        return os.cpu_count() or 1


def make_heads(
    journal: Journal,
    abstracts: Sequence[Abstract],
    cite: Cite,
    keep: Callable[[int, dict[str, Any]], None],
    count: Callable[[], int] = workers,
) -> bool:
    """Make each abstract's head in worker processes and hand it to `keep` with its index,
    in order, as they come (the heads are not all held at once). False when a pool is not
    worth it: nothing was made, the caller makes the heads itself."""
    processes = min(count(), 8, len(abstracts))
    if processes < 2 or (len(abstracts) < MIN_HEADS and _asked() is None):
        return False
    global _work
    _work = (journal, abstracts, cite)
    try:
        context = multiprocessing.get_context("fork")
        with ProcessPoolExecutor(processes, mp_context=context) as pool:
            for index, head in enumerate(pool.map(_make, range(len(abstracts)), chunksize=_CHUNK)):
                keep(index, head)
    finally:
        _work = None
    return True


__all__ = ["MIN_HEADS", "make_heads", "workers"]
