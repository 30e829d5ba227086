"""Keyword pages: `/keywords/` lists every keyword A-Z; each keyword has a page of its
abstracts; each keyword on an abstract links to that page."""

from __future__ import annotations

import datetime
import posixpath
import re
import unicodedata
from collections import Counter

import pytest
from bs4 import BeautifulSoup

from conftest import (
    FIXTURES,
    ROOT,
    Build,
    copy_project,
    run_mkdocs_build,
    search_documents,
    write_files,
)
from journal import build_site_data, urls
from journal.keywords import build_keyword_index, keyword_key
from journal.loading import read_settings
from journal.model import Abstract, Issue
from journal.pages import view_for_keyword_index


def _site_path(page_url: str, href: str) -> str:
    """The site-root-relative path of a relative `href` on the page at `page_url`."""
    return posixpath.normpath(posixpath.join(page_url, href.split("#", 1)[0])) + "/"


def _keyword_pages(build: Build) -> list[str]:
    return sorted(p.parent.name for p in (build.site / "keywords").glob("*/index.html"))


def _check_keyword_links(build: Build) -> int:
    """Every keyword link of every abstract page leads to an existing keyword page that is
    about that keyword and lists the abstract."""
    checked = 0
    for path in sorted((build.site / "abstracts").glob("*/index.html")):
        url = f"abstracts/{path.parent.name}/"
        page = BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")
        title = page.h1.get_text(strip=True)
        for link in page.select(".journal-article__keywords a.journal-keyword"):
            target = _site_path(url, link["href"])
            assert re.fullmatch(r"keywords/[a-z0-9-]+/", target), (url, target)
            assert (build.site / target / "index.html").is_file(), f"{url}: {target} missing"
            keyword = build.html(target)
            name = keyword.h1.get_text(strip=True)
            assert keyword_key(name) == keyword_key(link.get_text(strip=True)), (url, target)
            listed = [a.get_text(strip=True) for a in keyword.select("a.journal-toc__title")]
            assert title in listed, f"{url} is missing on {target}"
            checked += 1
        assert not page.select(".journal-article__keywords span.journal-keyword"), url
    return checked


def _index_entries(build: Build) -> list[tuple[str, str, str]]:
    """(name, href, count) of each keyword on /keywords/, in the order shown."""
    page = build.html("keywords/")
    return [
        (li.a.get_text(), li.a["href"], li.select_one(".journal-az__count").get_text())
        for li in page.select(".journal-az__list > li")
    ]


def _assert_ids_unique_and_valid(page: BeautifulSoup) -> None:
    ids = [tag["id"] for tag in page.find_all(id=True)]
    assert ids and [i for i, n in Counter(ids).items() if n > 1] == []
    assert all(i and not re.search(r"\s", i) for i in ids), ids
    for link in page.select(".journal-az a[href^='#']"):  # the letters lead to their headings
        assert page.find(id=link["href"][1:]) is not None, link


def test_every_keyword_of_the_sample_links_to_its_keyword_page(sample_site: Build) -> None:
    assert _check_keyword_links(sample_site) > 20
    _assert_ids_unique_and_valid(sample_site.html("keywords/"))
    entries = _index_entries(sample_site)
    assert len(entries) == len(_keyword_pages(sample_site))
    names = [name for name, _, _ in entries]
    assert names == sorted(names, key=_plain)


def _plain(text: str) -> str:
    """Lower case without accents (the sample's keywords are Latin letters and digits)."""
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def test_the_fixture_keyword_index_lists_each_keyword_with_its_count(fixture_site: Build) -> None:
    assert _check_keyword_links(fixture_site) == 5
    page = fixture_site.html("keywords/")
    assert len(page.select("h1")) == 1
    assert page.title is not None and page.title.string.startswith("Keywords · ")
    assert _index_entries(fixture_site) == [
        ("biopsy", "biopsy/", "1 abstract"),
        ("imaging", "imaging/", "1 abstract"),
        ("pathology", "pathology/", "1 abstract"),
        ("radiotherapy", "radiotherapy/", "1 abstract"),
        ("staging", "staging/", "1 abstract"),
    ]
    assert [h.get_text() for h in page.select(".journal-az__group h2")] == list("BIPRS")
    # Links to the tags plugin's anchors, keywords/#tag:<keyword>, still find their entry.
    assert page.find(id="tag:imaging").a["href"] == "imaging/"
    _assert_ids_unique_and_valid(page)


def test_a_keyword_page_lists_its_abstracts_as_a_table_of_contents(fixture_site: Build) -> None:
    page = fixture_site.html("keywords/imaging/")
    assert page.title is not None and page.title.string.startswith("imaging · ")
    assert [h.get_text(strip=True) for h in page.select(".journal-toc__heading")] == [
        "Volume 1, Issue 1 (2020)"
    ]
    item = page.select_one("ol.journal-toc > li")
    assert item.select_one(".journal-toc__title").get_text() == (
        "Imaging <b>before</b> & after: a first study"
    )
    assert item.select_one(".journal-toc__title")["href"] == "../../abstracts/first-imaging-study/"
    assert page.select_one(".journal-keyword__kicker a")["href"] == "../"


def test_the_archive_links_to_the_keyword_page(sample_site: Build) -> None:
    hrefs = [a["href"] for a in sample_site.html("archive/").select("a")]
    assert "../keywords/" in hrefs


def _abstract(slug: str, number: int, keywords: list[str], published: str = "2021-03-01") -> str:
    quoted = ", ".join('"' + k.replace("\\", "\\\\").replace('"', '\\"') + '"' for k in keywords)
    return (
        f'---\ntitle: "Keyword study {number}"\nauthors:\n  - id: ana-lopez\n'
        f"    corresponding: true\nvolume: 2\nissue: 1\nyear: 2021\npublished: {published}\n"
        f'type: Research Article\nkeywords: [{quoted}]\npages: "{number}"\n---\n'
        f"Abstract {number} about {slug}.\n"
    )


KEYWORD_FILES = {
    "abstracts/2/1/k1.md": _abstract("k1", 1, ["Human", "Ménière disease", "C", "<&>"]),
    "abstracts/2/1/k2.md": _abstract("k2", 2, ["human", "meniere disease", "C++", "рак"]),
    "abstracts/2/1/k3.md": _abstract("k3", 3, ["human", "HUMAN", "Ångström", "Zebrafish"]),
    "abstracts/2/1/k4.md": _abstract("k4", 4, ["eclampsia", "3D imaging", "Eclampsia"]),
}


@pytest.fixture(scope="module")
def keyword_site(tmp_path_factory: pytest.TempPathFactory) -> Build:
    """The fixture journal with keywords in several cases, accents, scripts and signs."""
    project = copy_project(FIXTURES / "journal", tmp_path_factory.mktemp("kw") / "journal")
    write_files(project, KEYWORD_FILES)
    build = run_mkdocs_build(project, project / "site")
    assert build.returncode == 0, build.output
    return build


def test_keywords_that_differ_in_case_have_one_page(keyword_site: Build) -> None:
    names = [name for name, _, _ in _index_entries(keyword_site)]
    assert len(names) == len({keyword_key(n) for n in names})
    assert len(_keyword_pages(keyword_site)) == len(names)
    entry = next(e for e in _index_entries(keyword_site) if keyword_key(e[0]) == "human")
    # "human" twice, "Human" and "HUMAN" once: the most frequent spelling is shown; the
    # abstract that lists "human" and "HUMAN" counts once.
    assert entry == ("human", "human/", "3 abstracts")
    human = keyword_site.html("keywords/human/")
    listed = [a.get_text() for a in human.select("a.journal-toc__title")]
    assert listed == ["Keyword study 1", "Keyword study 2", "Keyword study 3"]
    # A tie ("eclampsia", "Eclampsia"): the first in sort order.
    assert ("Eclampsia", "eclampsia/", "1 abstract") in _index_entries(keyword_site)


def test_the_keyword_index_is_sorted_ignoring_case_and_accents(keyword_site: Build) -> None:
    names = [name for name, _, _ in _index_entries(keyword_site)]
    assert names == [
        "3D imaging",
        "<&>",
        "Ångström",
        "biopsy",
        "C",
        "C++",
        "Eclampsia",
        "human",
        "imaging",
        "meniere disease",
        "Ménière disease",
        "pathology",
        "radiotherapy",
        "staging",
        "Zebrafish",
        "рак",
    ]
    page = keyword_site.html("keywords/")
    letters = [h.get_text() for h in page.select(".journal-az__group h2")]
    assert letters == ["#", "A", "B", "C", "E", "H", "I", "M", "P", "R", "S", "Z", "Р"]
    _assert_ids_unique_and_valid(page)


def test_keywords_that_slugify_alike_get_distinct_pages(keyword_site: Build) -> None:
    entries = {name: href for name, href, _ in _index_entries(keyword_site)}
    assert entries["C"] == "c/" and re.fullmatch(r"c-[0-9a-f]{8}/", entries["C++"])
    assert entries["meniere disease"] == "meniere-disease/"
    assert re.fullmatch(r"meniere-disease-[0-9a-f]{8}/", entries["Ménière disease"])
    assert entries["рак"] == "rak/"  # non-Latin keywords: transliterated
    assert re.fullmatch(r"keyword-[0-9a-f]{8}/", entries["<&>"])  # no letters at all
    for name, href in entries.items():
        page = keyword_site.html(f"keywords/{href}")
        assert page.h1.get_text() == name


def test_keyword_text_is_escaped_everywhere(keyword_site: Build) -> None:
    _check_keyword_links(keyword_site)
    href = dict((n, h) for n, h, _ in _index_entries(keyword_site))["<&>"]
    page = keyword_site.html(f"keywords/{href}")
    assert page.h1.get_text() == "<&>"
    assert page.title is not None and page.title.get_text().startswith("<&> · ")
    raw = (keyword_site.site / "keywords" / href / "index.html").read_text(encoding="utf-8")
    assert "<h1>&lt;&amp;&gt;</h1>" in raw and "<&>" not in raw
    abstract = keyword_site.html("abstracts/k1/")
    links = [a.get_text() for a in abstract.select("a.journal-keyword")]
    assert links == ["Human", "Ménière disease", "C", "<&>"]  # as the editor wrote them
    raw = (keyword_site.site / "abstracts/k1/index.html").read_text(encoding="utf-8")
    assert "<&>" not in raw


def test_keywords_stay_searchable_as_tags(keyword_site: Build) -> None:
    docs = search_documents(keyword_site.site)
    doc = next(d for d in docs if d["location"] == "abstracts/k2/")
    assert {"human", "meniere disease", "C++", "рак"} <= set(doc["tags"])
    # Listing pages are not searched: their abstracts are.
    assert not [d for d in docs if d["location"].startswith("keywords/")]


def test_the_site_builds_without_the_tags_plugin_or_python_tags() -> None:
    for config in (ROOT / "mkdocs.yml", ROOT / "tests/fixtures/journal/mkdocs.yml"):
        text = config.read_text(encoding="utf-8")
        assert "!!python" not in text and "tags:" not in text, config


# The index and the slugs alone, without a build.


def _issue(*keyword_lists: tuple[str, ...]) -> Issue:
    abstracts = tuple(
        Abstract(
            slug=f"a{n}",
            title=f"A{n}",
            authors=(),
            volume=1,
            issue=1,
            year=2020,
            published=datetime.date(2020, 1, 1),
            type="Review",
            keywords=keywords,
        )
        for n, keywords in enumerate(keyword_lists)
    )
    return Issue(volume=1, number=1, year=2020, abstracts=abstracts)


def test_a_keyword_keeps_its_slug_whatever_else_the_journal_holds() -> None:
    alone = build_keyword_index([_issue(("C++",))]).find("c++").slug
    assert alone == "c"
    together = build_keyword_index([_issue(("C++", "C", "c#"))])
    slugs = {k.name: k.slug for k in together.keywords}
    assert slugs["C"] == "c" and slugs["C++"] != slugs["c#"]
    again = build_keyword_index([_issue(("c#",), ("C", "C++"))])
    assert {k.name: k.slug for k in again.keywords} == slugs  # the same on every build
    assert together.find("C++").slug == urls.keyword_slugs(["c", "c#", "c++"])["c++"]


def test_slugs_are_short_ascii_and_unique() -> None:
    long = "a very long keyword " * 20
    keys = [keyword_key(k) for k in (long, long + "x", "<&>", ">&<", "肿瘤", "c-" + "0" * 8)]
    slugs = urls.keyword_slugs(keys)
    assert len(set(slugs.values())) == len(keys)
    for slug in slugs.values():
        assert re.fullmatch(r"[a-z0-9]+(-[a-z0-9]+)*", slug) and len(slug) <= 90, slug
    assert slugs[keyword_key("肿瘤")] == "zhong-liu"
    assert urls.url_for_keyword("index") == "keywords/index/"  # not the keyword index's URL


def test_an_abstract_view_model_has_each_keyword_as_written_with_its_url() -> None:
    root = FIXTURES / "journal"
    values, _ = read_settings(root / "mkdocs.yml")
    site = build_site_data(root, root / "mkdocs.yml", dict(values), str)
    view = site.contexts["abstracts/first-imaging-study.md"]
    assert view["keywords"] == [
        {"name": "imaging", "url": "keywords/imaging/"},
        {"name": "staging", "url": "keywords/staging/"},
    ]


def test_letters_file_latin_accents_under_their_letter_and_keep_other_scripts() -> None:
    index = build_keyword_index([_issue(("Йод", "иммунитет", "Łódź", "lupus", "Øresund", "ok"))])
    assert [k.name for k in index.keywords] == [
        "Łódź",
        "lupus",
        "ok",
        "Øresund",
        "иммунитет",
        "Йод",
    ]
    view = view_for_keyword_index(index)
    assert [(g["letter"], g["id"]) for g in view["letters"]] == [
        ("L", "letter-l"),
        ("O", "letter-o"),
        ("И", "letter-u0418"),
        ("Й", "letter-u0419"),
    ]
