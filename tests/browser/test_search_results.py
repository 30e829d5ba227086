"""Search results read as citations (#16): title, the authors apart from the keyword chips, the
type badge and the citation line ("J Clin Exp Oncol 2017;6(4):…"), marks that keep a
hyphenated name whole; on a desktop and a phone, light and dark, with no axe violation.

What a result must show is read from the abstract's own page (its author line, type badge and
"Cited as" line), not from the search index."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from bs4 import BeautifulSoup
from playwright.sync_api import Page, expect

pytestmark = pytest.mark.browser
SIZES = {"desktop": {"width": 1280, "height": 900}, "phone": {"width": 390, "height": 844}}
ABSTRACT = "abstracts/paraneoplastic-cerebellar-degeneration-ovarian-carcinoma/"
NAME = "Núñez-García"  # a hyphenated surname with accents (authors/jose-nunez-garcia.md)


def _text(node: Any) -> str:
    return " ".join(node.get_text(" ").split())


@pytest.fixture(scope="module")
def expected(sample_site: Any) -> dict[str, Any]:
    """What the abstract's page says of it: title, authors, type, citation line."""
    path = sample_site.site / ABSTRACT / "index.html"
    soup = BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")
    cited = _text(soup.select_one(".journal-tools__cited-as")).removeprefix("Cited as: ")
    return {
        "title": _text(soup.select_one("h1")),
        "authors": [_text(a) for a in soup.select(".journal-author > a:not(.journal-orcid)")],
        "type": _text(soup.select_one(".journal-article__type")),
        "citation": cited.split(". https://doi.org/")[0],
        "keywords": [_text(k) for k in soup.select(".journal-article__keywords a")],
    }


def _open_search(page: Page, query: str) -> None:
    icon = page.locator("label.md-header__button[for=__search]")
    if icon.is_visible():  # a phone: the header's search icon opens the search
        icon.click()
    page.locator(".md-search__input").press_sequentially(query, delay=20)
    expect(page.locator(".md-search-result__item").first).to_be_visible()


@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize("size", SIZES)
def test_a_result_shows_authors_type_and_citation_line_apart_from_keywords(
    new_page: Callable[..., Page],
    axe_source: str,
    expected: dict[str, Any],
    size: str,
    scheme: str,
) -> None:
    page = new_page(viewport=SIZES[size], color_scheme=scheme, is_mobile=size == "phone")
    page.goto("")
    _open_search(page, "nunez garcia ")  # typed without accents
    result = page.locator(".md-search-result__item", has_text=expected["title"]).first
    expect(result).to_be_visible()
    article = result.locator(".md-search-result__article").first
    authors = article.locator(".journal-result__authors")
    expect(authors).to_be_visible()
    assert authors.inner_text().split(", ") == expected["authors"]
    # The name is one mark, with no space put into it.
    marks = authors.locator("mark")
    assert marks.all_inner_texts() == [NAME]
    assert "José Núñez-García" in authors.inner_text()
    expect(article.locator(".journal-result__type")).to_have_text(expected["type"])
    citation = article.locator(".journal-result__citation")
    expect(citation).to_have_text(expected["citation"])
    assert citation.inner_text().startswith("J Clin Exp Oncol 20")
    # The keywords are the chips, and no author is one of them.
    chips = article.locator(".md-tag").all_inner_texts()
    assert chips == expected["keywords"]
    assert not set(chips) & set(expected["authors"])
    # Authors and keywords look different: not the same colour and background.
    look = "e => [getComputedStyle(e).color, getComputedStyle(e).backgroundColor]"
    assert authors.evaluate(look) != article.locator(".md-tag").first.evaluate(look)
    # Nothing of the result runs off a phone's screen.
    width = page.evaluate("document.documentElement.clientWidth")
    for part in (authors, citation, article.locator(".journal-result__type")):
        box = part.bounding_box()
        assert box is not None and box["x"] >= 0 and box["x"] + box["width"] <= width, box
    page.add_script_tag(content=axe_source)
    violations = page.evaluate(
        "async () => (await axe.run(document, {resultTypes: ['violations']})).violations"
    )
    found = [
        f"{v['id']} ({v['impact']}): {v['help']} at {[n['target'] for n in v['nodes']][:5]}"
        for v in violations
    ]
    assert not found, "\n".join(found)


def test_a_search_for_a_keyword_marks_it_among_the_chips_not_the_authors(
    page: Page, expected: dict[str, Any]
) -> None:
    keyword = expected["keywords"][0]
    page.goto("")
    _open_search(page, keyword + " ")
    result = page.locator(".md-search-result__item", has_text=expected["title"]).first
    article = result.locator(".md-search-result__article").first
    expect(article.locator(".md-tag mark").first).to_be_visible()
    expect(article.locator(".journal-result__authors mark")).to_have_count(0)
