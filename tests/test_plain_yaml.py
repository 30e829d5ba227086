"""The fast reader of plain front matter (plain_yaml.py) gives exactly what libyaml's node
walk gives, or steps aside: same values, same line of every key, same plain scalars, and
never a text the node walk refuses (so every error is still reported, with its line)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from conftest import FIXTURES
from journal.loading import _PLAIN, _FormError, _read_yaml, load_text
from journal.problems import Problem

OFFSET = 1  # front matter starts on line 2


def node_walk(text: str) -> Any:
    """What loading._read_yaml makes of a front matter block, or the error it reports."""
    try:
        return _read_yaml(text, OFFSET, checked=True)
    except _FormError as exc:
        return ("error", exc.line, exc.message)


def same(text: str) -> bool:
    """The fast reader's answer is the node walk's (or None: it left the text to it)."""
    fast = _PLAIN.read(text, OFFSET)
    if fast is None:
        return True
    slow = node_walk(text)
    return (
        slow[0] != "error"
        and repr(fast) == repr(slow)  # values with their types, key order included
        and [list(part) for part in fast[1:]] == [list(part) for part in slow[1:]]
    )


def front_matter(path: Path) -> str | None:
    text = path.read_text(encoding="utf-8-sig", errors="replace").replace("\r\n", "\n")
    end = text.find("\n---", 3)
    return text[4 : end + 1] if text.startswith("---\n") and end > 0 else None


def test_every_fixture_is_read_as_the_node_walk_reads_it() -> None:
    texts = [t for p in sorted(FIXTURES.rglob("*.md")) if (t := front_matter(p)) is not None]
    assert len(texts) > 100
    taken = [t for t in texts if _PLAIN.read(t, OFFSET) is not None]
    assert len(taken) > len(texts) // 2  # the fast reader does read most of them
    assert all(same(t) for t in texts)


def test_a_plain_abstract_is_read_fast_with_its_lines_and_plain_scalars() -> None:
    text = (
        'title: "A: title"\nauthors:\n  - id: ana\n    corresponding: true\n  - bo\n'
        "volume: 7\npublished: 2023-05-02\nkeywords: [a b, 12, yes]\n"
        'funding:\n  - funder: X\n    awards: ["R01 1"]\ndoi:\n'
    )
    data, lines, plain = _PLAIN.read(text, OFFSET) or ({}, {}, {})
    assert data["authors"] == [{"id": "ana", "corresponding": True}, "bo"]
    assert data["keywords"] == ["a b", 12, True] and data["doi"] is None
    assert lines["authors[2]"] == 6 and lines["funding[1].awards[1]"] == 12
    assert plain["keywords[3]"] == "yes" and "title" not in plain and plain["doi"] == ""
    assert same(text)


def test_what_the_node_walk_must_report_is_left_to_it() -> None:
    refused = [
        "no: x\n",  # a key YAML reads as false
        "title: a\ntitle: b\n  x: 1\n",  # bad indentation
        "published: 2023-02-30\n",  # a date that does not exist
        "a: &x 1\nb: *x\n",  # anchors and aliases
        "<<: {a: 1}\n",  # a merge key
        'title: "a\\x07"\n',  # an escape
        "title: a\n  continued\n",  # a plain scalar over two lines
        "authors:\n- a\n",  # a sequence not indented under its key
        "title: a # comment\n",
        "title: |\n  text\n",
        "title:\ttab\n",
        "- a\n",  # not a mapping
        "a:\n" + "".join("  " * n + f"k{n}:\n" for n in range(1, 14)),  # nested too deeply
    ]
    for text in refused:
        assert _PLAIN.read(text, OFFSET) is None, text
    entry = load_text("abstracts/1/1/x.md", "---\nno: x\n---\nBody\n")
    assert isinstance(entry, Problem) and entry.line == 2 and "Put it in quotes" in entry.message


KEYS = st.sampled_from(["title", "id", "no", "yes", "on", "a-b", "_x", "null", "doi", "Off"])
SCALARS = st.sampled_from(
    [
        "x",
        "a b",
        "12",
        "012",
        "0x1F",
        "1_000",
        "1.5",
        ".inf",
        "1e3",
        "yes",
        "No",
        "~",
        "null",
        "2023-05-02",
        "2023-02-30",
        "2001-12-14t21:59:43.10-05:00",
        "10:30",
        "http://x.org/a#b",
        "C#",
        "a: b",
        "a #b",
        "a:",
        "-1",
        "- x",
        "?x",
        "@x",
        "%x",
        "!x",
        "&a x",
        "*a",
        '"q"',
        '"a\\"b"',
        '"a\\x07"',
        "'it''s'",
        "'a'b'",
        '"a" b',
        "[a, b]",
        "[]",
        "[ ]",
        "[a, , b]",
        "[a,]",
        '["a, b"]',
        '["x", y]',
        "[a: b]",
        '[a"b]',
        "{a: 1}",
        "|",
        ">",
        "=",
        "<<",
        "# c",
        "é漢",
        "a\u2028b",
        "a  b",
        "'",
        '"',
    ]
)


@st.composite
def blocks(draw: Any) -> str:
    """Front matter from random lines of the shapes editors write (and break)."""
    out = []
    for _ in range(draw(st.integers(1, 12))):
        indent = " " * draw(st.sampled_from([0, 0, 0, 1, 2, 2, 4, 4, 6]))
        dash = draw(st.sampled_from(["", "", "- ", "-  ", "-"]))
        shape = draw(st.integers(0, 4))
        if shape == 0:
            line = f"{draw(KEYS)}:"
        elif shape == 1:
            line = draw(SCALARS)
        elif shape == 2:
            line = "# a comment"
        else:
            line = f"{draw(KEYS)}:{draw(st.sampled_from([' ', '  ', '']))}{draw(SCALARS)}"
        out.append(indent + dash + line + draw(st.sampled_from(["", "", " "])))
    return "\n".join(out) + "\n"


@settings(max_examples=3000, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(blocks())
def test_random_front_matter_is_read_as_the_node_walk_reads_it_or_left_to_it(text: str) -> None:
    assert same(text), text
