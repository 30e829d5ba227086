"""The Atom feed of the newest abstracts."""

from __future__ import annotations

import datetime
import xml.etree.ElementTree as ET

from .. import title_markup, urls
from ..model import Journal
from .common import absolute, abstract_url, plain_text, sub, xml_text

ATOM = "http://www.w3.org/2005/Atom"
SIZE = 20
"""How many abstracts the feed lists."""


def _q(tag: str) -> str:
    return f"{{{ATOM}}}{tag}"


def _timestamp(date: datetime.date) -> str:
    return f"{date.isoformat()}T00:00:00Z"


def export_atom(journal: Journal) -> str:
    """The newest abstracts, newest first; `updated` is the newest one's date (not "now")."""
    settings = journal.settings
    newest = sorted(journal.abstracts, key=lambda a: (a.published, a.slug), reverse=True)[:SIZE]
    ET.register_namespace("", ATOM)
    feed = ET.Element(_q("feed"), {"{http://www.w3.org/XML/1998/namespace}lang": settings.language})
    sub(feed, _q("id"), absolute(settings, urls.FEED))
    sub(feed, _q("title"), settings.title)
    if settings.description:
        sub(feed, _q("subtitle"), settings.description)
    dates = [a.published for a in newest]
    sub(feed, _q("updated"), _timestamp(max(dates)) if dates else "1970-01-01T00:00:00Z")
    sub(
        feed,
        _q("link"),
        rel="self",
        type="application/atom+xml",
        href=absolute(settings, urls.FEED),
    )
    sub(feed, _q("link"), rel="alternate", type="text/html", href=absolute(settings, ""))
    sub(sub(feed, _q("author")), _q("name"), settings.publisher or settings.title)
    if settings.license:
        sub(feed, _q("rights"), settings.license.name)
    for abstract in newest:
        entry = sub(feed, _q("entry"))
        url = abstract_url(settings, abstract)
        sub(entry, _q("id"), f"https://doi.org/{abstract.doi}" if abstract.doi else url)
        sub(entry, _q("title"), title_markup.plain(abstract.title))
        sub(entry, _q("link"), rel="alternate", type="text/html", href=url)
        if abstract.doi:
            sub(
                entry,
                _q("link"),
                rel="related",
                href=f"https://doi.org/{abstract.doi}",
                title=f"DOI {abstract.doi}",
            )
        sub(entry, _q("published"), _timestamp(abstract.published))
        sub(entry, _q("updated"), _timestamp(abstract.published))
        for contributor in abstract.authors:
            sub(sub(entry, _q("author")), _q("name"), contributor.name)
        for keyword in abstract.keywords:
            sub(entry, _q("category"), term=keyword)
        sub(entry, _q("summary"), plain_text(abstract.body), type="text")
    return xml_text(feed)
