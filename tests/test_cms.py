"""The in-browser editor at /admin/: its configuration agrees with the schema, and the build
publishes it (self-hosted, out of search, sitemap and robots.txt) only when asked to."""

from __future__ import annotations

import os
import re
from pathlib import Path
from typing import Any

import pytest
import yaml
from bs4 import BeautifulSoup
from lxml import etree

from conftest import ROOT, Build, journal_pages, run_mkdocs_build, search_documents
from journal import cms, new_journal
from journal.article_types import DEFAULT_NAMES, default_type, journal_type
from journal.schema import build_schema

WIDGETS = {"integer": "number", "boolean": "boolean", "object": "object", "array": "list"}
REPO_URL = "repo_url: https://github.com/example-press/fixture-journal\n"


def _config(continuous: bool = False) -> dict[str, Any]:
    config = cms.cms_config_yaml("example-press/fixture-journal", continuous=continuous)
    return yaml.safe_load(config)


def _collection(config: dict[str, Any], name: str) -> dict[str, Any]:
    return next(c for c in config["collections"] if c["name"] == name)


def _expected_widget(spec: dict[str, Any], name: str = "") -> str:
    if name in {"references", "translations"}:  # kept as written, edited in the file
        return "hidden"
    if "enum" in spec:
        return "select"
    if "anyOf" in spec:
        return "relation"
    if spec.get("format") == "date":
        return "datetime"
    if "allOf" in spec:
        return "image"
    kind = spec.get("type")
    return WIDGETS.get(kind, "string") if isinstance(kind, str) else "string"


def _agree(form: list[dict[str, Any]], schema: dict[str, Any], where: str) -> None:
    """The form's fields are the schema's, in its order, field for field."""
    names = [f["name"] for f in form if f["name"] != "body"]
    assert names == list(schema["properties"]), where
    for field in form:
        if field["name"] == "body":
            continue
        spec = schema["properties"][field["name"]]
        at = f"{where}.{field['name']}"
        assert field["required"] is (field["name"] in schema.get("required", ())), at
        assert field["label"] and field["hint"], at
        assert field["widget"] == _expected_widget(spec, field["name"]), at
        if "enum" in spec:
            assert field["options"] == spec["enum"], at
        if "pattern" in spec and field["widget"] == "string":
            assert field["pattern"][0] == spec["pattern"], at
            assert re.compile(field["pattern"][0])  # JavaScript reads it the same way
        if field["widget"] == "object":
            _agree(field["fields"], spec, at)
        if field["widget"] == "list" and spec["items"].get("type") == "object":
            _agree(field["fields"], spec["items"], at)


@pytest.mark.parametrize("continuous", [False, True])
@pytest.mark.parametrize(("collection", "kind"), [("abstracts", "abstract"), ("authors", "author")])
def test_every_schema_field_is_in_the_form_with_its_rules(
    collection: str, kind: str, continuous: bool
) -> None:
    form = _collection(_config(continuous), collection)["fields"]
    _agree(form, build_schema(kind, continuous=continuous), collection)


@pytest.mark.parametrize("continuous", [False, True])
def test_issues_yml_is_edited_as_one_list_with_the_schemas_fields(continuous: bool) -> None:
    issues = _collection(_config(continuous), "issues")["files"][0]
    assert issues["file"] == "issues.yml"
    (root,) = issues["fields"]
    assert root["widget"] == "list" and root["root"] is True
    _agree(root["fields"], build_schema("issues", continuous=continuous)["items"], "issues")


def test_the_config_disagrees_when_the_schema_gains_a_field(monkeypatch: Any) -> None:
    schema = build_schema("author")
    schema["properties"]["pronouns"] = {"type": "string", "minLength": 1}
    with pytest.raises(AssertionError):
        _agree(_collection(_config(), "authors")["fields"], schema, "authors")


def test_article_type_is_a_select_and_authors_are_found_by_name() -> None:
    fields = {f["name"]: f for f in _collection(_config(), "abstracts")["fields"]}
    assert fields["type"]["options"] == list(DEFAULT_NAMES)
    authors = fields["authors"]
    assert authors["collection"] == "authors" and authors["value_field"] == "{{slug}}"
    assert "name" in authors["search_fields"] and authors["multiple"] is True
    orcid = {f["name"]: f for f in _collection(_config(), "authors")["fields"]}["orcid"]
    assert re.fullmatch(orcid["pattern"][0], "0000-0002-1825-0097")
    assert not re.fullmatch(orcid["pattern"][0], "0000-0002-1825")


def test_files_are_saved_where_journal_check_reads_them() -> None:
    config = _config()
    abstracts, authors = _collection(config, "abstracts"), _collection(config, "authors")
    assert abstracts["folder"] == "abstracts"
    assert abstracts["path"] == "{{fields.volume}}/{{fields.issue}}/{{slug}}"
    assert authors["folder"] == "authors" and "path" not in authors
    for collection in (abstracts, authors):  # uploads beside the file, with safe names
        assert collection["media_folder"] == "" and collection["public_folder"] == ""
    assert config["media_libraries"]["default"]["config"]["slugify_filename"] is True
    assert config["slug"]["encoding"] == "ascii"


def test_every_save_goes_through_a_pull_request() -> None:
    config = _config()
    assert config["publish_mode"] == "editorial_workflow"
    assert config["backend"] == {
        "name": "github",
        "repo": "example-press/fixture-journal",
        "branch": "main",
        "cms_label_prefix": "sveltia-cms/",
    }
    assert "local_backend" not in config  # no proxy server: nothing of ours runs


@pytest.mark.parametrize(
    ("url", "repo"),
    [
        ("https://github.com/example-press/fixture-journal", "example-press/fixture-journal"),
        ("https://github.com/a/b.git", "a/b"),
        ("https://github.com/a/b/", "a/b"),
        ("https://gitlab.com/a/b", None),
        ("", None),
    ],
)
def test_the_repository_comes_from_repo_url(url: str, repo: str | None) -> None:
    assert cms.repo_of(url) == repo


def _cms_project(make_project: Any, *, repo_url: str = REPO_URL, bundle: bool = True) -> Path:
    project: Path = make_project()
    config = project / "mkdocs.yml"
    text = config.read_text(encoding="utf-8").replace(
        "    language: en\n", "    language: en\n    cms: true\n"
    )
    config.write_text(repo_url + text, encoding="utf-8")
    if bundle:
        (project / "node_modules").symlink_to(ROOT / "node_modules")
    return project


@pytest.fixture
def cms_build(make_project: Any) -> Build:
    project = _cms_project(make_project)
    build = run_mkdocs_build(project, project / "site")
    assert build.returncode == 0, build.output
    return build


def test_the_build_publishes_admin_self_hosted(cms_build: Build) -> None:
    admin = cms_build.site / "admin"
    bundle = (admin / cms.BUNDLE).read_text(encoding="utf-8")
    assert len(bundle) > 1_000_000 and "cdn.jsdelivr.net" not in bundle  # fonts: our own
    for source in cms.FONTS.values():
        font = admin / "fonts" / source.rsplit("/", 1)[-1]
        assert font.read_bytes() == (ROOT / "node_modules" / source).read_bytes()
        assert f"url(fonts/{font.name})" in bundle
    page = cms_build.html("admin/index.html")
    scripts = [s.get("src") for s in page.find_all("script")]
    assert scripts == [cms.BUNDLE]  # beside the page: no script from a CDN
    assert page.find("meta", attrs={"name": "robots"})["content"] == "noindex, nofollow"
    config = yaml.safe_load((admin / "config.yml").read_text(encoding="utf-8"))
    assert config["backend"]["repo"] == "example-press/fixture-journal"
    assert config["site_url"] == "https://journal.example.org/"


def _assert_out_of_search_sitemap_and_robots(build: Build) -> None:
    assert (build.site / "admin" / "index.html").is_file()
    documents = search_documents(build.site)
    assert documents and not [d for d in documents if "admin" in d["location"]]
    sitemap = etree.parse(str(build.site / "sitemap.xml"))
    locations = [e.text or "" for e in sitemap.iter("{*}loc")]
    assert locations and not [u for u in locations if "/admin" in u]
    robots = (build.site / "robots.txt").read_text(encoding="utf-8").splitlines()
    assert "Disallow: /admin/" in robots


def test_admin_is_in_no_search_index_sitemap_or_robots_allowed_page(cms_build: Build) -> None:
    _assert_out_of_search_sitemap_and_robots(cms_build)


def test_the_sample_journal_publishes_admin_for_its_repository(sample_site: Build) -> None:
    _assert_out_of_search_sitemap_and_robots(sample_site)
    config = yaml.safe_load((sample_site.site / "admin/config.yml").read_text(encoding="utf-8"))
    repo = os.environ.get("JOURNAL_REPO_URL", new_journal.REPO_PLACEHOLDER)
    assert f"https://github.com/{config['backend']['repo']}" == repo.rstrip("/")
    # repo_url is the desk's: readers' pages neither link it nor ask GitHub's API about it.
    for path in journal_pages(sample_site.site, "*.html"):
        page = BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")
        assert not page.select("[data-md-component=source]"), path


def test_the_workflows_repository_replaces_the_placeholder(make_project: Any) -> None:
    placeholder = f"repo_url: !ENV [JOURNAL_REPO_URL, {new_journal.REPO_PLACEHOLDER}]\n"
    project = _cms_project(make_project, repo_url=placeholder)
    env = {"JOURNAL_REPO_URL": "https://github.com/alpine-press/alpine-botany"}
    build = run_mkdocs_build(project, project / "site", env=env)
    assert build.returncode == 0, build.output
    config = yaml.safe_load((build.site / "admin/config.yml").read_text(encoding="utf-8"))
    assert config["backend"]["repo"] == "alpine-press/alpine-botany"


def test_without_the_setting_there_is_no_admin(fixture_site: Build) -> None:
    assert not (fixture_site.site / "admin").exists()
    assert "admin" not in (fixture_site.site / "robots.txt").read_text(encoding="utf-8")


def test_a_missing_bundle_says_how_to_get_it(make_project: Any) -> None:
    project = _cms_project(make_project, bundle=False)
    build = run_mkdocs_build(project, project / "site")
    assert build.returncode != 0
    line = next(
        n
        for n, t in enumerate((project / "mkdocs.yml").read_text().splitlines(), 1)
        if t.strip() == "cms: true"
    )
    assert f"mkdocs.yml:{line}: extra.journal.cms: node_modules/@sveltia/cms" in build.output
    assert "Run `npm ci`" in build.output
    assert "Traceback" not in build.output


def test_a_journal_off_github_is_told_what_to_set(make_project: Any) -> None:
    project = _cms_project(make_project, repo_url="")
    build = run_mkdocs_build(project, project / "site")
    assert build.returncode != 0
    assert "extra.journal.cms: the editor at /admin/ needs the journal's GitHub" in build.output
    assert "Set repo_url: https://github.com/<owner>/<name>" in build.output


def test_the_type_select_offers_the_journals_own_types() -> None:
    clinical = journal_type("Clinical Image", like="case-report")
    review = default_type("Book Review")
    assert clinical is not None and review is not None
    config = yaml.safe_load(cms.cms_config_yaml("owner/repo", types=(review, clinical)))
    (field,) = [f for f in _collection(config, "abstracts")["fields"] if f["name"] == "type"]
    assert field["widget"] == "select"
    assert [o if isinstance(o, str) else o["value"] for o in field["options"]] == [
        "Book Review",
        "Clinical Image",
    ]
