"""Where the build cache lives, and whether this build may read it.

Cached page heads, citations and biographies are HTML the pages print as they are, so the
cache must never hold anything the repository could bring: a pull request that adds files
under the cache folder would otherwise put its own markup into every page of a fresh clone.
The cache therefore lives outside the project by default (`cache_dir`), and a build refuses
it, and builds everything afresh, when git tracks any file in it or in the old default
folder `.cache/journal/` (`trusted_cache_dir`).
"""

from __future__ import annotations

import hashlib
import os
import re
import shlex
from pathlib import Path
from typing import TYPE_CHECKING

from .problems import Problem

if TYPE_CHECKING:
    import subprocess

OLD_DEFAULT = Path(".cache") / "journal"
"""Where the cache lived before (in the project): files there are an attempt to plant one."""
_GIT_SECONDS = 30


def project_key(root: Path) -> str:
    """The project's folder name and a hash of its full path: two checkouts never share a
    cache by accident (each complete build removes the entries it did not use)."""
    resolved = root.resolve()
    name = re.sub(r"[^A-Za-z0-9._-]+", "-", resolved.name).strip("-.") or "journal"
    return f"{name}-{hashlib.sha256(str(resolved).encode('utf-8')).hexdigest()[:16]}"


def cache_dir(root: Path) -> Path | None:
    """JOURNAL_CACHE_DIR (`~` expanded), else $XDG_CACHE_HOME/journal/<project key>, else
    ~/.cache/journal/<project key>; None when there is no home folder (no cache)."""
    configured = os.environ.get("JOURNAL_CACHE_DIR", "").strip()
    if configured:
        return Path(configured).expanduser().absolute()
    xdg = os.environ.get("XDG_CACHE_HOME", "").strip()
    if xdg and Path(xdg).is_absolute():  # the XDG spec ignores a relative value
        return Path(xdg) / "journal" / project_key(root)
    try:
        return Path.home() / ".cache" / "journal" / project_key(root)
    except RuntimeError:
        return None


def _git(root: Path, *arguments: str) -> subprocess.CompletedProcess[str] | None:
    """Run git in `root`; None when git cannot be run at all."""
    import subprocess  # (imported here: only a project in a git work tree runs git)

    try:
        return subprocess.run(
            ["git", "-C", str(root), *arguments],
            capture_output=True,
            text=True,
            encoding="utf-8",
            errors="surrogateescape",
            timeout=_GIT_SECONDS,
            check=False,
        )
    except (OSError, subprocess.SubprocessError):
        return None


def _work_tree(root: Path) -> Path | None:
    """The git work tree the project is in (a `.git` in it or a parent folder), if any."""
    resolved = root.resolve()
    for folder in (resolved, *resolved.parents):
        if (folder / ".git").exists():
            return folder
    return None


def _shown(path: Path, root: Path) -> str:
    """A path as an editor in the project's folder types it."""
    return Path(os.path.relpath(path, root.resolve())).as_posix()


def _tracked(root: Path, folder: Path) -> list[str] | str:
    """The files git tracks under `folder` (paths as `_shown` writes them), or why git could
    not say."""
    done = _git(root, "ls-files", "-z", "--", ":(literal)" + _shown(folder, root))
    if done is None:
        return "git could not be run"
    if done.returncode != 0:
        lines = done.stderr.strip().splitlines()
        return lines[0] if lines else f"git ls-files failed ({done.returncode})"
    return sorted(name for name in done.stdout.split("\0") if name)


def _refusal(root: Path, folder: Path, tracked: list[str]) -> Problem:
    shown = _shown(folder, root)
    more = f" and {len(tracked) - 1} more" if len(tracked) > 1 else ""
    command = f"git rm -r --cached {shlex.quote(shown)}"
    return Problem(
        path=tracked[0],
        line=1,
        field="cache",
        message=(
            f"git tracks this file{more} in the build cache folder {shown}/. A build never "
            "reads a cache that could come from the repository: it ignores this one and makes "
            f"everything afresh. Remove the folder from git: {command}"
        ),
    )


def _unchecked(root: Path, folder: Path, reason: str) -> Problem:
    shown = _shown(folder, root)
    return Problem(
        path=shown,
        line=1,
        field="cache",
        message=(
            f"the build cache folder is inside the git work tree, and git cannot tell whether it "
            f'tracks files there ("{reason}"), so the cache was not used. Make git work here '
            "(e.g. git config --global --add safe.directory <folder>) or set JOURNAL_CACHE_DIR "
            "to a folder outside the repository."
        ),
    )


def trusted_cache_dir(root: Path) -> tuple[Path | None, list[Problem]]:
    """The cache folder this build may read and write (None: build without a cache), and
    the problems that refused it.

    Refused: git tracks a file in the cache folder or in `.cache/journal/` of the project
    (error), or the folder is inside the work tree and git cannot list what it tracks.
    Outside a git work tree nothing can be tracked, and nothing is checked.
    """
    folder = cache_dir(root)
    top = _work_tree(root)
    if top is None:
        return folder, []
    cache = folder.resolve() if folder is not None else None  # a tracked link cannot mislead
    problems: list[Problem] = []
    for candidate in dict.fromkeys([cache, root.resolve() / OLD_DEFAULT]):
        if candidate is None or not candidate.is_relative_to(top):
            continue
        tracked = _tracked(root, candidate)
        if isinstance(tracked, str):
            if candidate == cache:  # the old default is not read: no need to know
                problems.append(_unchecked(root, candidate, tracked))
        elif tracked:
            problems.append(_refusal(root, candidate, tracked))
    return (None if problems else folder), problems


__all__ = ["OLD_DEFAULT", "cache_dir", "project_key", "trusted_cache_dir"]
