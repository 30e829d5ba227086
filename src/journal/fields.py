"""Parsers for single front-matter values: each turns what YAML gave into a typed value
or reports, in editors' words, what is wrong and how to fix it."""

from __future__ import annotations

import datetime
import difflib
import re
from collections.abc import Callable, Collection, Iterable
from typing import Any, TypeVar
from urllib.parse import urlsplit

from stdnum import issn as stdnum_issn
from stdnum.iso7064 import mod_11_2

from .loading import RawEntry
from .problems import Problem, Severity

T = TypeVar("T")
# Identifiers are ASCII: re.ASCII keeps \d from matching fullwidth or Arabic-Indic digits, and
# every pattern is used with fullmatch (a `$` alone also matches before a final newline). The
# anchors stay in the patterns for the JSON Schema (schema.py), which searches unanchored.
DOI = re.compile(r"^10\.\d{4,9}/[-._;()/:A-Za-z0-9]+$", re.ASCII)
"""Crossref's pattern for modern DOIs (it matches 99.3% of them); <, >, [ and ] are refused."""
ORCID = re.compile(r"^(?:https?://orcid\.org/)?(\d{4}-\d{4}-\d{4}-\d{3}[\dX])$", re.ASCII)
ROR = re.compile(r"^(?:https?://ror\.org/)?(0[a-hj-km-np-tv-z0-9]{6}\d{2})$", re.ASCII)
EMAIL = re.compile(
    r"^[A-Za-z0-9.!#$%&'*+/=?^_`{|}~-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)+$", re.ASCII
)
SLUG = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$", re.ASCII)
EMAIL_IN_TEXT = re.compile(
    r"[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}", re.ASCII
)
PAGES = re.compile(r"^([A-Za-z]?\d+)(?:[ ]*[-\u2013][ ]*([A-Za-z]?\d+))?$", re.ASCII)
RELATIVE_PATH = re.compile(
    r"^[A-Za-z0-9][A-Za-z0-9_.-]*(?:/[A-Za-z0-9][A-Za-z0-9_.-]*)*$", re.ASCII
)
"""A file inside a folder: ASCII letters, digits, `_`, `.` and `-`, folders split by `/`; no
part starts with a dot (so no `..`, no hidden files), no scheme, space, quote or bracket."""

MAX_TITLE = 1_000
MAX_SLUG = 120
"""Room for every file name made from a slug (`<slug>.jats.xml`, temporary names) under the
255-byte limit of common file systems, and short enough to type."""
MAX_LIST_TEXT = 200
MAX_LIST_ITEMS = 100
"""Keywords and other lists of short text: more than any real article has."""


class Invalid(Exception):
    """A value is wrong; the message says what was found and how to fix it."""


class Reported(Invalid):
    """A nested value is unusable and its parts' problems are already reported."""


class Checker:
    """Collects the problems of one file, each with its field path and line."""

    def __init__(self, entry: RawEntry) -> None:
        self.entry = entry
        self.problems: list[Problem] = []

    def report(self, key: str, message: str, severity: Severity = "error") -> None:
        self.problems.append(
            Problem(
                path=self.entry.path,
                line=self.entry.line_of(key),
                field=key,
                message=message,
                severity=severity,
            )
        )

    def parse(self, key: str, value: Any, parser: Callable[[Checker, str, Any], T]) -> T | None:
        """Run `parser` on a value; a problem (and None) when it is invalid."""
        try:
            return parser(self, key, value)
        except Invalid as exc:
            self.report(key, str(exc))
            return None

    def check_keys(
        self, key: str, mapping: dict[str, Any], allowed: Iterable[str], required: Iterable[str]
    ) -> None:
        """Report unknown keys (with a suggestion) and missing required ones."""
        known = allowed if isinstance(allowed, Collection) else tuple(allowed)  # a table: as is
        prefix = f"{key}." if key else ""
        for name in mapping:
            if name not in known:
                close = difflib.get_close_matches(str(name), list(known), n=1, cutoff=0.6)
                hint = (
                    f'Did you mean "{close[0]}"?'
                    if close
                    else ("Remove it, or use one of: " + ", ".join(known) + ".")
                )
                self.report(f"{prefix}{name}", f"unknown field. {hint}")
        for name in required:
            if name in mapping and mapping[name] is None:
                self.report(f"{prefix}{name}", f"is empty. Write the {name} after `{name}:`.")
            elif mapping.get(name) is None:
                where = f"under {key}" if key else "to the front matter"
                self.report(f"{prefix}{name}", f"missing. Add `{name}:` {where}.")


def show(value: Any) -> str:
    text = " ".join(str(value).split())
    return '"' + (text if len(text) <= 60 else text[:57] + "...") + '"'


def _not_text(value: Any) -> str:
    if value is None:
        return "is empty. Write the text, or remove the field."
    if isinstance(value, bool):
        return (
            f"{str(value).lower()} was read as yes/no (YAML reads yes, no, on, off, true "
            "and false that way). Put the text in quotes."
        )
    if isinstance(value, datetime.date):
        return f"{value.isoformat()} was read as a date. Put the text in quotes."
    if isinstance(value, (int, float)):
        return f"{value} was read as a number. Put the text in quotes."
    return "expected text, found a list or a set of fields. Write one line of text."


def parse_text(ch: Checker, key: str, value: Any) -> str:
    if not isinstance(value, str):
        raise Invalid(_not_text(value))
    text = value.strip()
    if not text:
        raise Invalid("is empty. Write the text, or remove the field.")
    return text


def parse_code(ch: Checker, key: str, value: Any) -> str:
    """Text that may be written unquoted as a number, e.g. pages or an article number."""
    if isinstance(value, int) and not isinstance(value, bool):
        plain = ch.entry.plain.get(key, str(value))
        if plain != str(value):
            raise Invalid(f'{plain} is read by YAML as {value}. Put it in quotes: "{plain}".')
        return str(value)
    return parse_text(ch, key, value)


INVISIBLE = re.compile("[\u180e\u200b\u2060-\u2064\ufeff]")
"""Zero-width characters that make two names or titles look alike (joiners U+200C and U+200D
are kept: Persian and Indic scripts need them)."""


def check_visible(text: str) -> None:
    """Refuse zero-width characters in a name, title or keyword."""
    match = INVISIBLE.search(text)
    if match:
        raise Invalid(
            f"contains the invisible character U+{ord(match.group()):04X} (a zero-width "
            f"space or joiner) after {show(text[: match.start()][-30:])}. Delete it (retype "
            "the text around it if you cannot see it)."
        )


def parse_title(ch: Checker, key: str, value: Any) -> str:
    """A title: one line of text of sane length."""
    text = parse_text(ch, key, value)
    check_visible(text)
    if len(text) > MAX_TITLE:
        raise Invalid(f"is {len(text):,} characters long; the limit is {MAX_TITLE:,}. Shorten it.")
    return " ".join(text.split())


def parse_number(ch: Checker, key: str, value: Any) -> int:
    plain = ch.entry.plain.get(key, "")
    if isinstance(value, str) and value.strip().isdigit():
        written = value.strip()
        if written.startswith("0") and written.strip("0"):
            raise Invalid(
                f"{written} has a leading zero (YAML reads 010 as 8 and 08 as text). "
                f"Write the number without it, e.g. {key}: {int(written)}."
            )
        raise Invalid(
            f'"{written}" is written as text. Write the number without quotes, e.g. '
            f"{key}: {int(written)}."
        )
    if (
        isinstance(value, int)
        and not isinstance(value, bool)
        and plain.startswith("0")
        and (plain.strip("0"))
    ):
        raise Invalid(
            f"{plain} has a leading zero (YAML reads 010 as 8 and 08 as text). "
            f"Write the number without it, e.g. {key}: {int(plain) if plain.isdigit() else value}."
        )
    if isinstance(value, bool) or not isinstance(value, int):
        raise Invalid(f"{show(plain or value)} is not a whole number. Write e.g. {key}: 6.")
    if value < 1:
        raise Invalid(f"{value} is not a positive number. Write e.g. {key}: 6.")
    return value


def parse_date(ch: Checker, key: str, value: Any) -> datetime.date:
    if isinstance(value, datetime.datetime):
        return value.date()
    if isinstance(value, datetime.date):
        return value
    if isinstance(value, str):
        try:
            return datetime.date.fromisoformat(value.strip())
        except ValueError:
            pass
    raise Invalid(f"{show(value)} is not a date. Write it as YYYY-MM-DD, e.g. 2017-06-20.")


def parse_flag(ch: Checker, key: str, value: Any) -> bool:
    if not isinstance(value, bool):
        raise Invalid(f"{show(value)} is not true or false. Write {key}: true or {key}: false.")
    return value


def parse_text_list(ch: Checker, key: str, value: Any) -> tuple[str, ...]:
    if isinstance(value, str):
        raise Invalid(
            f"{show(value)} is one piece of text; a list is expected. Write "
            f"{key}: [first, second] or one `- item` per line."
        )
    if not isinstance(value, list):
        raise Invalid(f"expected a list, found {show(value)}. Write {key}: [first, second].")
    if len(value) > MAX_LIST_ITEMS:
        raise Invalid(
            f"has {len(value):,} items; the limit is {MAX_LIST_ITEMS}. Keep the "
            f"{MAX_LIST_ITEMS} that describe the article best."
        )
    items = [ch.parse(f"{key}[{n}]", v, parse_list_text) for n, v in enumerate(value, 1)]
    return tuple(i for i in items if i)


def parse_list_text(ch: Checker, key: str, value: Any) -> str:
    """One item of a list such as keywords: one short line of text."""
    text = " ".join(parse_text(ch, key, value).split())
    check_visible(text)
    if len(text) > MAX_LIST_TEXT:
        raise Invalid(
            f"is {len(text):,} characters long; the limit is {MAX_LIST_TEXT}. Shorten it."
        )
    return text


class Choice:
    """A parser for text that must be one of a few values (kept for the JSON Schema)."""

    what = "a known value"
    """What a choice is, in the message for one that is not ("a role of the editorial board")."""

    def __init__(self, choices: tuple[str, ...]) -> None:
        self.choices = choices

    def __call__(self, ch: Checker, key: str, value: Any) -> str:
        text = parse_text(ch, key, value)
        if text in self.choices:
            return text
        raise Invalid(f"{show(text)} is not {self.what}. {self.hint(text)}")

    def hint(self, text: str) -> str:
        """How to fix an unknown value: the closest choice, or all of them."""
        close = difflib.get_close_matches(text, self.choices, n=1, cutoff=0.5)
        return f'Did you mean "{close[0]}"?' if close else "Use one of: " + ", ".join(self.choices)


def parse_choice(choices: tuple[str, ...]) -> Choice:
    return Choice(choices)


def bare_doi(text: str) -> str:
    """A DOI as written, without the https://doi.org/ or doi: it may be given with."""
    return text.strip().removeprefix("https://doi.org/").removeprefix("doi:")


def bare_orcid(text: str) -> str:
    """An ORCID iD (0000-0002-1825-0097) from the forms `orcid:` accepts; "" for others."""
    found = ORCID.fullmatch(text.strip())
    return found.group(1) if found else ""


def parse_doi(ch: Checker, key: str, value: Any) -> str:
    text = bare_doi(parse_text(ch, key, value))
    if not DOI.fullmatch(text):
        raise Invalid(
            f"{show(text)} is not a complete DOI. Write 10.<prefix>/<suffix>, "
            "e.g. 10.4172/0378-5955.1000123."
        )
    return text


def parse_orcid(ch: Checker, key: str, value: Any) -> str:
    text = parse_text(ch, key, value)
    match = ORCID.fullmatch(text)
    if not match:
        raise Invalid(
            f"{show(text)} is not an ORCID iD. Write 16 digits in groups of four, "
            'e.g. "0000-0002-1825-0097".'
        )
    if not mod_11_2.is_valid(match.group(1).replace("-", "")):
        raise Invalid(
            f"{show(text)} has a wrong check digit (the last character). Copy the "
            "iD again from the author's ORCID record."
        )
    return match.group(1)


def parse_ror(ch: Checker, key: str, value: Any) -> str:
    text = parse_text(ch, key, value)
    match = ROR.fullmatch(text)
    if not match:
        raise Invalid(
            f"{show(text)} is not a ROR id. Write it as https://ror.org/ followed by "
            "9 characters, e.g. https://ror.org/03w04rv71."
        )
    return f"https://ror.org/{match.group(1)}"


def parse_issn(ch: Checker, key: str, value: Any) -> str:
    text = parse_text(ch, key, value)
    if not text.isascii() or not stdnum_issn.is_valid(text):
        raise Invalid(
            f"{show(text)} is not a valid ISSN (8 characters, the last a check "
            'digit). Copy it from the ISSN register, e.g. "0378-5955".'
        )
    return str(stdnum_issn.format(text))


def parse_email(ch: Checker, key: str, value: Any) -> str:
    text = parse_text(ch, key, value)
    if not EMAIL.fullmatch(text):
        raise Invalid(f"{show(text)} is not an e-mail address. Write it as name@example.org.")
    return text


def parse_url(ch: Checker, key: str, value: Any) -> str:
    text = parse_text(ch, key, value)
    parts = urlsplit(text)
    if parts.scheme not in ("http", "https") or not parts.netloc or " " in text:
        raise Invalid(
            f"{show(text)} is not a web address. Write a full URL starting with https://."
        )
    return text


def parse_pages(ch: Checker, key: str, value: Any) -> str:
    text = parse_code(ch, key, value)
    match = PAGES.fullmatch(text)
    if not match:
        raise Invalid(f'{show(text)} is not a page or page range. Write e.g. "21" or "12-14".')
    first, last = match.group(1), match.group(2)
    if last and first.isdigit() and last.isdigit() and int(last) < int(first):
        raise Invalid(f"{show(text)} ends before it starts. Write the first page first.")
    return f"{first}-{last}" if last else first


def parse_relative_path(ch: Checker, key: str, value: Any) -> str:
    """A file inside the folder the field names (authors/ for photos, docs/ for logos).

    The grammar is strict because the path is printed into HTML attributes and XML: a quote
    or an angle bracket in it would break out of the attribute.
    """
    text = parse_text(ch, key, value)
    parts = text.replace("\\", "/").split("/")
    if text.startswith(("/", "\\")) or ":" in text or ".." in parts:
        raise Invalid(
            f"{show(text)} points outside the project. Write a path inside the "
            "folder, e.g. photos/jane-doe.jpg."
        )
    if not RELATIVE_PATH.fullmatch(text):
        raise Invalid(
            f"{show(text)} is not a plain file path. Use only letters a-z, digits, `-`, `_` "
            "and `.` in file and folder names (no spaces, quotes or brackets; no name starting "
            "with a dot), folders split by `/`, e.g. photos/jane-doe.jpg; rename the file."
        )
    return text


IMAGE_TYPES = (".jpg", ".jpeg", ".png", ".gif", ".webp", ".avif", ".svg")


def parse_image_path(ch: Checker, key: str, value: Any) -> str:
    """A relative path to an image the site shows."""
    text = parse_relative_path(ch, key, value)
    if not text.lower().endswith(IMAGE_TYPES):
        raise Invalid(
            f"{show(text)} is not an image file. Use a file ending in "
            + ", ".join(IMAGE_TYPES)
            + "."
        )
    return text


def parse_mapping(ch: Checker, key: str, value: Any) -> dict[str, Any]:
    if not isinstance(value, dict):
        raise Invalid(
            f"expected a set of fields (name: value lines indented under {key}:), "
            f"found {show(value)}."
        )
    return value
