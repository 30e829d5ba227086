"""Scholarly metadata in the built sites: head tags, JSON-LD, cite block, export files.

The sites are built by the real `mkdocs build --strict` (fixtures in conftest.py); XML is
checked against the official schemas with lxml/xmlschema (tests/official_schemas.py).
"""

from __future__ import annotations

import json
from pathlib import Path

import feedparser
import frontmatter
import pytest
import rispy
import yaml
from bs4 import BeautifulSoup
from pybtex.database import parse_file

from conftest import ROOT, Build, run_mkdocs_build
from official_schemas import crossref_errors, doaj_errors, jats_errors

GOLDEN = Path(__file__).resolve().parent / "golden"
SAMPLE = sorted((ROOT / "abstracts").rglob("*.md"))
ISSUE_DATES = {
    (i["volume"], i["issue"]): i["published"]
    for i in yaml.safe_load((ROOT / "issues.yml").read_text(encoding="utf-8"))
    if "published" in i
}


def _meta(page: BeautifulSoup) -> list[tuple[str, str]]:
    """(name, content) of every journal meta tag, in page order."""
    head = page.head
    assert head is not None
    return [
        (str(tag.get("name") or tag.get("property")), str(tag["content"]))
        for tag in head.find_all("meta")
        if tag.get("content") is not None
        and str(tag.get("name") or tag.get("property")).startswith(
            ("citation_", "DC.", "og:", "twitter:", "article:")
        )
    ]


def _values(pairs: list[tuple[str, str]], name: str) -> list[str]:
    return [content for key, content in pairs if key == name]


def _jsonld(page: BeautifulSoup) -> dict:
    scripts = page.find_all("script", type="application/ld+json")
    assert len(scripts) == 1
    return json.loads(scripts[0].string)


# --- the fixture journal: exact values -----------------------------------------------------


def test_multi_author_abstract_has_every_scholar_tag_in_order(fixture_site: Build) -> None:
    pairs = _meta(fixture_site.html("abstracts/first-imaging-study/"))
    scholar = [p for p in pairs if p[0].startswith("citation_")]
    assert scholar == [
        ("citation_title", "Imaging <b>before</b> & after: a first study"),
        ("citation_author", "Ana López-Núñez"),
        ("citation_author_institution", "Hospital Universitario de Pruebas, Spain"),
        ("citation_author_orcid", "https://orcid.org/0000-0002-1825-0097"),
        ("citation_author", "Ben Okoro"),
        ("citation_author_institution", "Lagos Cancer Centre, Nigeria"),
        ("citation_publication_date", "2020/03/01"),  # no issues.yml date: the online one
        ("citation_online_date", "2020/03/01"),
        ("citation_journal_title", "Fixture Journal of Tests & Trials"),
        ("citation_journal_abbrev", "Fix J Tests"),
        ("citation_issn", "0317-8471"),
        ("citation_issn", "2324-9110"),
        ("citation_publisher", "Fixture Press"),
        ("citation_volume", "1"),
        ("citation_issue", "1"),
        ("citation_firstpage", "1"),
        ("citation_lastpage", "4"),
        ("citation_doi", "10.5555/fixture.0001"),
        (
            "citation_abstract_html_url",
            "https://journal.example.org/abstracts/first-imaging-study/",
        ),
        (
            "citation_pdf_url",
            "https://journal.example.org/abstracts/first-imaging-study/first-imaging-study.pdf",
        ),
        ("citation_abstract", "The first abstract of the fixture journal, about imaging."),
        ("citation_keywords", "imaging"),
        ("citation_keywords", "staging"),
        ("citation_language", "en"),
    ]


def test_dublin_core_open_graph_and_twitter_tags(fixture_site: Build) -> None:
    pairs = _meta(fixture_site.html("abstracts/first-imaging-study/"))
    assert _values(pairs, "DC.title") == ["Imaging <b>before</b> & after: a first study"]
    assert _values(pairs, "DC.creator") == ["Ana López-Núñez", "Ben Okoro"]
    assert _values(pairs, "DC.date") == ["2020-03-01"]
    assert _values(pairs, "DC.identifier") == ["https://doi.org/10.5555/fixture.0001"]
    assert _values(pairs, "DC.source.issn") == ["0317-8471", "2324-9110"]
    assert _values(pairs, "DC.source.volume") == ["1"]
    assert _values(pairs, "DC.source.issue") == ["1"]
    assert _values(pairs, "DC.rights") == ["https://creativecommons.org/licenses/by/4.0/"]
    assert _values(pairs, "DC.language") == ["en"]
    assert _values(pairs, "og:type") == ["article"]
    assert _values(pairs, "og:url") == [
        "https://journal.example.org/abstracts/first-imaging-study/"
    ]
    assert _values(pairs, "twitter:card") == ["summary"]
    assert _values(pairs, "og:title") == ["Imaging <b>before</b> & after: a first study"]
    # X reads the card's title and description from Open Graph: not said twice
    assert _values(pairs, "twitter:title") == _values(pairs, "twitter:description") == []


def test_search_engines_read_the_abstracts_own_description(fixture_site: Build) -> None:
    # the snippet under the title in a search engine's results: the abstract's summary,
    # once, not the journal's description (other pages keep the journal's)
    page = fixture_site.html("abstracts/first-imaging-study/")
    assert page.head is not None
    descriptions = [
        str(t["content"]) for t in page.head.find_all("meta", attrs={"name": "description"})
    ]
    summary = _values(_meta(page), "og:description")
    assert len(descriptions) == 1 and summary and descriptions == summary
    assert descriptions == ["The first abstract of the fixture journal, about imaging."]
    home = fixture_site.html("")
    assert home.head is not None
    assert descriptions[0] not in str(home.head)


def test_meta_values_are_escaped_in_the_html(fixture_site: Build) -> None:
    raw = (fixture_site.site / "abstracts/first-imaging-study/index.html").read_text()
    assert (
        '<meta name="citation_title" content="Imaging &lt;b&gt;before&lt;/b&gt; &amp; '
        'after: a first study">'
    ) in raw


def test_conference_abstract_without_doi(fixture_site: Build) -> None:
    page = fixture_site.html("abstracts/conference-talk/")
    pairs = _meta(page)
    assert _values(pairs, "citation_conference_title") == ["First Fixture Congress"]
    assert _values(pairs, "citation_doi") == []
    assert _values(pairs, "DC.identifier") == []
    assert _values(pairs, "citation_firstpage") == _values(pairs, "citation_lastpage") == ["7"]
    graph = _jsonld(page)
    assert "identifier" not in graph and "sameAs" not in graph
    assert not (fixture_site.site / "issues/1/2/crossref.xml").exists()
    assert (fixture_site.site / "issues/1/2/doaj.xml").is_file()


def test_per_abstract_affiliation_goes_to_the_scholar_tags(fixture_site: Build) -> None:
    pairs = _meta(fixture_site.html("abstracts/second-pathology-report/"))
    start = pairs.index(("citation_author", "Ben Okoro"))
    assert pairs[start + 1] == (
        "citation_author_institution",
        "Visiting Fellow, Institute of Test Pathology, Taiwan",
    )


def test_jsonld_graph_of_an_abstract(fixture_site: Build) -> None:
    graph = _jsonld(fixture_site.html("abstracts/first-imaging-study/"))
    assert graph["@context"] == "https://schema.org"
    assert graph["@type"] == "MedicalScholarlyArticle"
    assert graph["headline"] == "Imaging <b>before</b> & after: a first study"
    assert [a["name"] for a in graph["author"]] == ["Ana López-Núñez", "Ben Okoro"]
    ana = graph["author"][0]
    assert ana["sameAs"] == "https://orcid.org/0000-0002-1825-0097"
    assert ana["affiliation"] == [
        {
            "@type": "Organization",
            "name": "Hospital Universitario de Pruebas",
            "address": {"@type": "PostalAddress", "addressCountry": "Spain"},
            "identifier": "https://ror.org/03w04rv71",
        }
    ]
    assert graph["datePublished"] == "2020-03-01"
    assert graph["keywords"] == ["imaging", "staging"]
    assert graph["identifier"] == {
        "@type": "PropertyValue",
        "propertyID": "DOI",
        "value": "10.5555/fixture.0001",
    }
    assert graph["license"] == "https://creativecommons.org/licenses/by/4.0/"
    assert (graph["pageStart"], graph["pageEnd"]) == ("1", "4")
    issue = graph["isPartOf"]
    assert (issue["@type"], issue["issueNumber"]) == ("PublicationIssue", "1")
    volume = issue["isPartOf"]
    assert (volume["@type"], volume["volumeNumber"]) == ("PublicationVolume", "1")
    periodical = volume["isPartOf"]
    assert periodical["@type"] == "Periodical"
    assert periodical["issn"] == ["0317-8471", "2324-9110"]
    assert periodical["name"] == "Fixture Journal of Tests & Trials"


def test_issue_and_home_pages_carry_their_graphs(fixture_site: Build) -> None:
    issue = _jsonld(fixture_site.html("issues/1/1/"))
    assert issue["@type"] == "PublicationIssue"
    assert [p["name"] for p in issue["hasPart"]] == [
        "Imaging <b>before</b> & after: a first study",
        "A pathology case report",
    ]
    assert issue["isPartOf"]["isPartOf"]["@type"] == "Periodical"
    home = _jsonld(fixture_site.html(""))
    assert home["@type"] == "Periodical" and home["alternateName"] == "Fix J Tests"


def test_every_page_links_the_atom_feed(fixture_site: Build) -> None:
    pages = list(fixture_site.site.rglob("index.html"))
    assert len(pages) > 10
    for path in pages:
        page = BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")
        link = page.find("link", rel="alternate", type="application/atom+xml")
        assert link is not None, path
        assert (path.parent / str(link["href"])).resolve() == (
            fixture_site.site / "feed.xml"
        ).resolve()


def test_cite_block_offers_three_styles_copy_and_downloads(fixture_site: Build) -> None:
    page = fixture_site.html("abstracts/first-imaging-study/")
    block = page.find(class_="journal-cite")
    assert block is not None
    styles = [b["data-cite-style"] for b in block.find_all(class_="journal-cite__style")]
    assert styles == ["apa", "vancouver", "ama"]
    assert block.find(class_="journal-cite__copy") is not None
    apa = block.find(class_="journal-cite__entry", attrs={"data-cite-style": "apa"})
    text = apa.find(class_="journal-cite__text")
    assert text.get_text() == (  # what the copy button copies
        "López-Núñez, A., & Okoro, B. (2020). Imaging <b>before</b> & after: a first study. "
        "Fixture Journal of Tests & Trials, 1(1), 1–4. https://doi.org/10.5555/fixture.0001"
    )
    assert [i.get_text() for i in text.find_all("i")] == ["Fixture Journal of Tests & Trials", "1"]
    assert text.find("b") is None  # the title's <b> is text, not markup
    links = {a.get_text(): a["href"] for a in block.select(".journal-cite__downloads a")}
    assert links == {
        "PDF": "first-imaging-study.pdf",
        "BibTeX": "first-imaging-study.bib",
        "RIS": "first-imaging-study.ris",
        "CSL-JSON": "first-imaging-study.json",
    }  # the readers' formats; the JATS file is for indexers
    indexers = {a.get_text(): a["href"] for a in block.select(".journal-cite__indexers a")}
    assert indexers == {"JATS XML": "first-imaging-study.jats.xml"}
    folder = fixture_site.site / "abstracts/first-imaging-study"
    assert all((folder / href).is_file() for href in {**links, **indexers}.values())
    scripts = [s.get("src", "") for s in page.find_all("script")]
    assert any(str(s).endswith("assets/journal/cite.js") for s in scripts)


def test_issue_page_links_its_downloads(fixture_site: Build) -> None:
    page = fixture_site.html("issues/1/1/")
    links = {a.get_text(): a["href"] for a in page.select(".journal-issue__downloads a")}
    assert links == {
        "Book of abstracts (PDF)": "book.pdf",
        "BibTeX": "citations.bib",
        "RIS": "citations.ris",
    }  # the formats reference managers import a whole issue from; CSL-JSON per abstract
    indexers = {a.get_text(): a["href"] for a in page.select(".journal-issue__indexers a")}
    assert indexers == {"Crossref XML": "crossref.xml", "DOAJ XML": "doaj.xml"}
    files = {**links, **indexers}.values()
    assert all((fixture_site.site / "issues/1/1" / h).is_file() for h in files)
    page = fixture_site.html("issues/1/2/")
    assert "Crossref XML" not in page.select_one(".journal-issue__indexers").get_text()


def test_built_exports_equal_the_goldens(fixture_site: Build) -> None:
    goldens = sorted(p.relative_to(GOLDEN).as_posix() for p in GOLDEN.rglob("*") if p.is_file())
    assert goldens
    for name in goldens:
        assert (fixture_site.site / name).read_text(encoding="utf-8") == (GOLDEN / name).read_text(
            encoding="utf-8"
        ), name


def test_script_end_tag_and_quotes_in_a_title_cannot_break_the_head(
    make_project, tmp_path: Path
) -> None:
    title = 'Tumours "q" & <i>x</i> </script><script>alert(1)</script> Ünïcode'
    source = (ROOT / "tests/fixtures/journal/abstracts/1/2/conference-talk.md").read_text()
    changed = source.replace(
        'title: "A conference talk without a DOI"', "title: " + json.dumps(title)
    )
    assert changed != source
    project = make_project({"abstracts/1/2/conference-talk.md": changed})
    build = run_mkdocs_build(project, tmp_path / "site")
    assert build.returncode == 0, build.output
    raw = (build.site / "abstracts/conference-talk/index.html").read_text(encoding="utf-8")
    assert "<script>alert(1)</script>" not in raw
    page = build.html("abstracts/conference-talk/")
    assert _jsonld(page)["headline"] == title
    assert _values(_meta(page), "citation_title") == [title]


# --- the sample journal: every abstract, every file -----------------------------------------


@pytest.mark.parametrize("path", SAMPLE, ids=[p.stem for p in SAMPLE])
def test_every_sample_abstract_has_complete_scholar_tags_and_jsonld(
    sample_site: Build, path: Path
) -> None:
    meta = frontmatter.load(path).metadata
    page = sample_site.html(f"abstracts/{path.stem}/")
    pairs = _meta(page)
    authors = [
        frontmatter.load(ROOT / "authors" / f"{a if isinstance(a, str) else a['id']}.md").metadata[
            "name"
        ]
        for a in meta["authors"]
    ]
    assert _values(pairs, "citation_title") == [meta["title"]]
    assert _values(pairs, "citation_author") == authors
    # the issue's date (issues.yml) when it gives one of the abstract's year; the online date
    issue = ISSUE_DATES.get((meta["volume"], meta["issue"]))
    cited = issue if issue and issue.year == meta["year"] else meta["published"]
    assert _values(pairs, "citation_publication_date") == [cited.strftime("%Y/%m/%d")]
    assert _values(pairs, "citation_online_date") == [meta["published"].strftime("%Y/%m/%d")]
    assert _values(pairs, "citation_volume") == [str(meta["volume"])]
    assert _values(pairs, "citation_issue") == [str(meta["issue"])]
    assert _values(pairs, "citation_doi") == ([meta["doi"]] if "doi" in meta else [])
    assert _values(pairs, "citation_keywords") == meta.get("keywords", [])
    assert _values(pairs, "citation_firstpage") == [str(meta["pages"]).split("-")[0]]
    for name in (
        "citation_journal_title",
        "citation_issn",
        "citation_publisher",
        "citation_abstract",
        "citation_abstract_html_url",
        "citation_language",
        "DC.title",
        "DC.date",
        "DC.rights",
        "og:title",
        "twitter:card",
    ):
        assert _values(pairs, name), name
    if meta["type"] == "Conference Abstract":
        assert _values(pairs, "citation_conference_title")
    graph = _jsonld(page)
    assert graph["headline"] == meta["title"]
    assert [a["name"] for a in graph["author"]] == authors
    assert graph["isPartOf"]["isPartOf"]["isPartOf"]["issn"] == ["2324-9110"]


def test_non_ascii_author_names_come_out_exact(sample_site: Build) -> None:
    names = {
        name
        for path in SAMPLE
        for name in _values(_meta(sample_site.html(f"abstracts/{path.stem}/")), "citation_author")
    }
    assert {"José Núñez-García", "Zoë Łukasiewicz"} <= names


def test_every_crossref_doaj_and_jats_file_passes_the_official_schemas(sample_site: Build) -> None:
    crossref = sorted(sample_site.site.glob("issues/*/*/crossref.xml"))
    doaj = sorted(sample_site.site.glob("issues/*/*/doaj.xml"))
    jats = sorted(sample_site.site.glob("abstracts/*/*.jats.xml"))
    issues = sorted(sample_site.site.glob("issues/*/*/index.html"))
    assert len(crossref) == len(doaj) == len(issues) == 3
    assert len(jats) == len(SAMPLE)
    assert [error for path in crossref for error in crossref_errors(path)] == []
    assert [error for path in doaj for error in doaj_errors(path)] == []
    assert [error for path in jats for error in jats_errors(path)] == []


def test_the_abstract_without_doi_is_left_out_of_crossref(sample_site: Build) -> None:
    text = (sample_site.site / "issues/7/1/crossref.xml").read_text(encoding="utf-8")
    assert "integrating-imaging-and-pathology-editorial" not in text
    assert text.count("<journal_article ") == 2


def test_citation_files_parse_with_independent_readers(sample_site: Build) -> None:
    paths = sorted(sample_site.site.glob("issues/*/*/citations.bib"))
    assert len(paths) == 3  # issues 6:3, 6:4 and 7:1
    for path in paths:
        folder = path.parent
        bib = parse_file(str(path), "bibtex")
        ris = rispy.loads((folder / "citations.ris").read_text(encoding="utf-8"))
        csl = [
            json.loads((sample_site.site / "abstracts" / k / f"{k}.json").read_text("utf-8"))[0]
            for k in bib.entries
        ]
        assert len(bib.entries) == len(ris) == len(csl) > 0
        # One entry per abstract of the issue's folder (the sample has no drafts there).
        volume, number = folder.relative_to(sample_site.site / "issues").parts
        written = sorted(p.stem for p in (ROOT / "abstracts" / volume / number).glob("*.md"))
        assert sorted(bib.entries) == written
        assert [r["title"] for r in ris] == [c["title"] for c in csl]
        assert not (folder / "citations.json").exists()
    for path in SAMPLE:
        folder = sample_site.site / "abstracts" / path.stem
        assert list(parse_file(str(folder / f"{path.stem}.bib"), "bibtex").entries) == [path.stem]
        assert len(rispy.loads((folder / f"{path.stem}.ris").read_text(encoding="utf-8"))) == 1


def test_the_atom_feed_parses_and_lists_the_newest_first(sample_site: Build) -> None:
    feed = feedparser.parse((sample_site.site / "feed.xml").read_bytes())
    assert feed.bozo == 0, feed.get("bozo_exception")
    dates = [e.published for e in feed.entries]
    assert len(feed.entries) == len(SAMPLE) and dates == sorted(dates, reverse=True)
    first = feed.entries[0]
    assert first.link.startswith("https://jceo.example.org/abstracts/")
    assert first.authors and first.summary


def test_sitemap_lists_every_abstract_issue_and_author_and_robots_points_at_it(
    sample_site: Build,
) -> None:
    sitemap = (sample_site.site / "sitemap.xml").read_text(encoding="utf-8")
    for path in SAMPLE:
        assert f"https://jceo.example.org/abstracts/{path.stem}/" in sitemap
    for path in (ROOT / "authors").glob("*.md"):
        assert f"https://jceo.example.org/authors/{path.stem}/" in sitemap
    for issue in ("6/3", "6/4", "7/1"):
        assert f"https://jceo.example.org/issues/{issue}/" in sitemap
    robots = (sample_site.site / "robots.txt").read_text(encoding="utf-8")
    assert "Sitemap: https://jceo.example.org/sitemap.xml" in robots.splitlines()
