"""Every export of the fixture journal, compared with tests/golden/.

After an intended change: `make goldens` (pytest tests/test_goldens.py --update-goldens),
then review the diff of tests/golden/ in the pull request.
"""

from __future__ import annotations

import datetime
from pathlib import Path
from typing import Any

import pytest
import yaml

from conftest import EPOCH, FIXTURES
from journal import load_journal
from journal.exports import export_texts

GOLDEN = Path(__file__).resolve().parent / "golden"


class _ConfigLoader(yaml.SafeLoader):
    """Reads mkdocs.yml without MkDocs: its !!python/name and !ENV tags become None."""


_ConfigLoader.add_multi_constructor("", lambda loader, suffix, node: None)


def _fixture_exports() -> dict[str, str]:
    project = FIXTURES / "journal"
    config: dict[str, Any] = yaml.load(
        (project / "mkdocs.yml").read_text(encoding="utf-8"), Loader=_ConfigLoader
    )
    journal, problems, _ = load_journal(
        project,
        project / "mkdocs.yml",
        config["extra"]["journal"],
        site_url=config["site_url"],
        today=datetime.date(2023, 11, 14),
        preview=False,
    )
    assert journal is not None, problems
    return export_texts(journal, int(EPOCH))


EXPORTS = _fixture_exports()


@pytest.mark.parametrize("name", sorted(EXPORTS))
def test_export_matches_its_golden_file(name: str, update_goldens: bool) -> None:
    golden = GOLDEN / name
    if update_goldens:
        golden.parent.mkdir(parents=True, exist_ok=True)
        golden.write_text(EXPORTS[name], encoding="utf-8", newline="\n")
    assert golden.is_file(), f"no golden file for {name}; run `make goldens`"
    assert EXPORTS[name] == golden.read_text(encoding="utf-8")


def test_every_golden_file_is_still_exported(update_goldens: bool) -> None:
    stale = sorted(
        p.relative_to(GOLDEN).as_posix()
        for p in GOLDEN.rglob("*")
        if p.is_file() and p.relative_to(GOLDEN).as_posix() not in EXPORTS
    )
    if update_goldens:
        for name in stale:
            (GOLDEN / name).unlink()
        stale = []
    assert stale == []
