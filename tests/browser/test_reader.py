"""The reader's journal in a real browser: search, navigation, e-mail, phones, print, a11y.

The pages under test are found from the built sample journal (home → current issue → its
first abstract → that abstract's first author), so editing the sample content keeps them valid.
"""

from __future__ import annotations

import base64
import re
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import pytest
from bs4 import BeautifulSoup
from playwright.sync_api import Page, expect

from conftest import journal_pages

pytestmark = pytest.mark.browser
PHONE = {"width": 360, "height": 740}


@dataclass(frozen=True)
class Tour:
    """URLs (relative to the site root) and facts of the sample journal the tests visit."""

    journal_title: str
    issue: str
    abstract: str
    abstract_title: str
    author: str
    older_issue: str


def _soup(site: Any, url: str) -> BeautifulSoup:
    return BeautifulSoup(
        (site.site / url / "index.html").read_text(encoding="utf-8"), "html.parser"
    )


def _join(base: str, href: str) -> str:
    """A site-root-relative URL for `href` found on the page at `base`."""
    parts = (base + href).split("/")
    out: list[str] = []
    for part in parts:
        if part == "..":
            out.pop()
        elif part not in (".", ""):
            out.append(part)
    return "/".join(out) + "/"


@pytest.fixture(scope="session")
def tour(sample_site: Any) -> Tour:
    home = _soup(sample_site, "")
    issue = _join("", home.select_one("#current-issue a")["href"])
    # The first research output with a DOI: a full article page (several authors, dates).
    items = _soup(sample_site, issue).select("ol.journal-toc > li")
    first = next(i for i in items if i.select_one(".journal-toc__doi")).select_one("a")
    abstract = _join(issue, first["href"])
    author = _join(abstract, _soup(sample_site, abstract).select_one(".journal-author a")["href"])
    archive = _soup(sample_site, "archive/").select(".journal-archive__issue a")
    older = [_join("archive/", a["href"]) for a in archive if _join("archive/", a["href"]) != issue]
    title = home.select_one(".journal-banner__title").get_text(strip=True)
    return Tour(
        journal_title=title,
        issue=issue,
        abstract=abstract,
        abstract_title=first.get_text(strip=True),
        author=author,
        older_issue=older[-1],
    )


def _search(page: Page, query: str) -> None:
    page.locator(".md-search__input").click()
    page.locator(".md-search__input").press_sequentially(query, delay=20)
    expect(page.locator(".md-search-result__item").first).to_be_visible()


def test_searching_an_author_surname_lists_that_authors_abstracts(
    page: Page, tour: Tour, sample_site: Any
) -> None:
    author = _soup(sample_site, tour.author)
    surname = author.h1.contents[0].split()[-1]
    titles = [a.get_text(strip=True) for a in author.select(".journal-toc__title")]
    assert titles, "the author page lists no abstracts"
    page.goto("")
    _search(page, surname)
    results = page.locator(".md-search-result__list")
    for title in titles:
        expect(results).to_contain_text(title)


def test_searching_a_keyword_finds_its_abstract_and_a_click_opens_it(
    page: Page, tour: Tour, sample_site: Any
) -> None:
    keyword = _soup(sample_site, tour.abstract).select_one(".journal-keyword").get_text()
    page.goto("")
    _search(page, keyword)
    result = page.locator(".md-search-result__link", has_text=tour.abstract_title).first
    # Its keywords show as tags under the result, as the page's `tags` give them.
    expect(result.locator(".md-tag", has_text=keyword).first).to_be_visible()
    result.click()
    expect(page).to_have_url(re.compile(re.escape(tour.abstract) + r"(\?h=.*)?$"))
    expect(page.locator("h1")).to_have_text(tour.abstract_title)


def _rare_body_word(sample_site: Any, tour: Tour) -> str:
    """A word of the tour abstract's text found on no other page of the site."""

    def words(node: Any) -> set[str]:
        return set(re.findall(r"[a-z]{6,}", node.get_text(" ").lower()))

    page = _soup(sample_site, tour.abstract)
    mine = words(page.select_one(".journal-article__abstract"))
    for path in journal_pages(sample_site.site, "index.html"):
        if path.parent != sample_site.site / tour.abstract.rstrip("/"):
            mine -= words(BeautifulSoup(path.read_text("utf-8"), "html.parser").article or "")
    assert mine, "the abstract has no word of its own"
    return sorted(mine, key=lambda w: (-len(w), w))[0]


def test_a_word_typed_in_part_finds_the_abstract_whose_text_has_it_and_marks_it(
    page: Page, tour: Tour, sample_site: Any
) -> None:
    word = _rare_body_word(sample_site, tour)
    shards: list[str] = []
    page.on("request", lambda r: shards.append(r.url) if "/search/shards/" in r.url else None)
    page.goto("")
    _search(page, word[:5])  # search as you type: the word is not finished
    result = page.locator(".md-search-result__item", has_text=tour.abstract_title).first
    expect(result).to_be_visible()
    # Only the shards of the typed letters were fetched, not the whole index.
    typed = {f"{word[:1].encode().hex()}.json", f"{word[:2].encode().hex()}.json"}
    assert shards and {urlsplit(url).path.rsplit("/", 1)[1] for url in shards} <= typed
    result.locator(".md-search-result__link").first.click()
    expect(page.locator("h1")).to_have_text(tour.abstract_title)
    # What was typed is marked where it stands in the abstract (Material's search.highlight).
    expect(page.locator(".journal-article__abstract mark").first).to_have_text(
        re.compile(f"^{word[:5]}$", re.I)
    )


def test_a_name_typed_without_its_accents_finds_that_authors_abstracts(
    page: Page, sample_site: Any
) -> None:
    accented = next(
        p
        for p in sorted(sample_site.site.glob("authors/*/index.html"))
        if not BeautifulSoup(p.read_text("utf-8"), "html.parser").h1.get_text().isascii()
    )
    author = BeautifulSoup(accented.read_text("utf-8"), "html.parser")
    name = author.h1.contents[0].strip()  # e.g. "José Núñez-García"
    plain = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode().lower()
    titles = [a.get_text(strip=True) for a in author.select(".journal-toc__title")]
    assert titles and plain != name.lower()
    page.goto("")
    _search(page, plain + " ")
    results = page.locator(".md-search-result__list")
    for title in titles:
        expect(results).to_contain_text(title)


def test_a_section_is_listed_under_its_page(page: Page, sample_site: Any) -> None:
    about = _soup(sample_site, "about/")
    page_title = about.h1.get_text(strip=True)
    section = about.select("h2")[-1].get_text(strip=True)
    page.goto("")
    _search(page, section + " ")
    item = page.locator(".md-search-result__item", has_text=section).first
    expect(item.locator("h1")).to_have_text(page_title)


def test_a_result_marks_the_words_searched_for(page: Page, tour: Tour) -> None:
    word = tour.abstract_title.split()[-1]
    page.goto("")
    _search(page, word + " ")
    result = page.locator(".md-search-result__item", has_text=tour.abstract_title).first
    expect(result.locator("h1 mark, h2 mark").first).to_have_text(
        re.compile(f"^{re.escape(word)}$", re.I)
    )


def test_opening_a_page_fetches_neither_the_sitemap_nor_every_pages_text(
    page: Page, tour: Tour
) -> None:
    urls: list[str] = []
    page.on("requestfinished", lambda r: urls.append(r.url))
    page.goto(tour.abstract)
    # The feed link still names itself "alternate" to feed readers, which split rel.
    expect(page.locator("link[rel~='alternate'][type='application/atom+xml']")).to_have_count(1)
    page.wait_for_load_state("networkidle")
    fetched = [urlsplit(url).path.rsplit("/", 1)[-1] for url in urls]
    # Search gets ready at once: Material's settings and what ranking needs of the documents,
    # no shard and no document's card (a query fetches those it shows).
    assert {"search_index.json", "documents.json"} <= set(fetched)
    assert "sitemap.xml" not in fetched
    assert not any("/search/shards/" in url or "/search/documents/" in url for url in urls)


def test_a_reader_walks_home_issue_abstract_author_and_back(page: Page, tour: Tour) -> None:
    page.goto("")
    page.locator("#current-issue a").click()
    expect(page).to_have_url(re.compile(re.escape(tour.issue) + "$"))
    page.locator(".journal-toc__title", has_text=tour.abstract_title).click()
    expect(page.locator("h1")).to_have_text(tour.abstract_title)
    page.locator(".journal-author a").first.click()
    expect(page).to_have_url(re.compile(re.escape(tour.author) + "$"))
    page.locator(".journal-toc__title", has_text=tour.abstract_title).click()
    page.locator(".journal-article__issue a").click()
    expect(page).to_have_url(re.compile(re.escape(tour.issue) + "$"))
    page.go_back()
    page.go_back()
    expect(page).to_have_url(re.compile(re.escape(tour.author) + "$"))


def test_the_archive_leads_to_an_older_issue(page: Page, tour: Tour) -> None:
    page.goto("archive/")
    page.locator(f".journal-archive__issue a[href$='{tour.older_issue}']").click()
    expect(page).to_have_url(re.compile(re.escape(tour.older_issue) + "$"))
    expect(page.locator("ol.journal-toc > li").first).to_be_visible()


def test_a_keyword_on_an_abstract_opens_its_page_and_the_keyword_index(
    page: Page, tour: Tour
) -> None:
    page.goto(tour.abstract)
    keyword = page.locator("a.journal-keyword").first
    name = keyword.inner_text()
    keyword.click()
    expect(page).to_have_url(re.compile(r"keywords/[a-z0-9-]+/$"))
    expect(page.locator("h1")).to_have_text(re.compile(f"^{re.escape(name)}$", re.IGNORECASE))
    expect(page.locator(".journal-toc__title", has_text=tour.abstract_title)).to_be_visible()
    page.locator(".journal-keyword__kicker a").click()
    expect(page).to_have_url(re.compile(r"keywords/$"))
    entry = page.locator(".journal-az__list a", has_text=re.compile(f"^{re.escape(name)}$", re.I))
    expect(entry).to_have_count(1)


def test_the_email_address_appears_only_when_the_reader_clicks(page: Page) -> None:
    page.goto("")
    button = page.locator(".journal-footer button.journal-email")
    address = base64.b64decode(button.get_attribute("data-email") or "").decode()[::-1]
    assert "@" in address
    assert address not in page.content()
    button.click()
    link = page.locator(".journal-footer a.journal-email")
    expect(link).to_have_attribute("href", f"mailto:{address}")
    expect(link).to_have_text(address)
    expect(link).to_be_focused()


def test_abstract_pages_fit_a_360_pixel_phone(
    new_page: Callable[..., Page], sample_site: Any
) -> None:
    page = new_page(viewport=PHONE, is_mobile=True)
    abstracts = sorted(p.parent.name for p in (sample_site.site / "abstracts").glob("*/index.html"))
    assert abstracts
    too_wide = {}
    for slug in abstracts:
        page.goto(f"abstracts/{slug}/")
        widths = page.evaluate(
            "[document.documentElement.scrollWidth, document.documentElement.clientWidth]"
        )
        if widths[0] > widths[1]:
            too_wide[slug] = widths
    assert not too_wide, f"pages wider than the screen (scrollWidth, clientWidth): {too_wide}"


def test_printing_an_abstract_hides_navigation_and_shows_link_addresses(
    page: Page, tour: Tour
) -> None:
    page.goto(tour.abstract)
    page.emulate_media(media="print")
    for selector in (
        ".md-header",
        ".md-tabs",
        ".md-sidebar--primary",
        ".journal-banner",
        ".journal-partners",
        ".md-footer",
        ".journal-article__pager",
    ):
        # A missing element counts as hidden: make sure each one is on the page at all.
        expect(page.locator(selector)).not_to_have_count(0)
        expect(page.locator(selector).first).to_be_hidden()
    expect(page.locator("h1")).to_be_visible()
    after = page.evaluate(
        "getComputedStyle(document.querySelector('.journal-article__license a'), '::after').content"
    )
    assert after.startswith('" (http'), after
    pdf = page.pdf(format="A4")
    pages = re.findall(rb"/Type\s*/Page\b(?!s)", pdf)
    # The article and its front matter fit the first page; the biographies (kept in print,
    # #16) may run onto a second.
    assert pdf.startswith(b"%PDF") and 1 <= len(pages) <= 2, f"{len(pages)} pages"


PAGES = (
    "home",
    "issue",
    "abstract",
    "author",
    "authors",
    "archive",
    "media-partners",
    "keywords",
    "board",
    "articles",
)


def _url(tour: Tour, name: str) -> str:
    return {
        "home": "",
        "issue": tour.issue,
        "abstract": tour.abstract,
        "author": tour.author,
        "authors": "authors/",
        "archive": "archive/",
        "media-partners": "media-partners/",
        "keywords": "keywords/",
        "board": "board/",
        "articles": "articles/",
    }[name]


@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize("name", PAGES)
def test_pages_are_accessible_titled_and_screenshotted(
    new_page: Callable[..., Page],
    screenshot: Callable[..., Path],
    tour: Tour,
    axe_source: str,
    name: str,
    scheme: str,
) -> None:
    page = new_page(color_scheme=scheme)
    page.goto(_url(tour, name))
    expected = "slate" if scheme == "dark" else "default"
    expect(page.locator("body")).to_have_attribute("data-md-color-scheme", expected)
    assert page.locator("h1").count() == 1
    assert page.locator("html").get_attribute("lang")
    title = page.title()
    if name == "home":
        assert title == tour.journal_title
    else:
        name_part, _, journal_part = title.rpartition(" · ")
        assert journal_part == tour.journal_title
        assert name_part and page.locator("h1").inner_text().startswith(name_part)
    page.add_script_tag(content=axe_source)
    violations = page.evaluate(
        "async () => (await axe.run(document, {resultTypes: ['violations']})).violations"
    )
    serious = [  # every impact, "moderate" and "minor" too (#16)
        f"{v['id']} ({v['impact']}): {v['help']} at {[n['target'] for n in v['nodes']][:5]}"
        for v in violations
    ]
    screenshot(page, f"{name}-{scheme}-desktop")
    readme = name == "abstract" and scheme == "light"  # .github/screenshots/ copies these two
    if readme:
        screenshot(page, "readme-abstract-desktop", full_page=False)
    page.set_viewport_size(PHONE)
    screenshot(page, f"{name}-{scheme}-phone")
    if readme:
        screenshot(page, "readme-abstract-phone", full_page=False)
    assert not serious, "\n".join(serious)


def test_the_cite_block_switches_style_and_copies_the_citation(
    new_page: Callable[..., Page], tour: Tour
) -> None:
    page = new_page(permissions=["clipboard-read", "clipboard-write"])
    page.goto(tour.abstract)
    visible = page.locator(".journal-cite__entry:visible .journal-cite__text")
    expect(visible).to_have_count(1)
    first = visible.inner_text()
    styles = page.locator(".journal-cite__style")
    assert styles.count() >= 2
    styles.nth(1).click()
    expect(styles.nth(1)).to_have_attribute("aria-pressed", "true")
    expect(visible).not_to_have_text(first)
    second = visible.inner_text()
    page.locator(".journal-cite__copy").click()
    expect(page.locator(".journal-cite__status")).to_have_text("Copied.")
    copied = page.evaluate("navigator.clipboard.readText()")
    assert copied == second and "<" not in copied  # the citation as shown, no markup


def test_a_table_of_contents_entry_shows_title_authors_and_details_on_their_own_lines(
    page: Page, tour: Tour
) -> None:
    # The entry's parts carry no classes but the title's: journal.css styles them by place.
    page.goto(tour.issue)
    entry = page.locator("ol.journal-toc > li").first
    parts = [entry.locator("> a"), entry.locator("> span").nth(0), entry.locator("> span").nth(1)]
    boxes = [part.bounding_box() for part in parts]
    assert all(box is not None for box in boxes)
    tops = [box["y"] for box in boxes if box is not None]
    assert tops[0] < tops[1] < tops[2]  # three lines
    size = "e => parseFloat(getComputedStyle(e).fontSize)"
    assert parts[1].evaluate(size) < parts[0].evaluate(size)
    colour = "e => getComputedStyle(e).color"
    assert parts[2].evaluate(colour) != parts[1].evaluate(colour)  # the details are lighter
    assert entry.evaluate("e => getComputedStyle(e).listStyleType") == "none"


def test_the_journals_colours_colour_the_header_and_links(page: Page) -> None:
    # mkdocs.yml's primary_color (#1d3f72) and accent_color (#c2185b), from main.html's <style>.
    page.goto("about/")
    header = page.evaluate("getComputedStyle(document.querySelector('.md-header')).backgroundColor")
    assert header == "rgb(29, 63, 114)"
    accent = page.evaluate(
        "getComputedStyle(document.body).getPropertyValue('--md-accent-fg-color').trim()"
    )
    assert accent == "#c2185b"


def test_the_palette_toggle_switches_to_dark_and_is_remembered(page: Page) -> None:
    page.goto("")
    expect(page.locator("body")).to_have_attribute("data-md-color-scheme", "default")
    page.locator("label[title='Switch to dark mode']:visible").click()
    expect(page.locator("body")).to_have_attribute("data-md-color-scheme", "slate")
    page.goto("archive/")
    expect(page.locator("body")).to_have_attribute("data-md-color-scheme", "slate")


def test_the_header_icons_drawn_from_the_sprite_show(page: Page) -> None:
    # The search and palette icons are <use> of assets/journal/icons.svg: a broken
    # reference, or a sprite the browser does not load, draws nothing.
    page.goto("keywords/")
    page.wait_for_load_state("load")
    sizes = page.evaluate(
        "[...document.querySelectorAll('.md-header svg > use')]"
        ".filter(u => u.closest('label').checkVisibility())"
        ".map(u => { const b = u.getBBox(); return [b.width, b.height]; })"
    )
    assert len(sizes) >= 2  # the search button and the visible palette toggle
    for width, height in sizes:
        assert width > 0 and height > 0


def test_every_orcid_link_on_an_abstract_shows_the_orcid_icon(page: Page, sample_site: Any) -> None:
    # The icon is drawn once per page and shown with <use>: a broken reference draws nothing.
    slugs = sorted(p.parent.name for p in (sample_site.site / "abstracts").glob("*/index.html"))
    pages = [s for s in slugs if "journal-orcid" in _soup(sample_site, f"abstracts/{s}/").decode()]
    assert pages
    page.goto(f"abstracts/{pages[0]}/")
    sizes = page.evaluate(
        "[...document.querySelectorAll('.journal-author a.journal-orcid')].map(a => {"
        " const box = a.querySelector('use').getBBox(), shown = a.getBoundingClientRect();"
        " return [box.width, box.height, shown.width, shown.height,"
        " a.getAttribute('aria-label')]; })"
    )
    assert sizes
    for width, height, shown_width, shown_height, label in sizes:
        assert width > 0 and height > 0 and shown_width > 5 and shown_height > 5
        assert label.startswith("ORCID iD of ")
