"""Page heads, export files and PDFs made in worker processes: most of a cold build's own
work, independent per abstract.

A build with an empty cache (a fork's first deploy, an evicted CI cache, a changed package)
makes every abstract's page head: its meta tags, JSON-LD and three formatted citations
(formatted beforehand, all at once: `CitationCache.prepare`). Each head is a pure function
of the checked journal and one abstract, so the heads the cache lacks are made by a pool of
forked processes, one per core: they start with the journal in memory (nothing is pickled
but an index and the results), read and store citations in the citation cache as the build
would (entries are written atomically), and hand back the head. The build stores each head
as if it had made it, and the page reads it back from its JSON either way, so pages are
byte-identical to a one-process build (tests/test_parallel.py). The export files and PDFs
the cache lacks are made the same way (`run_all`; site.py's `write_exports`), and written by
the build.

Without `fork` (Windows, macOS' default), with one core, in a process with other threads
(`mkdocs serve`), or for a few heads, nothing changes: the build makes them one by one as
before. `JOURNAL_WORKERS=N` sets the number of processes (1: no pool) and makes a pool for
any number of heads (the tests compare both).
"""

from __future__ import annotations

import multiprocessing
from collections.abc import Callable, Sequence
from concurrent.futures import ProcessPoolExecutor
from functools import partial
from typing import Any, TypeVar

from ..forks import asked_workers, available_cpus
from ..model import Abstract, Journal
from .head import Cite, head_for_abstract

MIN_JOBS = 64
"""Below this many jobs a pool costs more than it saves (~0.1 s to start)."""
_CHUNK = 16
T = TypeVar("T")

_jobs: Sequence[Callable[[], Any]] | None = None
"""What the forked workers run (set just before the pool starts)."""


def _run(index: int) -> Any:
    assert _jobs is not None
    return _jobs[index]()


def workers() -> int:
    """The cores this process may use (`forks.available_cpus`: JOURNAL_WORKERS, 1 with other
    threads or without fork)."""
    return available_cpus()


def run_all(
    jobs: Sequence[Callable[[], T]],
    keep: Callable[[int, T], None],
    count: Callable[[], int] = workers,
    chunk: int = _CHUNK,
) -> bool:
    """Run each job in worker processes and hand its result to `keep` with its index, in
    order, as they come (the results are not all held at once). False when a pool is not
    worth it: nothing was run, the caller does the work itself. A job's exception stops
    the pool and is raised here: jobs return the failures callers expect."""
    processes = min(count(), 8, len(jobs))
    if processes < 2 or (len(jobs) < MIN_JOBS and asked_workers() is None):
        return False
    global _jobs
    _jobs = jobs
    try:
        context = multiprocessing.get_context("fork")
        with ProcessPoolExecutor(processes, mp_context=context) as pool:
            for index, result in enumerate(pool.map(_run, range(len(jobs)), chunksize=chunk)):
                keep(index, result)
    finally:
        _jobs = None
    return True


def make_heads(
    journal: Journal,
    abstracts: Sequence[Abstract],
    cite: Cite,
    keep: Callable[[int, dict[str, Any]], None],
    count: Callable[[], int] = workers,
) -> bool:
    """Each abstract's head, made in worker processes (`run_all`)."""
    jobs = [partial(head_for_abstract, journal, abstract, cite) for abstract in abstracts]
    return run_all(jobs, keep, count)


__all__ = ["MIN_JOBS", "make_heads", "run_all", "workers"]
