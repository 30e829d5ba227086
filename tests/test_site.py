"""The sample and fixture journals, built with the real `mkdocs build --strict`."""

from __future__ import annotations

import json
import re
from pathlib import Path

import frontmatter
import pytest
from bs4 import BeautifulSoup

from conftest import ROOT, Build, journal_pages, run_mkdocs_build, search_documents, search_postings
from journal.search_index import STOP_WORDS, TEASER_CHARACTERS

EMAIL = re.compile(r"[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)+")


def _text(node: BeautifulSoup | None) -> str:
    assert node is not None
    return " ".join(node.get_text(" ").split())


def _sample_abstracts() -> list[tuple[str, dict]]:
    return [
        (p.stem, frontmatter.load(p).metadata) for p in sorted((ROOT / "abstracts").rglob("*.md"))
    ]


def _author(author_id: str) -> dict:
    return frontmatter.load(ROOT / "authors" / f"{author_id}.md").metadata


def _ids(meta: dict) -> list[str]:
    return [a if isinstance(a, str) else a["id"] for a in meta["authors"]]


def test_the_sample_builds_strict_without_any_warning(sample_site: Build) -> None:
    assert "WARNING" not in sample_site.output
    assert "ERROR" not in sample_site.output


@pytest.mark.parametrize(("slug", "meta"), _sample_abstracts(), ids=lambda v: str(v)[:40])
def test_every_abstract_page_shows_its_article_data(
    sample_site: Build, slug: str, meta: dict
) -> None:
    page = sample_site.html(f"abstracts/{slug}/")
    assert _text(page.select_one("h1")) == meta["title"]
    names = page.select(".journal-article__authors .journal-author > a:first-child")
    authors = [_text(a) for a in names]
    assert authors == [_author(i)["name"] for i in _ids(meta)]
    affiliations = _text(page.select_one(".journal-article__affiliations"))
    for item in meta["authors"]:
        own = item.get("affiliations") if isinstance(item, dict) else None
        for affiliation in own or _author(_ids({"authors": [item]})[0]).get("affiliations", []):
            assert affiliation["name"] in affiliations
    assert "ISSN: 2324-9110" in _text(page.select_one(".journal-banner"))
    assert f"J Clin Exp Oncol {meta['year']}, {meta['volume']}:{meta['issue']}" in _text(
        page.select_one(".journal-article__issue")
    )
    doi_links = [a["href"] for a in page.select("a.journal-doi")]
    assert doi_links == ([f"https://doi.org/{meta['doi']}"] if "doi" in meta else [])
    bios = [_text(h) for h in page.select(".journal-article__bios h3")]
    assert bios == [_author(i)["name"] for i in _ids(meta)]
    assert page.select_one(".journal-article__abstract p") is not None


def test_the_model_page_abstract_matches_the_model(sample_site: Build) -> None:
    page = sample_site.html("abstracts/extramedullary-hematopoiesis-liver-thalassemia-major/")
    assert _text(page.h1) == (
        "Extra-medullary hematopoiesis of the liver in a patient with Thalassemia major"
    )
    assert "Moosa Tahmouresi" in _text(page.select_one(".journal-article__authors"))
    assert "Iran University of Medical Sciences, Iran" in _text(
        page.select_one(".journal-article__affiliations")
    )
    bio = _text(page.select_one(".journal-article__bios"))
    assert "Islamic Azad University" in bio and "Kerman" in bio
    assert page.select_one("button.journal-email[data-email]") is not None


def test_each_issue_page_lists_exactly_its_abstracts(sample_site: Build) -> None:
    by_issue: dict[tuple[int, int], set[str]] = {}
    for slug, meta in _sample_abstracts():
        by_issue.setdefault((meta["volume"], meta["issue"]), set()).add(slug)
    assert len(by_issue) >= 3
    for (volume, number), slugs in by_issue.items():
        page = sample_site.html(f"issues/{volume}/{number}/")
        links = [a["href"] for a in page.select("a.journal-toc__title")]
        listed = [href.strip("/").split("/")[-1] for href in links]
        assert sorted(listed) == sorted(slugs)
        assert len(listed) == len(set(listed))


def test_issue_pages_group_by_type_and_order_by_page(fixture_site: Build) -> None:
    page = fixture_site.html("issues/1/1/")
    headings = [_text(h) for h in page.select(".journal-toc__heading")]
    assert headings == ["Research Articles", "Case Reports"]
    assert [_text(p) for p in page.select(".journal-toc__pages")] == ["pp. 1–4", "pp. 5–6"]


def test_author_pages_list_their_abstracts(sample_site: Build) -> None:
    by_author: dict[str, set[str]] = {}
    for slug, meta in _sample_abstracts():
        for author_id in _ids(meta):
            by_author.setdefault(author_id, set()).add(slug)
    for author_id, slugs in by_author.items():
        page = sample_site.html(f"authors/{author_id}/")
        listed = {
            a["href"].strip("/").split("/")[-1]
            for a in page.select(".journal-person__abstracts a.journal-toc__title")
        }
        assert listed == slugs
        assert _text(page.h1).startswith(_author(author_id)["name"])


def test_the_author_index_links_every_author_under_their_letter(sample_site: Build) -> None:
    page = sample_site.html("authors/")
    names = {_text(a) for a in page.select(".journal-az__list a")}
    files = sorted((ROOT / "authors").glob("*.md"))
    assert names == {frontmatter.load(p)["name"] for p in files}
    z_group = page.find(id="letter-L")
    assert z_group is not None and "Łukasiewicz" in _text(z_group.parent)


def test_the_archive_lists_every_issue_newest_first(sample_site: Build) -> None:
    page = sample_site.html("archive/")
    labels = [_text(a) for a in page.select(".journal-archive__text > a")]
    assert labels == [
        "Volume 7, Issue 1 (2018)",
        "Volume 6, Issue 4 (2017)",
        "Volume 6, Issue 3 (2017)",
    ]
    volumes = [_text(h) for h in page.select(".journal-archive__volume h2")]
    assert volumes == ["Volume 7 (2018)", "Volume 6 (2017)"]
    counts = [_text(c).split(" · ")[1] for c in page.select(".journal-archive__count")]
    assert counts == [
        "3 articles: 1 editorial, 1 research article, 1 case report",
        "4 articles: 2 research articles, 1 review, 1 case report",
        "5 conference abstracts",
    ]
    browse = page.select_one(".journal-archive__browse")
    assert browse is not None and browse.find("a", string="author")["href"] == "../authors/"


def test_the_home_page_shows_the_current_issue_and_the_links(sample_site: Build) -> None:
    page = sample_site.html("")
    assert "Volume 7, Issue 1" in _text(page.select_one("#current-issue"))
    # The drawer (.md-nav) repeats the menu for phones; elsewhere each link shows once.
    hrefs = [a.get("href") for a in page.select("a") if not a.find_parent(class_="md-nav")]
    assert hrefs.count("submit/") == 1  # the menu's
    assert hrefs.count("https://submit.example.org/jceo/track/") == 1  # the footer's
    assert len(page.select(".journal-home__current .journal-toc__title")) == 3
    assert len(page.select(".journal-partners")) == 1  # the strip, not a second list


def test_the_footer_names_publisher_issn_licence_and_contact_not_the_generator(
    sample_site: Build,
) -> None:
    footer = sample_site.html("archive/").select_one("footer")
    text = _text(footer)
    assert "Sample Scientific Publishing" in text and "ISSN: 2324-9110" in text
    assert footer.select_one("a[rel=license]")["href"] == (
        "https://creativecommons.org/licenses/by/4.0/"
    )
    assert footer.select_one("button.journal-email")["data-email"]
    assert "Material" not in text and "MkDocs" not in text


def test_the_favicon_is_the_journals_logo(sample_site: Build) -> None:
    for url in ("", "archive/", "abstracts/extramedullary-hematopoiesis-liver-thalassemia-major/"):
        icons = sample_site.html(url).select("link[rel=icon]")
        assert [i["href"].rsplit("/", 2)[-2:] for i in icons] == [["assets", "journal-logo.svg"]]


def test_the_corresponding_author_line_has_no_dangling_comma(sample_site: Build) -> None:
    page = sample_site.html("abstracts/extramedullary-hematopoiesis-liver-thalassemia-major/")
    line = _text(page.select_one(".journal-article__contact"))
    assert "," not in line.replace("Show e-mail address", ""), line


def test_generated_pages_go_without_the_one_link_sidebar(sample_site: Build) -> None:
    for url in ("", "archive/", "authors/", "keywords/", "issues/7/1/", "about/"):
        sidebar = sample_site.html(url).select_one(".md-sidebar--primary")
        assert sidebar is not None and sidebar.has_attr("hidden"), url
    abstract = sample_site.html("abstracts/extramedullary-hematopoiesis-liver-thalassemia-major/")
    assert not abstract.select_one(".md-sidebar--secondary").has_attr("hidden")


def test_every_page_has_banner_nav_and_partner_strip(sample_site: Build) -> None:
    pages = journal_pages(sample_site.site, "index.html")
    assert len(pages) > 30
    for path in pages:
        page = BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")
        assert "ISSN: 2324-9110" in _text(page.select_one(".journal-banner")), path
        tabs = [_text(a) for a in page.select(".md-tabs__link")]
        assert tabs[:7] == [
            "Current issue",
            "Archive",
            "Articles",
            "Authors",
            "Editorial board",
            "About",
            "Submit",
        ], path
        assert len(page.select("header .journal-banner__title")) == 1, path
        assert len(page.select(".journal-partners__list li")) == 3, path


def test_the_media_partner_page_shows_every_partner(sample_site: Build) -> None:
    page = sample_site.html("media-partners/")
    cards = page.select(".journal-partner-card")
    assert len(cards) == 3
    for card in cards:
        assert (
            card.img is not None
            and (sample_site.site / "media-partners" / card.img["src"]).resolve().is_file()
        )


def test_no_email_address_appears_in_plain_text_anywhere(sample_site: Build) -> None:
    found = []
    for path in sample_site.site.rglob("*"):
        if path.is_file() and path.suffix in (".html", ".json", ".xml", ".txt", ".js"):
            text = path.read_text(encoding="utf-8", errors="replace")
            found += [(path.name, m) for m in EMAIL.findall(text) if "example." in m]
    assert found == []


def test_search_index_has_abstracts_with_authors_and_no_listing_pages(sample_site: Build) -> None:
    docs = search_documents(sample_site.site)
    locations = {d["location"].split("#")[0] for d in docs}
    for slug, meta in _sample_abstracts():
        entries = [d for d in docs if d["location"] == f"abstracts/{slug}/"]
        assert len(entries) == 1
        assert entries[0]["title"] == meta["title"].replace("&", "&amp;")
        for author_id in _ids(meta):
            assert _author(author_id)["name"] in entries[0]["authors"]  # shown apart from keywords
        for keyword in meta["keywords"]:
            assert keyword in entries[0]["tags"]
    listings = {"archive/", "authors/", "media-partners/"}
    assert not locations & listings
    assert not any(loc.startswith("issues/") for loc in locations)


def test_every_word_of_an_abstracts_body_is_searchable_from_its_shard(
    sample_site: Build,
) -> None:
    search = sample_site.site / "search"
    index = json.loads((search / "search_index.json").read_text("utf-8"))
    documents = search_documents(sample_site.site)
    locations = [d["location"] for d in documents]
    for slug, _ in _sample_abstracts()[:3]:
        post = frontmatter.load(next((ROOT / "abstracts").rglob(f"{slug}.md")))
        doc = locations.index(f"abstracts/{slug}/")
        # The search result shows a teaser: the page's whole text is not downloaded.
        teaser = BeautifulSoup(documents[doc]["text"], "html.parser").get_text()
        assert len(teaser) < len(post.content) and len(teaser) <= TEASER_CHARACTERS + 1
        words = {w for w in re.findall(r"[a-z]{4,}", post.content.lower()) if w not in STOP_WORDS}
        assert words
        for word in words:
            key = word[:2].encode().hex()
            assert key in index["config"]["journal"]["shards"], word
            assert doc in search_postings(sample_site.site, word), (slug, word)


def test_a_title_with_markup_characters_is_escaped(fixture_site: Build) -> None:
    page = fixture_site.html("abstracts/first-imaging-study/")
    assert _text(page.h1) == "Imaging <b>before</b> & after: a first study"
    assert page.h1.b is None
    raw = (fixture_site.site / "abstracts/first-imaging-study/index.html").read_text()
    assert "<b>before</b>" not in raw


def test_per_abstract_affiliations_override_the_authors_own(fixture_site: Build) -> None:
    page = fixture_site.html("abstracts/second-pathology-report/")
    affiliations = [_text(li) for li in page.select(".journal-article__affiliations li")]
    assert affiliations == [
        "1 Institute of Test Pathology, Taiwan",
        "2 Visiting Fellow, Institute of Test Pathology, Taiwan",
    ]
    marks = [_text(s) for s in page.select(".journal-author sup:not([title])")]
    assert marks == ["1", "2"]


def test_previous_and_next_follow_the_issue_order(fixture_site: Build) -> None:
    first = fixture_site.html("abstracts/first-imaging-study/")
    assert first.select_one(".journal-pager__previous") is None
    assert first.select_one(".journal-pager__next")["href"].endswith("second-pathology-report/")
    second = fixture_site.html("abstracts/second-pathology-report/")
    assert second.select_one(".journal-pager__previous")["href"].endswith("first-imaging-study/")


def _build_with(make_project, tmp_path: Path, name: str, text: str):
    build = run_mkdocs_build(make_project({name: text}), tmp_path / "site")
    assert build.returncode != 0
    assert "Traceback" not in build.output
    return build


def test_a_broken_abstract_fails_the_strict_build_with_its_message(
    make_project, tmp_path: Path
) -> None:
    build = _build_with(
        make_project,
        tmp_path,
        "abstracts/1/2/broken.md",
        "---\ntitle: Broken\nauthors: [nobody-here]\nvolume: 1\nissue: 2\nyear: 2020\n"
        "published: 2020-06-01\ntype: Case Reprot\n---\nText.\n",
    )
    assert (
        'abstracts/1/2/broken.md:8: type: "Case Reprot" is not a known value. '
        'Did you mean "Case Report"?'
    ) in build.output


def test_an_unknown_author_id_names_the_closest_match(make_project, tmp_path: Path) -> None:
    build = _build_with(
        make_project,
        tmp_path,
        "abstracts/1/2/typo.md",
        "---\ntitle: Typo\nauthors: [ana-lopes]\nvolume: 1\nissue: 2\nyear: 2020\n"
        "published: 2020-06-01\ntype: Review\n---\nText.\n",
    )
    assert (
        'abstracts/1/2/typo.md:3: authors[1]: "ana-lopes" is not an author id '
        '(no authors/ana-lopes.md). Did you mean "ana-lopez"?'
    ) in build.output


def test_bad_yaml_is_reported_with_its_line_not_swallowed(make_project, tmp_path: Path) -> None:
    build = _build_with(
        make_project,
        tmp_path,
        "abstracts/1/2/yaml.md",
        "---\ntitle: Oncology: a review\nauthors: [ana-lopez]\n---\nText.\n",
    )
    assert (
        "abstracts/1/2/yaml.md:2: front matter: the value of title contains a colon" in build.output
    )


def test_hand_written_pages_take_journal_facts_from_the_settings(sample_site) -> None:
    home = " ".join(sample_site.html("").get_text().split())
    assert "Journal of Clinical & Experimental Oncology (J Clin Exp Oncol, ISSN 2324-9110)" in home
    about = sample_site.html("about/")
    assert "{{" not in about.get_text()
    assert about.find("em").get_text() == "Journal of Clinical & Experimental Oncology"


def test_an_unknown_or_empty_placeholder_is_a_warning_at_its_line(
    make_project, tmp_path: Path
) -> None:
    build = _build_with(
        make_project,
        tmp_path,
        "docs/facts.md",
        "---\ntitle: Facts\n---\n# Facts\n\nISSN {{ journal.isn }}; {{ journal.publisher }}.\n",
    )
    assert "docs/facts.md:6: {{ journal.isn }}: {{ journal.isn }} is not a journal fact." in (
        build.output
    )


def test_the_editors_guide_is_not_on_the_public_site(sample_site: Build) -> None:
    assert (ROOT / "guides/editing.md").is_file()
    assert not (sample_site.site / "editing-guide").exists()
    home = sample_site.html("")
    assert not [a for a in home.find_all("a") if "guide" in a.get_text().lower()]
    search = json.dumps(search_documents(sample_site.site), ensure_ascii=False)
    assert "journal new abstract" not in search
