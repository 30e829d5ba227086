"""A git-native scholarly journal: the content model and everything built from it.

This package never imports MkDocs; `hooks/journal.py` adapts it to MkDocs.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from .problems import Problem, format_report

if TYPE_CHECKING:
    from .reading import load_journal
    from .site import SiteData, build_site_data

__all__ = ["Problem", "SiteData", "build_site_data", "format_report", "load_journal"]


def __getattr__(name: str) -> Any:
    """The build's names, imported when first asked for: `journal check` needs none of the
    pages, exports and PDFs that site.py imports."""
    if name in ("SiteData", "build_site_data", "load_journal"):
        from . import site

        return getattr(site, name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
