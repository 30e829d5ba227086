"""Untrusted pull requests: what they add is refused before it reaches site/, in a non-strict
build too, and `journal check` says so with the build's own words."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest

from conftest import FIXTURES, run_mkdocs_build

INVALID = FIXTURES / "invalid"
SECRET = "TOP-SECRET-CREDENTIAL-7f3a"


def journal_check(project: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "journal", "check"],
        cwd=project,
        capture_output=True,
        text=True,
        check=False,
        env={**os.environ, "SOURCE_DATE_EPOCH": "1700000000"},
    )


def site_text(site: Path) -> str:
    """Every file the journal wrote (not the theme's own scripts), as text."""
    return "\n".join(
        p.read_bytes().decode("utf-8", "replace")
        for p in sorted(site.rglob("*"))
        if p.is_file() and "javascripts" not in p.relative_to(site).parts
    )


@pytest.fixture
def linked_project(make_project: Callable[..., Path], tmp_path: Path) -> Path:
    """The fixture journal with symbolic links to a secret outside it, in every content folder."""
    outside = tmp_path / "outside"
    outside.mkdir()
    (outside / "config").write_text(f"[credential]\n  token = {SECRET}\n", encoding="utf-8")
    (outside / "stolen.md").write_text(
        "---\ntitle: Linked\nauthors: [ana-lopez]\nvolume: 1\nissue: 1\nyear: 2020\n"
        f"published: 2020-03-01\ntype: Research Article\n---\n{SECRET}\n",
        encoding="utf-8",
    )
    project = make_project()
    (project / "docs/assets").mkdir(parents=True, exist_ok=True)
    (project / "authors/photos").mkdir(parents=True, exist_ok=True)
    links = {
        "docs/leak.txt": outside / "config",
        "docs/assets/folder": outside,
        "abstracts/1/1/linked.md": outside / "stolen.md",
        "abstracts/1/1/first-imaging-study.pdf": outside / "config",
        "authors/photos/ana.jpg": outside / "config",
    }
    for name, target in links.items():
        os.symlink(target, project / name)
    text = (project / "authors/ana-lopez.md").read_text(encoding="utf-8")
    (project / "authors/ana-lopez.md").write_text(
        text.replace("---\n", "---\nphoto: photos/ana.jpg\n", 1), encoding="utf-8"
    )
    return project


def test_symbolic_links_never_reach_the_site_and_are_named(linked_project: Path) -> None:
    build = run_mkdocs_build(linked_project, linked_project / "site", strict=False, quiet=False)
    assert build.returncode == 0, build.output
    assert SECRET not in site_text(build.site)
    assert not (build.site / "leak.txt").exists()
    assert not (build.site / "assets/folder").exists()
    assert not (build.site / "abstracts/linked").exists()
    assert (build.site / "abstracts/first-imaging-study/index.html").is_file()  # the rest builds
    check = journal_check(linked_project)
    assert check.returncode == 1
    for name in ("docs/leak.txt", "docs/assets/folder", "abstracts/1/1/linked.md"):
        line = f"{name}:1: file: is a symbolic link."
        assert line in check.stdout, check.stdout
        assert line in build.output
    assert 'authors/ana-lopez.md:2: photo: "photos/ana.jpg" is a symbolic link.' in check.stdout
    assert "Traceback" not in check.stdout + check.stderr + build.output
    strict = run_mkdocs_build(linked_project, linked_project / "site-strict")
    assert strict.returncode != 0


REFUSED_FILES = {
    "docs-script-file": "evil.html",
    "docs-svg-foreign-object": "assets/banner.svg",
    "docs-svg-external": "assets/tracker.svg",
    "docs-abstract": "news/index.html",
    "author-photo-svg-script": "authors/svg-person/photo.svg",
}


@pytest.mark.parametrize("rule", sorted(REFUSED_FILES))
def test_a_refused_file_never_reaches_the_site_even_without_strict(
    rule: str, make_project: Callable[..., Path]
) -> None:
    project = make_project()
    shutil.copytree(INVALID / rule, project, dirs_exist_ok=True)
    build = run_mkdocs_build(project, project / "site", strict=False, quiet=False)
    assert build.returncode == 0, build.output
    assert not (build.site / REFUSED_FILES[rule]).exists(), rule
    assert (build.site / "abstracts/first-imaging-study/index.html").is_file()
    expected = (INVALID / f"{rule}.expected.txt").read_text(encoding="utf-8").splitlines()
    for line in expected:
        assert line.removesuffix(" (warning)").removesuffix(" (note)") in build.output, line
    assert run_mkdocs_build(project, project / "site-strict").returncode != 0


def test_a_photo_path_built_to_break_out_of_its_attribute_is_refused(
    make_project: Callable[..., Path],
) -> None:
    author = (INVALID / "author-photo-attribute.md").read_text(encoding="utf-8")
    project = make_project({"authors/ana-lopez.md": author.replace("Ben Attr", "Ana López")})
    build = run_mkdocs_build(project, project / "site", strict=False, quiet=False)
    assert "onerror" not in site_text(build.site)
    assert 'photo: "photos/ben.jpg" onerror="alert(1)" is not a plain file path.' in build.output


def test_the_longest_slug_builds_every_file_made_from_it(make_project: Callable[..., Path]) -> None:
    slug = "a" * 117 + "-bc"  # 120 characters: the limit
    text = (FIXTURES / "journal/abstracts/1/1/first-imaging-study.md").read_text("utf-8")
    copy = "".join(  # another abstract: no second DOI or overlapping pages
        line for line in text.splitlines(keepends=True) if not line.startswith(("doi:", "pages:"))
    )
    project = make_project({f"abstracts/1/1/{slug}.md": copy})
    build = run_mkdocs_build(project, project / "site")
    assert build.returncode == 0, build.output
    folder = build.site / "abstracts" / slug
    assert (folder / "index.html").is_file()
    for suffix in (".jats.xml", ".bib", ".ris", ".json", ".pdf"):
        assert (folder / f"{slug}{suffix}").is_file(), suffix
