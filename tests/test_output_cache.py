"""Export files and page heads are kept between builds, remade when what they show changes,
and a build from the cache writes the same bytes as one without it."""

from __future__ import annotations

import json
import shutil
from dataclasses import replace
from pathlib import Path
from typing import Any

import pytest
from bs4 import BeautifulSoup

from conftest import FIXTURES, Build, copy_project, run_mkdocs_build
from journal import build_site_data
from journal.exports import ExportFile
from journal.exports.cached_markup import (
    is_abstract_head,
    is_citation_list,
    is_page_body,
    is_sanitized,
)
from journal.exports.output_cache import OutputCache
from journal.loading import read_settings
from journal.model import Settings
from journal.page_bodies import BIOGRAPHY, BODY


@pytest.fixture
def project(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")
    monkeypatch.setenv("JOURNAL_CACHE_DIR", str(tmp_path / "cache"))
    monkeypatch.delenv("JOURNAL_ONLY_ISSUES", raising=False)
    return Path(
        shutil.copytree(
            FIXTURES / "journal", tmp_path / "journal", ignore=shutil.ignore_patterns(".cache")
        )
    )


def _build(root: Path, out: Path) -> tuple[list[str], dict[str, str], dict[str, Any]]:
    """Build the site data and write every export file to `out`, as the hook does.

    Returns the outputs made (not taken from the cache): src_uris of the export files that are
    cached (all but the feed and robots.txt, made every build) and "head:<n>" for abstract
    pages' heads; the export files' texts; and each abstract page's head.
    """
    made: list[str] = []
    real = ExportFile.make

    def counting(export: ExportFile) -> str:
        if export.cache_key(site.outputs) is not None:
            made.append(export.src_uri)
        return real(export)

    extra, _ = read_settings(root / "mkdocs.yml")
    site = build_site_data(root, root / "mkdocs.yml", extra, str)
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(ExportFile, "make", counting)
        for export in site.exports:
            site.write_export(export, out / export.src_uri)
    before = site.outputs.made
    heads = {}
    for src_uri, view in site.contexts.items():
        if "cite" in view:
            heads[src_uri] = {k: view[k] for k in ("head_html", "cite")}
    made += [f"head:{n}" for n in range(site.outputs.made - before)]
    site.save_caches()  # what the hook does once the pages are written
    texts = {p.relative_to(out).as_posix(): p.read_text() for p in out.rglob("*") if p.is_file()}
    return made, texts, heads


def test_a_second_build_makes_nothing_and_writes_the_same(project: Path, tmp_path: Path) -> None:
    made, texts, heads = _build(project, tmp_path / "one")
    assert "abstracts/first-imaging-study/first-imaging-study.jats.xml" in made
    assert len([m for m in made if m.startswith("head:")]) == 3
    again, texts_again, heads_again = _build(project, tmp_path / "two")
    assert again == []
    assert texts_again == texts and heads_again == heads


def test_an_edited_author_remakes_their_abstracts_and_issues_only(
    project: Path, tmp_path: Path
) -> None:
    _build(project, tmp_path / "one")
    author = project / "authors" / "ana-lopez.md"
    author.write_text(author.read_text().replace("de Pruebas", "de Ensayos"), encoding="utf-8")
    made, texts, heads = _build(project, tmp_path / "two")
    remade = {m for m in made if not m.startswith("head:")}
    # Ana wrote first-imaging-study (issue 1/1) and conference-talk (1/2), not the other one.
    assert not any("second-pathology-report" in m for m in remade)
    assert {
        "abstracts/first-imaging-study/first-imaging-study.jats.xml",
        "abstracts/conference-talk/conference-talk.ris",
        "issues/1/1/crossref.xml",
        "issues/1/2/doaj.xml",
    } <= remade
    assert len([m for m in made if m.startswith("head:")]) == 2
    assert (
        "Hospital Universitario de Ensayos"
        in texts["abstracts/first-imaging-study/first-imaging-study.jats.xml"]
    )
    head = BeautifulSoup(heads["abstracts/conference-talk.md"]["head_html"], "html.parser")
    institution = head.find("meta", attrs={"name": "citation_author_institution"})
    assert institution["content"].startswith("Hospital Universitario de Ensayos")


def test_changed_settings_remake_everything(project: Path, tmp_path: Path) -> None:
    first, _, _ = _build(project, tmp_path / "one")
    config = project / "mkdocs.yml"
    text = config.read_text(encoding="utf-8")
    config.write_text(text.replace("publisher:", "publisher: New", 1), encoding="utf-8")
    assert config.read_text(encoding="utf-8") != text
    made, _, _ = _build(project, tmp_path / "two")
    assert sorted(made) == sorted(first)


def test_a_partial_preview_keeps_the_other_issues_outputs(
    project: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    _build(project, tmp_path / "one")
    monkeypatch.setenv("JOURNAL_ONLY_ISSUES", "1/2")
    _build(project, tmp_path / "preview")
    monkeypatch.delenv("JOURNAL_ONLY_ISSUES")
    made, _, _ = _build(project, tmp_path / "two")
    assert made == []


def test_outputs_no_build_uses_any_more_are_removed(project: Path, tmp_path: Path) -> None:
    _build(project, tmp_path / "one")
    folder = tmp_path / "cache" / "outputs"
    count = len(list(folder.iterdir()))
    (project / "abstracts" / "1" / "2" / "conference-talk.md").unlink()
    _build(project, tmp_path / "two")
    assert 0 < len(list(folder.iterdir())) < count


def test_a_real_build_from_a_warm_cache_is_byte_identical(tmp_path: Path) -> None:
    project = copy_project(FIXTURES / "journal", tmp_path / "journal")
    cache = str(tmp_path / "shared-cache")
    cold = run_mkdocs_build(project, tmp_path / "cold", env={"JOURNAL_CACHE_DIR": cache})
    assert cold.returncode == 0, cold.output
    assert any((tmp_path / "shared-cache" / "outputs").iterdir())
    warm = run_mkdocs_build(project, tmp_path / "warm", env={"JOURNAL_CACHE_DIR": cache})
    assert warm.returncode == 0, warm.output
    files = sorted(p.relative_to(cold.site) for p in cold.site.rglob("*") if p.is_file())
    assert files == sorted(p.relative_to(warm.site) for p in warm.site.rglob("*") if p.is_file())
    assert len(files) > 50
    for name in files:
        assert (cold.site / name).read_bytes() == (warm.site / name).read_bytes(), name


def test_export_files_from_the_cache_are_readable_and_a_write_into_one_does_not_spread(
    tmp_path: Path,
) -> None:
    project = copy_project(FIXTURES / "journal", tmp_path / "journal")
    env = {"JOURNAL_CACHE_DIR": str(tmp_path / "shared-cache")}
    cold = run_mkdocs_build(project, tmp_path / "cold", env=env)
    assert cold.returncode == 0, cold.output
    warm = run_mkdocs_build(project, tmp_path / "warm", env=env)
    assert warm.returncode == 0, warm.output
    exports = sorted(warm.site.glob("abstracts/*/*.bib")) + sorted(warm.site.glob("issues/*/*/*"))
    assert len(exports) > 3
    for path in exports:  # a web server running as another user can read them
        assert path.stat().st_mode & 0o044 == 0o044, path
    # Something rewrites a built file in place (the site's files may share the cache's).
    bib = sorted(warm.site.glob("abstracts/*/*.bib"))[0]
    name = bib.relative_to(warm.site)
    with bib.open("w", encoding="utf-8") as out:
        out.write("@misc{overwritten}\n")
    again = run_mkdocs_build(project, tmp_path / "again", env=env)
    assert again.returncode == 0, again.output
    assert (again.site / name).read_bytes() == (cold.site / name).read_bytes()
    # A --dirty build over a site built from the cache replaces its files, not the cache's.
    dirty = run_mkdocs_build(project, tmp_path / "again", env=env, strict=False, dirty=True)
    assert dirty.returncode == 0, dirty.output
    assert (dirty.site / name).read_bytes() == (cold.site / name).read_bytes()


POISON = '<script>alert("poison")</script>'


def _poison(entry: Path) -> bool:
    """Add markup the builder never writes to a cached head, citation, body or biography;
    True when the entry is one of those."""
    if entry.read_bytes().startswith(b"%PDF"):
        return False  # a PDF galley or book: an export file
    text = entry.read_text(encoding="utf-8")
    if "Ana López-Núñez leads" in text and not text.startswith("{"):  # her biography
        entry.write_text(text + POISON, encoding="utf-8")
        return True
    try:
        data = json.loads(text)
    except ValueError:
        return False  # an export file
    if isinstance(data, dict) and "head_html" in data:
        if "first-imaging-study" in data["head_html"]:
            data["head_html"] += "\n" + POISON
        else:
            data["cite"]["styles"][0]["html"] += '<img src=x onerror=alert("poison")>'
    elif isinstance(data, dict) and data.get("toc"):
        data["toc"][0]["name"] = POISON
    elif isinstance(data, dict) and "toc" in data:  # the theme never prints it: sanitised
        data["html"] += POISON
    else:
        return False
    entry.write_text(json.dumps(data), encoding="utf-8")
    return True


def test_cached_entries_with_markup_the_builder_never_writes_are_made_again(
    tmp_path: Path,
) -> None:
    project = copy_project(FIXTURES / "journal", tmp_path / "journal")
    source = project / "abstracts" / "1" / "1" / "second-pathology-report.md"
    source.write_text(source.read_text(encoding="utf-8") + "\n## Methods\n\nA biopsy.\n")
    env = {"JOURNAL_CACHE_DIR": str(tmp_path / "cache")}
    cold = run_mkdocs_build(project, tmp_path / "cold", env=env)
    assert cold.returncode == 0, cold.output
    entries = sorted((tmp_path / "cache").rglob("*"))
    poisoned = [entry for entry in entries if entry.is_file() and _poison(entry)]
    assert len(poisoned) >= 3 + 3 + 1  # three heads, three bodies, a biography
    warm = run_mkdocs_build(project, tmp_path / "warm", env=env)
    assert warm.returncode == 0, warm.output
    files = sorted(p.relative_to(cold.site) for p in cold.site.rglob("*") if p.is_file())
    assert files == sorted(p.relative_to(warm.site) for p in warm.site.rglob("*") if p.is_file())
    for name in files:
        assert b"poison" not in (warm.site / name).read_bytes(), name
        assert (cold.site / name).read_bytes() == (warm.site / name).read_bytes(), name
    # Each damaged entry was stored again as the builder writes it (the body's HTML is only
    # sanitised when used: it is not printed as it is).
    kept = [entry for entry in poisoned if "poison" in entry.read_text(encoding="utf-8")]
    assert [json.loads(entry.read_text(encoding="utf-8")).keys() for entry in kept] == [
        {"html", "toc", "title", "anchors"}
    ] * len(kept)


def test_every_entry_a_real_build_stores_passes_its_check(sample_site: Build) -> None:
    """The checks accept all the builder writes (else warm builds would remake it all)."""
    cache = sample_site.site.parent / f"{sample_site.site.name}-cache"
    kinds: dict[str, int] = {}
    for entry in sorted((cache / "citations").iterdir()):
        assert is_citation_list(json.loads(entry.read_text(encoding="utf-8"))), entry.name
        kinds["citations"] = kinds.get("citations", 0) + 1
    for entry in sorted((cache / "outputs").iterdir()):
        if entry.read_bytes().startswith(b"%PDF"):
            kinds["pdf"] = kinds.get("pdf", 0) + 1
            continue  # export files are not checked (only a trusted cache is read)
        text = entry.read_text(encoding="utf-8")
        if text.startswith("<p>"):
            kind, ok = "biography", is_sanitized(text)
        elif text.startswith("{"):
            data = json.loads(text)
            kind = "head" if "head_html" in data else "body"
            ok = is_abstract_head(data) if kind == "head" else is_page_body(data)
        else:
            continue  # an export file (linked into the site, never printed into a page)
        assert ok, (kind, entry.name)
        kinds[kind] = kinds.get(kind, 0) + 1
    assert kinds["head"] == kinds["citations"] == 12 and kinds["body"] >= 12
    assert kinds["biography"] >= 10


def test_a_new_site_url_keeps_rendered_bodies_and_remakes_what_gives_the_address() -> None:
    built = Settings(title="T", abbreviation="T", site_url="https://journal.org/")
    served = replace(built, site_url="http://127.0.0.1:8000/")
    one, two = OutputCache.open(None, built), OutputCache.open(None, served)
    for kind in (BODY, BIOGRAPHY):
        assert one.text_key(kind, "renderer", "Some *Markdown*") == two.text_key(
            kind, "renderer", "Some *Markdown*"
        )
        assert one.text_key(kind, "renderer", "a") != one.text_key(kind, "renderer", "b")
    assert one.key("bib", "the abstract") != two.key("bib", "the abstract")
