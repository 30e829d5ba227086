"""Typst, through the `typst` package (its compiler is inside the wheel): data in, PDF out."""

from __future__ import annotations

import datetime
import hashlib
import json
from functools import cache
from importlib.metadata import version
from importlib.resources import files
from pathlib import Path
from typing import Any

import typst

from .fonts import font_folders


class TypesetError(Exception):
    """Typst could not make the PDF (its message says why)."""


@cache
def template() -> bytes:
    """The fixed template every PDF is made from (package data)."""
    return files("journal").joinpath("data/pdf/journal.typ").read_bytes()


@cache
def typesetter_fingerprint() -> str:
    """What a PDF depends on besides its data: Typst's version and the template."""
    return f"typst={version('typst')};" + hashlib.sha256(template()).hexdigest()


def timestamp(date: datetime.date) -> int:
    """The PDF's creation time: the content's own date (never now, nor SOURCE_DATE_EPOCH, so a
    new build date does not make every PDF again)."""
    moment = datetime.datetime(date.year, date.month, date.day, tzinfo=datetime.timezone.utc)
    return int(moment.timestamp())


class Typesetter:
    """One Typst compiler, fonts loaded once, for every PDF of a build (a galley takes a few
    milliseconds then: no process pool is needed)."""

    def __init__(self, root: Path) -> None:
        self._root = str(root)
        self._compiler: Any = None

    def pdf(self, data: dict[str, Any], when: int) -> bytes:
        """The PDF of one galley or book. `when`: seconds since 1970 (see `timestamp`)."""
        if self._compiler is None:
            self._compiler = typst.Compiler(
                font_paths=list(font_folders()), ignore_system_fonts=True
            )
        try:
            made = self._compiler.compile(
                input=template(),
                root=self._root,
                sys_inputs={"data": json.dumps(data, ensure_ascii=False, sort_keys=True)},
                timestamp=when,
            )
        except Exception as error:  # typst raises its own TypstError (and RuntimeError)
            raise TypesetError(" ".join(str(error).split())) from error
        assert isinstance(made, bytes)
        return made
