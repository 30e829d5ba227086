"""A hash of this package's code and the libraries' versions a cache's entries depend on:
a new release, an edited module or an upgraded library makes every entry afresh."""

from __future__ import annotations

import hashlib
import sys
from functools import cache
from importlib.metadata import PackageNotFoundError, version
from pathlib import Path


@cache
def code_fingerprint(libraries: tuple[str, ...], salt: str = "") -> str:
    """The hash of `salt`, the Python version, each library's version (`-` when it is not
    installed) and every module of the package."""
    digest = hashlib.sha256(f"{salt} {sys.version}".encode())
    for name in libraries:
        try:
            digest.update(f"{name}={version(name)}".encode())
        except PackageNotFoundError:
            digest.update(f"{name}=-".encode())
    package = Path(__file__).resolve().parent
    for path in sorted(package.rglob("*.py")):
        digest.update(path.relative_to(package).as_posix().encode())
        digest.update(path.read_bytes())
    return digest.hexdigest()


__all__ = ["code_fingerprint"]
