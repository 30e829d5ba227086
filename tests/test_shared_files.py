"""The official schemas and real articles: from ../shared, or downloaded by scripts/fetch-shared.

The download is tested against a local HTTP server on 127.0.0.1 that serves the pinned files
under the same paths as their real addresses (GitHub raw files, a PyPI wheel).
"""

from __future__ import annotations

import functools
import hashlib
import http.server
import os
import shutil
import subprocess
import sys
import threading
import urllib.parse
import zipfile
from collections.abc import Iterator
from pathlib import Path

import pytest

from conftest import MANIFEST, ROOT, shared_dir

FETCH = ROOT / "scripts" / "fetch-shared"


def _manifest() -> list[list[str]]:
    lines = MANIFEST.read_text(encoding="utf-8").splitlines()
    return [line.split() for line in lines if line.strip() and not line.startswith("#")]


def _sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


class _Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:
        pass


@pytest.fixture
def server(tmp_path: Path) -> Iterator[tuple[str, Path]]:
    """(base URL, folder it serves): a plain HTTP server on 127.0.0.1, a free port."""
    folder = tmp_path / "served"
    folder.mkdir()
    handler = functools.partial(_Quiet, directory=str(folder))
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{httpd.server_address[1]}", folder
    finally:
        httpd.shutdown()
        httpd.server_close()


def _serve_the_pinned_files(folder: Path) -> None:
    """Lay the shared files out under their addresses' paths (zip members into their zip)."""
    for _, name, url, *member in _manifest():
        target = folder / urllib.parse.unquote(urllib.parse.urlsplit(url).path).lstrip("/")
        target.parent.mkdir(parents=True, exist_ok=True)
        data = (shared_dir() / name).read_bytes()
        if member:
            with zipfile.ZipFile(target, "a") as archive:
                if member[0] not in archive.namelist():
                    archive.writestr(member[0], data)
        else:
            target.write_bytes(data)


def _fetch(base: str, dest: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, str(FETCH), "--base-url", base, "--dest", str(dest)],
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )


def test_every_pinned_file_is_in_the_shared_folder_with_its_sha256() -> None:
    rows = _manifest()
    assert len(rows) == 67
    assert {name.split("/")[0] for _, name, *_ in rows} == {"schemas", "corpus"}
    assert [(name, _sha256(shared_dir() / name)) for sha, name, *_ in rows] == [
        (name, sha) for sha, name, *_ in rows
    ]


def test_the_manifest_points_at_pinned_commits_and_the_wheel_only() -> None:
    for _, _, url, *member in _manifest():
        parts = urllib.parse.urlsplit(url)
        assert parts.scheme == "https"
        if member:
            assert parts.netloc == "files.pythonhosted.org"
            assert url.endswith("/commonmeta_py-0.312-py3-none-any.whl")
        else:
            assert parts.netloc == "raw.githubusercontent.com"
            commit = parts.path.split("/")[3]
            assert len(commit) == 40 and set(commit) <= set("0123456789abcdef")


def test_fetch_stores_every_file_checked_by_its_sha256(
    server: tuple[str, Path], tmp_path: Path
) -> None:
    base, folder = server
    _serve_the_pinned_files(folder)
    dest = tmp_path / "downloads"
    result = _fetch(base, dest)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "67 of 67 files checked and stored" in result.stdout
    for sha256, name, *_ in _manifest():
        assert _sha256(dest / name) == sha256, name
    assert not [p for p in dest.rglob("*") if p.is_file() and p.name.startswith(".")]
    # A second run keeps what is there: the server serves nothing now, and nothing is asked.
    shutil.rmtree(folder)
    folder.mkdir()
    again = _fetch(base, dest)
    assert again.returncode == 0, again.stdout + again.stderr


def test_a_file_with_the_wrong_sha256_is_refused_and_named(
    server: tuple[str, Path], tmp_path: Path
) -> None:
    base, folder = server
    _serve_the_pinned_files(folder)
    doaj = next(row for row in _manifest() if row[1] == "schemas/doaj/doajArticles.xsd")
    served = folder / urllib.parse.urlsplit(doaj[2]).path.lstrip("/")
    served.write_bytes(served.read_bytes() + b"<!-- changed on the way -->\n")
    dest = tmp_path / "downloads"
    result = _fetch(base, dest)
    assert result.returncode == 1
    assert f"schemas/doaj/doajArticles.xsd: refused: SHA-256 {_sha256(served)}" in result.stderr
    assert f"is not the pinned {doaj[0]}" in result.stderr
    assert "66 of 67 files checked and stored" in result.stdout
    assert not (dest / "schemas" / "doaj" / "doajArticles.xsd").exists()
    assert _sha256(dest / "schemas" / "doaj" / "iso_639-2b.xsd") == next(
        row[0] for row in _manifest() if row[1] == "schemas/doaj/iso_639-2b.xsd"
    )


def test_a_missing_file_fails_the_fetch_with_its_address(
    server: tuple[str, Path], tmp_path: Path
) -> None:
    base, _ = server  # serves nothing
    result = _fetch(base, tmp_path / "downloads")
    assert result.returncode == 1
    assert "corpus/jats/mds526.nxml: not downloaded: " in result.stderr
    assert "HTTP 404" in result.stderr
    assert "0 of 67 files checked and stored" in result.stdout


def test_without_a_shared_folder_the_tests_download_into_their_own_folder(
    server: tuple[str, Path], tmp_path: Path
) -> None:
    base, folder = server
    _serve_the_pinned_files(folder)
    project = tmp_path / "fork"  # no shared/ beside it or above it
    shutil.copytree(ROOT / "scripts", project / "scripts")
    (project / "tests").mkdir()
    shutil.copy(ROOT / "tests" / "conftest.py", project / "tests")
    script = "import conftest; print(conftest.shared_dir())"
    result = subprocess.run(
        [sys.executable, "-c", script],
        cwd=project / "tests",
        env={**os.environ, "JOURNAL_SHARED_BASE_URL": base},
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    downloads = project / ".downloads" / "shared"
    assert result.stdout.strip() == str(downloads)
    for sha256, name, *_ in _manifest():
        assert _sha256(downloads / name) == sha256, name
