"""The same commit builds byte-identical sites (SOURCE_DATE_EPOCH is honoured)."""

from __future__ import annotations

from pathlib import Path

from conftest import FIXTURES, copy_project, run_mkdocs_build


def _files(site: Path) -> dict[str, bytes]:
    return {
        p.relative_to(site).as_posix(): p.read_bytes()
        for p in sorted(site.rglob("*"))
        if p.is_file()
    }


def test_two_builds_of_the_same_sources_are_byte_identical(tmp_path: Path) -> None:
    # Two checkouts in different folders, as CI and a developer would have.
    first = run_mkdocs_build(
        copy_project(FIXTURES / "journal", tmp_path / "a" / "journal"), tmp_path / "one"
    )
    second = run_mkdocs_build(
        copy_project(FIXTURES / "journal", tmp_path / "b" / "journal"), tmp_path / "two"
    )
    assert first.returncode == 0 and second.returncode == 0, first.output + second.output
    one, two = _files(first.site), _files(second.site)
    assert sorted(one) == sorted(two)
    assert [name for name in one if one[name] != two[name]] == []
