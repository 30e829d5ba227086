"""Licences: one table of the licences journals publish under, by name and canonical URL.

The journal's `license` setting and an article's `license:` are written as `{name, url}`;
the importer (jats_import.py) maps a licence URL found in a JATS file to this table's entry.
"""

from __future__ import annotations

import re

from .model import License

_CC_NAMES = {
    "by": "CC BY",
    "by-sa": "CC BY-SA",
    "by-nd": "CC BY-ND",
    "by-nc": "CC BY-NC",
    "by-nc-sa": "CC BY-NC-SA",
    "by-nc-nd": "CC BY-NC-ND",
}
_CC_VERSIONS = ("1.0", "2.0", "2.5", "3.0", "4.0")

LICENCES: tuple[License, ...] = (
    *(
        License(name=f"{name} {version}", url=f"https://creativecommons.org/licenses/{code}/{version}/")
        for code, name in _CC_NAMES.items()
        for version in _CC_VERSIONS
    ),
    License(name="CC0 1.0", url="https://creativecommons.org/publicdomain/zero/1.0/"),
    License(
        name="Public Domain Mark 1.0", url="https://creativecommons.org/publicdomain/mark/1.0/"
    ),
)
"""Every Creative Commons licence version, CC0 and the public-domain mark."""

_BY_KEY = {lic.url.split("//", 1)[1].rstrip("/"): lic for lic in LICENCES}
_TAIL = re.compile(r"(/(legalcode|deed)(\.[a-z-]+)?)?/*$", re.IGNORECASE)


def licence_for_url(url: str) -> License | None:
    """The table's licence for a URL as publishers write it (http or https, with or without
    `www.`, a trailing slash, `legalcode` or `deed.en`); None when it is not in the table."""
    text = url.strip()
    text = re.sub(r"^https?://(www\.)?", "", text, flags=re.IGNORECASE)
    text = _TAIL.sub("", text).lower()
    return _BY_KEY.get(text)
