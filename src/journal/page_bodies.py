"""Rendered page bodies kept between builds: which bodies may be, and what the key covers.

Converting an abstract's Markdown is most of what a warm build does for its page, and the
text rarely changes. The host renders a body once and keeps the result (its HTML, table of
contents, title and anchors) in the output cache, keyed by the Markdown text and the host's
Markdown settings (`renderer_fingerprint`).

Only a self-contained body is kept: one without links to the site's own pages, images
or raw HTML. Those links are the part of a rendered body that depends on other files (the
host rewrites links to other pages and warns when their target is missing, which a
`--strict` build must still see), so a body with any is rendered every build, as before.
Links to other sites (`[doi:…](https://doi.org/…)`, `<https://…>`, a reference
`[1]: https://…`) are left as written by the host (MkDocs returns a URL with a scheme
untouched and records nothing for it), so they do not stop a body from being kept.
No body is kept when a Markdown extension reads other files (snippets, includes), whose
changes the key would not see.
"""

from __future__ import annotations

import json
import re
from collections.abc import Mapping, Sequence
from typing import Any

BODY = "page-body"
BIOGRAPHY = "biography-html"
"""A biography as abstract pages show it (rendered apart from any page: no links rewritten)."""

_LINK_MARK = re.compile(r"\]\(\s*<?(https?://)?|\]:[ \t]*<?(https?://)?")
"""Inline and reference links and images (and footnotes, which look like references); the
group is set when the target is an address on another site."""
_TAG = re.compile(r"<(?!https?://[^\s<>]*>)[A-Za-z/!?]")
"""Raw HTML and autolinks to anything but another site; "p < 0.05" is text."""

FILE_READING_EXTENSIONS = frozenset(
    {
        "pymdownx.snippets",
        "pymdownx.b64",
        "pymdownx.pathconverter",
        "markdown_include.include",
        "mdx_include",
    }
)
"""Extensions whose output depends on files other than the page: no body is kept."""


def is_self_contained(markdown: str) -> bool:
    """True when the rendered body depends on nothing but the text and the settings."""
    if _TAG.search(markdown):
        return False
    return all(mark.group(1) or mark.group(2) for mark in _LINK_MARK.finditer(markdown))


def _name_of(value: Any) -> str:
    """A stable name for a setting that is not JSON (e.g. an emoji function)."""
    module = getattr(value, "__module__", None)
    qualname = getattr(value, "__qualname__", None)
    if module and qualname:
        return f"{module}.{qualname}"
    raise TypeError(f"no stable name for {type(value).__name__}")


def renderer_fingerprint(
    extensions: Sequence[Any], configs: Mapping[str, Any], versions: Mapping[str, str]
) -> str | None:
    """The host's Markdown settings and library versions as one text, or None when bodies
    must not be kept (an extension reads other files, or a setting has no stable name)."""
    if not all(isinstance(e, str) for e in extensions):
        return None  # an extension object: its settings are not visible here
    if FILE_READING_EXTENSIONS.intersection(extensions):
        return None
    try:
        return json.dumps(
            [list(extensions), configs, sorted(versions.items())], sort_keys=True, default=_name_of
        )
    except TypeError:
        return None


__all__ = [
    "BIOGRAPHY",
    "BODY",
    "FILE_READING_EXTENSIONS",
    "is_self_contained",
    "renderer_fingerprint",
]
