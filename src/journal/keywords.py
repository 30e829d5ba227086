"""The journal's keywords: every keyword once, whatever its case, with its abstracts.

Editors write keywords freely ("Human" on one abstract, "human" on another): spellings that
are equal once case-folded are one keyword, with one page. The index is built once per
build, in one pass over the abstracts; pages look keywords up in it by their key.
"""

from __future__ import annotations

import unicodedata
from collections import Counter
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from . import urls
from .model import Abstract, Issue

# Latin letters that Unicode does not decompose into a letter and an accent.
_LATIN_LETTERS = str.maketrans(
    {"ł": "l", "ø": "o", "đ": "d", "ħ": "h", "\u0131": "i", "ŧ": "t", "ð": "d"}
    | {"æ": "ae", "œ": "oe", "þ": "th", "ĸ": "k", "ŋ": "n", "ƒ": "f"}
)
OTHER = "#"
"""The index letter of keywords that start with a digit or a sign."""


def keyword_key(text: str) -> str:
    """What every spelling of a keyword shares: case-folded, spaces collapsed.

    "Human", "human" and "HUMAN" give "human"; "Straße" and "STRASSE" give "strasse".
    """
    folded = unicodedata.normalize("NFC", " ".join(text.split())).casefold()
    return unicodedata.normalize("NFC", folded)


def _is_latin(char: str) -> bool:
    return char.isascii() or unicodedata.name(char, "").startswith("LATIN")


def sort_key(text: str) -> tuple[str, str, str]:
    """A-Z whatever the case and accents ("Ménière" beside "meniere"); other scripts keep
    their letters and follow the Latin ones; ties by the case-folded text, then the text."""
    key = keyword_key(text)
    letters: list[str] = []
    latin = False  # whether the last character was a Latin letter
    for char in key:
        if unicodedata.combining(char) and latin:
            continue  # an accent Unicode could not join to its Latin letter
        latin = _is_latin(char)
        if latin and not char.isascii():  # "é" → "e", "ﬁ" → "fi", "ł" → "l"
            plain = unicodedata.normalize("NFKD", char)
            char = "".join(c for c in plain if not unicodedata.combining(c))
            char = char.translate(_LATIN_LETTERS)
        letters.append(char)  # other scripts keep their letters: "й" is not "и"
    return "".join(letters), key, text


def initial_of(text: str) -> str:
    """The index letter a keyword files under: "É" for "éclampsia" is "E"; "#" for digits."""
    first = sort_key(text)[0][:1]
    return first.upper() if first.isalpha() else OTHER


@dataclass(frozen=True, slots=True, kw_only=True)
class Keyword:
    """One keyword of the journal: all its spellings, its page and its abstracts."""

    key: str
    """The case-folded form every spelling shares (keyword_key)."""
    name: str
    """How the site shows it: its most frequent spelling (ties: the first in sort order)."""
    slug: str
    """Its page's address under keywords/ (urls.keyword_slugs)."""
    entries: tuple[tuple[Issue, Abstract], ...]
    """The abstracts that list it, with their issues, newest issue first (issue order)."""


@dataclass(frozen=True, slots=True)
class KeywordIndex:
    """Every keyword, A-Z, and each keyword by its key."""

    keywords: tuple[Keyword, ...]
    by_key: Mapping[str, Keyword]

    def find(self, text: str) -> Keyword:
        """The keyword a spelling belongs to (any spelling the abstracts use)."""
        return self.by_key[keyword_key(text)]


def build_keyword_index(issues: Iterable[Issue]) -> KeywordIndex:
    """Every keyword of the abstracts of `issues` (newest first), in one pass."""
    spellings: dict[str, Counter[str]] = {}
    entries: dict[str, list[tuple[Issue, Abstract]]] = {}
    for issue in issues:
        for abstract in issue.abstracts:
            seen: set[str] = set()
            for text in abstract.keywords:
                key = keyword_key(text)
                if not key:
                    continue
                spellings.setdefault(key, Counter())[" ".join(text.split())] += 1
                if key not in seen:  # "Human; human" on one abstract: listed once
                    seen.add(key)
                    entries.setdefault(key, []).append((issue, abstract))
    names = {key: _display_name(counts) for key, counts in spellings.items()}
    ordered = sorted(names, key=lambda key: _index_order(names[key]))
    slugs = urls.keyword_slugs(ordered)
    keywords = tuple(
        Keyword(key=key, name=names[key], slug=slugs[key], entries=tuple(entries[key]))
        for key in ordered
    )
    return KeywordIndex(keywords, {k.key: k for k in keywords})


def _index_order(name: str) -> tuple[bool, tuple[str, str, str]]:
    """Keywords filed under "#" first, then A-Z: each letter's keywords stay together."""
    return initial_of(name) != OTHER, sort_key(name)


def _display_name(counts: Counter[str]) -> str:
    """The spelling most abstracts use; of equally frequent ones, the first in sort order."""
    return min(counts, key=lambda spelling: (-counts[spelling], sort_key(spelling)))
