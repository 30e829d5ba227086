"""`journal summary`: a pull request's changes for an editor, on two commits of a scratch repo.

The Markdown is read back with GitHub's own parser (cmarkgfm, GitHub-flavoured) and the HTML
with BeautifulSoup, as the job summary page would show it.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import cmarkgfm
import pytest
from bs4 import BeautifulSoup
from cmarkgfm.cmark import Options

from conftest import FIXTURES, copy_project

PREVIEW = "https://journal.example.org/previews/pr-7/"
HOSTILE = "Evil | <script>alert(1)</script> `rm` [x](https://evil.example) ](y) @someone\n# Hi"
SHOWN = " ".join(HOSTILE.split()).replace("@", "@\u200b")  # a zero-width space: no @mention
ABSTRACT = """---
title: {title}
authors:
  - id: dana-new
    corresponding: true
volume: 2
issue: 1
year: 2021
published: 2021-01-15
type: Research Article
---
A new abstract.
"""


def _git(repo: Path, *args: str) -> str:
    result = subprocess.run(
        ["git", "-C", str(repo), *args], capture_output=True, text=True, check=True
    )
    return result.stdout.strip()


def _commit(repo: Path, message: str) -> str:
    _git(repo, "add", "-A")
    _git(repo, "-c", "user.name=T", "-c", "user.email=t@example.org", "commit", "-qm", message)
    return _git(repo, "rev-parse", "HEAD")


@pytest.fixture
def repo(tmp_path: Path) -> tuple[Path, str]:
    """A journal in git: (its folder, the base commit)."""
    project = copy_project(FIXTURES / "journal", tmp_path / "journal")
    _git(project, "init", "-q", "-b", "main")
    return project, _commit(project, "base")


def _content_pull_request(project: Path) -> str:
    new = project / "abstracts" / "2" / "1" / "hostile-title.md"
    new.parent.mkdir(parents=True)
    new.write_text(ABSTRACT.format(title=_yaml(HOSTILE)), encoding="utf-8")
    first = project / "abstracts" / "1" / "1" / "first-imaging-study.md"
    text = first.read_text(encoding="utf-8")
    first.write_text(text.replace("a first study", "the first study"), encoding="utf-8")
    (project / "abstracts" / "1" / "2" / "conference-talk.md").unlink()
    (project / "authors" / "chen-wei.md").unlink()
    author = "---\nname: Dana <b>New</b>\ngiven: Dana\nfamily: New\n---\n"
    (project / "authors" / "dana-new.md").write_text(author, encoding="utf-8")
    issues = '- volume: 2\n  issue: 1\n  title: "Issue | two [x](y)"\n'
    (project / "issues.yml").write_text(issues, encoding="utf-8")
    (project / "docs" / "about.md").write_text("# About\n", encoding="utf-8")
    return _commit(project, "content")


def _yaml(text: str) -> str:
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n") + '"'


def _summary(project: Path, base: str, *extra: str) -> str:
    command = [sys.executable, "-m", "journal", "summary", "--base", base, *extra]
    result = subprocess.run(
        command, cwd=project, capture_output=True, text=True, timeout=120, check=False
    )
    assert result.returncode == 0, result.stdout + result.stderr
    return result.stdout


def _html(markdown: str) -> BeautifulSoup:
    html = cmarkgfm.github_flavored_markdown_to_html(markdown, options=Options.CMARK_OPT_UNSAFE)
    return BeautifulSoup(html, "html.parser")


def _section(page: BeautifulSoup, heading: str) -> list[str]:
    title = page.find("h3", string=heading)
    assert title is not None, heading
    items = title.find_next_sibling("ul")
    assert items is not None
    return [" ".join(li.get_text().split()) for li in items.find_all("li")]


def test_summary_lists_abstracts_authors_and_issues_with_their_titles(
    repo: tuple[Path, str],
) -> None:
    project, base = repo
    _content_pull_request(project)
    page = _html(_summary(project, base, "--preview-url", PREVIEW))
    assert _section(page, "Abstracts") == [
        "changed: Imaging <b>before</b> & after: the first study "
        "(was: Imaging <b>before</b> & after: a first study) "
        "— abstracts/1/1/first-imaging-study.md",
        "removed: A conference talk without a DOI — abstracts/1/2/conference-talk.md",
        f"added: {SHOWN} — abstracts/2/1/hostile-title.md",
    ]
    assert _section(page, "Authors") == [
        "removed: Wei Chen — authors/chen-wei.md",
        "added: Dana <b>New</b> — authors/dana-new.md",
    ]
    assert _section(page, "Issues") == [
        "changed: Volume 1, Issue 1 — 1 abstract changed",
        "removed: Volume 1, Issue 2 — 1 abstract removed",
        "added: Volume 2, Issue 1: Issue | two [x](y) — 1 abstract added",
    ]
    assert _section(page, "Other files") == ["docs/about.md"]
    assert "Changes code" not in page.get_text()


def test_hostile_titles_cannot_add_html_links_or_lines(repo: tuple[Path, str]) -> None:
    project, base = repo
    _content_pull_request(project)
    markdown = _summary(project, base, "--preview-url", PREVIEW)
    page = _html(markdown)
    assert page.find("script") is None and page.find("b") is None
    assert page.find("table") is None and page.find("code", string="rm") is None
    assert page.find("h1") is None  # the "\n# Hi" stayed inside its line
    links = {a.get_text().replace("\u200b", ""): a["href"] for a in page.find_all("a")}
    assert links[" ".join(HOSTILE.split())] == PREVIEW + "abstracts/hostile-title/"
    assert links["Dana <b>New</b>"] == PREVIEW + "authors/dana-new/"
    assert links["Volume 2, Issue 1: Issue | two [x](y)"] == PREVIEW + "issues/2/1/"
    assert not [href for href in links.values() if "evil" in href or href == "y"]
    assert "@someone" not in markdown  # no mention: GitHub would notify that user


def test_summary_lists_the_problems_and_how_to_open_the_preview(repo: tuple[Path, str]) -> None:
    project, base = repo
    _content_pull_request(project)
    with (project / "issues.yml").open("a", encoding="utf-8") as issues:
        issues.write("- volume: 9\n  issue: 9\n")  # no abstracts: a warning
    _commit(project, "an issue without abstracts")
    run = "https://github.com/o/r/actions/runs/42"
    page = _html(_summary(project, base, "--run-url", run, "--artifact", "preview-pr-7"))
    assert "1 error(s), 1 warning(s)" in page.find("h3", string="Problems").find_next("p").text
    assert _section(page, "Problems")[0] == (
        'abstracts/1/1/second-pathology-report.md:4: authors[1]: "chen-wei" is not an author '
        "id (no authors/chen-wei.md). Add the file authors/chen-wei.md, or fix the id."
    )
    steps = page.find("h3", string="Open the preview").find_next_sibling("ol").get_text()
    assert "download preview-pr-7" in steps and "python3 -m http.server 8000" in steps
    assert page.find("a", string="this run's page")["href"] == run
    assert page.find("a", string="Dana <b>New</b>") is None  # no preview online: no links


def test_a_pull_request_that_changes_code_needs_a_maintainer(repo: tuple[Path, str]) -> None:
    project, base = repo
    config = project / "mkdocs.yml"
    config.write_text(config.read_text(encoding="utf-8") + "\n# x\n", encoding="utf-8")
    (project / "hooks" / "extra.py").write_text("print('hi')\n", encoding="utf-8")
    _content_pull_request(project)
    markdown = _summary(project, base)
    assert markdown.index("Changes code: needs a maintainer") < markdown.index("### Abstracts")
    warning = _html(markdown).find("blockquote").get_text()
    assert "hooks/extra.py" in warning and "mkdocs.yml" in warning
    assert "docs/about.md" not in warning


def test_an_unknown_base_is_a_usage_error(repo: tuple[Path, str]) -> None:
    project, _ = repo
    result = subprocess.run(
        [sys.executable, "-m", "journal", "summary", "--base", "no-such-branch"],
        cwd=project,
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 2
    assert result.stderr.startswith("journal: error: git ")
    assert "Traceback" not in result.stderr


def test_without_an_artifact_the_summary_says_the_preview_was_not_built(
    repo: tuple[Path, str],
) -> None:
    project, base = repo
    _content_pull_request(project)
    page = _html(_summary(project, base, "--artifact", ""))
    text = page.find("h3", string="Open the preview").find_next("p").get_text()
    assert text.startswith("The preview could not be built.")
    assert "Artifacts" not in page.get_text()


CONTINUOUS = """---
title: {title}
authors: [ana-lopez]
volume: {volume}
published: 2021-06-01
type: Research Article
---
A new article.
"""


def test_a_continuous_journals_summary_lists_volumes(tmp_path: Path) -> None:
    project = copy_project(FIXTURES / "continuous", tmp_path / "journal")
    _git(project, "init", "-q", "-b", "main")
    base = _commit(project, "base")
    for volume, slug in ((13, "second-finding"), (13, "third-finding"), (14, "next-volume")):
        path = project / f"abstracts/{volume}/{slug}.md"
        path.parent.mkdir(exist_ok=True)
        title = slug.replace("-", " ").capitalize()
        path.write_text(CONTINUOUS.format(title=title, volume=volume), encoding="utf-8")
    early = project / "abstracts/12/early-volume-study.md"
    early.write_text(early.read_text(encoding="utf-8") + "More.\n", encoding="utf-8")
    issues = project / "issues.yml"
    issues.write_text(issues.read_text(encoding="utf-8") + '- volume: 13\n  title: "Thirteen"\n')
    _commit(project, "content")
    markdown = _summary(project, base, "--preview-url", PREVIEW)
    page = _html(markdown)
    assert _section(page, "Volumes") == [
        "changed: Volume 12: Volume twelve: the first year — 1 abstract changed",
        "changed: Volume 13: Thirteen — 2 abstracts added",
        "added: Volume 14 — 1 abstract added",
    ]
    assert page.find("h3", string="Issues") is None
    links = {a.get_text(): a["href"] for a in page.find_all("a")}
    assert links["Volume 13: Thirteen"] == PREVIEW + "volumes/13/"
    assert links["Volume 14"] == PREVIEW + "volumes/14/"
    assert links["Next volume"] == PREVIEW + "abstracts/next-volume/"
    assert "None: every file passes `journal check`." in markdown  # no issue is asked for
