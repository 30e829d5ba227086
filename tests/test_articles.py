"""/articles/ (every published item by year, with its filter's choices), /abstracts/ and the
archive's covers and counts, in the built sample journal (#16)."""

from __future__ import annotations

import frontmatter

from conftest import ROOT, Build


def _text(node: object) -> str:
    return " ".join(node.get_text(" ").split()) if node is not None else ""  # type: ignore[attr-defined]


def _published() -> list[dict[str, object]]:
    metas = [frontmatter.load(str(p)).metadata for p in sorted((ROOT / "abstracts").rglob("*.md"))]
    return [m for m in metas if not m.get("draft")]


def test_articles_lists_every_published_item_newest_year_first(sample_site: Build) -> None:
    page = sample_site.html("articles/")
    years = [_text(h) for h in page.select(".journal-articles__year > h2")]
    assert years == sorted({str(m["year"]) for m in _published()}, reverse=True)
    titles = [_text(a) for a in page.select(".journal-articles__year .journal-toc__title")]
    assert sorted(titles) == sorted(str(m["title"]) for m in _published())
    for section in page.select(".journal-articles__year"):
        year = _text(section.h2)
        for meta in section.select("ol.journal-toc > li > span:last-child"):
            assert f"J Clin Exp Oncol {year}," in _text(meta)


def test_the_filter_offers_every_type_and_keyword_and_items_carry_them(
    sample_site: Build,
) -> None:
    page = sample_site.html("articles/")
    form = page.select_one("div.journal-filter")
    assert form.has_attr("hidden")  # shown by articles.js; without it the whole list shows
    types = {o["value"] for o in form.select("#filter-type option") if o["value"]}
    assert types == {str(m["type"]) for m in _published()}
    keywords = {o["value"] for o in form.select("#filter-keyword option") if o["value"]}
    items = page.select(".journal-articles__year li")
    assert {i["data-type"] for i in items} == types
    assert {k for i in items for k in i["data-keywords"].split()} == keywords
    assert page.select_one('label[for="filter-type"]') and page.select_one(
        'label[for="filter-keyword"]'
    )


def test_abstracts_shows_the_same_list_with_articles_as_canonical(sample_site: Build) -> None:
    page = sample_site.html("abstracts/")
    articles = sample_site.html("articles/")
    titles = [_text(a) for a in page.select(".journal-articles__year .journal-toc__title")]
    assert titles and titles == [
        _text(a) for a in articles.select(".journal-articles__year .journal-toc__title")
    ]
    canonical = "https://jceo.example.org/articles/"
    assert page.select_one("link[rel=canonical]")["href"] == canonical
    assert articles.select_one("link[rel=canonical]")["href"] == canonical


def test_the_archive_shows_each_issues_cover_date_and_counts_by_type(sample_site: Build) -> None:
    page = sample_site.html("archive/")
    issues = {
        _text(li.select_one(".journal-archive__text > a")): li
        for li in page.select(".journal-archive__issue")
    }
    special = issues["Volume 6, Issue 3 (2017)"]
    assert special.select_one("img.journal-archive__cover")["src"] == "../assets/covers/6-3.svg"
    assert (sample_site.site / "assets" / "covers" / "6-3.svg").is_file()
    count = _text(special.select_one(".journal-archive__count"))
    assert count == "30 June 2017 · 5 conference abstracts"
    assert "3 articles: 1 editorial, 1 research article, 1 case report" in _text(
        issues["Volume 7, Issue 1 (2018)"]
    )
