"""Fixes to the theme's own markup outside every template block, applied to a written page.

Material's base.html gives its two toggle checkboxes (drawer, search) `autocomplete="off"`,
which HTML allows on text fields, not on checkboxes (the Nu HTML Checker reports an error on
every page). The adapter runs `fix_theme_markup` on each page's HTML after it is rendered (and on
404.html).

`compact_whitespace` drops the templates' indentation (Material's and ours): about a tenth of
every page's bytes. A run of white space that holds a line break becomes that one line break,
which a browser shows as it showed the run; left as they are: `<pre>`, `<textarea>`, `<code>`
and `<kbd>` (shown with their spaces: Material's `white-space: pre-wrap`), `<script>` and
`<style>` (inline JSON-LD and code), comments, and every tag written over several lines (an
attribute's value keeps its line breaks and spaces, e.g. `citation_abstract`'s paragraphs).
"""

from __future__ import annotations

import re

_CHECKBOX = re.compile(r"<input\b[^<>]*\btype=\"checkbox\"[^<>]*>")
_AUTOCOMPLETE = re.compile(r"\s+autocomplete=\"[^\"<>]*\"")

# Split's groups: (whole kept part, element name); text between kept parts is compacted.
_KEPT = re.compile(
    r"(<(pre|textarea|script|style|code|kbd)\b.*?</\2\s*>|<!--.*?-->|<[^<>\n]*\n[^<>]*>)",
    re.DOTALL | re.IGNORECASE,
)
_BREAK_RUN = re.compile(r"\n[ \t\r\n]*")


def fix_theme_markup(html: str) -> str:
    """The page without `autocomplete` on checkboxes; nothing else changes."""
    return _CHECKBOX.sub(lambda m: _AUTOCOMPLETE.sub("", m.group(0)), html)


def compact_whitespace(html: str) -> str:
    """The page with each run of white space holding a line break cut to one line break,
    outside the elements and tags that keep their spaces (module docstring)."""
    parts = _KEPT.split(html)
    parts[::3] = [_BREAK_RUN.sub("\n", text) for text in parts[::3]]
    del parts[2::3]  # the element names
    return "".join(parts)
