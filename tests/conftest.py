"""Shared fixtures: real `mkdocs build --strict` runs of the sample and fixture journals."""

from __future__ import annotations

import functools
import json
import os
import shutil
import subprocess
import sys
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from bs4 import BeautifulSoup

from journal.cms import ADMIN

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = Path(__file__).resolve().parent / "fixtures"
MANIFEST = ROOT / "scripts" / "shared-files.txt"
DOWNLOADS = ROOT / ".downloads" / "shared"  # scripts/fetch-shared's folder; not the build cache
EPOCH = "1700000000"  # 2023-11-14: every sample abstract is published by then


def _manifest_files() -> list[str]:
    lines = MANIFEST.read_text(encoding="utf-8").splitlines()
    return [line.split()[1] for line in lines if line.strip() and not line.startswith("#")]


def _beside_the_project() -> Path | None:
    """`shared/` beside the checkout (or beside one of its parent folders, for git worktrees)."""
    for folder in ROOT.parents:
        if (folder / "shared" / "schemas" / "sha256sums.txt").is_file():
            return folder / "shared"
    return None


@functools.cache
def shared_dir() -> Path:
    """The folder with the official schemas (schemas/) and real articles (corpus/).

    ../shared when it is there; otherwise .downloads/shared/, filled by scripts/fetch-shared
    from the pinned addresses in scripts/shared-files.txt (each file checked by its SHA-256)
    when a file is missing. A download that fails fails the tests: none is skipped.
    """
    found = _beside_the_project()
    if found is not None:
        return found
    if not all((DOWNLOADS / name).is_file() for name in _manifest_files()):
        result = subprocess.run(
            [sys.executable, str(ROOT / "scripts" / "fetch-shared"), "--dest", str(DOWNLOADS)],
            capture_output=True,
            text=True,
            timeout=600,
            check=False,
        )
        assert result.returncode == 0, result.stdout + result.stderr
    return DOWNLOADS


@dataclass
class Build:
    """The outcome of one `mkdocs build --strict`."""

    returncode: int
    output: str
    site: Path

    def html(self, url: str) -> BeautifulSoup:
        """Parse the page served at `url` (e.g. "abstracts/x/")."""
        path = self.site / url / "index.html" if not url.endswith(".html") else self.site / url
        return BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")


def journal_pages(site: Path, pattern: str = "*") -> list[Path]:
    """The built site's files matching `pattern` (e.g. "index.html"), sorted, except those of
    /admin/: the editors' desk (cms.py) is an application of its own, not a journal page, so
    it has none of the journal's chrome, search or sitemap entry."""
    admin = site / ADMIN
    return sorted(p for p in site.rglob(pattern) if p.is_file() and admin not in p.parents)


def search_documents(site: Path) -> list[dict]:
    """Every document of a built site's search index, in order: its cards read from the
    chunks `search/documents.json` names, each of the index's version."""
    search = site / "search"
    head = json.loads((search / "documents.json").read_text("utf-8"))
    version = json.loads((search / "search_index.json").read_text("utf-8"))["config"]["journal"]
    assert head["version"] == version["version"]
    count, size = head["count"], head["chunk"]
    chunks = sorted((search / "documents").glob("*.json"), key=lambda p: int(p.stem))
    assert [p.stem for p in chunks] == [str(n) for n in range(-(-count // size))]
    documents: list[dict] = []
    for path in chunks:
        data = json.loads(path.read_text("utf-8"))
        assert data["version"] == head["version"]
        assert len(data["documents"]) == min(size, count - len(documents))
        documents += data["documents"]
    return documents


def search_shard(site: Path, name: str) -> Any:
    """What a built site's shard `search/shards/<name>.json` holds (a shard's words, a tail's
    postings), read as the worker reads it: of the index's version."""
    data = json.loads((site / f"search/shards/{name}.json").read_text("utf-8"))
    index = json.loads((site / "search/search_index.json").read_text("utf-8"))
    assert data["version"] == index["config"]["journal"]["version"]
    ((field, found),) = ((k, v) for k, v in data.items() if k != "version")
    assert field == ("postings" if "." in name else "words")
    return found


def search_postings(site: Path, word: str) -> dict[int, int]:
    """A word's postings in a built site's search index (document → score): those its shard
    holds, with a frequent word's tail (its other postings, in a file of their own)."""
    key = word[:2].encode("utf-8").hex()
    found = search_shard(site, key)[word]
    flat = found
    if isinstance(found, dict):
        flat = found["head"] + search_shard(site, f"{key}.{found['tail']}")
    postings = dict(zip(flat[::2], flat[1::2], strict=True))
    assert len(postings) * 2 == len(flat)  # no document twice
    return postings


def search_pages(site: Path) -> tuple[list[int], set[int]]:
    """What a built site's `search/documents.json` says of every document: its page (a
    section's page, or itself) and which are articles, read from the runs it holds."""
    head = json.loads((site / "search/documents.json").read_text("utf-8"))
    parents = list(range(head["count"]))
    end = 0
    sections = head["sections"]
    for gap, length, back in zip(sections[::3], sections[1::3], sections[2::3], strict=True):
        first, end = end + gap, end + gap + length
        parents[first:end] = [first - back] * length
    articles: set[int] = set()
    end = 0
    runs = head["articles"]
    for gap, length in zip(runs[::2], runs[1::2], strict=True):
        first, end = end + gap, end + gap + length
        articles |= set(range(first, end))
    return parents, articles


def run_mkdocs_build(
    project: Path,
    site: Path,
    *,
    env: dict[str, str] | None = None,
    strict: bool = True,
    quiet: bool = False,
    dirty: bool = False,
) -> Build:
    """Build `project` with the real mkdocs command into `site`."""
    environ = {
        **os.environ,
        "SOURCE_DATE_EPOCH": EPOCH,
        "NO_MKDOCS_2_WARNING": "1",
        "DISABLE_MKDOCS_2_WARNING": "true",
        # Each build starts from an empty cache: every output and citation is made afresh.
        "JOURNAL_CACHE_DIR": str(site.parent / f"{site.name}-cache"),
        **(env or {}),
    }
    # --quiet hides warnings, and then --strict cannot count them: pass quiet=False to see them.
    command = [sys.executable, "-m", "mkdocs", "build", "--site-dir", str(site)]
    if quiet:
        command.append("--quiet")
    if strict:
        command.append("--strict")
    if dirty:  # keep the files an earlier build wrote into `site`
        command.append("--dirty")
    result = subprocess.run(
        command, cwd=project, env=environ, capture_output=True, text=True, timeout=600, check=False
    )
    return Build(result.returncode, result.stdout + result.stderr, site)


def copy_project(source: Path, target: Path) -> Path:
    """Copy a journal project (mkdocs.yml, docs, abstracts, authors, hooks, overrides); its
    node_modules/ (the sample's /admin/ is copied from it) is linked, not copied."""
    ignore = ("site", ".venv", ".git", ".cache", "tests", "__pycache__", "node_modules")
    shutil.copytree(source, target, ignore=shutil.ignore_patterns(*ignore))
    if (source / "node_modules").is_dir():
        (target / "node_modules").symlink_to((source / "node_modules").resolve())
    for shared in ("hooks", "overrides"):
        if not (target / shared).exists():
            shutil.copytree(ROOT / shared, target / shared)
    return target


def write_files(project: Path, files: dict[str, str]) -> None:
    """Write text files (paths relative to `project`), making their folders."""
    for name, text in files.items():
        (project / name).parent.mkdir(parents=True, exist_ok=True)
        (project / name).write_text(text, encoding="utf-8")


@pytest.fixture(scope="session", autouse=True)
def _build_cache_outside_the_repository(tmp_path_factory: pytest.TempPathFactory) -> None:
    """Builds in tests keep their cache in a temporary folder, not in the checkout."""
    os.environ["JOURNAL_CACHE_DIR"] = str(tmp_path_factory.mktemp("journal-cache"))


@pytest.fixture(scope="session")
def sample_site(tmp_path_factory: pytest.TempPathFactory) -> Build:
    """The sample journal shipped in the repository, built once per test session."""
    build = run_mkdocs_build(ROOT, tmp_path_factory.mktemp("sample") / "site")
    assert build.returncode == 0, build.output
    return build


@pytest.fixture(scope="session")
def fixture_site(tmp_path_factory: pytest.TempPathFactory) -> Build:
    """The small fixture journal in tests/fixtures/journal, built once per session."""
    project = copy_project(FIXTURES / "journal", tmp_path_factory.mktemp("fixture") / "journal")
    build = run_mkdocs_build(project, project / "site")
    assert build.returncode == 0, build.output
    return build


@pytest.fixture
def make_project(tmp_path: Path) -> Callable[..., Path]:
    """A copy of the fixture journal in tmp_path, with files replaced or added."""

    def make(files: dict[str, str] | None = None, remove: tuple[str, ...] = ()) -> Path:
        project = copy_project(FIXTURES / "journal", tmp_path / "journal")
        for name in remove:
            (project / name).unlink()
        write_files(project, files or {})
        return project

    return make


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption(
        "--update-goldens",
        action="store_true",
        default=False,
        help="Rewrite tests/golden/ from the current exports (review the diff).",
    )


@pytest.fixture
def update_goldens(request: pytest.FixtureRequest) -> bool:
    """Whether golden files are rewritten instead of compared (`make goldens`)."""
    return bool(request.config.getoption("--update-goldens"))


def git(project: Path, *arguments: str) -> str:
    """Run git in `project` (a test's own repository); its output."""
    command = ["git", "-c", "user.name=Test", "-c", "user.email=test@example.org", *arguments]
    done = subprocess.run(command, cwd=project, capture_output=True, text=True, check=True)
    return done.stdout


def commit_project(project: Path) -> Path:
    """Make `project` a git repository with everything in it committed, as a fresh clone."""
    git(project, "init", "-q", "-b", "main")
    git(project, "add", "-A")
    git(project, "commit", "-q", "-m", "The journal")
    return project
