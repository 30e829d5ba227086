"""`journal init` turns a copy of the sample journal into a new, empty journal that builds."""

from __future__ import annotations

import io
import os
from pathlib import Path

import pytest
import yaml
from lxml import etree

from conftest import ROOT, copy_project, git, run_mkdocs_build
from journal.cli import main
from journal.new_journal import JournalFacts, rewrite_config

FLAGS = (
    "--title",
    "Journal of Alpine Botany & Ecology",
    "--abbreviation",
    "J Alp Bot Ecol",
    "--issn-online",
    "0378-5955",
    "--publisher",
    "Alpine Press",
    "--doi-prefix",
    "10.1234",
    "--language",
    "de",
    "--site-url",
    "https://alpine-botany.org/",
    "--contact-email",
    "office@alpine-botany.org",
    "--repo-url",
    "https://github.com/alpine-press/alpine-botany",
    "--yes",
)
SAMPLE_ISSN = "2324-9110"


def run(*argv: str) -> tuple[int, str]:
    out = io.StringIO()
    status = main(list(argv), out)
    return status, out.getvalue()


@pytest.fixture
def fork(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A copy of the repository (the sample journal), made the current folder."""
    project = copy_project(ROOT, tmp_path / "fork")
    monkeypatch.chdir(project)
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")
    monkeypatch.delenv("JOURNAL_SITE_URL", raising=False)
    monkeypatch.delenv("JOURNAL_REPO_URL", raising=False)
    monkeypatch.delenv("JOURNAL_PREVIEW", raising=False)
    return project


def _files(folder: Path) -> list[str]:
    return sorted(p.relative_to(folder).as_posix() for p in folder.rglob("*") if p.is_file())


def test_init_makes_an_empty_journal_that_builds_strict(fork: Path) -> None:
    status, output = run("init", *FLAGS)
    assert status == 0, output
    assert _files(fork / "abstracts") == [".gitkeep"]
    assert _files(fork / "authors") == [".gitkeep"]
    assert _files(fork / "docs/assets") == ["covers/.gitkeep", "partners/.gitkeep"]
    assert not (fork / "board.yml").exists()  # the sample's editorial board
    assert yaml.safe_load((fork / "issues.yml").read_text(encoding="utf-8")) == []
    build = run_mkdocs_build(fork, fork / "site")
    assert build.returncode == 0, build.output
    home = build.html("")
    assert "Journal of Alpine Botany & Ecology" in home.get_text()
    # The new journal's editors' desk saves to its own repository, not the sample's placeholder.
    desk = yaml.safe_load((fork / "site/admin/config.yml").read_text(encoding="utf-8"))
    assert desk["backend"]["repo"] == "alpine-press/alpine-botany"
    for path in (fork / "site").rglob("*"):
        if path.is_file() and path.suffix in (".html", ".xml", ".json", ".txt"):
            text = path.read_text(encoding="utf-8", errors="replace")
            assert SAMPLE_ISSN not in text, path
            assert "Oncolog" not in text, path  # nothing of the sample's content
    assert run("check")[0] == 0


def test_init_keeps_comments_and_other_settings_of_mkdocs_yml(fork: Path) -> None:
    before = (fork / "mkdocs.yml").read_text(encoding="utf-8")
    assert run("init", *FLAGS)[0] == 0
    after = (fork / "mkdocs.yml").read_text(encoding="utf-8")
    comments = before.split("\nextra:")[0].splitlines()[1:]  # the first names the sample
    kept = [line for line in comments if line.strip()[:1] == "#"]
    assert len(kept) >= 3 and all(line in after for line in kept)
    assert "sample" not in after.splitlines()[0]
    assert 'site_url: !ENV [JOURNAL_SITE_URL, "https://alpine-botany.org/"]' in after
    config = yaml.safe_load(after.replace("!ENV", "").replace("!!python/name:", ""))
    journal = config["extra"]["journal"]
    assert journal["issn_online"] == "0378-5955" and journal["language"] == "de"
    assert "media_partners" not in journal and "logo" not in journal
    assert (
        config["markdown_extensions"]
        == yaml.safe_load(before.replace("!ENV", "").replace("!!python/name:", ""))[
            "markdown_extensions"
        ]
    )


def test_the_new_journals_address_is_in_canonical_crossref_and_feed(fork: Path) -> None:
    assert run("init", *FLAGS)[0] == 0
    assert run("new", "author", "--name", "Anna Berger")[0] == 0
    bio = fork / "authors/anna-berger.md"
    bio.write_text(bio.read_text(encoding="utf-8") + "Anna Berger is a botanist.\n")
    status, output = run(
        "new", "abstract", "--title", "Edelweiss above the tree line", "--author",
        "anna-berger", "--volume", "1", "--issue", "1", "--published", "2023-05-02",
        "--doi", "10.1234/jabe.2023.001",
    )  # fmt: skip
    assert status == 0, output
    abstract = fork / "abstracts/1/1/edelweiss-above-the-tree-line.md"
    text = abstract.read_text(encoding="utf-8").replace("draft: true\n", "")
    abstract.write_text(text.replace("Write the abstract here.", "Edelweiss grows high."))
    build = run_mkdocs_build(fork, fork / "site")
    assert build.returncode == 0, build.output
    page = build.html("abstracts/edelweiss-above-the-tree-line/")
    url = "https://alpine-botany.org/abstracts/edelweiss-above-the-tree-line/"
    assert page.find("link", rel="canonical")["href"] == url
    assert page.find("meta", attrs={"name": "citation_abstract_html_url"})["content"] == url
    crossref = etree.parse(str(build.site / "issues/1/1/crossref.xml"))
    resources = crossref.xpath("//*[local-name()='resource']/text()")
    assert resources == [url, url + "edelweiss-above-the-tree-line.pdf"]  # the page, the galley
    feed = (build.site / "feed.xml").read_text(encoding="utf-8")
    assert f"<id>{url}</id>" in feed or url in feed
    assert SAMPLE_ISSN not in feed


def test_init_refuses_wrong_values_and_changes_nothing(fork: Path) -> None:
    before = _files(fork)
    status, output = run("init", *FLAGS[:4], "--issn-online", "2324-9111", "--yes")
    assert status == 1
    assert "mkdocs.yml:" in output and "issn_online" in output and "nothing changed" in output
    assert _files(fork) == before


def test_init_without_a_title_is_a_usage_error(fork: Path) -> None:
    assert run("init", "--abbreviation", "X", "--yes")[0] == 2


def test_without_an_own_domain_the_default_address_is_local_and_deploy_refuses_it(
    fork: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    assert run("init", "--title", "A Journal", "--abbreviation", "A J", "--yes")[0] == 0
    status, output = run("check", "--deploy")
    assert status == 1 and 'site_url: "http://127.0.0.1:8000/" is a placeholder' in output
    monkeypatch.setenv("JOURNAL_SITE_URL", "https://someone.github.io/journal/")
    status, output = run("check", "--deploy")
    assert status == 0, output


def test_rewrite_config_adds_what_the_file_lacks() -> None:
    text = rewrite_config("site_name: Old\ntheme:\n  name: material\n", JournalFacts(
        title="New", abbreviation="N"
    ))  # fmt: skip
    config = yaml.safe_load(text.replace("!ENV", ""))
    assert config["site_name"] == "New"
    assert config["extra"]["journal"]["title"] == "New"
    assert config["theme"] == {"name": "material"}
    assert os.linesep not in text or text.endswith("\n")


class _Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


def test_init_asks_for_what_the_flags_do_not_give(
    fork: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    answers = ["Journal of Tests", "J Tests", "", "0378-5955", "", "", "en", ""]
    answers += ["https://github.com/tests-press/tests", "", "continuous", "y"]
    monkeypatch.setattr("sys.stdin", _Terminal("\n".join(answers) + "\n"))
    status, output = run("init")
    assert status == 0, output
    settings = yaml.safe_load(
        (fork / "mkdocs.yml").read_text().replace("!ENV", "").replace("!!python/name:", "")
    )["extra"]["journal"]
    assert settings["title"] == "Journal of Tests" and settings["issn_online"] == "0378-5955"
    assert "issn_print" not in settings
    assert settings["publication"] == "continuous"
    assert (
        'repo_url: !ENV [JOURNAL_REPO_URL, "https://github.com/tests-press/tests"]'
        in (fork / "mkdocs.yml").read_text().splitlines()
    )


def test_init_changes_nothing_when_the_editor_says_no(
    fork: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    before = (fork / "mkdocs.yml").read_text()
    monkeypatch.setattr("sys.stdin", _Terminal("\n" * 9 + "n\n"))  # 9 questions, then no
    status, output = run("init", "--title", "T", "--abbreviation", "T")
    assert status == 1 and "Nothing changed" in output
    assert (fork / "mkdocs.yml").read_text() == before
    assert (fork / "authors/hannah-okafor.md").is_file()


@pytest.mark.parametrize(
    "remote",
    [
        "git@github.com:alpine-press/alpine-botany.git",
        "https://github.com/alpine-press/alpine-botany.git",
        "https://github.com/alpine-press/alpine-botany",
    ],
)
def test_without_repo_url_the_desk_saves_to_gits_origin_on_github(fork: Path, remote: str) -> None:
    git(fork, "init", "-q")
    git(fork, "remote", "add", "origin", remote)
    status, output = run("init", "--title", "A Journal", "--abbreviation", "A J", "--yes")
    assert status == 0, output
    assert "saves to https://github.com/alpine-press/alpine-botany." in output
    text = (fork / "mkdocs.yml").read_text(encoding="utf-8")
    line = 'repo_url: !ENV [JOURNAL_REPO_URL, "https://github.com/alpine-press/alpine-botany"]'
    assert line in text.splitlines()
    assert "    cms: true" in text.splitlines()  # the desk stays on


def test_without_a_repository_init_says_what_to_replace(fork: Path) -> None:
    status, output = run("init", "--title", "A Journal", "--abbreviation", "A J", "--yes")
    assert status == 0, output
    assert "replace https://github.com/your-account/your-journal in mkdocs.yml's repo_url" in output
    assert "your-account/your-journal" in (fork / "mkdocs.yml").read_text(encoding="utf-8")


def test_init_refuses_a_repository_not_on_github(
    fork: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    before = _files(fork)
    assert run("init", *FLAGS[:4], "--repo-url", "https://gitlab.com/a/b", "--yes")[0] == 2
    assert "write https://github.com/<owner>/<name>" in capsys.readouterr().err
    assert _files(fork) == before
