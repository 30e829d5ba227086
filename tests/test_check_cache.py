"""`journal check` keeps each abstract's reading and checks between runs (check_cache.py):
the report is the same with and without it, an edited file is checked again, and a cache
git tracks is never read."""

from __future__ import annotations

import hashlib
import io
import json
import shutil
from pathlib import Path
from typing import Any

import pytest

from conftest import FIXTURES, commit_project, git
from journal import reading
from journal.check_cache import FILE_NAME
from journal.cli import main
from test_invalid_fixtures import INVALID, place

RULES = sorted(
    p.name.removesuffix(".md") for p in INVALID.glob("*.md") if not p.name.startswith("continuous-")
)
"""Every broken abstract and author file of tests/fixtures/invalid, planted at once."""


@pytest.fixture
def planted(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """The fixture journal without PDFs, every broken input planted, an abstract still to
    come and a draft; made the current folder, its check cache in a folder of its own."""
    project = tmp_path / "journal"
    shutil.copytree(FIXTURES / "journal", project)
    for rule in RULES:
        place(rule, project)
    config = project / "mkdocs.yml"  # the cache serves journals without PDFs
    text = config.read_text(encoding="utf-8")
    config.write_text(text.replace("  journal:\n", "  journal:\n    pdf: false\n", 1), "utf-8")
    later = project / "abstracts/1/1/first-imaging-study.md"
    later.write_text(
        later.read_text(encoding="utf-8").replace("published: 2020-03-01", "published: 2024-06-01"),
        encoding="utf-8",
    )
    draft = project / "abstracts/1/2/conference-talk.md"
    draft.write_text(
        draft.read_text(encoding="utf-8").replace("---\n", "---\ndraft: true\n", 1),
        encoding="utf-8",
    )
    monkeypatch.chdir(project)
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")  # 2023-11-14
    monkeypatch.setenv("JOURNAL_CACHE_DIR", str(tmp_path / "cache"))
    monkeypatch.delenv("JOURNAL_PREVIEW", raising=False)
    return project


def spied(monkeypatch: pytest.MonkeyPatch, name: str) -> list[str]:
    """The files `journal check` gives reading.<name> (it reads and checks them itself)."""
    paths: list[str] = []
    real = getattr(reading, name)

    def spy(entry: Any, *args: Any, **kwargs: Any) -> Any:
        paths.append(entry.path)
        return real(entry, *args, **kwargs)

    monkeypatch.setattr(reading, name, spy)
    return paths


@pytest.fixture
def checked(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The abstract files `journal check` reads and checks itself (not from the cache)."""
    return spied(monkeypatch, "check_abstract")


def check(*argv: str) -> tuple[int, str]:
    out = io.StringIO()
    status = main(["check", *argv], out)
    return status, out.getvalue()


def abstracts(project: Path) -> list[str]:
    return sorted(p.relative_to(project).as_posix() for p in project.glob("abstracts/**/*.md"))


@pytest.mark.parametrize("output", ["text", "json", "github"])
def test_a_check_from_the_cache_prints_what_a_check_without_it_does(
    planted: Path, checked: list[str], output: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    authors = spied(monkeypatch, "check_author")
    cold = check("--format", output)
    assert "authors/author-orcid-checksum.md" in authors
    assert cold[0] == 1 and len(cold[1].splitlines()) > len(RULES), cold[1]
    assert "abstracts/1/1/first-imaging-study.md" in checked
    assert (tmp_path / "cache" / FILE_NAME).is_file()
    checked.clear()
    authors.clear()
    assert check("--format", output) == cold
    assert (checked, authors) == ([], [])  # every abstract and author came from the cache
    if output == "json":
        assert json.loads(cold[1])["problems"]


def test_an_abstract_out_when_cached_is_read_again_on_a_day_it_is_not(
    planted: Path, checked: list[str], monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    check()  # 2023-11-14: cached as out
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1500000000")  # 2017-07-14: it is not out yet
    checked.clear()
    cached = check()
    monkeypatch.setenv("JOURNAL_CACHE_DIR", str(tmp_path / "other-cache"))
    assert cached == check()
    later = "abstracts/1/1/second-pathology-report.md"  # out in 2020: to come in 2017
    assert later in checked
    assert f"{later}: scheduled: appears on the site on 2020-03-02." in cached[1].splitlines()


def test_an_edited_abstract_is_checked_again(planted: Path, checked: list[str]) -> None:
    before = check()
    path = planted / "abstracts/1/1/second-pathology-report.md"
    text = path.read_text(encoding="utf-8")
    assert 'doi: "10.5555/' in text
    path.write_text(text.replace('doi: "10.5555/', 'doi: "10.5555', 1), encoding="utf-8")
    checked.clear()
    after = check()
    assert checked == ["abstracts/1/1/second-pathology-report.md"]
    new = set(after[1].splitlines()) - set(before[1].splitlines())
    assert any(
        line.startswith("abstracts/1/1/second-pathology-report.md:") and "doi" in line
        for line in new
    ), new
    path.write_text(text, encoding="utf-8")  # and back: the old entry is gone, checked again
    checked.clear()
    assert check() == before
    assert checked == ["abstracts/1/1/second-pathology-report.md"]


def test_an_entry_that_is_not_what_the_cache_writes_is_not_used(
    planted: Path, checked: list[str], tmp_path: Path
) -> None:
    before = check()
    cold_checked = set(checked)
    stored = tmp_path / "cache" / FILE_NAME
    text = stored.read_text(encoding="utf-8")  # a severity never written, another file's path
    text = text.replace('"error"]', '"bogus"]').replace('"abstracts/', '"authors/')
    stored.write_text(text, encoding="utf-8")
    checked.clear()
    assert check() == before
    assert sorted(set(checked)) == [p for p in abstracts(planted) if p in checked]
    assert "abstracts/1/1/first-imaging-study.md" in checked  # read again, not taken
    assert len(set(checked)) == len(cold_checked)


def test_an_entry_with_a_good_checksum_but_values_the_cache_never_writes_is_not_used(
    planted: Path, checked: list[str], tmp_path: Path
) -> None:
    # Past the checksum (an entry rewritten whole), each value is checked as it is decoded.
    before = check()
    stored = tmp_path / "cache" / FILE_NAME
    header, *lines = stored.read_text(encoding="utf-8").splitlines()
    forged, changed = [], set()
    for line in lines:
        key, _, rest = line.partition(" ")
        written = rest.partition(" ")[2]
        text = written.replace('"error"]', '"bogus"]')  # a severity never written
        kind, path = json.loads(text)["entry"]["~c"][:2]
        if text != written and kind == "RawEntry" and path.startswith("abstracts/"):
            changed.add(path)
        forged.append(f"{key} {hashlib.sha256(text.encode()).hexdigest()[:32]} {text}")
    stored.write_text("\n".join([header, *forged, ""]), encoding="utf-8")
    checked.clear()
    assert check() == before  # no "(bogus)" problem: a file it can't read is read again too
    assert changed and changed <= set(checked)  # each forged entry's file checked again


def test_a_cache_git_tracks_is_not_used(planted: Path, checked: list[str]) -> None:
    folder = planted / "journal-cache"
    commit_project(planted)
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("JOURNAL_CACHE_DIR", str(folder))
        before = check()
        stored = folder / FILE_NAME
        text = stored.read_text(encoding="utf-8")
        assert "is not a complete DOI" in text
        stored.write_text(text.replace("is not a complete DOI", "PLANTED"), encoding="utf-8")
        git(planted, "add", "-f", "journal-cache")
        checked.clear()
        status, output = check()
    assert "PLANTED" not in output
    refusal = f"journal-cache/{FILE_NAME}:1: cache: git tracks this file in the build cache folder"
    assert any(line.startswith(refusal) for line in output.splitlines()), output
    assert "abstracts/1/1/first-imaging-study.md" in checked
    assert status == 1

    def others(text: str) -> list[str]:  # but the refusal and the count, which names it
        return [
            line
            for line in text.splitlines()
            if not line.startswith("journal-cache/") and " problems in " not in line
        ]

    assert others(output) == others(before[1])
    assert len(others(output)) > len(RULES)
