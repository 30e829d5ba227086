"""Fixes to the theme's own markup outside every template block, applied to a written page.

Material's base.html gives its two toggle checkboxes (drawer, search) `autocomplete="off"`,
which HTML allows on text fields, not on checkboxes (the Nu HTML Checker reports an error on
every page). The adapter runs `fix_theme_markup` on each page's HTML after it is rendered (and on
404.html).
"""

from __future__ import annotations

import re

_CHECKBOX = re.compile(r"<input\b[^<>]*\btype=\"checkbox\"[^<>]*>")
_AUTOCOMPLETE = re.compile(r"\s+autocomplete=\"[^\"<>]*\"")


def fix_theme_markup(html: str) -> str:
    """The page without `autocomplete` on checkboxes; nothing else changes."""
    return _CHECKBOX.sub(lambda m: _AUTOCOMPLETE.sub("", m.group(0)), html)
