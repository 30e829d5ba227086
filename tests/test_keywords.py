"""Keyword pages: each keyword on an abstract links to its entry on the keyword page."""

from __future__ import annotations

import posixpath

from bs4 import BeautifulSoup

from conftest import Build


def _site_path(page_url: str, href: str) -> str:
    """The site-root-relative path of a relative `href` on the page at `page_url`."""
    return posixpath.normpath(posixpath.join(page_url, href.split("#", 1)[0])) + "/"


def _check_keyword_links(build: Build) -> int:
    keywords = build.html("keywords/")
    checked = 0
    for path in sorted((build.site / "abstracts").glob("*/index.html")):
        url = f"abstracts/{path.parent.name}/"
        page = BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")
        title = page.h1.get_text(strip=True)
        for link in page.select(".journal-article__keywords a.journal-keyword"):
            assert _site_path(url, link["href"]) == "keywords/", link
            anchor = link["href"].split("#", 1)[1]
            heading = keywords.find(id=anchor)
            assert heading is not None, f"{url}: no entry #{anchor} on the keyword page"
            assert heading.get_text(strip=True) == link.get_text(strip=True)
            listed = [a.get_text(strip=True) for a in heading.find_next_sibling("ul").select("a")]
            assert title in listed, f"{url} is missing under {anchor}"
            checked += 1
        assert not page.select(".journal-article__keywords span.journal-keyword"), url
    return checked


def test_every_keyword_of_the_sample_links_to_its_keyword_entry(sample_site: Build) -> None:
    assert _check_keyword_links(sample_site) > 20


def test_fixture_keywords_link_and_the_keyword_page_has_one_title(fixture_site: Build) -> None:
    assert _check_keyword_links(fixture_site) > 0
    page = fixture_site.html("keywords/")
    assert len(page.select("h1")) == 1
    assert page.title is not None and page.title.string.startswith("Keywords · ")


def test_the_archive_links_to_the_keyword_page(sample_site: Build) -> None:
    hrefs = [a["href"] for a in sample_site.html("archive/").select("a")]
    assert "../keywords/" in hrefs
