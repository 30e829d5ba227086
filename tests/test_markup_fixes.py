"""Material's `autocomplete` on checkboxes is dropped from every written page (#16)."""

from __future__ import annotations

from bs4 import BeautifulSoup

from conftest import Build, journal_pages
from journal.markup_fixes import compact_whitespace, fix_theme_markup


def test_autocomplete_goes_from_checkboxes_only() -> None:
    html = (
        '<input class="md-toggle" data-md-toggle="drawer" type="checkbox" id="__drawer" '
        'autocomplete="off">\n<input type="text" name="query" autocomplete="off">'
        '<p>type="checkbox" autocomplete="off"</p>'
    )
    assert fix_theme_markup(html) == (
        '<input class="md-toggle" data-md-toggle="drawer" type="checkbox" id="__drawer">\n'
        '<input type="text" name="query" autocomplete="off">'
        '<p>type="checkbox" autocomplete="off"</p>'
    )


def test_no_built_page_has_a_checkbox_with_autocomplete(sample_site: Build) -> None:
    pages = journal_pages(sample_site.site, "*.html")
    assert len(pages) > 30
    for path in pages:
        soup = BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")
        assert soup.select("input#__drawer, input#__search"), path  # the toggles stay
        assert not soup.select("input[type=checkbox][autocomplete]"), path


def test_indentation_goes_and_what_keeps_its_spaces_stays() -> None:
    kept = (
        "<pre><code>a\n    b</code></pre>"
        "<textarea>x\n  y</textarea>"
        "<p>inline <code>c\n  d</code> and <kbd>k\n  l</kbd></p>"
        '<script type="application/ld+json">{\n  "a": 1\n}</script>'
        "<style>\n  p { color: red; }\n</style>"
        "<!-- a\n   comment -->"
        '<meta name="citation_abstract" content="Background\n\n  Text.">'
    )
    html = f"<ul>\n    <li>\n      One\n    </li>\n\n\n  </ul>\n   {kept}\n  <p>end</p>"
    assert compact_whitespace(html) == f"<ul>\n<li>\nOne\n</li>\n</ul>\n{kept}\n<p>end</p>"


def test_built_pages_have_no_indentation(sample_site: Build) -> None:
    # No line of a built page starts with indentation outside the elements that keep it.
    pages = journal_pages(sample_site.site, "*.html")
    assert len(pages) > 30
    for path in pages:
        html = path.read_text(encoding="utf-8")
        assert compact_whitespace(html) == html, path
