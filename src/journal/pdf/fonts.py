"""The fonts PDFs are set in, and the check that they hold every character an abstract uses.

The fonts come from PyPI packages pinned in constraints.txt, so every machine sets a PDF with
the same bytes: Noto Serif (Latin with diacritics, Greek, Cyrillic), IBM Plex Sans Arabic
(Arabic and Persian; its letters are whole glyphs, so text copied from a PDF reads right,
where Noto Sans Arabic's separate dots do not), STIX Two Math (mathematical symbols and
arrows, all of Unicode's Mathematical Operators block; shipped in the `ziamath` package, as no
font package has a math or symbols font) and Noto Sans CJK (Chinese, Japanese, Korean).
Typst would print a character no font has as an empty box ("tofu"), so `Coverage.missing` is
asked first.
"""

from __future__ import annotations

import hashlib
import importlib.util
import unicodedata
from dataclasses import dataclass
from functools import cache, partial
from importlib.metadata import version
from pathlib import Path

from fontTools import unicodedata as font_unicodedata
from fontTools.ttLib import TTFont

from ..exports.output_cache import OutputCache

# (font family as Typst names it, the PyPI distribution, the font file inside it)
FONTS = (
    ("Noto Serif", "fontpkg-noto-serif", "fontpkg_noto_serif/files/NotoSerif[wdth,wght].ttf"),
    (
        "Noto Serif",
        "fontpkg-noto-serif",
        "fontpkg_noto_serif/files/NotoSerif-Italic[wdth,wght].ttf",
    ),
    (
        "IBM Plex Sans Arabic",
        "fontpkg-ibm-plex-sans-arabic",
        "fontpkg_ibm_plex_sans_arabic/files/IBMPlexSansArabic-Regular.ttf",
    ),
    (
        "IBM Plex Sans Arabic",
        "fontpkg-ibm-plex-sans-arabic",
        "fontpkg_ibm_plex_sans_arabic/files/IBMPlexSansArabic-Bold.ttf",
    ),
    # Mathematical symbols and arrows (tilde operator, less-or-equal, element of, arrows):
    # before the CJK font, which has some of them in a sans design, and after the text fonts,
    # whose own plus-minus, multiplication sign and micro sign come first.
    ("STIX Two Math", "ziamath", "ziamath/fonts/STIXTwoMath-Regular.ttf"),
    (
        "Noto Sans CJK TC",
        "cvttf-notosanscjk-regular",
        "cvttf_NotoSansCJK_Regular/NotoSansCJKtc-Regular.otf",
    ),
)
FAMILIES = tuple(dict.fromkeys(family for family, _, _ in FONTS))
"""The families in the order Typst tries them for each character."""
_UNPRINTED = {"Cc", "Cf", "Zs", "Zl", "Zp"}
"""Characters that need no glyph: controls, format marks (ZWNJ, direction marks), spaces."""
_ASCII = frozenset(map(chr, range(0x20, 0x7F)))


@dataclass(frozen=True, slots=True)
class Missing:
    """A character no PDF font has."""

    char: str
    script: str

    def describe(self) -> str:
        """The character by its code point and name, never as itself: a terminal or an
        editor without a font for it would show an empty box too."""
        name = unicodedata.name(self.char, "unnamed character")
        return f"U+{ord(self.char):04X} ({name}) in script {self.script}"


@cache
def font_files() -> tuple[Path, ...]:
    """The font files, in FONTS' order (each inside its package, wherever it is installed)."""
    found = []
    for _, _, file in FONTS:
        package, _, inside = file.partition("/")
        spec = importlib.util.find_spec(package)
        assert spec is not None and spec.origin is not None, f"{package} is not installed"
        found.append(Path(spec.origin).resolve().parent / inside)
    return tuple(found)


@cache
def font_folders() -> tuple[str, ...]:
    """The folders Typst reads fonts from (only these: system fonts are ignored)."""
    return tuple(dict.fromkeys(str(path.parent) for path in font_files()))


@cache
def fonts_fingerprint() -> str:
    """What the fonts are: the packages' pinned versions and the files' sizes (the same
    version of a package has the same bytes, so hashing 20 MB on every build is not needed)."""
    parts = [f"{dist}={version(dist)}" for dist in dict.fromkeys(d for _, d, _ in FONTS)]
    parts += [f"{path.name}:{path.stat().st_size}" for path in font_files()]
    return ";".join(parts)


CMAP_FOLDER = "fonts"
"""The cache's folder of font character maps (beside outputs/ and citations/)."""
_CMAP_SALT = "cmap ranges v1"


def _ranges_of(path: Path) -> list[list[int]]:
    """The code points one font file has a glyph for, as [first, last] ranges."""
    font = TTFont(path, lazy=True)
    try:
        return _ranges(set(font.getBestCmap()))
    finally:
        font.close()


def _are_ranges(found: object) -> bool:
    return isinstance(found, list) and all(
        isinstance(r, list) and len(r) == 2 and all(type(p) is int for p in r) for r in found
    )


def _file_hash(path: Path) -> str:
    with path.open("rb") as file:
        return hashlib.file_digest(file, "sha256").hexdigest()


@cache
def coverage(folder: Path | None) -> Coverage:
    """The code points the PDF fonts cover. Reading the character maps takes about half a
    second, hashing the font files a twentieth: each font's map is kept in the cache folder
    (`folder`, None: none) under the SHA-256 of the file, so other bytes are read afresh."""
    store = OutputCache(folder / CMAP_FOLDER if folder else None, _CMAP_SALT)
    ranges: list[list[int]] = []
    for path in font_files():
        key = store.key("cmap", _file_hash(path))
        ranges += store.data(key, partial(_ranges_of, path), _are_ranges)
    return Coverage.from_ranges(ranges)


def _ranges(points: set[int]) -> list[list[int]]:
    ranges: list[list[int]] = []
    for point in sorted(points):
        if ranges and ranges[-1][1] == point - 1:
            ranges[-1][1] = point
        else:
            ranges.append([point, point])
    return ranges


@dataclass(frozen=True, slots=True)
class Coverage:
    """The characters the PDF fonts cover."""

    chars: frozenset[str]
    """As one-character strings: a text's characters are checked with one set difference."""
    has_ascii: bool = False
    """Whether every printable ASCII character is covered: an ASCII text then needs no look
    (Python knows a string is ASCII without reading it)."""

    @classmethod
    def from_ranges(cls, ranges: list[list[int]]) -> Coverage:
        chars = frozenset(chr(p) for first, last in ranges for p in range(first, last + 1))
        return cls(chars, has_ascii=chars >= _ASCII)

    def missing(self, text: str) -> list[Missing]:
        """The characters of `text` no PDF font has, each once, in the order they appear."""
        if self.has_ascii and text.isascii():
            return []
        found: dict[str, Missing] = {}
        for char in set(text).difference(self.chars):
            if unicodedata.category(char) in _UNPRINTED:
                continue
            script = font_unicodedata.script_name(font_unicodedata.script(char), default="")
            found[char] = Missing(char, script.replace("_", " ") or "unknown")
        return sorted(found.values(), key=lambda m: text.index(m.char))


__all__ = [
    "CMAP_FOLDER",
    "FAMILIES",
    "Coverage",
    "Missing",
    "coverage",
    "font_files",
    "font_folders",
    "fonts_fingerprint",
]
