"""Material's `autocomplete` on checkboxes is dropped from every written page (#16)."""

from __future__ import annotations

from bs4 import BeautifulSoup

from conftest import Build, journal_pages
from journal.markup_fixes import fix_theme_markup


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
