"""The editorial board (board.yml → /board/, JSON-LD `editor`) of the sample journal (#16)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import yaml

from conftest import ROOT, Build
from journal.board import check_board, resolve_board
from journal.loading import load_data
from journal.model import Author


def _text(node: object) -> str:
    return " ".join(node.get_text(" ").split()) if node is not None else ""  # type: ignore[attr-defined]


def test_the_board_page_lists_every_person_under_their_role(sample_site: Build) -> None:
    page = sample_site.html("board/")
    assert _text(page.h1) == "Editorial board"
    roles = {
        _text(section.h2): [_text(n) for n in section.select(".journal-board__name")]
        for section in page.select(".journal-board__role")
    }
    written = yaml.safe_load((ROOT / "board.yml").read_text(encoding="utf-8"))
    assert list(roles) == [item["role"] for item in written]  # the file's roles, in ROLES order
    assert roles["Editor-in-chief"] == ["Eleanor Ashworth"]
    assert "Ingrid Halvorsen" in roles["Associate editors"]
    assert sum(len(names) for names in roles.values()) == sum(len(i["people"]) for i in written)


def test_a_board_member_with_an_author_file_links_to_it_and_shows_its_affiliation(
    sample_site: Build,
) -> None:
    page = sample_site.html("board/")
    person = next(
        li
        for li in page.select(".journal-board__person")
        if _text(li.select_one(".journal-board__name")) == "Amira Haddad"
    )
    assert person.select_one(".journal-board__name a")["href"] == "../authors/amira-haddad/"
    assert _text(person.select_one(".journal-board__section")) == "Oncological imaging"
    assert "American University of Beirut" in _text(person)
    inline = next(
        li for li in page.select(".journal-board__person") if "Ingrid Halvorsen" in _text(li)
    )
    assert inline.select_one(".journal-board__name a") is None  # no author page to link
    assert inline.select_one("a.journal-orcid")["href"] == "https://orcid.org/0000-0002-1825-0097"


def test_the_home_pages_json_ld_names_the_board_as_editor(sample_site: Build) -> None:
    page = sample_site.html("")
    graphs = [json.loads(s.string) for s in page.select('script[type="application/ld+json"]')]
    periodical = next(g for g in graphs if g.get("@type") == "Periodical")
    editors = {e["name"]: e for e in periodical["editor"]}
    assert "Eleanor Ashworth" in editors and "Kwame Mensah" in editors
    assert editors["Ingrid Halvorsen"]["sameAs"] == "https://orcid.org/0000-0002-1825-0097"
    assert editors["Ingrid Halvorsen"]["affiliation"][0]["identifier"] == (
        "https://ror.org/00j9c2840"
    )


def test_roles_come_in_the_journals_order_whatever_the_file_order(tmp_path: Path) -> None:
    (tmp_path / "board.yml").write_text(
        "- role: Editorial board\n  people:\n    - name: B\n"
        "- role: Editor-in-chief\n  people:\n    - id: a\n",
        encoding="utf-8",
    )
    entry = load_data(tmp_path, tmp_path / "board.yml", "board")
    assert not isinstance(entry, Exception)
    parsed, problems = check_board(entry)
    assert problems == []
    roles, problems = resolve_board(parsed, {"a": Author(id="a", name="A", bio="", source="")})
    assert problems == []
    assert [(r.role, [m.name for m in r.members]) for r in roles] == [
        ("Editor-in-chief", ["A"]),
        ("Editorial board", ["B"]),
    ]


@pytest.mark.parametrize(
    ("written", "meant"),
    [
        ("Chief editor", "Editor-in-chief"),  # the words, in another order
        ("EDITOR-IN-CHIEF", "Editor-in-chief"),  # another case
        ("Editor in Chief", "Editor-in-chief"),
        ("Associate Editor", "Associate editors"),  # singular
        ("Section editor", "Section editors"),
        ("Board", "Editorial board"),
        ("Advisory board", "Editorial board"),
    ],
)
def test_an_unknown_role_is_told_the_closest_role_and_every_role(
    tmp_path: Path, written: str, meant: str
) -> None:
    (tmp_path / "board.yml").write_text(
        f"- role: {written}\n  people:\n    - name: B\n", encoding="utf-8"
    )
    entry = load_data(tmp_path, tmp_path / "board.yml", "board")
    assert not isinstance(entry, Exception)
    _, problems = check_board(entry)
    assert [(p.line, p.field, p.message) for p in problems] == [
        (
            1,
            "board[1].role",
            f'"{written}" is not a role of the editorial board. Did you mean "{meant}"? '
            'Use one of: "Editor-in-chief", "Associate editors", "Section editors", '
            '"Editorial board".',
        )
    ]


def test_a_role_like_none_is_told_every_role(tmp_path: Path) -> None:
    (tmp_path / "board.yml").write_text("- role: Reviewers\n  people:\n    - name: B\n")
    entry = load_data(tmp_path, tmp_path / "board.yml", "board")
    assert not isinstance(entry, Exception)
    _, problems = check_board(entry)
    assert [p.message for p in problems] == [
        '"Reviewers" is not a role of the editorial board. Use one of: "Editor-in-chief", '
        '"Associate editors", "Section editors", "Editorial board".'
    ]
