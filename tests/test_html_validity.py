"""Every page of the built journals is valid HTML for the Nu HTML Checker (#16).

The checker is the `vnu-jar` npm package (pinned in package-lock.json; `scripts/install-browser`
installs it), run offline with the system's Java. It reads every HTML file of a built site at
once; an error names the page, the line and what is wrong.
"""

from __future__ import annotations

import json
import shutil
import subprocess
from collections.abc import Callable
from pathlib import Path

import pytest

from conftest import ROOT, Build, run_mkdocs_build
from journal.sanitize import sanitize_html
from test_hostile import hostile_site
from test_trust import linked_project

__all__ = ["hostile_site", "linked_project"]  # journals of test_hostile.py and test_trust.py
VNU = ROOT / "node_modules" / "vnu-jar" / "build" / "dist" / "vnu.jar"


def _java() -> str:
    java = shutil.which("java") or "/usr/bin/java"
    if not Path(java).exists():
        pytest.fail("Java is missing: run ./scripts/install-browser (installs Debian's JRE).")
    if not VNU.exists():
        pytest.fail(f"{VNU} is missing: run ./scripts/install-browser (npm ci).")
    return java


def html_errors(site: Path) -> list[str]:
    """The Nu HTML Checker's errors on every HTML page of a built site, as `page:line: text`."""
    pages = sorted(str(p) for p in site.rglob("*.html"))
    assert pages, f"no HTML page in {site}"
    options = ["--errors-only", "--format", "json", "--exit-zero-always"]
    checked = subprocess.run(
        [_java(), "-jar", str(VNU), *options, *pages], capture_output=True, text=True, check=True
    )
    messages = json.loads(checked.stderr)["messages"]
    prefix = f"file:{site.resolve()}/"
    return [
        f"{m.get('url', '').replace('file://', 'file:').removeprefix(prefix)}:"
        f"{m.get('lastLine', '?')}: {m['message']} [{m.get('extract', '').strip()[:120]}]"
        for m in messages
        if m["type"] in ("error", "non-document-error")
    ]


def test_the_checker_reports_an_error_it_is_shown(tmp_path: Path) -> None:
    # The check can fail: a page with a duplicate id and a checkbox's autocomplete.
    (tmp_path / "bad.html").write_text(
        '<!doctype html><html lang="en"><head><meta charset="utf-8"><title>x</title></head>'
        '<body><p id="a">1</p><p id="a">2</p><input type="checkbox" autocomplete="off"></body>'
        "</html>",
        encoding="utf-8",
    )
    errors = html_errors(tmp_path)
    assert any("Duplicate ID" in e for e in errors), errors
    assert any("autocomplete" in e for e in errors), errors
    assert all(e.startswith("bad.html:1: ") for e in errors), errors


def test_a_link_whose_address_was_dropped_keeps_no_rel() -> None:
    # HTML allows `rel` only with `href`; nh3 gives every link one.
    html = sanitize_html(
        '<p><a href="javascript:alert(1)" title="a>b">x</a> <a href="https://x.org">y</a></p>'
    )
    assert html == (
        '<p><a title="a&gt;b">x</a> <a href="https://x.org" rel="noopener noreferrer">y</a></p>'
    )


def _assert_valid(build: Build) -> None:
    errors = html_errors(build.site)
    assert not errors, f"{len(errors)} errors of the Nu HTML Checker:\n" + "\n".join(errors)


def test_every_page_of_the_sample_journal_is_valid_html(sample_site: Build) -> None:
    _assert_valid(sample_site)


def test_every_page_of_the_fixture_journal_is_valid_html(fixture_site: Build) -> None:
    _assert_valid(fixture_site)


def test_every_page_of_the_hostile_journal_is_valid_html(hostile_site: Build) -> None:
    _assert_valid(hostile_site)


def test_every_page_of_a_journal_with_refused_links_is_valid_html(linked_project: Path) -> None:
    build = run_mkdocs_build(linked_project, linked_project / "site", strict=False)
    assert build.returncode == 0, build.output
    _assert_valid(build)


def test_keywords_differing_only_in_case_give_no_duplicate_ids(
    make_project: Callable[..., Path],
) -> None:
    project = make_project(
        {
            f"abstracts/1/1/{name}.md": (
                f"---\ntitle: {name.title()} study\nauthors: [ana-lopez]\nvolume: 1\nissue: 1\n"
                f"year: 2020\npublished: 2020-03-01\ntype: Research Article\n"
                f"keywords: [{keywords}]\n---\nText of the {name} study.\n"
            )
            for name, keywords in (
                ("upper", "Human, Mice, PD-L1"),
                ("lower", "human, mice, pd-l1"),
                ("mixed", "HUMAN, Ärzte, ärzte, Arzte, PD L1, Zebrafish"),
            )
        }
    )
    build = run_mkdocs_build(project, project / "site")
    assert build.returncode == 0, build.output
    assert (build.site / "keywords" / "index.html").exists()
    _assert_valid(build)
