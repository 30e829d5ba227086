"""board.yml → the editorial board: roles, each with its people, by author id or written inline.

The file's own rules are checked here (like validation.py does for one file); `resolve_board`
then looks author ids up among the author files, reporting ids that name none.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Mapping, Set
from dataclasses import dataclass
from typing import Any

from .fields import Checker, Choice, parse_orcid, parse_text, parse_title
from .loading import RawEntry
from .model import Author, BoardMember, BoardRole
from .problems import Problem
from .validation import Parser, _read_fields, check_no_emails, parse_affiliations, parse_author_id

BOARD_FILE = "board.yml"
ROLES = ("Editor-in-chief", "Associate editors", "Section editors", "Editorial board")
"""The roles a board lists, in the order the page shows them."""
MAX_MEMBERS = 500


_ROLE_WORD = re.compile(r"[^\W_]+")


def _role_words(text: str) -> set[str]:
    """A role's words as an editor may write them: any case, singular or plural, any order."""
    return {word.removesuffix("s") for word in _ROLE_WORD.findall(text.lower())}


class RoleChoice(Choice):
    """A board role. An unknown one is told the role that shares most of its words, then the
    most alike in spelling ("Chief editor" → "Editor-in-chief", not "Associate editors"), and
    every role the board knows."""

    what = "a role of the editorial board"

    def hint(self, text: str) -> str:
        words = _role_words(text)
        lowered = text.lower()

        def likeness(role: str) -> tuple[int, float]:
            shared = len(words & _role_words(role))
            return shared, difflib.SequenceMatcher(None, lowered, role.lower()).ratio()

        best = max(self.choices, key=likeness)
        shared, ratio = likeness(best)
        roles = "Use one of: " + ", ".join(f'"{role}"' for role in self.choices) + "."
        return f'Did you mean "{best}"? {roles}' if shared or ratio >= 0.5 else roles


def _as_written(ch: Checker, key: str, value: Any) -> Any:
    return value  # read by _people


ROLE_FIELDS: dict[str, tuple[Parser, bool]] = {
    "role": (RoleChoice(ROLES), True),
    "people": (_as_written, True),
}
PERSON_FIELDS: dict[str, tuple[Parser, bool]] = {
    "id": (parse_author_id, False),
    "name": (parse_title, False),
    "orcid": (parse_orcid, False),
    "affiliations": (parse_affiliations, False),
    "section": (parse_text, False),
}


@dataclass(frozen=True, slots=True, kw_only=True)
class PersonRef:
    """A board member as written: an author id to look up, or the person's own fields."""

    key: str
    """Where it was written, e.g. "board[1].people[2]"."""
    values: Mapping[str, Any]


@dataclass(frozen=True, slots=True, kw_only=True)
class ParsedBoard:
    entry: RawEntry
    roles: tuple[tuple[str, tuple[PersonRef, ...]], ...]

    @property
    def author_ids(self) -> set[str]:
        return {p.values["id"] for _, people in self.roles for p in people if "id" in p.values}


def _person(ch: Checker, key: str, item: Any) -> PersonRef | None:
    if not isinstance(item, dict):
        ch.report(key, "expected one person: `- id: <author id>` or `- name: …` with orcid.")
        return None
    values = _read_fields(ch, key, item, PERSON_FIELDS)
    check_no_emails(ch, item, key)
    if item.get("id") is None and item.get("name") is None:
        ch.report(key, "names nobody. Add `id:` (a file in authors/) or `name:`.")
        return None
    if "id" in item and "name" in item:
        ch.report(f"{key}.name", "an author id names the person already. Remove `name:`.")
    if ("id" in item or "name" in item) and "id" not in values and "name" not in values:
        return None  # the id or name was reported as invalid
    return PersonRef(key=key, values=values)


def _people(ch: Checker, key: str, value: Any) -> tuple[PersonRef, ...]:
    if not isinstance(value, list) or not value:
        ch.report(key, "expected a list of people, one `- id: …` or `- name: …` per line.")
        return ()
    if len(value) > MAX_MEMBERS:
        ch.report(key, f"lists {len(value):,} people; the limit is {MAX_MEMBERS}.")
        return ()
    found = (_person(ch, f"{key}[{n}]", item) for n, item in enumerate(value, 1))
    return tuple(p for p in found if p)


def check_board(entry: RawEntry) -> tuple[ParsedBoard, list[Problem]]:
    """Read board.yml: a list of roles, each with its people."""
    ch = Checker(entry)
    data = entry.meta.get("board")
    roles: list[tuple[str, tuple[PersonRef, ...]]] = []
    if not isinstance(data, list):
        ch.report("board", "expected a list with one `- role: …` item per role, with its people.")
        return ParsedBoard(entry=entry, roles=()), ch.problems
    for n, item in enumerate(data, 1):
        key = f"board[{n}]"
        if not isinstance(item, dict):
            ch.report(key, "expected one role: `- role: Editor-in-chief` and `people:`.")
            continue
        values = _read_fields(ch, key, item, ROLE_FIELDS)
        people = _people(ch, f"{key}.people", item["people"]) if "people" in values else ()
        if "role" in values:
            roles.append((values["role"], people))
    return ParsedBoard(entry=entry, roles=tuple(roles)), ch.problems


def _member(ch: Checker, ref: PersonRef, authors: Mapping[str, Author]) -> BoardMember | None:
    values = ref.values
    section = values.get("section", "")
    if "id" not in values:
        return BoardMember(
            name=values["name"],
            orcid=values.get("orcid", ""),
            affiliations=values.get("affiliations", ()),
            section=section,
        )
    author = authors.get(values["id"])
    if author is None:
        ch.report(
            f"{ref.key}.id",
            f'"{values["id"]}" is not an author id: there is no authors/{values["id"]}.md. '
            "Check the spelling, add the author file, or write `name:` instead.",
        )
        return None
    return BoardMember(
        name=author.name,
        orcid=values.get("orcid") or author.orcid,
        affiliations=values.get("affiliations") or author.affiliations,
        section=section,
        author_id=author.id,
    )


def resolve_board(
    board: ParsedBoard, authors: Mapping[str, Author], *, broken: Set[str] = frozenset()
) -> tuple[tuple[BoardRole, ...], list[Problem]]:
    """The board in ROLES order, its author ids looked up; an id that names no author file is
    reported, one whose file is broken (reported already) is left out."""
    ch = Checker(board.entry)
    by_role: dict[str, list[BoardMember]] = {}
    for role, people in board.roles:
        for ref in people:
            if ref.values.get("id") in broken:
                continue
            member = _member(ch, ref, authors)
            if member:
                by_role.setdefault(role, []).append(member)
    roles = tuple(BoardRole(role=r, members=tuple(by_role[r])) for r in ROLES if r in by_role)
    return roles, ch.problems
