"""What `journal new` infers for editors: given and family names, short slugs, an issue's
year and date."""

from __future__ import annotations

import datetime
from collections.abc import Iterable, Mapping
from typing import Any

from slugify import slugify

from . import title_markup

PARTICLES = frozenset(
    [
        "al",
        "bin",
        "da",
        "das",
        "de",
        "del",
        "della",
        "der",
        "des",
        "di",
        "do",
        "dos",
        "du",
        "el",
        "ibn",
        "la",
        "le",
        "st",
        "ten",
        "ter",
        "van",
        "von",
    ]
)
"""Lower-case words that start a family name ("van Gogh", "de la Cruz")."""
TRAILING = frozenset(
    ["a", "an", "and", "at", "by", "for", "from", "in", "of", "on", "or", "the", "to", "with"]
)
"""Words a shortened slug must not end with ("…-in-a")."""
MAX_SLUG = 60


def split_name(name: str) -> tuple[str, str] | None:
    """(given, family) of a person's name, or None when it cannot be told (e.g. "José Núñez
    García": two family names or two given names?)."""
    if "," in name:  # "Okafor, Hannah"
        family, _, given = (part.strip() for part in name.partition(","))
        return (given, family) if given and family and "," not in given else None
    words = name.split()
    if len(words) == 1:
        return "", words[0]
    if len(words) == 2:
        return words[0], words[1]
    for number, word in enumerate(words[1:], start=1):
        if word in PARTICLES:  # only lower-case particles: "Van" may be a given name
            return " ".join(words[:number]), " ".join(words[number:])
    return None


def display_name(name: str) -> str:
    """The name as shown: "Okafor, Hannah" becomes "Hannah Okafor"."""
    parts = split_name(name) if "," in name else None
    return f"{parts[0]} {parts[1]}" if parts else " ".join(name.split())


def make_slug(text: str, *, is_title: bool = True) -> str:
    """A file name from a title (or a name: `is_title` False): at most 60 characters, cut
    between words; a title's never ends in a short word such as "a" or "of" (a name's may:
    "li-an"); "" when nothing is left. A title's markup is dropped first ("H~2~O": "h2o")."""
    words = slugify(title_markup.plain(text) if is_title else text).split("-")
    kept: list[str] = []
    for word in words:
        if kept and len("-".join([*kept, word])) > MAX_SLUG:
            break
        kept.append(word)
    while is_title and len(kept) > 1 and kept[-1] in TRAILING:
        kept.pop()
    return "-".join(kept)[: MAX_SLUG * 2]


def issue_date(
    volume: int,
    issue: int,
    items: Iterable[Mapping[str, Any]],
    abstracts: Iterable[Mapping[str, Any]],
) -> tuple[int, datetime.date] | None:
    """(year, date) an issue's new abstract gets: issues.yml's `published` for the issue,
    else its latest abstract's date, with the year its abstracts give; None: a new issue."""
    same = [
        a
        for a in abstracts
        if a.get("volume") == volume
        and a.get("issue") == issue
        and type(a.get("published")) is datetime.date
    ]
    listed = [
        i["published"]
        for i in items
        if isinstance(i, Mapping)
        and i.get("volume") == volume
        and i.get("issue") == issue
        and type(i.get("published")) is datetime.date
    ]
    dates = listed or sorted(a["published"] for a in same)[-1:]
    if not dates:
        return None
    years = [a["year"] for a in same if isinstance(a.get("year"), int)]
    return (max(years) if years else dates[0].year), dates[0]
