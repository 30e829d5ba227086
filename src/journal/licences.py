"""The one table of licences: their short names and canonical addresses.

The journal's `license` setting and an article's `license:` field both name a licence of this
table (or give a name and address of their own); every output reads the licence from here.
"""

from __future__ import annotations

import re

from .model import License

_CC = "https://creativecommons.org/licenses"
_KINDS = ("by", "by-sa", "by-nd", "by-nc", "by-nc-sa", "by-nc-nd")
_VERSIONS = ("4.0", "3.0", "2.5", "2.0")

LICENCES: tuple[License, ...] = (
    *(
        License(name=f"CC {kind.upper()} {version}", url=f"{_CC}/{kind}/{version}/")
        for version in _VERSIONS
        for kind in _KINDS
    ),
    License(name="CC0 1.0", url="https://creativecommons.org/publicdomain/zero/1.0/"),
    License(
        name="Public Domain Mark 1.0", url="https://creativecommons.org/publicdomain/mark/1.0/"
    ),
)
"""Creative Commons licences (the versions journals publish under) and public-domain tools."""

NAMES: tuple[str, ...] = tuple(licence.name for licence in LICENCES)


def _name_key(text: str) -> str:
    """ "cc-by-4.0", "CC BY 4.0" and "CC-BY 4.0" are one name."""
    return re.sub(r"[\s_-]+", " ", text.strip().casefold())


def _url_key(text: str) -> str:
    """http or https, with or without www., a trailing slash, legalcode or deed.xx."""
    text = text.strip().casefold()
    text = re.sub(r"^https?://(www\.)?", "", text)
    text = re.sub(r"/(legalcode(\.[a-z-]+)?|deed\.[a-z-]+)$", "", text)
    return text.rstrip("/")


_BY_NAME = {_name_key(licence.name): licence for licence in LICENCES}
_BY_URL = {_url_key(licence.url): licence for licence in LICENCES}


def licence_named(text: str) -> License | None:
    """The table's licence a name or an address stands for; None when it is not in the table."""
    return _BY_NAME.get(_name_key(text)) or _BY_URL.get(_url_key(text))
