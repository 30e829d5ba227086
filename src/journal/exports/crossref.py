"""Crossref deposit XML (schema 5.4.0), one batch per issue."""

from __future__ import annotations

import datetime
import hashlib
import xml.etree.ElementTree as ET
from xml.sax import saxutils

from .. import title_markup, urls
from ..model import Abstract, Issue, Journal
from .common import (
    DateParts,
    abstract_url,
    cited_date,
    date_parts,
    given_and_family,
    has_pdf,
    issue_date,
    issue_date_parts,
    paragraphs,
    pdf_url,
    sub,
    xml_text,
)

VERSION = "5.4.0"
NS = f"http://www.crossref.org/schema/{VERSION}"
JATS = "http://www.ncbi.nlm.nih.gov/JATS1"
AI = "http://www.crossref.org/AccessIndicators.xsd"
FR = "http://www.crossref.org/fundref.xsd"
XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
XSI = "http://www.w3.org/2001/XMLSchema-instance"
SCHEMA_LOCATION = f"{NS} https://www.crossref.org/schemas/crossref{VERSION}.xsd"


def _q(tag: str, ns: str = NS) -> str:
    return f"{{{ns}}}{tag}"


def _date(parent: ET.Element, tag: str, parts: DateParts, media_type: str = "online") -> None:
    """A date (year, month, day), or a year alone, in Crossref's month, day, year order."""
    element = sub(parent, _q(tag), media_type=media_type)
    for name, number in zip(("month", "day"), parts[1:], strict=False):
        sub(element, _q(name), f"{number:02d}")
    sub(element, _q("year"), str(parts[0]))


def _contributors(parent: ET.Element, abstract: Abstract) -> None:
    contributors = sub(parent, _q("contributors"))
    for n, contributor in enumerate(abstract.authors):
        author = contributor.author
        sequence = "first" if n == 0 else "additional"
        if author is None:  # a group: Crossref's organization, never a made-up person
            sub(
                contributors,
                _q("organization"),
                contributor.name,
                contributor_role="author",
                sequence=sequence,
            )
            continue
        person = sub(contributors, _q("person_name"), contributor_role="author", sequence=sequence)
        given, family = given_and_family(author)
        if given:
            sub(person, _q("given_name"), given)
        sub(person, _q("surname"), family)
        if contributor.affiliations:
            affiliations = sub(person, _q("affiliations"))
            for affiliation in contributor.affiliations:
                institution = sub(affiliations, _q("institution"))
                sub(institution, _q("institution_name"), affiliation.name)
                if affiliation.ror:
                    sub(institution, _q("institution_id"), affiliation.ror, type="ror")
                if affiliation.country:
                    sub(institution, _q("institution_place"), affiliation.country)
        if author.orcid:
            sub(person, _q("ORCID"), f"https://orcid.org/{author.orcid}")


CROSSMARK_UPDATES = {
    "correction": "correction",
    "retraction": "retraction",
    "expression-of-concern": "expression_of_concern",
}


def _license(parent: ET.Element, journal: Journal, abstract: Abstract) -> None:
    licence = abstract.licence_in(journal.settings)
    if licence:
        program = sub(parent, _q("program", AI), name="AccessIndicators")
        sub(program, _q("license_ref", AI), licence.url)


def _fundref(parent: ET.Element, abstract: Abstract) -> None:
    """Funding data: one fundgroup per funder, with its name, id and award numbers."""
    program = sub(parent, _q("program", FR), name="fundref")
    for funding in abstract.funding:
        group = sub(program, _q("assertion", FR), name="fundgroup")
        name = sub(group, _q("assertion", FR), funding.funder, name="funder_name")
        if funding.funder_id and not funding.is_ror:
            url = urls.url_for_funder(funding.funder_id)
            sub(name, _q("assertion", FR), url, name="funder_identifier")
        elif funding.funder_id:
            sub(group, _q("assertion", FR), funding.funder_id, name="ror")
        for award in funding.awards:
            sub(group, _q("assertion", FR), award, name="award_number")


def _programs(parent: ET.Element, journal: Journal, abstract: Abstract) -> None:
    """Funding and licence, in the schema's order (fr:program, then ai:program)."""
    if abstract.funding:
        _fundref(parent, abstract)
    _license(parent, journal, abstract)


def _crossmark(parent: ET.Element, journal: Journal, abstract: Abstract) -> None:
    """Crossmark: the journal's policy, what this notice updates, funding and licence inside it."""
    crossmark = sub(parent, _q("crossmark"))
    sub(crossmark, _q("crossmark_policy"), journal.settings.crossmark_policy)
    updates = [u for u in abstract.updates if u.doi]
    if updates:
        listing = sub(crossmark, _q("updates"))
        for update in updates:
            sub(
                listing,
                _q("update"),
                update.doi,
                type=CROSSMARK_UPDATES[update.kind],
                date=abstract.published.isoformat(),
            )
    if abstract.licence_in(journal.settings) or abstract.funding:
        _programs(sub(crossmark, _q("custom_metadata")), journal, abstract)


def _citations(parent: ET.Element, abstract: Abstract) -> None:
    """The reference list: each reference as printed, with its DOI when known."""
    listing = sub(parent, _q("citation_list"))
    for number, reference in enumerate(abstract.references, 1):
        citation = sub(listing, _q("citation"), key=f"ref{number}")
        if reference.doi:
            sub(citation, _q("doi"), reference.doi)
        sub(citation, _q("unstructured_citation"), reference.text)


def _article(parent: ET.Element, journal: Journal, abstract: Abstract) -> None:
    settings = journal.settings
    kind = settings.article_type(abstract.type).crossref
    article = sub(parent, _q("journal_article"), publication_type=kind, language=settings.language)
    title = sub(sub(article, _q("titles")), _q("title"))
    title_markup.add_xml(title, abstract.title, title_markup.CROSSREF_TAGS, NS)
    for translation in abstract.translations:  # a translated title: one more <titles>
        if translation.title:
            other = sub(sub(article, _q("titles")), _q("title"))
            title_markup.add_xml(other, translation.title, title_markup.CROSSREF_TAGS, NS)
    if abstract.authors:
        _contributors(article, abstract)
    text = paragraphs(abstract.body)
    if text:
        jats_abstract = sub(article, _q("abstract", JATS))
        if abstract.translations:
            jats_abstract.set(XML_LANG, settings.language)
        for paragraph in text:
            sub(jats_abstract, _q("p", JATS), paragraph)
    for translation in abstract.translations:
        text = paragraphs(translation.abstract)
        if text:
            jats_abstract = sub(article, _q("abstract", JATS), **{XML_LANG: translation.language})
            for paragraph in text:
                sub(jats_abstract, _q("p", JATS), paragraph)
    _date(article, "publication_date", date_parts(abstract.published))
    cited = cited_date(journal, abstract)
    if cited[0] != abstract.published.year:  # online the year before its (print) issue
        _date(article, "publication_date", cited, "print")
    if abstract.pages:
        pages = sub(article, _q("pages"))
        sub(pages, _q("first_page"), abstract.first_page)
        if abstract.last_page != abstract.first_page:
            sub(pages, _q("last_page"), abstract.last_page)
    if abstract.article_number:
        item = sub(article, _q("publisher_item"))
        sub(item, _q("item_number"), abstract.article_number, item_number_type="article_number")
    if settings.crossmark_policy:
        _crossmark(article, journal, abstract)
    else:
        _programs(article, journal, abstract)
    doi_data = sub(article, _q("doi_data"))
    sub(doi_data, _q("doi"), abstract.doi)
    sub(doi_data, _q("resource"), abstract_url(settings, abstract))
    if has_pdf(settings, abstract):  # the full text for text and data mining (Crossref's way)
        collection = sub(doi_data, _q("collection"), property="text-mining")
        item = sub(collection, _q("item"))
        sub(item, _q("resource"), pdf_url(settings, abstract), mime_type="application/pdf")
    if abstract.references:
        _citations(article, abstract)


def _body(journal: Journal, issue: Issue, abstracts: list[Abstract]) -> ET.Element:
    settings = journal.settings
    body = ET.Element(_q("body"))
    container = sub(body, _q("journal"))
    metadata = sub(container, _q("journal_metadata"), language=settings.language)
    sub(metadata, _q("full_title"), settings.title)
    sub(metadata, _q("abbrev_title"), settings.abbreviation)
    if settings.issn_print:
        sub(metadata, _q("issn"), settings.issn_print, media_type="print")
    if settings.issn_online:
        sub(metadata, _q("issn"), settings.issn_online, media_type="electronic")
    journal_issue = sub(container, _q("journal_issue"))
    parts = issue_date_parts(issue)  # its year alone: a print issue of articles online before
    _date(journal_issue, "publication_date", parts, "online" if len(parts) > 1 else "print")
    sub(sub(journal_issue, _q("journal_volume")), _q("volume"), str(issue.volume))
    if issue.number is not None:  # a continuous journal's volume: journal_volume only
        sub(journal_issue, _q("issue"), str(issue.number))
    for abstract in abstracts:
        _article(container, journal, abstract)
    return body


def deposited(issue: Issue) -> list[Abstract]:
    """The abstracts of an issue that can be deposited: those with a DOI."""
    return [a for a in issue.abstracts if a.doi]


def export_crossref(journal: Journal, issue: Issue, epoch: int | None = None) -> str:
    """The issue's Crossref deposit; abstracts without a DOI are left out.

    The batch id is a hash of the deposited metadata; the timestamp is SOURCE_DATE_EPOCH
    (`epoch`) when given, else the issue's date, so the same content gives the same file.
    """
    settings = journal.settings
    ET.register_namespace("", NS)
    ET.register_namespace("jats", JATS)
    ET.register_namespace("ai", AI)
    ET.register_namespace("fr", FR)
    ET.register_namespace("xsi", XSI)
    body = _body(journal, issue, deposited(issue))
    digest = hashlib.sha256(ET.tostring(body, encoding="utf-8")).hexdigest()[:16]
    if epoch is None:
        moment = datetime.datetime.combine(
            issue_date(issue), datetime.time(), tzinfo=datetime.timezone.utc
        )
    else:
        moment = datetime.datetime.fromtimestamp(epoch, tz=datetime.timezone.utc)
    root = ET.Element(
        _q("doi_batch"), {"version": VERSION, _q("schemaLocation", XSI): SCHEMA_LOCATION}
    )
    head = sub(root, _q("head"))
    batch = f"volume-{issue.volume}" if issue.is_volume else f"issue-{issue.volume}-{issue.number}"
    sub(head, _q("doi_batch_id"), f"{batch}-{digest}")
    sub(head, _q("timestamp"), moment.strftime("%Y%m%d%H%M%S"))
    depositor = sub(head, _q("depositor"))
    sub(
        depositor,
        _q("depositor_name"),
        settings.depositor_name or settings.publisher or settings.title,
    )
    email = settings.depositor_email or settings.contact_email
    sub(depositor, _q("email_address"), email)
    sub(head, _q("registrant"), settings.registrant or settings.publisher or settings.title)
    root.append(body)
    return _hide_email(xml_text(root), email)


def _hide_email(text: str, email: str) -> str:
    # The site shows no e-mail address as plain text (harvesters); Crossref requires one.
    # A character reference for "@" is the same address to every XML parser.
    escaped = saxutils.escape(email)
    plain = f"<email_address>{escaped}</email_address>"
    return text.replace(plain, plain.replace("@", "&#64;"), 1)
