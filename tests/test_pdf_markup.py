"""An abstract's Markdown becomes a markup tree of plain strings for the Typst template."""

from __future__ import annotations

from pathlib import Path

import pytest

from journal.pdf import fonts
from journal.pdf.fonts import Coverage
from journal.pdf.markup import is_right_to_left, markup_for


def test_emphasis_scripts_lists_tables_and_headings_become_nodes():
    nodes = markup_for(
        "## Methods\n\nWe gave *some* **patients** H~2~O and x^2^.\n\n"
        "1. first\n2. second\n\n- one\n- two\n\n| a | b |\n|---|---|\n| 1 | 2 |\n"
    )
    assert [n["t"] for n in nodes] == ["heading", "p", "ol", "ul", "table"]
    paragraph = nodes[1]["c"]
    assert {"t": "em", "c": ["some"]} in paragraph
    assert {"t": "strong", "c": ["patients"]} in paragraph
    assert {"t": "sub", "c": ["2"]} in paragraph
    assert {"t": "sup", "c": ["2"]} in paragraph
    assert [item["c"] for item in nodes[2]["c"]] == [["first"], ["second"]]
    assert nodes[4]["columns"] == 2
    assert [(c["c"], c["header"]) for c in nodes[4]["cells"]] == [
        (["a"], True),
        (["b"], True),
        (["1"], False),
        (["2"], False),
    ]


def test_typst_markup_and_html_stay_text_and_unsafe_links_lose_their_address():
    nodes = markup_for(
        "Text #set page(width: 1cm) <script>alert(1)</script> [x](javascript:alert(1)) [y](https://e.org)"
    )
    paragraph = nodes[0]["c"]
    assert paragraph[0].startswith("Text #set page(width: 1cm)")
    assert "script" not in str(paragraph)
    assert {"t": "a", "href": "https://e.org", "c": ["y"]} in paragraph
    assert not any(
        isinstance(n, dict) and n.get("href", "").startswith("javascript") for n in paragraph
    )


def test_newlines_inside_a_paragraph_become_spaces():
    assert markup_for("one\ntwo") == [{"t": "p", "c": ["one two"]}]


def test_right_to_left_paragraphs_are_marked():
    assert is_right_to_left("سلام دنیا") and not is_right_to_left("Hello سلام")
    assert markup_for("سلام دنیا")[0]["rtl"] is True


def test_coverage_names_each_missing_character_once_with_its_script():
    coverage = Coverage.from_ranges([[0x20, 0x7E]])
    missing = coverage.missing("abc नन 😀\u200c")
    assert [m.describe() for m in missing] == [
        "U+0928 (DEVANAGARI LETTER NA) in script Devanagari",
        "U+1F600 (GRINNING FACE) in script Common",
    ]
    assert coverage.missing("plain ASCII text ~ {}") == []
    without_a = Coverage.from_ranges([[0x20, 0x60], [0x62, 0x7E]])  # no "a": ASCII is looked at
    assert [m.describe() for m in without_a.missing("abc")] == [
        "U+0061 (LATIN SMALL LETTER A) in script Latin"
    ]


def test_the_fonts_character_maps_are_read_once_and_kept_by_the_font_files_hash(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
):
    read = fonts.coverage.__wrapped__  # the uncached function: one call, one read of each
    first = read(tmp_path)
    kept = sorted((tmp_path / fonts.CMAP_FOLDER).iterdir())
    assert len(kept) == len(fonts.font_files())
    assert not first.missing("Zoë αβγ Дж عربی فارسی 中文 한국어")
    assert [m.script for m in first.missing("\u0dc3\u2d63")] == ["Sinhala", "Tifinagh"]

    def no_reading(*args: object, **kwargs: object) -> None:
        raise AssertionError("a font was read although its map is kept")

    monkeypatch.setattr(fonts, "TTFont", no_reading)
    assert read(tmp_path) == first
    kept[0].write_text('"damaged"', encoding="utf-8")  # a damaged entry is made again
    with pytest.raises(AssertionError, match="a font was read"):
        read(tmp_path)
    monkeypatch.undo()
    assert read(tmp_path) == first
