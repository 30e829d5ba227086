"""A second host: ProperDocs 1.6.7 (a maintained fork of MkDocs 1.6) builds the same journal.

The sample journal is built unchanged (same mkdocs.yml, hooks, theme) by `properdocs build
--strict` and compared, file by file, with the `mkdocs build --strict` of conftest.py. Both use
the same SOURCE_DATE_EPOCH and each its own empty cache, so the sites are byte for byte the
same except for the generator tag each engine writes into every page's head.
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from conftest import EPOCH, ROOT, Build, journal_pages

GENERATOR = re.compile(rb'\n *<meta name="generator" content="[^"]*">')


@pytest.fixture(scope="module")
def properdocs_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    site = tmp_path_factory.mktemp("properdocs") / "site"
    environ = {
        **os.environ,
        "SOURCE_DATE_EPOCH": EPOCH,
        "DISABLE_MKDOCS_2_WARNING": "true",
        "JOURNAL_CACHE_DIR": str(site.parent / "cache"),
    }
    command = [sys.executable, "-m", "properdocs", "build", "--strict", "-f", "mkdocs.yml"]
    result = subprocess.run(
        [*command, "--site-dir", str(site)],
        cwd=ROOT,
        env=environ,
        capture_output=True,
        text=True,
        timeout=600,
        check=False,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    return site


def _files(site: Path) -> dict[str, bytes]:
    return {p.relative_to(site).as_posix(): p.read_bytes() for p in site.rglob("*") if p.is_file()}


def _generator(html: bytes) -> str:
    tag = BeautifulSoup(html, "html.parser").find("meta", attrs={"name": "generator"})
    assert tag is not None
    return str(tag["content"])


def test_properdocs_builds_the_same_files(sample_site: Build, properdocs_site: Path) -> None:
    mkdocs, properdocs = _files(sample_site.site), _files(properdocs_site)
    assert sorted(properdocs) == sorted(mkdocs)
    assert len(mkdocs) > 100  # the whole site: pages, exports, search index, assets


def test_the_sites_differ_only_in_the_generator_tag(
    sample_site: Build, properdocs_site: Path
) -> None:
    mkdocs, properdocs = _files(sample_site.site), _files(properdocs_site)
    pages = [
        p.relative_to(sample_site.site).as_posix()
        for p in journal_pages(sample_site.site, "*.html")
    ]
    assert {_generator(mkdocs[name]) for name in pages} == {"mkdocs-1.6.1, mkdocs-material"}
    assert {_generator(properdocs[name]) for name in pages} == {
        "mkdocs-ProperDocs 1.6.7, mkdocs-material"
    }
    different = [
        name
        for name in mkdocs
        if GENERATOR.sub(b"", mkdocs[name]) != GENERATOR.sub(b"", properdocs.get(name, b""))
    ]
    assert different == []
