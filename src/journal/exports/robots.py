"""robots.txt: let every crawler in and point it at the sitemap."""

from __future__ import annotations

from .. import urls
from ..model import Journal
from .common import absolute


def export_robots(journal: Journal) -> str:
    # A robots.txt Sitemap line must be absolute; without site_url there is none.
    lines = ["User-agent: *", "Allow: /"]
    if journal.settings.cms:  # the editors' desk is no page for readers
        lines.append(f"Disallow: /{urls.ADMIN}")
    if journal.settings.site_url:
        lines.append(f"Sitemap: {absolute(journal.settings, urls.SITEMAP)}")
    return "\n".join(lines) + "\n"
