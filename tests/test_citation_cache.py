"""Formatted citations are kept between builds, and never served stale."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

import journal.exports.citation_cache as citation_cache
import journal.exports.pandoc_citeproc as pandoc_citeproc
from journal import build_site_data
from journal.cache_folder import cache_dir
from journal.loading import read_settings

FIXTURE = Path(__file__).resolve().parent / "fixtures" / "journal"


@pytest.fixture
def project(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")
    monkeypatch.delenv("JOURNAL_CACHE_DIR", raising=False)  # the default folder
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "xdg"))
    return Path(
        shutil.copytree(FIXTURE, tmp_path / "journal", ignore=shutil.ignore_patterns(".cache"))
    )


def _cache(root: Path) -> Path:
    folder = cache_dir(root)
    assert folder is not None
    return folder


def _build(root: Path, monkeypatch: pytest.MonkeyPatch) -> tuple[dict, list[str]]:
    """Build the site data; return the abstracts' citations and which were formatted."""
    formatted: list[str] = []
    real = citation_cache.format_all

    def counting(journal, abstracts):  # type: ignore[no-untyped-def]
        formatted.extend(abstract.slug for abstract in abstracts)
        return real(journal, abstracts)

    monkeypatch.setattr(citation_cache, "format_all", counting)
    extra, _ = read_settings(root / "mkdocs.yml")
    site = build_site_data(root, root / "mkdocs.yml", extra, str)
    cites = {k: v["cite"]["styles"] for k, v in site.contexts.items() if "cite" in v}
    site.save_caches()  # what the hook does once the pages are written
    return cites, sorted(formatted)


def test_a_second_build_formats_no_citation_and_shows_the_same(project, monkeypatch) -> None:
    first, formatted = _build(project, monkeypatch)
    assert formatted == ["conference-talk", "first-imaging-study", "second-pathology-report"]
    assert len(list((_cache(project) / "citations").iterdir())) == 3
    assert not _cache(project).is_relative_to(project) and not (project / ".cache").exists()
    second, formatted_again = _build(project, monkeypatch)
    assert formatted_again == []
    assert second == first


def test_a_build_that_finds_every_citation_starts_no_pandoc(project, monkeypatch) -> None:
    first, _ = _build(project, monkeypatch)
    shutil.rmtree(_cache(project) / "outputs")  # every page head is made again
    started: list[object] = []
    monkeypatch.setattr(pandoc_citeproc.subprocess, "Popen", lambda *a, **k: started.append(a))
    again, formatted = _build(project, monkeypatch)
    assert (again, formatted, started) == (first, [], [])


def test_a_cold_build_formats_every_citation_at_once(project, monkeypatch) -> None:
    calls: list[int] = []
    real = citation_cache.format_all

    def counting(journal, abstracts):  # type: ignore[no-untyped-def]
        calls.append(len(abstracts))
        return real(journal, abstracts)

    monkeypatch.setattr(citation_cache, "format_all", counting)
    extra, _ = read_settings(project / "mkdocs.yml")
    build_site_data(project, project / "mkdocs.yml", extra, str)
    assert calls == [3]  # one call (one pandoc per style) for the three abstracts


def test_an_edited_abstract_is_formatted_afresh(project, monkeypatch) -> None:
    _build(project, monkeypatch)
    source = project / "abstracts/1/2/conference-talk.md"
    source.write_text(source.read_text().replace("without a DOI", "with a new title"))
    cites, formatted = _build(project, monkeypatch)
    assert formatted == ["conference-talk"]
    apa = next(s for s in cites["abstracts/conference-talk.md"] if s["id"] == "apa")
    assert "with a new title" in apa["text"]


def test_an_abstract_whose_text_or_keywords_changed_keeps_its_citations(
    project, monkeypatch
) -> None:
    # No style prints the abstract or its keywords: its citations are still the right ones,
    # and a cold build need not convert every text before formatting them.
    first, _ = _build(project, monkeypatch)
    source = project / "abstracts/1/2/conference-talk.md"
    text = source.read_text(encoding="utf-8")
    edited = text.replace("keywords: [radiotherapy]", "keywords: [a new keyword]") + "\nMore.\n"
    assert "a new keyword" in edited
    source.write_text(edited, encoding="utf-8")
    cites, formatted = _build(project, monkeypatch)
    assert formatted == [] and cites == first


def test_damaged_cache_files_are_ignored(project, monkeypatch) -> None:
    first, _ = _build(project, monkeypatch)
    cache = _cache(project)
    shutil.rmtree(cache / "outputs")  # page heads would otherwise hold the citations
    for path in (cache / "citations").iterdir():
        path.write_text("{not json", encoding="utf-8")
    cites, formatted = _build(project, monkeypatch)
    assert len(formatted) == 3 and cites == first


def test_only_a_build_that_looked_up_every_abstract_removes_old_citations(
    project, monkeypatch
) -> None:
    _build(project, monkeypatch)
    folder = _cache(project) / "citations"
    source = project / "abstracts/1/2/conference-talk.md"
    source.write_text(source.read_text().replace("without a DOI", "renamed"))
    _build(project, monkeypatch)  # one head made anew: the old citation is kept
    assert len(list(folder.iterdir())) == 4
    shutil.rmtree(_cache(project) / "outputs")
    _build(project, monkeypatch)  # every abstract looked up: the stale one goes
    assert len(list(folder.iterdir())) == 3


def test_the_cache_folder_can_be_moved(project, monkeypatch, tmp_path: Path) -> None:
    monkeypatch.setenv("JOURNAL_CACHE_DIR", str(tmp_path / "elsewhere"))
    _build(project, monkeypatch)
    assert any((tmp_path / "elsewhere" / "citations").iterdir())
    assert not (tmp_path / "xdg").exists() and not (project / ".cache").exists()


def test_a_stored_citation_with_markup_the_formatter_never_writes_is_formatted_again(
    project, monkeypatch
) -> None:
    first, _ = _build(project, monkeypatch)
    cache = _cache(project)
    shutil.rmtree(cache / "outputs")  # page heads would otherwise hold the citations
    for path in (cache / "citations").iterdir():
        styles = json.loads(path.read_text(encoding="utf-8"))
        styles[0]["html"] += '<img src=x onerror="alert(1)">'
        path.write_text(json.dumps(styles), encoding="utf-8")
    cites, formatted = _build(project, monkeypatch)
    assert len(formatted) == 3 and cites == first
    for path in (cache / "citations").iterdir():  # and stored again as the formatter wrote it
        assert "onerror" not in path.read_text(encoding="utf-8")
