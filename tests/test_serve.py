"""`mkdocs serve` rebuilds when an editor saves an abstract or a biography."""

from __future__ import annotations

import json
import os
import socket
import subprocess
import sys
import time
import urllib.parse
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from conftest import EPOCH, FIXTURES, copy_project, run_mkdocs_build


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def _get(url: str) -> str:
    try:
        with urllib.request.urlopen(url, timeout=5) as response:
            return str(response.read().decode("utf-8"))
    except OSError:
        return ""


def _wait_for(url: str, text: str, seconds: float = 60) -> bool:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if text in _get(url):
            return True
        time.sleep(0.3)
    return False


def _served_documents(base: str) -> list[dict]:
    """Every document of the served search index: the chunks documents.json counts, each of
    its version (a chunk of an earlier build would say another)."""
    try:
        head = json.loads(_get(base + "search/documents.json"))
        chunks = [
            json.loads(_get(f"{base}search/documents/{n}.json"))
            for n in range(-(-head["count"] // head["chunk"]))
        ]
    except (ValueError, KeyError):  # between a rebuild's files
        return []
    if any(chunk["version"] != head["version"] for chunk in chunks):
        return []
    return [document for chunk in chunks for document in chunk["documents"]]


@pytest.fixture
def served(tmp_path: Path) -> Iterator[tuple[Path, str]]:
    project = copy_project(FIXTURES / "journal", tmp_path / "journal")
    port = _free_port()
    env = {**os.environ, "SOURCE_DATE_EPOCH": EPOCH, "NO_MKDOCS_2_WARNING": "1"}
    server = subprocess.Popen(
        [sys.executable, "-m", "mkdocs", "serve", "--dev-addr", f"127.0.0.1:{port}"],
        cwd=project,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        yield project, f"http://127.0.0.1:{port}/"
    finally:
        server.terminate()
        server.wait(timeout=30)


def test_saving_an_abstract_or_a_bio_updates_the_served_pages(served) -> None:
    project, base = served
    page = base + "abstracts/conference-talk/"
    assert _wait_for(page, "A conference talk without a DOI")
    source = project / "abstracts/1/2/conference-talk.md"
    source.write_text(
        source.read_text().replace("A conference talk without a DOI", "A renamed conference talk")
    )
    assert _wait_for(page, "A renamed conference talk")
    # Search finds the page by its new title, once: the rebuild's index holds none of the
    # earlier build's pages.
    deadline = time.monotonic() + 60
    while "A renamed conference talk" not in str(documents := _served_documents(base)):
        assert time.monotonic() < deadline, documents
        time.sleep(0.3)
    titles = [doc["title"] for doc in documents]
    locations = [doc["location"] for doc in documents]
    assert "A renamed conference talk" in titles
    assert "A conference talk without a DOI" not in titles
    assert len(locations) == len(set(locations))
    bio = project / "authors/chen-wei.md"
    bio.write_text(bio.read_text().replace("is a pathologist", "is a molecular pathologist"))
    assert _wait_for(base + "authors/chen-wei/", "is a molecular pathologist")


def test_the_first_serve_after_a_build_reuses_the_whole_cache(tmp_path: Path) -> None:
    """Serve gives site_url its own address; the journal's outputs keep mkdocs.yml's, so
    every cached export, page head and body a build made is used, none made again."""
    project = copy_project(FIXTURES / "journal", tmp_path / "journal")
    cache = tmp_path / "cache"
    env = {
        **os.environ,
        "SOURCE_DATE_EPOCH": EPOCH,
        "NO_MKDOCS_2_WARNING": "1",
        "JOURNAL_CACHE_DIR": str(cache),
    }
    subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "--quiet"],
        cwd=project, env=env, check=True, timeout=300,
    )  # fmt: skip
    built = {p.name: p.stat().st_mtime_ns for p in (cache / "outputs").iterdir()}
    assert len(built) > 10
    port = _free_port()
    server = subprocess.Popen(
        [sys.executable, "-m", "mkdocs", "serve", "--dev-addr", f"127.0.0.1:{port}"],
        cwd=project, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )  # fmt: skip
    try:
        page = f"http://127.0.0.1:{port}/abstracts/conference-talk/"
        assert _wait_for(page, "A conference talk without a DOI")
        html = _get(page)
    finally:
        server.terminate()
        server.wait(timeout=30)
    served = {p.name: p.stat().st_mtime_ns for p in (cache / "outputs").iterdir()}
    assert served == built  # nothing made again, nothing pruned
    assert 'content="https://journal.example.org/abstracts/conference-talk/"' in html


BROKEN = """---
title: "A <b>broken</b> abstract"
authors: [ana-lopez]
volume: 1
issue: 1
year: 2020
published: 2020-03-01
type: Research Article
doi: "10.5555"
---
Text.
"""


def test_a_broken_abstract_shows_its_problems_in_serve_and_nowhere_in_a_build(
    served: tuple[Path, str], tmp_path: Path
) -> None:
    project, base = served
    assert _wait_for(base + "abstracts/conference-talk/", "A conference talk without a DOI")
    (project / "abstracts/1/1/broken-study.md").write_text(BROKEN, encoding="utf-8")
    page = base + "abstracts/broken-study/"
    assert _wait_for(page, "is not a complete DOI")
    soup = BeautifulSoup(_get(page), "html.parser")
    text = " ".join(soup.get_text().split())
    assert "abstracts/1/1/broken-study.md has errors" in text
    assert 'line 9, doi (error): "10.5555" is not a complete DOI.' in text
    link = soup.find("a", string="Every problem of the journal")
    assert link is not None
    index = BeautifulSoup(_get(urllib.parse.urljoin(page, link["href"])), "html.parser")
    assert "is not a complete DOI" in index.get_text()
    menu = [
        a.get_text(strip=True) for a in BeautifulSoup(_get(base), "html.parser").select("nav a")
    ]
    assert any(item.startswith("Problems (") for item in menu)
    build = run_mkdocs_build(project, tmp_path / "site", strict=False, quiet=False)
    assert build.returncode == 0, build.output
    assert not (build.site / "abstracts/broken-study").exists()
    assert not (build.site / "journal-problems").exists()
    assert "Problems (" not in (build.site / "index.html").read_text(encoding="utf-8")
