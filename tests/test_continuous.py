"""A journal with continuous publication (`publication: continuous`): volumes, no issues.

The fixture journal tests/fixtures/continuous has volume 12 (2019) and volume 13, which spans
2020 and 2021; it is built with the real `mkdocs build --strict`, its pages read with
BeautifulSoup and its files with independent parsers and the official schemas.
"""

from __future__ import annotations

import datetime
import io
import json
from collections.abc import Callable
from pathlib import Path

import jsonschema
import pytest
import rispy
import yaml
from bs4 import BeautifulSoup
from lxml import etree
from pybtex.database import parse_file
from pypdf import PdfReader

from conftest import FIXTURES, Build, copy_project, run_mkdocs_build
from journal.cli import main
from journal.cms import cms_config
from journal.loading import read_settings
from journal.site import load_journal
from official_schemas import crossref_errors, doaj_errors, jats_errors

CROSSREF = "{http://www.crossref.org/schema/5.4.0}"
VOLUME_13 = ["editors-welcome", "first-of-the-volume", "late-case-report"]


@pytest.fixture(scope="module")
def continuous_site(tmp_path_factory: pytest.TempPathFactory) -> Build:
    source = FIXTURES / "continuous"
    project = copy_project(source, tmp_path_factory.mktemp("continuous") / "journal")
    build = run_mkdocs_build(project, project / "site")
    assert build.returncode == 0, build.output
    return build


def _text(page: BeautifulSoup, selector: str) -> str:
    found = page.select_one(selector)
    assert found is not None, selector
    return " ".join(found.get_text().split())


def _meta(page: BeautifulSoup, name: str) -> list[str]:
    return [str(t["content"]) for t in page.find_all("meta", attrs={"name": name})]


def _jsonld(page: BeautifulSoup) -> dict:
    (script,) = page.find_all("script", type="application/ld+json")
    return json.loads(script.string)


def _types(data: object) -> list[str]:
    """Every @type in a JSON-LD tree."""
    if isinstance(data, dict):
        own = [data["@type"]] if "@type" in data else []
        return own + [t for value in data.values() for t in _types(value)]
    if isinstance(data, list):
        return [t for item in data for t in _types(item)]
    return []


# --- pages ---------------------------------------------------------------------------------


def test_each_volume_has_its_table_of_contents_in_the_journals_type_order(
    continuous_site: Build,
) -> None:
    assert not (continuous_site.site / "issues").exists()
    page = continuous_site.html("volumes/13/")
    assert _text(page, "h1") == "Volume 13 (2020\u20132021)"
    headings = [" ".join(h.get_text().split()) for h in page.select("article h2")]
    assert headings[:3] == ["Editorials", "Research Articles", "Case Reports"]
    links = page.select("article a[href^='../../abstracts/']")
    slugs = [a["href"].rstrip("/").rsplit("/", 1)[-1] for a in links]
    assert slugs == ["editors-welcome", "first-of-the-volume", "late-case-report"]
    assert "Download the citations of this volume" in page.get_text()
    downloads = {a.get_text(strip=True): a["href"] for a in page.select("a[download]")}
    assert downloads["Book of abstracts (PDF)"] == "book.pdf"
    assert downloads["Crossref XML"] == "crossref.xml"
    assert _text(continuous_site.html("volumes/12/"), "h1") == "Volume 12 (2019)"


def test_the_archive_lists_volumes_with_their_years_and_counts_by_type(
    continuous_site: Build,
) -> None:
    page = continuous_site.html("archive/")
    assert "Every volume, newest first." in page.get_text()
    volumes = page.select("section.journal-archive__volume")
    assert [_text(v, "h2") for v in volumes] == ["Volume 13 (2020\u20132021)", "Volume 12 (2019)"]
    assert _text(volumes[0], ".journal-archive__count") == (
        "3 articles: 1 editorial, 1 research article, 1 case report"
    )
    assert volumes[0].select_one("a")["href"] == "../volumes/13/"


def test_home_and_menu_show_the_latest_volume(continuous_site: Build) -> None:
    home = continuous_site.html("")
    assert _text(home, "#current-issue") == "Current volume: Volume 13 (2020\u20132021)"
    menu = {a.get_text(strip=True): a["href"] for a in home.select("nav a.md-nav__link[href]")}
    assert menu["Current volume"] == "volumes/13/"
    assert "Current issue" not in menu


def test_an_article_page_cites_the_volume_without_an_issue(continuous_site: Build) -> None:
    page = continuous_site.html("abstracts/late-case-report/")
    assert _text(page, ".journal-article__issue a") == "Fix J Cont 2021, 13"
    assert page.select_one(".journal-article__issue a")["href"] == "../../volumes/13/"
    assert "Fix J Cont 2021;13:e1302" in page.get_text()
    assert _meta(page, "citation_volume") == ["13"]
    assert _meta(page, "citation_issue") == []
    assert _meta(page, "DC.source.issue") == []
    assert _meta(page, "citation_publication_date") == ["2021/03/04"]
    assert _meta(page, "citation_firstpage") == ["e1302"]
    data = _jsonld(page)
    types = _types(data)
    assert "PublicationVolume" in types
    assert "PublicationIssue" not in types
    text = json.dumps(data)
    assert '"issueNumber"' not in text
    assert '"volumeNumber": "13"' in text


def test_articles_authors_keywords_and_search_work_without_issues(continuous_site: Build) -> None:
    articles = continuous_site.html("articles/")
    groups = {
        h.get_text(strip=True): [
            a["href"].rstrip("/").rsplit("/", 1)[-1]
            for a in h.find_next("ol").select("a[href*='abstracts/']")
        ]
        for h in articles.select("h2[id^='year-']")
    }
    assert groups == {
        "2021": ["editors-welcome", "late-case-report"],
        "2020": ["first-of-the-volume"],
        "2019": ["early-volume-study"],
    }
    author = continuous_site.html("authors/ana-lopez/")
    assert "Fix J Cont 2021, 13" in author.get_text()
    assert "Fix J Cont 2020, 13" in author.get_text()
    keyword = continuous_site.html("keywords/imaging/")
    assert "Volume 13 (2020\u20132021)" in keyword.get_text()
    assert "Volume 12 (2019)" in keyword.get_text()
    documents = (continuous_site.site / "search").rglob("*.json")
    found = "".join(p.read_text(encoding="utf-8") for p in documents)
    assert "A case report published the next year" in found


# --- exports -------------------------------------------------------------------------------


def test_crossref_has_the_volume_without_an_issue_and_is_valid(continuous_site: Build) -> None:
    for volume in ("12", "13"):
        path = continuous_site.site / f"volumes/{volume}/crossref.xml"
        assert crossref_errors(path) == []
        root = etree.parse(str(path))
        issue = root.find(f".//{CROSSREF}journal_issue")
        assert issue.findtext(f"{CROSSREF}journal_volume/{CROSSREF}volume") == volume
        assert issue.find(f"{CROSSREF}issue") is None
    root = etree.parse(str(continuous_site.site / "volumes/13/crossref.xml"))
    dois = [e.text for e in root.iter(f"{CROSSREF}doi")]
    assert sorted(dois) == ["10.5555/cont.1301", "10.5555/cont.1302", "10.5555/cont.1303"]
    year = root.findtext(f".//{CROSSREF}journal_issue/{CROSSREF}publication_date/{CROSSREF}year")
    assert year == "2020"  # the volume began in 2020


def test_doaj_and_jats_are_valid_without_an_issue(continuous_site: Build) -> None:
    doaj = continuous_site.site / "volumes/13/doaj.xml"
    assert doaj_errors(doaj) == []
    records = etree.parse(str(doaj)).findall("record")
    assert len(records) == 3
    assert all(r.findtext("volume") == "13" and r.find("issue") is None for r in records)
    for slug in VOLUME_13:
        jats = continuous_site.site / f"abstracts/{slug}/{slug}.jats.xml"
        assert jats_errors(jats) == []
        meta = etree.parse(str(jats)).find(".//article-meta")
        assert meta.findtext("volume") == "13"
        assert meta.find("issue") is None


def test_citation_files_have_no_issue_number(continuous_site: Build) -> None:
    folder = continuous_site.site / "volumes/13"
    entries = parse_file(str(folder / "citations.bib"), "bibtex").entries
    assert sorted(entries) == VOLUME_13
    for entry in entries.values():
        assert entry.fields["volume"] == "13"
        assert "number" not in entry.fields
    assert entries["late-case-report"].fields["year"] == "2021"
    records = rispy.loads((folder / "citations.ris").read_text(encoding="utf-8"))
    assert len(records) == 3
    assert all(r["volume"] == "13" and "number" not in r for r in records)
    items = [
        json.loads((continuous_site.site / f"abstracts/{k}/{k}.json").read_text("utf-8"))[0]
        for k in entries
    ]
    assert all(i["volume"] == "13" and "issue" not in i for i in items)
    page = continuous_site.html("abstracts/first-of-the-volume/")
    cited = {
        e["data-cite-style"]: e.select_one(".journal-cite__text").get_text()
        for e in page.select(".journal-cite__entry")
    }
    assert cited == {
        "apa": "López-Núñez, A., & Okoro, B. (2020). The first article of volume thirteen. "
        "Fixture Journal of Continuous Trials, 13, Article e1301. "
        "https://doi.org/10.5555/cont.1301",
        "vancouver": "López-Núñez A, Okoro B. The first article of volume thirteen. "
        "Fix J Cont. 2020;13:e1301. doi:10.5555/cont.1301",
        "ama": "López-Núñez A, Okoro B. The first article of volume thirteen. "
        "Fix J Cont. 2020;13:e1301. doi:10.5555/cont.1301",
    }
    assert _text(page, ".journal-tools__cited-as") == (
        "Cited as: Fix J Cont 2020;13:e1301. https://doi.org/10.5555/cont.1301"
    )


def test_the_book_of_abstracts_is_per_volume_and_lists_every_abstract(
    continuous_site: Build,
) -> None:
    reader = PdfReader(io.BytesIO((continuous_site.site / "volumes/13/book.pdf").read_bytes()))
    titles: list[str] = []

    def walk(items: list) -> None:
        for item in items:
            walk(item) if isinstance(item, list) else titles.append(item.title)

    walk(reader.outline)
    for title in (
        "Welcome to continuous publication",
        "The first article of volume thirteen",
        "A case report published the next year",
    ):
        assert title in titles
    assert "An early study of the twelfth volume" not in titles
    text = " ".join(" ".join(p.extract_text() or "" for p in reader.pages).split())
    assert "Fix J Cont 2020\u20132021, 13" in text
    assert reader.metadata.title == "Book of Abstracts: Volume 13 (2020\u20132021)"
    assert not list(continuous_site.site.rglob("issues"))


# --- a journal with issues is unchanged ------------------------------------------------------


def test_a_journal_with_issues_keeps_its_issue_pages(fixture_site: Build) -> None:
    assert not (fixture_site.site / "volumes").exists()
    assert (fixture_site.site / "issues/1/1/index.html").is_file()
    home = fixture_site.html("")
    menu = {a.get_text(strip=True): a["href"] for a in home.select("nav a.md-nav__link[href]")}
    assert "Current issue" in menu
    page = fixture_site.html("abstracts/first-imaging-study/")
    assert _meta(page, "citation_issue") == ["1"]


# --- commands ------------------------------------------------------------------------------


@pytest.fixture
def continuous_copy(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    project = copy_project(FIXTURES / "continuous", tmp_path / "journal")
    monkeypatch.chdir(project)
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")
    monkeypatch.delenv("JOURNAL_PREVIEW", raising=False)
    return project


def _run(*argv: str) -> tuple[int, str]:
    out = io.StringIO()
    return main(list(argv), out), out.getvalue()


def test_new_abstract_goes_into_the_latest_volume_without_an_issue(continuous_copy: Path) -> None:
    status, output = _run(
        "new", "abstract", "--title", "A new finding", "--author", "ana-lopez",
        "--published", "2021-05-06",
    )  # fmt: skip
    assert status == 0, output
    path = continuous_copy / "abstracts/13/a-new-finding.md"
    meta = yaml.safe_load(path.read_text(encoding="utf-8").split("---\n")[1])
    assert meta == {
        "title": "A new finding",
        "authors": ["ana-lopez"],
        "volume": 13,
        "published": datetime.date(2021, 5, 6),
        "type": "Research Article",
        "draft": True,
    }
    status, output = _run("check")
    assert status == 0, output
    status, _ = _run("new", "abstract", "--title", "X", "--author", "ana-lopez", "--issue", "2")
    assert status == 2  # a usage error: a continuous journal has no issues


def test_init_writes_the_publication_setting(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, make_project: Callable[..., Path]
) -> None:
    root = Path(__file__).resolve().parent.parent
    fork = copy_project(root, tmp_path / "fork")
    monkeypatch.chdir(fork)
    flags = ("--title", "Cont J", "--abbreviation", "Cont J", "--yes")
    status, output = _run("init", *flags, "--publication", "monthly")
    assert status == 1
    assert 'extra.journal.publication: "monthly" is not a known value.' in output
    status, output = _run("init", *flags, "--publication", "continuous")
    assert status == 0, output
    settings = yaml.safe_load(
        (fork / "mkdocs.yml").read_text(encoding="utf-8").split("extra:\n", 1)[1]
        .split("\n\n", 1)[0]
        .replace("!ENV", "")
    )  # fmt: skip
    assert settings["journal"]["publication"] == "continuous"
    status, output = _run(
        "new", "abstract", "--title", "First", "--author", "someone", "--volume", "1"
    )
    assert status == 0, output
    assert (fork / "abstracts/1/first.md").is_file()
    issues = (fork / "issues.yml").read_text(encoding="utf-8")
    assert yaml.safe_load(issues) == []
    assert "one item per volume" in issues and "issue:" not in issues  # no issue to copy


def test_the_browser_editor_saves_a_continuous_journals_abstracts_in_their_volume() -> None:
    (abstracts, *_) = cms_config("owner/name", continuous=True)["collections"]
    assert abstracts["path"] == "{{fields.volume}}/{{slug}}"
    fields = {f["name"]: f for f in abstracts["fields"]}
    assert "issue" not in fields
    assert fields["volume"]["required"] is True
    assert fields["year"]["required"] is False
    (with_issues, *_) = cms_config("owner/name")["collections"]
    assert with_issues["path"] == "{{fields.volume}}/{{fields.issue}}/{{slug}}"
    assert {f["name"]: f for f in with_issues["fields"]}["issue"]["required"] is True


def _front_matter(path: Path) -> dict:
    """The front matter as an editor's tool reads it (YAML 1.2: dates stay text)."""
    meta = yaml.safe_load(path.read_text(encoding="utf-8").split("---\n")[1])
    return json.loads(json.dumps(meta, default=str))


def test_the_schema_describes_a_continuous_journal(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    config = str(FIXTURES / "continuous/mkdocs.yml")
    status, output = _run("schema", "--config-file", config, "abstract")
    assert status == 0, output
    abstract = jsonschema.Draft202012Validator(json.loads(output))
    assert "issue" not in abstract.schema["properties"]
    assert "year" not in abstract.schema["required"] and "volume" in abstract.schema["required"]
    for path in sorted((FIXTURES / "continuous/abstracts").rglob("*.md")):
        assert list(abstract.iter_errors(_front_matter(path))) == [], path
    with_issue = _front_matter(FIXTURES / "continuous/abstracts/13/first-of-the-volume.md")
    assert not abstract.is_valid({**with_issue, "issue": 1})  # journal check refuses it too
    issues = jsonschema.Draft202012Validator(json.loads(_run("-f", config, "schema", "issues")[1]))
    volumes = yaml.safe_load((FIXTURES / "continuous/issues.yml").read_text(encoding="utf-8"))
    assert issues.is_valid(volumes)
    assert not issues.is_valid([{"volume": 12, "issue": 1}])
    every = json.loads(_run("-f", config, "schema")[1])["$defs"]
    assert "issue" not in every["abstract"]["properties"]
    assert "issue" not in every["issues"]["items"]["properties"]
    # The journal with issues (and outside any journal's folder): issues required.
    config = str(FIXTURES / "journal/mkdocs.yml")
    monkeypatch.chdir(tmp_path)  # no mkdocs.yml here
    for argv in (("-f", config, "schema", "abstract"), ("schema", "abstract")):
        assert "issue" in json.loads(_run(*argv)[1])["required"]
    issues = json.loads(_run("-f", config, "schema", "issues")[1])
    assert issues["items"]["required"] == ["volume", "issue"]


def test_the_browser_editor_edits_issues_yml_as_volumes() -> None:
    (*_, issues) = cms_config("owner/name", continuous=True)["collections"]
    assert issues["label"] == "Volumes"
    (file,) = issues["files"]
    assert file["file"] == "issues.yml" and file["label"] == "Volumes (issues.yml)"
    (items,) = file["fields"]
    assert [f["name"] for f in items["fields"]] == [
        "volume", "title", "published", "description", "cover"
    ]  # fmt: skip
    hints = " ".join(f["hint"] for f in items["fields"]).lower()
    assert "volume" in hints and "issue" not in hints
    (*_, with_issues) = cms_config("owner/name")["collections"]
    assert with_issues["label"] == "Issues"
    assert "issue" in [f["name"] for f in with_issues["files"][0]["fields"][0]["fields"]]


def test_a_partial_preview_names_volumes_alone(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("JOURNAL_ONLY_ISSUES", "12")
    project = FIXTURES / "continuous"
    config = project / "mkdocs.yml"
    values, _ = read_settings(config)
    journal, problems, _ = load_journal(
        project, config, values, today=datetime.date(2023, 11, 14), preview=False
    )
    assert journal is not None
    assert [i.key for i in journal.issues] == [(12, None)]
    assert [a.slug for a in journal.abstracts] == ["early-volume-study"]
    assert [p.message for p in problems] == [
        "partial preview of volume(s) 12 only: other volumes, their authors and cross-volume "
        "checks are left out. Unset JOURNAL_ONLY_ISSUES for the whole journal."
    ]


@pytest.mark.parametrize(
    ("fixture", "only", "told"),
    [
        ("continuous", "13/1", '"13/1" names no volume, so the whole journal is built. '
         "Write volume numbers, e.g. JOURNAL_ONLY_ISSUES=13,12."),
        ("journal", "1", '"1" names no issue, so the whole journal is built. '
         "Write volume/issue pairs, e.g. JOURNAL_ONLY_ISSUES=7/1,6/4."),
    ],
)  # fmt: skip
def test_a_partial_preview_of_the_other_kind_builds_the_whole_journal(
    fixture: str, only: str, told: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("JOURNAL_ONLY_ISSUES", only)
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")
    _, output = _run("check", "--config-file", str(FIXTURES / fixture / "mkdocs.yml"))
    assert output.splitlines()[:2] == [
        f"JOURNAL_ONLY_ISSUES:1: preview: {told} (warning)",
        "1 problem (1 warning) in 1 file.",
    ]
    config = FIXTURES / fixture / "mkdocs.yml"
    journal, _, _ = load_journal(
        config.parent, config, read_settings(config)[0], today=datetime.date(2023, 11, 14)
    )
    assert journal is not None and len(journal.issues) > 1  # not an empty site


def test_an_abstract_filed_elsewhere_is_told_its_volume_folder(continuous_copy: Path) -> None:
    abstract = (continuous_copy / "abstracts/13/editors-welcome.md").read_bytes()
    for where in ("docs/stray.md", "authors/stray-author.md", "drafts/stray-draft.md"):
        (continuous_copy / where).parent.mkdir(exist_ok=True)
        (continuous_copy / where).write_bytes(abstract)
    status, output = _run("check")
    assert status == 1
    for where, name in (
        ("docs/stray.md", "stray.md"),
        ("authors/stray-author.md", "stray-author.md"),
        ("drafts/stray-draft.md", "stray-draft.md"),
    ):
        (line,) = [t for t in output.splitlines() if t.startswith(f"{where}:1: file:")]
        assert line.endswith(f"Move it to abstracts/<volume>/{name}."), line


def test_pdf_problems_speak_of_the_volume(tmp_path: Path) -> None:
    project = copy_project(FIXTURES / "continuous", tmp_path / "journal")
    (project / "docs/broken.png").write_text("this is not an image", encoding="utf-8")
    config = project / "mkdocs.yml"
    text = config.read_text(encoding="utf-8")
    config.write_text(text.replace("  journal:\n", "  journal:\n    logo: broken.png\n"))
    late = project / "abstracts/13/late-case-report.md"
    late.write_text(late.read_text(encoding="utf-8") + "\nनमस्ते\n", encoding="utf-8")
    build = run_mkdocs_build(project, tmp_path / "site")
    assert build.returncode != 0
    assert "issues.yml:1: volume 12: Typst could not make the book of abstracts:" in build.output
    assert "(the logo, the volume's cover)" in build.output
    assert "so this abstract gets no PDF and its volume no book of abstracts." in build.output
    assert "issue" not in build.output.replace("issues.yml", "")


def test_issues_yml_describes_a_volume(continuous_site: Build) -> None:
    page = continuous_site.html("volumes/12/")
    assert _text(page, ".journal-issue__title") == "Volume twelve: the first year"
    assert _text(page, ".journal-issue__description") == (
        "The journal's first volume published continuously."
    )
    reader = PdfReader(io.BytesIO((continuous_site.site / "volumes/12/book.pdf").read_bytes()))
    assert reader.metadata.title == "Book of Abstracts: Volume twelve: the first year"


def test_a_strict_build_refuses_an_issue_in_a_continuous_journal(tmp_path: Path) -> None:
    project = copy_project(FIXTURES / "continuous", tmp_path / "journal")
    (project / "abstracts/13/continuous-issue-given.md").write_bytes(
        (FIXTURES / "invalid/continuous-issue-given.md").read_bytes()
    )
    build = run_mkdocs_build(project, project / "site", strict=False, quiet=False)
    assert build.returncode == 0, build.output  # refused, and the rest of the site built
    (line,) = (FIXTURES / "invalid/continuous-issue-given.expected.txt").read_text().splitlines()
    assert line in build.output
    assert not (build.site / "abstracts/continuous-issue-given").exists()
    assert (build.site / "volumes/13/index.html").is_file()  # the rest is published
    strict = run_mkdocs_build(project, tmp_path / "strict-site")
    assert strict.returncode != 0
    assert line in strict.output
