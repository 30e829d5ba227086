"""The content package alone: no MkDocs, the disk only through tmp_path and fixtures."""

from __future__ import annotations

import base64
import datetime
import shutil
from pathlib import Path

import pytest
import yaml

from journal import build_site_data, urls
from journal.formatting import encode_email, format_issns, format_pages
from journal.loading import read_settings
from journal.model import Settings

FIXTURE = Path(__file__).resolve().parent / "fixtures" / "journal"
TODAY = datetime.date(2023, 11, 14)
KEYWORD_PAGES = [
    f"keywords/{k}/index.md" for k in ("biopsy", "imaging", "pathology", "radiotherapy", "staging")
]


def _extra(root: Path) -> dict:
    values, problem = read_settings(root / "mkdocs.yml")
    assert problem is None
    return dict(values)


def _site(root: Path, **kwargs):
    return build_site_data(
        root,
        root / "mkdocs.yml",
        _extra(root),
        lambda md: f"<p>{md}</p>",
        today=kwargs.pop("today", TODAY),
        **kwargs,
    )


def _copy(tmp_path: Path) -> Path:
    import shutil

    return Path(shutil.copytree(FIXTURE, tmp_path / "journal"))


@pytest.mark.parametrize(
    ("src", "url"),
    [
        ("index.md", ""),
        ("archive.md", "archive/"),
        ("authors/index.md", "authors/"),
        ("abstracts/x-y.md", "abstracts/x-y/"),
        ("issues/6/3/index.md", "issues/6/3/"),
        ("issues/6/3/crossref.xml", "issues/6/3/crossref.xml"),
    ],
)
def test_every_source_maps_to_its_documented_url(src: str, url: str) -> None:
    assert urls.url_for(src) == url


def test_the_fixture_journal_has_its_pages_and_no_problems() -> None:
    site = _site(FIXTURE)
    assert site.problems == []
    assert {p.src_uri for p in site.pages} == {
        "abstracts/first-imaging-study.md",
        "abstracts/second-pathology-report.md",
        "abstracts/conference-talk.md",
        "issues/1/1/index.md",
        "issues/1/2/index.md",
        "authors/ana-lopez.md",
        "authors/ben-okoro.md",
        "authors/chen-wei.md",
        "archive.md",
        "authors/index.md",
        "articles.md",
        "abstracts/index.md",
        "media-partners.md",
        "keywords.md",
        *KEYWORD_PAGES,
    }
    assert site.nav[:4] == [
        {"Current issue": "issues/1/2/index.md"},
        {"Archive": "archive.md"},
        {"Articles": "articles.md"},
        {"Authors": "authors/index.md"},
    ]


def test_abstract_view_model_numbers_affiliations_in_author_order() -> None:
    site = _site(FIXTURE)
    page = site.contexts["abstracts/second-pathology-report.md"]
    assert [a["marks"] for a in page["authors"]] == ["1", "2"]
    assert [a["is_corresponding"] for a in page["authors"]] == [False, True]
    assert page["issue_line"] == "Fix J Tests 2020, 1:1"
    assert [e["name"] for e in page["emails"]] == ["Ben Okoro"]


def test_generated_front_matter_is_escaped_yaml_the_host_reads_back() -> None:
    site = _site(FIXTURE)
    spec = next(p for p in site.pages if p.src_uri == "abstracts/first-imaging-study.md")
    head = yaml.safe_load(spec.markdown.split("---\n")[1])
    assert head["title"] == "Imaging &lt;b&gt;before&lt;/b&gt; &amp; after: a first study"
    assert head["template"] == "abstract.html"
    assert "Ana López-Núñez" in head["tags"] and "imaging" in head["tags"]


def test_every_generated_page_gives_the_host_the_values_its_front_matter_says() -> None:
    # The build hands MkDocs `spec.meta` instead of parsing the YAML it wrote: the same.
    site = _site(FIXTURE)
    for spec in site.pages:
        text = spec.markdown
        assert yaml.safe_load(text.split("---\n")[1]) == spec.meta, spec.src_uri
        assert text.split("---\n", 2)[2].lstrip("\n") == spec.body.lstrip("\n")


def test_listing_pages_are_excluded_from_search() -> None:
    site = _site(FIXTURE)
    excluded = {p.src_uri for p in site.pages if not p.is_searchable}
    assert excluded == {
        "issues/1/1/index.md",
        "issues/1/2/index.md",
        "archive.md",
        "authors/index.md",
        "articles.md",
        "abstracts/index.md",
        "media-partners.md",
        "keywords.md",
        *KEYWORD_PAGES,
    }


def _write(root: Path, name: str, text: str) -> None:
    (root / name).parent.mkdir(parents=True, exist_ok=True)
    (root / name).write_text(text, encoding="utf-8")


FUTURE = (
    "---\ntitle: Later\nauthors: [chen-wei]\nvolume: 2\nissue: 1\nyear: 2030\n"
    "published: 2030-01-01\ntype: Review\n---\nNot yet.\n"
)
DRAFT = (
    "---\ntitle: Draft\nauthors: [chen-wei]\nvolume: 1\nissue: 2\nyear: 2020\n"
    "published: 2020-06-01\ntype: Review\ndraft: true\n---\nUnfinished.\n"
)


def test_drafts_and_scheduled_abstracts_stay_out_unless_previewing(tmp_path: Path) -> None:
    root = _copy(tmp_path)
    _write(root, "abstracts/2/1/later.md", FUTURE)
    _write(root, "abstracts/1/2/draft.md", DRAFT.replace("[chen-wei]", "[chen-wei, dora-new]"))
    _write(root, "authors/dora-new.md", "---\nname: Dora New\n---\nA new author.\n")
    published = _site(root)
    assert "authors/dora-new.md" not in published.contexts  # no page saying "0 abstracts"
    assert not {"abstracts/later.md", "abstracts/draft.md"} & set(published.contexts)
    assert published.nav[0] == {"Current issue": "issues/1/2/index.md"}
    preview = _site(root, preview=True)
    assert {"abstracts/later.md", "abstracts/draft.md"} <= set(preview.contexts)
    assert "authors/dora-new.md" in preview.contexts
    assert preview.nav[0] == {"Current issue": "issues/2/1/index.md"}
    on_the_day = _site(root, today=datetime.date(2030, 1, 1))
    assert "abstracts/later.md" in on_the_day.contexts


def test_a_broken_file_is_left_out_and_the_rest_still_builds(tmp_path: Path) -> None:
    root = _copy(tmp_path)
    _write(root, "abstracts/1/2/broken.md", "---\ntitle: [unclosed\n---\nText\n")
    site = _site(root)
    assert [(p.path, p.line) for p in site.errors] == [("abstracts/1/2/broken.md", 2)]
    assert "abstracts/conference-talk.md" in site.contexts
    assert len([p for p in site.pages if p.template == "abstract.html"]) == 3


def test_broken_settings_stop_the_whole_site(tmp_path: Path) -> None:
    root = _copy(tmp_path)
    extra = _extra(root)
    extra["issn_online"] = "2324-9111"
    site = build_site_data(root, root / "mkdocs.yml", extra, str, today=TODAY)
    assert site.journal is None and site.pages == []
    [problem] = site.errors
    assert problem.path == "mkdocs.yml" and problem.field == "extra.journal.issn_online"
    assert (
        problem.line
        == (root / "mkdocs.yml").read_text().splitlines().index('    issn_online: "2324-9110"') + 1
    )


def test_encoded_email_contains_no_address_and_decodes_back() -> None:
    code = encode_email("jane.doe@example.org")
    assert "@" not in code and "example" not in code
    assert base64.b64decode(code).decode()[::-1] == "jane.doe@example.org"


def test_issn_line_and_pages_read_as_a_journal_prints_them() -> None:
    both = Settings(title="T", abbreviation="T", issn_print="0317-8471", issn_online="2324-9110")
    assert format_issns(both) == "ISSN 0317-8471 (Print), 2324-9110 (Online)"
    assert format_issns(Settings(title="T", abbreviation="T", issn_online="2324-9110")) == (
        "ISSN: 2324-9110"
    )
    site = _site(FIXTURE)
    assert site.journal is not None
    pages = {a.slug: format_pages(a) for a in site.journal.abstracts}
    assert pages == {
        "first-imaging-study": "pp. 1–4",
        "second-pathology-report": "pp. 5–6",
        "conference-talk": "p. 7",
    }


def test_an_abstract_in_the_folder_of_another_issue_is_named(tmp_path: Path) -> None:
    root = _copy(tmp_path)
    misfiled = (
        (root / "abstracts/1/2/conference-talk.md").read_text().replace("issue: 2", "issue: 1")
    )
    _write(root, "abstracts/1/2/conference-talk.md", misfiled)
    [problem] = _site(root).problems
    assert (problem.path, problem.line, problem.severity) == (
        "abstracts/1/2/conference-talk.md",
        7,
        "warning",
    )
    assert problem.message == (
        "the file is in the folder of issue 1:2 but says volume 1, issue 1. Move it to "
        "abstracts/1/1/, or correct volume and issue."
    )


def test_a_journal_without_media_partners_has_no_partner_page_or_menu_entry(
    tmp_path: Path,
) -> None:
    root = Path(shutil.copytree(FIXTURE, tmp_path / "journal"))
    config = root / "mkdocs.yml"
    text = config.read_text(encoding="utf-8")
    start = text.index("    media_partners:")
    end = text.index("description: The first partner.\n", start) + len(
        "description: The first partner.\n"
    )
    config.write_text(text[:start] + text[end:], encoding="utf-8")
    site = _site(root)
    assert site.journal is not None and site.journal.settings.media_partners == ()
    assert "media-partners.md" not in {p.src_uri for p in site.pages}
    assert {"Media partners": "media-partners.md"} not in site.nav


def test_issue_and_author_counts_are_worded_in_python() -> None:
    site = _site(FIXTURE)
    assert site.contexts["issues/1/2/index.md"]["count_label"] == "1 article"
    assert site.contexts["issues/1/1/index.md"]["count_label"] == "2 articles"
    letters = site.contexts["authors/index.md"]["letters"]
    labels = {a["name"]: a["count_label"] for letter in letters for a in letter["authors"]}
    assert labels["Ana López-Núñez"] == "2 abstracts" and labels["Wei Chen"] == "1 abstract"
