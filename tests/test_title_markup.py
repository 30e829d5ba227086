"""Titles with inline markup (*italic*, **bold**, ~sub~, ^sup^): each output prints them its own
way, read back with an independent parser; other Markdown and other fields stay literal text.

The build adds tests/fixtures/marked-title/ to the fixture journal: an abstract titled
"Survival of *Escherichia coli* in H~2~O at 10^6^ cells per mL: **a** <b>test</b>", with a
keyword and an author whose names hold the same markers.
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path
from typing import Any

import pytest
import rispy
from bs4 import BeautifulSoup, Tag
from hypothesis import given, settings
from hypothesis import strategies as st
from lxml import etree
from pybtex.database import parse_file
from pypdf import PdfReader

from conftest import FIXTURES, Build, copy_project, run_mkdocs_build, search_documents
from journal import title_markup
from official_schemas import crossref_errors, doaj_errors, jats_errors

SLUG = "coli-in-water"
PLAIN = "Survival of Escherichia coli in H2O at 106 cells per mL: a <b>test</b>"
JATS = "http://www.w3.org/1999/xlink"
CR = "{http://www.crossref.org/schema/5.4.0}"
AUTHOR = "Sam *Star* ~Tilde~"
KEYWORD = "H~2~O *quality*"


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    project = copy_project(FIXTURES / "journal", tmp_path_factory.mktemp("titles") / "journal")
    shutil.copytree(FIXTURES / "marked-title", project, dirs_exist_ok=True)
    build: Build = run_mkdocs_build(project, project / "site")  # --strict
    assert build.returncode == 0, build.output
    return build.site


def _page(site: Path, path: str) -> BeautifulSoup:
    return BeautifulSoup((site / path / "index.html").read_text("utf-8"), "html.parser")


def _marked(element: Tag) -> list[tuple[str, str]]:
    """The title's markup as (tag, text) pairs, and its whole text."""
    return [(child.name, child.get_text()) for child in element.find_all(True)]


MARKS = [("i", "Escherichia coli"), ("sub", "2"), ("sup", "6"), ("b", "a")]


@pytest.mark.parametrize(
    ("title", "expected"),
    [
        ("*Homo sapiens*", "<i>Homo sapiens</i>"),
        ("_Homo_ and __bold__", "<i>Homo</i> and <b>bold</b>"),
        ("H~2~O and x^2^", "H<sub>2</sub>O and x<sup>2</sup>"),
        ("*a ~b~* **^c^**", "<i>a <sub>b</sub></i> <b><sup>c</sup></b>"),
        ("snake_case_name and CO_2_", "snake_case_name and CO_2_"),  # betterem: not intraword
        (r"a \*star\* and 2 \~ 3", "a *star* and 2 ~ 3"),
        (
            "[a link](https://x.org) ![img](a.png) `code`",
            "[a link](https://x.org) ![img](a.png) `code`",
        ),
        (
            "<b>HTML</b> & <https://x.org> &eacute;",
            "&lt;b&gt;HTML&lt;/b&gt; &amp; &lt;https://x.org&gt; &amp;eacute;",
        ),
        ("1. Not a list", "1. Not a list"),
        ("# Not a heading", "# Not a heading"),
        ("> Not a quote *but italic*", "&gt; Not a quote <i>but italic</i>"),
        ('<script>alert("x")</script>', "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;"),
        ("The ~50 kDa band in ~30% of cases", "The ~50 kDa band in ~30% of cases"),
        ("Ca^2+^ and SO~4~^2-^", "Ca<sup>2+</sup> and SO<sub>4</sub><sup>2-</sup>"),
        ("x ~~y~~ ^^z^^", "x <sub>y</sub> <sup>z</sup>"),  # no strike-through, no underline
    ],
)
def test_only_the_four_inline_markups_are_markup(title: str, expected: str) -> None:
    assert title_markup.html(title) == expected
    assert title_markup.plain(title) == BeautifulSoup(expected, "html.parser").get_text()


@settings(max_examples=300, deadline=None)
@given(st.text(st.characters(blacklist_categories=("Cc", "Cs", "Zl", "Zp")), max_size=80))
def test_an_escaped_text_is_a_title_that_shows_it_as_it_is(text: str) -> None:
    text = " ".join(text.split())  # as validation leaves a title
    assert title_markup.parse(title_markup.escape(text)) == ((text,) if text else ())


def test_bibtex_and_typst_forms_of_a_title() -> None:
    title = "*E. coli* in H~2~O & 10^6^"
    assert title_markup.bibtex(title, lambda t: t.replace("&", r"\&")) == (
        r"\textit{E. coli} in H\textsubscript{2}O \& 10\textsuperscript{6}"
    )
    assert title_markup.markup_tree(title) == [
        {"t": "em", "c": ["E. coli"]},
        " in H",
        {"t": "sub", "c": ["2"]},
        "O & 10",
        {"t": "sup", "c": ["6"]},
    ]


def test_pages_show_the_title_with_its_markup_and_the_browser_title_without(site: Path) -> None:
    page = _page(site, f"abstracts/{SLUG}")
    h1 = page.find("h1", class_="journal-article__title")
    assert isinstance(h1, Tag)
    assert _marked(h1) == MARKS and h1.get_text() == PLAIN
    assert page.title is not None and page.title.get_text().startswith(PLAIN + " · ")
    listings = {
        "issue": "issues/1/2",
        "home (the current issue)": "",
        "articles": "articles",
        "abstracts": "abstracts",
        "author": "authors/star-name",
        "keyword": f"keywords/{_keyword_slug(site)}",
        "previous article's pager": "abstracts/conference-talk",
    }
    for what, path in listings.items():
        links = [a for a in _page(site, path).find_all("a") if "Escherichia" in a.get_text()]
        assert links, what
        assert any(_marked(a) == MARKS for a in links), (what, [str(a) for a in links])
    assert "*Escherichia" not in (site / "issues/1/2/index.html").read_text("utf-8")


def _keyword_slug(site: Path) -> str:
    page = _page(site, "keywords")
    (link,) = [a for a in page.find_all("a") if a.get_text().strip() == KEYWORD]
    href = str(link["href"])
    return href.rstrip("/").rsplit("/", 1)[-1]


def test_other_fields_keep_their_markers_as_text(site: Path) -> None:
    page = _page(site, f"abstracts/{SLUG}")
    authors = page.find(class_="journal-article__authors") or page
    assert AUTHOR in authors.get_text()
    assert any(a.get_text().strip() == KEYWORD for a in page.find_all("a"))
    jats = etree.parse(str(site / f"abstracts/{SLUG}/{SLUG}.jats.xml"))
    assert jats.findtext(".//kwd") == KEYWORD
    assert [n.text for n in jats.iterfind(".//contrib/name/surname")][-1] == "~Tilde~"
    for element in jats.iterfind(".//contrib"):
        assert not element.findall(".//italic") and not element.findall(".//sub")


def test_meta_tags_and_json_ld_have_the_plain_title(site: Path) -> None:
    page = _page(site, f"abstracts/{SLUG}")
    metas = {m.get("name") or m.get("property"): m.get("content") for m in page.find_all("meta")}
    for name in ("citation_title", "DC.title", "og:title"):
        assert metas[name] == PLAIN, name
    scripts = [
        json.loads(s.get_text()) for s in page.find_all("script", type="application/ld+json")
    ]
    (article,) = [s for s in scripts if s.get("@id", "").endswith(f"/abstracts/{SLUG}/")]
    assert article["headline"] == PLAIN == article["name"]


def test_search_shows_the_title_with_its_markup_and_nothing_else(site: Path) -> None:
    documents = search_documents(site)
    (entry,) = [d for d in documents if d["location"] == f"abstracts/{SLUG}/"]
    title = BeautifulSoup(entry["title"], "html.parser")
    assert _marked(title) == MARKS
    assert title.get_text() == PLAIN  # the literal <b>test</b> is text, escaped
    assert AUTHOR in entry["authors"] and KEYWORD in entry["tags"]


def test_jats_article_title_has_italic_sub_sup_bold_and_validates(site: Path) -> None:
    path = site / f"abstracts/{SLUG}/{SLUG}.jats.xml"
    assert jats_errors(path) == []
    title = etree.parse(str(path)).find(".//article-meta/title-group/article-title")
    assert title is not None
    assert [(c.tag, c.text) for c in title] == [
        ("italic", "Escherichia coli"),
        ("sub", "2"),
        ("sup", "6"),
        ("bold", "a"),
    ]
    assert "".join(title.itertext()) == PLAIN


def test_crossref_title_has_face_markup_and_validates(site: Path) -> None:
    path = site / "issues/1/2/crossref.xml"
    assert crossref_errors(path) == []
    titles = [
        t
        for t in etree.parse(str(path)).iter(f"{CR}title")
        if "Escherichia" in "".join(t.itertext())
    ]
    (title,) = titles
    assert [(c.tag.removeprefix(CR), c.text) for c in title] == [
        ("i", "Escherichia coli"),
        ("sub", "2"),
        ("sup", "6"),
        ("b", "a"),
    ]
    assert "".join(title.itertext()) == PLAIN


def test_bibtex_title_uses_latex_commands(site: Path) -> None:
    data = parse_file(str(site / f"abstracts/{SLUG}/{SLUG}.bib"), bib_format="bibtex")
    (entry,) = data.entries.values()
    assert entry.fields["title"] == (
        r"{Survival of \textit{Escherichia coli} in H\textsubscript{2}O at "
        r"10\textsuperscript{6} cells per mL: \textbf{a} <b>test</b>}"
    )
    # The author's name as typed: no \\textit, the tildes escaped as the characters they are.
    assert str(entry.persons["author"][1]) == (
        r"\textasciitilde{}Tilde\textasciitilde{}, Sam *Star*"
    )


def test_ris_csl_doaj_and_feed_have_the_plain_title(site: Path) -> None:
    (ris,) = rispy.loads((site / f"abstracts/{SLUG}/{SLUG}.ris").read_text("utf-8"))
    assert ris["title"] == PLAIN
    (csl,) = json.loads((site / f"abstracts/{SLUG}/{SLUG}.json").read_text("utf-8"))
    assert csl["title"] == PLAIN
    doaj = etree.parse(str(site / "issues/1/2/doaj.xml"))
    assert doaj_errors(site / "issues/1/2/doaj.xml") == []
    assert PLAIN in [t.text for t in doaj.iterfind(".//title")]
    feed = etree.parse(str(site / "feed.xml"))
    assert PLAIN in [t.text for t in feed.iterfind(".//{http://www.w3.org/2005/Atom}title")]


def _runs(reader: PdfReader) -> list[tuple[str, str, float]]:
    """The first page's text runs: (text, font's BaseFont, x where the run starts)."""
    runs: list[tuple[str, str, float]] = []

    def visit(text: str, cm: Any, tm: Any, font: Any, size: float) -> None:
        if text.strip():
            runs.append((text, str(font.get("/BaseFont", "")) if font else "", cm[4] + tm[4]))

    reader.pages[0].extract_text(visitor_text=visit)
    return runs


def test_pdf_galley_and_book_print_the_title_in_italic_with_sub_and_superscripts(
    site: Path,
) -> None:
    reader = PdfReader(site / f"abstracts/{SLUG}/{SLUG}.pdf")
    assert reader.metadata is not None and reader.metadata.title == PLAIN
    runs = _runs(reader)
    texts = [text for text, _, _ in runs]
    start = texts.index("Survival of ")
    title = runs[start : start + 8]
    assert [text for text, _, _ in title] == [
        "Survival of ",
        "Escherichia coli",
        " in H",
        "2",
        "O at 10",
        "6",
        " cells per mL: ",
        "a",
    ]
    assert "Italic" in title[1][1] and "Italic" not in title[0][1] + title[2][1]
    size = 15.0  # the title's size in the template: a full-size digit is 0.56 em wide
    for index in (3, 5):  # the subscript 2 and the superscript 6: the font's smaller glyphs
        width = title[index + 1][2] - title[index][2]
        assert 0 < width < 0.45 * size, (title[index], width)
    book = PdfReader(site / "issues/1/2/book.pdf")
    pages = [" ".join(page.extract_text().split()) for page in book.pages]
    assert any("Survival of Escherichia coli in H2O" in page for page in pages)
