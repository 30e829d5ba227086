"""Unit tests of loading and validation details the broken-input fixtures do not show."""

from __future__ import annotations

import datetime
from pathlib import Path

import markdown
import pytest

from journal import schema, validation
from journal.fields import Checker, Invalid, parse_number
from journal.loading import RawEntry, load_entry, load_text, read_settings
from journal.problems import Problem, format_problem
from journal.sanitize import check_markup, sanitize_html
from journal.settings import SETTINGS_FIELDS, parse_language


def entry(text: str, path: str = "abstracts/1/1/x.md") -> RawEntry:
    loaded = load_text(path, text)
    assert isinstance(loaded, RawEntry), loaded
    return loaded


def test_a_bom_and_windows_line_endings_are_tolerated_and_the_body_line_is_kept(
    tmp_path: Path,
) -> None:
    (tmp_path / "x.md").write_bytes(b"\xef\xbb\xbf---\r\ntitle: A\r\n---\r\n\r\nBody\r\n")
    loaded = load_entry(tmp_path, tmp_path / "x.md")
    assert isinstance(loaded, RawEntry)
    assert (loaded.meta, loaded.body, loaded.body_line) == ({"title": "A"}, "Body\n", 5)


def test_tabs_newlines_and_right_to_left_text_are_fine() -> None:
    loaded = entry('---\ntitle: "اختبار\tנסיון"\n---\nمرحبا\u200f text\n')
    assert loaded.meta["title"] == "اختبار\tנסיון"


@pytest.mark.parametrize("char", ["\x00", "\x08", "\x0c", "\x7f", "\x85", "\u202d", "\u2066"])
def test_invisible_characters_are_refused_with_their_line(char: str) -> None:
    problem = load_text("a.md", f"---\ntitle: A\n---\nline 4\nline 5 {char}\n")
    assert isinstance(problem, Problem)
    assert (problem.line, problem.field) == (5, "file")
    assert f"U+{ord(char):04X}" in problem.message


def test_quoted_numbers_are_told_to_drop_the_quotes() -> None:
    checker = Checker(entry('---\nvolume: "7"\n---\nx\n'))
    with pytest.raises(Invalid, match=r'"7" is written as text\. Write the number without quotes'):
        parse_number(checker, "volume", "7")


def test_email_fields_may_hold_addresses_and_other_fields_may_not() -> None:
    author = entry(
        "---\nname: Ann\nemail: ann@example.org\naffiliations:\n  - name: Lab ann@example.org\n"
        "---\n",
        path="authors/ann.md",
    )
    _, problems = validation.check_author(author)
    assert [(p.field, p.line) for p in problems] == [("affiliations[1].name", 5)]


def test_mkdocs_env_tags_fall_back_to_their_default(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    config = tmp_path / "mkdocs.yml"
    config.write_text(
        "site_name: !ENV [SITE, x]\nextra:\n  journal:\n    title: !ENV [JT, Default]\n"
        "    publisher: !ENV UNSET_VARIABLE\n    hook: !!python/name:os.path\n",
        encoding="utf-8",
    )
    monkeypatch.delenv("JT", raising=False)
    monkeypatch.delenv("UNSET_VARIABLE", raising=False)
    values, problem = read_settings(config)
    assert problem is None
    assert values == {"title": "Default", "publisher": None, "hook": ""}


def test_problems_stay_on_one_line_whatever_a_value_holds() -> None:
    problem = Problem(path="a.md", line=1, field="ti\ntle", message='"a\r\nb" is wrong.')
    assert format_problem(problem) == 'a.md:1: ti tle: "a b" is wrong.'


def test_the_sanitiser_keeps_footnote_ids_and_drops_theme_ids() -> None:
    html = markdown.markdown("Text[^1]\n\n[^1]: Note.", extensions=["footnotes"])
    clean = sanitize_html(html + '<p id="__config">x</p><h2 id="methods">M</h2>')
    assert 'id="fn:1"' in clean and 'id="methods"' in clean
    assert "__config" not in clean


@pytest.mark.parametrize(
    "table",
    [
        validation.ABSTRACT_FIELDS,
        validation.AUTHOR_FIELDS,
        validation.ISSUE_FIELDS,
        validation.AFFILIATION_FIELDS,
        validation.AUTHOR_REF_FIELDS,
        validation.GROUP_REF_FIELDS,
        validation.UPDATE_FIELDS,
        validation.CONFERENCE_FIELDS,
        SETTINGS_FIELDS,
    ],
)
def test_every_field_parser_has_a_schema(table: dict[str, tuple[validation.Parser, bool]]) -> None:
    known = (
        validation.parse_affiliations,
        validation.parse_conference,
        validation.parse_author_refs,
    )
    for name, (parser, _) in table.items():
        if table is SETTINGS_FIELDS and parser not in schema._FRAGMENTS:
            continue  # settings are checked by `journal check`, not by an editor's schema
        assert schema.schema_for(parser) or parser in known, name


VALID_ABSTRACT = (
    "---\ntitle: A title\nauthors: [ana-lopez]\nvolume: 1\nissue: 1\nyear: 2020\n"
    "published: 2020-03-01\ntype: Research Article\n---\nThe text.\n"
)


@pytest.mark.parametrize("name", ["abc\n", "abc-\n", "ABC", "a b", "é", "x" * 121])
def test_a_file_name_that_is_no_slug_is_refused_even_with_a_final_newline(name: str) -> None:
    entry = load_text(f"abstracts/1/1/{name}.md", VALID_ABSTRACT)
    assert isinstance(entry, RawEntry)
    parsed, problems = validation.check_abstract(entry)
    assert parsed is None
    assert [p.field for p in problems] == ["file name"]


@pytest.mark.parametrize(
    ("key", "value"),
    [
        ("doi", '"10.５５５５/abc"'),
        ("pages", '"١٢-١٤"'),
    ],
)
def test_identifiers_are_ascii_and_matched_whole(key: str, value: str) -> None:
    text = VALID_ABSTRACT.replace("type:", f"{key}: {value}\ntype:")
    entry = load_text("abstracts/1/1/ok.md", text)
    assert isinstance(entry, RawEntry)
    _, problems = validation.check_abstract(entry)
    assert [p.field for p in problems] == [key]


@pytest.mark.parametrize(
    ("text", "line"),
    [
        ("emoji \U0001f600 then \ufffe", 5),  # an astral character before the refused one
        ("a plane-1 noncharacter \U0001fffe", 5),
        ("a tag character \U000e0041", 5),
        ("emoji \U0001f600 and \U00020000 only", None),
    ],
)
def test_characters_beyond_the_first_plane_are_judged_like_the_others(
    text: str, line: int | None
) -> None:
    loaded = load_text("a.md", f"---\ntitle: A\n---\nline 4\n{text}\n")
    if line is None:
        assert isinstance(loaded, RawEntry)
    else:
        assert isinstance(loaded, Problem) and loaded.line == line


def test_a_body_linking_elsewhere_is_fine_and_an_image_from_elsewhere_is_not() -> None:
    link = "See [doi:10.5555/x](https://doi.org/10.5555/x) and <https://example.org/>."
    assert check_markup(link) == []
    image = "A picture: ![chart](https://tracker.example.com/pixel.png)."
    assert "shows an image from another site" in check_markup(image)[0]


def test_front_matter_values_keep_their_yaml_types() -> None:
    loaded = entry(
        "---\ntitle: A\nvolume: 7\nratio: 0.5\nopen: yes\nnone: ~\npublished: 2017-06-20\n"
        "keywords: [a, b]\nconference: {name: C}\nbinary: !!binary aGk=\n---\nx\n"
    )
    assert loaded.meta == {
        "title": "A",
        "volume": 7,
        "ratio": 0.5,
        "open": True,
        "none": None,
        "published": datetime.date(2017, 6, 20),
        "keywords": ["a", "b"],
        "conference": {"name": "C"},
        "binary": b"hi",
    }


@pytest.mark.parametrize(("code", "ok"), [("en", True), ("fa", True), ("xx", False), ("qq", False)])
def test_the_journal_language_is_one_of_the_language_table(code: str, ok: bool) -> None:
    checker = Checker(RawEntry(path="mkdocs.yml", meta={}, body=""))
    if ok:
        assert parse_language(checker, "extra.journal.language", code) == code
    else:
        with pytest.raises(Invalid, match="ISO 639-1"):
            parse_language(checker, "extra.journal.language", code)
