"""JATS 1.3 (Journal Publishing) XML, one file per abstract: front matter and abstract."""

from __future__ import annotations

import datetime
import xml.etree.ElementTree as ET

from .. import title_markup, urls
from ..model import Abstract, Affiliation, Author, Contributor, Journal, Settings
from .common import (
    DateParts,
    absolute,
    abstract_url,
    bio_paragraphs,
    collection_date,
    date_parts,
    given_and_family,
    has_pdf,
    paragraphs,
    pdf_url,
    sub,
    xml_text,
)

XLINK = "http://www.w3.org/1999/xlink"
MATHML = "http://www.w3.org/1998/Math/MathML"
XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"


def _date(parent: ET.Element, tag: str, date: datetime.date | DateParts, **attributes: str) -> None:
    """A date, or (year, month, day) or (year,), in JATS's day, month, year order."""
    parts = date_parts(date) if isinstance(date, datetime.date) else date
    element = sub(parent, tag, **attributes)
    for name, number in reversed(tuple(zip(("month", "day"), parts[1:], strict=False))):
        sub(element, name, f"{number:02d}")
    sub(element, "year", str(parts[0]))


def _journal_meta(parent: ET.Element, journal: Journal) -> None:
    settings = journal.settings
    meta = sub(parent, "journal-meta")
    sub(meta, "journal-id", settings.abbreviation, **{"journal-id-type": "publisher-id"})
    titles = sub(meta, "journal-title-group")
    sub(titles, "journal-title", settings.title)
    sub(titles, "abbrev-journal-title", settings.abbreviation, **{"abbrev-type": "publisher"})
    for issn, kind in ((settings.issn_print, "print"), (settings.issn_online, "electronic")):
        if issn:
            sub(meta, "issn", issn, **{"publication-format": kind})
    if settings.publisher:
        sub(sub(meta, "publisher"), "publisher-name", settings.publisher)


def _name(contrib: ET.Element, author: Author) -> None:
    given, family = given_and_family(author)
    name = sub(contrib, "name")
    sub(name, "surname", family)
    if given:
        sub(name, "given-names", given)


def _collab(group: ET.Element, contributor: Contributor) -> None:
    """A group author: its name in <collab>, its members (if named) in a nested group."""
    collab = sub(sub(group, "contrib", **{"contrib-type": "author"}), "collab", contributor.name)
    members = contributor.group.members if contributor.group else ()
    if members:
        inner = sub(collab, "contrib-group")
        for member in members:
            contrib = sub(inner, "contrib", **{"contrib-type": "author"})
            _name(contrib, member)


def _contribs(parent: ET.Element, abstract: Abstract) -> None:
    group = sub(parent, "contrib-group")
    ids: dict[Affiliation, str] = {}
    for contributor in abstract.authors:
        author = contributor.author
        if author is None:
            _collab(group, contributor)
            continue
        attributes = {"contrib-type": "author"}
        if contributor.is_corresponding:
            attributes["corresp"] = "yes"
        contrib = sub(group, "contrib", **attributes)
        if author.orcid:
            sub(
                contrib,
                "contrib-id",
                f"https://orcid.org/{author.orcid}",
                **{"contrib-id-type": "orcid"},
            )
        _name(contrib, author)
        if author.degrees:
            sub(contrib, "degrees", author.degrees)
        for affiliation in contributor.affiliations:
            rid = ids.setdefault(affiliation, f"aff{len(ids) + 1}")
            sub(contrib, "xref", **{"ref-type": "aff", "rid": rid})
        text = bio_paragraphs(author.bio)
        if text:
            bio = sub(contrib, "bio")
            for paragraph in text:
                sub(bio, "p", paragraph)
    for affiliation, rid in ids.items():
        aff = sub(group, "aff", id=rid)
        wrap = sub(aff, "institution-wrap")
        if affiliation.ror:
            sub(wrap, "institution-id", affiliation.ror, **{"institution-id-type": "ror"})
        sub(wrap, "institution", affiliation.name)
        if affiliation.country:
            wrap.tail = ", "
            sub(aff, "country", affiliation.country)


RELATED_TYPES = {
    # this notice → the article it is about; the article → its notice
    "correction": ("corrected-article", "correction-forward"),
    "retraction": ("retracted-article", "retraction-forward"),
    "expression-of-concern": ("object-of-concern", "concern-forward"),
}


def _related(meta: ET.Element, journal: Journal, abstract: Abstract) -> None:
    """<related-article> links between a notice and the article it corrects or retracts."""
    pairs = [(u, RELATED_TYPES[u.kind][0]) for u in abstract.updates]
    pairs += [(u, RELATED_TYPES[u.kind][1]) for u in abstract.updated_by]
    for update, kind in pairs:
        attributes = {"related-article-type": kind}
        if update.doi:
            attributes |= {"ext-link-type": "doi", f"{{{XLINK}}}href": update.doi}
        else:
            url = absolute(journal.settings, urls.url_for_abstract(update.slug))
            attributes |= {"ext-link-type": "uri", f"{{{XLINK}}}href": url}
        related = sub(meta, "related-article", **attributes)
        if update.title:
            title_markup.add_xml(related, update.title, title_markup.JATS_TAGS)


def _article_meta(parent: ET.Element, journal: Journal, abstract: Abstract) -> None:
    settings = journal.settings
    meta = sub(parent, "article-meta")
    if abstract.doi:
        sub(meta, "article-id", abstract.doi, **{"pub-id-type": "doi"})
    categories = sub(meta, "article-categories")
    sub(sub(categories, "subj-group", **{"subj-group-type": "heading"}), "subject", abstract.type)
    titles = sub(meta, "title-group")
    title = sub(titles, "article-title")
    title_markup.add_xml(title, abstract.title, title_markup.JATS_TAGS)
    for translation in abstract.translations:
        if translation.title:
            group = sub(titles, "trans-title-group", **{XML_LANG: translation.language})
            trans = sub(group, "trans-title")
            title_markup.add_xml(trans, translation.title, title_markup.JATS_TAGS)
    if abstract.authors:
        _contribs(meta, abstract)
    _date(
        meta,
        "pub-date",
        abstract.published,
        **{"publication-format": "electronic", "date-type": "pub"},
    )
    if abstract.issue is not None:  # the issue it is collected in, and cited by (its year)
        _date(meta, "pub-date", collection_date(journal, abstract), **{"date-type": "collection"})
    sub(meta, "volume", str(abstract.volume))
    if abstract.issue is not None:  # a continuous journal's articles have none
        sub(meta, "issue", str(abstract.issue))
    if abstract.first_page:
        sub(meta, "fpage", abstract.first_page)
        sub(meta, "lpage", abstract.last_page)
    elif abstract.article_number:
        sub(meta, "elocation-id", abstract.article_number)
    if abstract.received or abstract.accepted:
        history = sub(meta, "history")
        for kind, date in (("received", abstract.received), ("accepted", abstract.accepted)):
            if date:
                _date(history, "date", date, **{"date-type": kind})
    licence = abstract.licence_in(settings)
    if licence:
        permissions = sub(meta, "permissions")
        element = sub(permissions, "license", **{f"{{{XLINK}}}href": licence.url})
        sub(element, "license-p", f"Published under the {licence.name} licence.")
    sub(meta, "self-uri", **{f"{{{XLINK}}}href": abstract_url(settings, abstract)})
    if has_pdf(settings, abstract):
        uri = {f"{{{XLINK}}}href": pdf_url(settings, abstract), "content-type": "pdf"}
        sub(meta, "self-uri", **uri)
    _related(meta, journal, abstract)
    text = paragraphs(abstract.body)
    if text:
        section = sub(meta, "abstract")
        for paragraph in text:
            sub(section, "p", paragraph)
    text = paragraphs(abstract.plain_summary)
    if text:
        section = sub(meta, "abstract", **{"abstract-type": "plain-language-summary"})
        sub(section, "title", "Plain-language summary")
        for paragraph in text:
            sub(section, "p", paragraph)
    for translation in abstract.translations:
        text = paragraphs(translation.abstract)
        if text:
            section = sub(meta, "trans-abstract", **{XML_LANG: translation.language})
            for paragraph in text:
                sub(section, "p", paragraph)
    if abstract.keywords:
        group = sub(meta, "kwd-group", **{"kwd-group-type": "author"})
        for keyword in abstract.keywords:
            sub(group, "kwd", keyword)
    if abstract.funding:
        _funding(meta, abstract)
    if abstract.conference:
        conference = sub(meta, "conference")
        if abstract.conference.dates:
            sub(conference, "conf-date", abstract.conference.dates)
        sub(conference, "conf-name", abstract.conference.name)
        if abstract.conference.place:
            sub(conference, "conf-loc", abstract.conference.place)


def _funding(meta: ET.Element, abstract: Abstract) -> None:
    """<funding-group>: one <award-group> per funder, its id as JATS4R recommends."""
    group = sub(meta, "funding-group")
    for number, funding in enumerate(abstract.funding, 1):
        award = sub(group, "award-group", id=f"award{number}")
        source = sub(award, "funding-source")
        wrap = sub(source, "institution-wrap")
        if funding.is_ror:
            sub(wrap, "institution-id", funding.funder_id, **{"institution-id-type": "ror"})
        elif funding.funder_id:
            attributes = {
                "institution-id-type": "doi",
                "vocab": "open-funder-registry",
                "vocab-identifier": "10.13039/open_funder_registry",
            }
            sub(wrap, "institution-id", funding.funder_id, **attributes)
        sub(wrap, "institution", funding.funder)
        for number_text in funding.awards:
            sub(award, "award-id", number_text)


def _back(root: ET.Element, abstract: Abstract) -> None:
    """Competing interests (a coi-statement note), data availability (a section) and the
    references, as JATS4R tags them."""
    interests = paragraphs(abstract.competing_interests)
    availability = paragraphs(abstract.data_availability)
    if not (interests or availability or abstract.references):
        return
    back = sub(root, "back")
    if interests:
        note = sub(sub(back, "fn-group"), "fn", **{"fn-type": "coi-statement"})
        for paragraph in interests:
            sub(note, "p", paragraph)
    if availability:
        section = sub(back, "sec", **{"sec-type": "data-availability"})
        sub(section, "title", "Data availability")
        for paragraph in availability:
            sub(section, "p", paragraph)
    if abstract.references:
        listing = sub(back, "ref-list")
        sub(listing, "title", "References")
        for number, reference in enumerate(abstract.references, 1):
            ref = sub(listing, "ref", id=f"ref{number}")
            sub(ref, "label", str(number))
            citation = sub(ref, "mixed-citation", reference.text)
            if reference.doi:
                citation.text = f"{reference.text} "
                sub(citation, "pub-id", reference.doi, **{"pub-id-type": "doi"})


def has_jats(settings: Settings) -> bool:
    """Whether JATS files are written: the JATS schema requires the journal's ISSN."""
    return bool(settings.issns)


NO_ISSN_NOTE = (
    "JATS: no JATS XML files are written: the journal has no ISSN, which JATS requires. Add "
    "issn_online (or issn_print) under extra.journal in mkdocs.yml once it has one."
)


def export_jats(journal: Journal, abstract: Abstract) -> str:
    """The abstract's front matter as a JATS 1.3 article."""
    ET.register_namespace("xlink", XLINK)
    ET.register_namespace("mml", MATHML)
    root = ET.Element(
        "article",
        {
            "article-type": journal.settings.article_type(abstract.type).jats,
            "dtd-version": "1.3",
            XML_LANG: journal.settings.language,
        },
    )
    front = sub(root, "front")
    _journal_meta(front, journal)
    _article_meta(front, journal, abstract)
    _back(root, abstract)
    return xml_text(root)
