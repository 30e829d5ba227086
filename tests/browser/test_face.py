"""The journal's face in a real browser (#16): one masthead, the current issue on a phone's
first screen, no one-link sidebar, the journal's favicon."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from playwright.sync_api import Page, expect

from . import test_reader
from .test_reader import Tour

pytestmark = pytest.mark.browser
tour = test_reader.tour  # the pages of the sample journal the tests visit
SIZES = {"desktop": {"width": 1280, "height": 900}, "phone": {"width": 390, "height": 844}}
PAGES = ("", "archive/", "authors/", "keywords/")

_VISIBLE_TITLES = """title => {
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  let count = 0;
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    // A heading or label that is the title; the footer at the bottom of a short page and
    // running text that names the journal do not count.
    if (node.textContent.trim() !== title) continue;
    const element = node.parentElement;
    if (element.closest("footer, .md-content p")) continue;
    const box = element.getBoundingClientRect();
    const style = getComputedStyle(element);
    const shown = box.width > 1 && box.height > 1 && style.visibility !== "hidden"
      && element.checkVisibility() && box.top < innerHeight && box.bottom > 0
      && box.left < innerWidth && box.right > 0;
    if (shown) count += 1;
  }
  return count;
}"""


@pytest.mark.parametrize("size", SIZES)
@pytest.mark.parametrize("url", ["", "issue", "abstract", "archive/"])
def test_the_journal_title_shows_once_above_the_fold(
    new_page: Callable[..., Page], tour: Tour, size: str, url: str
) -> None:
    page = new_page(viewport=SIZES[size])
    page.goto({"issue": tour.issue, "abstract": tour.abstract}.get(url, url))
    assert page.evaluate(_VISIBLE_TITLES, tour.journal_title) == 1


def test_a_phone_shows_the_current_issues_first_article_on_the_first_screen(
    new_page: Callable[..., Page],
) -> None:
    page = new_page(viewport=SIZES["phone"], is_mobile=True)
    page.goto("")
    first = page.locator(".journal-home__current .journal-toc__title").first
    box = first.bounding_box()
    assert box is not None and box["y"] + box["height"] <= SIZES["phone"]["height"], box


@pytest.mark.parametrize("url", PAGES)
def test_no_page_shows_a_sidebar_holding_one_link(page: Page, url: str) -> None:
    page.goto(url)
    for sidebar in page.locator(".md-sidebar").all():
        if sidebar.is_visible():
            links = sidebar.locator("a:visible").count()
            assert links != 1, f"{url}: a sidebar with one link"


def test_the_favicon_is_the_journals_logo(page: Page) -> None:
    page.goto("archive/")
    href = page.locator("link[rel=icon]").get_attribute("href") or ""
    logo = page.locator(".journal-banner__logo").get_attribute("src") or ""
    assert href.endswith("journal-logo.svg") and href == logo
    assert page.request.get(page.url + href).ok


def test_the_articles_filter_shows_only_the_chosen_type_and_keyword(page: Page) -> None:
    page.goto("articles/")
    items = page.locator(".journal-articles__year li")
    total = items.count()
    page.locator("#filter-type").select_option("Case Report")
    shown = page.locator(".journal-articles__year li:visible")
    assert 0 < shown.count() < total
    for n in range(shown.count()):
        assert shown.nth(n).get_attribute("data-type") == "Case Report"
    expect(page.locator(".journal-filter__status")).to_have_text(
        f"{shown.count()} article{'' if shown.count() == 1 else 's'} shown."
    )
    page.locator("#filter-type").select_option("")
    keyword = page.locator("#filter-keyword option").nth(1).get_attribute("value") or ""
    page.locator("#filter-keyword").select_option(keyword)
    for n in range(shown.count()):
        assert keyword in (shown.nth(n).get_attribute("data-keywords") or "").split()
    assert 0 < shown.count() < total


def test_a_printed_abstract_keeps_masthead_biography_and_corresponding_author(
    page: Page, tour: Tour
) -> None:
    page.goto(tour.abstract)
    masthead = page.locator(".journal-article__print-masthead")
    expect(masthead).to_be_hidden()  # on screen the header names the journal
    page.emulate_media(media="print")
    expect(masthead).to_be_visible()
    text = masthead.inner_text()
    assert tour.journal_title in text and "ISSN: 2324-9110" in text
    assert "https://jceo.example.org/abstracts/" in text and "DOI: 10.5555/" in text
    expect(page.locator(".journal-article__bios")).to_be_visible()
    expect(page.locator(".journal-article__contact")).to_be_visible()
    expect(page.locator(".journal-article__contact")).to_contain_text("Corresponding author:")
