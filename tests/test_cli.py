"""The `journal` command: check, new, schema."""

from __future__ import annotations

import io
import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import jsonschema
import pytest
import yaml

from conftest import FIXTURES, ROOT, copy_project, run_mkdocs_build
from journal.cli import main
from journal.loading import read_settings
from journal.validation import ABSTRACT_FIELDS, AUTHOR_FIELDS

BROKEN = """---
title: "A broken abstract"
authers: [ana-lopez]
volume: 1
issue: 1
year: 2020
published: 2020-03-01
type: Research Article
doi: "10.5555"
---
Text.
"""


@pytest.fixture
def journal(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A copy of the fixture journal, made the current folder."""
    project = tmp_path / "journal"
    shutil.copytree(FIXTURES / "journal", project)
    monkeypatch.chdir(project)
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")
    monkeypatch.delenv("JOURNAL_PREVIEW", raising=False)
    return project


def run(*argv: str) -> tuple[int, str]:
    out = io.StringIO()
    status = main(list(argv), out)
    return status, out.getvalue()


def test_check_on_the_sample_journal_is_clean(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(ROOT)
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")
    status, output = run("check")
    assert (status, output.splitlines()[-1].startswith("No problems in")) == (0, True), output


def test_check_prints_every_problem_sorted_then_a_count(journal: Path) -> None:
    (journal / "abstracts/1/1/broken.md").write_text(BROKEN, encoding="utf-8")
    status, output = run("check")
    assert status == 1
    assert output.splitlines() == [
        "abstracts/1/1/broken.md:1: authors: missing. Add `authors:` to the front matter.",
        'abstracts/1/1/broken.md:3: authers: unknown field. Did you mean "authors"?',
        'abstracts/1/1/broken.md:9: doi: "10.5555" is not a complete DOI. Write '
        "10.<prefix>/<suffix>, e.g. 10.4172/0378-5955.1000123.",
        "3 problems in 1 file.",
    ]


def test_check_github_format_prints_annotations(journal: Path) -> None:
    (journal / "abstracts/1/1/broken.md").write_text(BROKEN, encoding="utf-8")
    status, output = run("check", "--format", "github")
    assert status == 1
    assert output.splitlines()[1] == (
        "::error file=abstracts/1/1/broken.md,line=3,title=authers::unknown field. "
        'Did you mean "authors"?'
    )


def test_github_annotations_escape_newlines_commas_and_colons(journal: Path) -> None:
    (journal / "abstracts/1/1/a,b.md").write_text(BROKEN, encoding="utf-8")
    _, output = run("check", "--format", "github")
    assert "file=abstracts/1/1/a%2Cb.md,line=1,title=file name::" in output


def test_check_json_format_is_machine_readable(journal: Path) -> None:
    (journal / "abstracts/1/1/broken.md").write_text(BROKEN, encoding="utf-8")
    status, output = run("check", "--format", "json")
    data = json.loads(output)
    assert status == 1
    assert data["problems"][1] == {
        "path": "abstracts/1/1/broken.md",
        "line": 3,
        "field": "authers",
        "message": 'unknown field. Did you mean "authors"?',
        "severity": "error",
    }
    assert data["scheduled"] == []


def test_check_on_named_paths_reports_only_their_problems(journal: Path) -> None:
    (journal / "abstracts/1/1/broken.md").write_text(BROKEN, encoding="utf-8")
    assert run("check", "authors")[0] == 0
    assert run("check", "abstracts/1/1/broken.md")[0] == 1
    assert run("check", "abstracts")[0] == 1


def test_check_lists_drafts_and_scheduled_abstracts(
    journal: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = journal / "abstracts/1/2/conference-talk.md"
    path.write_text(
        path.read_text(encoding="utf-8").replace("---\n", "---\ndraft: true\n", 1),
        encoding="utf-8",
    )
    later = journal / "abstracts/1/1/first-imaging-study.md"
    later.write_text(
        later.read_text(encoding="utf-8").replace("published: 2020-03-01", "published: 2099-01-01"),
        encoding="utf-8",
    )
    status, output = run("check")
    assert status == 0, output
    assert (
        "abstracts/1/1/first-imaging-study.md: scheduled: appears on the site on 2099-01-01."
        in output.splitlines()
    )
    assert (
        "abstracts/1/2/conference-talk.md: draft: kept off the site until you remove "
        "`draft: true`." in output.splitlines()
    )
    monkeypatch.setenv("JOURNAL_PREVIEW", "1")
    assert "shown now because JOURNAL_PREVIEW is on" in run("check")[1]
    assert (
        "::notice file=abstracts/1/2/conference-talk.md::" in run("check", "--format", "github")[1]
    )


def test_usage_errors_exit_with_2(journal: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert run("check", "no-such-file.md")[0] == 2
    assert run("check", "--config-file", "missing.yml")[0] == 2
    with pytest.raises(SystemExit) as exc:
        run("check", "--format", "xml")
    assert exc.value.code == 2
    with pytest.raises(SystemExit) as exc:
        run()
    assert exc.value.code == 2
    assert "no-such-file.md: no such file or folder" in capsys.readouterr().err


def test_check_reads_mkdocs_tags_without_mkdocs(
    journal: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    config = journal / "mkdocs.yml"
    text = config.read_text(encoding="utf-8")
    config.write_text(
        text.replace("publisher: Fixture Press", "publisher: !ENV [JOURNAL_PUBLISHER, Fallback]")
        + "\nsite_dir: !relative $config_dir/out\n",
        encoding="utf-8",
    )
    monkeypatch.setenv("JOURNAL_PUBLISHER", "Fixture Press From Env")
    assert run("check") == (0, "No problems in 7 files.\n")
    assert read_settings(config)[0]["publisher"] == "Fixture Press From Env"
    monkeypatch.delenv("JOURNAL_PUBLISHER")
    assert read_settings(config)[0]["publisher"] == "Fallback"
    code = (
        "import sys; from journal.cli import main; status = main(['check']); "
        "assert not [m for m in sys.modules if m.startswith('mkdocs')]; sys.exit(status)"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=False, timeout=60
    )
    assert result.returncode == 0, result.stdout + result.stderr


def test_a_broken_mkdocs_yml_is_a_problem_not_a_traceback(journal: Path) -> None:
    (journal / "mkdocs.yml").write_text("extra:\n  journal: [unclosed\n", encoding="utf-8")
    status, output = run("check")
    assert status == 1
    assert output.startswith("mkdocs.yml:2: file: the [ opened on this line is never closed.")


def test_new_author_writes_a_valid_file_and_never_overwrites(journal: Path) -> None:
    status, output = run(
        "new", "author", "--name", "Zoë Ångström-O'Neil", "--orcid", "0000-0002-1825-0097"
    )
    path = journal / "authors/zoe-angstrom-o-neil.md"
    assert status == 0, output
    text = path.read_text(encoding="utf-8")
    assert text.startswith(
        '---\nname: "Zoë Ångström-O\'Neil"\ngiven: "Zoë"\nfamily: "Ångström-O\'Neil"\n'
        'orcid: "0000-0002-1825-0097"\n'
    )
    path.write_text(text + "A bio.\n", encoding="utf-8")
    status, output = run("new", "author", "--name", "Zoe Angstrom O'Neil")
    assert status == 1
    assert "already exists; nothing written" in output
    assert path.read_text(encoding="utf-8").endswith("A bio.\n")


def test_new_author_with_a_wrong_orcid_writes_nothing(journal: Path) -> None:
    status, output = run("new", "author", "--name", "Bad Orcid", "--orcid", "0000-0002-1825-0098")
    assert status == 1
    assert 'orcid: "0000-0002-1825-0098" has a wrong check digit' in output
    assert not (journal / "authors/bad-orcid.md").exists()


def test_new_abstract_writes_a_draft_that_passes_the_check(journal: Path) -> None:
    status, output = run(
        "new",
        "abstract",
        "--title",
        "Imaging: what <b>changes</b> #1?",
        "--author",
        "ana-lopez",
        "--author",
        "ben-okoro",
        "--published",
        "2020-03-05",
    )
    assert status == 0, output
    path = journal / "abstracts/1/2/imaging-what-b-changes-b-1.md"
    meta = yaml.safe_load(path.read_text(encoding="utf-8").split("---\n")[1])
    assert meta == {
        "title": "Imaging: what <b>changes</b> #1?",
        "authors": ["ana-lopez", "ben-okoro"],
        "volume": 1,
        "issue": 2,
        "year": 2020,
        "published": meta["published"],
        "type": "Research Article",
        "draft": True,
    }
    status, output = run("check")
    assert status == 0, output
    assert "imaging-what-b-changes-b-1.md: draft:" in output
    assert (
        run(
            "new",
            "abstract",
            "--title",
            "Imaging: what changes",
            "--author",
            "x",
            "--slug",
            "imaging-what-b-changes-b-1",
        )[0]
        == 1
    )


def test_new_abstract_mentions_authors_without_a_file(journal: Path) -> None:
    status, output = run(
        "new",
        "abstract",
        "--title",
        "A study",
        "--author",
        "Jane Doe",
        "--volume",
        "2",
        "--issue",
        "1",
    )
    assert status == 0
    assert (journal / "abstracts/2/1/a-study.md").is_file()
    assert "There is no authors/jane-doe.md yet" in output


def test_schema_is_generated_from_the_field_tables() -> None:
    status, output = run("schema")
    schemas = json.loads(output)
    assert status == 0
    for kind, table in (("abstract", ABSTRACT_FIELDS), ("author", AUTHOR_FIELDS)):
        schema = {"$schema": schemas["$schema"], **schemas["$defs"][kind]}
        jsonschema.Draft202012Validator.check_schema(schema)
        assert set(schema["properties"]) == set(table)


def test_schema_lists_the_journal_s_own_article_types(
    journal: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    config = journal / "mkdocs.yml"
    text = config.read_text(encoding="utf-8")
    types = (
        "    article_types:\n      - Book Review\n"
        "      - {name: Clinical Image, like: case-report}\n"
    )
    config.write_text(text.replace("  journal:\n", "  journal:\n" + types, 1), encoding="utf-8")
    schema = json.loads(run("schema", "abstract")[1])
    assert schema["properties"]["type"]["enum"] == ["Book Review", "Clinical Image"]
    everything = json.loads(run("schema")[1])
    assert everything["$defs"]["abstract"]["properties"]["type"] == schema["properties"]["type"]
    validator = jsonschema.Draft202012Validator(schema).evolve(schema=schema["properties"]["type"])
    assert validator.is_valid("Book Review") and not validator.is_valid("Conference Abstract")
    # Another folder: the journal named with --config-file; none at all: the default list.
    monkeypatch.chdir(tmp_path)
    named = json.loads(run("schema", "abstract", "--config-file", str(config))[1])
    assert named["properties"]["type"]["enum"] == ["Book Review", "Clinical Image"]
    default = json.loads(run("schema", "abstract")[1])["properties"]["type"]["enum"]
    assert "Conference Abstract" in default and "Book Review" in default


@pytest.mark.parametrize("kind", ["abstract", "author"])
def test_the_fixture_journal_matches_the_schema(kind: str) -> None:
    schema = json.loads(run("schema", kind)[1])
    validator = jsonschema.Draft202012Validator(schema)
    folder = FIXTURES / "journal" / f"{kind}s"
    for path in sorted(folder.rglob("*.md")):
        # VS Code's YAML extension reads YAML 1.2: dates stay text
        meta = yaml.load(path.read_text(encoding="utf-8").split("---\n")[1], Loader=_Yaml12)
        assert list(validator.iter_errors(meta)) == [], path
    broken = yaml.load(BROKEN.split("---\n")[1], Loader=_Yaml12)
    assert kind == "author" or list(validator.iter_errors(broken))


class _Yaml12(yaml.SafeLoader):
    """SafeLoader without the YAML 1.1 timestamp rule, as YAML 1.2 tools read files."""


_Yaml12.yaml_implicit_resolvers = {
    key: [(tag, regexp) for tag, regexp in value if tag != "tag:yaml.org,2002:timestamp"]
    for key, value in yaml.SafeLoader.yaml_implicit_resolvers.items()
}


def test_python_dash_m_journal_and_the_console_script_work() -> None:
    for command in (
        [sys.executable, "-m", "journal", "schema", "author"],
        [str(Path(sys.executable).parent / "journal"), "schema", "author"],
    ):
        result = subprocess.run(
            command, cwd=ROOT, capture_output=True, text=True, check=False, timeout=60
        )
        assert result.returncode == 0, result.stderr
        assert json.loads(result.stdout)["title"] == "Journal author front matter"


def test_the_pre_commit_hook_runs_journal_check_on_the_whole_journal() -> None:
    config = yaml.safe_load((ROOT / ".pre-commit-config.yaml").read_text(encoding="utf-8"))
    hooks = {hook["id"]: hook for repo in config["repos"] for hook in repo["hooks"]}
    hook = hooks["journal-check"]
    assert hook["entry"] == "journal check" and hook["pass_filenames"] is False
    for name in ("abstracts/6/3/x.md", "authors/x.md", "issues.yml", "mkdocs.yml"):
        assert re.search(hook["files"], name), name
    assert not re.search(hook["files"], "docs/index.md")
    command = [str(Path(sys.executable).parent / "journal"), *hook["entry"].split()[1:]]
    result = subprocess.run(
        command,
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=False,
        timeout=120,
        env={**os.environ, "SOURCE_DATE_EPOCH": "1700000000"},
    )
    assert result.returncode == 0, result.stdout + result.stderr


def test_the_schema_accepts_and_refuses_what_the_checks_do() -> None:
    """A single author id and a photo named a..b.jpg pass `journal check`; the editor's schema
    must not flag them, and must flag a path that leaves the folder."""
    abstract = jsonschema.Draft202012Validator(json.loads(run("schema", "abstract")[1]))
    authors = abstract.schema["properties"]["authors"]
    assert abstract.evolve(schema=authors).is_valid("jane-doe")
    assert abstract.evolve(schema=authors).is_valid(["jane-doe", {"id": "john-smith"}])
    assert not abstract.evolve(schema=authors).is_valid([])
    author = jsonschema.Draft202012Validator(json.loads(run("schema", "author")[1]))
    photo = author.evolve(schema=author.schema["properties"]["photo"])
    assert photo.is_valid("photos/a..b.jpg") and photo.is_valid("jane.jpg")
    for outside in ("../secret.jpg", "photos/../../x.jpg", "/etc/x.jpg", "C:x.jpg"):
        assert not photo.is_valid(outside), outside


def test_new_author_tells_given_and_family_names_and_asks_when_it_cannot(
    journal: Path,
) -> None:
    def meta(slug: str) -> dict[str, str]:
        return dict(yaml.safe_load((journal / f"authors/{slug}.md").read_text().split("---")[1]))

    assert run("new", "author", "--name", "Ludwig van Beethoven")[0] == 0
    assert meta("ludwig-van-beethoven")["family"] == "van Beethoven"
    assert run("new", "author", "--name", "Okafor, Hannah")[0] == 0
    assert meta("hannah-okafor") == {"name": "Hannah Okafor", "given": "Hannah", "family": "Okafor"}
    status, _ = run("new", "author", "--name", "José Núñez García")  # stdin is no terminal
    assert status == 2
    assert not (journal / "authors/jose-nunez-garcia.md").exists()
    status, output = run(
        "new",
        "author",
        "--name",
        "José Núñez García",
        "--given",
        "José",
        "--family",
        "Núñez García",
    )
    assert status == 0, output
    assert meta("jose-nunez-garcia")["family"] == "Núñez García"


def test_new_abstract_takes_its_issues_year_and_date(journal: Path) -> None:
    status, output = run("new", "abstract", "--title", "Late", "--author", "ana-lopez",
                         "--volume", "1", "--issue", "1")  # fmt: skip
    assert status == 0, output
    meta = yaml.safe_load((journal / "abstracts/1/1/late.md").read_text().split("---")[1])
    existing = yaml.safe_load(
        next((journal / "abstracts/1/1").glob("[!l]*.md")).read_text().split("---")[1]
    )
    assert (meta["year"], meta["published"]) == (existing["year"], existing["published"])
    (journal / "abstracts/1/1/late.md").write_text(
        (journal / "abstracts/1/1/late.md")
        .read_text()
        .replace("draft: true\n", "")
        .replace("Write the abstract here.", "The abstract, written.")
    )
    status, output = run("check")
    assert status == 0, output


def test_slugs_are_cut_between_words_and_never_end_in_a_short_word() -> None:
    from journal.names import make_slug

    slug = make_slug(
        "Outcomes of hypofractionated radiotherapy after breast-conserving surgery in a "
        "cohort of older women"
    )
    assert len(slug) <= 60 and not slug.endswith(("-a", "-in", "-of"))
    assert slug == "outcomes-of-hypofractionated-radiotherapy-after-breast"
    assert make_slug("A") == "a"
    assert make_slug("Li An", is_title=False) == "li-an"  # a name keeps its short words


def test_a_note_is_printed_but_check_passes(journal: Path) -> None:
    (journal / "authors/new-author.md").write_text("---\nname: New Author\n---\nA bio.\n")
    status, output = run("check")
    assert status == 0, output
    lines = output.splitlines()
    assert lines[0].startswith("authors/new-author.md:1: file name: no abstract lists")
    assert lines[0].endswith("(note)")
    assert lines[1] == "No problems in 8 files; 1 note in 1 file."
    status, output = run("check", "--format", "github")
    assert status == 0 and output.startswith("::notice file=authors/new-author.md,line=1,")


def test_a_missing_site_url_is_an_error_in_check_and_build(journal: Path, tmp_path: Path) -> None:
    config = journal / "mkdocs.yml"
    config.write_text(re.sub(r"(?m)^site_url:.*\n", "", config.read_text()))
    status, output = run("check")
    assert status == 1
    assert "mkdocs.yml:1: site_url: missing. Crossref deposits" in output
    project = copy_project(journal, tmp_path / "built")
    build = run_mkdocs_build(project, project / "site", quiet=False)
    assert build.returncode != 0
    assert "mkdocs.yml:1: site_url: missing." in build.output


def test_check_deploy_refuses_a_placeholder_domain(journal: Path) -> None:
    assert run("check")[0] == 0
    status, output = run("check", "--deploy")
    assert status == 1
    assert 'site_url: "https://journal.example.org/" is a placeholder address' in output


def test_a_partial_preview_does_not_warn_about_the_issues_it_leaves_out(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.chdir(ROOT)
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")
    monkeypatch.setenv("JOURNAL_ONLY_ISSUES", "7/1")
    status, output = run("check")
    assert status == 1  # the partial-preview warning, which stops a deploy
    assert "has no abstracts" not in output
    assert output.splitlines()[0].startswith("JOURNAL_ONLY_ISSUES:1: preview: partial preview")
