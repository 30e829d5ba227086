"""DOAJ article XML (doajArticles.xsd 1.3), one file per issue.

The schema has no licence, funding or reference list: DOAJ takes the licence from the
journal's record. Titles and abstracts are given in every language the article has."""

from __future__ import annotations

import xml.etree.ElementTree as ET

from .. import title_markup
from ..model import Abstract, Affiliation, Issue, Journal
from .common import abstract_url, cited_date, iso_date, language3, plain_text, sub, xml_text

XSI = "http://www.w3.org/2001/XMLSchema-instance"
SCHEMA_LOCATION = "https://doaj.org/static/doaj/doajArticles.xsd"


def _record(parent: ET.Element, journal: Journal, abstract: Abstract) -> None:
    settings = journal.settings
    language = language3(settings)
    record = sub(parent, "record")
    sub(record, "language", language)
    if settings.publisher:
        sub(record, "publisher", settings.publisher)
    sub(record, "journalTitle", settings.title)
    if settings.issn_print:
        sub(record, "issn", settings.issn_print)
    if settings.issn_online:
        sub(record, "eissn", settings.issn_online)
    # DOAJ has one date, shown and cited with the volume and issue: the issue's (its year).
    sub(record, "publicationDate", iso_date(cited_date(journal, abstract)))
    sub(record, "volume", str(abstract.volume))
    if abstract.issue is not None:  # a continuous journal's articles have none
        sub(record, "issue", str(abstract.issue))
    if abstract.first_page:
        sub(record, "startPage", abstract.first_page)
        sub(record, "endPage", abstract.last_page)
    elif abstract.article_number:  # DOAJ has no article-number field: its start page
        sub(record, "startPage", abstract.article_number)
    if abstract.doi:
        sub(record, "doi", abstract.doi)
    sub(record, "publisherRecordId", abstract.slug)
    sub(record, "documentType", abstract.type)
    sub(record, "title", title_markup.plain(abstract.title), language=language)
    for translation in abstract.translations:
        if translation.title:
            code = language3(settings, translation.language)
            sub(record, "title", title_markup.plain(translation.title), language=code)
    ids: dict[Affiliation, int] = {}
    authors = sub(record, "authors")
    for contributor in abstract.authors:
        author = sub(authors, "author")
        sub(author, "name", contributor.name)
        # No <email>: the site shows no address as plain text (harvesters).
        for affiliation in contributor.affiliations:
            sub(author, "affiliationId", str(ids.setdefault(affiliation, len(ids) + 1)))
        if contributor.author and contributor.author.orcid:
            sub(author, "orcid_id", f"https://orcid.org/{contributor.author.orcid}")
    if ids:
        listing = sub(record, "affiliationsList")
        for affiliation, number in ids.items():
            name = ", ".join(x for x in (affiliation.name, affiliation.country) if x)
            sub(listing, "affiliationName", name, affiliationId=str(number))
    text = plain_text(abstract.body)
    if text:
        sub(record, "abstract", text, language=language)
    for translation in abstract.translations:
        text = plain_text(translation.abstract)
        if text:
            sub(record, "abstract", text, language=language3(settings, translation.language))
    sub(record, "fullTextUrl", abstract_url(settings, abstract), format="html")
    if abstract.keywords:
        keywords = sub(record, "keywords", language=language)
        for keyword in abstract.keywords:
            sub(keywords, "keyword", keyword)


def export_doaj(journal: Journal, issue: Issue) -> str:
    """Every abstract of the issue as DOAJ article records."""
    ET.register_namespace("xsi", XSI)
    root = ET.Element("records", {f"{{{XSI}}}noNamespaceSchemaLocation": SCHEMA_LOCATION})
    for abstract in issue.abstracts:
        _record(root, journal, abstract)
    return xml_text(root)
